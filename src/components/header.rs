//! The site header: the site's name (a link home), the language toggle and
//! the text-size control.

use crate::router::use_location;
use essais_core::library::LibraryFilter;
use essais_core::routes::{library_path, parse_query, switch_language, EssayView, Route};
use essais_core::ui::strings;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;

use crate::api::{page_corpus, use_bodies, BodyCache};
use crate::components::view_controls::ViewControls;
use crate::language::{remember_language, use_reading_language};
use crate::paths::{go_to, href, use_route};
use crate::reading_place::block_at_top_of_screen;
use crate::text_size::{use_text_size, LARGEST, SMALLEST};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_reading_language();
    let route = use_route();
    view! {
        <header class="site-header">
            <p class="site-name">
                <a class="site-title" href=move || href(&library_path(lang.get(), &LibraryFilter::default()))>"essais"</a>
                <span class="site-tagline">{move || strings(lang.get()).tagline}</span>
            </p>
            <div class="header-controls">
                <TextSizeControl />
                <nav class="language-switch" aria-label=move || strings(lang.get()).language_switch_label>
                    {Lang::ALL.map(|option| view! { <LanguageLink option=option route=route /> })}
                </nav>
            </div>
            {move || essay_tools(route.get(), lang.get())}
        </header>
    }
}

/// On an essay with a translation, its view controls, on a row of their own.
fn essay_tools(route: Route, lang: Lang) -> Option<impl IntoView> {
    let Route::Essay(_, ref slug) = route else {
        return None;
    };
    page_corpus(&route)?.translation_of(slug)?;
    let slug = slug.clone();
    let location = use_location();
    let view = EssayView::from_query(&parse_query(&location.search.get()));
    Some(view! { <div class="page-tools"><ViewControls slug=slug lang=lang view=view /></div> })
}

/// A link to the current page in `option`. On an essay it also carries the
/// paragraph at the top of the screen, so the reader keeps their place.
#[component]
fn LanguageLink(option: Lang, route: Memo<Route>) -> impl IntoView {
    let lang = use_reading_language();
    let corpus = Signal::derive(move || page_corpus(&route.get()));
    let location = use_location();
    let target = move || match corpus.get() {
        Some(corpus) => switch_language(
            &corpus,
            &route.get(),
            &parse_query(&location.search.get()),
            option,
        ),
        None => library_path(option, &LibraryFilter::default()),
    };
    let on_click = move |event: web_sys::MouseEvent| {
        if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
            return; // opening in a new tab or window: leave it to the browser
        }
        event.prevent_default();
        remember_language(option);
        let bodies = use_bodies();
        let block = block_at_top_of_screen().and_then(|b| {
            same_place_in(
                corpus.get_untracked(),
                route.get_untracked(),
                option,
                b,
                bodies,
            )
        });
        go_to(&href(&target()), block, false);
    };
    view! {
        <a
            href=move || href(&target())
            hreflang=option.code()
            lang=option.code()
            aria-current=move || (lang.get() == option).then_some("true")
            on:click=on_click
        >
            {strings(option).language_name}
        </a>
    }
}

/// On an essay, the block of the version in `lang` that faces block `block`
/// of the version shown (by alignment); the same block for the same text.
fn same_place_in(
    corpus: Option<Arc<Corpus>>,
    route: Route,
    lang: Lang,
    block: usize,
    bodies: BodyCache,
) -> Option<usize> {
    let Route::Essay(_, slug) = route else {
        return None;
    };
    let corpus = corpus?;
    let current = corpus.essay(&slug)?;
    let target = corpus.group_of(&slug)?.for_reader(lang).essay;
    if target.slug == current.slug {
        Some(block)
    } else {
        // The body shown is in memory, with its rows against the
        // translation (aligned at build time).
        let from = bodies.get(&current.body_url)?;
        let rows = from.alignment.as_ref()?;
        let to_len = bodies.get(&target.body_url).map(|to| to.blocks.len());
        if to_len.is_some_and(|m| !rows.fits(from.blocks.len(), m)) {
            return None;
        }
        rows.counterpart(block.checked_sub(1)?).map(|i| i + 1)
    }
}

#[component]
fn TextSizeControl() -> impl IntoView {
    let lang = use_reading_language();
    let size = use_text_size();
    view! {
        <div class="text-size" role="group" aria-label=move || strings(lang.get()).text_size>
            <button
                type="button"
                disabled=move || { size.get() <= SMALLEST }
                on:click=move |_| size.update(|s| *s = (*s - 1).max(SMALLEST))
            >
                <span aria-hidden="true">"A−"</span>
                <span class="visually-hidden">{move || strings(lang.get()).smaller_text}</span>
            </button>
            <button
                type="button"
                disabled=move || { size.get() >= LARGEST }
                on:click=move |_| size.update(|s| *s = (*s + 1).min(LARGEST))
            >
                <span aria-hidden="true">"A+"</span>
                <span class="visually-hidden">{move || strings(lang.get()).larger_text}</span>
            </button>
        </div>
    }
}
