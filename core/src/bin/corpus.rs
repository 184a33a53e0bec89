//! The corpus tool: the editor's one command, and the build's first step.
//!
//! ```text
//! corpus build  <content-dir> <out.json>   validate content/ and write corpus.json
//! corpus import <export.txt>  <content-dir> add the posts of a blog export as content files
//! corpus align  <content-dir> [slug]       how each translated pair is aligned, weak rows flagged
//! ```
//! Problems are printed one a line as `file:line: what is wrong`, and the
//! command exits non-zero; `build` then leaves the previous corpus.json as it was.
//!
//! `ESSAIS_SEARCH_SIZES=<shard>,<head>` (bytes) cuts the search index finer
//! than the tool's sizes: the tests use it so that the five essays of
//! content/ have common words whose postings come in a head and the rest
//! (`essais_core::search_shards`).

use essais_core::align::WEAK;
use essais_core::content::{self, TAXONOMY_FILE};
use essais_core::import::{self, WriteOutcome};
use essais_core::Lang;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  corpus build  <content-dir> <out.json>    validate the sources and write the corpus
  corpus import <export.txt> <content-dir>  turn a blog export into content files
                                            (existing files are never overwritten)
  corpus align  <content-dir> [slug]        print how each translated pair (or the one
                                            with this slug or key) is aligned, rows to
                                            check flagged with !";

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
        ["align", content_dir] => align(Path::new(content_dir), None),
        ["align", content_dir, slug] => align(Path::new(content_dir), Some(slug)),
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
    let Some(mut built) = load_or_report(content_dir, out) else {
        return ExitCode::FAILURE;
    };
    if let Ok(sizes) = std::env::var("ESSAIS_SEARCH_SIZES") {
        let parsed: Vec<usize> = sizes
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect();
        let [shard, head] = parsed[..] else {
            eprintln!("ESSAIS_SEARCH_SIZES={sizes}: expected two sizes in bytes, <shard>,<head>");
            return ExitCode::FAILURE;
        };
        built.cut_search(essais_core::search_shards::Sizes { shard, head });
    }
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

/// The editor's report: every row of every translated pair (French on the
/// left), with the openings of its blocks, its match and how sure the
/// aligner is. Rows to check are flagged `!`; a marker's rows say `fixed`.
fn align(content_dir: &Path, only: Option<&str>) -> ExitCode {
    let built = match content::load(content_dir) {
        Ok(built) => built,
        Err(errors) => {
            for error in &errors {
                eprintln!("{error}");
            }
            eprintln!("corpus: {} problem(s)", errors.len());
            return ExitCode::FAILURE;
        }
    };
    let corpus = &built.corpus;
    let mut shown = 0;
    for essay in corpus.essays.iter().filter(|e| e.lang == Lang::Fr) {
        let Some(other) = corpus
            .essays
            .iter()
            .find(|o| o.translation_key == essay.translation_key && o.lang != essay.lang)
        else {
            continue;
        };
        if only.is_some_and(|s| s != essay.slug && s != other.slug && s != essay.translation_key) {
            continue;
        }
        let (Some(alignment), Some(left), Some(right)) = (
            built.alignments.get(&essay.slug),
            built.bodies.get(&essay.slug),
            built.bodies.get(&other.slug),
        ) else {
            continue;
        };
        shown += 1;
        let weak = alignment
            .rows
            .iter()
            .filter(|r| r.confidence < WEAK && !r.corrected)
            .count();
        println!(
            "{} (fr) | {} (en): {} rows, {} to check",
            essay.slug,
            other.slug,
            alignment.rows.len(),
            weak
        );
        println!(
            "  {:>4}  {:<9} {:<9} {:<5} {:>5}",
            "row", "fr", "en", "match", "sure"
        );
        for (n, row) in alignment.rows.iter().enumerate() {
            let blocks = |range: &std::ops::Range<usize>| match range.len() {
                0 => "-".to_string(),
                1 => format!("{}", range.start + 1),
                _ => format!("{}-{}", range.start + 1, range.end),
            };
            let opening = |blocks: &[essais_core::document::Block],
                           range: &std::ops::Range<usize>| {
                let text: String = blocks[range.clone()]
                    .iter()
                    .map(essais_core::search::block_text)
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut opening: String = text.chars().take(36).collect();
                if text.chars().count() > 36 {
                    opening.push('…');
                }
                if opening.is_empty() {
                    "(nothing)".to_string()
                } else {
                    opening
                }
            };
            let sure = if row.corrected {
                "fixed".to_string()
            } else {
                format!("{}%", row.confidence)
            };
            let flag = if row.confidence < WEAK && !row.corrected {
                "!"
            } else {
                " "
            };
            println!(
                "{flag} {:>4}  {:<9} {:<9} {:<5} {:>5}  {}  |  {}",
                n + 1,
                blocks(&row.left),
                blocks(&row.right),
                format!("{}-{}", row.left.len(), row.right.len()),
                sure,
                opening(left, &row.left),
                opening(right, &row.right),
            );
        }
        println!();
    }
    if shown == 0 {
        match only {
            Some(slug) => eprintln!("corpus: no translated pair has the slug or key {slug:?}"),
            None => eprintln!("corpus: no translated pair to align"),
        }
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
