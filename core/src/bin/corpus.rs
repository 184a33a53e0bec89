//! The corpus tool: the editor's one command, and the build's first step.
//!
//! ```text
//! corpus build  <content-dir> <out.json>   validate content/ and write corpus.json
//! corpus import <export.txt>  <content-dir> add the posts of a blog export as content files
//! corpus pages  <corpus.json> <dist-dir>    copy dist/index.html to every page address
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
                                            (existing files are never overwritten)
  corpus pages  <corpus.json> <dist-dir>    write the entry page (dist-dir/index.html) at every
                                            page address, and as 404.html, for static hosts";

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
        ["pages", corpus_json, dist] => pages(Path::new(corpus_json), Path::new(dist)),
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

fn build(content_dir: &Path, out: &Path) -> ExitCode {
    let corpus = match content::load(content_dir) {
        Ok(corpus) => corpus,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!(
                "corpus: {} problem(s); {} left as it was",
                errors.len(),
                out.display()
            );
            return ExitCode::FAILURE;
        }
    };
    if let Err(err) = content::write_atomically(&corpus, out) {
        eprintln!("{}: cannot write: {err}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Static hosts answer `/fr/some-essay/` with `fr/some-essay/index.html`:
/// writing the app's entry page there makes every address a valid first
/// visit. `404.html` serves hosts that use it for unknown addresses.
fn pages(corpus_json: &Path, dist: &Path) -> ExitCode {
    let corpus = match std::fs::read_to_string(corpus_json)
        .map(|text| essais_core::Corpus::from_json(&text))
    {
        Ok(Ok(corpus)) => corpus,
        Ok(Err(err)) => {
            eprintln!("{}: {err}", corpus_json.display());
            return ExitCode::FAILURE;
        }
        Err(err) => {
            eprintln!("{}: cannot read: {err}", corpus_json.display());
            return ExitCode::FAILURE;
        }
    };
    let entry = dist.join("index.html");
    let html = match std::fs::read(&entry) {
        Ok(html) => html,
        Err(err) => {
            eprintln!("{}: cannot read: {err}", entry.display());
            return ExitCode::FAILURE;
        }
    };
    let mut targets: Vec<std::path::PathBuf> = essais_core::routes::entry_page_paths(&corpus)
        .iter()
        .map(|path| dist.join(path).join("index.html"))
        .collect();
    targets.push(dist.join("404.html"));
    for target in &targets {
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(target, &html));
        if let Err(err) = written {
            eprintln!("{}: cannot write: {err}", target.display());
            return ExitCode::FAILURE;
        }
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
