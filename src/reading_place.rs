//! The reader's place on screen: which block of the essay is at the top,
//! and scrolling a block to just below the sticky header. Used by the essay
//! page and by the controls that keep the place across a language or view
//! switch (the header's language links, the view controls).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Every element of the page matching `selector`, as `T`, in order.
pub fn all<T: JsCast>(selector: &str) -> Vec<T> {
    let Ok(list) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<T>().ok())
        .collect()
}

/// The bottom of the sticky site header: what is above it is hidden.
fn header_bottom() -> f64 {
    document()
        .query_selector(".site-header")
        .ok()
        .flatten()
        .map_or(0.0, |header| {
            header.get_bounding_client_rect().bottom().max(0.0)
        })
}

/// The number of the first body block still visible below the header, or
/// None at the very top of the page (nothing to keep).
pub fn block_at_top_of_screen() -> Option<usize> {
    if window().scroll_y().unwrap_or(0.0) < 1.0 {
        return None;
    }
    let top = header_bottom();
    let blocks = document()
        .query_selector_all(".essay-body [data-block]")
        .ok()?;
    let block = |i: u32| blocks.item(i)?.dyn_into::<web_sys::Element>().ok();
    let below_top =
        |i: u32| block(i).is_some_and(|b| b.get_bounding_client_rect().bottom() > top + 1.0);
    // Blocks stand one under the other, in order: a binary search reads a
    // dozen positions of a 5,000-block book, not thousands (this runs as
    // the reader scrolls, to remember the place).
    let (mut low, mut high) = (0, blocks.length());
    while low < high {
        let mid = low + (high - low) / 2;
        if below_top(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    block(low).and_then(|b| b.get_attribute("data-block")?.parse().ok())
}

/// Scrolls the element the fragment names to just below the header.
pub fn scroll_to_fragment(hash: &str) {
    let id = hash.trim_start_matches('#');
    if id.is_empty() {
        return;
    }
    if let Some(element) = document().get_element_by_id(id) {
        let y = element.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0)
            - header_bottom();
        window().scroll_to_with_x_and_y(0.0, y.max(0.0));
    }
}
