//! What each panel tab lists, kept between frames: the entries of every tab in order
//! (its filter applied) and the counts of the tab bar and the status line. They are
//! worked out on first use after the store or a setting they depend on changed (an
//! edit, a filter typed, rejected suggestions shown, the review order, a skip), so a
//! key that changes none of these (moving, drawing) never walks the annotations.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use super::review::ReviewOrder;
use super::state::Tab;

/// One entry of a tab's list, before it is made into a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// An annotation, by id.
    Annotation(String),
    /// Entity mentions grouped by label and entity (or by their words when unlinked).
    Group(EntityGroup),
}

/// The mentions of one entity (or one name) under one label, as the Entities tab lists
/// them.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityGroup {
    /// The label.
    pub label: String,
    /// The entity's name, or the mention's words (not yet sanitised).
    pub name: String,
    /// Whether the mentions are linked to an entity.
    pub linked: bool,
    /// How many mentions.
    pub mentions: usize,
    /// How many of them are pending.
    pub pending: usize,
    /// The first mention in reading order (where Enter jumps).
    pub first: Option<String>,
}

impl Entry {
    /// The annotation the entry's row jumps to.
    pub fn target(&self) -> Option<&str> {
        match self {
            Entry::Annotation(id) => Some(id),
            Entry::Group(group) => group.first.as_deref(),
        }
    }
}

/// A tab's list: the entries that match its filter, in order, and how many the tab has
/// without the filter.
#[derive(Debug, Default)]
pub struct TabList {
    entries: Vec<Entry>,
    total: usize,
    /// Where each target is listed, made on first lookup.
    positions: OnceLock<HashMap<String, usize>>,
}

impl TabList {
    /// A list of these entries (already filtered) out of `total` unfiltered ones.
    pub fn new(entries: Vec<Entry>, total: usize) -> TabList {
        TabList {
            entries,
            total,
            positions: OnceLock::new(),
        }
    }

    /// How many entries match the filter.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry matches the filter.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many entries the tab has without its filter.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The entry at `index`.
    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// The entries from `start`, at most `count` of them.
    pub fn window(&self, start: usize, count: usize) -> &[Entry] {
        let start = start.min(self.entries.len());
        let end = start.saturating_add(count).min(self.entries.len());
        &self.entries[start..end]
    }

    /// The annotation the entry at `index` jumps to.
    pub fn target(&self, index: usize) -> Option<&str> {
        self.entries.get(index).and_then(Entry::target)
    }

    /// Where the entry jumping to annotation `id` is listed (the first, for a group).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.positions
            .get_or_init(|| {
                let mut positions = HashMap::with_capacity(self.entries.len());
                for (i, entry) in self.entries.iter().enumerate() {
                    if let Some(target) = entry.target() {
                        positions.entry(target.to_string()).or_insert(i);
                    }
                }
                positions
            })
            .get(id)
            .copied()
    }

    /// Every target, in order.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter_map(Entry::target)
    }
}

/// How many rows each tab has (unfiltered) and how far the review is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Claims shown.
    pub claims: usize,
    /// Sources shown.
    pub sources: usize,
    /// Entity mentions shown.
    pub entities: usize,
    /// What awaits review.
    pub pending: usize,
    /// Annotations that could not be placed.
    pub orphans: usize,
    /// Suggestions decided on.
    pub decided: usize,
    /// Suggestions in all (decided or awaiting review).
    pub reviewable: usize,
    /// Conflict sets not yet settled.
    pub conflicts: usize,
}

/// Everything a tab's list depends on besides the tab: the store's version, whether
/// rejected suggestions are shown, the review's order and skips, the tab's filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListKey {
    /// [`crate::domain::store::Store::version`].
    pub store: (u64, u64),
    /// Whether rejected suggestions are shown.
    pub show_rejected: bool,
    /// The review order.
    pub order: ReviewOrder,
    /// How many suggestions were skipped (skips only add to the set).
    pub skipped: usize,
    /// The tab's filter.
    pub filter: String,
}

/// The relations by the annotation they start and end at, and how many mentions each
/// entity has: what rows and the details box show of an annotation's links without
/// looking at every relation or annotation.
#[derive(Debug, Default, PartialEq)]
pub struct Links {
    /// Relation ids by the annotation they start at, by id.
    pub from: HashMap<String, Vec<String>>,
    /// Relation ids by the annotation they point to, by id.
    pub to: HashMap<String, Vec<String>>,
    /// How many annotations are mentions of each entity.
    pub mentions: HashMap<String, usize>,
}

/// A value worked out for a key, kept until it is asked for with another key.
#[derive(Debug)]
struct KeptFor<K, V>(RefCell<Option<(K, V)>>);

impl<K, V> Default for KeptFor<K, V> {
    fn default() -> Self {
        KeptFor(RefCell::new(None))
    }
}

impl<K: PartialEq, V: Clone> KeptFor<K, V> {
    /// The value kept for `key`, or the one `make` works out, kept from now on.
    fn get(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some((kept_key, value)) = &*self.0.borrow() {
            if *kept_key == key {
                return value.clone();
            }
        }
        let value = make();
        *self.0.borrow_mut() = Some((key, value.clone()));
        value
    }
}

/// The kept lists and counts (see the module's documentation).
#[derive(Debug, Default)]
pub struct PanelLists {
    tabs: [KeptFor<ListKey, Arc<TabList>>; Tab::ALL.len()],
    counts: KeptFor<((u64, u64), bool), Counts>,
    links: KeptFor<(u64, u64), Arc<Links>>,
}

impl PanelLists {
    /// `tab`'s list for `key`: the kept one when made for the same key, else the one
    /// `make` works out, kept from now on.
    pub fn list(&self, tab: Tab, key: ListKey, make: impl FnOnce() -> TabList) -> Arc<TabList> {
        self.tabs[tab.index()].get(key, || Arc::new(make()))
    }

    /// The counts for a store version and rejected suggestions shown or not: the kept
    /// ones when made for the same, else those `make` works out.
    pub fn counts(
        &self,
        store: (u64, u64),
        show_rejected: bool,
        make: impl FnOnce() -> Counts,
    ) -> Counts {
        self.counts.get((store, show_rejected), make)
    }

    /// The links for a store version: the kept ones when made for the same, else those
    /// `make` works out.
    pub fn links(&self, store: (u64, u64), make: impl FnOnce() -> Links) -> Arc<Links> {
        self.links.get(store, || Arc::new(make()))
    }
}
