//! The single text of a translated essay with its translation at hand: each
//! paragraph can reveal, under it, the passage of the translation that
//! faces it (the rows the build aligned), and the whole essay at once.
//! What is revealed is remembered per essay on this device.

use essais_core::document::Block;
use essais_core::ui::strings;
use essais_core::{CorpusLoadError, Essay, Lang};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::api::{use_bodies, Body};
use crate::components::essay_body::{block_view, Anchor};

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
    let revealable: BTreeSet<usize> = facing
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.as_ref().map(|_| i))
        .collect();
    let open: RwSignal<BTreeSet<usize>> = RwSignal::new(BTreeSet::new());
    let key = storage_key(&essay.slug);
    // What this reader had open here, once the page is the app's (the page
    // as served has nothing open, so the takeover moves nothing).
    {
        let (key, revealable) = (key.clone(), revealable.clone());
        Effect::new(move |_| {
            if let Some(saved) = crate::storage::get(&key) {
                open.set(parse_open(&saved, &revealable));
            }
        });
    }
    let remember = move |now: &BTreeSet<usize>| {
        crate::storage::set(&key, &stored_open(now));
    };
    let remember_one = remember.clone();
    let cache = use_bodies();
    let url = translation.body_url.clone();
    let other = LocalResource::new(move || cache.fetch(url.clone()));
    let all_open = {
        let revealable = revealable.clone();
        Memo::new(move |_| !revealable.is_empty() && open.with(|o| o.len() == revealable.len()))
    };
    let toggle_all = {
        let revealable = revealable.clone();
        move |_| {
            let now = if all_open.get_untracked() {
                BTreeSet::new()
            } else {
                revealable.clone()
            };
            remember(&now);
            open.set(now);
        }
    };
    let blocks = body
        .blocks
        .iter()
        .cloned()
        .zip(facing)
        .enumerate()
        .map(|(i, (block, facing))| {
            let text = block_view(block, Some(Anchor::reading(i + 1)));
            let Some(range) = facing else {
                return text;
            };
            let is_open = move || open.with(|o| o.contains(&i));
            let remember = remember_one.clone();
            let toggle = move |_| {
                let mut now = open.get_untracked();
                if !now.remove(&i) {
                    now.insert(i);
                }
                remember(&now);
                open.set(now);
            };
            let id = format!("t{}", i + 1);
            let code = code.clone();
            // Named "Afficher la traduction EN": the visible code is part of
            // the name, as it must be for those who speak to their browser.
            view! {
                {text}
                <div class="at-hand">
                    <button
                        type="button"
                        class="reveal"
                        aria-expanded=move || is_open().to_string()
                        aria-controls=id.clone()
                        on:click=toggle
                    >
                        <span class="visually-hidden">
                            {move || if is_open() { ui.hide_translation } else { ui.show_translation }}
                            " "
                        </span>
                        <span class="reveal-code">{code}</span>
                    </button>
                    <div class="revealed" id=id lang=other_lang.code()>
                        {move || is_open().then(|| revealed(other.get(), range.clone(), lang))}
                    </div>
                </div>
            }
            .into_any()
        })
        .collect_view();
    view! {
        {(!revealable.is_empty()).then(|| view! {
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
fn revealed(
    other: Option<Result<Body, CorpusLoadError>>,
    range: Range<usize>,
    lang: Lang,
) -> AnyView {
    let ui = strings(lang);
    match other {
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
    }
}

fn storage_key(slug: &str) -> String {
    format!("essais:translations-at-hand:{slug}")
}

/// The open blocks as stored: their numbers (from 1), comma-separated.
fn stored_open(open: &BTreeSet<usize>) -> String {
    open.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stored open blocks, keeping only those that can open (the essay may
/// have changed since).
fn parse_open(saved: &str, revealable: &BTreeSet<usize>) -> BTreeSet<usize> {
    saved
        .split(',')
        .filter_map(|n| n.trim().parse::<usize>().ok()?.checked_sub(1))
        .filter(|i| revealable.contains(i))
        .collect()
}
