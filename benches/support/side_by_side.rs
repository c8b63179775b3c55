//! What the benches that run programs side by side share (`pty_vs_less`,
//! `batch_vs_tools`): counts and sections read from the environment, and the median of
//! timed runs.

use std::time::Duration;

/// The positive count the environment variable `name` gives, else `default`.
pub fn count_from_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// Whether the comma-separated list in the environment variable `name` names `section`
/// (every section when it is not set).
pub fn section_wanted(name: &str, section: &str) -> bool {
    std::env::var(name).map_or(true, |list| list.split(',').any(|s| s.trim() == section))
}

/// The median of `times` (the upper one of an even count).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
