//! `scholia registry init|list|show|merge|export` and the registry report of `scholia
//! stats`, run as the binary.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use scholia::domain::registry::{self, EntryKind, Grade, Registry};

fn scholia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_ANNOTATOR", "analyst1")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A corpus with a registry of two differently graded spellings of one outlet.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Registry::new();
    r.add("Ekspress-K", EntryKind::Source, "publication")
        .unwrap();
    r.add("Express K", EntryKind::Source, "publication")
        .unwrap();
    r.entries[1].aliases.push("Экспресс К".into());
    r.set_grade("r1", Some(Grade::new("B", "a", "t"))).unwrap();
    r.set_grade("r2", Some(Grade::new("E", "a", "t"))).unwrap();
    registry::write(&registry::path_in(dir.path()), &r).unwrap();
    dir
}

fn read(dir: &Path) -> Registry {
    registry::read(&registry::path_in(dir)).unwrap().unwrap()
}

#[test]
fn init_creates_an_empty_registry_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let out = scholia(&["registry", "init", &d]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read(dir.path()), Registry::new());
    let again = scholia(&["registry", "init", &d]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already there"));
    let missing = scholia(&[
        "registry",
        "list",
        "-C",
        &dir.path().join("no").display().to_string(),
    ]);
    assert_ne!(missing.status.code(), Some(0));
}

#[test]
fn list_and_show_from_an_article_below_the_root() {
    let dir = corpus();
    let sub = dir.path().join("2026/12");
    fs::create_dir_all(&sub).unwrap();
    let c = sub.display().to_string();
    let out = scholia(&["registry", "list", "-C", &c]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        text(&out),
        "r1  source  publication  B  Ekspress-K\nr2  source  publication  E  Express K\n"
    );
    let out = scholia(&["registry", "show", "r2", "-C", &c]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["aliases"][0], "Экспресс К");
    let out = scholia(&["registry", "show", "r9", "-C", &c]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "scholia: the registry has no entry r9");
}

#[test]
fn merge_refuses_differing_grades_unless_one_is_kept_and_leaves_a_redirect() {
    let dir = corpus();
    let c = dir.path().display().to_string();
    let before = fs::read(registry::path_in(dir.path())).unwrap();
    let out = scholia(&["registry", "merge", "r1", "r2", "-C", &c]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--keep r1 or --keep r2"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(registry::path_in(dir.path())).unwrap(), before);
    let out = scholia(&["registry", "merge", "r1", "r2", "--keep", "r2", "-C", &c]);
    assert!(out.status.success(), "{}", stderr(&out));
    let merged = read(dir.path());
    let kept = merged.entry("r1").unwrap();
    assert_eq!(kept.grade(), Some("E"));
    assert_eq!(kept.aliases, ["Express K", "Экспресс К"]);
    assert_eq!(merged.resolve("r2").unwrap().id, "r1");
    let out = scholia(&["registry", "show", "r2", "-C", &c]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        shown["id"], "r1",
        "a merged id shows the entry it went into"
    );
    let listed = text(&scholia(&["registry", "list", "-C", &c]));
    assert_eq!(listed.lines().count(), 1);
}

#[test]
fn export_writes_csv_and_json() {
    let dir = corpus();
    let c = dir.path().display().to_string();
    let out = scholia(&["registry", "export", "--format", "csv", "-C", &c]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = text(&out);
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert!(rows[0].starts_with("id,name,aliases,kind,label,reliability"));
    assert!(rows[2].starts_with("r2,Express K,Экспресс К,source,publication,E,a,t"));
    let file = dir.path().join("registry.json");
    let out = scholia(&[
        "registry",
        "export",
        "-f",
        "json",
        "-o",
        &file.display().to_string(),
        "-C",
        &c,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = registry::disk::parse(&file, &fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(back, read(dir.path()));
    let out = scholia(&["registry", "export", "-f", "xml", "-C", &c]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stats_counts_the_articles_and_claims_citing_each_entry() {
    let dir = corpus();
    for (n, with_claim) in [(1, true), (2, true), (3, false)] {
        let article = dir.path().join(format!("a{n}.txt"));
        fs::write(&article, "AFP said Ekspress-K lied.\n").unwrap();
        let relations = if with_claim {
            r#"[{"id": "r1", "type": "attributed_to", "from": "a2", "to": "a1"}]"#
        } else {
            "[]"
        };
        let sidecar = format!(
            r#"{{"format": "scholia/1",
            "document": {{"file": "a{n}.txt", "sha256": "", "bytes": 0, "chars": 0}},
            "entities": [{{"id": "e1", "name": "Ekspress-K", "label": "publication", "registry": "r{}"}}],
            "annotations": [
              {{"id": "a1", "kind": "source", "label": "publication", "entity": "e1",
                "spans": [{{"start": 9, "end": 19}}], "quote": {{"exact": "Ekspress-K"}},
                "status": "accepted", "origin": {{"by": "manual"}}}},
              {{"id": "a2", "kind": "claim", "label": "factual",
                "spans": [{{"start": 20, "end": 24}}], "quote": {{"exact": "lied"}},
                "status": "accepted", "origin": {{"by": "manual"}}}}],
            "relations": {relations}}}"#,
            if n == 3 { 2 } else { 1 }
        );
        fs::write(dir.path().join(format!("a{n}.txt.scholia.json")), sidecar).unwrap();
    }
    let c = dir.path().display().to_string();
    let out = scholia(&["stats", &c]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = text(&out);
    assert!(
        report.contains("  r1 Ekspress-K [B]: 2 articles, 2 claims\n"),
        "{report}"
    );
    assert!(
        report.contains("  r2 Express K [E]: 1 article, 0 claims\n"),
        "{report}"
    );
    let out = scholia(&["stats", &c, "--jsonl"]);
    let lines: Vec<serde_json::Value> = text(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v.get("registry_entry").is_some())
        .collect();
    assert_eq!(lines[0]["articles"], 2);
    assert_eq!(lines[0]["claims"], 2);
    // After a merge, the articles of the merged entry count on the kept one.
    scholia(&["registry", "merge", "r1", "r2", "--keep", "r1", "-C", &c]);
    let report = text(&scholia(&["stats", &c]));
    assert!(
        report.contains("  r1 Ekspress-K [B]: 3 articles, 2 claims\n"),
        "{report}"
    );
}

#[test]
fn add_writes_an_entry_with_its_names_and_ids_and_refuses_a_bad_id() {
    let dir = corpus();
    let c = dir.path().display().to_string();
    let out = scholia(&[
        "registry",
        "add",
        "Министерство обороны",
        "--kind",
        "source",
        "--label",
        "organisation",
        "--alias",
        "Минобороны",
        "--external",
        "wikidata:Q1",
        "-C",
        &c,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        text(&out),
        "r3  source  organisation  Министерство обороны\n"
    );
    let written = read(dir.path());
    let entry = written.entry("r3").unwrap();
    assert_eq!(entry.aliases, vec!["Минобороны".to_string()]);
    assert_eq!(entry.external, vec!["wikidata:Q1".to_string()]);
    let bad = scholia(&[
        "registry",
        "add",
        "X",
        "--label",
        "ORG",
        "--external",
        "Q1",
        "-C",
        &c,
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("scheme:id"), "{}", stderr(&bad));
    assert_eq!(read(dir.path()), written, "a refused entry writes nothing");
}
