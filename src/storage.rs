//! The reader's remembered choices. localStorage may be missing, full or
//! throwing (private modes, disabled storage): then nothing is remembered and
//! nothing fails.

use leptos::prelude::window;

pub fn get(key: &str) -> Option<String> {
    window().local_storage().ok()??.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(key, value);
    }
}
