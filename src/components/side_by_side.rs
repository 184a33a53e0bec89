//! An essay and its translation side by side: each row holds a block and its
//! aligned counterpart, so the two columns cannot drift. On narrow screens a
//! row becomes the block followed by its translation, which the reader can
//! hide row by row or all at once.
//!
//! The rows come with the body: `corpus build` aligned the pair (blocks and
//! sentences) and wrote the result into each version's body file. The app
//! runs no aligner; a body whose rows do not fit the two texts (which a
//! consistent build never writes) is shown block beside block, every row
//! marked uncertain, rather than lose a block.

use essais_core::align::{sentence_pairs, Alignment, WEAK};
use essais_core::document::{inline_text, Block};
use essais_core::ui::strings;
use essais_core::{Essay, Lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::Body;
use crate::components::essay_body::{
    block_in_sentences, Anchor, SentencePair, Sentences, NO_SENTENCE_COUNTERPART_ID,
};

/// `primary` is the version in the reading language (its blocks carry the
/// `#p<n>` anchors); `swapped` puts it on the right.
#[component]
pub fn SideBySide(
    primary: Essay,
    other: Essay,
    primary_body: Body,
    other_body: Body,
    swapped: bool,
    lang: Lang,
    /// True while rows are still being drawn (the reading progress reads no
    /// positions meanwhile: `reading_progress.rs`).
    #[prop(optional)]
    drawing: Option<RwSignal<bool>>,
) -> impl IntoView {
    let ui = strings(lang);
    let primary_blocks = primary_body.blocks.clone();
    let other_blocks = other_body.blocks.clone();
    let rows = rows_for(&primary_body, other_blocks.len());
    // The whole essay's translations hidden (narrow screens); a row's own
    // choice, once made, wins until the next whole-essay choice.
    let all_hidden = RwSignal::new(false);
    let (primary_lang, other_lang) = (primary.lang.code(), other.lang.code());

    // A book-length pair has thousands of rows: drawing them at once would
    // hold the page for seconds. The first rows (and the row a `#p<n>` /
    // `#o<n>` link names) are drawn at once, the rest a few at a time in
    // later tasks, so that no task runs long and the page scrolls
    // meanwhile. Natively (the pre-rendered page) everything is drawn.
    let first = first_rows(&rows, &crate::router::use_location().hash.get_untracked());
    let mut primary_blocks: Vec<Option<_>> = primary_blocks.into_iter().map(Some).collect();
    let mut other_blocks: Vec<Option<_>> = other_blocks.into_iter().map(Some).collect();
    let mut batches: Vec<Vec<RowData>> = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        if r == 0 || (r >= first && (r - first).is_multiple_of(ROWS_PER_STEP)) {
            batches.push(Vec::new());
        }
        let data = RowData {
            number: r + 1,
            primary: row
                .left
                .clone()
                .filter_map(|i| Some((i + 1, primary_blocks.get_mut(i)?.take()?)))
                .collect(),
            other: row
                .right
                .clone()
                .filter_map(|j| Some((j + 1, other_blocks.get_mut(j)?.take()?)))
                .collect(),
            confidence: row.confidence,
            sentences: row.sentences,
        };
        if let Some(batch) = batches.last_mut() {
            batch.push(data);
        }
    }
    let draw = move |batch: Vec<RowData>| {
        batch
            .into_iter()
            .map(|data| row_view(data, all_hidden, swapped, lang, primary_lang, other_lang))
            .collect_view()
    };
    let batch_count = batches.len();
    let mut batches = batches.into_iter();
    let first_batch = batches.next().map(draw);
    let later: Vec<StoredValue<Option<Vec<RowData>>>> =
        batches.map(|b| StoredValue::new(Some(b))).collect();
    // One switch per later batch, turned on in turn: each step wakes only
    // its own batch (a memo per batch over one counter re-ran every memo at
    // every step, thousands of times over on a book).
    let natively = !cfg!(feature = "csr");
    let shown: Vec<RwSignal<bool>> = (1..batch_count).map(|_| RwSignal::new(natively)).collect();
    let drawn = RwSignal::new(if natively { batch_count } else { 1 });
    let shown_batches = shown.clone();
    // Drawn at once when rendered natively (the entry pages): never busy.
    #[cfg(not(feature = "csr"))]
    let _ = (drawing, shown, drawn);
    #[cfg(feature = "csr")]
    Effect::new(move |_| {
        let done = drawn.get();
        if let Some(drawing) = drawing {
            drawing.set(done < batch_count);
        }
        if done < batch_count {
            let next = shown[done - 1];
            set_timeout(
                move || {
                    next.set(true);
                    drawn.set(done + 1);
                },
                std::time::Duration::ZERO,
            );
        }
    });
    // The row whose sentences are lit, to put them out when another lights.
    let lit_row = StoredValue::new_local(None::<web_sys::Element>);
    let rows_view = view! {
        {first_batch}
        {later
            .into_iter()
            .zip(shown_batches)
            .map(|(batch, shown)| {
                move || shown.get().then(|| batch.try_update_value(|b| b.take()).flatten().map(draw))
            })
            .collect_view()}
    };

    view! {
        <div class="parallel-controls narrow-only">
            <button
                type="button"
                class="toggle-all-translations"
                aria-pressed=move || all_hidden.get().to_string()
                on:click=move |_| all_hidden.update(|h| *h = !*h)
            >
                {move || if all_hidden.get() { ui.show_translations } else { ui.hide_translations }}
            </button>
        </div>
        <span id=NO_SENTENCE_COUNTERPART_ID class="visually-hidden">{ui.no_sentence_counterpart}</span>
        <span id=SENTENCE_KEYS_ID class="visually-hidden">{ui.sentence_keys}</span>
        <div
            class="essay-body parallel"
            class:swapped=swapped

            on:mouseover=move |ev| follow(lit_row, &ev)
            on:focusin=move |ev| follow(lit_row, &ev)
            on:focusout=move |_| put_out(lit_row)
            on:mouseleave=move |_| put_out(lit_row)
            on:keydown=|ev| step_sentence(&ev)
        >
            <div class="pair column-heads" aria-hidden="true">
                <div class="cell primary" lang=primary_lang>{strings(primary.lang).language_name}</div>
                <div class="cell other" lang=other_lang>{strings(other.lang).language_name}</div>
            </div>
            {rows_view}
        </div>
    }
}

/// The rows stored with the body if they fit both texts, else block beside
/// block (and a warning in the console: the build wrote something wrong).
fn rows_for(primary: &Body, other_len: usize) -> Vec<essais_core::align::Row> {
    let len = primary.blocks.len();
    match &primary.alignment {
        Some(alignment) if alignment.fits(len, other_len) => alignment.rows.clone(),
        _ => {
            #[cfg(feature = "csr")]
            web_sys::console::warn_1(
                &"essais: this pair's stored alignment does not fit its texts; shown block beside block".into(),
            );
            Alignment::by_position(len, other_len).rows
        }
    }
}

/// The hidden hint that a row's cell can be read sentence by sentence.
const SENTENCE_KEYS_ID: &str = "sentence-keys";

/// Rows drawn in the first task (unless a link names one further down).
const FIRST_ROWS: usize = 80;
/// Rows drawn per later task: well under 50 ms of work on these machines
/// (drawn sentence by sentence, 30 rows took up to 76 ms, 15 up to 59 ms;
/// with 10, one task a run still reaches 50-61 ms: docs/performance.md).
const ROWS_PER_STEP: usize = 10;

/// How many rows the first task draws: [`FIRST_ROWS`], or up to the row
/// holding the block the address names, and a screenful after it.
fn first_rows(rows: &[essais_core::align::Row], hash: &str) -> usize {
    let target = hash
        .strip_prefix("#p")
        .map(|n| (true, n))
        .or_else(|| hash.strip_prefix("#o").map(|n| (false, n)))
        .and_then(|(primary, n)| Some((primary, n.parse::<usize>().ok()?.checked_sub(1)?)))
        .and_then(|(primary, block)| {
            rows.iter().position(|row| {
                if primary {
                    row.left.contains(&block)
                } else {
                    row.right.contains(&block)
                }
            })
        });
    target.map_or(FIRST_ROWS, |row| (row + 20).max(FIRST_ROWS))
}

/// One row's blocks, numbered from 1, before they are drawn.
struct RowData {
    number: usize,
    primary: Vec<(usize, Block)>,
    other: Vec<(usize, Block)>,
    confidence: u8,
    /// The row's sentence alignment (counts per sentence pair), as built.
    sentences: Vec<(u8, u8)>,
}

/// The blocks of a cell, each paragraph or heading sentence by sentence when
/// the row's sentences fit its blocks (as they do when one build wrote both).
fn cell_blocks(
    blocks: Vec<(usize, Block)>,
    pairs: &[SentencePair],
    anchor: fn(usize) -> Anchor,
    alone_note: &'static str,
) -> Vec<AnyView> {
    let counts: Option<Vec<usize>> = blocks
        .iter()
        .map(|(_, block)| match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => {
                Some(essais_core::text::sentences(&inline_text(inlines)).len())
            }
            _ => None,
        })
        .collect();
    let counts = counts.filter(|c| !pairs.is_empty() && c.iter().sum::<usize>() == pairs.len());
    let mut offset = 0;
    blocks
        .into_iter()
        .enumerate()
        .map(|(k, (n, block))| {
            let sentences = counts.as_ref().map(|counts| {
                let range = offset..offset + counts[k];
                offset = range.end;
                Sentences {
                    pairs: &pairs[range],
                    alone_note,
                }
            });
            block_in_sentences(block, Some(anchor(n)), sentences)
        })
        .collect()
}

/// Lights the sentences of `row` that share `sentence`'s pair (a sentence
/// alone lights nothing), and puts out the others.
fn light(row: &web_sys::Element, sentence: Option<web_sys::Element>) {
    let each = |selector: &str, f: &dyn Fn(&web_sys::Element)| {
        if let Ok(list) = row.query_selector_all(selector) {
            for k in 0..list.length() {
                if let Some(element) = list
                    .item(k)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    f(&element);
                }
            }
        }
    };
    each(".sentence.lit", &|e| {
        let _ = e.class_list().remove_1("lit");
    });
    if let Some(pair) = sentence.and_then(|s| s.get_attribute("data-pair")) {
        each(&format!(".sentence[data-pair=\"{pair}\"]"), &|e| {
            let _ = e.class_list().add_1("lit");
        });
    }
}

/// The row an event happened in (a `.pair`), and the sentence it happened on.
fn row_and_sentence(ev: &web_sys::Event) -> (Option<web_sys::Element>, Option<web_sys::Element>) {
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let closest = |selector: &str| {
        target
            .as_ref()
            .and_then(|t| t.closest(selector).ok().flatten())
    };
    (closest(".pair"), closest(".sentence"))
}

/// Lights what the pointer or the focus is on, and puts out the row lit
/// before. One listener for the whole view (not one per row: a book has
/// thousands of rows, and every listener costs at drawing time).
fn follow(lit_row: StoredValue<Option<web_sys::Element>, LocalStorage>, ev: &web_sys::Event) {
    let (row, sentence) = row_and_sentence(ev);
    lit_row.update_value(|last| {
        if let Some(previous) = last.take() {
            if row.as_ref() != Some(&previous) {
                light(&previous, None);
            }
        }
        if let Some(row) = &row {
            light(row, sentence);
        }
        *last = row;
    });
}

fn put_out(lit_row: StoredValue<Option<web_sys::Element>, LocalStorage>) {
    lit_row.update_value(|last| {
        if let Some(previous) = last.take() {
            light(&previous, None);
        }
    });
}

/// Left and right arrows in a row go from sentence to sentence of the
/// reading-language text (the counterpart lights as each gets the focus).
fn step_sentence(ev: &web_sys::KeyboardEvent) {
    let forward = match ev.key().as_str() {
        "ArrowRight" => true,
        "ArrowLeft" => false,
        _ => return,
    };
    // The row the focus is in (the listener is on the whole view).
    let (Some(row), _) = row_and_sentence(ev) else {
        return;
    };
    let Ok(list) = row.query_selector_all(".primary .sentence") else {
        return;
    };
    let count = list.length();
    if count == 0 {
        return;
    }
    let active = document().active_element();
    let current = (0..count).find(|&k| {
        list.item(k)
            .is_some_and(|node| active.as_ref().is_some_and(|a| node.is_same_node(Some(a))))
    });
    let next = match (current, forward) {
        (None, _) => 0,
        (Some(k), true) => (k + 1).min(count - 1),
        (Some(k), false) => k.saturating_sub(1),
    };
    if let Some(element) = list
        .item(next)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        ev.prevent_default();
        let _ = element.focus();
    }
}

fn row_view(
    data: RowData,
    all_hidden: RwSignal<bool>,
    swapped: bool,
    lang: Lang,
    primary_lang: &'static str,
    other_lang: &'static str,
) -> impl IntoView {
    let ui = strings(lang);
    let (primary_pairs, other_pairs) = sentence_pairs(&data.sentences);
    let primary_cell = cell_blocks(
        data.primary,
        &primary_pairs,
        Anchor::reading,
        ui.no_sentence_counterpart,
    );
    let other_cell = cell_blocks(
        data.other,
        &other_pairs,
        Anchor::other,
        ui.no_sentence_counterpart,
    );
    let has_sentences = !primary_pairs.is_empty();
    let row_hidden: RwSignal<Option<bool>> = RwSignal::new(None);
    Effect::new(move |_| {
        all_hidden.track();
        row_hidden.set(None);
    });
    let hidden = move || row_hidden.get().unwrap_or_else(|| all_hidden.get());
    let has_other = !other_cell.is_empty();
    let other_id = format!("row{}-other", data.number);
    let empty = |cell: &Vec<AnyView>| cell.is_empty();
    let primary_empty = empty(&primary_cell);
    // A pairing the aligner was unsure of, and no editor confirmed.
    let weak = data.confidence < WEAK && has_other && !primary_empty;
    let toggle = has_other.then(|| {
        let other_id = other_id.clone();
        view! {
            <button
                type="button"
                class="toggle-translation"
                aria-controls=other_id
                aria-expanded=move || (!hidden()).to_string()
                on:click=move |_| row_hidden.set(Some(!hidden()))
            >
                {move || if hidden() { ui.show_translation } else { ui.hide_translation }}
            </button>
        }
    });
    view! {
        <div
            class="pair"
            class:swapped=swapped
            class:translation-hidden=hidden
            class:weak=weak
        >
            <div
                class="cell primary"
                class:empty=primary_empty
                lang=primary_lang
                tabindex=(!primary_empty).then_some("0")
                aria-keyshortcuts=has_sentences.then_some("ArrowLeft ArrowRight")
                aria-describedby=has_sentences.then_some(SENTENCE_KEYS_ID)
            >
                {if primary_empty { Some(view! { <span class="visually-hidden">{ui.no_counterpart}</span> }) } else { None }}
                {weak.then(|| view! { <span class="weak-note" lang=lang.code()>{ui.uncertain_pairing}</span> })}
                {primary_cell}
                {toggle}
            </div>
            <div class="cell other" class:empty=!has_other id=other_id lang=other_lang>
                {(!has_other).then(|| view! { <span class="visually-hidden">{ui.no_counterpart}</span> })}
                {other_cell}
            </div>
        </div>
    }
}
