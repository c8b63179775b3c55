//! The event loop. It sleeps on one channel ([`Wake`]) fed by the input thread, the
//! signals, the hang-up watcher and the background writer; it draws only when something
//! changed (an event, a resize, a finished save), and when idle (drawn, nothing waiting)
//! hands the changes so far to the background writer. While nothing happens it uses no
//! CPU: it wakes once per [`IDLE_CHECK`] only to look at the signals and the terminal.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crate::app::action::Action;
use crate::app::command::Command;
use crate::ui::Theme;

use super::events::action_for;
use super::hangup::{self, terminal_gone};
use super::input;
use super::signals::Signals;
use super::terminal::{self, Tty};
use super::wake::Wake;
use super::workbench::Workbench;

/// How long the loop sleeps, with nothing happening, before it looks at the signal flags
/// and the terminal itself (a safety net: both wake it anyway).
pub const IDLE_CHECK: Duration = Duration::from_secs(1);
/// The most events handled between two frames (so a flood still shows progress).
const BATCH: usize = 64;
/// How long quitting waits for the last save before saying that it is waiting.
const QUIET_SAVE_WAIT: Duration = Duration::from_millis(250);

/// What the configuration says about the loop.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoopOptions {
    /// Mouse support.
    pub mouse: bool,
    /// How long after a change the sidecar is rewritten (the journal holds it at once).
    pub autosave_delay: Duration,
}

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

/// Runs the session on `terminal` until it ends, writing the sidecar in the background.
/// An error of the terminal on a terminal that is gone ends the loop as
/// [`Ended::TerminalGone`].
pub fn run_loop(
    terminal: &mut Tty,
    session: &mut impl Workbench,
    theme: &Theme,
    signals: &mut Signals,
    options: LoopOptions,
) -> io::Result<Ended> {
    let mouse = options.mouse;
    let mut size = terminal::size_now(terminal)?;
    terminal::fit(terminal, size)?;
    session.dispatch(Action::Resize(size.width, size.height));
    // The first frame before the threads and the background work start (DESIGN §8):
    // keys typed meanwhile wait in the terminal, and the annotations are read after.
    // A frame that fails is drawn again by the loop, which also finds out why.
    let mut changed = draw(terminal, session, theme).is_err();
    let (wake, wakes) = mpsc::channel();
    input::start(wake.clone())?;
    hangup::watch(wake.clone())?;
    signals.wake(wake.clone())?;
    session.start(options.autosave_delay, wake)?;
    loop {
        // The terminal's size as it is now: a resize that came before the input
        // thread listened for it sends no event, and a layout made for another size
        // than the frame's would leave the screen half drawn.
        if let Ok(now) = terminal::size_now(terminal) {
            if now != size && terminal::fit(terminal, now).is_ok() {
                size = now;
                session.dispatch(Action::Resize(size.width, size.height));
                changed = true;
            }
        }
        let ended = match signals.received() {
            Some(name) => Some(Ended::Signal(name)),
            None if terminal_gone() => Some(Ended::TerminalGone),
            None => None,
        };
        if let Some(ended) = ended {
            session.dispatch(Action::Run(Command::Quit));
            return Ok(ended);
        }
        // The frame first; then, idle, the changes go to the background writer, and
        // the status line says so.
        let mut drawn = if changed {
            draw(terminal, session, theme)
        } else {
            Ok(())
        };
        if drawn.is_ok() && session.idle() {
            drawn = draw(terminal, session, theme);
        }
        match drawn {
            Ok(()) => {}
            // Checked again next turn, so that a signal that came meanwhile is named.
            Err(_) if terminal_gone() => continue,
            Err(e) => return Err(e),
        }
        changed = match handle_wakes(&wakes, session, mouse) {
            Ok(Some(changed)) => changed,
            Ok(None) => {
                finish_saving(terminal, session, theme);
                return Ok(Ended::Quit);
            }
            Err(_) if terminal_gone() => false,
            Err(e) => return Err(e),
        };
    }
}

/// Draws the workbench's state.
fn draw(terminal: &mut Tty, session: &impl Workbench, theme: &Theme) -> io::Result<()> {
    terminal
        .draw(|frame| session.draw(frame, theme))
        .map(|_| ())
}

/// Sleeps until something wakes the loop (at most [`IDLE_CHECK`], or until a delayed
/// save is due), then handles what
/// came, up to [`BATCH`] wakes. Whether the screen changed; `None` once the analyst
/// quit.
fn handle_wakes(
    wakes: &Receiver<Wake>,
    session: &mut impl Workbench,
    mouse: bool,
) -> io::Result<Option<bool>> {
    let wait = session
        .save_due_in()
        .map_or(IDLE_CHECK, |due| due.min(IDLE_CHECK));
    let first = match wakes.recv_timeout(wait) {
        Ok(wake) => wake,
        Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return Ok(Some(false)),
    };
    let mut changed = false;
    for wake in std::iter::once(first).chain(wakes.try_iter().take(BATCH - 1)) {
        match wake {
            Wake::Input(event) => {
                let Some(action) = action_for(event?, mouse) else {
                    continue;
                };
                changed = true;
                if !session.dispatch(action) {
                    return Ok(None);
                }
            }
            Wake::SaveFinished => {
                changed = true;
                // A quit that waited for the save to hold every change goes ahead.
                if !session.collect_saves() {
                    return Ok(None);
                }
            }
            Wake::JournalSyncFailed => changed = true,
            Wake::AnnotationsLoaded => {
                changed = true;
                if !session.collect_load() {
                    return Ok(None);
                }
            }
            Wake::RowsRead => {
                session.collect_reads();
                changed = true;
            }
            // The flags and the terminal are looked at before the next frame.
            Wake::Signal | Wake::TerminalGone => {}
        }
    }
    Ok(Some(changed))
}

/// After the analyst quit: waits for the last save, and says so on screen when it takes
/// longer than a moment. Whatever it leaves unsaved, [`Session::finish`] reports.
fn finish_saving(terminal: &mut Tty, session: &mut impl Workbench, theme: &Theme) {
    if session.settle(Some(QUIET_SAVE_WAIT)) {
        return;
    }
    session.dispatch(Action::Notice {
        text: "saving the last changes before quitting…".to_string(),
        error: false,
    });
    let _ = draw(terminal, session, theme);
    session.settle(None);
}
