//! The essais reader: a Leptos app that fetches the corpus once and lets
//! people read it in French or English.
//!
//! `App` holds the shell (header, notices, the current page); [`routes`] has
//! one file per page, chosen by `essais_core::routes::Route` from the URL.
//! Logic that needs no DOM is in the `essais-core` crate.
//!
//! The same components run in two places: in the browser (feature `csr`,
//! `main.rs`), and natively at build time (feature `ssr`), where the pages
//! tool (`pages/`) renders each entry page with them. What a component would
//! read from the browser (the address, the public URL, remembered choices,
//! the corpus) therefore reaches it through [`Start`] and contexts, and
//! browser work happens in effects, which never run at build time.

pub mod api;
pub mod components;
pub mod essay_code;
pub mod keys;
pub mod language;
pub mod offline;
pub mod paths;
pub mod prerender;
pub mod reading_place;
pub mod router;
pub mod routes;
pub mod storage;
pub mod text_size;
pub mod timing;

use essais_core::routes::Route;
use essais_core::ui::strings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{Body, BodyCache, CorpusLoad, CorpusSource};
use crate::components::header::SiteHeader;
use crate::components::load_error::LoadErrorPanel;
use crate::components::notices::{AppNotices, SiteFooter};
use crate::language::provide_reading_language;
use crate::paths::use_route;
use crate::router::Address;
use crate::routes::library::LibraryPage;
use crate::routes::not_found::NotFoundPage;
use crate::routes::root::RootRedirect;

/// Where the app starts: what it would otherwise read from the browser.
pub struct Start {
    /// The address shown.
    pub address: Address,
    /// The path of the public URL ("/" or e.g. "/essais/").
    pub base: String,
    /// The reader's language where the address names none.
    pub preferred: essais_core::Lang,
    /// The text size, 1 to 5.
    pub text_size: u8,
    /// The corpus when it is already at hand (at build time); in the
    /// browser None, and the app fetches it.
    pub corpus: CorpusLoad,
    /// Essay bodies already at hand, by URL.
    pub bodies: std::collections::HashMap<String, Body>,
    /// On an essay's entry page, the essay's part of the index.
    pub essay_part: Option<api::EssayPart>,
}

impl Start {
    /// In the browser: the address, the public URL from `<base href>`, the
    /// remembered choices.
    pub fn from_browser() -> Start {
        let base = document()
            .base_uri()
            .ok()
            .flatten()
            .and_then(|uri| web_sys::Url::new(&uri).ok())
            .map(|url| url.pathname())
            .unwrap_or_else(|| "/".into());
        Start {
            address: Address::current(),
            base,
            preferred: language::preferred_language(),
            text_size: text_size::remembered_text_size(),
            corpus: None,
            bodies: Default::default(),
            essay_part: api::EssayPart::from_page(),
        }
    }
}

/// The page frame (header, notices, footer) and the current page.
#[component]
pub fn App(start: Start) -> impl IntoView {
    let location = router::provide_location(start.address, &start.base);
    router::follow_browser(location);
    let lang = provide_reading_language(start.preferred);
    text_size::provide_text_size(start.text_size);
    offline::provide_offline_state();
    let essay_code = essay_code::EssayCode::provide();
    let bodies = BodyCache::provide(start.bodies);
    components::search::SearchState::provide(bodies);
    let fetch = start.corpus.is_none();
    let corpus = CorpusSource::provide(start.corpus, start.essay_part);
    if fetch {
        // Browser work: effects, so that they never run at build time. The
        // essay page's code first, ahead of the index, which may be
        // megabytes: an essay opened from the library is then drawn at once.
        Effect::new(move |_| essay_code.fetch_ahead());
        Effect::new(move |_| corpus.load());
    }
    // The pages are drawn once the corpus is in, the library already from
    // its first screen, an essay from its part of the index; drawn on, not
    // anew, when the whole corpus follows.
    let library_corpus = api::use_library_corpus();
    let route = use_route();
    // An essay opened while the index is on its way: its part of the index,
    // from its entry page. Not for the page the app started on: that page
    // is the entry page, and had it held a part, the app would have it.
    Effect::new(move |started: Option<()>| {
        if let (Some(()), Route::Essay(lang, slug)) = (started, route.get()) {
            corpus.fetch_part(lang, &slug);
        }
    });
    let state = Memo::new(move |_| {
        let from_its_part =
            || matches!(route.get(), Route::Essay(_, slug) if corpus.essay_part(&slug).is_some());
        match corpus.get() {
            // An essay drawn from its part of the index stays, whatever
            // becomes of the index: the failure is said on the next page
            // that needs it.
            Some(Err(_)) if from_its_part() => Ok(true),
            Some(Err(error)) => Err(error),
            Some(Ok(_)) => Ok(true),
            None => Ok(match route.get() {
                Route::Library(_) => library_corpus.with(Option::is_some),
                _ => from_its_part(),
            }),
        }
    });
    let page = move || match state.get() {
        Ok(false) => view! {
            <p class="status" role="status">{move || strings(lang.get()).loading}</p>
        }
        .into_any(),
        Err(error) => {
            view! { <LoadErrorPanel error=error retry=move || corpus.load() /> }.into_any()
        }
        Ok(true) => view! { <Pages /> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>{move || strings(lang.get()).skip_to_content}</a>
        <SiteHeader />
        <AppNotices />
        <main id="main" tabindex="-1">
            {page}
        </main>
        <SiteFooter />
    }
}

/// Which page an address shows, whatever its language.
#[derive(Clone, PartialEq)]
enum Page {
    Root,
    Library,
    Essay(String),
    NotFound,
}

/// The page for the address. A page is built anew only when the address
/// names another page: the library in the other language is the same page
/// (it follows the reading language itself), as is an essay in another view.
#[component]
fn Pages() -> impl IntoView {
    let route = use_route();
    let essay_code = essay_code::use_essay_code();
    let page = Memo::new(move |_| match route.get() {
        Route::Root => Page::Root,
        Route::Library(_) => Page::Library,
        Route::Essay(_, slug) => Page::Essay(slug),
        Route::NotFound => Page::NotFound,
    });
    move || match page.get() {
        Page::Root => view! { <RootRedirect /> }.into_any(),
        Page::Library => view! { <LibraryPage /> }.into_any(),
        Page::Essay(slug) => essay_code.page(slug),
        Page::NotFound => view! { <NotFoundPage essay=false /> }.into_any(),
    }
}

/// The skip link moves focus itself: focus must land in the main region,
/// and the router must not take `#main` for a navigation.
fn skip_to_main(event: web_sys::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// On a panic: the reason to the console (where the e2e suite fails on it)
/// and, instead of a frozen page, a panel in the reading language with a way
/// to reload. The panel is plain DOM: after a panic the app's code is dead
/// (release builds abort), so nothing in it may call back into the app; the
/// reload is an ordinary link to the current address, which the browser follows.
pub fn install_panic_reporter() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("essais panicked: {info}").into());
        show_crash_panel();
    }));
}

fn show_crash_panel() -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("crash").is_some() {
        return Some(());
    }
    let lang = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|code| essais_core::Lang::from_code(&code))
        .unwrap_or(essais_core::Lang::En);
    let ui = strings(lang);
    let panel = document.create_element("div").ok()?;
    panel.set_id("crash");
    panel.set_class_name("crash-panel");
    panel.set_attribute("role", "alert").ok()?;
    let message = document.create_element("p").ok()?;
    message.set_text_content(Some(ui.crashed));
    // The address without its fragment (a link to the same fragment would
    // only scroll), and target="_self" so the router leaves the click to the
    // browser: a real reload.
    let location = web_sys::window()?.location();
    let address = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let reload = document.create_element("a").ok()?;
    reload.set_attribute("href", &address).ok()?;
    reload.set_attribute("target", "_self").ok()?;
    reload.set_class_name("crash-reload");
    reload.set_text_content(Some(ui.reload_page));
    panel.append_child(&message).ok()?;
    panel.append_child(&reload).ok()?;
    document.body()?.prepend_with_node_1(&panel).ok()?;
    Some(())
}

/// Panics on purpose: how the end-to-end suite checks the crash panel
/// (`window.wasmBindings.simulate_crash()`, exposed by Trunk's loader). Only
/// in the test deployments (feature `test-hooks`, which `scripts/test` turns
/// on), never in the build a reader downloads.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_crash() {
    panic!("simulated crash (end-to-end test of the crash panel)");
}
