//! Writing the sidecar, off the key path. A [`SaveJob`] is a snapshot of what the
//! sidecar must say (the store's items shared, not copied) and of the file as the
//! session last knew it; [`SaveJob::run`] checks that no other program replaced the
//! file since, then makes the sidecar's content (order, spans in code points) and
//! writes it atomically. The session runs jobs inline (tests, batch use) or hands them
//! to a [`BackgroundWriter`], a thread that runs one job at a time: the session sends
//! the next one, with everything changed since, only when the last one has reported.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use crate::domain::disk_stamp::{DiskStamp, OnDisk};
use crate::domain::sidecar::{SidecarError, Snapshot};

/// One write of the sidecar: what to write and what the file on disk should be.
#[derive(Debug)]
pub struct SaveJob {
    /// What the sidecar must say.
    pub snapshot: Snapshot,
    /// The store revision it holds.
    pub revision: u64,
    /// Where it goes.
    pub path: PathBuf,
    /// Write through a symlinked sidecar.
    pub follow_symlinks: bool,
    /// The file as the session last read or wrote it (`None`: not known, write without
    /// comparing).
    pub disk: Option<DiskStamp>,
}

/// How a job went.
#[derive(Debug)]
pub struct SaveOutcome {
    /// The store revision the job was to write.
    pub revision: u64,
    /// What happened.
    pub result: Result<Written, NotWritten>,
}

/// A sidecar written.
#[derive(Debug)]
pub struct Written {
    /// The file as written, for the next comparison.
    pub disk: DiskStamp,
    /// Another program had deleted the sidecar; it was written again.
    pub was_deleted: bool,
}

/// Why a job wrote nothing; the file on disk is as it was.
#[derive(Debug)]
pub enum NotWritten {
    /// Another program replaced the sidecar: the session must reload it and re-apply
    /// its own changes first.
    Changed,
    /// Whether another program replaced it could not be checked.
    Check(io::Error),
    /// Writing failed.
    Write(SidecarError),
    /// The writer's thread is gone (it ends only by a panic): nothing was written.
    Stopped,
}

impl SaveJob {
    /// Compares the file on disk with the one last known, then writes the sidecar
    /// atomically. A file another program replaced is never overwritten.
    pub fn run(self) -> SaveOutcome {
        let revision = self.revision;
        SaveOutcome {
            revision,
            result: self.write(),
        }
    }

    fn write(self) -> Result<Written, NotWritten> {
        let was_deleted = match &self.disk {
            None => false,
            Some(stamp) => match stamp.compare(&self.path).map_err(NotWritten::Check)? {
                OnDisk::Same(_) => false,
                OnDisk::Deleted => true,
                OnDisk::Changed => return Err(NotWritten::Changed),
            },
        };
        let sha256 = self
            .snapshot
            .write(&self.path, self.follow_symlinks)
            .map_err(NotWritten::Write)?;
        Ok(Written {
            disk: DiskStamp::written(&self.path, &sha256),
            was_deleted,
        })
    }
}

/// A thread that runs save jobs one at a time and reports each outcome.
#[derive(Debug)]
pub struct BackgroundWriter {
    jobs: Option<Sender<SaveJob>>,
    outcomes: Receiver<SaveOutcome>,
    thread: Option<thread::JoinHandle<()>>,
    /// The revision of the job sent and not yet taken back.
    in_flight: Option<u64>,
}

impl BackgroundWriter {
    /// Starts the writer. `finished` is called on the writer's thread after each
    /// outcome is ready to be taken (to wake an event loop).
    pub fn start(finished: Box<dyn Fn() + Send>) -> io::Result<BackgroundWriter> {
        let (jobs, queue) = mpsc::channel::<SaveJob>();
        let (report, outcomes) = mpsc::channel();
        let thread = thread::Builder::new()
            .name("sidecar writer".to_string())
            .spawn(move || {
                for job in queue {
                    if report.send(job.run()).is_err() {
                        break;
                    }
                    finished();
                }
            })?;
        Ok(BackgroundWriter {
            jobs: Some(jobs),
            outcomes,
            thread: Some(thread),
            in_flight: None,
        })
    }

    /// Whether a job was sent and has not been taken back yet.
    pub fn in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Hands a job to the thread. Only one is in flight at a time: the job comes back
    /// as an error when one already is, or when the thread is gone.
    pub fn send(&mut self, job: SaveJob) -> Result<(), Box<SaveJob>> {
        let Some(jobs) = self.jobs.as_ref().filter(|_| self.in_flight.is_none()) else {
            return Err(Box::new(job));
        };
        let revision = job.revision;
        jobs.send(job).map_err(|e| Box::new(e.0))?;
        self.in_flight = Some(revision);
        Ok(())
    }

    /// The outcome of the job in flight, waiting up to `wait` for it (`None`: as long
    /// as it takes); `None` when there is none yet (or no job in flight).
    pub fn take(&mut self, wait: Option<Duration>) -> Option<SaveOutcome> {
        let revision = self.in_flight?;
        let outcome = match wait {
            None => self.outcomes.recv().ok(),
            Some(wait) => match self.outcomes.recv_timeout(wait) {
                Ok(outcome) => Some(outcome),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        self.in_flight = None;
        Some(outcome.unwrap_or(SaveOutcome {
            revision,
            result: Err(NotWritten::Stopped),
        }))
    }
}

impl Drop for BackgroundWriter {
    /// Lets the job in flight finish, then ends the thread.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::Document;
    use crate::domain::sidecar::Kept;
    use crate::domain::store::Store;

    fn job(path: &std::path::Path, revision: u64) -> SaveJob {
        let doc = Document::from_text(&path.with_extension(""), "text".to_string());
        SaveJob {
            snapshot: Snapshot::of(&doc, &Store::new(), &Kept::default()),
            revision,
            path: path.to_path_buf(),
            follow_symlinks: false,
            disk: Some(DiskStamp::Absent),
        }
    }

    #[test]
    fn one_job_in_flight_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.json");
        let mut writer = BackgroundWriter::start(Box::new(|| {})).unwrap();
        assert!(writer.take(Some(Duration::ZERO)).is_none(), "nothing sent");
        writer.send(job(&path, 1)).unwrap();
        assert!(writer.in_flight());
        let refused = writer.send(job(&path, 2)).unwrap_err();
        assert_eq!(refused.revision, 2);
        let outcome = writer.take(None).unwrap();
        assert_eq!(outcome.revision, 1);
        assert!(outcome.result.is_ok());
        assert!(!writer.in_flight());
        assert!(path.exists());
    }

    #[test]
    fn a_file_another_program_wrote_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.json");
        std::fs::write(&path, "theirs").unwrap();
        let outcome = job(&path, 1).run();
        assert!(matches!(outcome.result, Err(NotWritten::Changed)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "theirs");
    }
}
