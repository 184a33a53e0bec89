//! Component tests: real Leptos components mounted in a real headless
//! Chromium by wasm-bindgen-test (run by scripts/test).

#![cfg(target_arch = "wasm32")]

use essais::components::essay_list::{EssayList, Listed};
use essais_core::{Corpus, Essay, Label, Lang, Taxonomy, TaxonomyEntry, SCHEMA_VERSION};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn essay(slug: &str, lang: Lang, key: &str, title: &str, position: u32) -> Essay {
    Essay {
        slug: slug.into(),
        lang,
        translation_key: key.into(),
        title: title.into(),
        excerpt: "Texte.".into(),
        body_url: format!("corpus/{slug}.0123456789abcdef.json"),
        categories: vec!["lived".into()],
        tags: vec![],
        comments: 4,
        position,
        word_count: 460,
        image_alt: None,
    }
}

fn corpus() -> Arc<Corpus> {
    Arc::new(Corpus {
        schema_version: SCHEMA_VERSION,
        taxonomy: Taxonomy {
            categories: vec![TaxonomyEntry {
                id: "lived".into(),
                label: Label {
                    fr: "Vécu".into(),
                    en: "As experimented".into(),
                },
            }],
            tags: vec![],
        },
        essays: vec![
            essay("franchir", Lang::Fr, "mur", "Franchir le mur", 1),
            essay("breaking", Lang::En, "mur", "Breaking the barrier", 2),
            essay("stopcock", Lang::En, "stopcock", "The Stopcock", 3),
        ],
        search_url: String::new(),
        rejected: vec![],
        whole_library: None,
        index: Default::default(),
    })
}

/// Mounts a view in a fresh element of the page and returns that element.
/// The components read the address and the public URL from a context, as
/// in the app: here the site's root.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let view = move || {
        essais::router::provide_location(essais::router::Address::default(), "/");
        view()
    };
    let document = document();
    let host: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let handle = leptos::mount::mount_to(host.clone(), view);
    handle.forget();
    host
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = host.query_selector_all(selector).expect("selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// The list of the groups of `keys` (translation keys, in the order given),
/// in `lang`.
fn listed(keys: &[&str], lang: Lang) -> Listed {
    let corpus = corpus();
    let groups = keys
        .iter()
        .map(|key| {
            corpus
                .translation_groups()
                .iter()
                .position(|g| g.key == *key)
                .expect("a group of the corpus")
        })
        .collect();
    Listed {
        corpus: Some(corpus),
        groups,
        lang,
    }
}

/// Every group, in blog order.
const ALL: [&str; 2] = ["mur", "stopcock"];

#[wasm_bindgen_test]
fn essay_list_shows_one_entry_per_translation_in_the_reading_language() {
    let host = mount(|| view! { <EssayList listed=listed(&ALL, Lang::Fr) /> });
    assert_eq!(
        texts(&host, ".essay-title"),
        vec!["Franchir le mur", "The Stopcock"]
    );
    assert_eq!(texts(&host, ".only-in"), vec!["en anglais seulement"]);
    assert_eq!(texts(&host, ".taxonomy .category"), vec!["Vécu", "Vécu"]);
    assert_eq!(
        texts(&host, ".languages"),
        vec!["Langues\u{a0}: français, anglais", "Langues\u{a0}: anglais"]
    );
    assert!(texts(&host, ".essay-meta")[0].ends_with("2 min de lecture · 4 commentaires"));
    // The fallback title carries its own language for screen readers.
    let title = host
        .query_selector(".essay-entry:nth-child(2) .essay-title")
        .expect("ok")
        .expect("title");
    assert_eq!(title.get_attribute("lang").as_deref(), Some("en"));

    let host = mount(|| view! { <EssayList listed=listed(&ALL, Lang::En) /> });
    assert_eq!(
        texts(&host, ".essay-title"),
        vec!["Breaking the barrier", "The Stopcock"]
    );
    assert!(texts(&host, ".only-in").is_empty());
    assert_eq!(texts(&host, ".taxonomy .category")[0], "As experimented");
}

#[wasm_bindgen_test]
fn essay_list_links_each_title_to_the_version_shown() {
    let host = mount(|| view! { <EssayList listed=listed(&["stopcock", "mur"], Lang::Fr) /> });
    let hrefs: Vec<String> = {
        let links = host.query_selector_all(".essay-title a").expect("selector");
        (0..links.length())
            .filter_map(|i| links.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .filter_map(|a| a.get_attribute("href"))
            .collect()
    };
    // Keys are shown in the order given; the French reader reads the French version.
    assert_eq!(hrefs.len(), 2);
    assert_eq!(hrefs, vec!["/fr/stopcock/", "/fr/franchir/"]);
}

#[wasm_bindgen_test]
fn essay_body_renders_markup_as_elements_and_hostile_html_as_text() {
    use essais::components::essay_body::EssayBody;
    use essais_core::document::parse_body;
    let markdown = "Un *mot* et ~~Quelques~~ Très peu.\n\n## Titre\n\n> “Cité”\n\n<img src=x onerror=\"window.__pwned=1\"> [lien](javascript:alert(1)) [ext](https://example.org)";
    let host = mount(move || view! { <EssayBody blocks=parse_body(markdown) /> });
    assert_eq!(texts(&host, "em"), vec!["mot"]);
    assert_eq!(texts(&host, "del"), vec!["Quelques"]);
    assert_eq!(texts(&host, "h2#p2"), vec!["Titre"]);
    assert_eq!(texts(&host, "blockquote#p3 p"), vec!["“Cité”"]);
    assert!(
        host.query_selector("img").expect("ok").is_none(),
        "raw HTML must not become an element"
    );
    assert!(texts(&host, "#p4")[0].starts_with("<img src=x onerror="));
    assert_eq!(texts(&host, ".unlinked"), vec!["lien"]);
    let external = host
        .query_selector("a[href='https://example.org']")
        .expect("ok")
        .expect("external link");
    assert_eq!(
        external.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert!(host
        .query_selector("a[href^='javascript']")
        .expect("ok")
        .is_none());
}
