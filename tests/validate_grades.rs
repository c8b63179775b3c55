//! `scholia validate` warns about grades out of place: reliability on an annotation that
//! is not a source, credibility on one that is not a claim, a source graded otherwise
//! than its entity. A warning alone does not fail the check.

use std::fs;
use std::process::Command;

use scholia::domain::document::Document;
use scholia::domain::sidecar;
use serde_json::json;

const ARTICLE: &str = "Ноябрь. Col. Shaukat Sultan told AFP that four of the dead were Kazakh.\n";

/// An annotation record on the first occurrence of `exact` (code-point spans).
fn annotation(id: &str, kind: &str, label: &str, exact: &str) -> serde_json::Value {
    let byte = ARTICLE.find(exact).unwrap();
    let start = ARTICLE[..byte].chars().count();
    let end = start + exact.chars().count();
    json!({
        "id": id, "kind": kind, "label": label,
        "spans": [{"start": start, "end": end}],
        "quote": {"exact": exact, "prefix": "", "suffix": ""},
        "status": "accepted", "origin": {"by": "manual"},
    })
}

#[test]
fn grades_out_of_place_are_warnings_and_the_check_still_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, ARTICLE).unwrap();
    let doc = Document::from_text(&path, ARTICLE.to_string());
    let mut person = annotation("a1", "entity", "PERSON", "Shaukat Sultan");
    person["attrs"] = json!({"reliability": "B"});
    let mut source = annotation("a2", "source", "PERSON", "Shaukat Sultan");
    source["attrs"] = json!({"reliability": "B"});
    source["entity"] = json!("e1");
    let mut number = annotation("a3", "entity", "CARDINAL", "four");
    number["attrs"] = json!({"credibility": "2"});
    let file = json!({
        "format": "scholia/1",
        "document": {"file": "article.txt", "sha256": doc.sha256(),
                     "bytes": ARTICLE.len(), "chars": ARTICLE.chars().count()},
        "entities": [{"id": "e1", "name": "Shaukat Sultan", "label": "PERSON",
                      "attrs": {"reliability": "A"}}],
        "annotations": [person, source, number],
        "relations": [],
    });
    fs::write(
        sidecar::path_for(&path),
        serde_json::to_string_pretty(&file).unwrap(),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(["validate", path.to_str().unwrap()])
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let warnings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(warnings.len(), 3, "{stdout}");
    assert!(
        warnings[0].contains(
            "a1: warning: this entity has a reliability grade, which only a source can have"
        ),
        "{stdout}"
    );
    assert!(
        warnings[1].contains("a2: warning: graded B here and A on its entity e1"),
        "{stdout}"
    );
    assert!(
        warnings[2].contains(
            "a3: warning: this entity has a credibility grade, which only a claim can have"
        ),
        "{stdout}"
    );
}
