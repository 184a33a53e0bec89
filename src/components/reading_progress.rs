//! How far the reader is in an essay (a thin bar and the minutes left), and
//! where they left it: remembered on this device only, for the library's
//! "Continue reading" and the return to the place ([`go_to_place`]). The
//! log itself is a plain type, tested natively (`essais_core::reading`).

use essais_core::reading::{minutes_left, Place, ReadingLog};
use essais_core::ui::{self, strings};
use essais_core::Lang;
use leptos::prelude::*;
use std::time::Duration;

use crate::reading_place::{block_at_top_of_screen, scroll_to_fragment};

const STORAGE_KEY: &str = "essais:places";

/// The places remembered on this device (none when storage is unavailable).
pub fn remembered() -> ReadingLog {
    ReadingLog::from_json(crate::storage::get(STORAGE_KEY).as_deref())
}

pub fn forget_all() {
    crate::storage::set(STORAGE_KEY, &ReadingLog::default().to_json());
}

/// Goes where the URL says (`#p12`), or else where the reader left this
/// essay: an address with a place always wins over the remembered one.
pub fn go_to_place(hash: &str, slug: &str) {
    let id = hash.trim_start_matches('#');
    if !id.is_empty() {
        scroll_to_fragment(hash);
        crate::components::passage_links::mark_arrival(id);
        return;
    }
    let log = remembered();
    if let Some(place) = log
        .place_of(|s| s == slug)
        .filter(|p| !p.is_finished() && p.block > 0)
    {
        scroll_to_fragment(&format!("p{}", place.block));
    }
}

/// The bar, the minutes left, and the place recorded as the reader scrolls
/// (when the scrolling pauses, not on every frame).
#[component]
pub fn ReadingProgress(
    slug: String,
    /// Every version's slug: one essay, one place.
    versions: Vec<String>,
    word_count: u32,
    /// The essay's body, in memory once shown: its number of blocks.
    body_url: String,
    side_by_side: Memo<bool>,
    lang: Lang,
    /// True while the text is not all in the page: loading, or side by
    /// side still drawing rows.
    drawing: RwSignal<bool>,
) -> impl IntoView {
    let ui = strings(lang);
    let cache = crate::api::use_bodies();
    let fraction = RwSignal::new(0.0_f64);
    let measure = move || {
        let y = window().scroll_y().unwrap_or(0.0);
        let height = document()
            .document_element()
            .map_or(0.0, |root| f64::from(root.scroll_height()))
            - window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
        fraction.set(if height <= 1.0 {
            1.0
        } else {
            (y / height).clamp(0.0, 1.0)
        });
    };
    let record = move || {
        let Some(blocks) = cache.get(&body_url).map(|body| body.blocks.len()) else {
            return;
        };
        let mut log = remembered();
        let place = Place {
            slug: slug.clone(),
            lang,
            side_by_side: side_by_side.get_untracked(),
            block: block_at_top_of_screen().unwrap_or(0),
            blocks,
            at: js_sys::Date::now() as u64,
        };
        log.record(place, |s| versions.iter().any(|v| v == s));
        crate::storage::set(STORAGE_KEY, &log.to_json());
    };
    let record = StoredValue::new(record);
    // Measured once the text is all in the page (again after a switch of
    // view).
    Effect::new(move |_| {
        if !drawing.get() {
            request_animation_frame(measure);
        }
    });
    Effect::new(move |_| {
        // Nothing is read while the page scrolls, nor while side by side is
        // still drawing rows: reading the page's height or a
        // block's place forces a layout, which on a book being drawn costs
        // tens of milliseconds each time. Both are read once the scrolling
        // pauses and the page is drawn.
        let save = StoredValue::new(None::<TimeoutHandle>);
        fn later(
            save: StoredValue<Option<TimeoutHandle>>,
            drawing: RwSignal<bool>,
            settle: impl Fn() + Copy + 'static,
        ) {
            if let Some(pending) = save.get_value() {
                pending.clear();
            }
            let handle = set_timeout_with_handle(
                move || {
                    if drawing.get_untracked() {
                        later(save, drawing, settle);
                    } else {
                        settle();
                    }
                },
                Duration::from_millis(600),
            );
            save.set_value(handle.ok());
        }
        let settle = move || {
            measure();
            record.with_value(|record| record());
        };
        let listener =
            window_event_listener(leptos::ev::scroll, move |_| later(save, drawing, settle));
        on_cleanup(move || {
            listener.remove();
            if let Some(pending) = save.get_value() {
                pending.clear();
            }
        });
    });
    let percent = move || (fraction.get() * 100.0).round() as u32;
    let left = move || ui::minutes_left(lang, minutes_left(word_count, fraction.get()));
    view! {
        <div class="reading-progress" lang=lang.code()>
            <progress max="100" value=percent aria-label=ui.reading_progress aria-valuetext=left></progress>
            <span class="minutes-left" aria-hidden="true">{left}</span>
        </div>
    }
}
