//! "Reprendre la lecture" / "Continue reading": the essays started on this
//! device and not finished, newest first, each opening at its place.

use essais_core::reading::Place;
use essais_core::routes::essay_path;
use essais_core::ui::{percent_read, strings};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::reading_progress::{forget_all, remembered};
use crate::paths::href;

/// How many are listed.
const LISTED: usize = 5;

#[component]
pub fn ContinueReading(corpus: Arc<Corpus>, lang: Lang) -> impl IntoView {
    // Read in the browser only: the pre-rendered page has no storage.
    let places = RwSignal::new(Vec::<Place>::new());
    Effect::new(move |_| places.set(remembered().to_continue().take(LISTED).cloned().collect()));
    let ui = strings(lang);
    move || {
        let entries: Vec<_> = places
            .get()
            .into_iter()
            .filter_map(|place| {
                let essay = corpus.essay(&place.slug)?;
                let view = if place.side_by_side {
                    "?view=side-by-side"
                } else {
                    ""
                };
                let target = format!(
                    "{}{view}#p{}",
                    href(&essay_path(place.lang, &place.slug)),
                    place.block
                );
                Some(view! {
                    <li>
                        <a href=target lang=essay.lang.code()>{essay.title.clone()}</a>
                        " "
                        <span class="percent-read">{percent_read(lang, place.percent())}</span>
                    </li>
                })
            })
            .collect();
        (!entries.is_empty()).then(|| {
            view! {
                <section class="continue-reading" aria-labelledby="continue-reading">
                    <h2 id="continue-reading">{ui.continue_reading}</h2>
                    <ul>{entries}</ul>
                    <button type="button" class="forget-places" on:click=move |_| {
                        forget_all();
                        places.set(Vec::new());
                    }>{ui.forget_places}</button>
                </section>
            }
        })
    }
}
