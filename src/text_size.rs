//! The reader's text size: five steps, remembered, applied as a class on
//! `<html>` (no inline style, so a strict Content-Security-Policy holds).

use leptos::prelude::*;

use crate::storage;

const STORAGE_KEY: &str = "essais.textSize";
pub const SMALLEST: u8 = 1;
pub const DEFAULT: u8 = 3;
pub const LARGEST: u8 = 5;

#[derive(Clone, Copy)]
pub struct TextSize(pub RwSignal<u8>);

/// The size the reader chose last time (in the browser only), else [`DEFAULT`].
pub fn remembered_text_size() -> u8 {
    storage::get(STORAGE_KEY)
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|v| (SMALLEST..=LARGEST).contains(v))
        .unwrap_or(DEFAULT)
}

pub fn provide_text_size(initial: u8) -> RwSignal<u8> {
    let size = RwSignal::new(initial);
    provide_context(TextSize(size));
    Effect::new(move |previous: Option<u8>| {
        let size = size.get();
        if let Some(root) = document().document_element() {
            let classes = root.class_list();
            if let Some(previous) = previous {
                let _ = classes.remove_1(&format!("text-size-{previous}"));
            }
            let _ = classes.add_1(&format!("text-size-{size}"));
        }
        if previous.is_some() {
            storage::set(STORAGE_KEY, &size.to_string());
        }
        size
    });
    size
}

pub fn use_text_size() -> RwSignal<u8> {
    use_context::<TextSize>()
        .map(|TextSize(s)| s)
        .unwrap_or_else(|| RwSignal::new(DEFAULT))
}
