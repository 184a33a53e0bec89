//! The library (home page): every essay in the blog's order, narrowed by
//! the filters in the URL query.

use essais_core::library::{filtered_groups, LibraryFilter};
use essais_core::routes::library_path;
use essais_core::ui::{essay_count, rejected_essays, strings};
use leptos::prelude::*;

use crate::api::use_corpus;
use crate::components::essay_list::EssayList;
use crate::components::filters::{ActiveFilters, FilterPanel};
use crate::components::search::{search_results, use_search_query, SearchBox};
use crate::language::{set_document_title, use_reading_language};
use crate::paths::{href, use_library_filter};

#[component]
pub fn LibraryPage() -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_corpus();
    let filter = use_library_filter(corpus);
    let search = use_search_query();
    Effect::new(move |_| set_document_title(None, lang.get()));
    // The search field stays out of the part redrawn on every change, so it
    // keeps its focus while the reader types.
    let results = move || {
        let lang = lang.get();
        let ui = strings(lang);
        let Some(corpus) = corpus.get() else {
            return view! { <p>{ui.no_essays}</p> }.into_any();
        };
        let (filter, ignored) = filter.get();
        let keys: Vec<String> = filtered_groups(&corpus, &filter)
            .iter()
            .map(|g| g.key.to_string())
            .collect();
        let unreadable = (!corpus.rejected.is_empty()).then(|| {
            let names: Vec<&str> = corpus.rejected.iter().map(|r| r.name.as_str()).collect();
            view! { <p class="notice rejected-essays" role="status">{rejected_essays(lang, &names)}</p> }
        });
        let notice = (!ignored.is_empty()).then(|| view! {
            <p class="notice ignored-filters" role="status">{format!("{} {}", ui.ignored_filters, ignored.join(", "))}</p>
        });
        let search = search.get();
        let results = if !search.trim().is_empty() && !keys.is_empty() {
            search_results(&corpus, &keys, &search, lang)
        } else if keys.is_empty() {
            let clear = href(&library_path(lang, &LibraryFilter::default()));
            view! {
                <div class="no-match" role="status">
                    <p>{if corpus.essays.is_empty() { ui.no_essays } else { ui.no_match }}</p>
                    <p><a href=clear>{ui.clear_all}</a></p>
                </div>
            }
            .into_any()
        } else {
            view! {
                <p class="result-count" role="status">{essay_count(lang, keys.len())}</p>
                <EssayList corpus=corpus.clone() keys=keys lang=lang />
            }
            .into_any()
        };
        view! {
            {unreadable}
            {notice}
            <FilterPanel corpus=corpus.clone() filter=filter.clone() lang=lang search=search.clone() />
            <ActiveFilters corpus=corpus.clone() filter=filter lang=lang search=search />
            {results}
        }
        .into_any()
    };
    view! {
        <h1>{move || strings(lang.get()).library_heading}</h1>
        <SearchBox />
        {results}
    }
}
