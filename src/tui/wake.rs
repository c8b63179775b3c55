//! What wakes the event loop. The loop sleeps on one channel until something happens:
//! a terminal event, a signal, the terminal hanging up, a background save finishing, or
//! the annotations read after the first screen.
//! While nothing happens it neither draws nor spins.

use std::io;

use ratatui::crossterm::event::Event;

/// Something the event loop must look at.
#[derive(Debug)]
pub enum Wake {
    /// The input thread read an event (or the terminal's input failed).
    Input(io::Result<Event>),
    /// SIGTERM, SIGHUP or SIGINT arrived (the loop reads which from the flags).
    Signal,
    /// The terminal reported a hang-up or an error.
    TerminalGone,
    /// The background writer finished a save.
    SaveFinished,
    /// The recovery journal's syncing thread failed to sync it (the next idle turn
    /// reports it).
    JournalSyncFailed,
    /// The annotations read while the first screen showed are ready.
    AnnotationsLoaded,
    /// The article list's background reader has read summaries (folder mode).
    RowsRead,
}
