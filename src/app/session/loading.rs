//! The first screen first (DESIGN §8): a session opened for the terminal shows its
//! article before the rest of a large article is read (only its first piece is, see
//! `domain::document_pieces`), the article's lock is taken and the sidecar read, parsed
//! and placed on it. That work runs on a thread of its own once the first frame is
//! drawn; meanwhile the status line says the annotations are loading, and every key
//! waits in a queue, applied in order once the whole article and its annotations are
//! in. Only then is an earlier session's journal replayed (a journal found on opening
//! makes the session load at once, before the terminal, so that it can ask), the lock
//! and journal dropped when the session turns out read-only, and the notices of opening
//! shown, exactly as a session opened at once does. An article that turns out not to
//! be UTF-8 text past its first piece ends the session, the keys unapplied.

use std::collections::VecDeque;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use crate::domain::disk_stamp::DiskStamp;
use crate::domain::document::Document;
use crate::domain::document_pieces::Rest;
use crate::domain::error::DocumentError;
use crate::domain::journal::{self, JournalWriter};
use crate::domain::lock::{self, Acquired, LockError};
use crate::domain::sidecar::{self, Loaded, SidecarError};

use super::super::action::{Action, WholeArticle};
use super::super::command::Command;
use super::super::update::update;
use super::{name_files_beside, JournalChoice, OpenOptions, Session};

/// What loading gave: the whole article and its annotations, or why the article cannot
/// be opened after all.
type Loading = Result<LoadOutcome, DocumentError>;

/// What loading gave.
pub(super) struct LoadOutcome {
    /// The whole article.
    doc: Arc<Document>,
    /// The article's lock, when the session asked for it.
    lock: Option<Result<Acquired, LockError>>,
    /// The annotations placed on the article (`None`: no sidecar) and the file's stamp
    /// for the outside-change check.
    sidecar: Result<(Option<Loaded>, DiskStamp), SidecarError>,
}

/// Where the whole article comes from.
enum Text {
    /// It was read whole before the first frame.
    Whole(Arc<Document>),
    /// Its first piece was: the rest is read now.
    Rest(Rest),
    /// The thread that had the rest ended without an answer: it is read again, whole,
    /// under this size limit.
    Again(u64),
}

/// What the loading needs to know.
struct LoadJob {
    text: Text,
    article: PathBuf,
    sidecar_path: PathBuf,
    /// Take the article's lock in this annotator's name first (`None`: the session is
    /// read-only already).
    lock_for: Option<String>,
}

impl LoadJob {
    /// Reads the rest of the article if only its first piece was read, takes the lock,
    /// then reads the sidecar and places it on the article, noting the file as read. The
    /// article's hash is worked out meanwhile on a thread of its own: placing compares
    /// it with the sidecar's, and the journal and every save need it.
    fn run(self) -> Loading {
        let doc = match self.text {
            Text::Whole(doc) => doc,
            Text::Rest(rest) => Arc::new(rest.read()?),
            Text::Again(max_size) => Arc::new(Document::load_hash_later(&self.article, max_size)?),
        };
        doc.hash().start_working();
        let lock = self
            .lock_for
            .as_deref()
            .map(|user| lock::acquire(&self.article, user));
        let path = &self.sidecar_path;
        let sidecar = sidecar::load_stamped(&doc, path);
        Ok(LoadOutcome { doc, lock, sidecar })
    }
}

/// A called-back notice that the load finished.
type Finished = Box<dyn FnOnce() + Send>;

/// The outcome of a load on its thread, and whom to tell when it is there.
#[derive(Default)]
struct Slot {
    outcome: Option<Loading>,
    finished: Option<Finished>,
}

/// A session whose annotations are not in its store yet.
pub(super) struct Opening {
    /// The article, to name files beside it in messages and recall its place.
    article: PathBuf,
    /// The annotator the lock is taken for (`None`: the session is read-only already).
    lock_for: Option<String>,
    /// The notices of opening so far (the registry's), shown with the load's once it
    /// is done.
    notices: Vec<String>,
    /// What to do with a journal an earlier session left.
    journal: JournalChoice,
    /// The rest of the article, when only its first piece was read (taken by the thread
    /// that reads it).
    rest: Option<Rest>,
    /// The largest article to open, to read it again if that thread failed.
    max_size: u64,
    /// The panel tab of the last session on the article was put back.
    pub(super) tab_recalled: bool,
    /// The thread reading the sidecar, once started.
    job: Option<JoinHandle<()>>,
    /// Where that thread leaves its outcome.
    slot: Arc<Mutex<Slot>>,
    /// Actions that came before the annotations, in order.
    queued: VecDeque<Action>,
}

impl Opening {
    /// An opening of `article` as `options` ask, whose lock is still to be taken for
    /// `lock_for` (`None`: read-only), whose sidecar is still to be read, and whose
    /// `rest` is still to be read when only its first piece was.
    pub(super) fn new(
        article: &Path,
        lock_for: Option<String>,
        notices: Vec<String>,
        options: &OpenOptions,
        rest: Option<Rest>,
    ) -> Opening {
        Opening {
            article: article.to_path_buf(),
            lock_for,
            notices,
            journal: options.journal,
            rest,
            max_size: options.max_size,
            tab_recalled: false,
            job: None,
            slot: Arc::default(),
            queued: VecDeque::new(),
        }
    }

    /// What loading the annotations of `doc` (the article, or its first piece) from
    /// `sidecar_path` needs. The rest of the article, if any, goes with it.
    fn load_job(&mut self, doc: &Arc<Document>, sidecar_path: &Path) -> LoadJob {
        let text = match self.rest.take() {
            Some(rest) => Text::Rest(rest),
            None if doc.is_first_piece() => Text::Again(self.max_size),
            None => Text::Whole(Arc::clone(doc)),
        };
        LoadJob {
            text,
            article: self.article.clone(),
            sidecar_path: sidecar_path.to_path_buf(),
            lock_for: self.lock_for.clone(),
        }
    }
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

/// Whether `action` can be applied before the annotations are in the store: a resize,
/// the cursor and tab put back where the last session left them, a message. Everything
/// else (keys, commands, pastes, the mouse, imports) may read or change annotations and
/// waits.
fn applies_while_loading(action: &Action) -> bool {
    matches!(
        action,
        Action::Resize(..) | Action::GoTo(_) | Action::ShowTab(_) | Action::Notice { .. }
    )
}

impl Session {
    /// Whether the annotations are still being read (keys wait meanwhile).
    pub fn loading(&self) -> bool {
        self.opening.is_some()
    }

    /// Why the article turned out unreadable past its first piece, once: the session
    /// ended without applying a key (the analyst is to be told what [`Session::open`]
    /// says of such an article).
    pub fn take_article_error(&mut self) -> Option<DocumentError> {
        self.article_error.take()
    }

    /// Starts reading the rest of the article, if only its first piece was read, and
    /// reading and placing the annotations on a thread of their own; `finished` is
    /// called once they are ready to be taken with [`Session::collect_load`]. Does
    /// nothing when they are already in the store. When no thread can be started they
    /// are read here (and `finished` is called all the same).
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
        let load = opening.load_job(&self.app.doc, &self.app.sidecar_path);
        let slot = Arc::clone(&opening.slot);
        let job = thread::Builder::new()
            .name("sidecar-load".to_string())
            .spawn(move || {
                let outcome = load.run();
                let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
                slot.outcome = Some(outcome);
                if let Some(finished) = slot.finished.take() {
                    finished();
                }
            });
        match job {
            Ok(job) => opening.job = Some(job),
            Err(_) => {
                let finished = opening
                    .slot
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .finished
                    .take();
                self.wait_loaded();
                if let Some(finished) = finished {
                    finished();
                }
            }
        }
    }

    /// Takes the annotations when their thread has finished: they go into the store
    /// and the actions that waited for them are applied. False once the session has
    /// ended (a queued quit, an article that turned out unreadable).
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
        let outcome = outcome.unwrap_or_else(|| {
            opening
                .load_job(&self.app.doc, &self.app.sidecar_path)
                .run()
        });
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

    /// Puts the whole article in place of its first piece and the loaded annotations in
    /// the store, and finishes opening as a session opened at once does: the lock (or
    /// the read-only reason of an article another session holds), the read-only reason
    /// of a sidecar that cannot be read, the panel tab the annotations call for (unless
    /// the last session's was put back), the journal of an earlier session, the
    /// notices; then the actions that waited. An article that cannot be opened after
    /// all ends the session instead.
    fn finish_opening(&mut self, loading: Loading) {
        let Some(opening) = self.opening.take() else {
            return;
        };
        let outcome = match loading {
            Ok(outcome) => outcome,
            Err(e) => {
                self.article_error = Some(e);
                update(&mut self.app, Action::Run(Command::Quit));
                return;
            }
        };
        if !Arc::ptr_eq(&outcome.doc, &self.app.doc) {
            update(
                &mut self.app,
                Action::ArticleRead(WholeArticle(outcome.doc)),
            );
        }
        self.journal = Some(JournalWriter::new(
            journal::path_for(&opening.article),
            self.app.doc.hash().clone(),
            self.app.sidecar_path.clone(),
        ));
        self.start_journal_syncing();
        let mut notices = Vec::new();
        match outcome.lock {
            Some(Ok(Acquired::Held(lock))) => self.lock = Some(lock),
            Some(Ok(Acquired::TookOver { lock, stale })) => {
                notices.push(format!(
                    "took over the lock of a session that is gone: {stale}"
                ));
                self.lock = Some(lock);
            }
            Some(Ok(Acquired::Busy(why))) => {
                update(&mut self.app, Action::ReadOnly(why));
            }
            Some(Err(e)) => {
                update(&mut self.app, Action::ReadOnly(e.to_string()));
            }
            None => {}
        }
        notices.extend(opening.notices);
        match outcome.sidecar {
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
        update(
            &mut self.app,
            Action::AnnotationsLoaded {
                keep_tab: opening.tab_recalled,
            },
        );
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
