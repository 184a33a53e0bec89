//! The page's own keyboard shortcuts stay out of the way of typing.

use leptos::prelude::document;

/// Whether a key pressed now goes to a field the reader is typing in (or
/// comes with a modifier, a browser's or the system's own shortcut).
pub fn not_for_us(event: &web_sys::KeyboardEvent) -> bool {
    event.ctrl_key()
        || event.meta_key()
        || event.alt_key()
        || document().active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}
