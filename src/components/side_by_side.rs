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
    let mut primary_blocks: Vec<Option<_>> = primary_blocks.into_iter().map(Some).collect();
    let mut other_blocks: Vec<Option<_>> = other_blocks.into_iter().map(Some).collect();
    // The whole essay's translations hidden (narrow screens); a row's own
    // choice, once made, wins until the next whole-essay choice.
    let all_hidden = RwSignal::new(false);
    let (primary_lang, other_lang) = (primary.lang.code(), other.lang.code());

    let rows_view = rows
        .into_iter()
        .enumerate()
        .map(|(r, row)| {
            let primary_cell: Vec<AnyView> = row
                .left
                .clone()
                .filter_map(|i| primary_blocks.get_mut(i)?.take().map(|b| block_view(b, Some(Anchor::reading(i + 1)))))
                .collect();
            let other_cell: Vec<AnyView> = row
                .right
                .clone()
                .filter_map(|j| other_blocks.get_mut(j)?.take().map(|b| block_view(b, Some(Anchor::other(j + 1)))))
                .collect();
            let row_hidden: RwSignal<Option<bool>> = RwSignal::new(None);
            Effect::new(move |_| {
                all_hidden.track();
                row_hidden.set(None);
            });
            let hidden = move || row_hidden.get().unwrap_or_else(|| all_hidden.get());
            let has_other = !other_cell.is_empty();
            let other_id = format!("row{}-other", r + 1);
            let empty = |cell: &Vec<AnyView>| cell.is_empty();
            let primary_empty = empty(&primary_cell);
            // A pairing the aligner was unsure of, and no editor confirmed.
            let weak = row.confidence < WEAK && has_other && !primary_empty;
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
        })
        .collect_view();

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
