//! `bench-corpus`: what `scripts/bench` needs besides the app, kept out of
//! the library crate and the editor's `corpus` command.
//!
//! ```text
//! bench-corpus generate <pairs> <seed-content-dir> <out-content-dir> [<tags> [<categories>]]
//!     a synthetic corpus of <pairs> translated essays made of the seed's sentences
//!     (with <tags>, a taxonomy of that many tags, a few on many essays; with
//!     <categories>, that many more categories, drawn the same way)
//! bench-corpus static <content-dir> <out-dir>
//!     the corpus as plain HTML pages, one per essay and a library per language:
//!     the floor the app's loads are compared with
//! bench-corpus static-library <corpus.json> <out-dir>
//!     the library pages alone, from a built corpus (the 20,000 pairs' floor)
//! bench-corpus search-files <corpus.json> <query>
//!     the files a search for <query> fetches (the shard list, its shards, the
//!     bodies of the first page of hits), one address a line, as the app
//!     fetches them: what it costs on a corpus the app was not built over
//! ```

#![recursion_limit = "256"]

mod baseline;
mod generate;

use essais_core::Lang;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  bench-corpus generate <pairs> <seed-content-dir> <out-content-dir> [<tags> [<categories>]]
                                   write a synthetic corpus of <pairs> translated essays
                                   made of the seed's sentences (with <tags>, a taxonomy
                                   of that many tags, a few of them on many essays; with
                                   <categories>, that many more categories, drawn alike)
  bench-corpus static <content-dir> <out-dir>
                                   write the corpus as plain HTML pages, one per essay
                                   and a library per language
  bench-corpus static-library <corpus.json> <out-dir>
                                   write the library pages alone, from a built corpus
  bench-corpus search-files <corpus.json> <query>
                                   list the files a search fetches (shards, bodies)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["generate", pairs, seed, out] => {
            generate(pairs, Path::new(seed), Path::new(out), None, None)
        }
        ["generate", pairs, seed, out, tags] => {
            generate(pairs, Path::new(seed), Path::new(out), Some(tags), None)
        }
        ["generate", pairs, seed, out, tags, categories] => generate(
            pairs,
            Path::new(seed),
            Path::new(out),
            Some(tags),
            Some(categories),
        ),
        ["static", content, out] => baseline::write(Path::new(content), Path::new(out)),
        ["static-library", corpus, out] => {
            baseline::write_libraries(Path::new(corpus), Path::new(out))
        }
        ["search-files", corpus, query] => search_files(Path::new(corpus), query),
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

fn generate(
    pairs: &str,
    seed: &Path,
    out: &Path,
    tags: Option<&str>,
    categories: Option<&str>,
) -> Result<(), String> {
    let pairs: usize = pairs
        .parse()
        .map_err(|_| format!("{pairs:?} is not a number of essays"))?;
    let count = |given: Option<&str>, what: &str| match given {
        None => Ok(None),
        Some(given) => match given.parse() {
            Ok(0) | Err(_) => Err(format!("{given:?} is not a number of {what}")),
            Ok(n) => Ok(Some(n)),
        },
    };
    let tags = count(tags, "tags")?;
    let categories = count(categories, "categories")?;
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
    let files = generate::write_corpus(out, pairs, &fr, &en, tags, categories)
        .map_err(|err| format!("{}: cannot write: {err}", out.display()))?;
    println!("{files} essay files written in {}", out.display());
    Ok(())
}

/// The files a search for `query` fetches from the built corpus at
/// `corpus` (its `corpus.json`), through the app's own search
/// (`SearchIndex::prepare`, then the bodies of the first page of hits,
/// which the app shows together).
fn search_files(corpus: &Path, query: &str) -> Result<(), String> {
    use essais_core::search::SearchIndex;
    use essais_core::search_shards::ShardList;
    let dir = corpus.parent().unwrap_or(Path::new("."));
    let read = |url: &str| {
        std::fs::read_to_string(dir.join(url))
            .map_err(|err| essais_core::CorpusLoadError::Network(format!("{url}: {err}")))
    };
    let index = essais_core::Corpus::from_json(&read("corpus.json").map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let list = ShardList::from_json(&read(&index.search_url).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    println!("{}", index.search_url);
    let mut search = SearchIndex::new(&index, list);
    let fetched = std::cell::RefCell::new(Vec::new());
    // What the query needs, then the first page of hits' bodies only.
    let page = essais_core::library::SEARCH_PAGE_SIZE;
    loop {
        let needs = search.needs(query);
        let needs = if needs.is_empty() {
            let found = search.find(query).unwrap_or_default();
            let mut passages = search.passages_for(found.iter().take(page));
            passages.extend(search.counterparts_for(found.iter().take(page)));
            essais_core::search::Needs {
                shards: Vec::new(),
                passages,
            }
        } else {
            needs
        };
        if needs.is_empty() {
            break;
        }
        for n in needs.shards {
            let url = search.shard_url(n).to_string();
            let shard = essais_core::search_shards::Shard::from_json(
                &read(&url).map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?;
            search.add_shard(n, shard);
            fetched.borrow_mut().push(url);
        }
        for n in needs.passages {
            let url = search.body_url(n).to_string();
            let body = essais_core::EssayBody::from_json(&read(&url).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            search.add_passages(n, &body);
            fetched.borrow_mut().push(url);
        }
    }
    for url in fetched.into_inner() {
        println!("{url}");
    }
    let found = search.find(query).map_or(0, |found| found.len());
    eprintln!("{found} essay versions found");
    Ok(())
}
