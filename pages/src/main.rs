//! `pages`: the build-time half of the app. Run by Trunk's post-build hook
//! over the staging directory, it puts the stylesheet and `boot.js` into the
//! entry page and pins the Content-Security-Policy to them (`assets.rs`),
//! then writes the entry page of every page address (`fr/`, `en/<slug>/`,
//! …, and `404.html`) with that page drawn in it by the app's own
//! components, rendered natively (`render.rs`), so the words show before the
//! app's code has arrived and without JavaScript.

#![recursion_limit = "256"]

mod app;
mod assets;
mod entry;
mod render;

use entry::{Kind, Template, Variant};
use essais::api::Body;
use essais_core::routes::{entry_page_paths, essay_path, Route};
use essais_core::ui::{document_title, strings};
use essais_core::{Corpus, EssayBody, Lang};
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage:
  pages app <dist-dir> <profile> <features> <public-url>
                                      build the app's code for the browser (cargo, the essay page's
                                      module split from the rest, wasm-bindgen, and in the release
                                      profile wasm-opt) into dist-dir, and link it from its index.html
  pages <corpus.json> <dist-dir>      inline the stylesheet and boot.js into dist-dir/index.html,
                                      pin its Content-Security-Policy, then write that entry page
                                      at every page address, with the page drawn in it by the
                                      app's components, and as 404.html, for static hosts
  pages <corpus.json> <dist-dir> <path>...
                                      the same, for the page addresses given only (e.g. en/<slug>/),
                                      without 404.html: the benchmark's large library, whose
                                      entry pages would be gigabytes";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        ["app", dist, profile, features, public_url] => app::build(
            Path::new(dist),
            &app::Build {
                profile,
                features,
                public_url,
            },
        ),
        [corpus, dist] => write_pages(Path::new(corpus), Path::new(dist), None),
        [corpus, dist, only @ ..] => write_pages(Path::new(corpus), Path::new(dist), Some(only)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pages: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: cannot read: {err}", path.display()))
}

fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), String> {
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, contents))
        .map_err(|err| format!("{}: cannot write: {err}", path.display()))
}

/// Writes the entry pages (`only`: those at these addresses alone).
fn write_pages(corpus_json: &Path, dist: &Path, only: Option<&[&str]>) -> Result<(), String> {
    let corpus = Corpus::from_json(&read(corpus_json)?)
        .map_err(|err| format!("{}: {err}", corpus_json.display()))?;
    let corpus = Arc::new(corpus);
    let entry = dist.join("index.html");
    let mut html = read(&entry)?;
    // Once per build; a finished dist/ (pinned already) only gets its pages again.
    if !assets::is_pinned(&html) {
        let scripts;
        (html, scripts) = assets::inline_and_pin(dist, &html)?;
        eprintln!("pages: the stylesheet and boot.js inlined; {scripts} inline script(s) pinned");
    }
    let template = Template::new(html).map_err(|err| format!("{}: {err}", entry.display()))?;
    let essay_code = app::essay_code(dist)?;
    let body = |url: &str| -> Result<Body, String> {
        let text = read(&dist.join(url))?;
        EssayBody::from_json(&text)
            .map(Arc::new)
            .map_err(|err| format!("{url}: {err}"))
    };
    write(&dist.join(entry::REDIRECT_SCRIPT), entry::REDIRECT_JS)?;
    let mut paths = entry_page_paths(&corpus);
    if let Some(only) = only {
        if let Some(unknown) = only.iter().find(|p| !paths.iter().any(|path| path == *p)) {
            return Err(format!("{unknown}: not a page address of this corpus"));
        }
        paths.retain(|path| only.contains(&path.as_str()));
    }
    for path in paths {
        let html = page_at(&corpus, &template, &path, &body, &essay_code)?;
        write(&dist.join(&path).join("index.html"), &html)?;
    }
    if only.is_some() {
        return Ok(());
    }
    write(&dist.join("404.html"), not_found(&corpus, &template))
}

/// The entry page at `path`: the page the app shows there, in each variant
/// the address may ask for.
fn page_at(
    corpus: &Arc<Corpus>,
    template: &Template,
    path: &str,
    body: &dyn Fn(&str) -> Result<Body, String>,
    essay_code: &str,
) -> Result<String, String> {
    let render = |search: &str, lang: Lang, bodies: HashMap<String, Body>| Variant {
        name: if search.is_empty() {
            "single"
        } else {
            "side-by-side"
        },
        html: render::app_at(corpus, &template.base, path, search, lang, bodies),
    };
    match Route::parse(path) {
        Route::Library(lang) => {
            let page = render("", lang, HashMap::new());
            let page = template.page(
                Kind::Library,
                lang,
                &document_title(None, lang),
                &[page],
                Some(strings(lang).loading),
                &[],
                None,
            );
            // Its filters' own first screens, for boot.js to preload at a
            // filtered address.
            Ok(if corpus.fits_on_first_screen() {
                page
            } else {
                entry::with_first_screens(&page)
            })
        }
        Route::Essay(lang, slug) => {
            let Some(essay) = corpus.essay(&slug) else {
                return Ok(template.plain().to_string());
            };
            if let Some(version) = corpus.redirect_for(lang, &slug) {
                return Ok(template.redirect(
                    lang,
                    &document_title(Some(&version.title), lang),
                    essay_path(lang, &version.slug).trim_start_matches('/'),
                ));
            }
            let read = |url: &str| {
                body(url)
                    .map_err(|err| format!("{path}: essay {slug:?}: cannot read its body: {err}"))
            };
            // The essay's part of the index, when the whole is more than
            // the first screen: the app draws the page from it while the
            // whole index is on its way.
            let essay_data = match (corpus.fits_on_first_screen(), corpus.essay_page(&slug)) {
                (false, Some(part)) => Some(
                    entry::essay_index(&slug, &part)
                        .map_err(|err| format!("{path}: essay {slug:?}: {err}"))?,
                ),
                _ => None,
            };
            let mut bodies = HashMap::from([(essay.body_url.clone(), read(&essay.body_url)?)]);
            let single = render("", lang, bodies.clone());
            let mut variants = vec![single];
            if let Some(translation) = corpus.translation_of(&slug) {
                bodies.insert(translation.body_url.clone(), read(&translation.body_url)?);
                variants.push(render("?view=side-by-side", lang, bodies));
            }
            Ok(template.page(
                Kind::Essay,
                lang,
                &document_title(Some(&essay.title), lang),
                &variants,
                None,
                // Not the whole index: the page is drawn from its part (or
                // the first screen is the whole library), and the megabytes
                // of a large library's index would share the link with the
                // app's code (the page taken over at 3.6 s instead of 2.1 s
                // at 20,000 pairs: docs/performance.md). The essay page's
                // code, beside the app's (`src/essay_code.rs`).
                &[essay.body_url.as_str(), essay_code],
                essay_data.as_deref(),
            ))
        }
        Route::Root | Route::NotFound => Ok(template.plain().to_string()),
    }
}

/// `404.html`, for hosts that serve it at unknown addresses: the not-found
/// page in each language (the reader's is chosen by `boot.js`).
fn not_found(corpus: &Arc<Corpus>, template: &Template) -> String {
    let variants: Vec<Variant> = Lang::ALL
        .into_iter()
        .map(|lang| Variant {
            name: lang.code(),
            html: render::app_at(corpus, &template.base, "404.html", "", lang, HashMap::new()),
        })
        .collect();
    // The language of the page is the reader's, which boot.js sets.
    template.page(
        Kind::NotFound,
        Lang::En,
        &document_title(Some(strings(Lang::En).not_found_title), Lang::En),
        &variants,
        None,
        whole_index(corpus),
        None,
    )
}

/// What the not-found page preloads beside the first screen
/// (`index.html`'s): the whole index, when the first screen is not the
/// whole library (it needs every entry).
fn whole_index(corpus: &Corpus) -> &'static [&'static str] {
    if corpus.fits_on_first_screen() {
        &[]
    } else {
        &["corpus.json"]
    }
}
