//! The corpus tool: the editor's one command, and the build's first step.
//!
//! ```text
//! corpus build  <content-dir> <out.json>   validate content/ and write corpus.json
//! corpus import <export.txt>  <content-dir> add the posts of a blog export as content files
//! ```
//! Problems are printed one a line as `file:line: what is wrong`, and the
//! command exits non-zero; `build` then leaves the previous corpus.json as it was.

use essais_core::content::{self, TAXONOMY_FILE};
use essais_core::import::{self, WriteOutcome};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  corpus build  <content-dir> <out.json>    validate the sources and write the corpus
  corpus import <export.txt> <content-dir>  turn a blog export into content files
                                            (existing files are never overwritten)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["build", content_dir, out] => build(Path::new(content_dir), Path::new(out)),
        ["import", export, content_dir] => import(Path::new(export), Path::new(content_dir)),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn load_or_report(content_dir: &Path, out: &Path) -> Option<content::BuiltCorpus> {
    match content::load(content_dir) {
        Ok(built) => Some(built),
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!(
                "corpus: {} problem(s); {} left as it was",
                errors.len(),
                out.display()
            );
            None
        }
    }
}

fn build(content_dir: &Path, out: &Path) -> ExitCode {
    let Some(built) = load_or_report(content_dir, out) else {
        return ExitCode::FAILURE;
    };
    if let Err(err) = content::write_atomically(&built, out) {
        eprintln!("{}: cannot write: {err}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn import(export: &Path, content_dir: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(export) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{}: cannot read: {err}", export.display());
            return ExitCode::FAILURE;
        }
    };
    let taxonomy_path = content_dir.join(TAXONOMY_FILE);
    let taxonomy = match std::fs::read_to_string(&taxonomy_path) {
        Ok(t) => content::parse_taxonomy(&taxonomy_path, &t),
        Err(err) => {
            eprintln!(
                "{}: cannot read: {err} (the import matches categories against it)",
                taxonomy_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let taxonomy = match taxonomy {
        Ok(t) => t,
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("{e}"));
            return ExitCode::FAILURE;
        }
    };
    let posts = match import::parse_export(&text, &taxonomy) {
        Ok(posts) => posts,
        Err(errors) => {
            for error in &errors {
                eprintln!("{}:{}: {}", export.display(), error.line, error.problem);
            }
            eprintln!("corpus: nothing imported");
            return ExitCode::FAILURE;
        }
    };
    match import::write_new_files(&posts, &content_dir.join(content::ESSAYS_DIR)) {
        Ok(outcomes) => {
            for outcome in outcomes {
                match outcome {
                    WriteOutcome::Created(path) => println!("created {}", path.display()),
                    WriteOutcome::Kept(path) => {
                        println!("kept    {} (already there)", path.display())
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write content files: {err}");
            ExitCode::FAILURE
        }
    }
}
