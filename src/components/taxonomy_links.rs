//! Category and tag labels as links to the library filtered by them.

use essais_core::library::{value_label, FilterValue, LibraryFilter};
use essais_core::routes::library_path;
use essais_core::ui::more_tags;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;

use crate::paths::href;

/// A list of links, one per category then tag of an essay; ids the taxonomy
/// does not know are left out. With `most`, only that many tags are linked
/// and the others counted ("+ 26 more"): the library's entries stay short
/// whatever an essay carries; the essay page lists them all.
#[component]
pub fn TaxonomyLinks(
    corpus: std::sync::Arc<Corpus>,
    categories: Vec<String>,
    tags: Vec<String>,
    lang: Lang,
    label: &'static str,
    #[prop(optional)] most: Option<usize>,
) -> impl IntoView {
    let categories = categories
        .into_iter()
        .filter(|id| corpus.category(id).is_some())
        .map(|id| (FilterValue::Category(id), "category"));
    let known: Vec<String> = tags
        .into_iter()
        .filter(|id| corpus.tag(id).is_some())
        .collect();
    let shown = most.unwrap_or(usize::MAX).min(known.len());
    let more = (known.len() > shown)
        .then(|| view! { <li class="more-tags">{more_tags(lang, known.len() - shown)}</li> });
    let tags = known
        .into_iter()
        .take(shown)
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
    view! { <ul class="taxonomy" aria-label=label>{links}{more}</ul> }
}
