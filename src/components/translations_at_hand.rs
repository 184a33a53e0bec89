//! The single text of a translated essay with its translation at hand: each
//! paragraph can reveal, under it, the passage of the translation that
//! faces it (the rows the build aligned), and the whole essay at once.
//! What is revealed is remembered per essay on this device.

use essais_core::document::Block;
use essais_core::ui::strings;
use essais_core::{CorpusLoadError, Essay, Lang};
use leptos::prelude::*;
use std::ops::Range;

use crate::api::{use_bodies, Body};
use crate::components::essay_body::{block_view, Anchor};

/// The translation's body: not asked for until a paragraph opens (the essay
/// page fetches it ahead anyway, so it is usually there already).
type Other = RwSignal<Option<Result<Body, CorpusLoadError>>, LocalStorage>;

/// `body` is the essay's (with its rows against `translation`).
#[component]
pub fn TranslationsAtHand(
    essay: Essay,
    body: Body,
    translation: Essay,
    lang: Lang,
) -> impl IntoView {
    let ui = strings(lang);
    let other_lang = translation.lang;
    let code = other_lang.code().to_uppercase();
    let facing = body
        .alignment
        .as_ref()
        .map(|a| a.shown_under(body.blocks.len()))
        .unwrap_or_else(|| vec![None; body.blocks.len()]);
    // One switch per paragraph that has something to reveal: opening one
    // wakes only its own paragraph.
    let switches: Vec<Option<RwSignal<bool>>> = facing
        .iter()
        .map(|f| f.as_ref().map(|_| RwSignal::new(false)))
        .collect();
    let all: Vec<(usize, RwSignal<bool>)> = switches
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, (*s)?)))
        .collect();
    let all = StoredValue::new(all);
    let other: Other = RwSignal::new_local(None);
    let cache = use_bodies();
    let url = StoredValue::new(translation.body_url.clone());
    let need_other = move || {
        if other.with_untracked(Option::is_some) {
            return;
        }
        let url = url.get_value();
        match cache.get(&url) {
            Some(body) => other.set(Some(Ok(body))),
            None => leptos::task::spawn_local(async move {
                let fetched = cache.fetch(url).await;
                other.set(Some(fetched));
            }),
        }
    };
    let key = StoredValue::new(storage_key(&essay.slug));
    let remember = move || {
        let open: Vec<usize> = all.with_value(|all| {
            all.iter()
                .filter(|(_, s)| s.get_untracked())
                .map(|(i, _)| *i)
                .collect()
        });
        crate::storage::set(&key.get_value(), &stored_open(&open));
    };
    // What this reader had open here, once the page is the app's (the page
    // as served has nothing open, so the takeover moves nothing).
    Effect::new(move |_| {
        let Some(saved) = crate::storage::get(&key.get_value()) else {
            return;
        };
        let open = parse_open(&saved);
        all.with_value(|all| {
            for (i, switch) in all {
                switch.set(open.contains(i));
            }
        });
        if !open.is_empty() {
            need_other();
        }
    });
    let all_open = Memo::new(move |_| {
        all.with_value(|all| !all.is_empty() && all.iter().all(|(_, s)| s.get()))
    });
    let toggle_all = move |_| {
        let open = !all_open.get_untracked();
        if open {
            need_other();
        }
        all.with_value(|all| all.iter().for_each(|(_, s)| s.set(open)));
        remember();
    };
    let blocks = body
        .blocks
        .iter()
        .cloned()
        .zip(facing)
        .zip(switches)
        .enumerate()
        .map(|(i, ((block, facing), switch))| {
            let text = block_view(block, Some(Anchor::reading(i + 1)));
            let (Some(range), Some(switch)) = (facing, switch) else {
                return text;
            };
            let toggle = move |_| {
                if !switch.get_untracked() {
                    need_other();
                }
                switch.update(|open| *open = !*open);
                remember();
            };
            let id = format!("t{}", i + 1);
            // Named "Afficher la traduction EN": the visible code is part of
            // the name, as it must be for those who speak to their browser.
            view! {
                {text}
                <div class="at-hand">
                    <button
                        type="button"
                        class="reveal"
                        aria-expanded=move || switch.get().to_string()
                        aria-controls=id.clone()
                        on:click=toggle
                    >
                        <span class="visually-hidden">
                            {move || if switch.get() { ui.hide_translation } else { ui.show_translation }}
                            " "
                        </span>
                        <span class="reveal-code">{code.clone()}</span>
                    </button>
                    <div class="revealed" id=id lang=other_lang.code()>
                        {move || switch.get().then(|| revealed(other, range.clone(), lang))}
                    </div>
                </div>
            }
            .into_any()
        })
        .collect_view();
    view! {
        {all.with_value(|all| !all.is_empty()).then(|| view! {
            <div class="at-hand-controls">
                <button type="button" class="reveal-all" aria-pressed=move || all_open.get().to_string() on:click=toggle_all>
                    {move || if all_open.get() { ui.hide_translations } else { ui.show_translations }}
                </button>
            </div>
        })}
        <div class="essay-body">{blocks}</div>
    }
}

/// The translation's blocks in `range`, or why they are not there yet.
fn revealed(other: Other, range: Range<usize>, lang: Lang) -> AnyView {
    let ui = strings(lang);
    other.with(|other| match other {
        None => view! { <p class="status" lang=lang.code()>{ui.loading_text}</p> }.into_any(),
        Some(Err(_)) => {
            view! { <p class="status" lang=lang.code()>{ui.text_failed}</p> }.into_any()
        }
        Some(Ok(body)) => {
            let blocks: Vec<Block> = body
                .blocks
                .get(range)
                .map(<[Block]>::to_vec)
                .unwrap_or_default();
            blocks
                .into_iter()
                .map(|b| block_view(b, None))
                .collect_view()
                .into_any()
        }
    })
}

fn storage_key(slug: &str) -> String {
    format!("essais:translations-at-hand:{slug}")
}

/// The open blocks as stored: their numbers (from 1), comma-separated.
fn stored_open(open: &[usize]) -> String {
    open.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stored open blocks (0-based); numbers that no longer open anything
/// (the essay changed since) are simply not found.
fn parse_open(saved: &str) -> Vec<usize> {
    saved
        .split(',')
        .filter_map(|n| n.trim().parse::<usize>().ok()?.checked_sub(1))
        .collect()
}
