//! Share a passage: each paragraph's link button (drawn with the paragraph,
//! `essay_body.rs`) copies the essay's address with `#p<n>` in the reading
//! language, or opens the system's share sheet where the browser has one.
//! One listener for every button of the page; a paragraph a link points to
//! is marked for a moment on arrival ([`mark_arrival`]).

use essais_core::ui::strings;
use essais_core::Lang;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

use crate::components::essay_body::PASSAGE_LINK_LABEL_ID;

#[component]
pub fn PassageLinks(lang: Lang) -> impl IntoView {
    let ui = strings(lang);
    let status = RwSignal::new("");
    Effect::new(move |_| {
        let listener = window_event_listener(leptos::ev::click, move |event| {
            let Some(button) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".passage-link").ok().flatten())
            else {
                return;
            };
            let Some(block) = button.closest("[data-block]").ok().flatten() else {
                return;
            };
            let location = window().location();
            let url = format!(
                "{}{}#{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default(),
                block.id()
            );
            share(&url, status, ui.link_copied);
        });
        on_cleanup(move || listener.remove());
    });
    view! {
        <span id=PASSAGE_LINK_LABEL_ID class="visually-hidden">{ui.copy_passage_link}</span>
        <p class="passage-link-status" class:shown=move || !status.get().is_empty() role="status">{move || status.get()}</p>
    }
}

/// The share sheet where there is one (phones), else the clipboard.
fn share(url: &str, status: RwSignal<&'static str>, copied: &'static str) {
    let navigator = window().navigator();
    let has_share = js_sys::Reflect::has(&navigator, &"share".into()).unwrap_or(false);
    let promise = if has_share {
        let data = web_sys::ShareData::new();
        data.set_url(url);
        data.set_title(&document().title());
        navigator.share_with_data(&data)
    } else {
        navigator.clipboard().write_text(url)
    };
    leptos::task::spawn_local(async move {
        // A share sheet closed without sharing is not a failure to report.
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() && !has_share {
            status.set(copied);
            set_timeout(move || status.set(""), Duration::from_millis(2500));
        }
    });
}

/// Marks the paragraph a link pointed to for a moment (a class the
/// stylesheet animates), so the reader sees which one was meant.
pub fn mark_arrival(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let _ = element.class_list().add_1("arrived");
    set_timeout(
        move || {
            let _ = element.class_list().remove_1("arrived");
        },
        Duration::from_millis(2500),
    );
}
