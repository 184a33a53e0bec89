//! The essay page's code (the page and all that it alone uses: the text in
//! sentences, side by side, listening, the reading keys and companions) is a
//! WASM module of its own, split from the app's at build time
//! (`wasm_split`: the pages tool's `app` step, docs/architecture.md). The
//! library's first visit waits for and compiles only the rest: 231 KB of
//! brotli instead of 301, the library taken over about a third of a
//! second sooner (docs/performance.md, "The essay page's code in a module
//! of its own").
//!
//! The app asks for the module as it starts, once its own code is in (ahead
//! of the index, which may be megabytes), so that an essay opened from the
//! library is drawn at once or soon after; an essay's entry page preloads it
//! beside the app's code. At build time (natively, the pages tool) there is
//! nothing to fetch: the page is part of the tool.

use essais_core::CorpusLoadError;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::components::load_error::PartLoadError;
use crate::routes::essay::EssayPage;

/// The split point: `wasm_split` moves this function, and every function
/// only it reaches, into the module named `essay_page`, and makes the one
/// the app calls `async`: it fetches the module first (`fetch_essay_code`
/// fetches it without drawing anything). A failed fetch is an error, not a
/// panic (`fallible`), and is tried again on the next call.
#[leptos::wasm_split::wasm_split(
    essay_page,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_essay_code),
    fallible
)]
fn essay_page(slug: String) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <EssayPage slug=slug /> }.into_any())
}

/// Where the essay page's code is.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Not asked for, or on its way.
    Absent,
    /// In: the page can be drawn at once.
    In,
    /// The last fetch failed.
    Failed,
}

/// The essay page's code: the app fetches it ahead as it starts, and its
/// pages (`Pages`) draw the essay page through it.
#[derive(Clone, Copy)]
pub struct EssayCode {
    state: RwSignal<State>,
    /// A fetch is on its way: not a signal, since drawing a page asks for
    /// the code and must not redraw itself by asking.
    asked: StoredValue<bool>,
}

impl EssayCode {
    pub fn provide() -> EssayCode {
        let state = if cfg!(target_family = "wasm") {
            State::Absent
        } else {
            State::In
        };
        let code = EssayCode {
            state: RwSignal::new(state),
            asked: StoredValue::new(false),
        };
        provide_context(code);
        code
    }

    /// Fetches the code ahead, unless it is in or on its way. Should that
    /// fetch fail, no one is waiting: the first essay shown asks again.
    pub fn fetch_ahead(self) {
        self.fetch(State::Absent);
    }

    /// Fetches the code unless it is in or on its way; `failed` is the
    /// state a failure leaves.
    fn fetch(self, failed: State) {
        if self.asked.get_value() || self.state.get_untracked() == State::In {
            return;
        }
        self.asked.set_value(true);
        leptos::task::spawn_local(async move {
            let state = match fetch_essay_code().await {
                Ok(()) => State::In,
                Err(_) => failed,
            };
            self.asked.set_value(false);
            self.state.set(state);
        });
    }

    /// The reader asked to try again after a failure.
    fn retry(self) {
        self.state.set(State::Absent);
        self.fetch(State::Failed);
    }

    /// The essay page for `slug` once its code is in; until then a status,
    /// the code asked for; after a failure, the reason and a way to try
    /// again (the header, the language and the library still work).
    pub fn page(self, slug: String) -> AnyView {
        let status = || {
            let lang = crate::language::use_reading_language();
            view! {
                <p class="status" role="status">{move || essais_core::ui::strings(lang.get()).loading}</p>
            }
            .into_any()
        };
        match self.state.get() {
            State::In => match now(essay_page(slug)) {
                Some(Ok(page)) => page,
                // In, so the call returns at once and cannot fail; should
                // it ever not, the reader waits rather than sees nothing.
                _ => status(),
            },
            State::Absent => {
                self.fetch(State::Failed);
                status()
            }
            State::Failed => {
                // Seen, where a pre-rendered page would otherwise hide it.
                Effect::new(|_| crate::prerender::page_ready());
                let error = CorpusLoadError::Network("the essay page's code".into());
                view! {
                    <PartLoadError error=error what=|ui| ui.text_failed retry=move || self.retry() />
                }
                .into_any()
            }
        }
    }
}

pub fn use_essay_code() -> EssayCode {
    expect_context()
}

/// The value of `future` if it is ready at once: the split function, once
/// its module is in, returns without waiting for anything.
fn now<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => Some(output),
        std::task::Poll::Pending => None,
    }
}
