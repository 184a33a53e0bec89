//! The reading language: one choice for the interface and the texts.
//!
//! First visit: the browser's preferred languages decide. After that the
//! reader's own choice is remembered in localStorage; when storage is missing
//! or throws, the app simply does not remember.

use essais_core::Lang;
use leptos::prelude::*;

const STORAGE_KEY: &str = "essais.lang";

/// The reading language, shared through context.
#[derive(Clone, Copy)]
pub struct ReadingLanguage(pub RwSignal<Lang>);

pub fn provide_reading_language() {
    let lang = RwSignal::new(remembered_language().unwrap_or_else(browser_language));
    provide_context(ReadingLanguage(lang));
    // The document follows the reading language: screen readers pick their
    // voice from <html lang>.
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document().set_title(&format!("essais — {}", essais_core::ui::strings(lang).tagline));
    });
}

pub fn use_reading_language() -> RwSignal<Lang> {
    match use_context::<ReadingLanguage>() {
        Some(ReadingLanguage(lang)) => lang,
        // A component rendered outside the app (as in component tests) reads in English.
        None => RwSignal::new(Lang::En),
    }
}

/// Sets the reading language and remembers it for the next visit.
pub fn choose_language(lang: Lang) {
    use_reading_language().set(lang);
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

fn remembered_language() -> Option<Lang> {
    let storage = window().local_storage().ok()??;
    let code = storage.get_item(STORAGE_KEY).ok()??;
    Lang::from_code(&code)
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
