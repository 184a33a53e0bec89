//! What the reader sees when something cannot be loaded: why, in their
//! language, and a way to try again.

use essais_core::ui::{load_error_cause, load_error_message, strings};
use essais_core::CorpusLoadError;
use leptos::prelude::*;

use crate::language::use_reading_language;

/// The corpus itself failed: the page has nothing else to show.
#[component]
pub fn LoadErrorPanel(error: CorpusLoadError, retry: impl Fn() + 'static) -> impl IntoView {
    let lang = use_reading_language();
    let reason = error.to_string();
    Effect::new(move |_| {
        web_sys::console::warn_1(&format!("essais: {reason}").into());
        crate::prerender::page_ready();
    });
    view! {
        <section class="load-error" role="alert">
            <h1>{move || strings(lang.get()).error_title}</h1>
            <p>{move || load_error_message(lang.get(), &error)}</p>
            <button type="button" on:click=move |_| retry()>
                {move || strings(lang.get()).retry}
            </button>
        </section>
    }
}

/// One part failed (an essay's text, the search): `what` says which, the rest
/// of the page stays as it is.
#[component]
pub fn PartLoadError(
    error: CorpusLoadError,
    what: fn(&'static essais_core::ui::UiStrings) -> &'static str,
    retry: impl Fn() + 'static,
) -> impl IntoView {
    let lang = use_reading_language();
    let reason = error.to_string();
    Effect::new(move |_| web_sys::console::warn_1(&format!("essais: {reason}").into()));
    view! {
        <div class="load-error part" role="alert">
            <p>{move || {
                let ui = strings(lang.get());
                format!("{}{}{}", what(ui), ui.colon, load_error_cause(lang.get(), &error))
            }}</p>
            <button type="button" on:click=move |_| retry()>
                {move || strings(lang.get()).retry}
            </button>
        </div>
    }
}
