//! The page for an address the app does not know.

use essais_core::ui::strings;
use leptos::prelude::*;

use crate::language::use_reading_language;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_reading_language();
    view! {
        <h1>{move || strings(lang.get()).not_found_title}</h1>
        <p><a href="./">{move || strings(lang.get()).back_to_library}</a></p>
    }
}
