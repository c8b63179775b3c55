//! `docs/sidecar.schema.json` describes the files scholia writes and requires what its
//! loader requires. Checked with a small validator for exactly the JSON Schema keywords
//! the schema uses (it fails on any other keyword, so it cannot silently skip one).

use std::fs;
use std::path::{Path, PathBuf};

use scholia::domain::document::{Document, DEFAULT_MAX_SIZE};
use scholia::domain::sidecar;
use serde_json::{json, Value};

mod json_schema;
use json_schema::errors;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn schema() -> Value {
    serde_json::from_str(&fs::read_to_string(root().join("docs/sidecar.schema.json")).unwrap())
        .unwrap()
}

fn example_text() -> String {
    fs::read_to_string(root().join("examples/border-incident.txt.scholia.json")).unwrap()
}

/// Whether scholia's loader accepts `value` as a sidecar.
fn loads(value: &Value) -> bool {
    sidecar::parse(Path::new("x.scholia.json"), &value.to_string()).is_ok()
}

#[test]
fn the_example_sidecar_matches_the_schema() {
    let example: Value = serde_json::from_str(&example_text()).unwrap();
    assert_eq!(errors(&schema(), &example), Vec::<String>::new());
}

#[test]
fn orphans_and_unknown_fields_match_the_schema() {
    let article = root().join("examples/border-incident.txt");
    let doc = Document::load(&article, DEFAULT_MAX_SIZE).unwrap();
    let file = sidecar::read(&sidecar::path_for(&article))
        .unwrap()
        .unwrap();
    // The paragraph with the anonymous official is cut from the article.
    let start = doc.text().find("A different version").unwrap();
    let end = doc.text().find("The discrepancies").unwrap();
    let edited = format!("{}{}", &doc.text()[..start], &doc.text()[end..]);
    let doc2 = Document::from_text(&article, edited);
    let loaded = sidecar::place_on(&doc2, file);
    assert_eq!(loaded.report.orphaned.len(), 4);
    let mut written =
        serde_json::to_value(sidecar::to_file(&doc2, &loaded.store, &loaded.kept).unwrap())
            .unwrap();
    let orphan = written["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["status"] == "orphaned")
        .unwrap()
        .clone();
    assert_eq!(orphan["spans"], json!([]));
    assert_eq!(orphan["orphan"]["status"], "accepted");
    written["project"] = json!({"desk": 4});
    written["document"]["url"] = json!("https://example.org/a");
    written["annotations"][0]["x-review"] = json!([1, 2]);
    written["annotations"][0]["origin"]["run"] = json!("r7");
    written["entities"][0]["wikidata"] = json!("Q1");
    written["relations"][0]["weight"] = json!(0.5);
    assert_eq!(errors(&schema(), &written), Vec::<String>::new());
    assert!(loads(&written));
}

#[test]
fn the_schema_requires_what_the_loader_requires() {
    let schema = schema();
    let example: Value = serde_json::from_str(&example_text()).unwrap();
    let required = [
        ("", "format"),
        ("", "document"),
        ("/document", "file"),
        ("/document", "sha256"),
        ("/document", "bytes"),
        ("/document", "chars"),
        ("/entities/0", "id"),
        ("/entities/0", "name"),
        ("/entities/0", "label"),
        ("/annotations/0", "id"),
        ("/annotations/0", "kind"),
        ("/annotations/0", "label"),
        ("/annotations/0", "spans"),
        ("/annotations/0", "status"),
        ("/annotations/0/spans/0", "start"),
        ("/annotations/0/spans/0", "end"),
        ("/annotations/0/quote", "exact"),
        ("/annotations/0/origin", "by"),
        ("/relations/0", "id"),
        ("/relations/0", "type"),
        ("/relations/0", "from"),
        ("/relations/0", "to"),
    ];
    for (at, key) in required {
        let mut value = example.clone();
        value
            .pointer_mut(at)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        assert!(
            !loads(&value),
            "the loader accepts a file without {at}/{key}"
        );
        assert!(
            !errors(&schema, &value).is_empty(),
            "the schema accepts a file without {at}/{key}"
        );
    }
    let optional = [
        ("", "entities"),
        ("", "annotations"),
        ("", "relations"),
        ("/entities/0", "attrs"),
        ("/entities/0", "note"),
        ("/annotations/0", "quote"),
        ("/annotations/0", "origin"),
        ("/annotations/0", "entity"),
        ("/annotations/0", "annotator"),
        ("/annotations/0", "created"),
        ("/annotations/0", "modified"),
        ("/annotations/0/quote", "prefix"),
        ("/annotations/0/quote", "suffix"),
    ];
    for (at, key) in optional {
        let mut value = example.clone();
        value
            .pointer_mut(at)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        assert!(
            loads(&value),
            "the loader refuses a file without {at}/{key}"
        );
        assert_eq!(errors(&schema, &value), Vec::<String>::new(), "{at}/{key}");
    }
}

#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let schema = schema();
    let example: Value = serde_json::from_str(&example_text()).unwrap();
    let wrong = [
        ("/format", json!("scholia/2")),
        ("/format", json!("brat")),
        ("/document/bytes", json!(-1)),
        ("/annotations/0/kind", json!("person")),
        ("/annotations/0/status", json!("done")),
        ("/annotations/0/spans/0/start", json!("114")),
        ("/annotations/10/attrs/credibility", json!(3)),
        ("/entities/0/attrs/reliability", json!(null)),
        ("/relations/0/to", json!(7)),
    ];
    for (at, bad) in wrong {
        let mut value = example.clone();
        *value.pointer_mut(at).unwrap() = bad.clone();
        assert!(!loads(&value), "the loader accepts {at} = {bad}");
        assert!(
            !errors(&schema, &value).is_empty(),
            "the schema accepts {at} = {bad}"
        );
    }
}
