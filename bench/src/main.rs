//! `bench-corpus`: what `scripts/bench` needs besides the app, kept out of
//! the library crate and the editor's `corpus` command.
//!
//! ```text
//! bench-corpus generate <pairs> <seed-content-dir> <out-content-dir>
//!     a synthetic corpus of <pairs> translated essays made of the seed's sentences
//! bench-corpus static <content-dir> <out-dir>
//!     the corpus as plain HTML pages, one per essay and a library per language:
//!     the floor the app's loads are compared with
//! ```

#![recursion_limit = "256"]

mod baseline;
mod generate;

use essais_core::Lang;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  bench-corpus generate <pairs> <seed-content-dir> <out-content-dir>
                                   write a synthetic corpus of <pairs> translated essays
                                   made of the seed's sentences
  bench-corpus static <content-dir> <out-dir>
                                   write the corpus as plain HTML pages, one per essay
                                   and a library per language";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["generate", pairs, seed, out] => generate(pairs, Path::new(seed), Path::new(out)),
        ["static", content, out] => baseline::write(Path::new(content), Path::new(out)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench-corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the content of `dir`, or says each of its problems.
fn load(dir: &Path) -> Result<essais_core::content::BuiltCorpus, String> {
    essais_core::content::load(dir).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn write(path: &Path, html: &str) -> Result<(), String> {
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, html))
        .map_err(|err| format!("{}: cannot write: {err}", path.display()))
}

fn generate(pairs: &str, seed: &Path, out: &Path) -> Result<(), String> {
    let pairs: usize = pairs
        .parse()
        .map_err(|_| format!("{pairs:?} is not a number of essays"))?;
    let seed = load(seed)?;
    let pool = |lang: Lang| {
        generate::SentencePool::from_bodies(
            seed.search
                .essays
                .iter()
                .filter(|e| seed.corpus.essay(&e.slug).is_some_and(|x| x.lang == lang))
                .flat_map(|e| e.passages.iter().skip(1).map(String::as_str)),
        )
    };
    let (fr, en) = (pool(Lang::Fr), pool(Lang::En));
    let files = generate::write_corpus(out, pairs, &fr, &en)
        .map_err(|err| format!("{}: cannot write: {err}", out.display()))?;
    println!("{files} essay files written in {}", out.display());
    Ok(())
}
