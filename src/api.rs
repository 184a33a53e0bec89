//! The one request the app makes: the corpus, fetched once and shared.

use essais_core::{Corpus, CorpusLoadError};
use gloo_net::http::Request;
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::load_error::LoadErrorPanel;
use crate::language::use_reading_language;

/// Relative to the document's `<base>`, so the app works under any public URL.
const CORPUS_URL: &str = "corpus.json";
/// A request still unanswered after this is abandoned and reported.
const TIMEOUT_SECONDS: u32 = 15;

pub async fn fetch_corpus() -> Result<Corpus, CorpusLoadError> {
    let abort = web_sys::AbortController::new()
        .map_err(|_| CorpusLoadError::Network("no AbortController".into()))?;
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
            wasm_bindgen::JsCast::unchecked_ref(on_timeout.as_ref()),
            (TIMEOUT_SECONDS * 1000) as i32,
        )
        .ok();
    let result = fetch_text(&abort.signal()).await;
    if let Some(timer) = timer {
        window().clear_timeout_with_handle(timer);
    }
    drop(on_timeout);
    match result {
        Err(_) if timed_out.get() => Err(CorpusLoadError::Timeout {
            seconds: TIMEOUT_SECONDS,
        }),
        Err(err) => Err(err),
        Ok(text) => Corpus::from_json(&text),
    }
}

async fn fetch_text(signal: &web_sys::AbortSignal) -> Result<String, CorpusLoadError> {
    let response = Request::get(CORPUS_URL)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|e| CorpusLoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(CorpusLoadError::Http {
            status: response.status(),
        });
    }
    response
        .text()
        .await
        .map_err(|e| CorpusLoadError::Network(e.to_string()))
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
            Some(Err(error)) => view! { <LoadErrorPanel error=error resource=*self /> }.into_any(),
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
