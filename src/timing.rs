//! When work runs: after the frame the reader sees, and User Timing marks
//! around work worth measuring, so the benchmark (`scripts/bench`) reads
//! real figures from the real app with `performance.getEntriesByName(name)`.

use leptos::prelude::{request_animation_frame, set_timeout, window};
use std::time::Duration;

/// Runs `work` once the next frame is drawn (a task after that frame's
/// animation callbacks): what the reader does not need to see at once
/// waits, so that the frame after a click shows the click's effect sooner.
pub fn after_next_frame(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}

/// Resolves in a later task: long work awaits it between slices, so that
/// the browser handles input and draws in between. A message to itself
/// rather than a zero timeout, which browsers hold back 4 ms once nested
/// five deep: a 20,000-pair index read in 30 ms slices would wait that
/// at every slice.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::MessageChannel::new() {
        Ok(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        }
        Err(_) => set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            },
            Duration::ZERO,
        ),
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the page started (0 where there is no clock).
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Runs `work`, recorded as the performance measure `name`.
/// Natively (pages rendered at build time) there is nothing to record to.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if cfg!(not(target_arch = "wasm32")) {
        return work();
    }
    let Some(performance) = window().performance() else {
        return work();
    };
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    let _ = performance.mark(&start);
    let result = work();
    let _ = performance.mark(&end);
    let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    result
}
