//! A workbench session on one article, without a terminal: opens the article, its
//! config and its sidecar, takes the article's lock, offers the recovery journal of an
//! earlier session, applies actions through `update` and carries out the effects
//! (journal, then save) in the order `update` asks for them. The terminal loop and the
//! tests both drive a `Session`.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::domain::atomic::link_refusal;
use crate::domain::config::annotator::annotator_name;
use crate::domain::config::{Config, ConfigSources, MAX_CONFIG_BYTES};
use crate::domain::disk_stamp::DiskStamp;
use crate::domain::document::Document;
use crate::domain::document_pieces::{open_first_piece, Opened};
use crate::domain::edit::Edit;
use crate::domain::error::DocumentError;
use crate::domain::journal::{self, Found, JournalWriter, SidecarStamp};
use crate::domain::lock::Lock;
use crate::domain::place::{Place, Places};
use crate::domain::registry::mentions::MentionCounts;
use crate::domain::registry::usage::Usage;
use crate::domain::regular_file::read_regular_text;
use crate::domain::schema::{LabelKind, SchemaExtension};
use crate::domain::sidecar::{self, Kept};
use crate::domain::store::Store;
use crate::domain::validate::check_sidecar;
use crate::formats::export::beside::write_beside;
use crate::formats::export::{export_to, ExportOptions};

use super::action::{Action, Effect};
use super::article_reports::{export_report, validation_report};
use super::keymap::Keymap;
use super::session_error::{steps_text, JournalHolds, OpenError, Unsaved};
use super::sidecar_writer::BackgroundWriter;
use super::state::{App, SaveState, Setup, Tab};
use super::update::update;

mod loading;
mod registry_io;
mod saving;

use loading::Opening;

/// How to open a session.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Never write the sidecar.
    pub read_only: bool,
    /// Largest article to open, in bytes.
    pub max_size: u64,
    /// Write through a symlinked sidecar.
    pub follow_symlinks: bool,
    /// Where the configuration comes from (`None`: discover it).
    pub config: Option<ConfigSources>,
    /// What to do with unsaved changes an earlier session left in the journal.
    pub journal: JournalChoice,
    /// Where the cursor and the panel tab are remembered between sessions (`None`: they
    /// are not; the workbench uses the user's state folder).
    pub places: Option<Places>,
}

/// What to do with a recovery journal found on opening.
#[derive(Debug, Clone, Copy, Default)]
pub enum JournalChoice {
    /// Leave it alone and open read-only, saying how to decide.
    #[default]
    Keep,
    /// Apply its changes (as one undoable step) and save.
    Replay,
    /// Delete it.
    Discard,
    /// Ask: replay when the function says yes, else discard.
    Ask(fn(&Found) -> bool),
}

/// `why` with the article's folder left out of the paths it names: the sidecar, the
/// journal and the lock live beside the article, and their names alone are what fits
/// on the banner.
fn name_files_beside(why: &str, article: &Path) -> String {
    match article.parent().map(Path::display) {
        Some(folder) if !folder.to_string().is_empty() => {
            why.replace(&format!("{folder}{}", std::path::MAIN_SEPARATOR), "")
        }
        _ => why.to_string(),
    }
}

/// One change the sidecar does not hold yet: its edits, and the store revision after it.
#[derive(Debug, Clone)]
struct UnsavedStep {
    revision: u64,
    edits: Vec<Edit>,
}

/// A running session.
#[derive(Debug)]
pub struct Session {
    /// The background writer, when saves happen off the key path (declared first so
    /// that it finishes its last write before the lock is released).
    writer: Option<BackgroundWriter>,
    /// A save was asked for and the background writer has not been given it yet.
    save_wanted: bool,
    /// How long the session waits after a change before the background writer rewrites
    /// the sidecar (the journal holds the change meanwhile).
    autosave_delay: Duration,
    /// When the last change was journaled.
    last_change: Option<Instant>,
    /// The workbench state (read through [`Session::app`]; changed only by
    /// [`Session::dispatch`]).
    app: App,
    /// The configuration in force.
    pub config: Config,
    follow_symlinks: bool,
    /// The article's lock, held while the session can write (released on drop).
    lock: Option<Lock>,
    /// The recovery journal (none when read-only).
    journal: Option<JournalWriter>,
    /// Called on the journal's syncing thread when a sync fails, until that thread is
    /// started with the journal ([`Session::sync_journal_on_a_thread`]).
    journal_sync_failed: Option<saving::Callback>,
    /// The sidecar as this session last read or wrote it (`None`: not known, so the
    /// first save writes without comparing).
    disk: Option<DiskStamp>,
    /// The changes applied since the sidecar was last written, in order: they are
    /// re-applied if another program replaces the sidecar, and kept in the journal
    /// until a save holds them.
    unsaved_steps: Vec<UnsavedStep>,
    /// What this session's imports added to the sidecar's schema that no sidecar
    /// written holds yet (kept in the journal, and added again to a sidecar another
    /// program replaced).
    unsaved_schema: SchemaExtension,
    /// Where the session remembers the cursor and tab on finishing, if anywhere.
    places: Option<Places>,
    /// Which sidecars of the corpus point at which registry entry, read once, when a
    /// registry grade first needs it.
    registry_usage: Option<Usage>,
    /// The count of the registry's mentions across the corpus, while a background
    /// thread does it (see `Session::collect_registry_mentions`).
    registry_scan: Option<Receiver<MentionCounts>>,
    /// The annotations are still being read (see `session::loading`).
    opening: Option<Opening>,
    /// Why the article turned out unreadable past its first piece, which ended the
    /// session (see [`Session::take_article_error`]).
    article_error: Option<DocumentError>,
}

impl Session {
    /// Opens `article`. A sidecar that cannot be read, or an article another session
    /// holds, opens the session read-only with the reason on screen; a bad article or
    /// config is an [`OpenError`].
    pub fn open(article: &Path, options: &OpenOptions) -> Result<Session, OpenError> {
        Session::open_with_sidecar(article, &sidecar::path_for(article), options)
    }

    /// Opens `article` with its annotations read from and saved to `sidecar_path`
    /// instead of the sidecar beside it (an adjudication's output), under the same
    /// rules: the article's lock and journal, atomic writes.
    pub fn open_with_sidecar(
        article: &Path,
        sidecar_path: &Path,
        options: &OpenOptions,
    ) -> Result<Session, OpenError> {
        let mut session = Session::begin(article, sidecar_path, options, false)?;
        session.wait_loaded();
        Ok(session)
    }

    /// Opens `article` as [`Session::open`] does, except that its annotations are not
    /// read yet, nor more of a large article than its first screen needs: the first
    /// screen can show the article while [`Session::load_in_background`] reads the rest
    /// of it and reads and places the annotations (keys wait for them meanwhile, see
    /// [`Session::loading`]). An article that turns out not to be UTF-8 text past its
    /// first piece ends the session (see [`Session::take_article_error`]). When an
    /// earlier session left a journal everything is read at once, so that the journal
    /// is dealt with (and the analyst asked about it) before the terminal is taken.
    pub fn open_first_screen_first(
        article: &Path,
        options: &OpenOptions,
    ) -> Result<Session, OpenError> {
        let mut session = Session::begin(article, &sidecar::path_for(article), options, true)?;
        if std::fs::symlink_metadata(journal::path_for(article)).is_ok() {
            session.wait_loaded();
        }
        Ok(session)
    }

    /// Opens `article` up to reading its annotations: the article (only its first piece
    /// when `in_pieces`), the config, the registry, the cursor where the last session
    /// left it. The lock and the journal's writer come with the annotations.
    fn begin(
        article: &Path,
        sidecar_path: &Path,
        options: &OpenOptions,
        in_pieces: bool,
    ) -> Result<Session, OpenError> {
        let sidecar_path = sidecar_path.to_path_buf();
        // The place first: the first piece of the article reaches it.
        let place = options.places.as_ref().and_then(|p| p.recall(article));
        let (doc, rest) = if in_pieces {
            let reach = place.as_ref().map_or(0, |p| p.cursor);
            match open_first_piece(article, options.max_size, reach)? {
                Opened::Whole(doc) => (doc, None),
                Opened::Begun { first, rest } => (first, Some(rest)),
            }
        } else {
            (Document::load_hash_later(article, options.max_size)?, None)
        };
        let doc = Arc::new(doc);
        let sources = match &options.config {
            Some(s) => s.clone(),
            None => ConfigSources::discover(article),
        };
        let config = Config::load(&sources)?;
        let keymap = keymap_for(&config)?;
        let annotator = annotator_name(config.annotator.as_deref());
        let read_only = options
            .read_only
            .then(|| "opened with --read-only".to_string())
            .or_else(|| link_refusal(&sidecar_path, options.follow_symlinks));
        // The lock is taken with the annotations, after the first frame.
        let lock_for = read_only.is_none().then(|| annotator.clone());
        let mut notices = Vec::new();
        let (registry, registry_notice) = registry_io::load(article);
        notices.extend(registry_notice);
        // The labels the article's imports added join these once its sidecar is read
        // (`Action::AnnotationsLoaded`).
        let schema = config.schema.clone();
        let app = App::new(Setup {
            doc,
            store: Store::new(),
            loading: true,
            kept: Kept::default(),
            sidecar_path,
            read_only,
            schema,
            keymap,
            annotator,
            registry,
        });
        let mut session = Session {
            writer: None,
            save_wanted: false,
            autosave_delay: Duration::ZERO,
            last_change: None,
            app,
            config,
            follow_symlinks: options.follow_symlinks,
            lock: None,
            journal: None,
            journal_sync_failed: None,
            disk: None,
            unsaved_steps: Vec::new(),
            unsaved_schema: SchemaExtension::default(),
            places: options.places.clone(),
            registry_usage: None,
            registry_scan: None,
            opening: Some(Opening::new(article, lock_for, notices, options, rest)),
            article_error: None,
        };
        let tab_recalled = place.is_some_and(|place| session.return_to_place(&place));
        if let Some(opening) = session.opening.as_mut() {
            opening.tab_recalled = tab_recalled;
        }
        Ok(session)
    }

    /// Deals with the journal an earlier session left: replays it, discards it, sets it
    /// aside when it does not fit, or keeps it and makes the session read-only. What
    /// happened, for the status line.
    fn recover(&mut self, choice: JournalChoice) -> Option<String> {
        let writer = self.journal.as_mut()?;
        let path = writer.path().to_path_buf();
        let stamp = match SidecarStamp::of(&self.app.sidecar_path) {
            Ok(stamp) => stamp,
            Err(e) => {
                let why = format!("{}: {e}", self.app.sidecar_path.display());
                update(&mut self.app, Action::ReadOnly(why.clone()));
                return Some(format!("read-only: {why}"));
            }
        };
        let found = match journal::inspect(&path, self.app.doc.hash().clone(), stamp.as_ref()) {
            Ok(Some(found)) => found,
            Ok(None) => return None,
            Err(e) => return Some(self.set_aside(&path, &e.to_string())),
        };
        let changes = found.steps.len() + usize::from(!found.schema.is_empty());
        if changes == 0 {
            let _ = writer.clear();
            return None;
        }
        let replay = match choice {
            JournalChoice::Keep => {
                let why = format!(
                    "{} holds unsaved changes of an earlier session; open with --replay-journal or --discard-journal",
                    path.display()
                );
                update(&mut self.app, Action::ReadOnly(why.clone()));
                return Some(format!("read-only: {why}"));
            }
            JournalChoice::Replay => true,
            JournalChoice::Discard => false,
            JournalChoice::Ask(ask) => ask(&found),
        };
        if !replay {
            let _ = writer.clear();
            return Some(format!(
                "discarded {} of an earlier session",
                steps_text(changes)
            ));
        }
        if let Err(e) = journal::replay(&mut self.app.store, &self.app.doc, &found) {
            return Some(self.set_aside(&path, &e.to_string()));
        }
        if !found.schema.is_empty() {
            // The save it asks for is the one below.
            let _ = update(&mut self.app, Action::SchemaRecovered(found.schema.clone()));
            self.unsaved_schema = found.schema.clone();
        }
        let steps = changes;
        // The journal stays until the sidecar holds its steps; later steps append to it.
        let resumed = writer.resume();
        let revision = self.app.store.revision();
        self.unsaved_steps = found
            .steps
            .iter()
            .map(|edits| UnsavedStep {
                revision,
                edits: edits.clone(),
            })
            .collect();
        let saved_ok = self.save();
        match (saved_ok, resumed) {
            (true, _) => Some(format!(
                "replayed {} of an earlier session",
                steps_text(steps)
            )),
            (false, Ok(())) => Some(format!(
                "replayed {} of an earlier session, but could not save them yet",
                steps_text(steps)
            )),
            (false, Err(e)) => {
                let why = format!("{}: {e}", path.display());
                update(&mut self.app, Action::ReadOnly(why.clone()));
                Some(format!("read-only: {why}"))
            }
        }
    }

    /// Moves a journal that cannot be replayed to `<journal>.old` (or the next free
    /// name), never deleting it.
    fn set_aside(&mut self, path: &Path, why: &str) -> String {
        let old = journal::aside_path(path);
        match std::fs::rename(path, &old) {
            Ok(()) => format!("{why}; it was moved to {}", old.display()),
            Err(e) => {
                let why = format!("{why}, and it could not be moved aside ({e})");
                update(&mut self.app, Action::ReadOnly(why.clone()));
                format!("read-only: {why}")
            }
        }
    }

    /// Wraps an already built state (tests, imports).
    pub fn from_app(app: App) -> Session {
        Session {
            writer: None,
            save_wanted: false,
            autosave_delay: Duration::ZERO,
            last_change: None,
            app,
            config: Config::default(),
            follow_symlinks: false,
            lock: None,
            journal: None,
            journal_sync_failed: None,
            disk: None,
            unsaved_steps: Vec::new(),
            unsaved_schema: SchemaExtension::default(),
            places: None,
            registry_usage: None,
            registry_scan: None,
            opening: None,
            article_error: None,
        }
    }

    /// Puts the cursor and the panel tab back at `place`, where an earlier session on
    /// the article left them; a cursor past the end of a shortened article goes to its
    /// end. Whether a tab was put back.
    fn return_to_place(&mut self, place: &Place) -> bool {
        let doc = &self.app.doc;
        let cursor = doc
            .char_to_byte(place.cursor.min(doc.char_len()))
            .unwrap_or(doc.byte_len());
        self.dispatch(Action::GoTo(cursor));
        let tab = Tab::from_title(&place.tab);
        if let Some(tab) = tab {
            self.dispatch(Action::ShowTab(tab));
        }
        tab.is_some()
    }

    /// Remembers the cursor and the panel tab for the next session on this article.
    /// Failing to is not worth stopping for: the place is a convenience.
    fn remember_place(&self) {
        let Some(places) = &self.places else { return };
        let doc = &self.app.doc;
        let cursor = doc.byte_to_char(self.app.cursor()).unwrap_or(0);
        let _ = places.remember(doc.path(), cursor, self.app.panel.tab.title());
    }

    /// The workbench state, to read: it changes only through [`Session::dispatch`].
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Applies an action and carries out its effects. Returns false once the session
    /// has ended.
    pub fn dispatch(&mut self, action: Action) -> bool {
        let Some(action) = self.queue_while_loading(action) else {
            return true;
        };
        let effects = update(&mut self.app, action);
        self.carry_out(effects);
        !self.app.quit
    }

    /// Saves now and reports how it went through `update`, like a save the analyst
    /// asked for; a read-only session does nothing. With a background writer, waits
    /// for it. Whether the sidecar now holds every change (false when read-only).
    pub fn save(&mut self) -> bool {
        self.wait_loaded();
        if self.app.read_only.is_some() {
            return false;
        }
        self.journal_changes();
        self.sync_journal(saving::Wait::Yes);
        if self.writer.is_some() {
            self.save_wanted = true;
            self.settle(None);
        } else {
            let effects = self.save_and_report();
            self.carry_out(effects);
        }
        !self.unsaved()
    }

    /// Journals the changes, then carries out `effects` first to last; the effects a
    /// save's report asks for join the end of the queue. With a background writer a
    /// save only waits for the session to be idle.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        self.journal_changes();
        let background = self.writer.is_some();
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Save | Effect::Quit if background => {
                    self.save_wanted |= self.unsaved();
                }
                Effect::Save => queue.extend(self.save_and_report()),
                Effect::Quit if self.unsaved() => queue.extend(self.save_and_report()),
                Effect::Quit => {}
                Effect::Validate => {
                    let problems = check_sidecar(&self.app.doc, &self.app.sidecar_path);
                    let (text, error) = validation_report(&problems, self.unsaved());
                    queue.extend(update(&mut self.app, Action::Notice { text, error }));
                }
                Effect::Export(format) => {
                    let app = &self.app;
                    let options = ExportOptions::default();
                    let (exported, written) = write_beside(app.doc.path(), true, |sink| {
                        export_to(format, &app.doc, &app.store, &app.schema, &options, sink)
                    });
                    let (text, error) = export_report(format, &exported, written);
                    queue.extend(update(&mut self.app, Action::Notice { text, error }));
                }
                Effect::CountRegistryUse { entry, grade } => self.count_registry_use(entry, grade),
                Effect::GradeRegistry { entry, grade } => self.grade_registry(entry, grade),
                Effect::CountRegistryMentions => self.count_registry_mentions(),
                Effect::EditRegistry(edit) => self.edit_registry(edit),
            }
        }
    }

    /// Whether the store holds changes the sidecar does not (and could).
    pub fn unsaved(&self) -> bool {
        self.app.read_only.is_none() && self.app.store.revision() != self.app.saved_revision
    }

    /// Ends the session: saves what is unsaved. When changes stay unsaved, the error
    /// says why, and names the recovery journal only when it took every one of them.
    pub fn finish(&mut self) -> Result<(), Unsaved> {
        // Keys that waited for the annotations are edits the analyst made: applied
        // (and saved) before the end.
        self.wait_loaded();
        if self.article_error.is_some() {
            // Nothing was read of the annotations nor changed, and there is no place in
            // an article that cannot be opened.
            return Ok(());
        }
        self.remember_place();
        if self.unsaved() {
            self.save();
        }
        if !self.unsaved() {
            return Ok(());
        }
        let why = match &self.app.save_state {
            SaveState::Failed(why) => why.clone(),
            _ => "the last changes were not written".to_string(),
        };
        let journal = match (self.journal_path(), &self.app.journal_failed) {
            (Some(path), None) => JournalHolds::Everything(path.to_path_buf()),
            (Some(_), Some(failed)) => JournalHolds::Failed(failed.clone()),
            (None, _) => JournalHolds::Nothing,
        };
        Err(Unsaved { why, journal })
    }

    /// Lets the session go when the process exits next (after [`Session::finish`]):
    /// the background writer's thread is joined, the journal closed and the article's
    /// lock released, and the article and its annotations are left to the exit, which
    /// returns their memory at once (freeing 50k annotations one by one took tens of
    /// milliseconds after the terminal was handed back).
    pub fn end(mut self) {
        drop(self.writer.take());
        drop(self.opening.take());
        drop(self.journal.take());
        drop(self.lock.take());
        std::mem::forget(self);
    }

    /// The recovery journal's path, when the session keeps one.
    pub fn journal_path(&self) -> Option<&Path> {
        self.journal.as_ref().map(|j| j.path())
    }

    /// The article's lock file, while the session holds it.
    pub fn lock_path(&self) -> Option<&Path> {
        self.lock.as_ref().map(|l| l.path())
    }

    /// Writes the store's new edits to the journal, before any save.
    fn journal_changes(&mut self) {
        let edits = self.app.store.take_applied();
        let schema = std::mem::take(&mut self.app.schema_to_journal);
        if edits.is_empty() && schema.is_empty() {
            return;
        }
        self.last_change = Some(Instant::now());
        if !edits.is_empty() {
            self.unsaved_steps.push(UnsavedStep {
                revision: self.app.store.revision(),
                edits: edits.clone(),
            });
        }
        self.unsaved_schema.merge(&schema);
        let Some(journal) = self.journal.as_mut() else {
            return;
        };
        let mut written = Ok(());
        if !edits.is_empty() {
            written = journal.append(&edits);
        }
        if written.is_ok() && !schema.is_empty() {
            written = journal.append_schema(&schema);
        }
        if let Err(e) = written {
            let why = format!("{}: {e}", journal.path().display());
            update(&mut self.app, Action::JournalFailed(why));
        }
    }
}

/// The keymap: defaults, entity types on their schema keys, then the config's `[keys]`.
pub fn keymap_for(config: &Config) -> Result<Keymap, OpenError> {
    let entity_keys: Vec<(char, String)> = config
        .schema
        .labels(LabelKind::Entity)
        .iter()
        .filter_map(|l| l.key.map(|k| (k, l.name.clone())))
        .collect();
    let mut keymap = Keymap::defaults(&entity_keys);
    keymap.apply_config(&config.keys).map_err(|e| {
        let place = config
            .sources
            .iter()
            .rev()
            .find_map(|path| {
                let text = read_regular_text(path, MAX_CONFIG_BYTES).ok()?;
                let line = text.lines().position(|l| l.contains(&e.key))?;
                Some(format!("{}:{}: ", path.display(), line + 1))
            })
            .unwrap_or_default();
        OpenError::Keys { place, source: e }
    })?;
    Ok(keymap)
}
