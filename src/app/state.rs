//! The workbench's state: the article, its annotations, the cursor, the selection, the
//! panel, the prompt on screen. Terminal-free; `update` is the only thing that changes it.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use crate::domain::document::Document;
use crate::domain::model::SharedStr;
use crate::domain::registry::mentions::MentionCounts;
use crate::domain::schema::{Schema, SchemaExtension};
use crate::domain::sidecar::Kept;
use crate::domain::store::Store;
use crate::formats::export::ExportFormat;

use super::adjudication::Adjudication;
use super::claims_table::ClaimsTable;
use super::command::Command;
use super::focus::Chosen;
use super::folder_moves::Leave;
use super::grouping::{Grouping, MentionIndex};
use super::key::Key;
use super::keymap::Keymap;
use super::link_picker::LinkPicker;
use super::message_log::{LoggedMessage, MessageLog};
use super::panel_lists::PanelLists;
use super::picker::Picker;
use super::registry_grade::{CorpusRegistry, GradeAsked};
use super::registry_screen::RegistryScreen;
use super::review::Review;
use super::screen::ScreenLayout;
use super::search::{Recall, Search, SearchHistory};
use super::text_input::TextInput;
use super::view_rows::ViewRows;

/// Which pane the keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article.
    Article,
    /// The side panel.
    Panel,
}

/// The panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Entities grouped by canonical entity and label, with mention counts.
    Entities,
    /// Claims with stance, credibility and sources.
    Claims,
    /// Sources with reliability.
    Sources,
    /// Pending suggestions to review.
    Review,
    /// Annotations that could not be placed.
    Orphans,
    /// Disagreements to settle (shown only while adjudicating).
    Adjudication,
}

impl Tab {
    /// The tab a session opens on: Review when suggestions await review, else Claims.
    pub fn first_for(store: &Store) -> Tab {
        if store.iter_annotations().any(super::review::awaits_review) {
            Tab::Review
        } else {
            Tab::Claims
        }
    }

    /// Every tab, in order.
    pub const ALL: [Tab; 6] = [
        Tab::Entities,
        Tab::Claims,
        Tab::Sources,
        Tab::Review,
        Tab::Orphans,
        Tab::Adjudication,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Entities => "Entities",
            Tab::Claims => "Claims",
            Tab::Sources => "Sources",
            Tab::Review => "Review",
            Tab::Orphans => "Orphans",
            Tab::Adjudication => "Adjudication",
        }
    }

    /// The tab titled `title`, if any.
    pub fn from_title(title: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.title() == title)
    }

    /// The tab's place in [`Tab::ALL`].
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `delta` places away, wrapping.
    pub fn step(self, delta: isize) -> Tab {
        let i = self.index() as isize;
        Tab::ALL[(i + delta).rem_euclid(Tab::ALL.len() as isize) as usize]
    }
}

/// The panel's own state.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelState {
    /// The tab shown.
    pub tab: Tab,
    /// The highlighted row.
    pub selected: usize,
    /// The first row shown (scroll).
    pub scroll: usize,
    /// Text each tab's rows are filtered by, in the order of [`Tab::ALL`].
    filters: [String; Tab::ALL.len()],
}

impl PanelState {
    /// A panel showing `tab`, first row highlighted, no filters.
    pub fn new(tab: Tab) -> PanelState {
        PanelState {
            tab,
            selected: 0,
            scroll: 0,
            filters: Default::default(),
        }
    }

    /// The text `tab`'s rows are filtered by (empty: none).
    pub fn filter(&self, tab: Tab) -> &str {
        &self.filters[tab.index()]
    }

    /// Filters the shown tab's rows by `text` (empty: no filter).
    pub fn set_filter(&mut self, text: &str) {
        self.filters[self.tab.index()] = text.to_string();
    }
}

/// What a picker's choice does.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    /// Run this command (the palette).
    Run(Command),
    /// Remove the relation with this id.
    Unlink(String),
    /// Give the annotation this label.
    Relabel(String),
    /// Set this attribute to this value on the annotation (or its entity).
    SetAttr {
        /// Attribute name.
        name: String,
        /// Value; empty clears it.
        value: String,
        /// Whether it goes on the linked entity rather than the annotation.
        on_entity: bool,
    },
    /// Make the mention part of this entity (`None`: a new entity named after it).
    MergeInto(Option<String>),
    /// Link the mention's entity to this registry entry (making one if it has none).
    MergeRegistry(String),
    /// Export the article in this format, next to it.
    Export(ExportFormat),
    /// Make the mention part of this entity, settling their different reliability
    /// grades on this one.
    MergeKeeping {
        /// The entity id.
        entity: String,
        /// The grade the entity keeps.
        reliability: String,
    },
}

/// A prompt drawn over the screen; keys go to it first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key reference.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// A list to pick from.
    Picker {
        /// The list.
        picker: Picker<Pick>,
        /// The annotation it acts on, if any.
        target: Option<String>,
    },
    /// The note editor.
    Note {
        /// The text being edited.
        input: TextInput,
        /// The annotation whose note it is.
        target: String,
    },
    /// The search prompt.
    Search {
        /// The pattern being typed.
        input: TextInput,
        /// How far Up and Down have walked the earlier patterns.
        recall: Recall,
    },
    /// The message log, scrolled `back` messages up from the newest.
    Messages {
        /// How many of the newest messages are scrolled out of view below.
        back: usize,
    },
    /// The panel filter prompt.
    Filter {
        /// The filter being typed.
        input: TextInput,
    },
    /// The link picker: targets for the claim's link and the relation type.
    Link(LinkPicker),
    /// The claims table, over the whole screen.
    Claims(ClaimsTable),
    /// The registry screen, over the whole screen.
    Registry(RegistryScreen),
}

/// How the save state shows on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// On disk.
    Saved,
    /// Changes not yet written.
    Unsaved,
    /// A background save is writing the sidecar.
    Saving,
    /// The last save failed; the message says why.
    Failed(String),
}

/// A status line message and how loud it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// One line.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// A revision no store has: the sidecar does not hold what the workbench holds.
pub(crate) const NOT_SAVED: u64 = u64::MAX;

/// The whole state of one workbench session.
#[derive(Debug)]
pub struct App {
    /// The article (shared with the thread that reads its annotations while the first
    /// screen shows).
    pub(crate) doc: Arc<Document>,
    /// Its annotations.
    pub(crate) store: Store,
    /// The annotations are still being read and placed: the store is empty until they
    /// come (see `Session::open_first_screen_first`).
    pub(crate) loading: bool,
    /// Sidecar fields carried through.
    pub(crate) kept: Kept,
    /// Where the sidecar lives.
    pub(crate) sidecar_path: PathBuf,
    /// Why the session cannot save, if it cannot.
    pub(crate) read_only: Option<String>,
    /// The labels in use.
    pub(crate) schema: Schema,
    /// Key bindings.
    pub(crate) keymap: Keymap,
    /// Who is annotating (written on new and changed annotations, which share it).
    pub(crate) annotator: SharedStr,
    /// The cursor, a byte offset on a grapheme boundary.
    pub(crate) cursor: usize,
    /// The other end of the visual selection, when selecting.
    pub(crate) anchor: Option<usize>,
    /// The annotation chosen among those under the cursor (`]`, `[`, `;`, a new tag, a
    /// jump from the panel); see `app::focus`.
    pub(crate) focused: Option<Chosen>,
    /// Byte offset of the first display row shown.
    pub(crate) top: usize,
    /// The rows on screen, laid out once for the view (see `app::view_rows`).
    pub(crate) view_rows: ViewRows,
    /// Column the cursor wants to be in when moving up and down.
    pub(crate) goal_column: Option<u16>,
    /// Terminal size.
    pub(crate) size: (u16, u16),
    /// Where things go on screen.
    pub(crate) screen: ScreenLayout,
    /// Which pane has the keys.
    pub(crate) focus: Focus,
    /// The panel.
    pub(crate) panel: PanelState,
    /// What the panel's tabs list and count, kept until the store or a setting they
    /// depend on changes (see `app::panel_lists`).
    pub(crate) panel_lists: PanelLists,
    /// The prompt on screen, if any.
    pub(crate) overlay: Option<Overlay>,
    /// Keys typed so far of a multi-key binding.
    pub(crate) pending_keys: Vec<Key>,
    /// The last search.
    pub(crate) search: Option<Search>,
    /// The patterns searched for in this session.
    pub(crate) search_history: SearchHistory,
    /// The status line message.
    pub(crate) message: Option<Message>,
    /// Every message of the session (the last few hundred).
    log: MessageLog,
    /// Save state for the status line.
    pub(crate) save_state: SaveState,
    /// The store revision last written ([`NOT_SAVED`] when the sidecar is behind in
    /// something that is not an edit of the store, such as its schema).
    pub(crate) saved_revision: u64,
    /// The sidecar's schema changed while a background write was in flight: that write
    /// holds the schema as it was, so its report does not make the sidecar saved.
    pub(crate) schema_behind_save: bool,
    /// What imports added to the sidecar's schema that the recovery journal does not
    /// hold yet (the session writes it there with the store's edits).
    pub(crate) schema_to_journal: SchemaExtension,
    /// Review progress and decisions.
    pub(crate) review: Review,
    /// Whether rejected suggestions are shown.
    pub(crate) show_rejected: bool,
    /// The grouping proposed for the annotation under the cursor, kept until the store
    /// or that annotation changes (working it out looks at every mention).
    pub(crate) grouping: GroupingCache,
    /// Why the recovery journal misses some of the unsaved changes, if it does (cleared
    /// when a save writes them all).
    pub(crate) journal_failed: Option<String>,
    /// Quitting would lose changes and waits for the analyst to confirm (`y`).
    pub(crate) confirm_quit: bool,
    /// The registry of the article's corpus, when it has one.
    pub(crate) registry: Option<CorpusRegistry>,
    /// A registry grade waiting for the analyst to confirm it (`y`).
    pub(crate) registry_grade_asked: Option<GradeAsked>,
    /// The mentions of the registry's entries across the corpus, once counted (the
    /// registry screen asks for them the first time it opens).
    pub(crate) registry_mentions: Option<Arc<MentionCounts>>,
    /// Set when the session should end.
    pub(crate) quit: bool,
    /// The adjudication in progress, if any (see `app::adjudication`).
    pub(crate) adjudication: Option<Adjudication>,
    /// The article was opened from the article list of folder mode.
    pub(crate) opened_from_list: bool,
    /// Where the analyst asked to go from this article, in folder mode.
    pub(crate) leave: Option<Leave>,
}

/// The last grouping proposal and what it was worked out for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupingCache {
    /// The store version it was worked out on.
    pub version: (u64, u64),
    /// The annotation it was worked out for.
    pub id: Option<String>,
    /// The proposal, if any.
    pub proposal: Option<Arc<Grouping>>,
    /// What proposals are worked out from, for one store version.
    pub mentions: Option<Mentions>,
}

/// The mentions a grouping can take in one store version, and the proposals already
/// worked out by label and folded words (every mention with the same label and folded
/// words has the same proposal), kept through edits that change none of the mentions
/// they look at, so that moving back onto a name, or a decision on another name, costs
/// nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentions {
    /// The store version.
    pub version: (u64, u64),
    /// The mentions by label and last word.
    pub index: Arc<MentionIndex>,
    /// Proposals by label and folded words.
    pub proposals: HashMap<(String, String), Option<Arc<Grouping>>>,
}

/// Everything needed to start a session on one article.
#[derive(Debug)]
pub struct Setup {
    /// The article.
    pub doc: Arc<Document>,
    /// Its annotations as loaded.
    pub store: Store,
    /// The annotations are still being read: `store` is empty until they come.
    pub loading: bool,
    /// Sidecar fields carried through.
    pub kept: Kept,
    /// Where the sidecar lives.
    pub sidecar_path: PathBuf,
    /// Why the session cannot save, if it cannot.
    pub read_only: Option<String>,
    /// The labels in use.
    pub schema: Schema,
    /// Key bindings.
    pub keymap: Keymap,
    /// Who is annotating.
    pub annotator: String,
    /// The registry of the article's corpus, when it has one.
    pub registry: Option<CorpusRegistry>,
}

impl App {
    /// A session at the top of the article, article focused, nothing selected.
    pub fn new(setup: Setup) -> App {
        let cursor = setup.doc.content_start();
        let saved_revision = setup.store.revision();
        let tab = Tab::first_for(&setup.store);
        App {
            doc: setup.doc,
            store: setup.store,
            loading: setup.loading,
            kept: setup.kept,
            sidecar_path: setup.sidecar_path,
            read_only: setup.read_only,
            schema: setup.schema,
            keymap: setup.keymap,
            annotator: setup.annotator.into(),
            cursor,
            anchor: None,
            focused: None,
            top: cursor,
            view_rows: ViewRows::default(),
            goal_column: None,
            size: (0, 0),
            screen: ScreenLayout::default(),
            focus: Focus::Article,
            panel: PanelState::new(tab),
            panel_lists: PanelLists::default(),
            overlay: None,
            pending_keys: Vec::new(),
            search: None,
            search_history: SearchHistory::default(),
            message: None,
            log: MessageLog::default(),
            save_state: SaveState::Saved,
            saved_revision,
            schema_behind_save: false,
            schema_to_journal: SchemaExtension::default(),
            review: Review::default(),
            show_rejected: false,
            grouping: GroupingCache::default(),
            journal_failed: None,
            confirm_quit: false,
            registry: setup.registry,
            registry_grade_asked: None,
            registry_mentions: None,
            quit: false,
            adjudication: None,
            opened_from_list: false,
            leave: None,
        }
    }

    /// The adjudication in progress, if any.
    pub fn adjudication(&self) -> Option<&Adjudication> {
        self.adjudication.as_ref()
    }

    /// The panel tabs shown: the Adjudication tab only while adjudicating.
    pub fn tabs(&self) -> impl Iterator<Item = Tab> + '_ {
        Tab::ALL
            .into_iter()
            .filter(|&tab| tab != Tab::Adjudication || self.adjudication.is_some())
    }

    /// The cursor, a byte offset on a grapheme boundary.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The other end of the visual selection, when selecting.
    pub fn anchor(&self) -> Option<usize> {
        self.anchor
    }

    /// The article.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Its annotations.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The grouping proposed for the annotation `id`, as the details box shows it:
    /// the one worked out after the last action, when it was for `id`.
    pub fn grouping_proposal_for(&self, id: &str) -> Option<&Grouping> {
        self.grouping
            .proposal
            .as_deref()
            .filter(|_| self.grouping.id.as_deref() == Some(id))
    }

    /// Whether the annotations are still being read and placed (the store is empty
    /// meanwhile, and the keys wait for them).
    pub fn loading(&self) -> bool {
        self.loading
    }

    /// Whether the sidecar holds every change, is being written, or failed to be.
    pub fn save_state(&self) -> &SaveState {
        &self.save_state
    }

    /// The sidecar's fields this version does not know, carried through.
    pub fn kept(&self) -> &Kept {
        &self.kept
    }

    /// Why the session cannot save, if it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Byte offset of the first display row shown.
    pub fn top(&self) -> usize {
        self.top
    }

    /// The terminal size the screen is laid out for (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Where things go on screen.
    pub fn screen(&self) -> &ScreenLayout {
        &self.screen
    }

    /// The last search and its matches.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Which pane has the keys.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The panel: its tab, highlighted row, scroll and filter.
    pub fn panel(&self) -> &PanelState {
        &self.panel
    }

    /// The prompt on screen, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// Review progress and decisions.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// Whether rejected suggestions are shown.
    pub fn show_rejected(&self) -> bool {
        self.show_rejected
    }

    /// Why the recovery journal misses some of the unsaved changes, if it does.
    pub fn journal_failed(&self) -> Option<&str> {
        self.journal_failed.as_deref()
    }

    /// Whether quitting waits for the analyst to confirm that changes will be lost.
    pub fn confirm_quit(&self) -> bool {
        self.confirm_quit
    }

    /// Where the analyst asked to go from this article, in folder mode.
    pub fn leave(&self) -> Option<Leave> {
        self.leave
    }

    /// Whether the session should end.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// The status line message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Every message said in this session (the last [`super::message_log::MAX_MESSAGES`]),
    /// oldest first.
    pub fn messages(&self) -> &VecDeque<LoggedMessage> {
        self.log.messages()
    }

    /// Tells the analyst something on the status line (and keeps it in the log).
    pub fn say(&mut self, text: impl Into<String>) {
        self.tell(text.into(), false);
    }

    /// Tells the analyst on the status line that something went wrong (and keeps it in
    /// the log).
    pub fn complain(&mut self, text: impl Into<String>) {
        self.tell(text.into(), true);
    }

    fn tell(&mut self, text: String, error: bool) {
        self.log.push(&text, error, SystemTime::now());
        self.message = Some(Message { text, error });
    }

    /// Clears the status line.
    pub fn clear_message(&mut self) {
        self.message = None;
    }
}
