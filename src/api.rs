//! What the app fetches: the corpus index once, each essay's body when it is
//! opened, and the search data when the reader comes to the search field.
//! Bodies are kept once fetched, so going back, switching language or
//! opening the side-by-side view never waits twice.

use essais_core::document::Block;
use essais_core::{Corpus, CorpusLoadError, EssayBody, SearchData};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::load_error::LoadErrorPanel;
use crate::language::use_reading_language;

/// Relative to the document's `<base>`, so the app works under any public URL.
const CORPUS_URL: &str = "corpus.json";
/// A request still unanswered after this is abandoned and reported.
const TIMEOUT_SECONDS: u32 = 15;

/// GETs `url` (relative to the `<base>`) as text, abandoned if the server
/// has not answered within [`TIMEOUT_SECONDS`]. Once it answers, the body
/// takes the time it takes: the search data of a large corpus is megabytes,
/// which a slow link needs longer than that to bring. Straight `fetch`
/// through web-sys: an HTTP crate would cost the first visit more bytes than
/// it saves lines here.
pub async fn fetch_text(url: &str) -> Result<String, CorpusLoadError> {
    let network = |_| CorpusLoadError::Network(format!("fetch {url} failed"));
    let abort = web_sys::AbortController::new().map_err(network)?;
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
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&abort.signal()));
        let response = JsFuture::from(window().fetch_with_str_and_init(url, &init)).await;
        // Answered (or failed): no more timeout.
        if let Some(timer) = timer {
            window().clear_timeout_with_handle(timer);
        }
        let response: web_sys::Response = response.map_err(network)?.unchecked_into();
        if !response.ok() {
            return Err(CorpusLoadError::Http {
                status: response.status(),
            });
        }
        let text = JsFuture::from(response.text().map_err(network)?)
            .await
            .map_err(network)?;
        Ok(text.as_string().unwrap_or_default())
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

/// An essay's blocks.
pub type Blocks = Arc<Vec<Block>>;

thread_local! {
    /// Bodies fetched so far, by URL (the URL names the content: no staleness).
    static BODIES: RefCell<HashMap<String, Blocks>> = RefCell::new(HashMap::new());
}

/// The body at `url` if it has been fetched already.
pub fn cached_body(url: &str) -> Option<Blocks> {
    BODIES.with(|bodies| bodies.borrow().get(url).cloned())
}

/// The body at `url`, from memory or fetched (and then kept).
pub async fn fetch_body(url: String) -> Result<Blocks, CorpusLoadError> {
    if let Some(blocks) = cached_body(&url) {
        return Ok(blocks);
    }
    let blocks = Arc::new(EssayBody::from_json(&fetch_text(&url).await?)?.blocks);
    BODIES.with(|bodies| bodies.borrow_mut().insert(url, blocks.clone()));
    Ok(blocks)
}

/// Fetches a body ahead of need (the translation of the essay being read),
/// so that the language switch and the side-by-side view do not wait.
pub fn prefetch_body(url: String) {
    if cached_body(&url).is_none() {
        leptos::task::spawn_local(async move {
            let _ = fetch_body(url).await;
        });
    }
}

pub async fn fetch_search_data(url: String) -> Result<SearchData, CorpusLoadError> {
    if url.is_empty() {
        return Err(CorpusLoadError::Http { status: 404 });
    }
    SearchData::from_json(&fetch_text(&url).await?)
}

/// The loaded corpus as the app shares it: loading, failed, or ready.
#[derive(Clone, Copy)]
pub struct CorpusResource(LocalResource<Result<Arc<Corpus>, CorpusLoadError>>);

impl CorpusResource {
    /// Starts the fetch and makes the corpus available to every page.
    pub fn provide() -> Self {
        let resource = CorpusResource(LocalResource::new(|| async {
            fetch_corpus().await.map(Arc::new)
        }));
        provide_context(resource);
        resource
    }

    pub fn retry(&self) {
        self.0.refetch();
    }

    /// `ready()` once the corpus is in; meanwhile a loading line, and on
    /// failure the reason in the reader's language with a retry button.
    pub fn view_when_ready<V: IntoView + 'static>(
        &self,
        ready: impl Fn() -> V + 'static,
    ) -> AnyView {
        let lang = use_reading_language();
        match self.0.get() {
            None => view! {
                <p class="status" role="status">{move || essais_core::ui::strings(lang.get()).loading}</p>
            }
            .into_any(),
            Some(Err(error)) => {
                let resource = *self;
                view! { <LoadErrorPanel error=error retry=move || resource.retry() /> }.into_any()
            }
            Some(Ok(_)) => ready().into_any(),
        }
    }
}

/// The corpus once loaded, reactively (None while loading or failed).
pub fn use_corpus() -> Signal<Option<Arc<Corpus>>> {
    let resource = use_context::<CorpusResource>();
    Signal::derive(move || {
        resource
            .and_then(|CorpusResource(r)| r.get())
            .and_then(Result::ok)
    })
}
