//! The app's own router: the address as signals, moves through the browser
//! history, and same-app link clicks turned into such moves.
//!
//! The pages are chosen by `essais_core::routes::Route::parse` (tested
//! natively), so all the app needs from a router is this much;
//! leptos_router did the same for many more bytes of WASM (it and
//! serde_json's `Value`, gone in the same change, weighed 33 KB compressed:
//! docs/performance.md).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The current address, as the browser has it (`location.pathname`,
/// `location.search` with its `?`, `location.hash` with its `#`).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
    pub hash: Memo<String>,
    address: RwSignal<Address>,
}

#[derive(Clone, Default, PartialEq)]
struct Address {
    pathname: String,
    search: String,
    hash: String,
}

impl Address {
    fn current() -> Address {
        let location = window().location();
        Address {
            pathname: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }
}

/// Reads the address, follows the browser's back and forward, and takes
/// over clicks on links to pages of the app. Once, at the top of the app.
pub fn provide_location() -> Location {
    if let Some(location) = CURRENT.with(|current| current.get()) {
        return location;
    }
    let address = RwSignal::new(Address::current());
    let location = Location {
        pathname: Memo::new(move |_| address.with(|a| a.pathname.clone())),
        search: Memo::new(move |_| address.with(|a| a.search.clone())),
        hash: Memo::new(move |_| address.with(|a| a.hash.clone())),
        address,
    };
    CURRENT.with(|current| current.set(Some(location)));
    // Listeners for the app's whole life: nothing removes them.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        address.set(Address::current())
    });
    let _ = window_event_listener(leptos::ev::click, move |event| {
        if let Some(target) = app_link_target(&event) {
            event.prevent_default();
            let scroll_to_top = !target.contains('#');
            // A link to the page already shown adds no history entry.
            let here = address.with_untracked(|a| format!("{}{}{}", a.pathname, a.search, a.hash));
            go(location, &target, target == here);
            if scroll_to_top {
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    location
}

thread_local! {
    /// The one address of the app: a global rather than a context, so that
    /// an event handler (which runs outside any reactive owner) reaches it.
    static CURRENT: std::cell::Cell<Option<Location>> = const { std::cell::Cell::new(None) };
}

/// The app's address (set up by [`provide_location`]; before that, or in a
/// component test, it is set up here).
pub fn use_location() -> Location {
    CURRENT
        .with(|current| current.get())
        .unwrap_or_else(provide_location)
}

/// Goes to `url` (a path from the site's root, with query and fragment) in
/// the history: a new entry, or with `replace` in place of the current one.
/// The page does not scroll; the caller decides.
pub fn navigate(url: &str, replace: bool) {
    go(use_location(), url, replace);
}

fn go(location: Location, url: &str, replace: bool) {
    if let Ok(history) = window().history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = if replace {
            history.replace_state_with_url(&state, "", Some(url))
        } else {
            history.push_state_with_url(&state, "", Some(url))
        };
    }
    location.address.set(Address::current());
}

/// Where a click leads, if the app should show it itself: a plain click
/// (no modifier key, main button, not already handled) on a link to a page
/// of the app, opened in this window. Anything else is the browser's.
fn app_link_target(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let link = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    // target="_blank", and target="_self" where a real load is wanted (the
    // crash panel's reload); downloads.
    if link.has_attribute("target") || link.has_attribute("download") {
        return None;
    }
    let base = document().base_uri().ok()??;
    let url = web_sys::Url::new_with_base(&link.get_attribute("href")?, &base).ok()?;
    let app = web_sys::Url::new(&base).ok()?;
    let in_app = url.origin() == app.origin() && url.pathname().starts_with(&app.pathname());
    in_app.then(|| format!("{}{}{}", url.pathname(), url.search(), url.hash()))
}
