//! `docs/registry.schema.json` describes the registries scholia writes and requires
//! what its loader requires.

use std::fs;
use std::path::{Path, PathBuf};

use scholia::domain::registry::{self, disk, EntryKind, Grade, Registry};
use serde_json::{json, Value};

mod json_schema;
use json_schema::errors;

fn schema() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/registry.schema.json");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn loads(value: &Value) -> bool {
    disk::parse(Path::new("scholia-registry.json"), &value.to_string()).is_ok()
}

#[test]
fn the_registries_scholia_writes_match_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = registry::path_in(dir.path());
    let mut r = Registry::new();
    r.add("Ekspress-K", EntryKind::Source, "publication")
        .unwrap();
    r.add("Express K", EntryKind::Source, "publication")
        .unwrap();
    r.add("Nursultan Nazarbayev", EntryKind::Entity, "PERSON")
        .unwrap();
    r.entries[0].aliases.push("Экспресс-К".into());
    r.entries[0].external.push("wikidata:Q4389".into());
    r.entries[0].note = Some("Almaty daily".into());
    registry::write(&path, &r).unwrap();
    registry::update(&path, "analyst1", |r| {
        r.set_grade(
            "r2",
            Some(Grade::new("B", "analyst1", "2026-12-03T10:00:00Z")),
        )?;
        r.merge("r1", "r2", None)
    })
    .unwrap();
    let written: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written["entries"][1]["merged_into"], "r1");
    assert_eq!(errors(&schema(), &written), Vec::<String>::new());
    let empty = serde_json::to_value(Registry::new()).unwrap();
    assert_eq!(errors(&schema(), &empty), Vec::<String>::new());
}

#[test]
fn the_schema_requires_what_the_loader_requires() {
    let entry = json!({"id": "r1", "name": "AFP", "kind": "source", "label": "publication"});
    let good = json!({"format": "scholia-registry/1", "entries": [entry]});
    assert!(loads(&good) && errors(&schema(), &good).is_empty());
    let mut cases = vec![
        json!({"entries": []}),
        json!({"format": "scholia-registry/2"}),
        json!({"format": "scholia-registry/1", "entries": [{"id": "r1"}]}),
    ];
    for field in ["id", "name", "kind", "label"] {
        let mut e = entry.clone();
        e.as_object_mut().unwrap().remove(field);
        cases.push(json!({"format": "scholia-registry/1", "entries": [e]}));
    }
    let mut bad_kind = entry.clone();
    bad_kind["kind"] = json!("claim");
    cases.push(json!({"format": "scholia-registry/1", "entries": [bad_kind]}));
    let mut no_grade = entry.clone();
    no_grade["reliability"] = json!({"by": "x"});
    cases.push(json!({"format": "scholia-registry/1", "entries": [no_grade]}));
    for case in cases {
        assert!(!loads(&case), "the loader refuses {case}");
        assert!(
            !errors(&schema(), &case).is_empty(),
            "the schema refuses {case}"
        );
    }
}
