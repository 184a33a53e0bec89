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

use essais_core::align::{Alignment, WEAK};
use essais_core::ui::strings;
use essais_core::{Essay, Lang};
use leptos::prelude::*;

use crate::api::Body;
use crate::components::essay_body::{block_view, Anchor};
use essais_core::document::Block;

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
    let drawn = RwSignal::new(if cfg!(feature = "csr") {
        1
    } else {
        batch_count
    });
    #[cfg(feature = "csr")]
    Effect::new(move |_| {
        let done = drawn.get();
        if done < batch_count {
            set_timeout(move || drawn.set(done + 1), std::time::Duration::ZERO);
        }
    });
    let rows_view = view! {
        {first_batch}
        {later
            .into_iter()
            .enumerate()
            .map(|(k, batch)| {
                let shown = Memo::new(move |_| drawn.get() > k + 1);
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
        <div class="essay-body parallel" class:swapped=swapped>
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

/// Rows drawn in the first task (unless a link names one further down).
const FIRST_ROWS: usize = 80;
/// Rows drawn per later task: well under 50 ms of work on these machines
/// (with 40, one task in three runs took 51 ms).
const ROWS_PER_STEP: usize = 30;

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
    let primary_cell: Vec<AnyView> = data
        .primary
        .into_iter()
        .map(|(n, b)| block_view(b, Some(Anchor::reading(n))))
        .collect();
    let other_cell: Vec<AnyView> = data
        .other
        .into_iter()
        .map(|(n, b)| block_view(b, Some(Anchor::other(n))))
        .collect();
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
        <div class="pair" class:swapped=swapped class:translation-hidden=hidden class:weak=weak>
            <div class="cell primary" class:empty=primary_empty lang=primary_lang tabindex=(!primary_empty).then_some("0")>
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
