//! The library (home page): every essay in the blog's order.

use essais_core::ui::strings;
use leptos::prelude::*;

use crate::api::use_corpus;
use crate::components::essay_list::EssayList;
use crate::language::use_reading_language;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_corpus();
    view! {
        <h1>{move || strings(lang.get()).library_heading}</h1>
        {match corpus {
            Some(corpus) if !corpus.essays.is_empty() => view! { <EssayList corpus=corpus lang=lang /> }.into_any(),
            _ => view! { <p>{move || strings(lang.get()).no_essays}</p> }.into_any(),
        }}
    }
}
