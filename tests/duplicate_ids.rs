//! Ids that are not unique or at the end of the counter: a git merge of two analysts'
//! sidecars that both added `a3` (and `e1`, `r1`) loses nothing on open, import and
//! save; an id at `u64::MAX` never makes a new annotation replace an old one.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::document::Document;
use scholia::domain::sidecar::{self, SidecarFile};
use serde_json::{json, Value};
use support::{goto, keys, open};

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";

/// An annotation record as the sidecar holds it (code-point spans).
fn annotation(id: &str, kind: &str, label: &str, start: usize, end: usize) -> Value {
    json!({
        "id": id, "kind": kind, "label": label,
        "spans": [{"start": start, "end": end}],
        "quote": {"exact": &ARTICLE[start..end], "prefix": "", "suffix": ""},
        "status": "accepted", "origin": {"by": "manual"},
    })
}

/// The sidecar a merge of two analysts' files leaves. Both started from `a1` (Sultan)
/// and `a2` (the claim). One added the source `a3` "AFP" with entity `e1` and `r1`
/// (cites); the other added the entity mention `a3` "Kazakh" with its own `e1` and
/// `r1` (mentions). Git kept both sides.
fn merged(doc: &Document) -> Value {
    let mut afp = annotation("a3", "source", "publication", 25, 28);
    afp["entity"] = json!("e1");
    let mut kazakh = annotation("a3", "entity", "NORP", 56, 62);
    kazakh["entity"] = json!("e1");
    json!({
        "format": "scholia/1",
        "document": {"file": "article.txt", "sha256": doc.sha256(),
                     "bytes": ARTICLE.len(), "chars": ARTICLE.len()},
        "entities": [
            {"id": "e1", "name": "AFP", "label": "ORG"},
            {"id": "e1", "name": "Kazakhstan", "label": "NORP"},
        ],
        "annotations": [
            annotation("a1", "source", "person", 5, 19),
            afp,
            annotation("a2", "claim", "factual", 34, 71),
            kazakh,
        ],
        "relations": [
            {"id": "r1", "type": "cites", "from": "a2", "to": "a3"},
            {"id": "r1", "type": "mentions", "from": "a2", "to": "a3"},
        ],
    })
}

/// An article in a temporary folder with `sidecar(doc)` beside it.
fn article_with(sidecar: impl Fn(&Document) -> Value) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, ARTICLE).unwrap();
    let doc = Document::load(&path, 1 << 20).unwrap();
    let text = serde_json::to_string_pretty(&sidecar(&doc)).unwrap();
    fs::write(sidecar::path_for(&path), text).unwrap();
    (dir, path)
}

fn scholia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn saved(path: &Path) -> SidecarFile {
    sidecar::read(&sidecar::path_for(path)).unwrap().unwrap()
}

/// `(id, quoted text)` of every annotation, `(id, name)` of every entity, and
/// `(id, type, from, to)` of every relation, sorted.
type Shape = (
    Vec<(String, String)>,
    Vec<(String, String)>,
    Vec<(String, String, String, String)>,
);

fn shape(file: &SidecarFile) -> Shape {
    let mut annotations: Vec<_> = file
        .annotations
        .iter()
        .map(|a| (a.id.clone(), a.quote.exact.to_string()))
        .collect();
    annotations.sort();
    let mut entities: Vec<_> = file
        .entities
        .iter()
        .map(|e| (e.id.clone(), e.name.clone()))
        .collect();
    entities.sort();
    let mut relations: Vec<_> = file
        .relations
        .iter()
        .map(|r| (r.id.clone(), r.kind.clone(), r.from.clone(), r.to.clone()))
        .collect();
    relations.sort();
    (annotations, entities, relations)
}

fn strings<const N: usize>(items: [(&str, &str); N]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The merged sidecar after renumbering: nothing lost, the later `a3`, `e1` and `r1`
/// renumbered, `r2` and the mention following the records they mean.
fn assert_nothing_lost(file: &SidecarFile) {
    let (annotations, entities, relations) = shape(file);
    for (id, quote) in [
        ("a1", "Shaukat Sultan"),
        ("a2", "four of the dead were Kazakh citizens"),
        ("a3", "AFP"),
        ("a4", "Kazakh"),
    ] {
        assert!(
            annotations.contains(&(id.to_string(), quote.to_string())),
            "{id} {quote} in {annotations:?}"
        );
    }
    assert_eq!(entities, strings([("e1", "AFP"), ("e2", "Kazakhstan")]));
    let relation = |id: &str, kind: &str, from: &str, to: &str| {
        (id.into(), kind.into(), from.into(), to.into())
    };
    for r in [
        relation("r1", "cites", "a2", "a3"),
        relation("r2", "mentions", "a2", "a4"),
    ] {
        assert!(relations.contains(&r), "{r:?} in {relations:?}");
    }
    let mut ids: Vec<&str> = file
        .annotations
        .iter()
        .map(|a| a.id.as_str())
        .chain(file.entities.iter().map(|e| e.id.as_str()))
        .chain(file.relations.iter().map(|r| r.id.as_str()))
        .collect();
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all, "every id is unique");
    let entity_of = |id: &str| {
        file.annotations
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.entity.clone())
    };
    assert_eq!(entity_of("a3").as_deref(), Some("e1"));
    assert_eq!(entity_of("a4").as_deref(), Some("e2"));
}

#[test]
fn a_merged_sidecar_loses_nothing_when_the_workbench_opens_and_saves_it() {
    let (_dir, path) = article_with(merged);
    let mut s = open(&path);
    assert_eq!(s.app().store().annotation_count(), 4);
    assert_eq!(s.app().store().entities().len(), 2);
    assert_eq!(s.app().store().relations().len(), 2);
    let status = s.app().message().map(|m| m.text.clone()).unwrap();
    assert!(
        status.contains("3 records shared an id") && status.contains("a3 → a4"),
        "{status}"
    );
    goto(&mut s, "dead");
    keys(&mut s, "s");
    assert!(!s.unsaved(), "saved");
    let file = saved(&path);
    assert_eq!(file.annotations.len(), 5, "{:?}", shape(&file));
    assert_nothing_lost(&file);
}

#[test]
fn import_into_a_merged_sidecar_keeps_every_record_and_says_so() {
    let (dir, path) = article_with(merged);
    let ann = dir.path().join("more.ann");
    fs::write(&ann, "T1\tPERSON 46 50\tdead\n").unwrap();
    let out = scholia(&["import", path.to_str().unwrap(), ann.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("3 records shared an id") && stderr.contains("r1 → r2"),
        "{stderr}"
    );
    let file = saved(&path);
    assert_eq!(file.annotations.len(), 5, "{:?}", shape(&file));
    assert_eq!(file.relations.len(), 2);
    assert_nothing_lost(&file);
    let imported = file.annotations.iter().find(|a| a.quote.exact == "dead");
    assert_eq!(imported.map(|a| a.id.as_str()), Some("a5"));

    let valid = scholia(&["validate", path.to_str().unwrap()]);
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid.stdout));
}

#[test]
fn validate_still_reports_the_duplicates_in_the_file() {
    let (_dir, path) = article_with(merged);
    let before = fs::read(sidecar::path_for(&path)).unwrap();
    let out = scholia(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    for id in ["a3", "e1", "r1"] {
        assert!(
            stdout.contains(&format!("{id}: this id is used more than once")),
            "{stdout}"
        );
    }
    assert_eq!(fs::read(sidecar::path_for(&path)).unwrap(), before);
}

/// A sidecar with `a1` and an annotation whose id has the largest number there is.
fn at_the_top(doc: &Document) -> Value {
    json!({
        "format": "scholia/1",
        "document": {"file": "article.txt", "sha256": doc.sha256(),
                     "bytes": ARTICLE.len(), "chars": ARTICLE.len()},
        "annotations": [
            annotation("a1", "source", "person", 5, 19),
            annotation(&format!("a{}", u64::MAX), "claim", "factual", 34, 71),
        ],
    })
}

fn assert_top_kept(file: &SidecarFile, added: &str) {
    let (annotations, _, _) = shape(file);
    let mut expected = strings([
        ("a1", "Shaukat Sultan"),
        ("a2", added),
        (
            "a18446744073709551615",
            "four of the dead were Kazakh citizens",
        ),
    ]);
    expected.sort();
    assert_eq!(annotations, expected);
}

#[test]
fn an_id_at_the_top_of_the_counter_makes_the_workbench_take_a_free_one() {
    let (_dir, path) = article_with(at_the_top);
    let mut s = open(&path);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    assert!(!s.unsaved(), "saved");
    assert_top_kept(&saved(&path), "AFP");
}

#[test]
fn an_id_at_the_top_of_the_counter_makes_import_take_a_free_one() {
    let (dir, path) = article_with(at_the_top);
    let ann = dir.path().join("more.ann");
    fs::write(&ann, "T1\tORG 25 28\tAFP\n").unwrap();
    let out = scholia(&["import", path.to_str().unwrap(), ann.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_top_kept(&saved(&path), "AFP");
    let valid = scholia(&["validate", path.to_str().unwrap()]);
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid.stdout));
}

#[test]
fn extract_on_a_merged_sidecar_says_what_it_renumbered() {
    let (_dir, path) = article_with(merged);
    let out = scholia(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("3 records shared an id") && stderr.contains("e1 → e2"),
        "{stderr}"
    );
    assert_nothing_lost(&saved(&path));
}

#[test]
fn a_shared_id_with_escape_sequences_reaches_stderr_inert() {
    let hostile = "a\u{1b}]0;title\u{7}";
    let (dir, path) = article_with(|doc| {
        let mut file = merged(doc);
        file["annotations"][1]["id"] = json!(hostile);
        file["annotations"][3]["id"] = json!(hostile);
        file
    });
    let ann = dir.path().join("more.ann");
    fs::write(&ann, "T1\tPERSON 46 50\tdead\n").unwrap();
    let out = scholia(&["import", path.to_str().unwrap(), ann.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("shared an id"), "{stderr}");
    assert!(
        !stderr.contains(['\u{1b}', '\u{7}']),
        "control characters reach the terminal: {stderr:?}"
    );
    assert_eq!(saved(&path).annotations.len(), 5);
}

#[test]
fn stats_counts_every_record_and_names_the_shared_ids() {
    let (_dir, path) = article_with(merged);
    let out = scholia(&["stats", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("4 annotations, 2 entities, 2 relations"),
        "{}",
        text(&out.stdout)
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("shared by more than one record") && stderr.contains(": a3, e1, r1"),
        "{stderr}"
    );
}

#[test]
fn export_of_a_merged_sidecar_keeps_every_record_and_says_so() {
    let (dir, path) = article_with(merged);
    let target = dir.path().join("out.json");
    let out = scholia(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "scholia",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("3 records shared an id") && stderr.contains("a3 → a4"),
        "{stderr}"
    );
    let exported: SidecarFile = serde_json::from_str(&fs::read_to_string(target).unwrap()).unwrap();
    assert_nothing_lost(&exported);
}
