//! What the session does with the corpus registry on disk: reads it when the article
//! opens, counts (once per session) the articles whose sidecars point at an entry, and
//! writes a grade into it under its lock, re-read first.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::Arc;
use std::thread;

use crate::domain::clock;
use crate::domain::registry::{self, mentions, usage, Grade, Registry, RegistryError};

use super::Session;
use crate::app::action::Action;
use crate::app::registry_edit::RegistryEdit;
use crate::app::registry_grade::CorpusRegistry;
use crate::app::update::update;

/// The registry governing `article`, and a notice when it cannot be used (it is then
/// kept, marked broken, and never written).
pub(super) fn load(article: &Path) -> (Option<CorpusRegistry>, Option<String>) {
    let Some(path) = registry::find_root(article) else {
        return (None, None);
    };
    match registry::read(&path) {
        Ok(found) => {
            let corpus = CorpusRegistry {
                path,
                registry: found.unwrap_or_default(),
                broken: None,
            };
            (Some(corpus), None)
        }
        Err(e) => {
            let why = e.to_string();
            let notice = format!("the registry is read-only: {why}");
            let corpus = CorpusRegistry {
                path,
                registry: Registry::new(),
                broken: Some(why),
            };
            (Some(corpus), Some(notice))
        }
    }
}

impl Session {
    /// Counts the other articles that point at `entry` (or at an entry merged into it)
    /// and tells `update`. The sidecars are read once per session.
    pub(super) fn count_registry_use(&mut self, entry: String, grade: String) {
        let Some(corpus) = &self.app.registry else {
            return;
        };
        let root = corpus
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let usage = self
            .registry_usage
            .get_or_insert_with(|| usage::scan(&root));
        let ids: Vec<&str> = corpus
            .registry
            .entries
            .iter()
            .filter(|e| {
                corpus
                    .registry
                    .resolve(&e.id)
                    .is_some_and(|r| r.id == entry)
            })
            .map(|e| e.id.as_str())
            .collect();
        let own = std::path::absolute(&self.app.sidecar_path).ok();
        let others = usage
            .articles_of(&ids, None)
            .into_iter()
            .filter(|p| std::path::absolute(p).ok() != own)
            .count();
        let effects = update(
            &mut self.app,
            Action::RegistryUse {
                entry,
                grade,
                others,
            },
        );
        self.carry_out(effects);
    }

    /// Writes `grade` (empty: none) on `entry` into the registry and tells `update`.
    pub(super) fn grade_registry(&mut self, entry: String, grade: String) {
        let Some(corpus) = &self.app.registry else {
            return;
        };
        let given = (!grade.is_empty())
            .then(|| Grade::new(grade, self.app.annotator.as_str(), clock::now()));
        let outcome = registry::update(&corpus.path, &self.app.annotator, |r| {
            r.set_grade(&entry, given)
        })
        .map(|(written, _)| written)
        .map_err(|e: RegistryError| e.to_string());
        let effects = update(&mut self.app, Action::RegistryGraded { entry, outcome });
        self.carry_out(effects);
    }

    /// Starts counting the mentions of every registry entry across the corpus on a
    /// background thread, so that no key waits for the sidecars to be read; the
    /// session hands the counts to `update` when idle (see
    /// [`Session::collect_registry_mentions`]).
    pub(super) fn count_registry_mentions(&mut self) {
        let Some(corpus) = &self.app.registry else {
            return;
        };
        if self.registry_scan.is_some() {
            return;
        }
        let root = corpus
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let (found, scan) = mpsc::channel();
        thread::spawn(move || {
            let _ = found.send(mentions::scan(&root));
        });
        self.registry_scan = Some(scan);
    }

    /// Hands the mentions counted in the background to `update`, once they are.
    /// Whether it did (the screen then changed).
    pub fn collect_registry_mentions(&mut self) -> bool {
        let Some(scan) = &self.registry_scan else {
            return false;
        };
        let found = match scan.try_recv() {
            Ok(found) => found,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.registry_scan = None;
                return false;
            }
        };
        self.registry_scan = None;
        let effects = update(&mut self.app, Action::RegistryMentions(Arc::new(found)));
        self.carry_out(effects);
        true
    }

    /// Applies a change of the registry screen to the registry file and tells `update`.
    pub(super) fn edit_registry(&mut self, edit: RegistryEdit) {
        let Some(corpus) = &self.app.registry else {
            return;
        };
        let by = self.app.annotator.to_string();
        let at = clock::now();
        let outcome = registry::update(&corpus.path, &by, |r| edit.apply(r, &by, &at))
            .map(|(written, _)| written)
            .map_err(|e: RegistryError| e.to_string());
        let effects = update(&mut self.app, Action::RegistryEdited { edit, outcome });
        self.carry_out(effects);
    }
}
