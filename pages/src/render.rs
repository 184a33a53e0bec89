//! A page of the app rendered natively: the app's own `App` component, given
//! the address and what it would otherwise fetch, turned into HTML by Leptos
//! (`RenderHtml::to_html`). Nothing here writes markup: what the reader sees
//! before the app has started is what the app draws.

use essais::api::Body;
use essais::router::Address;
use essais::{App, Start};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Renders the app as it is at `path` (below the public URL `base`, with
/// `search`, e.g. "?view=side-by-side"), for a reader whose language (where
/// the address names none) is `preferred`. `bodies` are the essay texts the
/// page shows.
pub fn app_at(
    corpus: &Arc<Corpus>,
    base: &str,
    path: &str,
    search: &str,
    preferred: Lang,
    bodies: HashMap<String, Body>,
) -> String {
    let start = Start {
        address: Address {
            pathname: format!("{base}{path}"),
            search: search.to_string(),
            hash: String::new(),
        },
        base: base.to_string(),
        preferred,
        text_size: essais::text_size::DEFAULT,
        corpus: Some(Ok(corpus.clone())),
        bodies,
        essay_part: None,
    };
    // Each page in a reactive owner of its own, dropped with it.
    let owner = Owner::new();
    let html = owner.with(|| view! { <App start=start /> }.to_html());
    owner.cleanup();
    html
}
