//! Actions: every change to the workbench's state is one, applied by `update`.

use crate::domain::schema::SchemaExtension;
use std::sync::Arc;

use crate::domain::document::Document;
use crate::domain::registry::mentions::MentionCounts;
use crate::domain::registry::Registry;
use crate::formats::apply::ApplyOptions;
use crate::formats::export::ExportFormat;
use crate::formats::imported::ImportedDoc;

use super::adjudication::Start;
use super::command::Command;
use super::key::Key;
use super::registry_edit::RegistryEdit;
use super::session_error::SaveError;
use super::state::Tab;

/// The whole article, read after its first piece. Two are the same when they are the one
/// document, not two reads of it.
#[derive(Debug, Clone)]
pub struct WholeArticle(pub Arc<Document>);

impl PartialEq for WholeArticle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Something that happened or was asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A key was pressed (looked up in the keymap, or typed into a prompt).
    Key(Key),
    /// Run a command directly (palette, key scripts, tests).
    Run(Command),
    /// Text was pasted.
    Paste(String),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// A background save started: the sidecar is being written.
    SaveStarted,
    /// A save finished: the revision written, or why it failed (shared, so that the
    /// action can be cloned).
    Saved(Result<u64, Arc<SaveError>>),
    /// Another program changed the sidecar and the session caught up before saving:
    /// `report` says how. `loaded_revision`: the store was reloaded from the file, and at
    /// this revision it held what the file holds (`None`: the store was kept).
    OutsideChange {
        /// The revision of the store as reloaded, if it was.
        loaded_revision: Option<u64>,
        /// What happened, for the status line.
        report: String,
    },
    /// The session can no longer write its files (why): it goes on read-only.
    ReadOnly(String),
    /// Writing the recovery journal failed (why): it no longer holds every unsaved change.
    JournalFailed(String),
    /// Mouse click at a screen cell (only with mouse support turned on).
    Click {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Mouse drag to a screen cell: extends a selection from the click.
    Drag {
        /// Column.
        x: u16,
        /// Row.
        y: u16,
    },
    /// Mouse wheel: rows to scroll, negative up.
    Scroll(i16),
    /// Show this on the status line.
    Notice {
        /// One line.
        text: String,
        /// Whether it reports a problem.
        error: bool,
    },
    /// Put the cursor at this byte offset (kept inside the article, on a character
    /// boundary) and scroll to it.
    GoTo(usize),
    /// Show this panel tab (reopening where the analyst left off).
    ShowTab(Tab),
    /// The rest of the article was read while its first piece showed: the whole article
    /// takes the piece's place (the cursor and the view stay where they are).
    ArticleRead(WholeArticle),
    /// The annotations read and placed while the first screen showed are in the store
    /// now: the workbench stops saying it is loading them and, unless `keep_tab` (the
    /// tab of the last session was shown already), opens on the tab they call for.
    AnnotationsLoaded {
        /// Keep the panel tab shown.
        keep_tab: bool,
    },
    /// The session counted the other articles of the corpus that use a registry entry
    /// the analyst is grading.
    RegistryUse {
        /// The entry.
        entry: String,
        /// The grade asked for (empty: clear it).
        grade: String,
        /// How many other articles point at it.
        others: usize,
    },
    /// The session wrote a grade into the registry: the registry as written, or why it
    /// could not.
    RegistryGraded {
        /// The entry.
        entry: String,
        /// The registry as written, or why not.
        outcome: Result<Registry, String>,
    },
    /// The article was opened from the article list of folder mode: the commands that
    /// leave it for the list or another article work.
    OpenedFromList,
    /// The session counted the mentions of the registry's entries across the corpus.
    RegistryMentions(Arc<MentionCounts>),
    /// The session applied a change of the registry screen to the registry file: the
    /// registry as written, or why it could not.
    RegistryEdited {
        /// The change.
        edit: RegistryEdit,
        /// The registry as written, or why not.
        outcome: Result<Registry, String>,
    },
    /// Merge a record read from a foreign file into the store, as one step.
    Import {
        /// The file it came from, as the status line names it.
        source: String,
        /// The record.
        record: Box<ImportedDoc>,
        /// How to apply it.
        options: ApplyOptions,
    },
    /// Labels and attribute values an import added to the sidecar's schema that the
    /// sidecar lacks (found in an earlier session's recovery journal, or kept by this
    /// session when another program replaced the sidecar): the schema and the sidecar
    /// take them again.
    SchemaRecovered(SchemaExtension),
    /// Start adjudicating: settle the conflicts in the store, or those of a working
    /// sidecar that replaces its contents (one step).
    Adjudicate(Box<Start>),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the sidecar (answer with [`Action::Saved`]).
    Save,
    /// End the session (after a final save).
    Quit,
    /// Check the sidecar on disk as `scholia validate` does (answer with a notice).
    Validate,
    /// Write the article's export in this format next to it (answer with a notice).
    Export(ExportFormat),
    /// Count the other articles of the corpus that use this registry entry (answer with
    /// [`Action::RegistryUse`]).
    CountRegistryUse {
        /// The entry.
        entry: String,
        /// The grade asked for (empty: clear it).
        grade: String,
    },
    /// Grade the registry entry, durably (answer with [`Action::RegistryGraded`]).
    GradeRegistry {
        /// The entry.
        entry: String,
        /// The grade (empty: clear it).
        grade: String,
    },
    /// Count the mentions of every registry entry across the corpus (answer with
    /// [`Action::RegistryMentions`]).
    CountRegistryMentions,
    /// Change the registry file, durably (answer with [`Action::RegistryEdited`]).
    EditRegistry(RegistryEdit),
}
