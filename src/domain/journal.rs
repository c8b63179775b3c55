//! The recovery journal `<article>.scholia.journal` (DESIGN §7: never lose work).
//!
//! JSON lines: a header `{"format": "scholia-journal/1", "sha256": …, "sidecar": …,
//! "started": …}` pinning the article (its SHA-256, so byte offsets stay valid) and the
//! sidecar the steps build on (its length and modification time, `null` when there was
//! none), then one line `{"edits": […]}` per change, spans in bytes, or `{"edits": [],
//! "schema": {…}}` for labels an import added to the sidecar's schema. Each line is
//! written and synced to disk before the sidecar is saved; after a save the journal is
//! removed. A journal found on opening therefore holds changes the sidecar lacks.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::article_hash::ArticleHash;
use super::atomic::write_atomic;
use super::beside::beside;
use super::clock;
use super::document::Document;
use super::edit::Edit;
use super::journal_sync::{SyncFile, Syncer};
use super::model::intern;
use super::reapply::Check;
use super::regular_file::{read_regular_text, ReadError};
use super::schema::SchemaExtension;
use super::span_check::misplaced;
use super::store::Store;

/// The suffix added to the article's file name.
pub const SUFFIX: &str = ".scholia.journal";
/// The format tag of the header line.
pub const FORMAT: &str = "scholia-journal/1";
/// The largest journal read: 1 GiB.
const MAX_JOURNAL_SIZE: u64 = 1 << 30;

/// The journal path of an article: the article's path plus `.scholia.journal`.
pub fn path_for(article: &Path) -> PathBuf {
    beside(article, SUFFIX)
}

/// A free name beside the journal at `path` for a journal set aside: `<journal>.old`,
/// else `<journal>.old.2`, `<journal>.old.3`… so that an earlier one is never replaced.
pub fn aside_path(path: &Path) -> PathBuf {
    let taken = |p: &Path| fs::symlink_metadata(p).is_ok();
    let first = beside(path, ".old");
    if !taken(&first) {
        return first;
    }
    (2u64..)
        .map(|n| beside(path, &format!(".old.{n}")))
        .find(|p| !taken(p))
        .unwrap_or(first)
}

/// Which version of the sidecar file a journal builds on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SidecarStamp {
    /// Its length in bytes.
    pub bytes: u64,
    /// Its modification time, RFC 3339 with nanoseconds.
    pub modified: String,
}

impl SidecarStamp {
    /// The stamp of the sidecar at `path`; `None` when there is no sidecar.
    pub fn of(path: &Path) -> io::Result<Option<SidecarStamp>> {
        match fs::metadata(path) {
            Ok(meta) => Ok(Some(SidecarStamp {
                bytes: meta.len(),
                modified: clock::nanos(meta.modified()?),
            })),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// [`FORMAT`].
    pub format: String,
    /// SHA-256 of the article the byte offsets refer to.
    pub sha256: String,
    /// The sidecar the steps apply to (`None`: there was no sidecar).
    pub sidecar: Option<SidecarStamp>,
    /// When the journal was started, RFC 3339 UTC.
    pub started: String,
}

/// One line after the header: the edits of one change, in the order applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Step {
    edits: Vec<Edit>,
    /// Labels and attribute values added to the sidecar's schema by this change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schema: Option<serde_json::Value>,
}

/// Why a journal cannot be replayed.
#[derive(Debug, Error)]
pub enum JournalError {
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The journal.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// A line is not what scholia writes.
    #[error("{}:{line}: the recovery journal cannot be read: {message}", path.display())]
    Malformed {
        /// The journal.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The journal was written for another version of the article or the sidecar.
    #[error("{}: the recovery journal was written for {what} than the one on disk", path.display())]
    Outdated {
        /// The journal.
        path: PathBuf,
        /// `another article` or `an older sidecar`.
        what: &'static str,
    },
    /// The edits do not fit the annotations as loaded.
    #[error("{}: step {step} of the recovery journal does not fit the sidecar's annotations", path.display())]
    DoesNotFit {
        /// The journal.
        path: PathBuf,
        /// 1-based step.
        step: usize,
    },
    /// An edit would put an annotation on spans the article does not have.
    #[error("{}: step {step} of the recovery journal cannot be applied: {message}", path.display())]
    BadSpan {
        /// The journal.
        path: PathBuf,
        /// 1-based step.
        step: usize,
        /// Which annotation and span, and what is wrong with it.
        message: String,
    },
}

/// A journal found on opening, whose steps the sidecar lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The journal.
    pub path: PathBuf,
    /// The edits of each step, in order.
    pub steps: Vec<Vec<Edit>>,
    /// What the steps added to the sidecar's schema (empty when nothing).
    pub schema: SchemaExtension,
    /// When the last step was written, RFC 3339 UTC.
    pub written: String,
}

/// Reads the journal at `path` if there is one and checks that it belongs to the article
/// with SHA-256 `sha256` and to the sidecar as it is now (`sidecar`: its stamp). A torn
/// last line (the process died while writing it) is left out.
pub fn inspect(
    path: &Path,
    sha256: impl Into<ArticleHash>,
    sidecar: Option<&SidecarStamp>,
) -> Result<Option<Found>, JournalError> {
    let text = match read_regular_text(path, MAX_JOURNAL_SIZE) {
        Ok(text) => text,
        Err(ReadError::Io(e)) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(JournalError::Io {
                path: path.to_path_buf(),
                source: e.into(),
            })
        }
    };
    let written = fs::metadata(path)
        .and_then(|meta| meta.modified())
        .map(clock::seconds)
        .unwrap_or_default();
    let malformed = |line: usize, message: String| JournalError::Malformed {
        path: path.to_path_buf(),
        line,
        message,
    };
    // Only whole lines: a last line without its newline was never completed.
    let complete = match text.rfind('\n') {
        Some(end) => &text[..end],
        None => "",
    };
    let mut lines = complete.lines().enumerate();
    let Some((_, first)) = lines.next() else {
        return Ok(Some(Found {
            path: path.to_path_buf(),
            steps: Vec::new(),
            schema: SchemaExtension::default(),
            written,
        }));
    };
    let header: Header = serde_json::from_str(first).map_err(|e| malformed(1, e.to_string()))?;
    if header.format != FORMAT {
        return Err(malformed(
            1,
            format!("format \"{}\", expected \"{FORMAT}\"", header.format),
        ));
    }
    let outdated = |what| JournalError::Outdated {
        path: path.to_path_buf(),
        what,
    };
    if header.sha256 != sha256.into().get() {
        return Err(outdated("another version of the article"));
    }
    if header.sidecar.as_ref() != sidecar {
        return Err(outdated("another version of the sidecar"));
    }
    let mut steps = Vec::new();
    let mut schema = SchemaExtension::default();
    // A step may hold thousands of annotations (an import not yet saved): their labels
    // and quotes are read as shared strings.
    let _interning = intern::Scope::open();
    for (i, line) in lines.filter(|(_, line)| !line.trim().is_empty()) {
        let step: Step = serde_json::from_str(line).map_err(|e| malformed(i + 1, e.to_string()))?;
        if let Some(added) = &step.schema {
            schema.merge(&SchemaExtension::from_json(added));
        }
        if !step.edits.is_empty() || step.schema.is_none() {
            steps.push(step.edits);
        }
    }
    Ok(Some(Found {
        path: path.to_path_buf(),
        steps,
        schema,
        written,
    }))
}

/// Applies the journal's steps to `store` as one undoable step, after checking that
/// every annotation an edit puts in place has spans on `doc` (non-empty, in order, inside
/// the text, on character boundaries) and that every edit finds what it expects (the item
/// as it was before the edit); the number of steps replayed. On error the store is
/// unchanged.
pub fn replay(store: &mut Store, doc: &Document, found: &Found) -> Result<usize, JournalError> {
    for (i, step) in found.steps.iter().enumerate() {
        let bad = step.iter().find_map(|edit| match edit {
            Edit::Annotation { after: Some(a), .. } => misplaced(doc, a),
            _ => None,
        });
        if let Some(message) = bad {
            return Err(JournalError::BadSpan {
                path: found.path.clone(),
                step: i + 1,
                message,
            });
        }
    }
    let mut check = Check::default();
    for (i, step) in found.steps.iter().enumerate() {
        if !step.iter().all(|edit| check.fits(store, edit)) {
            return Err(JournalError::DoesNotFit {
                path: found.path.clone(),
                step: i + 1,
            });
        }
    }
    store.group(|s| {
        for edit in found.steps.iter().flatten() {
            s.apply(edit.clone());
        }
    });
    Ok(found.steps.len())
}

/// Writes a session's journal: creates it with its header on the first step after a
/// save, appends each step (in the file at once, so that it outlives the process) and
/// syncs the steps to disk when asked ([`JournalWriter::sync_soon`]: the workbench
/// asks once its frame is out, and a thread of its own syncs, so that no key waits for
/// the disk; [`JournalWriter::sync`] waits, for a save), removes it after the next save.
pub struct JournalWriter {
    path: PathBuf,
    sha256: ArticleHash,
    sidecar_path: PathBuf,
    file: Option<File>,
    /// Whether steps were appended since the file was last synced (or handed to the
    /// syncing thread).
    unsynced: bool,
    /// The thread that syncs the file, when [`JournalWriter::sync_on_a_thread`] started
    /// one.
    syncer: Option<Syncer>,
    /// How the file is synced, here and on that thread.
    sync_file: SyncFile,
}

impl std::fmt::Debug for JournalWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalWriter")
            .field("path", &self.path)
            .field("sidecar_path", &self.sidecar_path)
            .field("file", &self.file)
            .field("unsynced", &self.unsynced)
            .field("syncer", &self.syncer)
            .finish_non_exhaustive()
    }
}

impl JournalWriter {
    /// A writer for the journal at `path` of the article with SHA-256 `sha256`, whose
    /// sidecar is at `sidecar_path`. Nothing is written yet.
    pub fn new(
        path: PathBuf,
        sha256: impl Into<ArticleHash>,
        sidecar_path: PathBuf,
    ) -> JournalWriter {
        JournalWriter {
            path,
            sha256: sha256.into(),
            sidecar_path,
            file: None,
            unsynced: false,
            syncer: None,
            sync_file: Arc::new(File::sync_data),
        }
    }

    /// From now on [`JournalWriter::sync_soon`] hands the sync to a thread of its own;
    /// `failed` is called on that thread when a sync fails, and the next call reports it.
    pub fn sync_on_a_thread(&mut self, failed: Box<dyn Fn() + Send>) -> io::Result<()> {
        if self.syncer.is_none() {
            self.syncer = Some(Syncer::start(Arc::clone(&self.sync_file), failed)?);
        }
        Ok(())
    }

    /// Syncs the file with `sync_file` from now on, here and on a syncing thread started
    /// after this (a test's stand-in for the disk).
    #[cfg(test)]
    pub(crate) fn sync_with(&mut self, sync_file: SyncFile) {
        self.sync_file = sync_file;
    }

    /// Continues the journal already at the writer's path (replayed but not yet saved).
    pub fn resume(&mut self) -> io::Result<()> {
        self.file = Some(OpenOptions::new().append(true).open(&self.path)?);
        Ok(())
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one step, creating the journal first if needed; [`JournalWriter::sync`]
    /// makes it durable.
    pub fn append(&mut self, edits: &[Edit]) -> io::Result<()> {
        self.append_step(&Step {
            edits: edits.to_vec(),
            schema: None,
        })
    }

    /// Appends what an import added to the sidecar's schema, as a step of its own
    /// ([`JournalWriter::sync`] makes it durable).
    pub fn append_schema(&mut self, added: &SchemaExtension) -> io::Result<()> {
        self.append_step(&Step {
            edits: Vec::new(),
            schema: Some(added.to_json()),
        })
    }

    fn append_step(&mut self, step: &Step) -> io::Result<()> {
        let file = match self.file.as_mut() {
            Some(file) => file,
            None => self.file.insert(self.create()?),
        };
        let mut line = serde_json::to_string(step).map_err(io::Error::other)?;
        line.push('\n');
        file.write_all(line.as_bytes())?;
        file.flush()?;
        self.unsynced = true;
        Ok(())
    }

    /// Syncs the steps appended so far to disk and waits for it (nothing to do when none
    /// was appended since the last sync); with a syncing thread, also the ones handed to
    /// it, and reports a sync of its that failed.
    pub fn sync(&mut self) -> io::Result<()> {
        if let Some(e) = self.syncer.as_ref().and_then(Syncer::take_failure) {
            return Err(e);
        }
        match self.file.as_ref() {
            Some(file) if self.unsynced || self.syncer.is_some() => {
                (self.sync_file)(file)?;
                self.unsynced = false;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Has the steps appended since the last sync synced to disk without waiting for
    /// it: on the syncing thread when there is one, else at once, as
    /// [`JournalWriter::sync`]. Reports a sync on the thread that failed since the last
    /// call.
    pub fn sync_soon(&mut self) -> io::Result<()> {
        let Some(syncer) = self.syncer.as_ref() else {
            return self.sync();
        };
        if let Some(e) = syncer.take_failure() {
            return Err(e);
        }
        match self.file.as_ref() {
            Some(file) if self.unsynced => {
                if let Err(handle) = syncer.hand(file.try_clone()?) {
                    (self.sync_file)(&handle)?;
                }
                self.unsynced = false;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Removes the journal: the sidecar now holds every step.
    pub fn clear(&mut self) -> io::Result<()> {
        self.file = None;
        self.unsynced = false;
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Starts the journal afresh on the sidecar as it is now, holding `steps` and what
    /// imports added to the sidecar's `schema` that it lacks (the
    /// changes the sidecar does not hold yet: a session's unsaved edits re-applied on a
    /// sidecar another program replaced, or the steps made while a background save
    /// wrote the sidecar). The old journal is replaced atomically: if this fails, it is
    /// still whole.
    pub fn restart(&mut self, steps: &[Vec<Edit>], schema: &SchemaExtension) -> io::Result<()> {
        self.file = None;
        // Written whole and synced by the atomic write.
        self.unsynced = false;
        write_atomic(&self.path, self.text(steps, schema)?.as_bytes(), false)?;
        self.resume()
    }

    /// Writes `steps` as a journal of their own, against the sidecar as it is now, at a
    /// free name beside the journal ([`aside_path`]); the path written.
    pub fn set_aside(&self, steps: &[Vec<Edit>]) -> io::Result<PathBuf> {
        let text = self.text(steps, &SchemaExtension::default())?;
        let path = aside_path(&self.path);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        Ok(path)
    }

    /// A whole journal: the header on the sidecar as it is now, then `steps`.
    fn text(&self, steps: &[Vec<Edit>], schema: &SchemaExtension) -> io::Result<String> {
        let mut text = self.header_line()?;
        let steps = steps.iter().map(|edits| Step {
            edits: edits.clone(),
            schema: None,
        });
        let schema = (!schema.is_empty()).then(|| Step {
            edits: Vec::new(),
            schema: Some(schema.to_json()),
        });
        for step in steps.chain(schema) {
            text.push_str(&serde_json::to_string(&step).map_err(io::Error::other)?);
            text.push('\n');
        }
        Ok(text)
    }

    fn header_line(&self) -> io::Result<String> {
        let header = Header {
            format: FORMAT.to_string(),
            sha256: self.sha256.get().to_string(),
            sidecar: SidecarStamp::of(&self.sidecar_path)?,
            started: clock::now(),
        };
        let mut line = serde_json::to_string(&header).map_err(io::Error::other)?;
        line.push('\n');
        Ok(line)
    }

    fn create(&self) -> io::Result<File> {
        let line = self.header_line()?;
        // A new journal replaces whatever is at its path; a link there is removed, never
        // followed, so a file it points at is not truncated.
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&self.path)?;
        file.write_all(line.as_bytes())?;
        file.sync_data()?;
        // Make the new file's name durable too.
        if let Some(folder) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Ok(dir) = File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_in_the_file_when_appended_and_synced_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.scholia.json");
        let path = dir.path().join("a.txt.scholia.journal");
        let mut writer = JournalWriter::new(path.clone(), "0".repeat(64).as_str(), sidecar);
        writer.sync().unwrap();
        assert!(
            !path.exists(),
            "a sync with nothing appended made a journal"
        );
        writer.append(&[]).unwrap();
        assert!(writer.unsynced);
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 2);
        writer.sync().unwrap();
        assert!(!writer.unsynced);
        writer.append(&[]).unwrap();
        writer.clear().unwrap();
        assert!(!writer.unsynced, "a cleared journal has nothing to sync");
    }

    #[test]
    fn a_sync_on_the_thread_does_not_wait_for_the_disk_and_a_save_does() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::mpsc;
        use std::sync::Mutex;
        use std::time::Duration;

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.journal");
        let mut writer = JournalWriter::new(path.clone(), "abc", dir.path().join("s"));
        // The disk answers only when the test says so (or after 10 s, so that a sync
        // that waited shows up as a failed assertion, not a hang).
        let (answer, disk) = mpsc::channel::<()>();
        let disk = Mutex::new(disk);
        let synced = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&synced);
        // Both the thread and a save sync this way: a `sync_soon` that synced on the
        // calling thread would wait here.
        writer.sync_file = Arc::new(move |file: &File| {
            let _ = disk.lock().unwrap().recv_timeout(Duration::from_secs(10));
            counted.fetch_add(1, Ordering::SeqCst);
            file.sync_data()
        });
        writer.sync_on_a_thread(Box::new(|| {})).unwrap();
        writer.append(&[]).unwrap();
        writer.sync_soon().unwrap();
        assert_eq!(
            synced.load(Ordering::SeqCst),
            0,
            "sync_soon waited for the disk"
        );
        assert!(!writer.unsynced);
        // One answer for the thread's sync, one for the save's.
        answer.send(()).unwrap();
        answer.send(()).unwrap();
        // A save's sync waits, whatever the thread is doing.
        writer.append(&[]).unwrap();
        writer.sync().unwrap();
        assert!(!writer.unsynced);
        assert!(synced.load(Ordering::SeqCst) >= 1, "the save did not sync");
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 3);
    }

    #[test]
    fn a_sync_that_failed_on_the_thread_is_reported_and_wakes() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::mpsc;
        use std::time::Duration;

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.journal");
        let mut writer = JournalWriter::new(path, "abc", dir.path().join("s"));
        let (woke, wakes) = mpsc::channel();
        let failed_once = Arc::new(AtomicBool::new(false));
        let failing = Arc::clone(&failed_once);
        writer.sync_file = Arc::new(move |_: &File| {
            failing.store(true, Ordering::SeqCst);
            Err(io::Error::other("the disk is gone"))
        });
        writer
            .sync_on_a_thread(Box::new(move || {
                let _ = woke.send(());
            }))
            .unwrap();
        writer.append(&[]).unwrap();
        writer.sync_soon().unwrap();
        wakes.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(failed_once.load(Ordering::SeqCst));
        let reported = writer.sync_soon().unwrap_err();
        assert_eq!(reported.to_string(), "the disk is gone");
        // Reported once; nothing new to sync now.
        writer.sync_soon().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_journals_path_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious.txt");
        fs::write(&target, "keep me").unwrap();
        let path = dir.path().join("a.txt.scholia.journal");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let mut writer =
            JournalWriter::new(path.clone(), "abc", dir.path().join("a.txt.scholia.json"));
        writer.append(&[]).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        assert!(!fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink());
    }
    use crate::domain::model::{Annotation, Kind, Relation, Span};

    fn ann(id: &str, start: usize) -> Annotation {
        Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + 3)],
        )
    }

    fn snapshot(store: &Store) -> (Vec<Annotation>, Vec<Relation>) {
        (
            store.annotations().into_iter().cloned().collect(),
            store.relations().into_iter().cloned().collect(),
        )
    }

    /// A session's worth of edits written by a writer, and the store they produced.
    fn written(dir: &Path, sidecar: &Path) -> (PathBuf, Store) {
        let path = dir.join("a.txt.scholia.journal");
        let mut writer = JournalWriter::new(path.clone(), "abc", sidecar.to_path_buf());
        let mut store = Store::from_parts(vec![ann("a1", 0)], vec![], vec![]);
        store.record_applied();
        store.insert_annotation(ann("a2", 5));
        writer.append(&store.take_applied()).unwrap();
        store.put_relation(Relation::new("r1", "supports", "a1", "a2"));
        writer.append(&store.take_applied()).unwrap();
        store.undo();
        writer.append(&store.take_applied()).unwrap();
        store.remove_annotation("a1");
        writer.append(&store.take_applied()).unwrap();
        (path, store)
    }

    /// An article the spans of [`ann`] fit on.
    fn doc() -> Document {
        Document::from_text(Path::new("a.txt"), "Ana and Bob, then Zoë.".to_string())
    }

    #[test]
    fn replaying_a_journal_rebuilds_the_store_as_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.scholia.json");
        let (path, expected) = written(dir.path(), &sidecar);
        let found = inspect(&path, "abc", None).unwrap().unwrap();
        assert_eq!(found.steps.len(), 4);
        let mut store = Store::from_parts(vec![ann("a1", 0)], vec![], vec![]);
        let start = snapshot(&store);
        assert_eq!(replay(&mut store, &doc(), &found).unwrap(), 4);
        assert_eq!(snapshot(&store), snapshot(&expected));
        assert!(store.undo().is_some());
        assert_eq!(snapshot(&store), start, "one undo step");
    }

    #[test]
    fn a_torn_last_line_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.scholia.json");
        let (path, _) = written(dir.path(), &sidecar);
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("{\"edits\":[{\"item\":\"annot");
        fs::write(&path, text).unwrap();
        assert_eq!(inspect(&path, "abc", None).unwrap().unwrap().steps.len(), 4);
    }

    #[test]
    fn a_journal_for_another_article_or_sidecar_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.scholia.json");
        let (path, _) = written(dir.path(), &sidecar);
        let err = inspect(&path, "other", None).unwrap_err().to_string();
        assert!(err.contains("another version of the article"), "{err}");
        fs::write(&sidecar, "{}").unwrap();
        let stamp = SidecarStamp::of(&sidecar).unwrap();
        let err = inspect(&path, "abc", stamp.as_ref())
            .unwrap_err()
            .to_string();
        assert!(err.contains("another version of the sidecar"), "{err}");
    }

    #[test]
    fn edits_that_do_not_fit_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.scholia.json");
        let (path, _) = written(dir.path(), &sidecar);
        let found = inspect(&path, "abc", None).unwrap().unwrap();
        // a2 is there already: the first step, which adds it, does not fit.
        let mut store = Store::from_parts(vec![ann("a1", 0), ann("a2", 5)], vec![], vec![]);
        let before = snapshot(&store);
        let err = replay(&mut store, &doc(), &found).unwrap_err().to_string();
        assert!(err.contains("step 1"), "{err}");
        assert_eq!(snapshot(&store), before);
        assert!(!store.can_undo());
    }

    #[test]
    fn a_step_with_a_bad_span_is_refused_and_changes_nothing() {
        // "Zoë" is at bytes 18–22; the "ë" takes bytes 20 and 21.
        let cases = [
            (
                Span::new(12, 30),
                "runs past the end of the article (23 bytes)",
            ),
            (Span::new(8, 4), "ends before it starts"),
            (Span::new(8, 8), "is empty"),
            (Span::new(18, 21), "inside a character"),
        ];
        for (bad, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("j");
            let sidecar = dir.path().join("a.txt.scholia.json");
            let mut writer = JournalWriter::new(path.clone(), "abc", sidecar);
            let mut store = Store::from_parts(vec![ann("a1", 0)], vec![], vec![]);
            store.record_applied();
            store.insert_annotation(ann("a2", 8));
            writer.append(&store.take_applied()).unwrap();
            let mut hand_edited = ann("a3", 0);
            hand_edited.spans = vec![bad];
            store.insert_annotation(hand_edited);
            writer.append(&store.take_applied()).unwrap();

            let found = inspect(&path, "abc", None).unwrap().unwrap();
            let mut store = Store::from_parts(vec![ann("a1", 0)], vec![], vec![]);
            let before = snapshot(&store);
            let err = replay(&mut store, &doc(), &found).unwrap_err().to_string();
            assert!(err.contains("step 2"), "{err}");
            assert!(err.contains("annotation a3"), "{err}");
            assert!(err.contains(expected), "{bad:?}: {err}");
            assert_eq!(snapshot(&store), before, "{bad:?}");
            assert!(!store.can_undo());
        }
    }

    #[test]
    fn an_annotation_left_without_spans_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let mut writer = JournalWriter::new(path.clone(), "abc", dir.path().join("s"));
        let mut store = Store::new();
        store.record_applied();
        let mut hand_edited = ann("a1", 0);
        hand_edited.spans.clear();
        store.insert_annotation(hand_edited);
        writer.append(&store.take_applied()).unwrap();
        let found = inspect(&path, "abc", None).unwrap().unwrap();
        let mut store = Store::new();
        let err = replay(&mut store, &doc(), &found).unwrap_err().to_string();
        assert!(err.contains("has no span"), "{err}");
        assert_eq!(store.annotation_count(), 0);
    }

    #[test]
    fn clearing_removes_the_file_and_a_malformed_line_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let sidecar = dir.path().join("a.txt.scholia.json");
        let path = dir.path().join("j");
        let mut writer = JournalWriter::new(path.clone(), "abc", sidecar);
        writer.append(&[]).unwrap();
        assert!(path.exists());
        writer.clear().unwrap();
        assert!(!path.exists());
        writer.clear().unwrap();
        writer.append(&[]).unwrap();
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("not json\n");
        fs::write(&path, text).unwrap();
        let err = inspect(&path, "abc", None).unwrap_err().to_string();
        assert!(err.contains(":3:"), "{err}");
    }
}
