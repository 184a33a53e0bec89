//! The library's filter panel and the chips of the active filters. Every
//! change is a navigation to the library URL with the new query, so the
//! browser's back and forward walk through the reader's steps.

use essais_core::library::{
    facets, fold_values, tags_named, value_label, FacetValue, FilterValue, LibraryFilter,
};
use essais_core::routes::{library_path, library_search_path};
use essais_core::ui::{
    every_other_category, every_other_tag, filter_count, number, remove_filter, strings, tags_found,
};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

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
    /// Whether the reader unfolded a long list of tags (`library::fold_values`):
    /// the library's, so that it holds across filter clicks.
    every_tag: RwSignal<bool>,
    /// The same for a long list of categories.
    every_category: RwSignal<bool>,
    /// What the reader typed to find a tag in a long list: the library's
    /// too, so that a tag found and chosen leaves the others found listed.
    tag_name: RwSignal<String>,
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
                            form=OUTSIDE_THE_FORM
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
    let languages = list(&languages);
    // A long list of categories folds as tags do (below), without a field:
    // a blog's categories run to dozens or hundreds, not thousands.
    let categories_folded = fold_values(&categories, false).folded;
    let categories = StoredValue::new(categories);
    let category_list = {
        let list = list.clone();
        move || list(&categories.with_value(|c| fold_values(c, every_category.get()).values))
    };
    let category_fold = categories_folded.and_then(|folded| {
        fold_button(
            "fold-categories",
            every_category,
            move || every_other_category(lang, folded),
            ui.fewer_categories,
            folded,
            || false,
        )
    });
    // A long list of tags folds (the most used listed); its button unfolds
    // it in place, keeping the focus. A field above it finds a tag by name,
    // which in a taxonomy of thousands beats scanning them all.
    let folded = fold_values(&tags, false).folded;
    let tags = StoredValue::new(tags);
    let typed = move || tag_name.with(|name| !name.trim().is_empty());
    // Worked out for the list and again for the line saying what matches:
    // a pass over the labels (0.35 ms for 2,000 tags, measured natively)
    // costs less than a memo's code in the app (618 bytes).
    let found = move || tag_name.with(|name| tags.with_value(|tags| tags_named(tags, name)));
    let tag_list = move || {
        let shown = if typed() {
            found().tags
        } else {
            tags.with_value(|tags| fold_values(tags, every_tag.get()).values)
        };
        list(&shown)
    };
    let (find, fold) = folded
        .map(|folded| {
            let find = view! {
                <div class="find-tag">
                    <label for="find-tag">{ui.find_tag}</label>
                    // Finding needs the app: in an entry page, read before it
                    // has taken over, the field is shown disabled (Enter in
                    // it would send the page's form by its first button).
                    <input
                        id="find-tag"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="found-tags"
                        disabled=!cfg!(feature = "csr")
                        form=OUTSIDE_THE_FORM
                        value=tag_name.get_untracked()
                        on:input=move |event| tag_name.set(event_target_value(&event))
                    />
                </div>
                <p id="found-tags" class="found-tags" role="status">
                    {move || typed().then(|| {
                        let found = found();
                        tags_found(lang, found.tags.len(), found.matching)
                    })}
                </p>
            };
            let fold = fold_button(
                "fold-tags",
                every_tag,
                move || every_other_tag(lang, folded),
                ui.fewer_tags,
                folded,
                typed,
            );
            (find, fold)
        })
        .unzip();
    // On narrow screens the panel folds behind a button so the essays come
    // first; on wide ones the button is hidden and the panel always shown.
    let open = RwSignal::new(false);
    // Groups named as a fieldset's legend would name them, but no
    // fieldsets: Chromium styles what is inside one far more slowly (the
    // 2,000 tags of a list unfolded: 749 ms of style against 51;
    // docs/performance.md, "Many tags, continued").
    let fields = view! {
        <div class="facet-group categories" role="group" aria-labelledby="facets-categories">
            <p id="facets-categories" class="facet-group-name">{ui.categories}</p>
            {category_list}
            {category_fold}
        </div>
        <div class="facet-group tags" role="group" aria-labelledby="facets-tags">
            <p id="facets-tags" class="facet-group-name">{ui.tags}</p>
            {find}
            {tag_list}
            {fold}
        </div>
        <div class="facet-group languages" role="group" aria-labelledby="facets-languages">
            <p id="facets-languages" class="facet-group-name">{ui.languages}</p>
            {languages}
        </div>
    };
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
            // library, so that a click before the app has taken over an
            // entry page (or without it) still filters. The app handles
            // every click itself: its controls name a form that is not
            // there (`OUTSIDE_THE_FORM`).
            <form method="get" action=href(&library_path(lang, &LibraryFilter::default()))>
                {fields}
            </form>
        </section>
    }
}

/// The button that unfolds a long group of values (`every`) or folds it
/// again; it stays in place (only its text and state change), so the focus
/// stays on it. None when there is nothing to unfold (a tag chosen, say,
/// that few others share). `more` says how many it would add, `fewer`
/// folds; hidden while `hidden` (the tags found by name listed instead).
fn fold_button(
    class: &'static str,
    every: RwSignal<bool>,
    more: impl Fn() -> String + Send + Sync + 'static,
    fewer: &'static str,
    folded: usize,
    hidden: impl Fn() -> bool + Send + Sync + 'static,
) -> Option<impl IntoView> {
    (folded > 0).then(|| {
        view! {
            <button
                type="button"
                class=class
                hidden=hidden
                aria-expanded=move || every.get().to_string()
                on:click=move |_| every.update(|every| *every = !*every)
            >
                {move || if every.get() { fewer.to_string() } else { more() }}
            </button>
        }
    })
}

/// In the app, the form the panel's controls belong to: none (no element
/// has this id). The entry pages' panel sends its form; the app handles
/// every click itself, and in Chromium adding or removing buttons that
/// belong to a form costs more the more it holds (2,000 took 25 to 35
/// times as long as buttons of no form), which with every one of 2,000
/// tags listed made a filter click take seconds (docs/performance.md, "Many
/// tags, continued"). Without a form, Enter in the tag field sends nothing
/// either.
const OUTSIDE_THE_FORM: Option<&str> = if cfg!(feature = "csr") {
    Some("no-form")
} else {
    None
};

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

/// What had the focus in the filter panel or among the chips of the active
/// filters, to be found again once they are redrawn: a filter click redraws
/// both, which would drop a keyboard or screen-reader user's place to the
/// top of the page with every value chosen.
pub enum HeldFocus {
    /// A value's button: the same value's, now pressed or not.
    Facet { name: String, value: String },
    /// The field finding a tag by name.
    FindTag,
    /// The button folding a long list of tags.
    FoldTags,
    /// The same for the categories.
    FoldCategories,
    /// A chip's button (the `n`th), removed: the chip now in its place,
    /// or the one before it; with none left, the library's heading.
    Chip(usize),
    /// "Clear all", gone with the chips: the library's heading.
    ClearAll,
}

/// How many frames a value's button is looked for: the panel waits for the
/// whole index when a first screen cannot answer a filter (seconds, on a
/// slow link).
const FRAMES_FOR_THE_PANEL: u32 = 600;

impl HeldFocus {
    /// Called as the panel or the chips are about to be drawn anew (before
    /// the old ones go): what has the focus in them has it again once drawn.
    pub fn keep() {
        if let Some(held) = HeldFocus::now() {
            held.give_back();
        }
    }

    /// What has the focus now in the panel or the chips. Natively (the
    /// pages drawn at build time) nothing has.
    fn now() -> Option<HeldFocus> {
        if !cfg!(target_arch = "wasm32") {
            return None;
        }
        let focused = document().active_element()?;
        let classes = focused.class_list();
        if focused.id() == "find-tag" {
            Some(HeldFocus::FindTag)
        } else if classes.contains("fold-tags") {
            Some(HeldFocus::FoldTags)
        } else if classes.contains("fold-categories") {
            Some(HeldFocus::FoldCategories)
        } else if classes.contains("facet") {
            Some(HeldFocus::Facet {
                name: focused.get_attribute("name")?,
                value: focused.get_attribute("value")?,
            })
        } else if classes.contains("clear-all") {
            Some(HeldFocus::ClearAll)
        } else {
            // A chip's place: the chips before it.
            let mut chip = focused.closest(".chip").ok()??;
            let mut n = 0;
            while let Some(before) = chip.previous_element_sibling() {
                (chip, n) = (before, n + 1);
            }
            Some(HeldFocus::Chip(n))
        }
    }

    /// Gives the focus back once redrawn (in a later frame), unless the
    /// reader has put it somewhere since.
    fn give_back(self) {
        self.give_back_within(FRAMES_FOR_THE_PANEL);
    }

    fn give_back_within(self, frames: u32) {
        request_animation_frame(move || {
            let shown = |element: &web_sys::Element| element.get_client_rects().length() > 0;
            // Unless the reader has put the focus somewhere since. (A
            // button redrawn in place keeps it even in a panel now folded
            // away, until the browser notices it is no longer shown.)
            if document()
                .active_element()
                .is_some_and(|element| element.tag_name() != "BODY" && shown(&element))
            {
                return;
            }
            let found = |selector: &str| document().query_selector(selector).ok().flatten();
            let heading = || found(".library-head h1");
            let target = match &self {
                // Ids are slugs (`corpus build` refuses others): safe inside
                // a selector's quotes; anything else is not looked for.
                HeldFocus::Facet { name, value } => (name.chars().chain(value.chars()))
                    .all(|c| c.is_alphanumeric() || c == '-')
                    .then(|| found(&format!("#filters .facet[name={name}][value=\"{value}\"]")))
                    .flatten(),
                HeldFocus::FindTag => found("#find-tag"),
                HeldFocus::FoldTags => found("#filters .fold-tags"),
                HeldFocus::FoldCategories => found("#filters .fold-categories"),
                HeldFocus::Chip(n) => found(&format!(".chips > li:nth-child({}) button", n + 1))
                    .or_else(|| found(".chips > li:last-child button"))
                    .or_else(heading),
                HeldFocus::ClearAll => heading(),
            };
            // On a phone the panel folds again once redrawn, hiding what had
            // the focus: its button then has it.
            let target = target.map(|target| match shown(&target) {
                true => target,
                false => found(".filters-toggle").unwrap_or(target),
            });
            match target.and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok()) {
                Some(target) => {
                    let _ = target.focus();
                    // Typing goes on where it stopped.
                    if let Some(field) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                        let end = field.value().encode_utf16().count() as u32;
                        let _ = field.set_selection_range(end, end);
                    }
                }
                None if frames > 1 => self.give_back_within(frames - 1),
                None => {}
            }
        });
    }
}
