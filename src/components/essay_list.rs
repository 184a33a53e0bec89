//! The list of essays: one entry per essay, a translated pair being one
//! entry, shown in the reading language when it exists.

use essais_core::corpus::TranslationGroup;
use essais_core::library::drawn_first;
use essais_core::routes::essay_path;
use essais_core::ui::strings;
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::essay_meta::EssayMeta;
use crate::components::taxonomy_links::TaxonomyLinks;
use crate::paths::href;
use crate::timing::after_next_frame;

/// Tags shown on an entry; the others are counted.
const ENTRY_TAGS: usize = 6;

/// What the list shows: the entries of the groups at `groups` (places in
/// the corpus index, in the order given), in `lang`.
#[derive(Clone)]
pub struct Listed {
    pub corpus: Option<Arc<Corpus>>,
    pub groups: Vec<usize>,
    pub lang: Lang,
}

/// An entry drawn: its key (the corpus's identity, so that a content update
/// that keeps the groups' places still redraws them; the group's place; the
/// language) and the corpus it is drawn from.
#[derive(Clone)]
struct Drawn {
    key: (usize, usize, Lang),
    corpus: Arc<Corpus>,
}

impl PartialEq for Drawn {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

fn drawn(listed: &Listed) -> Vec<Drawn> {
    let Some(corpus) = &listed.corpus else {
        return Vec::new();
    };
    let id = Arc::as_ptr(corpus) as usize;
    listed
        .groups
        .iter()
        .map(|&g| Drawn {
            key: (id, g, listed.lang),
            corpus: corpus.clone(),
        })
        .collect()
}

/// What the list knew of the page when it was last laid out, and which
/// change it is drawing. Unknown at first: every entry counts as on screen.
#[derive(Clone, Copy)]
struct Seen {
    on_screen: OnScreen,
    height: u32,
    change: u32,
}

/// Entries drawn in the change's own frame beyond those seen on screen
/// before it: an entry in the other language may be shorter and bring the
/// next ones up.
const ON_SCREEN_MARGIN: usize = 2;

/// The entries, keyed: an entry still listed after a change keeps its
/// elements, so "show more" adds its entries to those shown, and a filter
/// draws only the entries it brings. A change draws the entries on screen
/// (and a margin below them) in the frame after it and the others in the
/// next (`drawn_first`), the list keeping its height meanwhile so that the
/// reader's scroll position holds. Hidden while empty (a search shows its
/// own list).
#[component]
pub fn EssayList(#[prop(into)] listed: Signal<Listed>) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ol>::new();
    let shown = RwSignal::new(drawn(&listed.get_untracked()));
    // The list's height, held while the entries out of sight wait a frame:
    // entries drawn in the other language may be shorter, and a page
    // shorter for a frame would pull a reader far down the list up.
    let held = RwSignal::new(None::<u32>);
    // How many drawn entries start above the window's bottom, and the
    // list's height: read when the page is laid out anyway (after a scroll,
    // a resize, a change's last frame), so that a change never waits for a
    // layout of its own.
    let seen = StoredValue::new(Seen {
        on_screen: OnScreen {
            up_to: usize::MAX,
            in_window: usize::MAX,
        },
        height: 0,
        change: 0,
    });
    let measure = move || {
        if let Some(list) = list.try_get_untracked().flatten() {
            let on_screen = entries_on_screen(&list);
            let height = list.get_bounding_client_rect().height().ceil() as u32;
            seen.try_update_value(|seen| {
                seen.on_screen = on_screen;
                seen.height = height;
            });
        }
    };
    Effect::new(move |_| {
        let scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
        let resize = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || {
            scroll.remove();
            resize.remove();
        });
    });
    // What a frame left for the next is dropped when another change came
    // meanwhile, or the reader left the library (the list's state is gone
    // with it).
    let after_frame = move |this: u32, then: Box<dyn FnOnce() + Send>| {
        after_next_frame(move || {
            if seen.try_with_value(|seen| seen.change) == Some(this) {
                then();
            }
        })
    };
    Effect::new(move |_| {
        let target = drawn(&listed.get());
        seen.update_value(|seen| seen.change = seen.change.wrapping_add(1));
        let Seen {
            on_screen,
            height,
            change,
        } = seen.get_value();
        let now = shown.with_untracked(|shown| {
            let kept = shown
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            drawn_first(
                target.len(),
                shown.len(),
                kept,
                on_screen.up_to.saturating_add(ON_SCREEN_MARGIN),
                on_screen.in_window.saturating_add(ON_SCREEN_MARGIN),
            )
        });
        if now < target.len() {
            held.set(Some(height));
            shown.set(target[..now].to_vec());
            after_frame(
                change,
                Box::new(move || {
                    shown.set(target);
                    held.set(None);
                    after_frame(change, Box::new(measure));
                }),
            );
        } else {
            if held.get_untracked().is_some() {
                held.set(None);
            }
            if shown.with_untracked(|shown| *shown != target) {
                shown.set(target);
            }
            after_frame(change, Box::new(measure));
        }
    });
    view! {
        <ol
            class="essay-list"
            node_ref=list
            hidden=move || shown.with(Vec::is_empty) && held.with(Option::is_none)
            style:min-height=move || held.get().map(|h| format!("{h}px"))
        >
            <For
                each=move || shown.get()
                key=|entry| entry.key
                children=|entry| {
                    let (_, g, lang) = entry.key;
                    entry_view(&entry.corpus, &entry.corpus.group_at(g), lang)
                }
            />
        </ol>
    }
}

/// Where the window is in the list, in entries.
#[derive(Clone, Copy)]
struct OnScreen {
    /// The entries that start above the window's bottom.
    up_to: usize,
    /// Those of them in the window.
    in_window: usize,
}

/// Where the window is in the list (entries are in page order: a binary
/// search reads a few of them).
fn entries_on_screen(list: &web_sys::HtmlOListElement) -> OnScreen {
    let bottom = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::MAX);
    let entries = list.children();
    // How many entries come before the first for which `past` holds.
    let count = |past: &dyn Fn(web_sys::DomRect) -> bool| {
        let (mut low, mut high) = (0, entries.length());
        while low < high {
            let middle = (low + high) / 2;
            if entries
                .item(middle)
                .is_none_or(|entry| past(entry.get_bounding_client_rect()))
            {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        low as usize
    };
    let up_to = count(&|rect| rect.top() >= bottom);
    let above = count(&|rect| rect.bottom() > 0.0);
    OnScreen {
        up_to,
        in_window: up_to.saturating_sub(above),
    }
}

fn entry_view(corpus: &Arc<Corpus>, group: &TranslationGroup<'_>, lang: Lang) -> impl IntoView {
    let ui = strings(lang);
    let version = group.for_reader(lang);
    let essay = version.essay;
    let badge = version
        .is_fallback
        .then(|| view! { <span class="badge only-in">{ui.only_in(essay.lang)}</span> });
    view! {
        <li class="essay-entry" data-key=group.key.to_string()>
            <h2 class="essay-title" lang=essay.lang.code()>
                <a href=href(&essay_path(lang, &essay.slug))>{essay.title.clone()}</a>
            </h2>
            {badge}
            <p class="excerpt" lang=essay.lang.code()>{essay.excerpt.clone()}</p>
            <EssayMeta languages=group.languages() word_count=essay.word_count comments=essay.comments lang=lang />
            <TaxonomyLinks
                corpus=corpus.clone()
                categories=essay.categories.clone()
                tags=essay.tags.clone()
                lang=lang
                label=ui.categories_and_tags
                most=ENTRY_TAGS
            />
        </li>
    }
}

/// After "show more": the focus goes to the link of the first new entry
/// (at `index`) of the list `list` (a selector), where a keyboard or
/// screen-reader user goes on reading (the button is gone). The entry may
/// come a frame after the click (the list above draws what is off screen
/// in the next frame), or from a first screen once the whole index is in:
/// it is looked for over `frames` frames.
pub fn focus_entry(list: &'static str, index: usize, frames: u32) {
    request_animation_frame(move || {
        // Not from where the reader has gone since.
        let taken = document().active_element().is_some_and(|element| {
            element.tag_name() != "BODY" && !element.class_list().contains("show-more")
        });
        if taken {
            return;
        }
        let selector = format!("{list} > li:nth-child({}) a", index + 1);
        match document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            Some(link) => {
                let _ = link.focus();
            }
            None if frames > 1 => set_timeout(
                move || focus_entry(list, index, frames - 1),
                std::time::Duration::ZERO,
            ),
            None => {}
        }
    });
}
