//! What the reader sees when the corpus cannot be loaded: why, in their
//! language, and a way to try again.

use essais_core::ui::strings;
use essais_core::CorpusLoadError;
use leptos::prelude::*;

use crate::api::CorpusResource;
use crate::language::use_reading_language;

#[component]
pub fn LoadErrorPanel(error: CorpusLoadError, resource: CorpusResource) -> impl IntoView {
    let lang = use_reading_language();
    web_sys::console::warn_1(&format!("essais: {error}").into());
    view! {
        <section class="load-error" role="alert">
            <h1>{move || strings(lang.get()).error_title}</h1>
            <p>{move || error.message(lang.get())}</p>
            <button type="button" on:click=move |_| resource.retry()>
                {move || strings(lang.get()).retry}
            </button>
        </section>
    }
}
