//! A workbench session on one article, without a terminal: opens the article, its
//! config and its sidecar, takes the article's lock, offers the recovery journal of an
//! earlier session, applies actions through `update` and carries out the effects
//! (journal, then save). The terminal loop and the tests both drive a `Session`.

use std::path::{Path, PathBuf};

use crate::commands::failure::Failure;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::document::Document;
use crate::domain::error::exit;
use crate::domain::journal::{self, Found, JournalWriter, SidecarStamp};
use crate::domain::lock::{self, Acquired, Lock};
use crate::domain::schema::LabelKind;
use crate::domain::sidecar::{self, Kept};
use crate::domain::store::Store;

use super::action::{Action, Effect};
use super::keymap::Keymap;
use super::state::{App, Message, Setup};
use super::update::update;

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

/// A running session.
#[derive(Debug)]
pub struct Session {
    /// The workbench state.
    pub app: App,
    /// The configuration in force.
    pub config: Config,
    follow_symlinks: bool,
    /// The article's lock, held while the session can write (released on drop).
    lock: Option<Lock>,
    /// The recovery journal (none when read-only).
    journal: Option<JournalWriter>,
}

impl Session {
    /// Opens `article`. A sidecar that cannot be read, or an article another session
    /// holds, opens the session read-only with the reason on screen; a bad article or
    /// config is a [`Failure`].
    pub fn open(article: &Path, options: &OpenOptions) -> Result<Session, Failure> {
        let doc = Document::load(article, options.max_size)?;
        let sources = match &options.config {
            Some(s) => s.clone(),
            None => ConfigSources::discover(article),
        };
        let config = Config::load(&sources).map_err(|e| Failure {
            code: exit::CONFIG,
            message: e.to_string(),
        })?;
        let keymap = keymap_for(&config)?;
        let sidecar_path = sidecar::path_for(article);
        let mut read_only = options
            .read_only
            .then(|| "opened with --read-only".to_string());
        let mut notices = Vec::new();
        let mut held = None;
        if read_only.is_none() {
            match lock::acquire(article) {
                Ok(Acquired::Held(lock)) => held = Some(lock),
                Ok(Acquired::TookOver { lock, stale }) => {
                    notices.push(format!(
                        "took over the lock of a session that is gone: {stale}"
                    ));
                    held = Some(lock);
                }
                Ok(Acquired::Busy(why)) => read_only = Some(why),
                Err(e) => read_only = Some(e.to_string()),
            }
        }
        let (store, kept) = match sidecar::load(&doc, &sidecar_path) {
            Ok(Some(loaded)) => {
                notices.extend(loaded.report.summary());
                (loaded.store, loaded.kept)
            }
            Ok(None) => (Store::new(), Kept::default()),
            Err(e) => {
                read_only = Some(e.to_string());
                (Store::new(), Kept::default())
            }
        };
        let journal = JournalWriter::new(
            journal::path_for(article),
            doc.sha256(),
            sidecar_path.clone(),
        );
        let app = App::new(Setup {
            doc,
            store,
            kept,
            sidecar_path,
            read_only,
            schema: config.schema.clone(),
            keymap,
            annotator: annotator(),
        });
        if let Some(why) = &app.read_only {
            notices.insert(0, format!("read-only: {why}"));
        }
        let mut session = Session {
            app,
            config,
            follow_symlinks: options.follow_symlinks,
            lock: held,
            journal: Some(journal),
        };
        if session.app.read_only.is_none() {
            notices.extend(session.recover(options.journal));
        }
        if session.app.read_only.is_some() {
            // A session that cannot write neither holds the lock nor keeps a journal.
            session.lock = None;
            session.journal = None;
        } else {
            session.app.store.record_applied();
        }
        if !notices.is_empty() {
            session.app.message = Some(Message {
                text: notices.join("; "),
                error: session.app.read_only.is_some(),
            });
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
                self.app.read_only = Some(why.clone());
                return Some(format!("read-only: {why}"));
            }
        };
        let found = match journal::inspect(&path, self.app.doc.sha256(), stamp.as_ref()) {
            Ok(Some(found)) => found,
            Ok(None) => return None,
            Err(e) => return Some(self.set_aside(&path, &e.to_string())),
        };
        if found.steps.is_empty() {
            let _ = writer.clear();
            return None;
        }
        let replay = match choice {
            JournalChoice::Keep => {
                let why = format!(
                    "{} holds unsaved changes of an earlier session; open with --replay-journal or --discard-journal",
                    path.display()
                );
                self.app.read_only = Some(why.clone());
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
                steps_text(found.steps.len())
            ));
        }
        let steps = match journal::replay(&mut self.app.store, &self.app.doc, &found) {
            Ok(steps) => steps,
            Err(e) => return Some(self.set_aside(&path, &e.to_string())),
        };
        // The journal stays until the sidecar holds its steps; later steps append to it.
        let resumed = writer.resume();
        let saved = self.save();
        let saved_ok = saved.is_ok();
        update(&mut self.app, Action::Saved(saved));
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
                self.app.read_only = Some(why.clone());
                Some(format!("read-only: {why}"))
            }
        }
    }

    /// Moves a journal that cannot be replayed to `<journal>.old`, never deleting it.
    fn set_aside(&mut self, path: &Path, why: &str) -> String {
        let mut old = path.as_os_str().to_owned();
        old.push(".old");
        let old = PathBuf::from(old);
        match std::fs::rename(path, &old) {
            Ok(()) => format!("{why}; it was moved to {}", old.display()),
            Err(e) => {
                let why = format!("{why}, and it could not be moved aside ({e})");
                self.app.read_only = Some(why.clone());
                format!("read-only: {why}")
            }
        }
    }

    /// Wraps an already built state (tests, imports).
    pub fn from_app(app: App) -> Session {
        Session {
            app,
            config: Config::default(),
            follow_symlinks: false,
            lock: None,
            journal: None,
        }
    }

    /// Applies an action and carries out its effects. Returns false once the session
    /// has ended.
    pub fn dispatch(&mut self, action: Action) -> bool {
        let mut effects = update(&mut self.app, action);
        self.journal_changes();
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Save => {
                    let result = self.save();
                    effects.extend(update(&mut self.app, Action::Saved(result)));
                }
                Effect::Quit => {
                    if self.unsaved() {
                        let result = self.save();
                        update(&mut self.app, Action::Saved(result));
                    }
                }
            }
        }
        !self.app.quit
    }

    /// Whether the store holds changes the sidecar does not (and could).
    pub fn unsaved(&self) -> bool {
        self.app.read_only.is_none() && self.app.store.revision() != self.app.saved_revision
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
        let Some(journal) = self.journal.as_mut() else {
            return;
        };
        if edits.is_empty() {
            return;
        }
        if let Err(e) = journal.append(&edits) {
            let text = format!(
                "could not write the recovery journal {}: {e}",
                journal.path().display()
            );
            self.app.message = Some(Message { text, error: true });
        }
    }

    /// Writes the sidecar now (unless read-only); the revision written, or why not.
    /// After a save the journal is removed: the sidecar holds every step.
    pub fn save(&mut self) -> Result<u64, String> {
        if let Some(why) = &self.app.read_only {
            return Err(format!("read-only: {why}"));
        }
        let app = &self.app;
        let revision = app.store.revision();
        sidecar::save(
            &app.doc,
            &app.store,
            &app.kept,
            &app.sidecar_path,
            self.follow_symlinks,
        )
        .map_err(|e| e.to_string())?;
        if let Some(journal) = self.journal.as_mut() {
            // A journal left behind is harmless: it names the sidecar it built on, which
            // this save replaced, so the next session sets it aside.
            let _ = journal.clear();
        }
        Ok(revision)
    }
}

/// The keymap: defaults, entity types on their schema keys, then the config's `[keys]`.
fn keymap_for(config: &Config) -> Result<Keymap, Failure> {
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
                let text = std::fs::read_to_string(path).ok()?;
                let line = text.lines().position(|l| l.contains(&e.key))?;
                Some(format!("{}:{}: ", path.display(), line + 1))
            })
            .unwrap_or_default();
        Failure {
            code: exit::CONFIG,
            message: format!("{place}{}", e.message),
        }
    })?;
    Ok(keymap)
}

/// `1 unsaved step`, `3 unsaved steps`.
fn steps_text(n: usize) -> String {
    format!("{n} unsaved step{}", if n == 1 { "" } else { "s" })
}

/// Who is annotating: `SCHOLIA_ANNOTATOR`, else the login name, else "analyst".
fn annotator() -> String {
    ["SCHOLIA_ANNOTATOR", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "analyst".to_string())
}
