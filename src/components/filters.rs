//! The library's filter panel and the chips of the active filters. Every
//! change is a navigation to the library URL with the new query, so the
//! browser's back and forward walk through the reader's steps.

use essais_core::library::{facets, value_label, FilterValue, LibraryFilter};
use essais_core::routes::{library_path, library_search_path};
use essais_core::ui::{filter_count, number, remove_filter, strings};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;

use crate::paths::{go_to, href};

/// The library with `filter`, keeping the search (read at the click, so
/// that typing in the search field does not redraw the filters).
fn go_to_filter(lang: Lang, filter: &LibraryFilter, search: Memo<String>) {
    let search = search.get_untracked();
    go_to(
        &href(&library_search_path(lang, filter, &search)),
        None,
        false,
    );
}

#[component]
pub fn FilterPanel(
    corpus: Arc<Corpus>,
    filter: LibraryFilter,
    lang: Lang,
    search: Memo<String>,
    /// The places of the groups the search finds, when there is one: the
    /// counts say what a click would show, search included.
    found: Option<Arc<Vec<usize>>>,
) -> impl IntoView {
    let ui = strings(lang);
    let values = facets(
        &corpus,
        &filter,
        found.as_deref().map(Vec::as_slice),
        lang,
        ui.both_languages,
    );
    let group = |title: &'static str, class: &'static str, keep: fn(&FilterValue) -> bool| {
        let buttons = values
            .iter()
            .filter(|f| keep(&f.value))
            .map(|facet| {
                let next = filter.toggled(&facet.value);
                let disabled = facet.count == 0 && !facet.active;
                let (name, value) = facet.value.query_pair();
                view! {
                    <li>
                        <button
                            type="submit"
                            name=name
                            value=value.to_string()
                            class="facet"
                            aria-pressed=facet.active.to_string()
                            disabled=disabled
                            on:click=move |event: web_sys::MouseEvent| {
                                event.prevent_default();
                                go_to_filter(lang, &next, search)
                            }
                        >
                            <span class="facet-label">{facet.label.clone()}</span>
                            // Seen: the bare number; heard: "(2 essais)".
                            <span class="facet-count" aria-hidden="true">{number(lang, facet.count)}</span>
                            <span class="visually-hidden">{filter_count(lang, facet.count)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <fieldset class=class>
                <legend>{title}</legend>
                <ul class="facets">{buttons}</ul>
            </fieldset>
        }
    };
    // On narrow screens the panel folds behind a button so the essays come
    // first; on wide ones the button is hidden and the panel always shown.
    let open = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="filters-toggle"
            aria-controls="filters"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {ui.filters_heading}
        </button>
        <section id="filters" class="filters" class:open=move || open.get() aria-label=ui.filters_heading>
            // Each value is a submit button of a plain GET form to the
            // library, so that a click before the app has taken over a
            // pre-rendered page still filters; the app handles the click
            // itself and the form is never sent.
            <form method="get" action=href(&library_path(lang, &LibraryFilter::default()))>
                {group(ui.categories, "facet-group categories", |v| matches!(v, FilterValue::Category(_)))}
                {group(ui.tags, "facet-group tags", |v| matches!(v, FilterValue::Tag(_)))}
                {group(ui.languages, "facet-group languages", |v| matches!(v, FilterValue::BothLanguages))}
            </form>
        </section>
    }
}

/// The active filters as removable chips, with "clear all".
#[component]
pub fn ActiveFilters(
    corpus: Arc<Corpus>,
    filter: LibraryFilter,
    lang: Lang,
    search: Memo<String>,
) -> impl IntoView {
    let ui = strings(lang);
    if filter.is_empty() {
        return ().into_any();
    }
    let chips = filter
        .chosen()
        .into_iter()
        .map(|value| {
            let label = value_label(&corpus, &value, lang, ui.both_languages);
            let next = filter.toggled(&value);
            view! {
                <li class="chip">
                    <span>{label.clone()}</span>
                    <button type="button" aria-label=remove_filter(lang, &label) on:click=move |_| go_to_filter(lang, &next, search)>
                        <span aria-hidden="true">"×"</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="active-filters" role="group" aria-label=ui.active_filters>
            <ul class="chips">{chips}</ul>
            <button type="button" class="clear-all" on:click=move |_| go_to_filter(lang, &LibraryFilter::default(), search)>
                {ui.clear_all}
            </button>
        </div>
    }
    .into_any()
}
