//! The list of essays: one entry per essay, a translated pair being one
//! entry, shown in the reading language when it exists.

use essais_core::ui::{comment_count, reading_time, strings};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn EssayList(corpus: Arc<Corpus>, #[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    move || {
        let lang = lang.get();
        let ui = strings(lang);
        let entries = corpus
            .translation_groups()
            .into_iter()
            .map(|group| {
                let version = group.for_reader(lang);
                let essay = version.essay;
                let badge = version.is_fallback.then(|| view! {
                    <span class="badge only-in">{ui.only_in(essay.lang)}</span>
                });
                let categories = essay
                    .categories
                    .iter()
                    .filter_map(|id| corpus.category(id))
                    .map(|c| view! { <li>{c.label.get(lang).to_string()}</li> })
                    .collect_view();
                view! {
                    <li class="essay-entry" data-key=group.key.to_string()>
                        <h2 class="essay-title" lang=essay.lang.code()>{essay.title.clone()}</h2>
                        {badge}
                        <p class="essay-meta">
                            {reading_time(lang, essay.word_count)}
                            " · "
                            {comment_count(lang, essay.comments)}
                        </p>
                        <ul class="categories" aria-label=ui.categories>{categories}</ul>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="essay-list">{entries}</ol> }
    }
}
