//! The library's search: a field whose text is the `q` of the URL, and the
//! passages it finds. The index is built in the browser (`essais_core::search`)
//! from the search data, fetched once (and cached by the service worker, so
//! search works offline).

use crate::router::use_location;
use essais_core::library::{search_query, LibraryFilter};
use essais_core::routes::{
    essay_found_path, essay_path, library_path, library_search_path, parse_query,
};
use essais_core::search::{SearchHit, SearchIndex, SearchMatch};
use essais_core::ui::{facing_in, found_close, found_in, result_count, show_more_results, strings};
use essais_core::{Corpus, CorpusLoadError, Lang};
use leptos::prelude::*;
use std::sync::Arc;

use crate::api::{fetch_search_data, use_corpus};
use crate::components::load_error::PartLoadError;
use crate::language::use_reading_language;
use crate::paths::{go_to, href, use_library_filter};

/// The search query in the URL.
pub fn use_search_query() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        let pairs = parse_query(&location.search.get());
        search_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    })
}

/// The search index of the page: not yet asked for, being fetched and
/// built, ready, or failed (with why).
#[derive(Clone)]
pub enum IndexState {
    Idle,
    Loading,
    Ready(Arc<SearchIndex>),
    Failed(CorpusLoadError),
}

/// The search index, shared by the field and the results. Provided once for
/// the whole app, so an index once built is kept across pages.
#[derive(Clone, Copy)]
pub struct SearchState(RwSignal<IndexState>);

impl SearchState {
    pub fn provide() -> SearchState {
        let state = SearchState(RwSignal::new(IndexState::Idle));
        provide_context(state);
        state
    }

    pub fn use_state() -> SearchState {
        expect_context::<SearchState>()
    }

    pub fn get(&self) -> IndexState {
        self.0.get()
    }

    /// Fetches the search data and builds the index, unless that is done
    /// or under way. Called as the reader comes to the field, so that even
    /// the first key answers within a frame.
    pub fn load(&self, corpus: Arc<Corpus>) {
        if matches!(
            self.0.get_untracked(),
            IndexState::Loading | IndexState::Ready(_)
        ) {
            return;
        }
        self.0.set(IndexState::Loading);
        let state = self.0;
        leptos::task::spawn_local(async move {
            let result = fetch_search_data(corpus.search_url.clone())
                .await
                .map(|data| {
                    Arc::new(crate::timing::measure("essais:search-index", || {
                        SearchIndex::build(&corpus, &data)
                    }))
                });
            state.try_set(match result {
                Ok(index) => IndexState::Ready(index),
                Err(error) => IndexState::Failed(error),
            });
        });
    }
}

/// The search field. Typing replaces the URL (no history entry per key);
/// `/` anywhere else on the page brings the focus here.
#[component]
pub fn SearchBox(state: SearchState) -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_corpus();
    let filter = use_library_filter(corpus);
    let query = use_search_query();
    let input = NodeRef::<leptos::html::Input>::new();

    // A listener on the window: browser work, in an effect.
    Effect::new(move |_| {
        let shortcut = window_event_listener(leptos::ev::keydown, move |event| {
            if event.key() != "/" || crate::keys::not_for_us(&event) {
                return;
            }
            if let Some(field) = input.get_untracked() {
                event.prevent_default();
                let _ = field.focus();
            }
        });
        on_cleanup(move || shortcut.remove());
    });

    let on_input = move |event: web_sys::Event| {
        let text = event_target_value(&event);
        let path = library_search_path(lang.get_untracked(), &filter.get_untracked().0, &text);
        go_to(&href(&path), None, true);
    };
    view! {
        // Before the app has taken over a pre-rendered page (and without
        // JavaScript), a plain GET form to the library's address; then the
        // app searches as the reader types.
        <form
            role="search"
            class="search"
            action=move || href(&library_path(lang.get(), &LibraryFilter::default()))
            on:submit=|event: web_sys::SubmitEvent| event.prevent_default()
        >
            <label for="search">{move || strings(lang.get()).search_label}</label>
            <input
                id="search"
                name="q"
                type="search"
                node_ref=input
                autocomplete="off"
                aria-describedby="search-hint"
                prop:value=move || query.get()
                on:input=on_input
                // Build the index as the reader comes to the field, so that
                // even the first key answers within a frame.
                on:focus=move |_| {
                    if let Some(corpus) = corpus.get_untracked() {
                        state.load(corpus);
                    }
                }
            />
            <p id="search-hint" class="search-hint">{move || strings(lang.get()).search_hint}</p>
        </form>
    }
}

/// What a search finds in the whole library, once per search: read by the
/// results (narrowed by the filters) and by the filters' counts.
#[derive(Debug, PartialEq)]
pub struct Found {
    /// Each essay version found, with its group's place in blog order.
    matches: Vec<(usize, SearchMatch)>,
    /// The places of the groups found, ascending.
    pub groups: Arc<Vec<usize>>,
}

/// The search in the URL, run once the index is ready (None without a
/// search, or while the index is not ready).
pub fn use_found(state: SearchState, query: Memo<String>) -> Memo<Option<Arc<Found>>> {
    let corpus = use_corpus();
    Memo::new(move |_| {
        let query = query.get();
        if query.trim().is_empty() {
            return None;
        }
        let IndexState::Ready(index) = state.get() else {
            return None;
        };
        let corpus = corpus.get()?;
        let matches: Vec<(usize, SearchMatch)> =
            crate::timing::measure("essais:search", || index.find(&query))
                .into_iter()
                .filter_map(|m| Some((corpus.group_place(m.translation_key(&index))?, m)))
                .collect();
        let mut groups: Vec<usize> = matches.iter().map(|(place, _)| *place).collect();
        groups.sort_unstable();
        groups.dedup();
        Some(Arc::new(Found {
            matches,
            groups: Arc::new(groups),
        }))
    })
}

/// The passages `query` finds in the translation groups at places `kept`
/// (those the filters keep, ascending), one entry per essay version that
/// matches, in blog order;
/// the first `limit` of them, with a button for more.
pub fn search_results(
    corpus: &Arc<Corpus>,
    state: SearchState,
    found: Option<Arc<Found>>,
    kept: &[usize],
    query: &str,
    lang: Lang,
    limit: RwSignal<usize>,
) -> AnyView {
    let ui = strings(lang);
    let index = match state.get() {
        IndexState::Ready(index) => index,
        IndexState::Failed(error) => {
            let corpus = corpus.clone();
            return view! {
                <PartLoadError error=error what=|ui| ui.search_failed retry=move || state.load(corpus.clone()) />
            }
            .into_any();
        }
        IndexState::Idle | IndexState::Loading => {
            return view! { <p class="status" role="status">{ui.search_loading}</p> }.into_any();
        }
    };
    // Only the groups the filters keep, in blog order.
    let mut found: Vec<&(usize, SearchMatch)> = found
        .as_ref()
        .map(|f| {
            f.matches
                .iter()
                .filter(|(place, _)| kept.binary_search(place).is_ok())
                .collect()
        })
        .unwrap_or_default();
    if found.is_empty() {
        return view! { <p class="no-match" role="status">{ui.no_results}</p> }.into_any();
    }
    // Exact matches first, then those found one typo away; each in blog
    // order, the reading language's version first.
    found.sort_by_key(|(place, m)| (!m.is_exact(), *place, m.lang(&index) != lang));
    let count = found.len();
    let shown = limit.get().min(count);
    let entries = found
        .iter()
        .take(shown)
        .map(|(_, m)| {
            let hit: SearchHit = index.hit(m, query);
            // Found one typo away: said, with the word the essay has, and
            // the essay marks it too.
            let (found, marks) = if m.is_exact() {
                (found_in(lang, hit.lang), query.to_string())
            } else {
                (
                    found_close(lang, hit.lang, m.close_words()),
                    format!("{query} {}", m.close_words().join(" ")),
                )
            };
            let title = corpus
                .group(&hit.translation_key)
                .map(|g| g.for_reader(lang).essay)
                .map(|e| (e.title.clone(), e.lang.code()))
                .unwrap_or_default();
            // The essay marks what was found (`?mark=`), at the passage.
            let link = href(&essay_found_path(hit.lang, &hit.slug, &marks, hit.block));
            let snippet = hit
                .snippet
                .into_iter()
                .map(|part| {
                    if part.highlighted {
                        view! { <mark>{part.text}</mark> }.into_any()
                    } else {
                        part.text.into_any()
                    }
                })
                .collect_view();
            // In a translated essay, the passage of the translation that
            // faces it, marked as such; it opens the translation there.
            let counterpart = hit.counterpart.map(|c| {
                let mut link = href(&essay_path(c.lang, &c.slug));
                if let Some(block) = c.block {
                    link.push_str(&format!("#p{block}"));
                }
                view! {
                    <p class="counterpart">
                        <span class="counterpart-label">{facing_in(lang, c.lang)}</span>
                        <a class="counterpart-text" href=link lang=c.lang.code()>{c.text}</a>
                    </p>
                }
            });
            view! {
                <li class="search-hit">
                    <h2 class="essay-title" lang=title.1><a href=link>{title.0}</a></h2>
                    <p class="found-in">{found}</p>
                    <p class="snippet" lang=hit.lang.code()>{snippet}</p>
                    {counterpart}
                </li>
            }
        })
        .collect_view();
    let more = (shown < count).then(|| {
        let next = (count - shown).min(essais_core::library::LIBRARY_PAGE_SIZE);
        view! {
            <button type="button" class="show-more" on:click=move |_| {
                limit.set(shown + essais_core::library::LIBRARY_PAGE_SIZE);
            }>{show_more_results(lang, next)}</button>
        }
    });
    view! {
        <p class="result-count" role="status">{result_count(lang, count)}</p>
        <ol class="essay-list search-results">{entries}</ol>
        {more}
    }
    .into_any()
}
