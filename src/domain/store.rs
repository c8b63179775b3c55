//! The annotation store: annotations, entities and relations, changed only through
//! invertible edits, grouped into the steps of one history (see [`super::history`]).

use std::cell::OnceCell;
use std::collections::HashMap;

use super::edit::Edit;
use super::history::{Marker, NotTakenBack, Restored, Step, StepKind};
use super::ids::{natural_cmp, IdCounter};
use super::model::{Annotation, Entity, Relation};
use super::span_index::SpanIndex;

/// Everything annotated on one article, with its history.
#[derive(Debug, Default)]
pub struct Store {
    annotations: HashMap<String, Annotation>,
    entities: HashMap<String, Entity>,
    relations: HashMap<String, Relation>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    open_step: Option<Step>,
    group_depth: usize,
    revision: u64,
    index: OnceCell<SpanIndex>,
    /// Annotation ids in reading order, built on first use after a change.
    order: OnceCell<Vec<String>>,
    applied: Option<Vec<Edit>>,
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

    /// A counter that changes on every edit, undo and redo (for autosave).
    pub fn revision(&self) -> u64 {
        self.revision
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
        self.annotations.get(id)
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// The relation with this id.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.get(id)
    }

    /// Number of annotations.
    pub fn annotation_count(&self) -> usize {
        self.annotations.len()
    }

    /// Every annotation, in reading order (first span start, then end, then id).
    pub fn annotations(&self) -> Vec<&Annotation> {
        let order = self.order.get_or_init(|| {
            let mut all: Vec<&Annotation> = self.annotations.values().collect();
            all.sort_by(|a, b| {
                let (ea, eb) = (a.extent(), b.extent());
                (ea.start, ea.end)
                    .cmp(&(eb.start, eb.end))
                    .then_with(|| natural_cmp(&a.id, &b.id))
            });
            all.into_iter().map(|a| a.id.clone()).collect()
        });
        order
            .iter()
            .filter_map(|id| self.annotations.get(id))
            .collect()
    }

    /// Every annotation in no particular order: for counting, without the cost of
    /// ordering.
    pub fn iter_annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.values()
    }

    /// Every entity, by id.
    pub fn entities(&self) -> Vec<&Entity> {
        let mut all: Vec<&Entity> = self.entities.values().collect();
        all.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        all
    }

    /// Every relation, by id.
    pub fn relations(&self) -> Vec<&Relation> {
        let mut all: Vec<&Relation> = self.relations.values().collect();
        all.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        all
    }

    /// Relations starting at `id`, by id.
    pub fn relations_from(&self, id: &str) -> Vec<&Relation> {
        let mut found: Vec<&Relation> = self.relations.values().filter(|r| r.from == id).collect();
        found.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        found
    }

    /// Relations pointing to `id`, by id.
    pub fn relations_to(&self, id: &str) -> Vec<&Relation> {
        let mut found: Vec<&Relation> = self.relations.values().filter(|r| r.to == id).collect();
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
            .get_or_init(|| SpanIndex::build(self.annotations.values()))
    }

    /// Annotations with a span touching the byte range `start..end`, by span start.
    pub fn intersecting(&self, start: usize, end: usize) -> Vec<&Annotation> {
        self.index()
            .intersecting(start, end)
            .into_iter()
            .filter_map(|id| self.annotations.get(id))
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
        let linked = self
            .annotations
            .values()
            .filter_map(|a| a.entity.as_deref());
        let ids = self.entities.keys().map(String::as_str).chain(linked);
        IdCounter::new("e", ids.chain(self.relation_ends())).next_id()
    }

    /// A fresh relation id.
    pub fn new_relation_id(&self) -> String {
        self.relation_ids().next_id()
    }

    /// A counter handing out fresh annotation ids, for adding many at once.
    pub fn annotation_ids(&self) -> IdCounter {
        let ids = self.annotations.keys().map(String::as_str);
        IdCounter::new("a", ids.chain(self.relation_ends()))
    }

    fn relation_ends(&self) -> impl Iterator<Item = &str> {
        self.relations
            .values()
            .flat_map(|r| [r.from.as_str(), r.to.as_str()])
    }

    /// A counter handing out fresh relation ids, for adding many at once.
    pub fn relation_ids(&self) -> IdCounter {
        IdCounter::new("r", self.relations.keys().map(String::as_str))
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

    /// Applies one edit and records it for undo.
    pub fn apply(&mut self, edit: Edit) {
        self.group(|store| {
            store.apply_raw(&edit);
            if let Some(open) = store.open_step.as_mut() {
                open.edits.push(edit);
            }
        });
    }

    /// Adds an annotation and returns its id. It never replaces another one: when its
    /// id is taken, the annotation gets a fresh id.
    pub fn insert_annotation(&mut self, mut annotation: Annotation) -> String {
        if self.annotations.contains_key(&annotation.id) {
            annotation.id = self.new_annotation_id();
        }
        let id = annotation.id.clone();
        self.apply(Edit::Annotation {
            before: None,
            after: Some(annotation),
        });
        id
    }

    /// Replaces the annotation with the same id (adds it when there is none).
    pub fn replace_annotation(&mut self, annotation: Annotation) {
        let before = self.annotations.get(&annotation.id).cloned();
        self.apply(Edit::Annotation {
            before,
            after: Some(annotation),
        });
    }

    /// Removes an annotation, the relations touching it, as one step.
    pub fn remove_annotation(&mut self, id: &str) {
        let Some(before) = self.annotations.get(id).cloned() else {
            return;
        };
        self.group(|store| {
            let touching: Vec<String> = store
                .relations
                .values()
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
        let before = self.entities.get(&entity.id).cloned();
        self.apply(Edit::Entity {
            before,
            after: Some(entity),
        });
    }

    /// Removes an entity and unlinks its mentions, as one step.
    pub fn remove_entity(&mut self, id: &str) {
        let Some(before) = self.entities.get(id).cloned() else {
            return;
        };
        self.group(|store| {
            let mentions: Vec<Annotation> = store
                .annotations
                .values()
                .filter(|a| a.entity.as_deref() == Some(id))
                .cloned()
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
        let before = self.relations.get(&relation.id).cloned();
        self.apply(Edit::Relation {
            before,
            after: Some(relation),
        });
    }

    /// Adds a relation and returns its id. It never replaces another one: when its id
    /// is taken, the relation gets a fresh id.
    pub fn insert_relation(&mut self, mut relation: Relation) -> String {
        if self.relations.contains_key(&relation.id) {
            relation.id = self.new_relation_id();
        }
        let id = relation.id.clone();
        self.apply(Edit::Relation {
            before: None,
            after: Some(relation),
        });
        id
    }

    /// Removes a relation.
    pub fn remove_relation(&mut self, id: &str) {
        if let Some(before) = self.relations.get(id).cloned() {
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
        if self.undo[at + 1..]
            .iter()
            .any(|later| later.touches(&self.undo[at]))
        {
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

    fn apply_raw(&mut self, edit: &Edit) {
        self.revision += 1;
        if let Some(log) = self.applied.as_mut() {
            log.push(edit.clone());
        }
        match edit {
            Edit::Annotation { before, after } => {
                self.index = OnceCell::new();
                self.order = OnceCell::new();
                put(
                    &mut self.annotations,
                    before.as_ref().map(|a| &a.id),
                    after,
                    |a| &a.id,
                );
            }
            Edit::Entity { before, after } => {
                put(
                    &mut self.entities,
                    before.as_ref().map(|e| &e.id),
                    after,
                    |e| &e.id,
                );
            }
            Edit::Relation { before, after } => {
                put(
                    &mut self.relations,
                    before.as_ref().map(|r| &r.id),
                    after,
                    |r| &r.id,
                );
            }
        }
    }
}

fn put<T: Clone>(
    map: &mut HashMap<String, T>,
    before_id: Option<&String>,
    after: &Option<T>,
    id_of: impl Fn(&T) -> &String,
) {
    if let Some(id) = before_id {
        map.remove(id);
    }
    if let Some(item) = after {
        map.insert(id_of(item).clone(), item.clone());
    }
}

/// The items by id; an item whose id an earlier one has gets a fresh `prefix` id.
fn keyed<T>(
    prefix: &str,
    mut items: Vec<T>,
    id_of: impl Fn(&mut T) -> &mut String,
) -> HashMap<String, T> {
    let mut fresh = IdCounter::new(prefix, items.iter_mut().map(|i| id_of(i).as_str()));
    let mut map = HashMap::with_capacity(items.len());
    for mut item in items {
        if map.contains_key(id_of(&mut item).as_str()) {
            *id_of(&mut item) = fresh.next_id();
        }
        map.insert(id_of(&mut item).clone(), item);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span, Status};
    use proptest::prelude::*;

    fn ann(id: &str, start: usize) -> Annotation {
        Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + 5)],
        )
    }

    fn snapshot(store: &Store) -> (Vec<Annotation>, Vec<Entity>, Vec<Relation>) {
        (
            store.annotations().into_iter().cloned().collect(),
            store.entities().into_iter().cloned().collect(),
            store.relations().into_iter().cloned().collect(),
        )
    }

    #[test]
    fn removing_an_annotation_removes_its_relations_in_one_step() {
        let mut store = Store::new();
        store.insert_annotation(ann("a1", 0));
        store.insert_annotation(ann("a2", 10));
        store.put_relation(Relation::new("r1", "attributed_to", "a1", "a2"));
        let before = snapshot(&store);
        store.remove_annotation("a2");
        assert!(store.relations().is_empty());
        assert!(store.undo().is_some());
        assert_eq!(snapshot(&store), before);
        assert!(store.redo().is_some());
        assert_eq!(store.annotation_count(), 1);
    }

    #[test]
    fn fresh_ids_follow_the_largest() {
        let mut store = Store::new();
        store.insert_annotation(ann("a9", 0));
        assert_eq!(store.new_annotation_id(), "a10");
        assert_eq!(store.new_entity_id(), "e1");
    }

    #[test]
    fn an_id_at_the_largest_number_does_not_make_a_new_one_replace_another() {
        let top = format!("a{}", u64::MAX);
        let mut store = Store::from_parts(vec![ann("a1", 0), ann(&top, 10)], vec![], vec![]);
        let id = store.new_annotation_id();
        assert_eq!(id, "a2", "the smallest free number");
        store.insert_annotation(ann(&id, 20));
        assert_eq!(store.annotation_count(), 3);
        assert_eq!(store.annotation("a1").map(|a| a.spans[0].start), Some(0));
        let mut counter = store.annotation_ids();
        assert_eq!(
            (counter.next_id(), counter.next_id()),
            ("a3".into(), "a4".into())
        );
    }

    #[test]
    fn a_new_id_is_never_one_a_dangling_reference_names() {
        let mut mention = ann("a1", 0);
        mention.entity = Some("e4".to_string());
        let store = Store::from_parts(
            vec![mention],
            vec![],
            vec![Relation::new("r1", "supports", "a1", "a7")],
        );
        assert_eq!(store.new_annotation_id(), "a8");
        assert_eq!(store.new_entity_id(), "e5");
    }

    #[test]
    fn inserting_under_a_taken_id_keeps_both() {
        let mut store = Store::new();
        store.insert_annotation(ann("a1", 0));
        let id = store.insert_annotation(ann("a1", 10));
        assert_eq!(id, "a2");
        assert_eq!(store.annotation_count(), 2);
        assert_eq!(store.annotation("a1").map(|a| a.spans[0].start), Some(0));
        assert!(store.undo().is_some());
        assert_eq!(store.annotation_count(), 1);
        assert_eq!(store.annotation("a1").map(|a| a.spans[0].start), Some(0));

        store.insert_relation(Relation::new("r1", "supports", "a1", "a1"));
        let rid = store.insert_relation(Relation::new("r1", "cites", "a1", "a1"));
        assert_eq!(rid, "r2");
        assert_eq!(
            store.relation("r1").map(|r| r.kind.as_str()),
            Some("supports")
        );
    }

    #[test]
    fn from_parts_keeps_every_record_of_a_shared_id() {
        let store = Store::from_parts(
            vec![ann("a1", 0), ann("a1", 10), ann("a2", 20)],
            vec![
                Entity::new("e1", "A", "PERSON"),
                Entity::new("e1", "B", "ORG"),
            ],
            vec![
                Relation::new("r1", "supports", "a1", "a2"),
                Relation::new("r1", "cites", "a2", "a1"),
            ],
        );
        assert_eq!(store.annotation_count(), 3);
        assert_eq!(store.annotation("a3").map(|a| a.spans[0].start), Some(10));
        assert_eq!(store.entity("e2").map(|e| e.name.as_str()), Some("B"));
        assert_eq!(store.relation("r2").map(|r| r.kind.as_str()), Some("cites"));
    }

    #[test]
    fn intersecting_sees_changes() {
        let mut store = Store::new();
        store.insert_annotation(ann("a1", 0));
        assert_eq!(store.intersecting(2, 3).len(), 1);
        store.remove_annotation("a1");
        assert!(store.intersecting(2, 3).is_empty());
    }

    #[test]
    fn the_applied_log_replays_steps_undos_and_redos() {
        let mut store = Store::new();
        store.insert_annotation(ann("a1", 0));
        assert!(store.take_applied().is_empty(), "not recording yet");
        let mut copy = Store::from_parts(vec![ann("a1", 0)], vec![], vec![]);
        store.record_applied();
        store.insert_annotation(ann("a2", 10));
        store.put_relation(Relation::new("r1", "supports", "a1", "a2"));
        store.undo();
        store.remove_annotation("a1");
        store.undo();
        store.redo();
        let log = store.take_applied();
        assert!(store.take_applied().is_empty(), "taking empties the log");
        copy.group(|s| log.into_iter().for_each(|e| s.apply(e)));
        assert_eq!(snapshot(&copy), snapshot(&store));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Add(usize),
        Relabel(usize),
        Remove(usize),
        Entity(usize),
        RemoveEntity(usize),
        Link(usize, usize),
        Decide(usize, bool),
        AcceptAll,
        Undo,
        Redo,
        TakeBackDecision,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..1000).prop_map(Op::Add),
            (0usize..20).prop_map(Op::Relabel),
            (0usize..20).prop_map(Op::Remove),
            (0usize..20).prop_map(Op::Entity),
            (0usize..20).prop_map(Op::RemoveEntity),
            (0usize..20, 0usize..20).prop_map(|(a, b)| Op::Link(a, b)),
            (0usize..20, any::<bool>()).prop_map(|(i, accept)| Op::Decide(i, accept)),
            Just(Op::AcceptAll),
            Just(Op::Undo),
            Just(Op::Redo),
            Just(Op::TakeBackDecision),
        ]
    }

    fn run(store: &mut Store, op: &Op) {
        let ids: Vec<String> = store.annotations().iter().map(|a| a.id.clone()).collect();
        let pick = |i: usize| ids.get(i % ids.len().max(1)).cloned();
        match *op {
            Op::Add(start) => {
                let id = store.new_annotation_id();
                store.insert_annotation(ann(&id, start));
            }
            Op::Relabel(i) => {
                if let Some(mut a) = pick(i).and_then(|id| store.annotation(&id).cloned()) {
                    a.label = format!("{}x", a.label);
                    store.replace_annotation(a);
                }
            }
            Op::Remove(i) => {
                if let Some(id) = pick(i) {
                    store.remove_annotation(&id);
                }
            }
            Op::Entity(i) => {
                if let Some(mut a) = pick(i).and_then(|id| store.annotation(&id).cloned()) {
                    let eid = store.new_entity_id();
                    store.group(|s| {
                        s.put_entity(Entity::new(&eid, "Name", "PERSON"));
                        a.entity = Some(eid.clone());
                        s.replace_annotation(a);
                    });
                }
            }
            Op::RemoveEntity(i) => {
                let eids: Vec<String> = store.entities().iter().map(|e| e.id.clone()).collect();
                if let Some(eid) = eids.get(i % eids.len().max(1)) {
                    store.remove_entity(eid);
                }
            }
            Op::Link(a, b) => {
                if let (Some(from), Some(to)) = (pick(a), pick(b)) {
                    let rid = store.new_relation_id();
                    store.put_relation(Relation::new(rid, "supports", from, to));
                }
            }
            Op::Decide(i, accept) => {
                if let Some(mut a) = pick(i).and_then(|id| store.annotation(&id).cloned()) {
                    a.status = if accept {
                        Status::Accepted
                    } else {
                        Status::Rejected
                    };
                    store.group_as(StepKind::Decision, |s| s.replace_annotation(a));
                }
            }
            Op::AcceptAll => {
                let all: Vec<Annotation> = store.annotations().into_iter().cloned().collect();
                store.group_as(StepKind::Decision, |s| {
                    for mut a in all {
                        a.status = Status::Accepted;
                        s.replace_annotation(a);
                    }
                });
            }
            Op::Undo => {
                store.undo();
            }
            Op::Redo => {
                store.redo();
            }
            Op::TakeBackDecision => {
                let before = snapshot(store);
                if store.take_back_last(StepKind::Decision).is_err() {
                    assert_eq!(
                        snapshot(store),
                        before,
                        "a refused take-back changes nothing"
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        /// Any interleaving of edits, decisions, undos, redos and take-backs of the last
        /// decision, then undoing everything, returns to the start; redoing everything
        /// then returns to the end.
        fn undoing_every_edit_restores_the_start(
            setup in prop::collection::vec(op(), 0..10),
            script in prop::collection::vec(op(), 0..40),
        ) {
            let mut built = Store::new();
            for op in &setup {
                run(&mut built, op);
            }
            let (mut annotations, entities, relations) = snapshot(&built);
            for a in &mut annotations {
                a.status = Status::Pending;
            }
            let mut store = Store::from_parts(annotations, entities, relations);
            let start = snapshot(&store);
            for op in &script {
                run(&mut store, op);
            }
            while store.redo().is_some() {}
            let end = snapshot(&store);
            while store.undo().is_some() {}
            prop_assert_eq!(snapshot(&store), start);
            while store.redo().is_some() {}
            prop_assert_eq!(snapshot(&store), end);
        }
    }
}
