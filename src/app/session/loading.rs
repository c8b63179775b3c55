//! The first screen first (DESIGN §8): a session opened for the terminal shows its
//! article before the sidecar is read, parsed and placed on it. That work runs on a
//! thread of its own once the event loop starts; meanwhile the status line says the
//! annotations are loading, and every key waits in a queue, applied in order once they
//! are in the store. Only then is an earlier session's journal replayed (a journal found
//! on opening makes the session load at once, before the terminal, so that it can ask),
//! the lock and journal dropped when the session turns out read-only, and the notices
//! of opening shown, exactly as a session opened at once does.

use std::collections::VecDeque;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use crate::domain::disk_stamp::DiskStamp;
use crate::domain::document::Document;
use crate::domain::sidecar::{self, Loaded, SidecarError};

use super::super::action::Action;
use super::super::update::update;
use super::{name_files_beside, JournalChoice, Session};

/// What reading the sidecar gave: the annotations placed on the article (`None`: no
/// sidecar) and the file's stamp for the outside-change check.
pub(super) type LoadOutcome = Result<(Option<Loaded>, DiskStamp), SidecarError>;

/// Reads the sidecar at `path` and places it on `doc`, noting the file as read.
fn load_sidecar(doc: &Document, path: &Path) -> LoadOutcome {
    DiskStamp::around(path, || sidecar::load(doc, path))
}

/// A called-back notice that the load finished.
type Finished = Box<dyn FnOnce() + Send>;

/// The outcome of a load on its thread, and whom to tell when it is there.
#[derive(Default)]
struct Slot {
    outcome: Option<LoadOutcome>,
    finished: Option<Finished>,
}

/// A session whose annotations are not in its store yet.
pub(super) struct Opening {
    /// The article, to name files beside it in messages and recall its place.
    article: PathBuf,
    /// The notices of opening so far (the lock taken over, the registry), shown with
    /// the load's once it is done.
    notices: Vec<String>,
    /// What to do with a journal an earlier session left.
    journal: JournalChoice,
    /// The thread reading the sidecar, once started.
    job: Option<JoinHandle<()>>,
    /// Where that thread leaves its outcome.
    slot: Arc<Mutex<Slot>>,
    /// Actions that came before the annotations, in order.
    queued: VecDeque<Action>,
}

impl fmt::Debug for Opening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opening")
            .field("article", &self.article)
            .field("started", &self.job.is_some())
            .field("queued", &self.queued.len())
            .finish_non_exhaustive()
    }
}

impl Opening {
    /// An opening of `article` whose sidecar is still to be read.
    pub(super) fn new(article: &Path, notices: Vec<String>, journal: JournalChoice) -> Opening {
        Opening {
            article: article.to_path_buf(),
            notices,
            journal,
            job: None,
            slot: Arc::default(),
            queued: VecDeque::new(),
        }
    }
}

/// Whether `action` can be applied before the annotations are in the store: a resize,
/// the cursor put back where the last session left it, a message. Everything else
/// (keys, commands, pastes, the mouse, imports) may read or change annotations and waits.
fn applies_while_loading(action: &Action) -> bool {
    matches!(
        action,
        Action::Resize(..) | Action::GoTo(_) | Action::Notice { .. }
    )
}

impl Session {
    /// Whether the annotations are still being read (keys wait meanwhile).
    pub fn loading(&self) -> bool {
        self.opening.is_some()
    }

    /// Starts reading and placing the annotations on a thread of their own; `finished`
    /// is called once they are ready to be taken with [`Session::collect_load`]. Does
    /// nothing when they are already in the store. When no thread can be started they
    /// are read here.
    pub fn load_in_background(&mut self, finished: Finished) {
        let Some(opening) = self.opening.as_mut() else {
            return;
        };
        if opening.job.is_some() {
            return;
        }
        {
            let mut slot = opening.slot.lock().unwrap_or_else(PoisonError::into_inner);
            slot.finished = Some(finished);
        }
        let doc = Arc::clone(&self.app.doc);
        let path = self.app.sidecar_path.clone();
        let slot = Arc::clone(&opening.slot);
        let job = thread::Builder::new()
            .name("sidecar-load".to_string())
            .spawn(move || {
                let outcome = load_sidecar(&doc, &path);
                let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
                slot.outcome = Some(outcome);
                if let Some(finished) = slot.finished.take() {
                    finished();
                }
            });
        match job {
            Ok(job) => opening.job = Some(job),
            Err(_) => self.wait_loaded(),
        }
    }

    /// Takes the annotations when their thread has finished: they go into the store
    /// and the actions that waited for them are applied. False once the session has
    /// ended (a queued quit).
    pub fn collect_load(&mut self) -> bool {
        let ready = self.opening.as_ref().and_then(|opening| {
            opening
                .slot
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .outcome
                .take()
        });
        if let Some(outcome) = ready {
            self.finish_opening(outcome);
        }
        !self.app.quit
    }

    /// Waits for the annotations (reading them here when no thread does), puts them in
    /// the store and applies the actions that waited for them.
    pub fn wait_loaded(&mut self) {
        let Some(opening) = self.opening.as_mut() else {
            return;
        };
        if let Some(job) = opening.job.take() {
            // A thread that panicked left no outcome: the sidecar is read here instead.
            let _ = job.join();
        }
        let outcome = opening
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .outcome
            .take();
        let outcome =
            outcome.unwrap_or_else(|| load_sidecar(&self.app.doc, &self.app.sidecar_path));
        self.finish_opening(outcome);
    }

    /// Queues `action` until the annotations are in the store when it needs them;
    /// otherwise gives it back, to be applied now.
    pub(super) fn queue_while_loading(&mut self, action: Action) -> Option<Action> {
        match self.opening.as_mut() {
            Some(opening) if !applies_while_loading(&action) => {
                opening.queued.push_back(action);
                None
            }
            _ => Some(action),
        }
    }

    /// Puts the loaded annotations in the store and finishes opening as a session
    /// opened at once does: the read-only reason of a sidecar that cannot be read, the
    /// panel tab the annotations call for (or the one left last time), the journal of
    /// an earlier session, the notices; then the actions that waited.
    fn finish_opening(&mut self, outcome: LoadOutcome) {
        let Some(opening) = self.opening.take() else {
            return;
        };
        let mut notices = opening.notices;
        match outcome {
            Ok((Some(loaded), stamp)) => {
                notices.extend(loaded.report.duplicates.summary());
                notices.extend(loaded.report.summary());
                self.app.store = loaded.store;
                self.app.kept = loaded.kept;
                self.disk = Some(stamp);
            }
            Ok((None, stamp)) => self.disk = Some(stamp),
            Err(e) => {
                let why = name_files_beside(&e.to_string(), &opening.article);
                update(&mut self.app, Action::ReadOnly(why));
            }
        }
        update(&mut self.app, Action::AnnotationsLoaded);
        self.return_to_tab(&opening.article);
        if let Some(why) = &self.app.read_only {
            notices.insert(0, format!("read-only: {why}"));
        }
        if self.app.read_only.is_none() {
            notices.extend(self.recover(opening.journal));
        }
        if self.app.read_only.is_some() {
            // A session that cannot write neither holds the lock nor keeps a journal.
            self.lock = None;
            self.journal = None;
        } else {
            self.app.store.record_applied();
        }
        if !notices.is_empty() {
            let error = self.app.read_only.is_some();
            self.dispatch(Action::Notice {
                text: notices.join("; "),
                error,
            });
        }
        for action in opening.queued {
            if !self.dispatch(action) {
                break;
            }
        }
    }
}
