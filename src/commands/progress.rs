//! The progress bar of a batch command: drawn on stderr when stderr is a terminal and
//! there is more than one article, hidden otherwise (a pipe, a file, a scheduler's log).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar counting `total` articles, or a hidden one that draws nothing.
pub fn bar(total: usize) -> ProgressBar {
    if total <= 1 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("[{bar:30}] {pos}/{len} articles, {eta} left")
        .map(|style| style.progress_chars("#>-"));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}
