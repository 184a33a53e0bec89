//! User Timing marks around work worth measuring, so the benchmark
//! (`scripts/bench`) reads real figures from the real app with
//! `performance.getEntriesByName(name)`.

use leptos::prelude::window;

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
