//! What the app fetches: the corpus index once, each essay's body when it is
//! opened, and the search's shards as queries need them.
//! Bodies are kept once fetched, so going back, switching language or
//! opening the side-by-side view never waits twice. This module fetches and
//! returns values; it draws nothing.

use essais_core::search_shards::{Shard, ShardList};
use essais_core::{Corpus, CorpusLoadError, EssayBody};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Relative to the document's `<base>`, so the app works under any public URL.
const CORPUS_URL: &str = "corpus.json";
/// A request still unanswered after this is abandoned and reported.
const TIMEOUT_SECONDS: u32 = 15;

/// GETs `url` (relative to the `<base>`) as text, abandoned if the server
/// has not answered within [`TIMEOUT_SECONDS`]. Once it answers, the body
/// takes the time it takes: the search data of a large corpus is megabytes,
/// which a slow link needs longer than that to bring. The request is
/// gloo-net's (2.3 KB brotli more than a hand-written `fetch` through
/// web-sys, measured: docs/performance.md), cut by its abort signal.
pub async fn fetch_text(url: &str) -> Result<String, CorpusLoadError> {
    let network = || CorpusLoadError::Network(format!("fetch {url} failed"));
    let abort = web_sys::AbortController::new().map_err(|_| network())?;
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_timeout = {
        let (abort, timed_out) = (abort.clone(), timed_out.clone());
        wasm_bindgen::closure::Closure::once(move || {
            timed_out.set(true);
            abort.abort();
        })
    };
    let timer = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            (TIMEOUT_SECONDS * 1000) as i32,
        )
        .ok();
    let result = async {
        let response = gloo_net::http::Request::get(url)
            .abort_signal(Some(&abort.signal()))
            .send()
            .await;
        // Answered (or failed): no more timeout.
        if let Some(timer) = timer {
            window().clear_timeout_with_handle(timer);
        }
        let response = response.map_err(|_| network())?;
        if !response.ok() {
            return Err(CorpusLoadError::Http {
                status: response.status(),
            });
        }
        response.text().await.map_err(|_| network())
    }
    .await;
    drop(on_timeout);
    match result {
        Err(_) if timed_out.get() => Err(CorpusLoadError::Timeout {
            seconds: TIMEOUT_SECONDS,
        }),
        other => other,
    }
}

pub async fn fetch_corpus() -> Result<Corpus, CorpusLoadError> {
    Corpus::from_json(&fetch_text(CORPUS_URL).await?)
}

/// An essay's body: its blocks and, for a translated essay, its rows
/// against the translation.
pub type Body = Arc<EssayBody>;

/// Bodies fetched so far, by URL (the URL names the content: no staleness),
/// shared by every page of the app through a context. At build time the
/// pages tool puts in the body of the essay it pre-renders.
#[derive(Clone, Copy)]
pub struct BodyCache(StoredValue<HashMap<String, Body>>);

impl BodyCache {
    pub fn provide(bodies: HashMap<String, Body>) -> BodyCache {
        let cache = BodyCache(StoredValue::new(bodies));
        provide_context(cache);
        cache
    }

    /// The body at `url` if it has been fetched already.
    pub fn get(&self, url: &str) -> Option<Body> {
        self.0.with_value(|bodies| bodies.get(url).cloned())
    }

    /// The body at `url`, from memory or fetched (and then kept).
    pub async fn fetch(self, url: String) -> Result<Body, CorpusLoadError> {
        if let Some(blocks) = self.get(&url) {
            return Ok(blocks);
        }
        let blocks = Arc::new(EssayBody::from_json(&fetch_text(&url).await?)?);
        self.0.update_value(|bodies| {
            bodies.insert(url, blocks.clone());
        });
        Ok(blocks)
    }

    /// Fetches a body ahead of need (the translation of the essay being
    /// read), so that the language switch and the side-by-side view do not
    /// wait.
    pub fn prefetch(self, url: String) {
        if self.get(&url).is_none() {
            leptos::task::spawn_local(async move {
                let _ = self.fetch(url).await;
            });
        }
    }
}

pub fn use_bodies() -> BodyCache {
    expect_context::<BodyCache>()
}

/// The search's shard list (`search_shards`), fetched when the reader
/// comes to the search field.
pub async fn fetch_shard_list(url: String) -> Result<ShardList, CorpusLoadError> {
    if url.is_empty() {
        return Err(CorpusLoadError::Http { status: 404 });
    }
    ShardList::from_json(&fetch_text(&url).await?)
}

/// One shard of the search index, fetched when a query needs it.
pub async fn fetch_shard(url: &str) -> Result<Shard, CorpusLoadError> {
    Shard::from_json(&fetch_text(url).await?)
}

/// The corpus as the app has it: not yet in, failed (and why), or ready.
pub type CorpusLoad = Option<Result<Arc<Corpus>, CorpusLoadError>>;

/// The app's corpus, shared by every page through a context. In the browser
/// it is fetched once the app has started ([`CorpusSource::load`]); at build
/// time the pages tool hands it over ready.
#[derive(Clone, Copy)]
pub struct CorpusSource(RwSignal<CorpusLoad>);

impl CorpusSource {
    pub fn provide(initial: CorpusLoad) -> CorpusSource {
        let source = CorpusSource(RwSignal::new(initial));
        provide_context(source);
        source
    }

    /// Fetches the corpus (again, after a failure).
    pub fn load(self) {
        // Back to "loading" after a failure; at start it is there already,
        // and setting it again would redraw the page for nothing.
        if self.0.with_untracked(Option::is_some) {
            self.0.set(None);
        }
        leptos::task::spawn_local(async move {
            let result = fetch_corpus().await.map(Arc::new);
            self.0.try_set(Some(result));
        });
    }

    pub fn get(&self) -> CorpusLoad {
        self.0.get()
    }
}

/// The corpus once loaded, reactively (None while loading or failed).
pub fn use_corpus() -> Signal<Option<Arc<Corpus>>> {
    let source = use_context::<CorpusSource>();
    Signal::derive(move || {
        source
            .and_then(|CorpusSource(load)| load.get())
            .and_then(Result::ok)
    })
}
