//! What the reader must know about the app itself: a new version waiting,
//! being offline, and (in the footer) being ready to read offline.

use essais_core::ui::strings;
use leptos::prelude::*;

use crate::language::use_reading_language;
use crate::offline::use_offline_state;

#[component]
pub fn AppNotices() -> impl IntoView {
    let lang = use_reading_language();
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
                    if offline.ready.get() { ui.offline_now } else { ui.offline_not_ready }
                }}
            </p>
        </Show>
    }
    .into_any()
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_reading_language();
    let ready = use_offline_state().map(|o| o.ready);
    view! {
        <footer class="site-footer">
            <p class="offline-ready" role="status">
                {move || ready.is_some_and(|r| r.get()).then(|| strings(lang.get()).ready_offline)}
            </p>
        </footer>
    }
}
