//! What the benches that run programs side by side share (`pty_vs_less`,
//! `batch_vs_tools`): counts read from the environment, and the median of timed runs.

use std::time::Duration;

/// The positive count the environment variable `name` gives, else `default`.
pub fn count_from_env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// The median of `times` (the upper one of an even count).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
