//! An essay opened from a search result marks the words found (drawn with
//! the text, `essay_body.rs`); this bar counts them, goes to the next or
//! previous one, and clears them (the marks live in the URL, `?mark=`).

use essais_core::routes::{essay_path, EssayView};
use essais_core::ui::{marks_found, strings};
use essais_core::Lang;
use leptos::prelude::*;

use crate::paths::{go_to, href};
use crate::reading_place::scroll_to_fragment;

#[component]
pub fn FoundMarks(
    search: String,
    slug: String,
    /// The view the essay is shown in, kept when the marks are cleared.
    view: Memo<EssayView>,
    lang: Lang,
) -> impl IntoView {
    let ui = strings(lang);
    let count = RwSignal::new(0_usize);
    let current = RwSignal::new(None::<usize>);
    // Counted once the text is in the page (it may arrive after the bar).
    let recount = move || {
        let n = marks().len();
        if n != count.get_untracked() {
            count.set(n);
        }
    };
    Effect::new(move |_| {
        request_animation_frame(recount);
        let observer_timer =
            set_interval_with_handle(recount, std::time::Duration::from_millis(500));
        on_cleanup(move || {
            if let Ok(timer) = observer_timer {
                timer.clear();
            }
        });
    });
    let go = move |forward: bool| {
        let marks = marks();
        if marks.is_empty() {
            return;
        }
        let n = marks.len();
        let next = match (current.get_untracked(), forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        if let Some(old) = current.get_untracked().and_then(|i| marks.get(i)) {
            let _ = old.class_list().remove_1("current");
        }
        let mark = &marks[next];
        let _ = mark.class_list().add_1("current");
        let id = format!("found-{next}");
        mark.set_id(&id);
        scroll_to_fragment(&id);
        current.set(Some(next));
    };
    let clear = move |_| {
        let query = view.get_untracked().to_query();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        go_to(
            &format!("{}{query}", href(&essay_path(lang, &slug))),
            None,
            true,
        );
    };
    view! {
        <div class="found-marks" role="region" aria-label=ui.found_marks lang=lang.code()>
            <p class="found-count" role="status">
                {move || marks_found(lang, count.get(), &search)}
                {move || current.get().map(|i| format!(" ({}/{})", i + 1, count.get()))}
            </p>
            <button type="button" class="found-previous" on:click=move |_| go(false) disabled=move || count.get() == 0>{ui.previous_match}</button>
            <button type="button" class="found-next" on:click=move |_| go(true) disabled=move || count.get() == 0>{ui.next_match}</button>
            <button type="button" class="found-clear" on:click=clear>{ui.clear_marks}</button>
        </div>
    }
}

/// The marked words of the reading-language text, in order.
fn marks() -> Vec<web_sys::Element> {
    crate::reading_place::all("article.essay .essay-body mark.found")
}
