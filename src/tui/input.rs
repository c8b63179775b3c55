//! Terminal input, read on a thread of its own.
//!
//! crossterm's event reading retries forever when the terminal's input ends: on a
//! hung-up terminal `read` returns 0 (or an I/O error) at once, again and again, and
//! `event::poll`/`event::read` never return. A loop that read events itself would spin
//! there, never to check the signals or save. So a thread reads the events and forwards
//! them; the event loop only waits on the thread with a timeout, and keeps checking the
//! signals and the terminal every turn whatever the thread does.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// The events the input thread read, in order.
pub struct Input {
    events: Receiver<io::Result<Event>>,
}

impl Input {
    /// Starts the thread that reads the terminal's events. It ends on a read error or
    /// when the [`Input`] is dropped and another event comes; a thread stuck on a dead
    /// terminal ends with the process.
    pub fn start() -> io::Result<Input> {
        let (sender, events) = mpsc::channel();
        thread::Builder::new()
            .name("terminal input".to_string())
            .spawn(move || loop {
                let event = match event::read() {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => other,
                };
                let failed = event.is_err();
                if sender.send(event).is_err() || failed {
                    break;
                }
            })?;
        Ok(Input { events })
    }

    /// The next event, waiting up to `wait`; `None` when none came. A read error of
    /// the terminal is returned as it is.
    pub fn next(&self, wait: Duration) -> io::Result<Option<Event>> {
        match self.events.recv_timeout(wait) {
            Ok(event) => event.map(Some),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal's input ended",
            )),
        }
    }
}
