//! The library's filter panel and the chips of the active filters. Every
//! change is a navigation to the library URL with the new query, so the
//! browser's back and forward walk through the reader's steps.

use essais_core::library::{
    facets, fold_tags, value_label, FacetValue, FilterValue, LibraryFilter,
};
use essais_core::routes::{library_path, library_search_path};
use essais_core::ui::{every_other_tag, filter_count, number, remove_filter, strings};
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
    /// Whether the reader unfolded a long list of tags (`library::fold_tags`):
    /// the library's, so that it holds across filter clicks.
    every_tag: RwSignal<bool>,
) -> impl IntoView {
    let ui = strings(lang);
    let (tags, values): (Vec<FacetValue>, Vec<FacetValue>) = facets(
        &corpus,
        &filter,
        found.as_deref().map(Vec::as_slice),
        lang,
        ui.both_languages,
    )
    .into_iter()
    .partition(|v| matches!(v.value, FilterValue::Tag(_)));
    let list = move |values: &[FacetValue]| {
        let buttons = values
            .iter()
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
        view! { <ul class="facets">{buttons}</ul> }
    };
    let (categories, languages): (Vec<FacetValue>, Vec<FacetValue>) = values
        .into_iter()
        .partition(|v| matches!(v.value, FilterValue::Category(_)));
    let categories = list(&categories);
    let languages = list(&languages);
    // A long list of tags folds (the most used listed); its button unfolds
    // it in place, keeping the focus.
    let folded = fold_tags(&tags, false).folded;
    let tag_list = move || list(&fold_tags(&tags, every_tag.get()).tags);
    let fold = folded.map(|folded| {
        view! {
            <button
                type="button"
                class="fold-tags"
                aria-expanded=move || every_tag.get().to_string()
                on:click=move |_| every_tag.update(|every| *every = !*every)
            >
                {move || if every_tag.get() { ui.fewer_tags.to_string() } else { every_other_tag(lang, folded) }}
            </button>
        }
    });
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
                <fieldset class="facet-group categories">
                    <legend>{ui.categories}</legend>
                    {categories}
                </fieldset>
                <fieldset class="facet-group tags">
                    <legend>{ui.tags}</legend>
                    {tag_list}
                    {fold}
                </fieldset>
                <fieldset class="facet-group languages">
                    <legend>{ui.languages}</legend>
                    {languages}
                </fieldset>
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
