//! Category and tag labels as links to the library filtered by them.

use essais_core::library::{value_label, FilterValue, LibraryFilter};
use essais_core::routes::library_path;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;

use crate::paths::href;

/// A list of links, one per category then tag of an essay; ids the taxonomy
/// does not know are left out.
#[component]
pub fn TaxonomyLinks(
    corpus: std::sync::Arc<Corpus>,
    categories: Vec<String>,
    tags: Vec<String>,
    lang: Lang,
    label: &'static str,
) -> impl IntoView {
    let categories = categories
        .into_iter()
        .filter(|id| corpus.category(id).is_some())
        .map(|id| (FilterValue::Category(id), "category"));
    let tags = tags
        .into_iter()
        .filter(|id| corpus.tag(id).is_some())
        .map(|id| (FilterValue::Tag(id), "tag"));
    let links = categories
        .chain(tags)
        .map(|(value, class)| {
            let text = value_label(&corpus, &value, lang, "");
            let target = href(&library_path(
                lang,
                &LibraryFilter::default().toggled(&value),
            ));
            view! { <li class=class><a href=target>{text}</a></li> }
        })
        .collect_view();
    view! { <ul class="taxonomy" aria-label=label>{links}</ul> }
}
