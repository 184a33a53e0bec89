//! The essais reader: a Leptos app that fetches the corpus once and lets
//! people read it in French or English.
//!
//! `App` holds the shell (header, language, corpus loading) and the route
//! table; each page lives in its own file under `routes/`. Logic that needs
//! no DOM is in the `essais-core` crate.

pub mod api;
pub mod components;
pub mod language;
pub mod routes;

use essais_core::ui::strings;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::CorpusResource;
use crate::components::header::SiteHeader;
use crate::language::{provide_reading_language, use_reading_language};
use crate::routes::library::LibraryPage;
use crate::routes::not_found::NotFoundPage;

#[component]
pub fn App() -> impl IntoView {
    provide_reading_language();
    let corpus = CorpusResource::provide();
    let lang = use_reading_language();
    view! {
        <a class="skip-link" href="#main">{move || strings(lang.get()).skip_to_content}</a>
        <SiteHeader />
        <main id="main" tabindex="-1">
            {move || corpus.view_when_ready(|| view! {
                <Router>
                    <Routes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/") view=LibraryPage />
                    </Routes>
                </Router>
            })}
        </main>
    }
}

/// Sends panics to the browser console, where the e2e suite fails on them.
pub fn install_panic_reporter() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("essais panicked: {info}").into());
    }));
}
