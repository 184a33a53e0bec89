//! The library's search: a field whose text is the `q` of the URL, and the
//! passages it finds. The index is built from the corpus in the browser once
//! (`essais_core::search`), so search works offline.

use essais_core::library::search_query;
use essais_core::routes::{essay_path, library_search_path, parse_query};
use essais_core::search::{SearchHit, SearchIndex};
use essais_core::ui::{found_in, result_count, strings};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use std::cell::RefCell;
use std::sync::Arc;

use crate::api::use_corpus;
use crate::language::use_reading_language;
use crate::paths::{go_to, href, use_library_filter};

/// The search query in the URL.
pub fn use_search_query() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        let pairs = parse_query(&location.search.get());
        search_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    })
}

/// The index of `corpus`, built on first use (the field's focus, or a
/// search in the URL) and kept for that corpus.
pub fn search_index(corpus: &Arc<Corpus>) -> Arc<SearchIndex> {
    thread_local! {
        static CACHE: RefCell<Option<(usize, Arc<SearchIndex>)>> = const { RefCell::new(None) };
    }
    let key = Arc::as_ptr(corpus) as usize;
    CACHE.with(|cache| {
        if let Some((cached, index)) = cache.borrow().as_ref() {
            if *cached == key {
                return index.clone();
            }
        }
        let index = Arc::new(crate::timing::measure("essais:search-index", || {
            SearchIndex::build(corpus)
        }));
        *cache.borrow_mut() = Some((key, index.clone()));
        index
    })
}

/// The search field. Typing replaces the URL (no history entry per key);
/// `/` anywhere else on the page brings the focus here.
#[component]
pub fn SearchBox() -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_corpus();
    let filter = use_library_filter(corpus);
    let query = use_search_query();
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();

    let shortcut = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let typing = document().active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        });
        if !typing {
            if let Some(field) = input.get_untracked() {
                event.prevent_default();
                let _ = field.focus();
            }
        }
    });
    on_cleanup(move || shortcut.remove());

    let on_input = move |event: web_sys::Event| {
        let text = event_target_value(&event);
        let path = library_search_path(lang.get_untracked(), &filter.get_untracked().0, &text);
        go_to(&navigate, &href(&path), None, true);
    };
    view! {
        <form role="search" class="search" on:submit=|event: web_sys::SubmitEvent| event.prevent_default()>
            <label for="search">{move || strings(lang.get()).search_label}</label>
            <input
                id="search"
                type="search"
                node_ref=input
                autocomplete="off"
                aria-describedby="search-hint"
                prop:value=move || query.get()
                on:input=on_input
                // Build the index as the reader comes to the field, so that
                // even the first key answers within a frame.
                on:focus=move |_| {
                    if let Some(corpus) = corpus.get_untracked() {
                        search_index(&corpus);
                    }
                }
            />
            <p id="search-hint" class="search-hint">{move || strings(lang.get()).search_hint}</p>
        </form>
    }
}

/// The passages `query` finds in the translation groups `keys` (those the
/// filters keep), one entry per essay version that matches, in blog order.
pub fn search_results(corpus: &Arc<Corpus>, keys: &[String], query: &str, lang: Lang) -> AnyView {
    let ui = strings(lang);
    let hits: Vec<SearchHit> = measure_search(corpus, query)
        .into_iter()
        .filter(|hit| keys.contains(&hit.translation_key))
        .collect();
    if hits.is_empty() {
        return view! { <p class="no-match" role="status">{ui.no_results}</p> }.into_any();
    }
    let groups = corpus.translation_groups();
    let mut ordered: Vec<(usize, SearchHit)> = hits
        .into_iter()
        .map(|hit| {
            (
                keys.iter()
                    .position(|k| *k == hit.translation_key)
                    .unwrap_or(usize::MAX),
                hit,
            )
        })
        .collect();
    ordered.sort_by_key(|(place, hit)| (*place, hit.lang != lang));
    let count = ordered.len();
    let entries = ordered
        .into_iter()
        .map(|(_, hit)| {
            let title = groups
                .iter()
                .find(|g| g.key == hit.translation_key)
                .map(|g| g.for_reader(lang).essay)
                .map(|e| (e.title.clone(), e.lang.code()))
                .unwrap_or_default();
            let mut link = href(&essay_path(hit.lang, &hit.slug));
            if let Some(block) = hit.block {
                link.push_str(&format!("#p{block}"));
            }
            let snippet = hit
                .snippet
                .into_iter()
                .map(|part| {
                    if part.highlighted {
                        view! { <mark>{part.text}</mark> }.into_any()
                    } else {
                        part.text.into_any()
                    }
                })
                .collect_view();
            view! {
                <li class="search-hit">
                    <h2 class="essay-title" lang=title.1><a href=link>{title.0}</a></h2>
                    <p class="found-in">{found_in(lang, hit.lang)}</p>
                    <p class="snippet" lang=hit.lang.code()>{snippet}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="result-count" role="status">{result_count(lang, count)}</p>
        <ol class="essay-list search-results">{entries}</ol>
    }
    .into_any()
}

fn measure_search(corpus: &Arc<Corpus>, query: &str) -> Vec<SearchHit> {
    let index = search_index(corpus);
    crate::timing::measure("essais:search", || index.search(query))
}
