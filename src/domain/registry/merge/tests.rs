//! One test per rule of the registry's three-way merge.

use serde_json::{json, Value};

use super::*;
use crate::domain::registry::{EntryKind, Grade};

fn registry(entries: &[Entry]) -> Registry {
    Registry {
        entries: entries.to_vec(),
        ..Registry::new()
    }
}

fn source(id: &str, name: &str) -> Entry {
    Entry::new(id, name, EntryKind::Source, "publication")
}

fn graded(id: &str, name: &str, grade: &str, by: &str) -> Entry {
    let mut e = source(id, name);
    e.reliability = Some(Grade::new(grade, by, "2026-12-03T10:00:00Z"));
    e
}

fn ids(r: &Registry) -> Vec<&str> {
    r.entries.iter().map(|e| e.id.as_str()).collect()
}

fn conflict_of(e: &Entry) -> Option<&Value> {
    e.extra.get(CONFLICT_KEY)
}

#[test]
fn additions_on_both_sides_with_free_ids_are_kept() {
    let base = registry(&[source("r1", "AFP")]);
    let ours = registry(&[source("r1", "AFP"), source("r2", "Reuters")]);
    let mut theirs_entry = source("r3", "Tengrinews");
    theirs_entry.extra.insert("colour".into(), json!("red"));
    let theirs = registry(&[source("r1", "AFP"), theirs_entry]);
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(ids(&m.registry), ["r1", "r2", "r3"]);
    assert_eq!(m.registry.entry("r3").unwrap().extra["colour"], "red");
    assert_eq!((m.tally.added_ours, m.tally.added_theirs), (1, 1));
    assert_eq!(m.tally.conflicts, 0);
}

#[test]
fn the_same_entry_added_on_both_under_one_id_is_kept_once_with_names_united() {
    let base = registry(&[]);
    let mut o = source("r1", "Ekspress-K");
    o.aliases.push("Express K".into());
    o.external.push("wikidata:Q4389".into());
    let mut t = source("r1", "ЭКСПРЕСС-К");
    t.name = "Ékspress-K".into();
    t.aliases.push("Экспресс-К".into());
    t.external.push("viaf:1".into());
    t.reliability = Some(Grade::new("B", "analyst2", "t"));
    let m = merge(Some(&base), &registry(&[o]), &registry(&[t]));
    assert_eq!(m.registry.entries.len(), 1);
    let e = &m.registry.entries[0];
    assert_eq!(e.name, "Ekspress-K");
    assert_eq!(e.aliases, ["Express K", "Ékspress-K", "Экспресс-К"]);
    assert_eq!(e.external, ["wikidata:Q4389", "viaf:1"]);
    assert_eq!(e.grade(), Some("B"), "a grade only theirs gave is taken");
    assert_eq!(m.tally.kept_once, 1);
    assert_eq!(m.tally.conflicts, 0);
}

#[test]
fn the_same_entry_added_under_another_free_id_leaves_theirs_as_a_redirect() {
    let base = registry(&[source("r1", "AFP")]);
    let ours = registry(&[source("r1", "AFP"), source("r2", "Reuters")]);
    let mut redirected_to_new = source("r4", "Reuters Agency");
    redirected_to_new.merged_into = Some("r3".into());
    let theirs = registry(&[
        source("r1", "AFP"),
        source("r3", "REUTERS"),
        redirected_to_new,
    ]);
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(ids(&m.registry), ["r1", "r2", "r3", "r4"]);
    assert_eq!(
        m.registry.entry("r3").unwrap().merged_into.as_deref(),
        Some("r2")
    );
    assert_eq!(
        m.registry.entry("r4").unwrap().merged_into.as_deref(),
        Some("r2"),
        "theirs' redirects follow"
    );
    assert_eq!(m.registry.resolve("r3").unwrap().id, "r2");
    assert_eq!(m.registry.entry("r2").unwrap().aliases, ["REUTERS"]);
    assert_eq!(m.tally.conflicts, 0);
}

#[test]
fn a_field_both_added_differently_keeps_ours_and_records_theirs() {
    let o = graded("r1", "AFP", "B", "analyst1");
    let t = graded("r1", "afp", "D", "analyst2");
    let m = merge(None, &registry(&[o]), &registry(std::slice::from_ref(&t)));
    let e = &m.registry.entries[0];
    assert_eq!(e.grade(), Some("B"));
    let mark = conflict_of(e).unwrap();
    assert_eq!(mark["side"], "ours");
    assert_eq!(
        mark["theirs"]["reliability"],
        serde_json::to_value(t.reliability).unwrap()
    );
    assert_eq!(m.tally.conflicts, 1);
}

#[test]
fn a_colliding_new_id_of_theirs_is_renumbered_recorded_and_marked() {
    let base = registry(&[source("r1", "AFP")]);
    let ours = registry(&[source("r1", "AFP"), source("r2", "Reuters")]);
    let mut merged_away = source("r3", "Kazinform agency");
    merged_away.merged_into = Some("r2".into());
    let theirs = registry(&[source("r1", "AFP"), source("r2", "Kazinform"), merged_away]);
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(ids(&m.registry), ["r1", "r2", "r3", "r4"]);
    assert_eq!(
        m.registry.entry("r2").unwrap().name,
        "Reuters",
        "ours' id kept"
    );
    let moved = m.registry.entry("r4").unwrap();
    assert_eq!(moved.name, "Kazinform");
    assert_eq!(moved.extra[RENUMBERED_FROM], "r2");
    assert_eq!(conflict_of(moved).unwrap()["side"], "theirs");
    assert_eq!(
        m.registry.entry("r3").unwrap().merged_into.as_deref(),
        Some("r4"),
        "theirs' redirect to the renumbered entry follows it"
    );
    assert_eq!(m.tally.renumbered, [("r2".to_string(), "r4".to_string())]);
    assert_eq!(m.tally.conflicts, 1);
}

#[test]
fn a_change_on_one_side_is_taken() {
    let base = registry(&[source("r1", "AFP"), source("r2", "Reuters")]);
    let mut ours = base.clone();
    ours.entries[0].note = Some("wire".into());
    let mut theirs = base.clone();
    theirs.entries[1].reliability = Some(Grade::new("A", "analyst2", "t"));
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(
        m.registry.entry("r1").unwrap().note.as_deref(),
        Some("wire")
    );
    assert_eq!(m.registry.entry("r2").unwrap().grade(), Some("A"));
    assert_eq!(m.tally.conflicts, 0);
}

#[test]
fn changes_on_both_sides_merge_field_by_field_and_a_clash_keeps_ours() {
    let mut b = source("r1", "AFP");
    b.aliases = vec!["Agence France-Presse".into(), "A.F.P.".into()];
    let base = registry(&[b.clone()]);
    let mut o = graded("r1", "AFP", "B", "analyst1");
    o.aliases = vec!["Agence France-Presse".into(), "AFP news".into()];
    let mut t = graded("r1", "AFP", "C", "analyst2");
    t.aliases = b.aliases.clone();
    t.aliases.push("Франс Пресс".into());
    t.note = Some("wire".into());
    let m = merge(Some(&base), &registry(&[o]), &registry(&[t]));
    let e = &m.registry.entries[0];
    assert_eq!(e.grade(), Some("B"));
    assert_eq!(e.note.as_deref(), Some("wire"));
    assert_eq!(
        e.aliases,
        ["Agence France-Presse", "AFP news", "Франс Пресс"],
        "a removal on ours and an addition on theirs both apply"
    );
    let mark = conflict_of(e).unwrap();
    assert_eq!(mark["base"], "r1");
    assert_eq!(mark["theirs"]["reliability"]["grade"], "C");
    assert!(mark["theirs"].get("note").is_none());
    assert_eq!(m.tally.conflicts, 1);
}

#[test]
fn a_deletion_or_merge_on_one_side_is_applied() {
    let base = registry(&[
        source("r1", "AFP"),
        source("r2", "A.F.P."),
        source("r3", "X"),
    ]);
    let mut ours = base.clone();
    ours.merge("r1", "r2", None).unwrap();
    let mut theirs = base.clone();
    theirs.entries.retain(|e| e.id != "r3");
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(ids(&m.registry), ["r1", "r2"]);
    assert_eq!(m.registry.resolve("r2").unwrap().id, "r1");
    assert_eq!(m.tally.deleted, 1);
    assert_eq!(m.tally.conflicts, 0);
}

#[test]
fn a_deletion_against_a_change_keeps_the_changed_entry_marked() {
    let base = registry(&[source("r1", "AFP")]);
    let ours = registry(&[]);
    let theirs = registry(&[graded("r1", "AFP", "A", "analyst2")]);
    let m = merge(Some(&base), &ours, &theirs);
    let e = &m.registry.entries[0];
    assert_eq!(e.grade(), Some("A"));
    assert_eq!(conflict_of(e).unwrap()["side"], "theirs");
    assert_eq!(m.tally.conflicts, 1);
}

#[test]
fn a_grade_given_on_an_entry_the_other_side_redirected_is_marked_not_hidden() {
    let base = registry(&[source("r1", "AFP"), source("r2", "A.F.P.")]);
    let mut ours = base.clone();
    ours.merge("r1", "r2", None).unwrap();
    let mut theirs = base.clone();
    theirs
        .set_grade("r2", Some(Grade::new("E", "analyst2", "t")))
        .unwrap();
    let m = merge(Some(&base), &ours, &theirs);
    let r2 = m.registry.entry("r2").unwrap();
    assert_eq!(r2.merged_into.as_deref(), Some("r1"));
    assert_eq!(r2.grade(), Some("E"), "theirs' grade is kept");
    assert_eq!(
        conflict_of(r2).unwrap()["changed_on_redirect"],
        json!(["reliability"])
    );
    assert_eq!(m.tally.conflicts, 1);
}

#[test]
fn unknown_top_level_fields_merge_key_by_key() {
    let mut base = registry(&[]);
    base.extra.insert("team".into(), json!("desk"));
    let mut ours = base.clone();
    ours.extra.insert("team".into(), json!("desk A"));
    let mut theirs = base.clone();
    theirs.extra.insert("team".into(), json!("desk B"));
    theirs.extra.insert("since".into(), json!(2026));
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(m.registry.extra["team"], "desk A");
    assert_eq!(m.registry.extra["since"], 2026);
    assert_eq!(m.tally.fields_kept_ours, ["team"]);
}

#[test]
fn an_entry_deleted_on_one_side_that_the_other_merged_into_is_kept_marked() {
    let base = registry(&[source("r1", "AFP"), source("r2", "A.F.P.")]);
    // Ours redirects r2 to r1 by hand, leaving r1 as it was; theirs deletes r1.
    let mut ours = base.clone();
    ours.entries[1].merged_into = Some("r1".into());
    let theirs = registry(&[source("r2", "A.F.P.")]);
    let m = merge(Some(&base), &ours, &theirs);
    assert_eq!(ids(&m.registry), ["r1", "r2"]);
    assert_eq!(
        m.registry.resolve("r2").unwrap().id,
        "r1",
        "the redirect finds it"
    );
    assert_eq!(
        conflict_of(m.registry.entry("r1").unwrap()).unwrap()["side"],
        "ours"
    );
    assert_eq!((m.tally.deleted, m.tally.conflicts), (0, 1));
}
