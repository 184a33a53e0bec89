//! Entry point of the wasm app: report panics, clear the boot message, mount the app.

fn main() {
    essais::install_panic_reporter();
    // The app runs: the loading (or failure) message of index.html goes.
    for id in ["boot", "boot-failed"] {
        if let Some(element) = leptos::prelude::document().get_element_by_id(id) {
            element.remove();
        }
    }
    leptos::mount::mount_to_body(essais::App);
}
