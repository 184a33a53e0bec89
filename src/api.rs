//! The one request the app makes: the corpus, fetched once and shared.

use essais_core::{Corpus, CorpusLoadError};
use gloo_net::http::Request;
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::load_error::LoadErrorPanel;
use crate::language::use_reading_language;

/// Relative to the document's `<base>`, so the app works under any public URL.
const CORPUS_URL: &str = "corpus.json";

pub async fn fetch_corpus() -> Result<Corpus, CorpusLoadError> {
    let response = Request::get(CORPUS_URL)
        .send()
        .await
        .map_err(|e| CorpusLoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(CorpusLoadError::Http {
            status: response.status(),
        });
    }
    let text = response
        .text()
        .await
        .map_err(|e| CorpusLoadError::Network(e.to_string()))?;
    Corpus::from_json(&text)
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
