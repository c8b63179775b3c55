//! Folder mode: the article list above the article workbench. `scholia DIR` shows every
//! article of a folder with its counts and progress, sorted and filtered as the analyst
//! asks; Enter opens an article in a [`Session`] like `scholia ARTICLE` does (lock,
//! journal, autosave), and leaving it saves and releases the lock. Every change is a
//! [`CorpusAction`] through [`Corpus::dispatch`].

mod order;
mod reader;
mod row;

pub use order::Column;
pub use row::Row;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Duration;

use crate::domain::article_summary::Summary;
use crate::domain::done::Progress;

use super::action::Action;
use super::command::Command;
use super::folder_moves::Leave;
use super::key::Key;
use super::keymap::{Context, Keymap, Lookup};
use super::prompt_keys::edit_input;
use super::session::{OpenOptions, Session};
use super::session_error::Unsaved;
use super::text_input::TextInput;

/// Something that happened in folder mode.
#[derive(Debug, Clone, PartialEq)]
pub enum CorpusAction {
    /// A key: to the open article, else to the list.
    Key(Key),
    /// Run a list command directly (tests, key scripts).
    Run(Command),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// The background reader has summaries ready: take them (`wait`: wait for all).
    RowsRead {
        /// Block until every row is read (tests).
        wait: bool,
    },
    /// Any other action of the open article (a paste, a save's result).
    Article(Action),
}

/// Calls the event loop back when a background save finishes.
type Finished = Arc<dyn Fn() + Send + Sync>;

/// The article list and the article open from it, if any.
pub struct Corpus {
    root: PathBuf,
    rows: Vec<Row>,
    /// The rows shown, sorted and filtered: indices into `rows`.
    view: Vec<usize>,
    /// The cursor, a position in `view`.
    cursor: usize,
    /// The first position of `view` on screen.
    top: usize,
    sort: Column,
    reversed: bool,
    filter: String,
    /// The filter prompt, while it is open.
    filter_input: Option<TextInput>,
    keymap: Keymap,
    pending_keys: Vec<Key>,
    message: Option<(String, bool)>,
    size: (u16, u16),
    options: OpenOptions,
    /// The rows whose done mark the list changed, last first: `undo` takes the last back.
    marked: Vec<usize>,
    reading: Option<Receiver<reader::Read>>,
    /// The background writer's callback, given to every session opened.
    saves: Option<(Duration, Finished)>,
    /// The open article: its row and its session.
    open: Option<(usize, Session)>,
    quit: bool,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("root", &self.root)
            .field("rows", &self.rows.len())
            .finish_non_exhaustive()
    }
}

impl Corpus {
    /// The list of `paths` (the articles of the folder `root`): stats each file, reads
    /// nothing. Articles open with `options` and the list's keys come from `keymap`.
    pub fn new(root: &Path, paths: Vec<PathBuf>, keymap: Keymap, options: OpenOptions) -> Corpus {
        let rows: Vec<Row> = paths.into_iter().map(|p| Row::stat(root, p)).collect();
        let mut corpus = Corpus {
            root: root.to_path_buf(),
            view: Vec::new(),
            rows,
            cursor: 0,
            top: 0,
            sort: Column::Name,
            reversed: false,
            filter: String::new(),
            filter_input: None,
            keymap,
            pending_keys: Vec::new(),
            message: None,
            size: (0, 0),
            options,
            marked: Vec::new(),
            reading: None,
            saves: None,
            open: None,
            quit: false,
        };
        corpus.rebuild_view(None);
        corpus
    }

    /// Starts reading every row's summary on a background thread; `ready` is called
    /// whenever one is read (answer with [`CorpusAction::RowsRead`]).
    pub fn read_in_background(&mut self, ready: Box<dyn Fn() + Send>) {
        let paths = self
            .view
            .iter()
            .map(|&i| (i, self.rows[i].path.clone()))
            .collect();
        self.reading = Some(reader::start(paths, self.options.max_size, ready));
    }

    /// Every session opened from the list writes its sidecar in the background and
    /// syncs its journal on a thread of its own, as the workbench does
    /// ([`Session::write_in_background`], [`Session::sync_journal_on_a_thread`]);
    /// `finished` is called when a save is done or a journal sync failed.
    pub fn write_in_background(&mut self, delay: Duration, finished: Finished) {
        self.saves = Some((delay, finished));
    }

    /// The folder opened.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every article, in the folder's order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows shown, sorted and filtered.
    pub fn view(&self) -> impl Iterator<Item = &Row> {
        self.view.iter().map(|&i| &self.rows[i])
    }

    /// The number of rows shown.
    pub fn shown(&self) -> usize {
        self.view.len()
    }

    /// The cursor's position among the rows shown.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The first row on screen.
    pub fn top(&self) -> usize {
        self.top
    }

    /// The sort column and whether it is reversed.
    pub fn sort(&self) -> (Column, bool) {
        (self.sort, self.reversed)
    }

    /// The filter in force.
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The filter prompt, while it is open.
    pub fn filter_input(&self) -> Option<&TextInput> {
        self.filter_input.as_ref()
    }

    /// The keymap (for the hints the list shows).
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The list's status message: text and whether it reports a problem.
    pub fn message(&self) -> Option<(&str, bool)> {
        self.message.as_ref().map(|(t, e)| (t.as_str(), *e))
    }

    /// The terminal size.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The open article's session, if one is open.
    pub fn session(&self) -> Option<&Session> {
        self.open.as_ref().map(|(_, s)| s)
    }

    /// The open article's session, to drive its saving (the event loop).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.open.as_mut().map(|(_, s)| s)
    }

    /// Whether folder mode has ended.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// (done, total, pending suggestions left, rows read) over the whole folder.
    pub fn progress(&self) -> (usize, usize, usize, usize) {
        let mut done = 0;
        let mut pending = 0;
        let mut read = 0;
        for summary in self.rows.iter().filter_map(Row::read) {
            read += 1;
            done += usize::from(summary.progress == Progress::Done);
            pending += summary.pending;
        }
        (done, self.rows.len(), pending, read)
    }

    /// Whether every row's summary is read.
    pub fn all_read(&self) -> bool {
        self.rows.iter().all(|r| r.summary.is_some())
    }

    /// Applies an action. Returns false once folder mode has ended.
    pub fn dispatch(&mut self, action: CorpusAction) -> bool {
        match action {
            CorpusAction::Resize(width, height) => {
                self.size = (width, height);
                self.keep_cursor_in_view();
                if let Some((_, session)) = self.open.as_mut() {
                    session.dispatch(Action::Resize(width, height));
                }
            }
            CorpusAction::RowsRead { wait } => self.take_rows(wait),
            CorpusAction::Article(action) => self.pass_to_article(action),
            CorpusAction::Key(key) if self.open.is_some() => self.pass_to_article(Action::Key(key)),
            CorpusAction::Key(key) => self.list_key(key),
            CorpusAction::Run(command) if self.open.is_some() => {
                self.pass_to_article(Action::Run(command))
            }
            CorpusAction::Run(command) => self.run(command),
        }
        !self.quit
    }

    /// Takes the results of the open article's finished background saves; a quit that
    /// waited for the save ends folder mode. False once it has ended.
    pub fn collect_saves(&mut self) -> bool {
        if let Some((_, session)) = self.open.as_mut() {
            session.collect_saves();
            if session.app().quit() {
                self.quit = true;
            }
        }
        !self.quit
    }

    /// Ends folder mode: the open article, if any, is saved and its lock released.
    /// Changes that stay unsaved are the error.
    pub fn finish(&mut self) -> Result<(), Unsaved> {
        match self.open.take() {
            Some((_, mut session)) => session.finish(),
            None => Ok(()),
        }
    }

    /// Takes the summaries the background reader has ready.
    fn take_rows(&mut self, wait: bool) {
        let Some(reading) = &self.reading else { return };
        let read: Vec<reader::Read> = if wait {
            reading.iter().collect()
        } else {
            reading.try_iter().collect()
        };
        if read.is_empty() {
            return;
        }
        for (index, summary) in read {
            // A row the analyst changed since is already up to date.
            if self.rows[index].summary.is_none() {
                self.rows[index].summary = Some(summary);
            }
        }
        if self.sort != Column::Name || !self.filter.is_empty() {
            self.rebuild_view(self.current_row());
        }
    }

    /// Passes an action to the open article, then carries out a leave it asked for.
    fn pass_to_article(&mut self, action: Action) {
        let Some((_, session)) = self.open.as_mut() else {
            return;
        };
        let going_on = session.dispatch(action);
        let leave = session.app().leave();
        if !going_on {
            // The article stays open: ending folder mode saves it and reports what
            // could not be saved ([`Corpus::finish`]).
            self.quit = true;
        } else if let Some(leave) = leave {
            self.close_article();
            match leave {
                Leave::List => {}
                Leave::Next => self.open_at(self.cursor + 1),
                Leave::Previous => {
                    if let Some(before) = self.cursor.checked_sub(1) {
                        self.open_at(before);
                    } else {
                        self.say("the first article of the list", false);
                    }
                }
                Leave::NextUnfinished => match self.next_unfinished() {
                    Some(at) => self.open_at(at),
                    None => self.say("every article of the list is done", false),
                },
            }
        }
    }

    /// A key typed on the list (or its filter prompt).
    fn list_key(&mut self, key: Key) {
        if let Some(input) = self.filter_input.take() {
            return self.filter_key(input, key);
        }
        self.pending_keys.push(key);
        match self.keymap.lookup(Context::List, &self.pending_keys) {
            Lookup::Run(command) => {
                self.pending_keys.clear();
                self.run(command);
            }
            Lookup::Pending => {}
            Lookup::Unbound => self.pending_keys.clear(),
        }
    }

    /// A key in the filter prompt: the filter applies as it is typed.
    fn filter_key(&mut self, mut input: TextInput, key: Key) {
        let mut open = true;
        match self.keymap.lookup(Context::Filter, &[key]) {
            Lookup::Run(Command::Confirm) => return,
            Lookup::Run(Command::Cancel) => {
                input.set_text("");
                open = false;
            }
            Lookup::Run(Command::DeleteToLineStart) => input.delete_to_line_start(),
            Lookup::Run(Command::DeleteWordBefore) => input.delete_word_before(),
            Lookup::Run(Command::LineStart) => input.home(),
            Lookup::Run(Command::LineEnd) => input.end(),
            _ => edit_input(&mut input, key),
        }
        if input.text() != self.filter {
            self.filter = input.text().to_string();
            self.rebuild_view(self.current_row());
        }
        if open {
            self.filter_input = Some(input);
        }
    }

    /// Runs a command on the list.
    fn run(&mut self, command: Command) {
        self.message = None;
        let page = self.page();
        match command {
            Command::Up => self.move_to(self.cursor.saturating_sub(1)),
            Command::Down => self.move_to(self.cursor + 1),
            Command::PageUp => self.move_to(self.cursor.saturating_sub(page)),
            Command::PageDown => self.move_to(self.cursor + page),
            Command::Top => self.move_to(0),
            Command::Bottom => self.move_to(self.view.len().saturating_sub(1)),
            Command::SortNext => {
                self.sort = self.sort.next();
                self.rebuild_view(self.current_row());
                self.say(&format!("sorted by {}", self.sort.title()), false);
            }
            Command::SortReverse => {
                self.reversed = !self.reversed;
                self.rebuild_view(self.current_row());
            }
            Command::PanelFilter => self.filter_input = Some(TextInput::line(&self.filter)),
            Command::Cancel => {
                self.pending_keys.clear();
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.rebuild_view(self.current_row());
                }
            }
            Command::OpenArticle => self.open_at(self.cursor),
            Command::NextUnfinished => match self.next_unfinished() {
                Some(at) => self.move_to(at),
                None => self.say("every article of the list is done", false),
            },
            Command::MarkDone => {
                if let Some(row) = self.current_row() {
                    if self.toggle_done(row) {
                        self.marked.push(row);
                    }
                }
            }
            Command::Undo => match self.marked.pop() {
                Some(row) => {
                    self.toggle_done(row);
                    if let Some(at) = self.view.iter().position(|&i| i == row) {
                        self.move_to(at);
                    }
                }
                None => self.say("nothing to undo in the list", false),
            },
            Command::Quit => self.quit = true,
            other => self.say(
                &format!("{other} works in an article, not in the list"),
                true,
            ),
        }
    }

    /// The row under the cursor, if the list shows any.
    fn current_row(&self) -> Option<usize> {
        self.view.get(self.cursor).copied()
    }

    /// The next position after the cursor (wrapping) whose article is not done.
    fn next_unfinished(&self) -> Option<usize> {
        let n = self.view.len();
        (1..=n).map(|step| (self.cursor + step) % n).find(|&at| {
            let row = &self.rows[self.view[at]];
            row.read().is_none_or(|s| s.progress != Progress::Done)
        })
    }

    /// Sets or takes back the done mark of a row's article through a session of its
    /// own (lock, save, release). Whether it changed.
    fn toggle_done(&mut self, row: usize) -> bool {
        // Not opened for the analyst: the place remembered in the article stays.
        let options = OpenOptions {
            places: None,
            ..self.options.clone()
        };
        match Session::open(&self.rows[row].path, &options) {
            Ok(mut session) => {
                if let Some(why) = session.app().read_only() {
                    let why = format!("not changed: read-only: {why}");
                    self.say(&why, true);
                    return false;
                }
                session.dispatch(Action::Run(Command::MarkDone));
                let said = session.app().message().map(|m| m.text.clone());
                self.end_session(row, session);
                if let Some(said) = said {
                    let text = format!("{}: {said}", self.rows[row].name);
                    self.say(&text, false);
                }
                true
            }
            Err(e) => {
                self.say(&e.to_string(), true);
                false
            }
        }
    }

    /// Opens the article at position `at` of the list.
    fn open_at(&mut self, at: usize) {
        let Some(&row) = self.view.get(at) else {
            self.say("the last article of the list", false);
            return;
        };
        self.move_to(at);
        match Session::open(&self.rows[row].path, &self.options) {
            Ok(mut session) => {
                if let Some((delay, finished)) = &self.saves {
                    let journal_failed = finished.clone();
                    session.sync_journal_on_a_thread(Box::new(move || journal_failed()));
                    let finished = finished.clone();
                    if let Err(e) =
                        session.write_in_background(*delay, Box::new(move || finished()))
                    {
                        self.say(
                            &format!("could not start saving in the background: {e}"),
                            true,
                        );
                        return;
                    }
                }
                session.dispatch(Action::OpenedFromList);
                session.dispatch(Action::Resize(self.size.0, self.size.1));
                self.open = Some((row, session));
            }
            Err(e) => self.say(&e.to_string(), true),
        }
    }

    /// Closes the open article: saves, releases its lock, shows its new counts.
    fn close_article(&mut self) {
        if let Some((row, session)) = self.open.take() {
            self.end_session(row, session);
            self.rebuild_view(Some(row));
        }
    }

    /// Ends `session` (saving what is unsaved) and updates its row from it.
    fn end_session(&mut self, row: usize, mut session: Session) {
        let summary = Summary::of_store(session.app().doc().text(), session.app().store());
        let ended = session.finish();
        drop(session);
        let fresh = Row::stat(&self.root, self.rows[row].path.clone());
        self.rows[row].changed = fresh.changed;
        self.rows[row].summary = Some(Ok(summary));
        if let Err(unsaved) = ended {
            let text = format!("{}: {unsaved}", self.rows[row].name);
            self.say(&text, true);
        }
    }

    /// Sorts and filters the rows again, keeping the cursor on `keep` when it is shown.
    fn rebuild_view(&mut self, keep: Option<usize>) {
        let filter = self.filter.clone();
        let mut view: Vec<usize> = (0..self.rows.len())
            .filter(|&i| order::passes(&self.rows[i], &filter))
            .collect();
        let column = self.sort;
        view.sort_by(|&a, &b| column.compare(&self.rows[a], &self.rows[b]));
        if self.reversed {
            view.reverse();
        }
        self.view = view;
        let at = keep.and_then(|row| self.view.iter().position(|&i| i == row));
        self.move_to(at.unwrap_or(self.cursor));
    }

    /// Puts the cursor at `at` (kept on the list) and scrolls to it.
    fn move_to(&mut self, at: usize) {
        self.cursor = at.min(self.view.len().saturating_sub(1));
        self.keep_cursor_in_view();
    }

    fn keep_cursor_in_view(&mut self) {
        let page = self.page();
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + page {
            self.top = self.cursor + 1 - page;
        }
    }

    /// Rows of the list on screen (the screen less the heading, progress and status).
    pub fn page(&self) -> usize {
        usize::from(self.size.1).saturating_sub(LIST_CHROME).max(1)
    }

    fn say(&mut self, text: &str, error: bool) {
        self.message = Some((text.to_string(), error));
    }
}

/// Lines of the list screen that are not rows: the progress line, the heading and the
/// status line.
pub const LIST_CHROME: usize = 3;
