//! Component tests: real Leptos components mounted in a real headless
//! Chromium by wasm-bindgen-test (run by scripts/test).

#![cfg(target_arch = "wasm32")]

use essais::components::essay_list::EssayList;
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
        body: "Texte.".into(),
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
                label: Label { fr: "Vécu".into(), en: "As experimented".into() },
            }],
            tags: vec![],
        },
        essays: vec![
            essay("franchir", Lang::Fr, "mur", "Franchir le mur", 1),
            essay("breaking", Lang::En, "mur", "Breaking the barrier", 2),
            essay("stopcock", Lang::En, "stopcock", "The Stopcock", 3),
        ],
    })
}

/// Mounts a view in a fresh element of the page and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").expect("div").unchecked_into();
    document.body().expect("body").append_child(&host).expect("append");
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

async fn next_tick() {
    // Leptos applies signal changes in a microtask; let it run.
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("tick");
}

#[wasm_bindgen_test]
async fn essay_list_shows_one_entry_per_translation_in_the_reading_language() {
    let lang = RwSignal::new(Lang::Fr);
    let host = mount(move || view! { <EssayList corpus=corpus() lang=lang /> });

    assert_eq!(texts(&host, ".essay-title"), vec!["Franchir le mur", "The Stopcock"]);
    assert_eq!(texts(&host, ".only-in"), vec!["en anglais seulement"]);
    assert_eq!(texts(&host, ".categories li"), vec!["Vécu", "Vécu"]);
    assert_eq!(texts(&host, ".essay-meta")[0], "2 min de lecture · 4 commentaires");

    lang.set(Lang::En);
    next_tick().await;
    assert_eq!(texts(&host, ".essay-title"), vec!["Breaking the barrier", "The Stopcock"]);
    assert!(texts(&host, ".only-in").is_empty());
    assert_eq!(texts(&host, ".categories li")[0], "As experimented");

    // The fallback title carries its own language for screen readers.
    let title = host.query_selector(".essay-entry:nth-child(2) .essay-title").expect("ok").expect("title");
    assert_eq!(title.get_attribute("lang").as_deref(), Some("en"));
}
