//! The reading keys of an essay page: `j` / `k` to the next or previous
//! paragraph (side by side, its row and counterpart light up with the
//! focus), `t` to show or hide the current paragraph's translation, `?` for
//! the list. None of them fire while the reader types in a field.

use essais_core::reading::{Key, KEYS};
use essais_core::ui::strings;
use essais_core::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::reading_place::{block_at_top_of_screen, scroll_to_fragment};

#[component]
pub fn ReadingKeys(lang: Lang) -> impl IntoView {
    let ui = strings(lang);
    let help = RwSignal::new(false);
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        let listener = window_event_listener(leptos::ev::keydown, move |event| {
            if crate::keys::not_for_us(&event) {
                return;
            }
            if event.key() == "Escape" && help.get_untracked() {
                help.set(false);
                return;
            }
            let Some(key) = Key::of(&event.key()) else {
                return;
            };
            event.prevent_default();
            match key {
                Key::Next => step(true),
                Key::Previous => step(false),
                Key::Translation => toggle_translation(),
                Key::Help => help.update(|open| *open = !*open),
            }
        });
        on_cleanup(move || listener.remove());
    });
    Effect::new(move |_| {
        if help.get() {
            request_animation_frame(move || {
                if let Some(button) = close.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    });
    move || {
        help.get().then(|| {
            let keys = KEYS
                .iter()
                .map(|&(k, key)| view! { <dt><kbd>{k}</kbd></dt><dd>{key.describe(ui)}</dd> })
                .collect_view();
            view! {
                <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" lang=lang.code()>
                    <h2 id="shortcuts-title">{ui.shortcuts_title}</h2>
                    <dl>{keys}</dl>
                    <button type="button" node_ref=close on:click=move |_| help.set(false)>{ui.close}</button>
                </div>
            }
        })
    }
}

/// The essay's blocks in the reading language, in order.
fn blocks() -> Vec<web_sys::HtmlElement> {
    crate::reading_place::all("article.essay [data-block]")
}

/// The paragraph being read: the focused one, or the first on screen.
fn current(blocks: &[web_sys::HtmlElement]) -> Option<(usize, bool)> {
    if let Some(active) = document().active_element() {
        if let Some(i) = blocks.iter().position(|b| b.contains(Some(&active))) {
            return Some((i, true));
        }
    }
    let n = block_at_top_of_screen()?.to_string();
    blocks
        .iter()
        .position(|b| b.get_attribute("data-block").as_deref() == Some(n.as_str()))
        .map(|i| (i, false))
}

fn step(forward: bool) {
    let blocks = blocks();
    let target = match (current(&blocks), forward) {
        (Some((i, true)), true) => i + 1,
        (Some((i, true)), false) => i.saturating_sub(1),
        // Nothing focused yet: `j` starts with the paragraph on screen.
        (Some((i, false)), true) => i,
        (Some((i, false)), false) => i.saturating_sub(1),
        (None, _) => 0,
    };
    if let Some(block) = blocks.get(target) {
        let _ = block.set_attribute("tabindex", "-1");
        let _ = block.focus();
        scroll_to_fragment(&block.id());
    }
}

fn toggle_translation() {
    let blocks = blocks();
    let Some((i, _)) = current(&blocks) else {
        return;
    };
    let reveal = blocks[i]
        .next_element_sibling()
        .filter(|next| next.class_list().contains("at-hand"))
        .and_then(|at_hand| at_hand.query_selector(".reveal").ok().flatten())
        .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = reveal {
        button.click();
        // The focus stays on the paragraph, for the next key.
        let _ = blocks[i].set_attribute("tabindex", "-1");
        let _ = blocks[i].focus();
    }
}
