//! The reading language: one choice for the interface and the texts.
//!
//! The URL says it (`/fr/…`, `/en/…`). Where the URL has none (the bare
//! public URL, an unknown address), the reader's remembered choice decides,
//! else the browser's preferred languages.

use essais_core::Lang;
use leptos::prelude::*;

use crate::paths::use_route;
use crate::storage;

const STORAGE_KEY: &str = "essais.lang";

/// The reading language, shared through context.
#[derive(Clone, Copy)]
pub struct ReadingLanguage(pub Signal<Lang>);

/// Derives the reading language from the URL, else `preferred` (the
/// reader's, read once as the app starts), and keeps `<html lang>` in step
/// (screen readers pick their voice from it).
pub fn provide_reading_language(preferred: Lang) -> Signal<Lang> {
    let route = use_route();
    let lang = Signal::derive(move || route.get().lang().unwrap_or(preferred));
    provide_context(ReadingLanguage(lang));
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });
    lang
}

pub fn use_reading_language() -> Signal<Lang> {
    match use_context::<ReadingLanguage>() {
        Some(ReadingLanguage(lang)) => lang,
        // Outside the app (as in component tests) the interface is English.
        None => Signal::stored(Lang::En),
    }
}

/// Remembers an explicit choice for the next visit to the bare URL.
pub fn remember_language(lang: Lang) {
    storage::set(STORAGE_KEY, lang.code());
}

/// The remembered choice, else the browser's preference (in the browser only).
pub fn preferred_language() -> Lang {
    storage::get(STORAGE_KEY)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_else(browser_language)
}

fn browser_language() -> Lang {
    let languages: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::from_browser_preferences(languages.iter().map(String::as_str))
}

/// Sets the document title: the page's own title, then the site's name.
pub fn set_document_title(page_title: Option<&str>, lang: Lang) {
    document().set_title(&essais_core::ui::document_title(page_title, lang));
}
