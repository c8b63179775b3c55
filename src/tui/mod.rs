//! The terminal glue, the only place besides `ui` that touches crossterm: terminal
//! setup and restore, key and event translation, the event loop (which sleeps until
//! something wakes it) and the signals.

mod byte_backend;
pub mod events;
pub mod hangup;
pub mod input;
pub mod keys;
pub mod run_loop;
pub mod signals;
pub mod terminal;
pub mod wake;
pub mod workbench;

use std::io;
use std::time::Duration;

use thiserror::Error;

use crate::app::session::Session;
use crate::app::session_error::Unsaved;
use crate::domain::config::Config;
use crate::domain::error::DocumentError;
use crate::ui::Theme;

use self::run_loop::{run_loop, Ended, LoopOptions};
use self::signals::Signals;
use self::terminal::Screen;
use self::workbench::Workbench;

/// Why the workbench ended badly.
#[derive(Debug, Error)]
pub enum TuiError {
    /// Changes stayed unsaved at the end ([`Session::finish`]).
    #[error(transparent)]
    Unsaved(#[from] Unsaved),
    /// The article turned out not to be UTF-8 text past its first screen (or could not
    /// be read to its end), which ended the workbench.
    #[error(transparent)]
    Article(#[from] DocumentError),
    /// The terminal (or the signal handlers) failed: what was being done, and why.
    #[error("{what}: {source}")]
    Terminal {
        /// What scholia was doing.
        what: &'static str,
        /// What failed.
        #[source]
        source: io::Error,
    },
}

/// Runs the workbench on the terminal until the analyst quits or a signal (SIGTERM,
/// SIGHUP, SIGINT) ends it, saving on the way out. The terminal is restored on every
/// path; the session (and with it the article's lock) is released before returning.
/// Unsaved changes at the end are a [`TuiError::Unsaved`] that names the recovery
/// journal when it holds them ([`Session::finish`]).
pub fn run(session: Session, theme: Theme) -> Result<(), TuiError> {
    let options = loop_options(&session.config);
    run_workbench(session, theme, options)
}

/// What the configuration says about the event loop: mouse support and the autosave
/// delay (`[ui] mouse`, `[ui] autosave_delay_ms`).
pub fn loop_options(config: &Config) -> LoopOptions {
    let ui = &config.ui;
    let mouse = ui
        .get("mouse")
        .and_then(toml::Value::as_bool)
        .unwrap_or(false);
    let autosave_delay = ui
        .get("autosave_delay_ms")
        .and_then(toml::Value::as_integer)
        .and_then(|ms| u64::try_from(ms).ok())
        .map_or(Duration::ZERO, Duration::from_millis);
    LoopOptions {
        mouse,
        autosave_delay,
    }
}

/// Runs a workbench (one article, or folder mode) on the terminal; see [`run`].
pub fn run_workbench(
    mut session: impl Workbench,
    theme: Theme,
    options: LoopOptions,
) -> Result<(), TuiError> {
    let mouse = options.mouse;
    let mut signals =
        Signals::register().map_err(terminal_error("could not listen for signals"))?;
    terminal::install_panic_hook();
    let mut screen =
        Screen::enter(mouse).map_err(terminal_error("could not set up the terminal"))?;
    let ended = screen
        .terminal()
        .and_then(|t| run_loop(t, &mut session, &theme, &mut signals, options));
    let left = screen.leave();
    // After SIGHUP or a hang-up the terminal is gone: failing to draw on it or restore
    // it is expected.
    let (ended, left) = match (ended, signals.received()) {
        (Err(_), Some(name)) => (Ok(Ended::Signal(name)), Ok(())),
        (Ok(Ended::Signal(name)), _) => (Ok(Ended::Signal(name)), Ok(())),
        (Ok(Ended::TerminalGone), _) => (Ok(Ended::TerminalGone), Ok(())),
        (ended, _) => (ended, left),
    };
    // The loop may have failed (the terminal went away): save what there is.
    session.finish()?;
    let article_error = session.take_article_error();
    session.end();
    if let Some(e) = article_error {
        return Err(e.into());
    }
    ended.map_err(terminal_error("the terminal failed"))?;
    left.map_err(terminal_error("could not restore the terminal"))?;
    Ok(())
}

/// Wraps an I/O error of the terminal with what was being done.
fn terminal_error(what: &'static str) -> impl FnOnce(io::Error) -> TuiError {
    move |source| TuiError::Terminal { what, source }
}
