//! The session's save path: a snapshot of what the sidecar must say, written by a
//! [`SaveJob`] inline or by the background writer, and what happens after: the journal
//! trimmed to what the sidecar lacks, the state told, or the sidecar another program
//! replaced reloaded with this session's unsaved edits re-applied on top.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::domain::edit::Edit;
use crate::domain::reapply::reapply;
use crate::domain::schema::SchemaExtension;
use crate::domain::sidecar::{self, SidecarError};

use super::{Session, UnsavedStep};
use crate::app::action::{Action, Effect};
use crate::app::session_error::{steps_text, SaveError};
use crate::app::sidecar_writer::{BackgroundWriter, NotWritten, SaveJob, SaveOutcome};
use crate::app::update::update;

/// How many times one save catches up with a sidecar other programs keep replacing
/// before it gives up.
const CATCH_UP_TRIES: usize = 5;

/// A function another thread calls to say it is done, kept until the thread starts.
pub(crate) struct Callback(Box<dyn Fn() + Send>);

impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Callback")
    }
}

/// Whether a sync of the journal waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// It waits (a save).
    Yes,
    /// It is handed to the journal's thread when there is one.
    No,
}

/// What became of a save job's outcome.
enum Settled {
    /// Another program had replaced the sidecar: it was reloaded, write again.
    Again,
    /// Reported through `update`, which asked for these effects.
    Reported(Vec<Effect>),
}

impl Session {
    /// From now on the sidecar is written on a thread of its own, off the key path:
    /// an edit is kept by the journal at once, and the sidecar is rewritten with
    /// everything changed so far when the session is [idle](Session::idle) and `delay`
    /// has passed since the last change, one write at a time. `finished` is called on
    /// the writer's thread when a write is done (to wake the event loop, which then
    /// calls [`Session::collect_saves`]).
    pub fn write_in_background(
        &mut self,
        delay: Duration,
        finished: Box<dyn Fn() + Send>,
    ) -> io::Result<()> {
        if self.writer.is_none() {
            self.writer = Some(BackgroundWriter::start(finished)?);
        }
        self.autosave_delay = delay;
        Ok(())
    }

    /// From now on the journal's steps are synced to disk on a thread of its own, so
    /// that no key waits for the disk (a sync of the journal can wait for the disk to
    /// take the sidecar just written); `failed` is called on that thread when a sync
    /// fails (to wake the event loop, whose next [`Session::idle`] reports it). A save
    /// still waits for the journal's sync.
    pub fn sync_journal_on_a_thread(&mut self, failed: Box<dyn Fn() + Send>) {
        self.journal_sync_failed = Some(Callback(failed));
        self.start_journal_syncing();
    }

    /// Starts the journal's syncing thread, once there is a journal and one was asked for.
    pub(super) fn start_journal_syncing(&mut self) {
        let Some(journal) = self.journal.as_mut() else {
            return;
        };
        let Some(Callback(failed)) = self.journal_sync_failed.take() else {
            return;
        };
        // Without the thread (one could not be started) the journal is synced on the
        // event loop's thread, as before: nothing is lost, so nothing is said.
        let _ = journal.sync_on_a_thread(failed);
    }

    /// The session is idle (the frame is drawn, no key waits): has the journal's last
    /// steps synced to disk, and starts a background write of every change so far, unless one is in flight (the next starts when it
    /// is done, with everything since) or the autosave delay has not passed yet.
    /// Whether the state changed (a write started, or could not start).
    pub fn idle(&mut self) -> bool {
        let synced = self.sync_journal(Wait::No);
        let counted = self.collect_registry_mentions();
        let wrote = self.save_due_in().is_some_and(|due| due.is_zero()) && self.start_write();
        synced || counted || wrote
    }

    /// Syncs the journal's last steps to disk: the workbench does it once the frame
    /// that shows them is out, without waiting when the journal has a syncing thread
    /// (`Wait::No`); a save waits. Whether the state changed (a sync failed, and the
    /// status line says so).
    pub(crate) fn sync_journal(&mut self, wait: Wait) -> bool {
        let Some(journal) = self.journal.as_mut() else {
            return false;
        };
        let synced = match wait {
            Wait::Yes => journal.sync(),
            Wait::No => journal.sync_soon(),
        };
        match synced {
            Ok(()) => false,
            Err(e) => {
                let why = format!("{}: {e}", journal.path().display());
                update(&mut self.app, Action::JournalFailed(why));
                true
            }
        }
    }

    /// How long until a background write is due (zero: now); `None` when none is
    /// waiting to start.
    pub fn save_due_in(&self) -> Option<Duration> {
        if !self.save_wanted || self.writer.as_ref().is_none_or(BackgroundWriter::in_flight) {
            return None;
        }
        let since = self.last_change.map_or(Duration::MAX, |at| at.elapsed());
        Some(self.autosave_delay.saturating_sub(since))
    }

    /// Hands every change so far to the background writer, unless a write is in flight
    /// or none is wanted. Whether the state changed (a write started, or could not).
    fn start_write(&mut self) -> bool {
        if !self.save_wanted || self.writer.as_ref().is_none_or(BackgroundWriter::in_flight) {
            return false;
        }
        self.save_wanted = false;
        if !self.unsaved() {
            return false;
        }
        let job = match self.job() {
            Ok(job) => job,
            Err(e) => {
                let effects = self.report(Err(e));
                self.carry_out(effects);
                return true;
            }
        };
        let Some(writer) = self.writer.as_mut() else {
            return false;
        };
        match writer.send(job) {
            Ok(()) => {
                let effects = update(&mut self.app, Action::SaveStarted);
                self.carry_out(effects);
            }
            Err(job) => {
                let outcome = job.run();
                self.settle_outcome_and_carry_out(outcome);
            }
        }
        true
    }

    /// Reports a background write that finished, if one did, without waiting.
    pub fn collect_saves(&mut self) {
        self.collect(Some(Duration::ZERO));
    }

    /// Waits until the background writer has written every change, or a write failed,
    /// or `wait` has passed (`None`: as long as it takes). Whether it is done.
    pub fn settle(&mut self, wait: Option<Duration>) -> bool {
        let deadline = wait.map(|wait| Instant::now() + wait);
        loop {
            self.start_write();
            if !self
                .writer
                .as_ref()
                .is_some_and(BackgroundWriter::in_flight)
            {
                return true;
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if !self.collect(left) {
                return false;
            }
        }
    }

    /// Takes the outcome of the background write in flight, waiting up to `wait`, and
    /// reports it. Whether there was one.
    fn collect(&mut self, wait: Option<Duration>) -> bool {
        let Some(outcome) = self.writer.as_mut().and_then(|w| w.take(wait)) else {
            return false;
        };
        self.settle_outcome_and_carry_out(outcome);
        true
    }

    pub(super) fn settle_outcome_and_carry_out(&mut self, outcome: SaveOutcome) {
        match self.settle_outcome(outcome) {
            Settled::Again => self.save_wanted = true,
            Settled::Reported(effects) => self.carry_out(effects),
        }
    }

    /// Writes the sidecar now, on this thread, and tells `update` how it went: the
    /// effects `update` asks for in reply. A sidecar another program replaced is
    /// reloaded first, with this session's unsaved edits re-applied on top.
    pub(super) fn save_and_report(&mut self) -> Vec<Effect> {
        for _ in 0..CATCH_UP_TRIES {
            let job = match self.job() {
                Ok(job) => job,
                Err(e) => return self.report(Err(e)),
            };
            match self.settle_outcome(job.run()) {
                Settled::Again => {}
                Settled::Reported(effects) => return effects,
            }
        }
        let path = self.app.sidecar_path.clone();
        self.report(Err(SaveError::Check {
            path,
            source: io::Error::other("another program keeps replacing it"),
        }))
    }

    /// Tells `update` how a save went: the one place a save is reported. The effects
    /// `update` asks for in reply.
    pub(super) fn report(&mut self, result: Result<u64, SaveError>) -> Vec<Effect> {
        update(&mut self.app, Action::Saved(result.map_err(Arc::new)))
    }

    /// A snapshot of what the sidecar must say now, to be written (unless read-only).
    fn job(&self) -> Result<SaveJob, SaveError> {
        let app = &self.app;
        if let Some(why) = &app.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        Ok(SaveJob {
            snapshot: sidecar::Snapshot::of(&app.doc, &app.store, &app.kept),
            revision: app.store.revision(),
            path: app.sidecar_path.clone(),
            follow_symlinks: self.follow_symlinks,
            disk: self.disk.clone(),
        })
    }

    /// Takes in how a save job went. Written: the journal keeps only the steps the
    /// sidecar does not hold yet (none after a save made with no key pressed since).
    /// Another program replaced the sidecar: it is reloaded, with this session's
    /// unsaved edits re-applied on top, and must be written again.
    fn settle_outcome(&mut self, outcome: SaveOutcome) -> Settled {
        let path = self.app.sidecar_path.clone();
        let revision = outcome.revision;
        let written = match outcome.result {
            Ok(written) => written,
            Err(NotWritten::Changed) => {
                return match self.reload(&path) {
                    Ok(()) => Settled::Again,
                    Err(e) => Settled::Reported(self.report(Err(e))),
                }
            }
            Err(NotWritten::Check(source)) => {
                return Settled::Reported(self.report(Err(SaveError::Check { path, source })))
            }
            Err(NotWritten::Write(e)) => return Settled::Reported(self.report(Err(e.into()))),
            Err(NotWritten::Stopped) => {
                let source = io::Error::other("the sidecar writer stopped");
                let error = SidecarError::Write { path, source };
                return Settled::Reported(self.report(Err(error.into())));
            }
        };
        self.disk = Some(written.disk);
        if written.was_deleted {
            let report = format!(
                "another program deleted the sidecar; it is written again from this session ({})",
                path.display()
            );
            self.report_outside_change(None, report);
        }
        self.unsaved_steps.retain(|step| step.revision > revision);
        if !self.app.schema_behind_save {
            // The sidecar written holds every label imported so far.
            self.unsaved_schema = SchemaExtension::default();
        }
        if let Some(journal) = self.journal.as_mut() {
            if self.unsaved_steps.is_empty() && self.unsaved_schema.is_empty() {
                // A journal left behind is harmless: it names the sidecar it built on,
                // which this save replaced, so the next session sets it aside.
                let _ = journal.clear();
            } else {
                let steps: Vec<Vec<Edit>> =
                    self.unsaved_steps.iter().map(|s| s.edits.clone()).collect();
                if let Err(e) = journal.restart(&steps, &self.unsaved_schema) {
                    let why = format!("{}: {e}", journal.path().display());
                    update(&mut self.app, Action::JournalFailed(why));
                }
            }
        }
        let effects = self.report(Ok(revision));
        self.save_wanted = self.unsaved();
        Settled::Reported(effects)
    }

    /// Reloads the sidecar another program replaced and re-applies this session's
    /// unsaved steps on it; the steps that no longer fit are written beside the journal.
    /// Nothing changes when the file cannot be read or those steps cannot be kept.
    fn reload(&mut self, path: &Path) -> Result<(), SaveError> {
        let doc = &self.app.doc;
        let (loaded, stamp) = sidecar::load_stamped(doc, path).map_err(SaveError::Reload)?;
        let Some(loaded) = loaded else {
            // Gone again since the comparison: nothing to merge with.
            self.disk = Some(stamp);
            return Ok(());
        };
        let mut store = loaded.store;
        let loaded_revision = store.revision();
        store.record_applied();
        let steps: Vec<Vec<Edit>> = self.unsaved_steps.iter().map(|s| s.edits.clone()).collect();
        let result = reapply(&mut store, &steps);
        let kept_aside = match (&self.journal, result.left_out.is_empty()) {
            (_, true) => None,
            (Some(journal), false) => {
                Some(journal.set_aside(&result.left_out).map_err(|source| {
                    SaveError::KeepAside {
                        steps: result.left_out.len(),
                        source,
                    }
                })?)
            }
            (None, false) => {
                return Err(SaveError::NoRoomAside {
                    steps: result.left_out.len(),
                })
            }
        };
        let reapplied = store.take_applied();
        self.app.store = store;
        self.app.kept = loaded.kept;
        self.disk = Some(stamp);
        let revision = self.app.store.revision();
        let steps = if reapplied.is_empty() {
            Vec::new()
        } else {
            vec![reapplied]
        };
        self.unsaved_steps = steps
            .iter()
            .map(|edits| UnsavedStep {
                revision,
                edits: edits.clone(),
            })
            .collect();
        if let Some(journal) = self.journal.as_mut() {
            if let Err(e) = journal.restart(&steps, &self.unsaved_schema) {
                let why = format!("{}: {e}", journal.path().display());
                update(&mut self.app, Action::JournalFailed(why));
            }
        }
        let mut report = "another program changed the sidecar: reloaded it".to_string();
        if result.applied > 0 {
            report.push_str(&format!(
                " and re-applied {} of this session",
                steps_text(result.applied)
            ));
        }
        if !result.renumbered.is_empty() {
            let ids: Vec<String> = result
                .renumbered
                .iter()
                .map(|(old, new)| format!("{old} → {new}"))
                .collect();
            report.push_str(&format!(
                " (ids taken meanwhile, renumbered: {})",
                ids.join(", ")
            ));
        }
        if let Some(aside) = kept_aside {
            let (verb, kept) = match result.left_out.len() {
                1 => ("fits", "was"),
                _ => ("fit", "were"),
            };
            report.push_str(&format!(
                "; {} no longer {verb} and {kept} kept in {}",
                steps_text(result.left_out.len()),
                aside.display()
            ));
        }
        if let Some(summary) = loaded.report.summary() {
            report.push_str(&format!("; {summary}"));
        }
        self.report_outside_change(Some(loaded_revision), report);
        if !self.unsaved_schema.is_empty() {
            // The labels this session's imports added, which the file read lacks; the
            // write that follows the reload saves them.
            let _ = update(
                &mut self.app,
                Action::SchemaRecovered(self.unsaved_schema.clone()),
            );
        }
        Ok(())
    }

    /// Tells the state (and the analyst) that the session caught up with the disk.
    fn report_outside_change(&mut self, loaded_revision: Option<u64>, report: String) {
        update(
            &mut self.app,
            Action::OutsideChange {
                loaded_revision,
                report,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::app::key::Key;
    use crate::app::session::OpenOptions;
    use crate::domain::config::ConfigSources;

    #[test]
    fn a_journal_sync_that_failed_on_its_thread_is_reported_on_the_next_idle_turn() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "Сауле Иманова told AFP in 東京.\n").unwrap();
        let options = OpenOptions {
            max_size: 1 << 20,
            config: Some(ConfigSources {
                user: None,
                project: None,
            }),
            ..OpenOptions::default()
        };
        let mut session = Session::open(&article, &options).unwrap();
        let journal = session
            .journal
            .as_mut()
            .expect("a session that may write keeps a journal");
        journal.sync_with(Arc::new(|_| Err(io::Error::other("the disk is gone"))));
        // As in the workbench: the sidecar is written in the background (here not before
        // an hour has passed), so that the journal holds the edit meanwhile.
        session
            .write_in_background(Duration::from_secs(3600), Box::new(|| {}))
            .unwrap();
        let (woke, wakes) = mpsc::channel();
        session.sync_journal_on_a_thread(Box::new(move || {
            let _ = woke.send(());
        }));
        // An edit: the word under the cursor tagged with the first entity label.
        session.dispatch(Action::Key(Key::char('w')));
        session.dispatch(Action::Key(Key::char('1')));
        assert_eq!(session.app().store.annotation_count(), 1);
        // The frame is out: the sync is handed to the thread, and this turn says nothing.
        session.idle();
        assert_eq!(session.app().journal_failed(), None);
        wakes
            .recv_timeout(Duration::from_secs(10))
            .expect("the thread's failure wakes the loop");
        // The next idle turn reports it, naming the journal.
        assert!(session.idle(), "the state changed");
        let said = session
            .app()
            .journal_failed()
            .expect("reported")
            .to_string();
        assert!(said.contains("the disk is gone"), "{said}");
        assert!(said.contains("a.txt.scholia.journal"), "{said}");
    }
}
