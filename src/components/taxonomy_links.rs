//! Category and tag labels as links to the library filtered by them.

use essais_core::library::{FilterValue, LibraryFilter};
use essais_core::routes::library_path;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;

use crate::paths::href;

/// A list of links, one per category then tag of an essay.
#[component]
pub fn TaxonomyLinks(
    corpus: std::sync::Arc<Corpus>,
    categories: Vec<String>,
    tags: Vec<String>,
    lang: Lang,
    label: &'static str,
) -> impl IntoView {
    let link = |value: FilterValue, text: String, class: &'static str| {
        let target = href(&library_path(
            lang,
            &LibraryFilter::default().toggled(&value),
        ));
        view! { <li class=class><a href=target>{text}</a></li> }
    };
    let categories = categories
        .iter()
        .filter_map(|id| corpus.category(id))
        .map(|c| {
            link(
                FilterValue::Category(c.id.clone()),
                c.label.get(lang).to_string(),
                "category",
            )
        })
        .collect_view();
    let tags = tags
        .iter()
        .filter_map(|id| corpus.tag(id))
        .map(|t| {
            link(
                FilterValue::Tag(t.id.clone()),
                t.label.get(lang).to_string(),
                "tag",
            )
        })
        .collect_view();
    view! { <ul class="taxonomy" aria-label=label>{categories}{tags}</ul> }
}
