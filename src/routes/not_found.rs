//! The page for an address the app does not know, with a way back.

use essais_core::library::LibraryFilter;
use essais_core::routes::library_path;
use essais_core::ui::strings;
use leptos::prelude::*;

use crate::language::{set_document_title, use_reading_language};
use crate::paths::href;

/// `essay`: the address looked like an essay's, with an unknown slug.
#[component]
pub fn NotFoundPage(essay: bool) -> impl IntoView {
    let lang = use_reading_language();
    Effect::new(move |_| set_document_title(Some(strings(lang.get()).not_found_title), lang.get()));
    Effect::new(|_| crate::prerender::page_ready());
    move || {
        let ui = strings(lang.get());
        view! {
            <section class="not-found">
                <h1>{ui.not_found_title}</h1>
                <p>{if essay { ui.essay_not_found } else { ui.page_not_found }}</p>
                <p><a href=href(&library_path(lang.get(), &LibraryFilter::default()))>{ui.back_to_library}</a></p>
            </section>
        }
    }
}
