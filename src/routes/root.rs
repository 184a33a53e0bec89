//! The bare public URL: sends the reader to the library in their language.

use essais_core::library::LibraryFilter;
use essais_core::routes::library_path;
use leptos::prelude::*;

use crate::language::preferred_language;
use crate::paths::{go_to, href};

#[component]
pub fn RootRedirect() -> impl IntoView {
    // Replace, so that "back" does not bounce the reader here again.
    Effect::new(move |_| {
        crate::prerender::page_ready();
        let target = href(&library_path(
            preferred_language(),
            &LibraryFilter::default(),
        ));
        go_to(&target, None, true);
    });
}
