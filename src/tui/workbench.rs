//! What the event loop drives: one article's [`Session`] (`scholia ARTICLE`) or the
//! article list of folder mode with the article open from it ([`Corpus`]).

use std::io;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Duration;

use ratatui::Frame;

use crate::app::action::Action;
use crate::app::corpus::{Corpus, CorpusAction};
use crate::app::session::Session;
use crate::app::session_error::Unsaved;
use crate::domain::error::DocumentError;
use crate::ui::{self, Theme};

use super::wake::Wake;

/// A workbench the event loop can run: it takes actions, saves in the background and
/// draws itself.
pub trait Workbench {
    /// Starts the background work, which reports through `wake`.
    fn start(&mut self, delay: Duration, wake: Sender<Wake>) -> io::Result<()>;
    /// Applies an action; false once the workbench has ended.
    fn dispatch(&mut self, action: Action) -> bool;
    /// Nothing waits (the frame is out): syncs the recovery journal's last steps to
    /// disk and hands the changes so far to the background writer. Whether the state
    /// changed.
    fn idle(&mut self) -> bool;
    /// How long until a background write is due.
    fn save_due_in(&self) -> Option<Duration>;
    /// Takes the results of finished saves; false once the workbench has ended (a quit
    /// that waited for the save).
    fn collect_saves(&mut self) -> bool;
    /// Takes what the background reader has read (folder mode).
    fn collect_reads(&mut self) {}
    /// Takes the annotations read while the first screen showed, and applies the keys
    /// that waited for them; false once the workbench has ended (a queued quit).
    fn collect_load(&mut self) -> bool {
        true
    }
    /// Waits for the background writer (at most `wait`); whether every change is written.
    fn settle(&mut self, wait: Option<Duration>) -> bool;
    /// Ends the workbench, saving what is unsaved.
    fn finish(&mut self) -> Result<(), Unsaved>;
    /// Lets the workbench go once it is finished and the process is about to exit:
    /// what must happen when it is dropped happens (a lock released, a thread
    /// joined); what only returns memory may be left to the exit.
    fn end(self)
    where
        Self: Sized,
    {
    }
    /// Why the article turned out unreadable after its first screen (which ended the
    /// workbench), once.
    fn take_article_error(&mut self) -> Option<DocumentError> {
        None
    }
    /// Draws the state.
    fn draw(&self, frame: &mut Frame, theme: &Theme);
}

impl Workbench for Session {
    fn start(&mut self, delay: Duration, wake: Sender<Wake>) -> io::Result<()> {
        let loaded = wake.clone();
        self.load_in_background(Box::new(move || {
            let _ = loaded.send(Wake::AnnotationsLoaded);
        }));
        let journal = wake.clone();
        self.sync_journal_on_a_thread(Box::new(move || {
            let _ = journal.send(Wake::JournalSyncFailed);
        }));
        self.write_in_background(
            delay,
            Box::new(move || {
                let _ = wake.send(Wake::SaveFinished);
            }),
        )
    }

    fn dispatch(&mut self, action: Action) -> bool {
        Session::dispatch(self, action)
    }

    fn idle(&mut self) -> bool {
        Session::idle(self)
    }

    fn save_due_in(&self) -> Option<Duration> {
        Session::save_due_in(self)
    }

    fn collect_saves(&mut self) -> bool {
        Session::collect_saves(self);
        !self.app().quit()
    }

    fn collect_load(&mut self) -> bool {
        Session::collect_load(self)
    }

    fn settle(&mut self, wait: Option<Duration>) -> bool {
        Session::settle(self, wait)
    }

    fn finish(&mut self) -> Result<(), Unsaved> {
        Session::finish(self)
    }

    fn end(self) {
        Session::end(self);
    }

    fn take_article_error(&mut self) -> Option<DocumentError> {
        Session::take_article_error(self)
    }

    fn draw(&self, frame: &mut Frame, theme: &Theme) {
        ui::draw(frame, self.app(), theme);
    }
}

impl Workbench for Corpus {
    fn start(&mut self, delay: Duration, wake: Sender<Wake>) -> io::Result<()> {
        let saved = wake.clone();
        self.write_in_background(
            delay,
            Arc::new(move || {
                let _ = saved.send(Wake::SaveFinished);
            }),
        );
        self.read_in_background(Box::new(move || {
            let _ = wake.send(Wake::RowsRead);
        }));
        Ok(())
    }

    fn dispatch(&mut self, action: Action) -> bool {
        let action = match action {
            Action::Key(key) => CorpusAction::Key(key),
            Action::Run(command) => CorpusAction::Run(command),
            Action::Resize(width, height) => CorpusAction::Resize(width, height),
            other => CorpusAction::Article(other),
        };
        Corpus::dispatch(self, action)
    }

    fn idle(&mut self) -> bool {
        self.session_mut().is_some_and(Session::idle)
    }

    fn save_due_in(&self) -> Option<Duration> {
        self.session().and_then(Session::save_due_in)
    }

    fn collect_saves(&mut self) -> bool {
        Corpus::collect_saves(self)
    }

    fn collect_reads(&mut self) {
        Corpus::dispatch(self, CorpusAction::RowsRead { wait: false });
    }

    fn settle(&mut self, wait: Option<Duration>) -> bool {
        self.session_mut().is_none_or(|s| s.settle(wait))
    }

    fn finish(&mut self) -> Result<(), Unsaved> {
        Corpus::finish(self)
    }

    fn draw(&self, frame: &mut Frame, theme: &Theme) {
        match self.session() {
            Some(session) => ui::draw(frame, session.app(), theme),
            None => ui::article_list::draw(frame, self, theme),
        }
    }
}
