//! Terminal input, read on a thread of its own.
//!
//! crossterm's event reading retries forever when the terminal's input ends: on a
//! hung-up terminal `read` returns 0 (or an I/O error) at once, again and again, and
//! `event::poll`/`event::read` never return. A loop that read events itself would spin
//! there, never to check the signals or save. So a thread reads the events and sends
//! them to the event loop, which sleeps on its channel and is also woken by the signals,
//! the hang-up watcher ([`super::hangup::watch`]) and the background writer.

use std::io;
use std::sync::mpsc::Sender;
use std::thread;

use ratatui::crossterm::event;

use super::wake::Wake;

/// Starts the thread that reads the terminal's events and sends each to `wake`. It ends
/// on a read error or when the loop is gone and another event comes; a thread stuck on a
/// dead terminal ends with the process.
pub fn start(wake: Sender<Wake>) -> io::Result<()> {
    thread::Builder::new()
        .name("terminal input".to_string())
        .spawn(move || loop {
            let event = match event::read() {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => other,
            };
            let failed = event.is_err();
            if wake.send(Wake::Input(event)).is_err() || failed {
                break;
            }
        })?;
    Ok(())
}
