//! The benchmark's floor (`bench-corpus static`): the same essays as plain HTML,
//! one page per essay and a library page per language, at the app's own
//! addresses (`en/`, `en/<slug>/`) so that both are loaded the same way. No
//! script, no stylesheet: nothing can paint sooner. An essay's text is the
//! app's own `EssayBody` component, rendered natively; the rest is the
//! least a page needs, on purpose not the app's.

use essais::components::essay_body::EssayBody;
use essais_core::content::BuiltCorpus;
use essais_core::routes::essay_path;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::path::Path;

fn page(lang: Lang, title: &str, main: &str) -> String {
    let title = view! { <title>{title.to_string()}</title> }.to_html();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{title}\n</head>\n<body>\n<main>\n{main}</main>\n</body>\n</html>\n",
        lang.code(),
    )
}

/// The library of one language: every essay (the reader's version, else the
/// original), title and excerpt, in the blog's order.
fn library_page(corpus: &Corpus, lang: Lang) -> String {
    let heading = match lang {
        Lang::Fr => "Essais",
        Lang::En => "Essays",
    };
    let entries = corpus
        .translation_groups()
        .iter()
        .map(|group| {
            let essay = group.for_reader(lang).essay;
            let href = format!("/{}", essay_path(essay.lang, &essay.slug));
            view! {
                <li lang=essay.lang.code()>
                    <h2><a href=href>{essay.title.clone()}</a></h2>
                    <p>{essay.excerpt.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let main = view! { <h1>{heading}</h1><ol>{entries}</ol> }.to_html();
    page(lang, heading, &main)
}

/// One essay, its title and its body.
fn essay_page(built: &BuiltCorpus, slug: &str) -> Option<String> {
    let essay = built.corpus.essay(slug)?;
    let blocks = built.bodies.get(slug)?.clone();
    let main = view! {
        <article>
            <h1>{essay.title.clone()}</h1>
            <EssayBody blocks=blocks />
        </article>
    }
    .to_html();
    Some(page(essay.lang, &essay.title, &main))
}

/// Writes the whole static site under `out`.
pub fn write(content: &Path, out: &Path) -> Result<(), String> {
    let built = crate::load(content)?;
    let owner = Owner::new();
    owner.with(|| {
        for lang in Lang::ALL {
            crate::write(
                &out.join(lang.code()).join("index.html"),
                &library_page(&built.corpus, lang),
            )?;
        }
        for essay in &built.corpus.essays {
            if let Some(html) = essay_page(&built, &essay.slug) {
                crate::write(
                    &out.join(essay_path(essay.lang, &essay.slug))
                        .join("index.html"),
                    &html,
                )?;
            }
        }
        Ok(())
    })
}

/// Writes the two library pages only, from a built `corpus.json`: the floor
/// of the 20,000 pairs' library, whose Markdown the bench does not keep (and
/// whose 40,000 essay pages it does not need).
pub fn write_libraries(corpus_json: &Path, out: &Path) -> Result<(), String> {
    let json = std::fs::read_to_string(corpus_json)
        .map_err(|err| format!("{}: cannot read: {err}", corpus_json.display()))?;
    let corpus =
        Corpus::from_json(&json).map_err(|err| format!("{}: {err}", corpus_json.display()))?;
    let owner = Owner::new();
    owner.with(|| {
        Lang::ALL.into_iter().try_for_each(|lang| {
            crate::write(
                &out.join(lang.code()).join("index.html"),
                &library_page(&corpus, lang),
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_gives_a_library_per_language_and_a_page_per_essay() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let built = essais_core::content::load(&dir).expect("content builds");
        let owner = Owner::new();
        owner.with(|| {
            let fr = library_page(&built.corpus, Lang::Fr);
            assert_eq!(fr.matches("<li ").count(), 3);
            assert!(fr.contains("href=\"/fr/franchir-le-mur-de-la-realite/\""));
            assert!(fr.contains("href=\"/en/the-stopcock-and-the-new-economy/\""));
            let page = essay_page(&built, "the-stopcock-and-the-new-economy").expect("exists");
            assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
            assert!(page.contains("<h1>The Stopcock and the New Economy</h1>"));
            assert!(page.matches("<p id=").count() >= 8);
        });
    }
}
