//! The event loop: draw, wait up to [`POLL`] for events from the input thread, turn
//! each into an action for the session, and every turn check the signal flags and
//! whether the terminal is still there.

use std::io;
use std::time::Duration;

use crate::app::action::Action;
use crate::app::command::Command;
use crate::app::session::Session;
use crate::ui::{self, Theme};

use super::events::action_for;
use super::hangup::terminal_gone;
use super::input::Input;
use super::signals::Signals;
use super::terminal::Tty;

/// How long the loop waits for an event before checking the signals and the terminal
/// again.
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
    /// The terminal went away (hung up: a closed window, a dropped SSH connection).
    TerminalGone,
}

/// Runs the session on `terminal` until it ends. An error of the terminal on a
/// terminal that is gone ends the loop as [`Ended::TerminalGone`].
pub fn run_loop(
    terminal: &mut Tty,
    session: &mut Session,
    theme: &Theme,
    signals: &Signals,
    mouse: bool,
) -> io::Result<Ended> {
    let input = Input::start()?;
    let size = terminal.size()?;
    session.dispatch(Action::Resize(size.width, size.height));
    loop {
        let ended = match signals.received() {
            Some(name) => Some(Ended::Signal(name)),
            None if terminal_gone() => Some(Ended::TerminalGone),
            None => None,
        };
        if let Some(ended) = ended {
            session.dispatch(Action::Run(Command::Quit));
            return Ok(ended);
        }
        match turn(terminal, session, theme, &input, mouse) {
            Ok(true) => {}
            Ok(false) => return Ok(Ended::Quit),
            // Checked again next turn, so that a signal that came meanwhile is named.
            Err(_) if terminal_gone() => {}
            Err(e) => return Err(e),
        }
    }
}

/// Draws once and handles the events that come within [`POLL`]; false once the
/// analyst quit.
fn turn(
    terminal: &mut Tty,
    session: &mut Session,
    theme: &Theme,
    input: &Input,
    mouse: bool,
) -> io::Result<bool> {
    terminal.draw(|frame| ui::draw(frame, session.app(), theme))?;
    let mut wait = POLL;
    for _ in 0..BATCH {
        let Some(event) = input.next(wait)? else {
            break;
        };
        wait = Duration::ZERO;
        if let Some(action) = action_for(event, mouse) {
            if !session.dispatch(action) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}
