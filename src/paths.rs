//! Where the app lives (its public URL) and what the current URL says.

use essais_core::library::LibraryFilter;
use essais_core::routes::{parse_query, Route};
use essais_core::Corpus;
use leptos::prelude::*;

use crate::router::{navigate, use_location};
use std::sync::Arc;

/// An absolute href for a path relative to the public URL.
pub fn href(relative: &str) -> String {
    format!("{}{}", use_location().base(), relative)
}

/// The path of `pathname` below the public URL `base`.
pub fn relative_path(pathname: &str, base: &str) -> String {
    pathname
        .strip_prefix(base)
        .or_else(|| pathname.strip_prefix(base.trim_end_matches('/')))
        .unwrap_or(pathname)
        .to_string()
}

/// The page the URL designates.
pub fn use_route() -> Memo<Route> {
    let location = use_location();
    let base = location.base();
    Memo::new(move |_| Route::parse(&relative_path(&location.pathname.get(), &base)))
}

/// The library filter in the URL query, and the values that were ignored.
pub fn use_library_filter(
    corpus: Signal<Option<Arc<Corpus>>>,
) -> Memo<(LibraryFilter, Vec<String>)> {
    let location = use_location();
    Memo::new(move |_| {
        let pairs = parse_query(&location.search.get());
        match corpus.get() {
            Some(corpus) => LibraryFilter::from_query(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                &corpus,
            ),
            None => (LibraryFilter::default(), Vec::new()),
        }
    })
}

/// Goes to `path` (which already includes the public URL) without scrolling
/// to the top; with `block`, at that block of the essay (`#p<n>`), which the
/// essay page then scrolls to.
pub fn go_to(path: &str, block: Option<usize>, replace: bool) {
    match block {
        Some(n) => navigate(&format!("{path}#p{n}"), replace),
        None => navigate(path, replace),
    }
}
