//! What the reader must know about the app itself: a new version waiting,
//! being offline, and (in the footer) what this device keeps for offline
//! reading, with the offer to save every essay above the budget.

use essais_core::ui::{offline_saved, save_every_essay, saving_essays, saving_stopped, strings};
use leptos::prelude::*;

use crate::api::use_corpus;
use crate::language::use_reading_language;
use crate::offline::{use_offline_state, Saving};
use crate::router::use_location;

#[component]
pub fn AppNotices() -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_corpus();
    let Some(offline) = use_offline_state() else {
        return ().into_any();
    };
    view! {
        <Show when=move || offline.update_waiting.get()>
            <div class="app-notice update-notice" role="alert">
                {move || strings(lang.get()).update_available}
                " "
                <button type="button" on:click=move |_| offline.apply_update()>
                    {move || strings(lang.get()).reload}
                </button>
            </div>
        </Show>
        <Show when=move || !offline.online.get()>
            <p class="app-notice offline-notice" role="status">
                {move || {
                    let ui = strings(lang.get());
                    match (offline.ready.get(), offline.essays_on_request()) {
                        (false, _) => ui.offline_not_ready,
                        // Only what was opened or saved is here.
                        (true, true) if offline.saved.get() != corpus.get().map(|c| c.essays.len()) => ui.offline_now_saved,
                        (true, _) => ui.offline_now,
                    }
                }}
            </p>
        </Show>
    }
    .into_any()
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_corpus();
    let Some(offline) = use_offline_state() else {
        return view! { <footer class="site-footer"></footer> }.into_any();
    };
    // Above the budget, the essays on the device are counted again at
    // every page (the one just opened is saved by the service worker),
    // until every one is.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if !offline.ready.get() || !offline.essays_on_request() {
            return;
        }
        if let Some(corpus) = corpus.get() {
            if offline.saved.get_untracked() == Some(corpus.essays.len()) {
                return;
            }
            set_timeout(
                move || offline.recount(corpus),
                std::time::Duration::from_millis(300),
            );
        }
    });
    let status = move || {
        let lang = lang.get();
        let ui = strings(lang);
        if !offline.ready.get() {
            return None;
        }
        if !offline.essays_on_request() {
            return Some(ui.ready_offline.to_string());
        }
        let total = corpus.get()?.essays.len();
        let saved = offline.saved.get()?;
        Some(match offline.saving.get() {
            Saving::Running => saving_essays(lang, saved, total),
            _ if saved >= total => ui.ready_offline.to_string(),
            Saving::Stopped { full } => format!(
                "{} {}",
                offline_saved(lang, saved, total),
                saving_stopped(lang, saved, total, full)
            ),
            Saving::Idle => offline_saved(lang, saved, total),
        })
    };
    // The offer to save every essay, while some are missing.
    let save = move || {
        let plan = offline.plan.get().filter(|plan| !plan.every_essay)?;
        let corpus = corpus.get()?;
        let missing = offline.saved.get()? < corpus.essays.len();
        (offline.ready.get() && missing && offline.saving.get() != Saving::Running).then(|| {
            view! {
                <button type="button" class="save-every-essay" on:click=move |_| {
                    offline.save_every_essay(corpus.clone())
                }>{save_every_essay(lang.get(), plan.essays_bytes)}</button>
            }
        })
    };
    view! {
        <footer class="site-footer">
            <p class="offline-ready" role="status">{status}</p>
            {save}
        </footer>
    }
    .into_any()
}
