//! Entry point of the wasm app: report panics, clear the boot message, mount the app.

fn main() {
    essais::install_panic_reporter();
    if let Some(failed) = leptos::prelude::document().get_element_by_id("boot-failed") {
        failed.remove();
    }
    // The loading message goes now; a pre-rendered page stays until the app
    // has drawn its own (`essais::prerender::page_ready`).
    if !essais::prerender::is_prerendered() {
        essais::prerender::page_ready();
    }
    let start = essais::Start::from_browser();
    leptos::mount::mount_to_body(move || leptos::prelude::view! { <essais::App start=start /> });
}
