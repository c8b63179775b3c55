//! The thread that syncs the recovery journal to disk, so that the workbench never waits
//! for the disk between two keys. A sync of a small file can wait for the disk to take
//! other files first (on ext4, the sidecar the background writer has just written):
//! tens of milliseconds, and once over a second in a burst of decisions.

use std::fs::File;
use std::io;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

/// How a file is synced, on the thread and by a save alike: `File::sync_data`, or a
/// stand-in in tests.
pub(crate) type SyncFile = Arc<dyn Fn(&File) -> io::Result<()> + Send + Sync>;

/// A thread that syncs the files it is handed, one at a time, the latest only when
/// several wait; a failure is kept for the journal's writer to report.
pub(crate) struct Syncer {
    requests: Sender<File>,
    failure: Arc<Mutex<Option<io::Error>>>,
}

impl std::fmt::Debug for Syncer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Syncer")
    }
}

impl Syncer {
    /// Starts the thread; `failed` is called on it when a sync fails (to wake whoever
    /// reports it).
    pub(crate) fn start(sync: SyncFile, failed: Box<dyn Fn() + Send>) -> io::Result<Syncer> {
        let (requests, handed) = mpsc::channel::<File>();
        let failure = Arc::new(Mutex::new(None));
        let kept = Arc::clone(&failure);
        thread::Builder::new()
            .name("journal-sync".into())
            .spawn(move || {
                while let Ok(mut file) = handed.recv() {
                    // One sync covers every step appended before it.
                    while let Ok(later) = handed.try_recv() {
                        file = later;
                    }
                    if let Err(e) = sync(&file) {
                        *kept.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
                        failed();
                    }
                }
            })?;
        Ok(Syncer { requests, failure })
    }

    /// Hands `file` (a handle of the journal's own) to the thread to sync; gives it
    /// back when the thread is gone.
    pub(crate) fn hand(&self, file: File) -> Result<(), File> {
        self.requests.send(file).map_err(|e| e.0)
    }

    /// The error of a sync on the thread that failed since this was last asked.
    pub(crate) fn take_failure(&self) -> Option<io::Error> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}
