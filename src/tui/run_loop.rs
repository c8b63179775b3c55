//! The event loop: draw, wait up to [`POLL`] for events, turn each into an action for
//! the session, and check the signal flags every turn.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event;

use crate::app::action::Action;
use crate::app::command::Command;
use crate::app::session::Session;
use crate::ui::{self, Theme};

use super::events::action_for;
use super::signals::Signals;
use super::terminal::Tty;

/// How long the loop waits for an event before checking the signals again.
pub const POLL: Duration = Duration::from_millis(200);
/// The most events handled between two frames (so a flood still shows progress).
const BATCH: usize = 64;

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The analyst quit.
    Quit,
    /// A signal asked the session to end (it was saved): its name.
    Signal(&'static str),
}

/// Runs the session on `terminal` until it ends.
pub fn run_loop(
    terminal: &mut Tty,
    session: &mut Session,
    theme: &Theme,
    signals: &Signals,
    mouse: bool,
) -> io::Result<Ended> {
    let size = terminal.size()?;
    session.dispatch(Action::Resize(size.width, size.height));
    loop {
        if let Some(name) = signals.received() {
            session.dispatch(Action::Run(Command::Quit));
            return Ok(Ended::Signal(name));
        }
        terminal.draw(|frame| ui::draw(frame, &session.app, theme))?;
        let mut wait = POLL;
        for _ in 0..BATCH {
            if !ready(wait)? {
                break;
            }
            wait = Duration::ZERO;
            if let Some(action) = action_for(event::read()?, mouse) {
                if !session.dispatch(action) {
                    return Ok(Ended::Quit);
                }
            }
        }
    }
}

/// Whether an event is waiting, after up to `wait`; a signal cutting the wait short is
/// not an error.
fn ready(wait: Duration) -> io::Result<bool> {
    match event::poll(wait) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        other => other,
    }
}
