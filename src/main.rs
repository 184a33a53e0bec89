//! Entry point of the wasm app: report panics, then mount the app.

fn main() {
    essais::install_panic_reporter();
    leptos::mount::mount_to_body(essais::App);
}
