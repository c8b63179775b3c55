//! Tests of the store: ids, grouping, the applied log, and the property that undoing
//! every step returns to the start.

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
fn from_shared_parts_keeps_each_annotation_in_its_allocation_and_every_shared_id() {
    let unique: Vec<Arc<Annotation>> = vec![Arc::new(ann("a1", 0)), Arc::new(ann("a2", 10))];
    let at: Vec<*const Annotation> = unique.iter().map(Arc::as_ptr).collect();
    let store = Store::from_shared_parts(unique, Vec::new(), Vec::new());
    let kept: Vec<*const Annotation> = ["a1", "a2"]
        .iter()
        .filter_map(|id| store.annotation(id))
        .map(|a| a as *const Annotation)
        .collect();
    assert_eq!(kept, at, "no annotation is moved");
    let shared = vec![Arc::new(ann("a1", 0)), Arc::new(ann("a1", 10))];
    let store = Store::from_shared_parts(shared, Vec::new(), Vec::new());
    assert_eq!(store.annotation_count(), 2);
    assert_eq!(store.annotation("a2").map(|a| a.spans[0].start), Some(10));
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
                a.label = format!("{}x", a.label).into();
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

#[test]
fn a_store_without_history_applies_edits_and_keeps_no_step() {
    let mut store = Store::new();
    store.insert_annotation(ann("a1", 0));
    store.forget_history();
    assert!(!store.can_undo(), "the step before is forgotten too");
    let revision = store.revision();
    store.insert_annotation(ann("a2", 10));
    store.put_relation(Relation::new("r1", "attributed_to", "a1", "a2"));
    store.remove_annotation("a1");
    assert!(!store.can_undo());
    assert!(store.revision() > revision, "each edit counts for autosave");
    assert_eq!(store.annotation_count(), 1);
    assert!(store.relations().is_empty(), "the relation went with a1");
    assert_eq!(store.intersecting(10, 15)[0].id, "a2");
}

#[test]
fn a_store_without_history_still_logs_applied_edits_for_a_journal() {
    let mut store = Store::new();
    store.forget_history();
    store.record_applied();
    store.insert_annotation(ann("a1", 0));
    assert_eq!(store.take_applied().len(), 1);
    assert!(!store.can_undo());
}

#[test]
fn an_edit_that_moves_nothing_keeps_the_reading_order_and_the_span_index() {
    let mut store = Store::new();
    store.insert_annotation(ann("a2", 10));
    store.insert_annotation(ann("a1", 0));
    let ids = |store: &Store| -> Vec<String> {
        store.annotations().iter().map(|a| a.id.clone()).collect()
    };
    assert_eq!(ids(&store), ["a1", "a2"]);
    let made = reading_orders_made();
    let mut accepted = store.annotation("a2").unwrap().clone();
    accepted.status = Status::Accepted;
    accepted.label = "ORG".into();
    store.replace_annotation(accepted);
    assert_eq!(ids(&store), ["a1", "a2"]);
    assert_eq!(store.intersecting(10, 11)[0].label, "ORG");
    assert_eq!(
        reading_orders_made(),
        made,
        "a decision sorted every annotation"
    );
    let mut moved = store.annotation("a2").unwrap().clone();
    moved.spans = vec![Span::new(0, 1)];
    store.replace_annotation(moved);
    assert_eq!(ids(&store), ["a2", "a1"]);
    assert!(store.intersecting(10, 11).is_empty());
    assert_eq!(reading_orders_made(), made + 1);
}
