//! The essay's view controls: single text or side by side, and swapping
//! sides. They sit in the sticky header, so they are at hand anywhere in the
//! essay and a switch keeps the block at the top of the screen.

use essais_core::routes::{essay_view_path, EssayView};
use essais_core::ui::strings;
use essais_core::Lang;
use leptos::prelude::*;

use crate::paths::{go_to, href};
use crate::reading_place::block_at_top_of_screen;

/// Single text or side by side, and swapping sides. Each is a navigation
/// (the view is in the URL) that keeps the block at the top of the screen.
#[component]
pub fn ViewControls(slug: String, lang: Lang, view: EssayView) -> impl IntoView {
    let ui = strings(lang);
    let go = move |next: EssayView| {
        go_to(
            &href(&essay_view_path(lang, &slug, next)),
            block_at_top_of_screen(),
            false,
        );
    };
    let (go_single, go_side, go_swap) = (go.clone(), go.clone(), go);
    let swap = view.side_by_side.then(|| {
        view! {
            <button
                type="button"
                class="swap-sides"
                aria-pressed=view.swapped.to_string()
                on:click=move |_| go_swap(EssayView { side_by_side: true, swapped: !view.swapped })
            >
                {ui.swap_sides}
            </button>
        }
    });
    view! {
        <div class="view-controls" role="group" aria-label=ui.view_label>
            <button
                type="button"
                aria-pressed=(!view.side_by_side).to_string()
                on:click=move |_| go_single(EssayView::default())
            >
                {ui.single_view}
            </button>
            <button
                type="button"
                aria-pressed=view.side_by_side.to_string()
                on:click=move |_| go_side(EssayView { side_by_side: true, swapped: false })
            >
                {ui.side_by_side}
            </button>
            {swap}
        </div>
    }
}
