//! The corpus tool: the editor's one command, and the build's first step.
//!
//! ```text
//! corpus build  <content-dir> <out.json>   validate content/ and write corpus.json
//! corpus import <export.txt>  <content-dir> add the posts of a blog export as content files
//! corpus pages  <corpus.json> <dist-dir>    write the entry page, pre-rendered, at every page address
//! corpus generate <pairs> <seed-content-dir> <out-content-dir>
//!                                           a large synthetic corpus, for the benchmark
//! corpus static <content-dir> <out-dir>     the corpus as plain HTML pages (the benchmark's floor)
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
                                            page address, with that page pre-rendered in it,
                                            and as 404.html, for static hosts
  corpus generate <pairs> <seed-content-dir> <out-content-dir>
                                            write a synthetic corpus of <pairs> translated
                                            essays made of the seed's sentences (benchmark)
  corpus static <content-dir> <out-dir>     write the corpus as plain HTML pages, one per
                                            essay and a library per language (benchmark)";

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
        ["generate", pairs, seed, out] => generate(pairs, Path::new(seed), Path::new(out)),
        ["static", content_dir, out] => static_site(Path::new(content_dir), Path::new(out)),
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

/// Static hosts answer `/fr/some-essay/` with `fr/some-essay/index.html`:
/// writing the app's entry page there makes every address a valid first
/// visit, and pre-rendering the page into it (the library's first entries,
/// the essay's text) puts the words on screen before the app has loaded
/// (`essais_core::prerender`). `404.html` serves hosts that use it for
/// unknown addresses.
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
    let template = match std::fs::read_to_string(&entry) {
        Ok(html) => html,
        Err(err) => {
            eprintln!("{}: cannot read: {err}", entry.display());
            return ExitCode::FAILURE;
        }
    };
    let prerenderer = match essais_core::prerender::Prerenderer::new(&corpus, &template) {
        Ok(p) => p,
        Err(err) => {
            eprintln!("{}: {err}", entry.display());
            return ExitCode::FAILURE;
        }
    };
    // Bodies are read from the built corpus beside the entry page, as the app
    // would fetch them.
    let body = |essay: &essais_core::Essay| {
        std::fs::read_to_string(dist.join(&essay.body_url))
            .map_err(|err| format!("{}: {err}", essay.body_url))
            .and_then(|text| {
                essais_core::EssayBody::from_json(&text)
                    .map(|b| b.blocks)
                    .map_err(|err| format!("{}: {err}", essay.body_url))
            })
    };
    let write = |target: std::path::PathBuf, html: &str| {
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, html));
        written.map_err(|err| eprintln!("{}: cannot write: {err}", target.display()))
    };
    for path in essais_core::routes::entry_page_paths(&corpus) {
        let html = match prerenderer.page(&path, body) {
            Ok(html) => html,
            Err(err) => {
                eprintln!("{path}: {err}");
                return ExitCode::FAILURE;
            }
        };
        if write(dist.join(&path).join("index.html"), &html).is_err() {
            return ExitCode::FAILURE;
        }
    }
    match write(dist.join("404.html"), &template) {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::FAILURE,
    }
}

fn generate(pairs: &str, seed: &Path, out: &Path) -> ExitCode {
    let Ok(pairs) = pairs.parse::<usize>() else {
        eprintln!("corpus generate: {pairs:?} is not a number of essays");
        return ExitCode::from(2);
    };
    let Some(seed) = load_or_report(seed, out) else {
        return ExitCode::FAILURE;
    };
    let pool = |lang: essais_core::Lang| {
        essais_core::generate::SentencePool::from_bodies(
            seed.search
                .essays
                .iter()
                .filter(|e| seed.corpus.essay(&e.slug).is_some_and(|x| x.lang == lang))
                .flat_map(|e| e.passages.iter().skip(1).map(String::as_str)),
        )
    };
    let (fr, en) = (pool(essais_core::Lang::Fr), pool(essais_core::Lang::En));
    match essais_core::generate::write_corpus(out, pairs, &fr, &en) {
        Ok(files) => {
            println!("{files} essay files written in {}", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}: cannot write: {err}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn static_site(content_dir: &Path, out: &Path) -> ExitCode {
    let Some(built) = load_or_report(content_dir, out) else {
        return ExitCode::FAILURE;
    };
    match essais_core::static_site::write_site(&built, out) {
        Ok(pages) => {
            println!("{pages} pages written in {}", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}: cannot write: {err}", out.display());
            ExitCode::FAILURE
        }
    }
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
