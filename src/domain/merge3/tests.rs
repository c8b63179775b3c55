//! Each rule of the three-way merge on a small article with non-ASCII text, and a
//! property: whatever two branches do, no annotation of either is lost and the result
//! parses and validates.

use std::path::Path;

use serde_json::json;

use super::*;
use crate::domain::document::Document;
use crate::domain::model::{Kind, Span};
use crate::domain::sidecar::{self, FORMAT};
use crate::domain::validate;

/// Code points, not bytes: "Шаукат" is 6 code points and 12 bytes.
const TEXT: &str = "Шаукат Султан told AFP that four were Kazakh citizens, Ekspress-K said.\n";

fn doc() -> Document {
    Document::from_text(Path::new("report.txt"), TEXT.to_string())
}

/// The words of the article as code-point spans.
fn words() -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in TEXT.chars().enumerate() {
        match (c.is_alphanumeric() || c == '-', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// An annotation on word `n` (code points), quoted from the article.
fn ann(id: &str, kind: Kind, label: &str, n: usize) -> Annotation {
    let (start, end) = words()[n];
    let mut a = Annotation::new(id, kind, label, vec![Span::new(start, end)]);
    a.quote.exact = TEXT
        .chars()
        .skip(start)
        .take(end - start)
        .collect::<String>()
        .into();
    a
}

fn file(
    annotations: Vec<Annotation>,
    entities: Vec<Entity>,
    relations: Vec<Relation>,
) -> SidecarFile {
    let doc = doc();
    let mut f = SidecarFile {
        format: FORMAT.to_string(),
        annotations,
        entities,
        relations,
        ..SidecarFile::default()
    };
    f.document.file = doc.file_name();
    f.document.sha256 = doc.sha256().to_string();
    f.document.bytes = TEXT.len() as u64;
    f.document.chars = TEXT.chars().count() as u64;
    f
}

fn base() -> SidecarFile {
    file(
        vec![
            ann("a1", Kind::Source, "PERSON", 0),
            ann("a2", Kind::Claim, "factual", 5),
            ann("a3", Kind::Entity, "NORP", 7),
        ],
        vec![Entity::new("e1", "Шаукат Султан", "PERSON")],
        vec![Relation::new("r1", "attributed_to", "a2", "a1")],
    )
}

fn find<'a>(f: &'a SidecarFile, id: &str) -> &'a Annotation {
    f.annotations
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} is in the result"))
}

fn relabelled(mut f: SidecarFile, id: &str, label: &str) -> SidecarFile {
    f.annotations.iter_mut().find(|a| a.id == id).unwrap().label = label.into();
    f
}

fn without(mut f: SidecarFile, id: &str) -> SidecarFile {
    f.annotations.retain(|a| a.id != id);
    f.relations.retain(|r| r.from != id && r.to != id);
    f
}

fn valid(f: &SidecarFile) {
    let text = sidecar::render(f).unwrap();
    assert!(!text.contains("<<<<<<<"));
    let back = sidecar::parse(Path::new("x.scholia.json"), &text).unwrap();
    let errors: Vec<_> = validate::check(&doc(), &back)
        .into_iter()
        .filter(|p| !p.warning)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_change_on_one_branch_is_taken_and_nothing_is_marked() {
    let ours = relabelled(base(), "a1", "ORG");
    let theirs = relabelled(base(), "a3", "GPE");
    let merged = merge(Some(&base()), &ours, &theirs);
    assert_eq!(find(&merged.file, "a1").label, "ORG");
    assert_eq!(find(&merged.file, "a3").label, "GPE");
    assert_eq!(merged.file.annotations.len(), 3);
    assert_eq!(merged.tally, Tally::default());
    valid(&merged.file);
}

#[test]
fn the_done_mark_follows_the_branch_that_changed_it() {
    let mark = |by: &str| crate::domain::done::DoneMark {
        by: by.into(),
        at: "2026-12-03T16:00:00Z".into(),
    };
    let mut theirs = base();
    theirs.done = Some(mark("bob"));
    assert_eq!(
        merge(Some(&base()), &base(), &theirs).file.done,
        Some(mark("bob"))
    );
    let mut ours = base();
    ours.done = Some(mark("ana"));
    assert_eq!(
        merge(Some(&base()), &ours, &theirs).file.done,
        Some(mark("ana"))
    );
    let mut marked = base();
    marked.done = Some(mark("ana"));
    assert_eq!(merge(Some(&marked), &marked, &base()).file.done, None);
}

#[test]
fn the_same_change_on_both_branches_is_taken_once() {
    let mut ours = relabelled(base(), "a1", "ORG");
    ours.annotations[0].modified = Some("2026-12-01T10:00:00Z".into());
    let theirs = relabelled(base(), "a1", "ORG");
    let merged = merge(Some(&base()), &ours, &theirs);
    assert_eq!(merged.file.annotations.len(), 3);
    assert_eq!(
        find(&merged.file, "a1").modified,
        ours.annotations[0].modified
    );
    assert_eq!(merged.tally.conflicts, 0);
}

#[test]
fn additions_with_the_same_id_are_both_kept_and_theirs_references_follow_theirs() {
    let mut ours = base();
    ours.annotations
        .push(ann("a4", Kind::Source, "publication", 9));
    ours.relations
        .push(Relation::new("r2", "cites", "a2", "a4"));
    let mut theirs = base();
    theirs.entities.push(Entity::new("e2", "AFP", "ORG"));
    let mut afp = ann("a4", Kind::Source, "ORG", 3);
    afp.entity = Some("e2".into());
    theirs.annotations.push(afp);
    theirs
        .relations
        .push(Relation::new("r2", "cites", "a2", "a4"));
    let merged = merge(Some(&base()), &ours, &theirs);
    let f = &merged.file;
    assert_eq!(find(f, "a4").label, "publication", "ours keeps its ids");
    let afp = find(f, "a5");
    assert_eq!(
        (afp.label.as_str(), afp.quote.exact.as_str()),
        ("ORG", "AFP")
    );
    assert_eq!(afp.entity.as_deref(), Some("e2"), "e2 did not collide");
    let ends: Vec<(&str, &str, &str)> = f
        .relations
        .iter()
        .map(|r| (r.id.as_str(), r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(
        ends,
        [("r1", "a2", "a1"), ("r2", "a2", "a4"), ("r3", "a2", "a5")]
    );
    assert_eq!((merged.tally.added_ours, merged.tally.added_theirs), (2, 3));
    assert_eq!(
        merged.tally.renumbered,
        [
            ("a4".to_string(), "a5".to_string()),
            ("r2".to_string(), "r3".to_string())
        ]
    );
    assert_eq!(merged.tally.conflicts, 0);
    valid(f);
}

#[test]
fn a_renumbered_entity_takes_theirs_mentions_with_it() {
    let mut ours = base();
    ours.entities.push(Entity::new("e2", "AFP", "ORG"));
    let mut theirs = base();
    theirs.entities.push(Entity::new("e2", "Ekspress-K", "ORG"));
    let mut ekspress = ann("a4", Kind::Source, "publication", 9);
    ekspress.entity = Some("e2".into());
    theirs.annotations.push(ekspress);
    let merged = merge(Some(&base()), &ours, &theirs);
    let e3 = merged.file.entities.iter().find(|e| e.id == "e3").unwrap();
    assert_eq!(e3.name, "Ekspress-K");
    assert_eq!(find(&merged.file, "a4").entity.as_deref(), Some("e3"));
    valid(&merged.file);
}

#[test]
fn the_same_addition_on_both_branches_is_kept_once_and_theirs_links_land_on_it() {
    let mut ours = base();
    ours.annotations.push(ann("a4", Kind::Source, "ORG", 3));
    let mut theirs = base();
    theirs.annotations.push(ann("a7", Kind::Entity, "GPE", 7));
    theirs.annotations.push(ann("a8", Kind::Source, "ORG", 3));
    theirs
        .relations
        .push(Relation::new("r5", "cites", "a2", "a8"));
    let merged = merge(Some(&base()), &ours, &theirs);
    let afp: Vec<&Annotation> = merged
        .file
        .annotations
        .iter()
        .filter(|a| a.quote.exact == "AFP")
        .collect();
    assert_eq!(afp.len(), 1);
    assert_eq!(afp[0].id, "a4");
    let r5 = merged.file.relations.iter().find(|r| r.id == "r5").unwrap();
    assert_eq!(r5.to, "a4");
    assert_eq!(merged.tally.kept_once, 1);
    valid(&merged.file);
}

#[test]
fn the_same_span_and_label_added_with_different_notes_keeps_both_marked() {
    let mut ours = base();
    let mut mine = ann("a4", Kind::Source, "ORG", 3);
    mine.note = Some("agency".into());
    ours.annotations.push(mine);
    let mut theirs = base();
    let mut yours = ann("a4", Kind::Source, "ORG", 3);
    yours.note = Some("wire service".into());
    theirs.annotations.push(yours);
    let merged = merge(Some(&base()), &ours, &theirs);
    let (a4, a5) = (find(&merged.file, "a4"), find(&merged.file, "a5"));
    assert_eq!(a4.note.as_deref(), Some("agency"));
    assert_eq!(a5.note.as_deref(), Some("wire service"));
    let (c4, c5) = (a4.conflict.as_ref().unwrap(), a5.conflict.as_ref().unwrap());
    assert_eq!((c4.side.as_str(), c5.side.as_str()), ("ours", "theirs"));
    assert_eq!(c4.set, c5.set);
    assert_eq!(c4.base, None);
    assert_eq!(merged.tally.conflicts, 1);
}

#[test]
fn a_deletion_on_one_branch_is_applied_when_the_other_left_it_alone() {
    let ours = without(base(), "a3");
    let theirs = relabelled(base(), "a1", "ORG");
    let merged = merge(Some(&base()), &ours, &theirs);
    assert!(merged.file.annotations.iter().all(|a| a.id != "a3"));
    assert_eq!(merged.tally.deleted, 1);
    let merged = merge(Some(&base()), &theirs, &ours);
    assert!(merged.file.annotations.iter().all(|a| a.id != "a3"));
    assert_eq!(merged.tally.conflicts, 0);
}

#[test]
fn deleted_on_one_branch_and_changed_on_the_other_is_kept_and_marked() {
    let ours = without(base(), "a3");
    let theirs = relabelled(base(), "a3", "GPE");
    let merged = merge(Some(&base()), &ours, &theirs);
    let a3 = find(&merged.file, "a3");
    assert_eq!(a3.label, "GPE");
    let mark = a3.conflict.as_ref().unwrap();
    assert_eq!(
        (mark.side.as_str(), mark.base.as_deref()),
        ("theirs", Some("a3"))
    );
    assert_eq!(merged.tally.conflicts, 1);
    let merged = merge(Some(&base()), &theirs, &ours);
    let mark = find(&merged.file, "a3").conflict.clone().unwrap();
    assert_eq!(mark.side, "ours");
}

#[test]
fn changed_differently_on_both_branches_keeps_both_versions_marked() {
    let ours = relabelled(base(), "a1", "ORG");
    let theirs = relabelled(base(), "a1", "NORP");
    let merged = merge(Some(&base()), &ours, &theirs);
    let f = &merged.file;
    let mine = find(f, "a1");
    let yours = find(f, "a4");
    assert_eq!((mine.label.as_str(), yours.label.as_str()), ("ORG", "NORP"));
    let (m, y) = (
        mine.conflict.as_ref().unwrap(),
        yours.conflict.as_ref().unwrap(),
    );
    assert_eq!(
        (m.set.as_str(), m.side.as_str(), m.base.as_deref()),
        ("k1", "ours", Some("a1"))
    );
    assert_eq!(
        (y.set.as_str(), y.side.as_str(), y.base.as_deref()),
        ("k1", "theirs", Some("a1"))
    );
    assert_eq!(f.relations[0].to, "a1", "links stay with ours' version");
    assert_eq!(merged.tally.conflicts, 1);
    valid(f);
}

#[test]
fn a_new_conflict_set_never_reuses_one_already_in_the_file() {
    let mut older = base();
    older.annotations[1].conflict = Some(Box::new(crate::domain::model::Conflict {
        set: "k1".into(),
        side: "ours".into(),
        base: None,
        extra: Default::default(),
    }));
    let ours = relabelled(older.clone(), "a1", "ORG");
    let theirs = relabelled(older.clone(), "a1", "NORP");
    let merged = merge(Some(&older), &ours, &theirs);
    assert_eq!(
        find(&merged.file, "a1").conflict.as_ref().unwrap().set,
        "k2"
    );
}

#[test]
fn an_entity_takes_each_branch_s_fields_and_records_theirs_where_both_changed_one() {
    let mut ours = base();
    ours.entities[0]
        .attrs
        .insert("reliability".into(), "B".into());
    ours.entities[0].note = Some("spokesman".into());
    let mut theirs = base();
    theirs.entities[0]
        .attrs
        .insert("reliability".into(), "C".into());
    theirs.entities[0].name = "Shaukat Sultan".into();
    let merged = merge(Some(&base()), &ours, &theirs);
    let e1 = &merged.file.entities[0];
    assert_eq!(merged.file.entities.len(), 1);
    assert_eq!(e1.name, "Shaukat Sultan");
    assert_eq!(e1.note.as_deref(), Some("spokesman"));
    assert_eq!(e1.attrs["reliability"], "B");
    assert_eq!(
        e1.extra[CONFLICT_KEY],
        json!({"set": "k1", "side": "ours", "base": "e1", "theirs": {"attrs": {"reliability": "C"}}})
    );
    assert_eq!(merged.tally.conflicts, 1);
    valid(&merged.file);
}

#[test]
fn an_entity_both_changed_in_different_fields_merges_without_a_conflict() {
    let mut ours = base();
    ours.entities[0].note = Some("spokesman".into());
    let mut theirs = base();
    theirs.entities[0].registry = Some("r12".into());
    let merged = merge(Some(&base()), &ours, &theirs);
    let e1 = &merged.file.entities[0];
    assert_eq!(
        (e1.note.as_deref(), e1.registry.as_deref()),
        (Some("spokesman"), Some("r12"))
    );
    assert!(e1.extra.is_empty());
    assert_eq!(merged.tally.conflicts, 0);
}

#[test]
fn a_record_deleted_on_one_branch_and_linked_to_on_the_other_is_kept_and_marked() {
    let ours = without(base(), "a3");
    let mut theirs = base();
    theirs
        .relations
        .push(Relation::new("r2", "mentions", "a2", "a3"));
    let merged = merge(Some(&base()), &ours, &theirs);
    let a3 = find(&merged.file, "a3");
    assert_eq!(a3.conflict.as_ref().unwrap().side, "theirs");
    assert_eq!((merged.tally.deleted, merged.tally.conflicts), (0, 1));
    valid(&merged.file);
}

#[test]
fn unknown_fields_and_the_document_are_merged_and_kept() {
    let mut b = base();
    b.extra.insert("project".into(), json!("kz"));
    b.document.extra.insert("source".into(), json!("jamestown"));
    let mut ours = b.clone();
    ours.extra.insert("reviewed".into(), json!(true));
    ours.extra.insert("project".into(), json!("kz-1"));
    let mut theirs = b.clone();
    theirs.extra.insert("project".into(), json!("kz-2"));
    theirs.extra.insert("tool".into(), json!({"x": 1}));
    let merged = merge(Some(&b), &ours, &theirs);
    assert_eq!(
        serde_json::Value::Object(merged.file.extra.clone()),
        json!({"project": "kz-1", "reviewed": true, "tool": {"x": 1}})
    );
    assert_eq!(merged.file.document, b.document);
    assert_eq!(merged.tally.fields_kept_ours, ["project"]);
}

#[test]
fn the_labels_both_branches_imports_added_to_the_schema_are_all_kept() {
    let b = base();
    let mut ours = b.clone();
    ours.extra.insert(
        "schema".into(),
        json!({"entity": ["Персона"], "attributes": {"stance": ["rumoured"]}}),
    );
    let mut theirs = b.clone();
    theirs.extra.insert(
        "schema".into(),
        json!({"entity": ["Организация"], "relation": ["Работает_в"]}),
    );
    let merged = merge(Some(&b), &ours, &theirs);
    assert_eq!(
        merged.file.extra["schema"],
        json!({"entity": ["Персона", "Организация"], "relation": ["Работает_в"], "attributes": {"stance": ["rumoured"]}})
    );
    assert!(merged.tally.fields_kept_ours.is_empty());
}

#[test]
fn without_a_common_ancestor_both_files_are_additions() {
    let ours = base();
    let mut theirs = base();
    theirs.annotations.push(ann("a4", Kind::Entity, "GPE", 7));
    let merged = merge(None, &ours, &theirs);
    assert_eq!(merged.file.annotations.len(), 4);
    assert_eq!(
        merged.tally.kept_once, 5,
        "3 annotations, 1 entity, 1 relation"
    );
    assert_eq!(merged.tally.conflicts, 0);
    assert_eq!(merged.file.document, ours.document);
    valid(&merged.file);
}

/// What a branch does to the base in the property test.
#[derive(Debug, Clone)]
enum Step {
    Delete(usize),
    Relabel(usize, usize),
    Add(usize, usize),
    Link(usize, usize),
    Group(usize),
    Grade(usize, usize),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        (0usize..8).prop_map(Step::Delete),
        (0usize..8, 0usize..3).prop_map(|(i, l)| Step::Relabel(i, l)),
        (0usize..11, 0usize..3).prop_map(|(w, l)| Step::Add(w, l)),
        (0usize..8, 0usize..8).prop_map(|(f, t)| Step::Link(f, t)),
        (0usize..8).prop_map(Step::Group),
        (0usize..4, 0usize..3).prop_map(|(e, g)| Step::Grade(e, g)),
    ]
}

/// Applies `steps` as the workbench would: new ids one above the largest, a deleted
/// annotation's relations deleted with it.
fn branch(base: &SidecarFile, steps: &[Step]) -> SidecarFile {
    let labels = ["PERSON", "ORG", "GPE"];
    let mut f = base.clone();
    for s in steps {
        let n = f.annotations.len();
        match *s {
            Step::Delete(i) if n > 0 => {
                let id = f.annotations[i % n].id.clone();
                f = without(f, &id);
            }
            Step::Relabel(i, l) if n > 0 => f.annotations[i % n].label = labels[l].into(),
            Step::Add(w, l) => {
                let id = IdCounter::new("a", f.annotations.iter().map(|a| a.id.as_str())).next_id();
                f.annotations.push(ann(&id, Kind::Entity, labels[l], w));
            }
            Step::Link(from, to) if n > 0 => {
                let id = IdCounter::new("r", f.relations.iter().map(|r| r.id.as_str())).next_id();
                let (from, to) = (
                    f.annotations[from % n].id.clone(),
                    f.annotations[to % n].id.clone(),
                );
                f.relations.push(Relation::new(id, "supports", from, to));
            }
            Step::Group(i) if n > 0 => {
                let id = IdCounter::new("e", f.entities.iter().map(|e| e.id.as_str())).next_id();
                let a = &mut f.annotations[i % n];
                f.entities.push(Entity::new(
                    id.clone(),
                    a.quote.exact.clone(),
                    a.label.clone(),
                ));
                a.entity = Some(id);
            }
            Step::Grade(e, g) if !f.entities.is_empty() => {
                let e = e % f.entities.len();
                f.entities[e]
                    .attrs
                    .insert("reliability".into(), ["A", "B", "C"][g].into());
            }
            _ => {}
        }
    }
    f
}

/// An annotation as the merge may leave it: id, conflict mark and entity link aside.
fn content(a: &Annotation) -> Annotation {
    Annotation {
        id: String::new(),
        conflict: None,
        entity: None,
        ..a.clone()
    }
}

proptest::proptest! {
    #[test]
    fn no_annotation_of_either_branch_is_lost_and_the_result_validates(
        start in proptest::collection::vec(step(), 0..6),
        mine in proptest::collection::vec(step(), 0..8),
        yours in proptest::collection::vec(step(), 0..8),
        ancestor in proptest::bool::ANY,
    ) {
        let b = branch(&file(Vec::new(), Vec::new(), Vec::new()), &start);
        let (ours, theirs) = (branch(&b, &mine), branch(&b, &yours));
        let merged = merge(ancestor.then_some(&b), &ours, &theirs);
        valid(&merged.file);
        let mut ids: Vec<&str> = merged.file.annotations.iter().map(|a| a.id.as_str()).collect();
        ids.sort();
        let unique = ids.len();
        ids.dedup();
        proptest::prop_assert_eq!(ids.len(), unique, "ids are unique");
        let result: Vec<Annotation> = merged.file.annotations.iter().map(content).collect();
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            for a in &side.annotations {
                // A version the branch left as it was gives way to the other's
                // change or deletion.
                let untouched = ancestor
                    && b.annotations.iter().any(|x| x.id == a.id && content(x) == content(a));
                let changed_there = !other.annotations.iter().any(|x| x.id == a.id && content(x) == content(a));
                if untouched && changed_there {
                    continue;
                }
                proptest::prop_assert!(result.contains(&content(a)), "{a:?} is lost");
            }
        }
        let unmarked = merged.file.annotations.iter().all(|a| a.conflict.is_none())
            && merged.file.relations.iter().all(|r| !r.extra.contains_key(CONFLICT_KEY))
            && merged.file.entities.iter().all(|e| !e.extra.contains_key(CONFLICT_KEY));
        for side in [&ours, &theirs] {
            for e in &side.entities {
                let kept = merged.file.entities.iter().any(|m| m.name == e.name && m.label == e.label);
                let untouched = ancestor && b.entities.contains(e);
                proptest::prop_assert!(kept || untouched, "{e:?} is lost");
            }
        }
        proptest::prop_assert_eq!(merged.tally.conflicts == 0, unmarked);
    }
}
