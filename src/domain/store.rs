//! The annotation store: annotations, entities and relations, changed only through
//! invertible edits, grouped into the steps of one history (see [`super::history`]).

use std::cell::{Cell, OnceCell};
use std::cmp::Ordering;
use std::sync::atomic::{self, AtomicU64};
use std::sync::Arc;

use super::done::DoneMark;
use super::edit::Edit;
use super::history::{Marker, NotTakenBack, Restored, Step, StepKind};
use super::ids::{natural_cmp, natural_key, IdCounter};
use super::model::{Annotation, Entity, Relation};
use super::span_index::SpanIndex;
pub use by_id::HasId;
use by_id::{ById, Items};
pub use change_log::Change;
use change_log::ChangeLog;

mod by_id;
mod change_log;

/// Everything annotated on one article, with its history. Each item is held behind an
/// `Arc`, so that a [snapshot](Store::snapshot) for the sidecar writer shares the
/// items instead of copying them.
#[derive(Debug, Default)]
pub struct Store {
    annotations: Items<Annotation>,
    entities: Items<Entity>,
    relations: Items<Relation>,
    done: Option<DoneMark>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    open_step: Option<Step>,
    group_depth: usize,
    revision: u64,
    identity: Identity,
    index: OnceCell<SpanIndex>,
    /// The annotations in reading order, built on first use after an edit that adds,
    /// removes or moves one (an annotation only decided on or relabelled keeps its
    /// place: it is looked up by the id of the version listed).
    order: OnceCell<Vec<Arc<Annotation>>>,
    applied: Option<Vec<Edit>>,
    /// Edits are applied without being kept for undo (see [`Store::forget_history`]).
    without_history: bool,
    /// The annotations each recent revision touched.
    annotation_changes: ChangeLog<Annotation>,
    /// The relations each recent revision touched.
    relation_changes: ChangeLog<Relation>,
}

/// The store's items at one revision, shared with the store (a snapshot copies
/// pointers, not annotations), in no particular order: what the sidecar writer needs,
/// sent to its thread.
#[derive(Debug, Clone, Default)]
pub struct StoreSnapshot {
    /// Every annotation.
    pub annotations: Vec<Arc<Annotation>>,
    /// Every entity.
    pub entities: Vec<Arc<Entity>>,
    /// Every relation.
    pub relations: Vec<Arc<Relation>>,
    /// The done mark.
    pub done: Option<DoneMark>,
}

impl StoreSnapshot {
    /// The annotations in reading order, as [`Store::annotations`] lists them.
    pub fn annotations_in_order(&self) -> Vec<&Annotation> {
        let mut all: Vec<&Annotation> = self.annotations.iter().map(|a| &**a).collect();
        all.sort_by(|a, b| reading_cmp(a, b));
        all
    }

    /// The entities by id.
    pub fn entities_in_order(&self) -> Vec<&Entity> {
        let mut all: Vec<&Entity> = self.entities.iter().map(|e| &**e).collect();
        all.sort_by_cached_key(|e| natural_key(&e.id));
        all
    }

    /// The relations by id.
    pub fn relations_in_order(&self) -> Vec<&Relation> {
        let mut all: Vec<&Relation> = self.relations.iter().map(|r| &**r).collect();
        all.sort_by_cached_key(|r| natural_key(&r.id));
        all
    }
}

/// Reading order: first span start, then end, then id (naturally).
pub fn reading_cmp(a: &Annotation, b: &Annotation) -> Ordering {
    let (ea, eb) = (a.extent(), b.extent());
    (ea.start, ea.end)
        .cmp(&(eb.start, eb.end))
        .then_with(|| natural_cmp(&a.id, &b.id))
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store::default()
    }

    /// A store holding these items, with an empty history (as loaded from a sidecar).
    /// Nothing is dropped: a record whose id an earlier one already has gets a fresh id
    /// (run [`super::renumber::renumber`] first to re-point references and report it).
    pub fn from_parts(
        annotations: Vec<Annotation>,
        entities: Vec<Entity>,
        relations: Vec<Relation>,
    ) -> Self {
        Store {
            annotations: keyed("a", annotations, |a| &mut a.id),
            entities: keyed("e", entities, |e| &mut e.id),
            relations: keyed("r", relations, |r| &mut r.id),
            ..Store::default()
        }
    }

    /// [`Store::from_parts`] for annotations already in shared allocations (as a
    /// sidecar read as a stream gives them): each is kept in its own, none is moved.
    pub fn from_shared_parts(
        annotations: Vec<Arc<Annotation>>,
        entities: Vec<Entity>,
        relations: Vec<Relation>,
    ) -> Self {
        Store {
            annotations: keyed_shared("a", annotations, |a| &mut a.id),
            entities: keyed("e", entities, |e| &mut e.id),
            relations: keyed("r", relations, |r| &mut r.id),
            ..Store::default()
        }
    }

    /// The article's done mark, if the analyst set one.
    pub fn done(&self) -> Option<&DoneMark> {
        self.done.as_ref()
    }

    /// Sets the done mark (`None`: takes it back), as one edit.
    pub fn set_done(&mut self, mark: Option<DoneMark>) {
        let before = self.done.clone();
        if before != mark {
            self.apply(Edit::Done {
                before,
                after: mark,
            });
        }
    }

    /// The store with this done mark, as loaded (no edit, no history).
    pub fn with_done(mut self, mark: Option<DoneMark>) -> Self {
        self.done = mark;
        self
    }

    /// A counter that changes on every edit, undo and redo (for autosave).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What this store's contents are now: its identity (one per store made, so that
    /// a store loaded in place of another never passes for it) and its revision. Two
    /// equal versions mean the same annotations, entities and relations, which lets
    /// views derived from the store be kept until it changes.
    pub fn version(&self) -> (u64, u64) {
        (self.identity.0, self.revision)
    }

    /// The ids of the annotations added, changed or removed after revision `since`
    /// (once per edit, the same id possibly more than once), for indexes kept up to date
    /// by edits; `None` when the store no longer knows (too many edits since, or edits
    /// applied without history): such an index must be built again.
    pub fn annotations_changed_since(&self, since: u64) -> Option<impl Iterator<Item = &str>> {
        self.annotation_changes
            .since(since)
            .map(|changes| changes.iter().map(|c| c.id.as_str()))
    }

    /// The changes of annotations made after revision `since`, in the order made, each
    /// with the annotation before and after it (an index that counts or sorts by what
    /// an annotation was takes the old one out and puts the new one in); `None` as for
    /// [`Store::annotations_changed_since`].
    pub fn annotation_changes_since(&self, since: u64) -> Option<&[Change<Annotation>]> {
        self.annotation_changes.since(since)
    }

    /// The ids of the relations added, changed or removed after revision `since`, as
    /// [`Store::annotations_changed_since`] for annotations.
    pub fn relations_changed_since(&self, since: u64) -> Option<impl Iterator<Item = &str>> {
        self.relation_changes
            .since(since)
            .map(|changes| changes.iter().map(|c| c.id.as_str()))
    }

    /// Every item as it is now, shared rather than copied (for the sidecar writer). The
    /// annotations come in reading order when the store knows it already, so that
    /// putting them in order again costs one pass.
    pub fn snapshot(&self) -> StoreSnapshot {
        let annotations = match self.order.get() {
            Some(order) => order
                .iter()
                .filter_map(|a| self.shared_annotation(&a.id))
                .cloned()
                .collect(),
            None => shared(&self.annotations).cloned().collect(),
        };
        StoreSnapshot {
            annotations,
            entities: shared(&self.entities).cloned().collect(),
            relations: shared(&self.relations).cloned().collect(),
            done: self.done.clone(),
        }
    }

    /// Starts keeping a log of every edit applied from now on (new steps, the inverses
    /// that undo applies, the edits redo applies again), for a recovery journal.
    pub fn record_applied(&mut self) {
        self.applied.get_or_insert_with(Vec::new);
    }

    /// The edits applied since the last call, in the order applied: replaying them on
    /// the store as it was then gives the store as it is now. Empty unless
    /// [`Store::record_applied`] was called.
    pub fn take_applied(&mut self) -> Vec<Edit> {
        self.applied
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    // ---- reading ----

    /// The annotation with this id.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.get(id).map(|a| &*a.0)
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id).map(|e| &*e.0)
    }

    /// The relation with this id.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.get(id).map(|r| &*r.0)
    }

    /// Number of annotations.
    pub fn annotation_count(&self) -> usize {
        self.annotations.len()
    }

    /// Every annotation, in reading order (first span start, then end, then id).
    pub fn annotations(&self) -> Vec<&Annotation> {
        let order = self.order.get_or_init(|| {
            ORDERS_MADE.with(|made| made.set(made.get() + 1));
            let mut all: Vec<Arc<Annotation>> = self.iter_shared_annotations().cloned().collect();
            all.sort_by(|a, b| reading_cmp(a, b));
            all
        });
        order
            .iter()
            .filter_map(|a| self.annotation(&a.id))
            .collect()
    }

    /// Every annotation in no particular order: for counting, without the cost of
    /// ordering.
    pub fn iter_annotations(&self) -> impl Iterator<Item = &Annotation> {
        shared(&self.annotations).map(|a| &**a)
    }

    /// Every annotation as the store shares it, in no particular order: for indexes
    /// that keep annotations without copying them.
    pub fn iter_shared_annotations(&self) -> impl Iterator<Item = &Arc<Annotation>> {
        shared(&self.annotations)
    }

    /// Every relation in no particular order: for looking through them without the
    /// cost of ordering.
    pub fn iter_relations(&self) -> impl Iterator<Item = &Relation> {
        shared(&self.relations).map(|r| &**r)
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// The annotation with this id, as the store shares it.
    pub fn shared_annotation(&self, id: &str) -> Option<&Arc<Annotation>> {
        self.annotations.get(id).map(|a| &a.0)
    }

    /// Every entity, by id.
    pub fn entities(&self) -> Vec<&Entity> {
        let mut all: Vec<&Entity> = shared(&self.entities).map(|e| &**e).collect();
        all.sort_by_cached_key(|e| natural_key(&e.id));
        all
    }

    /// Every relation, by id.
    pub fn relations(&self) -> Vec<&Relation> {
        let mut all: Vec<&Relation> = shared(&self.relations).map(|r| &**r).collect();
        all.sort_by_cached_key(|r| natural_key(&r.id));
        all
    }

    /// Relations starting at `id`, by id.
    pub fn relations_from(&self, id: &str) -> Vec<&Relation> {
        let mut found: Vec<&Relation> = shared(&self.relations)
            .map(|r| &**r)
            .filter(|r| r.from == id)
            .collect();
        found.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        found
    }

    /// Relations pointing to `id`, by id.
    pub fn relations_to(&self, id: &str) -> Vec<&Relation> {
        let mut found: Vec<&Relation> = shared(&self.relations)
            .map(|r| &**r)
            .filter(|r| r.to == id)
            .collect();
        found.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        found
    }

    /// Annotations that are mentions of entity `id`.
    pub fn mentions_of(&self, id: &str) -> Vec<&Annotation> {
        self.annotations()
            .into_iter()
            .filter(|a| a.entity.as_deref() == Some(id))
            .collect()
    }

    /// The span index, built on first use after a change.
    pub fn index(&self) -> &SpanIndex {
        self.index
            .get_or_init(|| SpanIndex::build(self.iter_shared_annotations()))
    }

    /// Annotations with a span touching the byte range `start..end`, by span start.
    pub fn intersecting(&self, start: usize, end: usize) -> Vec<&Annotation> {
        self.index()
            .intersecting(start, end)
            .into_iter()
            .filter_map(|id| self.annotation(id))
            .collect()
    }

    /// A fresh annotation id (`a` + one more than the largest in use, or the smallest
    /// free number once that is past `u64::MAX`). Ids that a relation names count as in
    /// use, so that a dangling relation never lands on a new annotation.
    pub fn new_annotation_id(&self) -> String {
        self.annotation_ids().next_id()
    }

    /// A fresh entity id (ids that a mention or relation names count as in use).
    pub fn new_entity_id(&self) -> String {
        let linked = self.iter_annotations().filter_map(|a| a.entity.as_deref());
        let ids = ids_of(&self.entities).chain(linked);
        IdCounter::new("e", ids.chain(self.relation_ends())).next_id()
    }

    /// A fresh relation id.
    pub fn new_relation_id(&self) -> String {
        self.relation_ids().next_id()
    }

    /// A counter handing out fresh annotation ids, for adding many at once.
    pub fn annotation_ids(&self) -> IdCounter {
        IdCounter::new("a", ids_of(&self.annotations).chain(self.relation_ends()))
    }

    fn relation_ends(&self) -> impl Iterator<Item = &str> {
        shared(&self.relations).flat_map(|r| [r.from.as_str(), r.to.as_str()])
    }

    /// A counter handing out fresh relation ids, for adding many at once.
    pub fn relation_ids(&self) -> IdCounter {
        IdCounter::new("r", ids_of(&self.relations))
    }

    // ---- changing ----

    /// Opens a step: every edit until the matching [`Store::close_step`] undoes and
    /// redoes as one. `before` is the selection as the step starts. Steps nest: only the
    /// outermost pair makes a step. Prefer [`Store::group`] where a closure fits.
    pub fn open_step(&mut self, before: Option<Marker>) {
        if self.group_depth == 0 {
            self.open_step = Some(Step {
                before,
                ..Step::default()
            });
        }
        self.group_depth += 1;
    }

    /// Closes the step [`Store::open_step`] opened; `after` is the selection as it ends.
    /// A step with no edits leaves the history as it was.
    pub fn close_step(&mut self, after: Option<Marker>) {
        self.group_depth = self.group_depth.saturating_sub(1);
        if self.group_depth > 0 {
            return;
        }
        if let Some(mut step) = self.open_step.take() {
            if !step.edits.is_empty() {
                step.after = after;
                self.undo.push(step);
                self.redo.clear();
            }
        }
    }

    /// Runs `change` so that all the edits it makes undo and redo as one step.
    pub fn group<R>(&mut self, change: impl FnOnce(&mut Store) -> R) -> R {
        self.open_step(None);
        let result = change(self);
        self.close_step(None);
        result
    }

    /// Like [`Store::group`], and the step it is part of is of this kind (a review
    /// decision, an import), so that it can be found again by kind.
    pub fn group_as<R>(&mut self, kind: StepKind, change: impl FnOnce(&mut Store) -> R) -> R {
        self.open_step(None);
        if let Some(step) = self.open_step.as_mut() {
            step.kind = kind;
        }
        let result = change(self);
        self.close_step(None);
        result
    }

    /// Stops keeping the undo history, for batch commands, which never undo: from now
    /// on each edit changes the store and is dropped, so a batch of thousands of
    /// annotations is held once (in the store), not once more in its undo step.
    pub fn forget_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.without_history = true;
    }

    /// Takes `added` as the reading order when it is one of every annotation the store
    /// holds (a batch merged into an empty store in the order of its file, as an import
    /// of one model's output is), instead of sorting them all on first use.
    pub(super) fn take_as_reading_order(&mut self, added: Vec<Arc<Annotation>>) {
        let every_one = added.len() == self.annotation_count();
        let in_order = added
            .windows(2)
            .all(|pair| reading_cmp(&pair[0], &pair[1]) == Ordering::Less);
        if every_one && in_order && self.order.get().is_none() {
            self.order = OnceCell::from(added);
        }
    }

    /// Makes room for `more` annotations at once, so that a large batch does not grow
    /// (and rehash) the map step by step.
    pub fn reserve_annotations(&mut self, more: usize) {
        self.annotations.reserve(more);
    }

    /// Applies one edit and records it for undo (unless the store keeps no history).
    pub fn apply(&mut self, edit: Edit) {
        if self.without_history {
            if self.applied.is_some() {
                self.apply_raw(&edit);
            } else {
                self.apply_owned(edit);
            }
            return;
        }
        self.group(|store| {
            store.apply_raw(&edit);
            if let Some(open) = store.open_step.as_mut() {
                open.edits.push(edit);
            }
        });
    }

    /// Adds an annotation and returns its id. It never replaces another one: when its
    /// id is taken, the annotation gets a fresh id.
    pub fn insert_annotation(&mut self, annotation: Annotation) -> String {
        let kept = self.insert_shared_annotation(Arc::new(annotation));
        kept.id.clone()
    }

    /// Like [`Store::insert_annotation`], taking an annotation already shared (a batch
    /// hands its annotations over this way, without copying them); the annotation as
    /// the store holds it, with its id.
    pub fn insert_shared_annotation(&mut self, mut annotation: Arc<Annotation>) -> Arc<Annotation> {
        if self.annotations.contains(annotation.id.as_str()) {
            Arc::make_mut(&mut annotation).id = self.new_annotation_id();
        }
        let kept = Arc::clone(&annotation);
        self.apply(Edit::Annotation {
            before: None,
            after: Some(annotation),
        });
        kept
    }

    /// Replaces the annotation with the same id (adds it when there is none).
    pub fn replace_annotation(&mut self, annotation: Annotation) {
        let before = self.shared_annotation(&annotation.id).cloned();
        self.apply(Edit::Annotation {
            before,
            after: Some(Arc::new(annotation)),
        });
    }

    /// Removes an annotation, the relations touching it, as one step.
    pub fn remove_annotation(&mut self, id: &str) {
        let Some(before) = self.shared_annotation(id).cloned() else {
            return;
        };
        self.group(|store| {
            let touching: Vec<String> = shared(&store.relations)
                .filter(|r| r.from == id || r.to == id)
                .map(|r| r.id.clone())
                .collect();
            for rid in touching {
                store.remove_relation(&rid);
            }
            store.apply(Edit::Annotation {
                before: Some(before),
                after: None,
            });
        });
    }

    /// Adds or replaces an entity.
    pub fn put_entity(&mut self, entity: Entity) {
        let before = self
            .entities
            .get(entity.id.as_str())
            .map(|e| Arc::clone(&e.0));
        self.apply(Edit::Entity {
            before,
            after: Some(Arc::new(entity)),
        });
    }

    /// Removes an entity and unlinks its mentions, as one step.
    pub fn remove_entity(&mut self, id: &str) {
        let Some(before) = self.entities.get(id).map(|e| Arc::clone(&e.0)) else {
            return;
        };
        self.group(|store| {
            let mentions: Vec<Annotation> = store
                .iter_shared_annotations()
                .filter(|a| a.entity.as_deref() == Some(id))
                .map(|a| (**a).clone())
                .collect();
            for mut mention in mentions {
                mention.entity = None;
                store.replace_annotation(mention);
            }
            store.apply(Edit::Entity {
                before: Some(before),
                after: None,
            });
        });
    }

    /// Adds or replaces a relation.
    pub fn put_relation(&mut self, relation: Relation) {
        let before = self
            .relations
            .get(relation.id.as_str())
            .map(|r| Arc::clone(&r.0));
        self.apply(Edit::Relation {
            before,
            after: Some(Arc::new(relation)),
        });
    }

    /// Adds a relation and returns its id. It never replaces another one: when its id
    /// is taken, the relation gets a fresh id.
    pub fn insert_relation(&mut self, mut relation: Relation) -> String {
        if self.relations.contains(relation.id.as_str()) {
            relation.id = self.new_relation_id();
        }
        let id = relation.id.clone();
        self.apply(Edit::Relation {
            before: None,
            after: Some(Arc::new(relation)),
        });
        id
    }

    /// Removes a relation.
    pub fn remove_relation(&mut self, id: &str) {
        if let Some(before) = self.relations.get(id).map(|r| Arc::clone(&r.0)) {
            self.apply(Edit::Relation {
                before: Some(before),
                after: None,
            });
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step and says what it was; `None` when there is none.
    pub fn undo(&mut self) -> Option<Restored> {
        let step = self.undo.pop()?;
        self.unapply(&step);
        let restored = Restored::undone(&step);
        self.redo.push(step);
        Some(restored)
    }

    /// Redoes the last undone step and says what it was; `None` when there is none.
    pub fn redo(&mut self) -> Option<Restored> {
        let step = self.redo.pop()?;
        for edit in &step.edits {
            self.apply_raw(edit);
        }
        let restored = Restored::redone(&step);
        self.undo.push(step);
        Some(restored)
    }

    /// Takes back the newest step of `kind` (the last review decision, say). When it is
    /// the newest step of all, this is an undo. When later steps came after it, it is
    /// undone alone only if none of them changed an item it changed; then it leaves the
    /// history, as a new change would, and nothing is left to redo. It never writes a
    /// stale state over a later change.
    pub fn take_back_last(&mut self, kind: StepKind) -> Result<Restored, NotTakenBack> {
        let at = self
            .undo
            .iter()
            .rposition(|step| step.kind == kind)
            .ok_or(NotTakenBack::Nothing)?;
        if at + 1 == self.undo.len() {
            return self.undo().ok_or(NotTakenBack::Nothing);
        }
        if self.undo[at].touched_by(self.undo[at + 1..].iter()) {
            return Err(NotTakenBack::TouchedLater);
        }
        let step = self.undo.remove(at);
        self.unapply(&step);
        self.redo.clear();
        Ok(Restored::undone(&step))
    }

    fn unapply(&mut self, step: &Step) {
        for edit in step.edits.iter().rev() {
            self.apply_raw(&edit.inverse());
        }
    }

    /// Applies an edit kept for no history and no journal: its items move into the
    /// store, nothing is copied.
    fn apply_owned(&mut self, edit: Edit) {
        self.revision += 1;
        match edit {
            Edit::Annotation { before, after } => {
                self.index = OnceCell::new();
                self.order = OnceCell::new();
                self.annotation_changes.forget_up_to(self.revision);
                put_owned(&mut self.annotations, before, after);
            }
            Edit::Entity { before, after } => {
                put_owned(&mut self.entities, before, after);
            }
            Edit::Relation { before, after } => {
                self.relation_changes.forget_up_to(self.revision);
                put_owned(&mut self.relations, before, after);
            }
            Edit::Done { after, .. } => self.done = after,
        }
    }

    fn apply_raw(&mut self, edit: &Edit) {
        self.revision += 1;
        if let Some(log) = self.applied.as_mut() {
            log.push(edit.clone());
        }
        match edit {
            Edit::Annotation { before, after } => {
                // A decision or a new label moves nothing: the reading order and the
                // span index stay as they are.
                let moved = match (before, after) {
                    (Some(b), Some(a)) => b.id != a.id || b.spans != a.spans,
                    _ => true,
                };
                if moved {
                    self.index = OnceCell::new();
                    self.order = OnceCell::new();
                }
                let changed = put(
                    &mut self.annotations,
                    before.as_ref().map(|a| a.id.as_str()),
                    after,
                );
                changed.record(self.revision, &mut self.annotation_changes);
            }
            Edit::Entity { before, after } => {
                put(
                    &mut self.entities,
                    before.as_ref().map(|e| e.id.as_str()),
                    after,
                );
            }
            Edit::Relation { before, after } => {
                let changed = put(
                    &mut self.relations,
                    before.as_ref().map(|r| r.id.as_str()),
                    after,
                );
                changed.record(self.revision, &mut self.relation_changes);
            }
            Edit::Done { after, .. } => self.done.clone_from(after),
        }
    }
}

thread_local! {
    static ORDERS_MADE: Cell<usize> = const { Cell::new(0) };
}

/// How many times stores on this thread put every annotation in reading order so far
/// (once after each edit that adds, removes or moves an annotation).
pub fn reading_orders_made() -> usize {
    ORDERS_MADE.with(Cell::get)
}

/// A number no other store made in this process has.
#[derive(Debug)]
struct Identity(u64);

impl Default for Identity {
    fn default() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Identity(NEXT.fetch_add(1, atomic::Ordering::Relaxed))
    }
}

/// What one edit did to one map: the item it took out and the one it put in, by id.
struct Put<T> {
    removed: Option<(String, Option<Arc<T>>)>,
    inserted: Option<(String, Arc<T>, Option<Arc<T>>)>,
}

impl<T> Put<T> {
    /// Logs the items changed, once per id.
    fn record(self, revision: u64, log: &mut ChangeLog<T>) {
        match (self.removed, self.inserted) {
            (Some((before_id, before)), Some((after_id, after, _))) if before_id == after_id => {
                log.record(revision, &after_id, before, Some(after));
            }
            (removed, inserted) => {
                if let Some((id, before)) = removed {
                    log.record(revision, &id, before, None);
                }
                if let Some((id, after, replaced)) = inserted {
                    log.record(revision, &id, replaced, Some(after));
                }
            }
        }
    }
}

fn put<T: HasId>(items: &mut Items<T>, before_id: Option<&str>, after: &Option<Arc<T>>) -> Put<T> {
    let removed = before_id.map(|id| (id.to_string(), items.take(id).map(|item| item.0)));
    let inserted = after.as_ref().map(|item| {
        let replaced = items.replace(ById(Arc::clone(item))).map(|item| item.0);
        (item.id().to_string(), Arc::clone(item), replaced)
    });
    Put { removed, inserted }
}

fn put_owned<T: HasId>(items: &mut Items<T>, before: Option<Arc<T>>, after: Option<Arc<T>>) {
    if let Some(before) = before {
        items.remove(before.id());
    }
    if let Some(item) = after {
        items.replace(ById(item));
    }
}

/// The items as the store holds them, in no particular order.
fn shared<T>(items: &Items<T>) -> impl Iterator<Item = &Arc<T>> {
    items.iter().map(|item| &item.0)
}

/// The ids of the items.
fn ids_of<T: HasId>(items: &Items<T>) -> impl Iterator<Item = &str> {
    items.iter().map(|item| item.0.id())
}

/// The items by id; an item whose id an earlier one has gets a fresh `prefix` id. The
/// items move from the list into the store from its end, the list giving back the room
/// it no longer needs as it empties, so that a large load does not hold every item
/// twice (in the list and in the store) at once.
fn keyed<T: HasId>(
    prefix: &str,
    mut items: Vec<T>,
    id_of: impl Fn(&mut T) -> &mut String,
) -> Items<T> {
    give_fresh_ids(prefix, &mut items, T::id, id_of);
    let mut keyed = Items::with_capacity_and_hasher(items.len(), Default::default());
    while let Some(item) = items.pop() {
        keyed.insert(ById(Arc::new(item)));
        if items.len() < items.capacity() / 4 * 3 {
            items.shrink_to_fit();
        }
    }
    keyed
}

/// [`keyed`] for items already shared: each keeps its allocation (unless its id must
/// change, which a load's renumbering leaves no need for).
fn keyed_shared<T: HasId + Clone>(
    prefix: &str,
    mut items: Vec<Arc<T>>,
    id_of: impl Fn(&mut T) -> &mut String,
) -> Items<T> {
    give_fresh_ids(
        prefix,
        &mut items,
        |item| item.id(),
        |item| id_of(Arc::make_mut(item)),
    );
    let mut keyed = Items::with_capacity_and_hasher(items.len(), Default::default());
    keyed.extend(items.into_iter().map(ById));
    keyed
}

/// Gives every item whose id an earlier item has a fresh id, so that none is dropped.
fn give_fresh_ids<I>(
    prefix: &str,
    items: &mut [I],
    id: impl Fn(&I) -> &str,
    id_of: impl Fn(&mut I) -> &mut String,
) {
    let taken: Vec<usize> = {
        let mut seen = std::collections::HashSet::with_capacity(items.len());
        (0..items.len())
            .filter(|&i| !seen.insert(id(&items[i])))
            .collect()
    };
    if !taken.is_empty() {
        let mut fresh = IdCounter::new(prefix, items.iter().map(&id));
        for i in taken {
            *id_of(&mut items[i]) = fresh.next_id();
        }
    }
}

#[cfg(test)]
mod tests;
