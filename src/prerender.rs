//! The page the pages tool pre-rendered into the entry page (`#boot` with
//! `data-prerendered`, drawn by these same components at build time: see
//! `pages/`) is what the reader sees until the app has drawn the same page;
//! then it goes. Until then the app's own elements are hidden by the
//! stylesheet, so the words on screen never blink out and back.

use leptos::prelude::document;

/// Whether the entry page came with its page pre-rendered.
pub fn is_prerendered() -> bool {
    document()
        .get_element_by_id("boot")
        .is_some_and(|boot| boot.has_attribute("data-prerendered"))
}

/// The app's page is drawn: the pre-rendered one (or the loading message)
/// goes. Called by each page once its content is in the DOM; idempotent.
pub fn page_ready() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

/// What the reader typed into the pre-rendered search field before the app
/// took over, and whether the field had the focus: the app's field carries
/// on from there rather than dropping it.
pub struct TypedSearch {
    pub text: String,
    pub focused: bool,
}

pub fn typed_search() -> Option<TypedSearch> {
    use wasm_bindgen::JsCast;
    let field: web_sys::HtmlInputElement = document()
        .query_selector("#boot #search")
        .ok()??
        .dyn_into()
        .ok()?;
    let focused = document()
        .active_element()
        .is_some_and(|active| active == **field);
    let text = field.value();
    (focused || !text.trim().is_empty()).then_some(TypedSearch { text, focused })
}
