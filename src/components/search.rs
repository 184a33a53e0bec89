//! The library's search: a field whose text is the `q` of the URL, and the
//! passages it finds. The index is written ahead by `corpus build`, in
//! shards (`essais_core::search_shards`): the page fetches the shard list
//! when the reader comes to the field, then, for each query, only the
//! shards it needs and the bodies of the hits it shows (their snippets),
//! all cached by the service worker, so search works offline. Nothing is
//! built from the text in the browser.

use crate::router::use_location;
use essais_core::corpus::marked_places;
use essais_core::library::{search_query, LibraryFilter, SEARCH_PAGE_SIZE};
use essais_core::routes::{
    essay_found_path, essay_path, library_path, library_search_path, parse_query,
};
use essais_core::search::{SearchHit, SearchIndex, SearchMatch, SoFar};
use essais_core::ui::{facing_in, found_close, found_in, result_count, show_more_results, strings};
use essais_core::{Corpus, CorpusLoadError, Lang};
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use crate::api::{fetch_shard, fetch_shard_list, use_library_corpus, BodyCache};
use crate::components::essay_list::focus_entry;
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

/// The search of the page: not yet asked for, its shard list being
/// fetched, ready (shards and bodies then come as queries need them), or
/// failed (with why).
#[derive(Clone)]
pub enum IndexState {
    Idle,
    Loading,
    Ready,
    Failed(CorpusLoadError),
}

/// Files to fetch: each one's place (a shard's, an essay's) and address.
type Files = Vec<(usize, String)>;

/// The search index, shared by the field and the results. Provided once for
/// the whole app, so what has been fetched is kept across pages.
#[derive(Clone, Copy)]
pub struct SearchState {
    state: RwSignal<IndexState>,
    /// The index as far as it is fetched. Changed in place (a corpus's
    /// shards add up to megabytes); each change bumps `version`.
    index: StoredValue<Option<SearchIndex>>,
    version: RwSignal<u32>,
    /// Files asked for, so that none is fetched twice at once.
    asked: StoredValue<HashSet<String>>,
    /// The query whose needs were last asked for, and the index's
    /// `version` then.
    asked_for: StoredValue<(String, u32)>,
    /// Essays whose body could not be fetched for a snippet (shown with
    /// their excerpt, and said), with why.
    unreadable: RwSignal<Option<(HashSet<usize>, CorpusLoadError)>>,
    bodies: BodyCache,
}

impl SearchState {
    pub fn provide(bodies: BodyCache) -> SearchState {
        let state = SearchState {
            state: RwSignal::new(IndexState::Idle),
            index: StoredValue::new(None),
            version: RwSignal::new(0),
            asked: StoredValue::new(HashSet::new()),
            asked_for: StoredValue::new((String::new(), 0)),
            unreadable: RwSignal::new(None),
            bodies,
        };
        provide_context(state);
        state
    }

    pub fn use_state() -> SearchState {
        expect_context::<SearchState>()
    }

    pub fn get(&self) -> IndexState {
        self.state.get()
    }

    /// Reads the index (tracking every part that arrives).
    fn with_index<R>(&self, f: impl FnOnce(&SearchIndex) -> R) -> Option<R> {
        self.version.track();
        self.index.with_value(|index| index.as_ref().map(f))
    }

    /// Fetches the shard list, unless it is in or on its way; after a
    /// failure, tries again whatever failed. Called as the reader comes to
    /// the field, so that even the first key waits for no more than its
    /// own shards.
    pub fn load(&self, corpus: Arc<Corpus>) {
        // The search maps its hits to the whole library's entries.
        if corpus.is_first_screen() {
            return;
        }
        if !matches!(
            self.state.get_untracked(),
            IndexState::Loading | IndexState::Ready
        ) {
            self.retry(corpus);
        }
    }

    /// Tries again what failed: the shard list, a shard, or the bodies of
    /// hits shown with their excerpt.
    pub fn retry(&self, corpus: Arc<Corpus>) {
        self.asked.set_value(HashSet::new());
        if self.unreadable.with_untracked(Option::is_some) {
            self.unreadable.set(None);
        }
        if self.index.with_value(Option::is_some) {
            if !matches!(self.state.get_untracked(), IndexState::Ready) {
                self.state.set(IndexState::Ready);
            }
            self.version.update(|v| *v += 1);
            return;
        }
        self.state.set(IndexState::Loading);
        let this = *self;
        leptos::task::spawn_local(async move {
            let result = fetch_shard_list(corpus.search_url.clone())
                .await
                .map(|list| {
                    crate::timing::measure("essais:search-index", || {
                        SearchIndex::new(&corpus, list)
                    })
                });
            match result {
                Ok(index) => {
                    this.index.set_value(Some(index));
                    this.state.try_set(IndexState::Ready);
                }
                Err(error) => {
                    this.state.try_set(IndexState::Failed(error));
                }
            }
        });
    }

    /// Fetches what `query` needs, once the shard list is in and if there
    /// is a query; once for a query and what the index holds (a key asks
    /// for its files itself, then again as the address changes).
    fn fetch_for(&self, query: &str) {
        if query.trim().is_empty() || !matches!(self.state.get_untracked(), IndexState::Ready) {
            return;
        }
        let version = self.version.get_untracked();
        let asked = self
            .asked_for
            .with_value(|(asked, at)| asked == query && *at == version);
        if !asked {
            self.asked_for.set_value((query.to_string(), version));
            self.fetch_needs(query);
        }
    }

    /// Fetches what `query` needs (its shards, the bodies a phrase is
    /// checked in) that is not in or on its way; the index changes once
    /// all of them are in.
    fn fetch_needs(&self, query: &str) {
        // What the query needs, with each shard's address, in one read.
        let Some((needs, shards)) = self.index.with_value(|i| {
            i.as_ref().map(|i| {
                let needs = i.needs(query);
                let shards: Vec<(usize, String)> =
                    needs.shards.iter().map(|&n| (n, i.shard_url(n))).collect();
                (needs, shards)
            })
        }) else {
            return;
        };
        self.fetch_shards(shards);
        self.fetch_passages(needs.passages, false);
    }

    fn fetch_shards(&self, shards: Vec<(usize, String)>) {
        let Some((shards, pending)) = self.batch(shards) else {
            return;
        };
        for (n, url) in shards {
            let (this, pending) = (*self, pending.clone());
            leptos::task::spawn_local(async move {
                match fetch_shard(&url).await {
                    Ok(shard) => {
                        this.index.update_value(|i| {
                            if let Some(i) = i {
                                i.add_shard(n, shard)
                            }
                        });
                        this.arrived(&pending);
                    }
                    Err(error) => this.failed(&url, error),
                }
            });
        }
    }

    /// Fetches the bodies of essays `essays` for their passages. For
    /// snippets (`for_snippets`), a body that cannot be had leaves its hit
    /// with the excerpt, and the page says why; for a phrase, the search
    /// says it failed.
    fn fetch_passages(&self, essays: Vec<usize>, for_snippets: bool) {
        let essays: Vec<(usize, String)> = self.index.with_value(|i| {
            let Some(i) = i.as_ref() else {
                return Vec::new();
            };
            essays
                .iter()
                .map(|&n| (n, i.body_url(n).to_string()))
                .collect()
        });
        let Some((essays, pending)) = self.batch(essays) else {
            return;
        };
        for (n, url) in essays {
            let (this, pending) = (*self, pending.clone());
            leptos::task::spawn_local(async move {
                match this.bodies.fetch(url.clone()).await {
                    Ok(body) => {
                        this.index.update_value(|i| {
                            if let Some(i) = i {
                                i.add_passages(n, &body)
                            }
                        });
                        this.arrived(&pending);
                    }
                    Err(error) if for_snippets => {
                        this.unreadable.update(|u| {
                            u.get_or_insert_with(|| (HashSet::new(), error)).0.insert(n);
                        });
                        this.arrived(&pending);
                    }
                    Err(error) => this.failed(&url, error),
                }
            });
        }
    }

    /// Of `files` (place, address), those not asked for yet (now they
    /// are), with the count of them still to arrive; None if none is new.
    fn batch(&self, files: Files) -> Option<(Files, Rc<Cell<usize>>)> {
        let new: Vec<(usize, String)> = self.asked.try_update_value(|asked| {
            files
                .into_iter()
                .filter(|(_, url)| asked.insert(url.clone()))
                .collect()
        })?;
        let pending = Rc::new(Cell::new(new.len()));
        (!new.is_empty()).then_some((new, pending))
    }

    /// One fetch of a batch is in: once the last one is, the page sees them
    /// all at once (one redraw, not one per file).
    fn arrived(&self, pending: &Rc<Cell<usize>>) {
        pending.set(pending.get() - 1);
        if pending.get() == 0 {
            self.version.try_update(|v| *v += 1);
        }
    }

    fn failed(&self, url: &str, error: CorpusLoadError) {
        self.asked.update_value(|asked| {
            asked.remove(url);
        });
        self.state.try_set(IndexState::Failed(error));
    }
}

/// The search field. Typing replaces the URL (no history entry per key);
/// `/` anywhere else on the page brings the focus here.
#[component]
pub fn SearchBox(state: SearchState) -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_library_corpus();
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
        // The query's files asked for first: asked for by `use_found` once
        // the address has changed, they waited for the page's redraw (the
        // library's entries taken away), and the first hits with them
        // (docs/performance.md, "A key asks for its files before the page
        // redraws"). `use_found` asks again: the same needs are not worked
        // out twice, nor any file fetched twice. Asked for the query as the
        // address will hold it (cut to its length there), as `use_found`
        // reads it back.
        state.fetch_for(&search_query([("q", text.as_str())]));
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
    /// Every match, or those with every word as typed (while the shards
    /// of the words one typo away are on their way), or only the first of
    /// those (while the rest of a common word's postings is).
    pub so_far: SoFar,
}

/// The search in the URL, run as soon as the index can answer it (None
/// without a search, or while the words' own shards are on their way,
/// which this fetches): first with the exact matches, then with all.
pub fn use_found(state: SearchState, query: Memo<String>) -> Memo<Option<Arc<Found>>> {
    // What the query needs, fetched; asked again as each part arrives (a
    // word's shard names the words one typo away, whose shards come next).
    Effect::new(move |_| {
        let query = query.get();
        state.state.track();
        state.version.track();
        state.fetch_for(&query);
    });
    Memo::new(move |_| {
        let query = query.get();
        if query.trim().is_empty() || !matches!(state.get(), IndexState::Ready) {
            return None;
        }
        state
            .with_index(|index| {
                // None until the words' own shards are in (the effect above
                // fetches what it needs). Each match placed by its group,
                // which the index knows.
                let (matches, so_far) =
                    crate::timing::measure("essais:search", || index.find_so_far(&query))?;
                let matches: Vec<(usize, SearchMatch)> = matches
                    .into_iter()
                    .filter_map(|m| Some((m.group_place(index)?, m)))
                    .collect();
                // The groups found, ascending, marked then read in order:
                // sorting tens of thousands of places was a good part of a
                // keystroke on a common word.
                let groups: Vec<usize> = marked_places(matches.iter().map(|(place, _)| *place))
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| **f)
                    .map(|(place, _)| place)
                    .collect();
                Some(Arc::new(Found {
                    matches,
                    groups: Arc::new(groups),
                    so_far,
                }))
            })
            .flatten()
    })
}

/// The passages `query` finds in the translation groups at places `kept`
/// (those the filters keep, ascending), one entry per essay version that
/// matches, in blog order; the first `pages` pages of them
/// ([`SEARCH_PAGE_SIZE`] each), with a button for more.
pub fn search_results(
    corpus: &Arc<Corpus>,
    state: SearchState,
    found: Option<Arc<Found>>,
    kept: &[usize],
    query: &str,
    lang: Lang,
    pages: RwSignal<usize>,
) -> AnyView {
    let ui = strings(lang);
    let loading = || view! { <p class="status" role="status">{ui.search_loading}</p> }.into_any();
    match state.get() {
        IndexState::Ready => {}
        IndexState::Failed(error) => {
            let corpus = corpus.clone();
            return view! {
                <PartLoadError error=error what=|ui| ui.search_failed retry=move || state.retry(corpus.clone()) />
            }
            .into_any();
        }
        IndexState::Idle | IndexState::Loading => return loading(),
    }
    // Its shards are on their way.
    let Some(found) = found else {
        return loading();
    };
    let limit = pages.get() * SEARCH_PAGE_SIZE;
    let unreadable = state.unreadable.get();
    let is_unreadable = |n: &usize| unreadable.as_ref().is_some_and(|(u, _)| u.contains(n));
    // Every hit of the page is shown at once, its snippet once its body is
    // in (the essay's summary until then, or if it cannot be had); what
    // faces it in the translation follows that body (both fetched below).
    let Some((count, hits, missing, facing)) = state.with_index(|index| {
        // Only the groups the filters keep; exact matches first, then those
        // found one typo away; each in blog order, the reading language's
        // version first.
        let (count, found) = index.results_page(&found.matches, kept, lang, limit);
        let page = || found.iter().copied();
        let missing: Vec<usize> = index
            .passages_for(page())
            .into_iter()
            .filter(|n| !is_unreadable(n))
            .collect();
        let facing: Vec<usize> = index
            .counterparts_for(page())
            .into_iter()
            .filter(|n| !is_unreadable(n))
            .collect();
        let hits: Vec<(SearchHit, bool, &SearchMatch)> = found
            .iter()
            .map(|&m| match index.hit(m, query) {
                Some(hit) => (hit, false, m),
                None => {
                    // The body is on its way, or could not be had.
                    let pending = index.passages_for([m]).iter().any(|n| !is_unreadable(n));
                    let essay = corpus.essay(m.slug(index));
                    let hit = SearchHit {
                        slug: m.slug(index).to_string(),
                        lang: m.lang(index),
                        translation_key: m.translation_key(index).to_string(),
                        block: None,
                        snippet: vec![essais_core::search::SnippetPart {
                            text: essay.map(|e| e.excerpt.clone()).unwrap_or_default(),
                            highlighted: false,
                        }],
                        counterpart: None,
                    };
                    (hit, pending, m)
                }
            })
            .collect();
        (count, hits, missing, facing)
    }) else {
        return loading();
    };
    let whole = found.so_far == SoFar::All;
    if count == 0 {
        // The words one typo away may still find some, or the rest of a
        // common word's postings.
        if !whole {
            return loading();
        }
        return view! { <p class="no-match" role="status">{ui.no_results}</p> }.into_any();
    }
    // One batch at a time, the most wanted first: the shards of the words
    // one typo away (fetched by `use_found`), then the hits' bodies, then
    // their translations'. On a slow network, fetched together, each
    // would share the bandwidth and the browser's six connections (the
    // shard came 750 ms later among the bodies, bench at 20,000 pairs).
    // A full page found early is already the page the whole answer shows:
    // its bodies come at once, beside the rest of the postings. Asked for
    // after the frame that shows the hits: starting twenty fetches delayed
    // that frame by 150 ms or so (bench, 20,000 pairs, 4x CPU).
    let wanted = if missing.is_empty() { facing } else { missing };
    if found.so_far.page_is_final(hits.len(), limit) && !wanted.is_empty() {
        crate::timing::after_next_frame(move || state.fetch_passages(wanted, true));
    }
    let unreadable_notice = unreadable.map(|(_, error)| {
        let corpus = corpus.clone();
        view! {
            <PartLoadError error=error what=|ui| ui.passages_failed retry=move || state.retry(corpus.clone()) />
        }
    });
    // Still to come: matches one typo away, or snippets.
    let busy = !whole || hits.iter().any(|(_, pending, _)| *pending);
    let shown = hits.len();
    let entries = hits
        .into_iter()
        .map(|(hit, pending, m)| {
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
                    <p class="snippet" class:pending=pending lang=hit.lang.code()>{snippet}</p>
                    {counterpart}
                </li>
            }
        })
        .collect_view();
    // Only the first hits: how many there are in all is not known yet.
    let first_only = found.so_far == SoFar::First;
    let more = (shown < count && !first_only).then(|| {
        let next = (count - shown).min(SEARCH_PAGE_SIZE);
        view! {
            <button type="button" class="show-more" on:click=move |_| {
                pages.update(|p| *p += 1);
                focus_entry(".search-results", shown, 4);
            }>{show_more_results(lang, next)}</button>
        }
    });
    view! {
        {unreadable_notice}
        <p class="result-count" role="status">
            {if first_only { ui.search_counting.to_string() } else { result_count(lang, count) }}
        </p>
        <ol class="essay-list search-results" aria-busy=busy.then_some("true")>{entries}</ol>
        {more}
    }
    .into_any()
}
