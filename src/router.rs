//! The app's own router: the address as signals, moves through the browser
//! history, and same-app link clicks turned into such moves.
//!
//! The pages are chosen by `essais_core::routes::Route::parse` (tested
//! natively), so all the app needs from a router is this much;
//! leptos_router did the same for many more bytes of WASM (it and
//! serde_json's `Value`, gone in the same change, weighed 33 KB compressed:
//! docs/performance.md).
//!
//! The address reaches the components through a context ([`Location`]), set
//! up from where the app runs: the browser's address, or the address a page
//! is pre-rendered for at build time (`pages/`), where nothing here touches
//! a browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// An address of the app: `pathname`, `search` with its `?`, `hash` with
/// its `#`, as `window.location` has them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Address {
    pub pathname: String,
    pub search: String,
    pub hash: String,
}

impl Address {
    /// The browser's current address.
    pub fn current() -> Address {
        let location = window().location();
        Address {
            pathname: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default(),
            hash: location.hash().unwrap_or_default(),
        }
    }
}

/// The current address, and the public URL the app is served under.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
    pub hash: Memo<String>,
    address: RwSignal<Address>,
    /// The path of the public URL: "/" or, under a sub-path, e.g. "/essais/".
    base: StoredValue<String>,
}

impl Location {
    /// The public URL's path, always ending in "/".
    pub fn base(&self) -> String {
        self.base.get_value()
    }
}

/// Makes `address` the app's address, under the public URL `base`. In the
/// browser [`follow_browser`] then keeps it in step with the history.
pub fn provide_location(address: Address, base: &str) -> Location {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    let address = RwSignal::new(address);
    let location = Location {
        pathname: Memo::new(move |_| address.with(|a| a.pathname.clone())),
        search: Memo::new(move |_| address.with(|a| a.search.clone())),
        hash: Memo::new(move |_| address.with(|a| a.hash.clone())),
        address,
        base: StoredValue::new(base),
    };
    provide_context(location);
    location
}

/// Follows the browser's back and forward and takes over clicks on links to
/// pages of the app: browser work, so it runs in an effect (never at build
/// time). Listeners for the app's whole life: nothing removes them.
pub fn follow_browser(location: Location) {
    Effect::new(move |_| {
        let address = location.address;
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            address.set(Address::current())
        });
        let _ = window_event_listener(leptos::ev::click, move |event| {
            if let Some(target) = app_link_target(&event) {
                event.prevent_default();
                let scroll_to_top = !target.contains('#');
                // A link to the page already shown adds no history entry.
                let here =
                    address.with_untracked(|a| format!("{}{}{}", a.pathname, a.search, a.hash));
                go(location, &target, target == here);
                if scroll_to_top {
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        });
    });
}

/// The app's address (set up by [`provide_location`] at the top of the app).
pub fn use_location() -> Location {
    expect_context::<Location>()
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
