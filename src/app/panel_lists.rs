//! What each panel tab lists, kept between frames: the entries of every tab in order
//! (its filter applied) and the counts of the tab bar and the status line. They are
//! worked out on first use after a setting they depend on changed (a filter typed,
//! rejected suggestions shown, the review order, a skip), so a key that changes none of
//! these (moving, drawing) never walks the annotations. After an edit, the counts, the
//! links and the Review tab's list (a [sorted](TabList::sorted) list, which holds the
//! annotations it lists and nothing else per annotation: see [`super::sorted_list`])
//! catch up with the annotations the edit changed; the other tabs' lists are worked out
//! again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::domain::ids::natural_cmp;
use crate::domain::model::{Annotation, Relation};
use crate::domain::store::Store;

use super::review::ReviewOrder;
use super::sorted_list::{Listed, SortedList};
use super::state::Tab;
use super::tally::Tally;

/// One entry of a tab's list, before it is made into a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// An annotation, by id.
    Annotation(String),
    /// Entity mentions grouped by label and entity (or by their words when unlinked).
    Group(Box<EntityGroup>),
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
#[derive(Debug, Default, Clone)]
pub struct TabList {
    held: Held,
    total: usize,
}

/// How a [`TabList`] holds its entries.
#[derive(Debug, Clone)]
enum Held {
    /// The entries as made, and where each target is listed, made on first lookup.
    Entries {
        entries: Vec<Entry>,
        positions: OnceLock<HashMap<String, usize>>,
    },
    /// Annotations kept in order one at a time (the Review tab's list).
    Sorted(SortedList),
}

impl Default for Held {
    fn default() -> Self {
        Held::Entries {
            entries: Vec::new(),
            positions: OnceLock::new(),
        }
    }
}

impl TabList {
    /// A list of these entries (already filtered) out of `total` unfiltered ones.
    pub fn new(entries: Vec<Entry>, total: usize) -> TabList {
        TabList {
            held: Held::Entries {
                entries,
                positions: OnceLock::new(),
            },
            total,
        }
    }

    /// A list of annotations kept in order (already filtered) out of `total`
    /// unfiltered ones, which can be kept up to date one annotation at a time
    /// ([`TabList::put`]).
    pub fn sorted(list: SortedList, total: usize) -> TabList {
        TabList {
            held: Held::Sorted(list),
            total,
        }
    }

    /// Brings one annotation up to date in a sorted list: `before`, the version listed
    /// until now (if it was), leaves its place, and `after` is listed where its key puts
    /// it; the unfiltered count moves by `total_change`. `false` (nothing changed) when
    /// the list is not sorted.
    pub fn put(
        &mut self,
        before: Option<&Annotation>,
        after: Option<Listed>,
        total_change: isize,
    ) -> bool {
        let Held::Sorted(list) = &mut self.held else {
            return false;
        };
        list.put(before, after);
        self.total = self.total.saturating_add_signed(total_change);
        true
    }

    /// How many entries match the filter.
    pub fn len(&self) -> usize {
        match &self.held {
            Held::Entries { entries, .. } => entries.len(),
            Held::Sorted(list) => list.len(),
        }
    }

    /// Whether no entry matches the filter.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many entries the tab has without its filter.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The entries from `start`, at most `count` of them (made for those only, from a
    /// sorted list).
    pub fn window(&self, start: usize, count: usize) -> Vec<Entry> {
        let start = start.min(self.len());
        let end = start.saturating_add(count).min(self.len());
        match &self.held {
            Held::Entries { entries, .. } => entries[start..end].to_vec(),
            Held::Sorted(list) => (start..end)
                .filter_map(|i| list.id(i))
                .map(|id| Entry::Annotation(id.to_string()))
                .collect(),
        }
    }

    /// The annotation the entry at `index` jumps to.
    pub fn target(&self, index: usize) -> Option<&str> {
        match &self.held {
            Held::Entries { entries, .. } => entries.get(index).and_then(Entry::target),
            Held::Sorted(list) => list.id(index),
        }
    }

    /// Where the entry jumping to annotation `id` is listed (the first, for a group);
    /// a sorted list finds it by the annotation as `store` has it, which is the version
    /// listed while the list is up to date with the store.
    pub fn position(&self, store: &Store, id: &str) -> Option<usize> {
        match &self.held {
            Held::Sorted(list) => store.annotation(id).and_then(|a| list.find(a)),
            Held::Entries { entries, positions } => positions
                .get_or_init(|| {
                    let mut positions = HashMap::with_capacity(entries.len());
                    for (i, entry) in entries.iter().enumerate() {
                        if let Some(target) = entry.target() {
                            positions.entry(target.to_string()).or_insert(i);
                        }
                    }
                    positions
                })
                .get(id)
                .copied(),
        }
    }

    /// Every target, in order.
    pub fn targets(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.target(i))
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
/// looking at every relation or annotation. Kept up to date by the store's edits
/// ([`Links::catch_up`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Links {
    /// Relation ids by the annotation they start at, by id.
    pub from: HashMap<String, Vec<String>>,
    /// Relation ids by the annotation they point to, by id.
    pub to: HashMap<String, Vec<String>>,
    /// How many annotations are mentions of each entity.
    pub mentions: HashMap<String, usize>,
    /// The ends of each relation listed.
    ends: HashMap<String, (String, String)>,
    /// The entity of each annotation counted as a mention.
    entity_of: HashMap<String, String>,
}

impl Links {
    /// The links in `store`.
    pub fn build(store: &Store) -> Links {
        let mut links = Links::default();
        for r in store.relations() {
            links.add_relation(r);
        }
        for a in store.iter_annotations() {
            links.add_annotation(a);
        }
        links
    }

    /// Brings the links up to date with the edits made to `store` after revision
    /// `since`; `false` (the links then unusable) when the store no longer knows which
    /// items those edits touched.
    pub fn catch_up(&mut self, store: &Store, since: u64) -> bool {
        let (Some(relations), Some(annotations)) = (
            store.relations_changed_since(since),
            store.annotations_changed_since(since),
        ) else {
            return false;
        };
        for id in relations {
            self.remove_relation(id);
            if let Some(r) = store.relation(id) {
                self.add_relation(r);
            }
        }
        for id in annotations {
            self.remove_annotation(id);
            if let Some(a) = store.annotation(id) {
                self.add_annotation(a);
            }
        }
        true
    }

    fn add_relation(&mut self, r: &Relation) {
        for (end, ids) in [(&r.from, &mut self.from), (&r.to, &mut self.to)] {
            let listed = ids.entry(end.clone()).or_default();
            let at = listed.partition_point(|id| natural_cmp(id, &r.id).is_lt());
            listed.insert(at, r.id.clone());
        }
        self.ends
            .insert(r.id.clone(), (r.from.clone(), r.to.clone()));
    }

    fn remove_relation(&mut self, id: &str) {
        let Some((from, to)) = self.ends.remove(id) else {
            return;
        };
        for (end, ids) in [(from, &mut self.from), (to, &mut self.to)] {
            if let Some(listed) = ids.get_mut(&end) {
                listed.retain(|listed| listed != id);
                if listed.is_empty() {
                    ids.remove(&end);
                }
            }
        }
    }

    fn add_annotation(&mut self, a: &Annotation) {
        if let Some(entity) = &a.entity {
            *self.mentions.entry(entity.clone()).or_default() += 1;
            self.entity_of.insert(a.id.clone(), entity.clone());
        }
    }

    fn remove_annotation(&mut self, id: &str) {
        let Some(entity) = self.entity_of.remove(id) else {
            return;
        };
        if let Some(count) = self.mentions.get_mut(&entity) {
            *count -= 1;
            if *count == 0 {
                self.mentions.remove(&entity);
            }
        }
    }
}

/// A value worked out for a key, kept until it is asked for with another key.
#[derive(Debug)]
struct KeptFor<K, V>(RefCell<Option<(K, V)>>);

impl<K, V> Default for KeptFor<K, V> {
    fn default() -> Self {
        KeptFor(RefCell::new(None))
    }
}

/// The kept lists and counts (see the module's documentation).
#[derive(Debug, Default)]
pub struct PanelLists {
    tabs: [KeptFor<ListKey, Arc<TabList>>; Tab::ALL.len()],
    counts: KeptFor<((u64, u64), bool), Arc<Tally>>,
    links: KeptFor<(u64, u64), Arc<Links>>,
}

impl PanelLists {
    /// `tab`'s list for `key`: the kept one when made for the same key; when made for
    /// an earlier version of the same store with the same settings but maybe fewer
    /// skips, the kept one brought up to date by `catch_up` (given the revision it was
    /// made for and how many suggestions were skipped then), unless it cannot; else the
    /// one `make` works out, kept from now on.
    pub fn list(
        &self,
        tab: Tab,
        key: ListKey,
        catch_up: impl FnOnce(&mut TabList, (u64, usize)) -> bool,
        make: impl FnOnce() -> TabList,
    ) -> Arc<TabList> {
        self.tabs[tab.index()].catch_up_or_make(
            key,
            |kept, key| {
                let earlier = ListKey {
                    store: kept.store,
                    skipped: kept.skipped,
                    ..key.clone()
                };
                (kept.store.0 == key.store.0 && kept.skipped <= key.skipped && earlier == *kept)
                    .then_some((kept.store.1, kept.skipped))
            },
            catch_up,
            make,
        )
    }

    /// The counts for a store version and rejected suggestions shown or not: the kept
    /// ones when made for the same, the kept ones brought up to date by `catch_up` for
    /// a later version of the same store, else those `make` works out.
    pub fn counts(
        &self,
        store: (u64, u64),
        show_rejected: bool,
        catch_up: impl FnOnce(&mut Tally, u64) -> bool,
        make: impl FnOnce() -> Tally,
    ) -> Counts {
        self.counts
            .catch_up_or_make(
                (store, show_rejected),
                |(kept, kept_shown), _| {
                    (kept.0 == store.0 && *kept_shown == show_rejected).then_some(kept.1)
                },
                catch_up,
                make,
            )
            .counts()
    }

    /// The links for a store version: the kept ones when made for the same; for a
    /// later version of the same store, the kept ones brought up to date by
    /// `catch_up` (given the revision they were made for), unless it cannot; else
    /// those `make` works out.
    pub fn links(
        &self,
        store: (u64, u64),
        catch_up: impl FnOnce(&mut Links, u64) -> bool,
        make: impl FnOnce() -> Links,
    ) -> Arc<Links> {
        self.links.catch_up_or_make(
            store,
            |kept, store| (kept.0 == store.0).then_some(kept.1),
            catch_up,
            make,
        )
    }
}

impl<K: PartialEq, V: Clone> KeptFor<K, Arc<V>> {
    /// The value kept for `key`; else, when `since` finds the kept value's key an
    /// earlier state of `key` (and says which), the kept value brought up to date by
    /// `catch_up`, unless it cannot; else the one `make` works out. Kept from now on.
    /// The kept value is changed in place when nothing else holds it (else a copy is
    /// changed, and counted as a list copied).
    fn catch_up_or_make<S>(
        &self,
        key: K,
        since: impl FnOnce(&K, &K) -> Option<S>,
        catch_up: impl FnOnce(&mut V, S) -> bool,
        make: impl FnOnce() -> V,
    ) -> Arc<V> {
        // Nothing is borrowed while `catch_up` or `make` run: they may ask for other
        // kept values.
        let kept = self.0.borrow_mut().take();
        if let Some((kept_key, mut value)) = kept {
            if kept_key == key {
                *self.0.borrow_mut() = Some((kept_key, value.clone()));
                return value;
            }
            if let Some(revision) = since(&kept_key, &key) {
                if Arc::strong_count(&value) > 1 {
                    super::panel::count_copy();
                }
                if catch_up(Arc::make_mut(&mut value), revision) {
                    *self.0.borrow_mut() = Some((key, value.clone()));
                    return value;
                }
            }
        }
        let value = Arc::new(make());
        *self.0.borrow_mut() = Some((key, value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    fn annotation(id: &str, entity: Option<&str>) -> Annotation {
        let mut a = Annotation::new(id, Kind::Entity, "PERSON", vec![Span::new(0, 1)]);
        a.entity = entity.map(str::to_string);
        a
    }

    #[test]
    fn links_kept_up_to_date_by_edits_are_the_links_built_afresh() {
        let mut store = Store::new();
        store.insert_annotation(annotation("a1", Some("e1")));
        store.insert_annotation(annotation("a2", None));
        store.insert_relation(Relation::new("r2", "mentions", "a1", "a2"));
        store.insert_relation(Relation::new("r10", "mentions", "a1", "a2"));
        let mut links = Links::build(&store);
        let mut since = store.revision();
        let mut check = |store: &Store, links: &mut Links| {
            assert!(links.catch_up(store, since));
            since = store.revision();
            assert_eq!(*links, Links::build(store));
        };
        store.insert_relation(Relation::new("r1", "mentions", "a2", "a1"));
        store.insert_annotation(annotation("a3", Some("e1")));
        check(&store, &mut links);
        assert_eq!(links.from["a1"], ["r2", "r10"], "by id");
        assert_eq!(links.mentions["e1"], 2);
        store.replace_annotation(annotation("a1", Some("e2")));
        store.remove_relation("r2");
        check(&store, &mut links);
        store.remove_annotation("a2");
        check(&store, &mut links);
        assert!(links.to.is_empty() && links.from.is_empty());
        store.undo();
        check(&store, &mut links);
        assert_eq!(links.to["a2"], ["r10"]);
    }
}
