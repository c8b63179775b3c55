//! Reads the summaries of the article list's rows on a background thread, in list
//! order, so that the first screen shows before every sidecar is read; each result is
//! handed back through a channel and announced by a callback (which wakes the event
//! loop).

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use crate::domain::article_summary::Summary;

/// A row's index and its summary (or why it could not be read).
pub type Read = (usize, Result<Summary, String>);

/// Starts reading `paths` (with their row indices); `ready` is called after each one.
pub fn start(
    paths: Vec<(usize, PathBuf)>,
    max_size: u64,
    ready: Box<dyn Fn() + Send>,
) -> Receiver<Read> {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        for (index, path) in paths {
            if send.send((index, Summary::read(&path, max_size))).is_err() {
                return;
            }
            ready();
        }
    });
    receive
}
