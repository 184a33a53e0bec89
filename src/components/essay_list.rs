//! The list of essays: one entry per essay, a translated pair being one
//! entry, shown in the reading language when it exists.

use essais_core::corpus::TranslationGroup;
use essais_core::routes::essay_path;
use essais_core::ui::strings;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::essay_meta::EssayMeta;
use crate::components::taxonomy_links::TaxonomyLinks;
use crate::paths::href;

/// Tags shown on an entry; the others are counted.
const ENTRY_TAGS: usize = 6;

/// The entries for `keys` (translation keys, in the order given).
#[component]
pub fn EssayList(corpus: Arc<Corpus>, keys: Vec<String>, lang: Lang) -> impl IntoView {
    let entries = keys
        .iter()
        .filter_map(|key| corpus.group(key))
        .map(|group| entry(&corpus, &group, lang))
        .collect_view();
    view! { <ol class="essay-list">{entries}</ol> }
}

fn entry(corpus: &Arc<Corpus>, group: &TranslationGroup<'_>, lang: Lang) -> impl IntoView {
    let ui = strings(lang);
    let version = group.for_reader(lang);
    let essay = version.essay;
    let badge = version
        .is_fallback
        .then(|| view! { <span class="badge only-in">{ui.only_in(essay.lang)}</span> });
    view! {
        <li class="essay-entry" data-key=group.key.to_string()>
            <h2 class="essay-title" lang=essay.lang.code()>
                <a href=href(&essay_path(lang, &essay.slug))>{essay.title.clone()}</a>
            </h2>
            {badge}
            <p class="excerpt" lang=essay.lang.code()>{essay.excerpt.clone()}</p>
            <EssayMeta languages=group.languages() word_count=essay.word_count comments=essay.comments lang=lang />
            <TaxonomyLinks
                corpus=corpus.clone()
                categories=essay.categories.clone()
                tags=essay.tags.clone()
                lang=lang
                label=ui.categories_and_tags
                most=ENTRY_TAGS
            />
        </li>
    }
}
