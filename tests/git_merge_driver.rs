//! Two analysts annotate one article on two git branches; git merges their sidecars
//! with `scholia merge-driver`, set up by `scholia git-setup`. The result is checked
//! annotation by annotation: every addition kept, colliding ids renumbered with the
//! references that name them, one-sided changes and deletions applied, the annotation
//! both relabelled kept in both versions and marked, and never a conflict marker in
//! the JSON. Skipped when git is not installed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

use scholia::domain::document::Document;

mod json_schema;

const ARTICLE: &str = "In Miranshah, Шаукат Султан told AFP that at least four of the dead were Kazakh citizens (Ekspress-K, July 19).\n";
const SIDECAR: &str = "report.txt.scholia.json";

fn has_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs git in `repo` with a clean environment, the built scholia first on the path.
fn git(repo: &Path, args: &[&str]) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_scholia")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("PATH", path)
        .env("HOME", repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "analyst")
        .env("GIT_AUTHOR_EMAIL", "analyst@example.org")
        .env("GIT_COMMITTER_NAME", "analyst")
        .env("GIT_COMMITTER_EMAIL", "analyst@example.org")
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn scholia(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The code-point span of the first occurrence of `text` in the article.
fn span_of(text: &str) -> (usize, usize) {
    let byte = ARTICLE.find(text).unwrap();
    let start = ARTICLE[..byte].chars().count();
    (start, start + text.chars().count())
}

fn annotation(id: &str, kind: &str, label: &str, text: &str) -> Value {
    let (start, end) = span_of(text);
    json!({"id": id, "kind": kind, "label": label, "spans": [{"start": start, "end": end}],
           "quote": {"exact": text, "prefix": "", "suffix": ""},
           "status": "accepted", "origin": {"by": "manual"}})
}

fn relation(id: &str, kind: &str, from: &str, to: &str) -> Value {
    json!({"id": id, "type": kind, "from": from, "to": to})
}

fn sidecar(annotations: Vec<Value>, relations: Vec<Value>) -> String {
    let doc = Document::from_text(Path::new("report.txt"), ARTICLE.to_string());
    let file = json!({
        "format": "scholia/1",
        "document": {"file": "report.txt", "sha256": doc.sha256(),
                     "bytes": ARTICLE.len(), "chars": ARTICLE.chars().count()},
        "entities": [],
        "annotations": annotations,
        "relations": relations,
    });
    serde_json::to_string_pretty(&file).unwrap() + "\n"
}

fn base_annotations() -> Vec<Value> {
    vec![
        annotation("a1", "source", "PERSON", "Шаукат Султан"),
        annotation(
            "a2",
            "claim",
            "factual",
            "at least four of the dead were Kazakh citizens",
        ),
        annotation("a3", "entity", "NORP", "Kazakh"),
        annotation("a4", "source", "publication", "Ekspress-K"),
    ]
}

fn base_relations() -> Vec<Value> {
    vec![
        relation("r1", "attributed_to", "a2", "a1"),
        relation("r2", "cites", "a2", "a4"),
    ]
}

fn with_label(mut annotations: Vec<Value>, id: &str, label: &str) -> Vec<Value> {
    for a in &mut annotations {
        if a["id"] == id {
            a["label"] = json!(label);
        }
    }
    annotations
}

/// A repository with the article and its sidecar committed on `main`, set up by
/// `scholia git-setup`.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("corpus");
    fs::create_dir(&repo).unwrap();
    ok(git(&repo, &["init", "-q"]));
    ok(git(&repo, &["symbolic-ref", "HEAD", "refs/heads/main"]));
    ok(git(&repo, &["config", "commit.gpgsign", "false"]));
    fs::write(repo.join(".gitattributes"), "*.txt text").unwrap();
    let setup = scholia(&repo, &["git-setup"]);
    let said = ok(setup);
    assert!(
        said.contains("added `*.scholia.json merge=scholia`"),
        "{said}"
    );
    assert!(
        said.contains("set git config merge.scholia.driver"),
        "{said}"
    );
    let again = ok(scholia(&repo, &["git-setup", "."]));
    assert!(again.contains("already has"), "{again}");
    assert!(!again.contains("set git config"), "{again}");
    assert_eq!(
        fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.txt text\n*.scholia.json merge=scholia\nscholia-registry.json merge=scholia\n"
    );
    let driver = ok(git(&repo, &["config", "--get", "merge.scholia.driver"]));
    assert_eq!(driver.trim(), "scholia merge-driver %O %A %B %P");
    fs::write(repo.join("report.txt"), ARTICLE).unwrap();
    fs::write(
        repo.join(SIDECAR),
        sidecar(base_annotations(), base_relations()),
    )
    .unwrap();
    ok(git(&repo, &["add", "."]));
    ok(git(&repo, &["commit", "-q", "-m", "base"]));
    (dir, repo)
}

fn commit_on(repo: &Path, branch: &str, from: &str, text: String) {
    ok(git(repo, &["checkout", "-q", "-b", branch, from]));
    fs::write(repo.join(SIDECAR), text).unwrap();
    ok(git(repo, &["commit", "-q", "-am", branch]));
}

/// The merged sidecar, checked to be JSON without conflict markers.
fn merged(repo: &Path) -> Value {
    let text = fs::read_to_string(repo.join(SIDECAR)).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    serde_json::from_str(&text).unwrap()
}

/// `(id, label, quoted text, conflict mark)` of every annotation, in file order.
fn rows(file: &Value) -> Vec<(String, String, String, Value)> {
    file["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["label"].as_str().unwrap().to_string(),
                a["quote"]["exact"].as_str().unwrap().to_string(),
                a.get("conflict").cloned().unwrap_or(Value::Null),
            )
        })
        .collect()
}

fn ends(file: &Value) -> Vec<(String, String, String, String)> {
    file["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("id"), s("type"), s("from"), s("to"))
        })
        .collect()
}

#[test]
fn two_analysts_branches_merge_annotation_by_annotation() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (_dir, repo) = repository();
    // Analyst 1: relabels a1 (alone) and a3, tags AFP and Miranshah, links the claim.
    let mut mine = with_label(
        with_label(base_annotations(), "a1", "official"),
        "a3",
        "GPE",
    );
    mine.push(annotation("a5", "entity", "ORG", "AFP"));
    mine.push(annotation("a6", "entity", "GPE", "Miranshah"));
    let mut my_links = base_relations();
    my_links.push(relation("r3", "mentions", "a2", "a5"));
    commit_on(&repo, "analyst1", "main", sidecar(mine, my_links));
    // Analyst 2: relabels a3 otherwise, deletes Ekspress-K and its link, tags the date
    // and Miranshah, links the claim to the date.
    let mut yours: Vec<Value> = with_label(base_annotations(), "a3", "LOC")
        .into_iter()
        .filter(|a| a["id"] != "a4")
        .collect();
    yours.push(annotation("a5", "entity", "DATE", "July 19"));
    yours.push(annotation("a6", "entity", "GPE", "Miranshah"));
    let mut your_links: Vec<Value> = base_relations()
        .into_iter()
        .filter(|r| r["id"] != "r2")
        .collect();
    your_links.push(relation("r3", "mentions", "a2", "a5"));
    commit_on(&repo, "analyst2", "main", sidecar(yours, your_links));

    ok(git(&repo, &["checkout", "-q", "analyst1"]));
    let merge = git(&repo, &["merge", "--no-edit", "analyst2"]);
    let said = String::from_utf8_lossy(&merge.stdout).into_owned()
        + &String::from_utf8_lossy(&merge.stderr);
    assert!(
        !merge.status.success(),
        "a real conflict stops the merge: {said}"
    );
    assert!(
        said.contains("CONFLICT (content): Merge conflict in report.txt.scholia.json"),
        "{said}"
    );
    assert!(
        said.contains("1 conflict recorded (settle with `scholia adjudicate report.txt`)"),
        "{said}"
    );
    assert!(
        said.contains("scholia: merged report.txt.scholia.json: 3 added on ours, 2 on theirs (3 renumbered: a3 → a7, a5 → a8, r3 → r4), 1 added on both and kept once, 2 deletions applied, 1 conflict recorded"),
        "{said}"
    );

    let file = merged(&repo);
    let mark = |side: &str| json!({"set": "k1", "side": side, "base": "a3"});
    let expected: Vec<(String, String, String, Value)> = [
        ("a6", "GPE", "Miranshah", Value::Null),
        ("a1", "official", "Шаукат Султан", Value::Null),
        ("a5", "ORG", "AFP", Value::Null),
        (
            "a2",
            "factual",
            "at least four of the dead were Kazakh citizens",
            Value::Null,
        ),
        ("a3", "GPE", "Kazakh", mark("ours")),
        ("a7", "LOC", "Kazakh", mark("theirs")),
        ("a8", "DATE", "July 19", Value::Null),
    ]
    .into_iter()
    .map(|(id, label, text, mark)| (id.to_string(), label.to_string(), text.to_string(), mark))
    .collect();
    assert_eq!(rows(&file), expected);
    let links: Vec<(String, String, String, String)> = [
        ("r1", "attributed_to", "a2", "a1"),
        ("r3", "mentions", "a2", "a5"),
        ("r4", "mentions", "a2", "a8"),
    ]
    .into_iter()
    .map(|(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
    .collect();
    assert_eq!(ends(&file), links);
    let status = ok(git(&repo, &["status", "--porcelain"]));
    assert!(status.contains("UU report.txt.scholia.json"), "{status}");
    let checked = scholia(&repo, &["validate", "report.txt"]);
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
}

#[test]
fn a_merge_without_a_real_conflict_is_completed_by_git() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (_dir, repo) = repository();
    let mut mine = base_annotations();
    mine.push(annotation("a5", "entity", "ORG", "AFP"));
    commit_on(&repo, "analyst1", "main", sidecar(mine, base_relations()));
    let mut yours = with_label(base_annotations(), "a1", "official");
    yours.push(annotation("a5", "entity", "GPE", "Miranshah"));
    commit_on(&repo, "analyst2", "main", sidecar(yours, base_relations()));
    ok(git(&repo, &["checkout", "-q", "analyst1"]));
    ok(git(&repo, &["merge", "-q", "--no-edit", "analyst2"]));
    let file = merged(&repo);
    let labels: Vec<(String, String)> = rows(&file)
        .into_iter()
        .map(|(id, label, _, mark)| {
            assert_eq!(mark, Value::Null);
            (id, label)
        })
        .collect();
    let expected = [
        ("a6", "GPE"),
        ("a1", "official"),
        ("a5", "ORG"),
        ("a2", "factual"),
        ("a3", "NORP"),
        ("a4", "publication"),
    ];
    assert_eq!(
        labels,
        expected
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .to_vec()
    );
}

#[test]
fn a_side_that_is_not_a_sidecar_leaves_ours_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = (
        dir.path().join("O"),
        dir.path().join("A"),
        dir.path().join("B"),
    );
    let good = sidecar(base_annotations(), base_relations());
    fs::write(&base, &good).unwrap();
    fs::write(&ours, &good).unwrap();
    fs::write(&theirs, "<<<<<<< HEAD\n{\n").unwrap();
    let paths = [&base, &ours, &theirs].map(|p| p.to_str().unwrap().to_string());
    let out = scholia(
        dir.path(),
        &["merge-driver", &paths[0], &paths[1], &paths[2], SIDECAR],
    );
    assert_eq!(out.status.code(), Some(10));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with(
            "scholia: report.txt.scholia.json: their version is not a sidecar (line 1, column 1"
        ),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
    assert_eq!(fs::read_to_string(&ours).unwrap(), good);
}

#[test]
fn a_file_both_branches_added_merges_from_an_empty_ancestor() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = (
        dir.path().join("O"),
        dir.path().join("A"),
        dir.path().join("B"),
    );
    fs::write(&base, "").unwrap();
    fs::write(&ours, sidecar(base_annotations(), Vec::new())).unwrap();
    let mut yours = base_annotations();
    yours.push(annotation("a5", "entity", "ORG", "AFP"));
    fs::write(&theirs, sidecar(yours, Vec::new())).unwrap();
    let paths = [&base, &ours, &theirs].map(|p| p.to_str().unwrap().to_string());
    let out = scholia(
        dir.path(),
        &["merge-driver", &paths[0], &paths[1], &paths[2]],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file: Value = serde_json::from_str(&fs::read_to_string(&ours).unwrap()).unwrap();
    let ids: Vec<String> = rows(&file).into_iter().map(|r| r.0).collect();
    assert_eq!(ids, ["a1", "a5", "a2", "a3", "a4"]);
}

#[test]
fn git_setup_outside_a_repository_says_so_and_changes_nothing() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(["git-setup", "."])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with(
            "scholia: git rev-parse --show-toplevel failed in .: not a git repository"
        ),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(!dir.path().join(".gitattributes").exists());
}

const REGISTRY: &str = "scholia-registry.json";

fn source(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "kind": "source", "label": "publication"})
}

fn graded(id: &str, name: &str, grade: &str, by: &str) -> Value {
    let mut entry = source(id, name);
    entry["reliability"] = json!({"grade": grade, "by": by, "at": "2026-12-03T10:00:00Z"});
    entry
}

fn registry_text(entries: Vec<Value>) -> String {
    let file = json!({"format": "scholia-registry/1", "team": "desk", "entries": entries});
    serde_json::to_string_pretty(&file).unwrap() + "\n"
}

/// The corpus's registry as `main` has it: AFP, Ekspress-K and a duplicate of it.
fn base_entries() -> Vec<Value> {
    vec![
        source("r1", "AFP"),
        source("r2", "Ekspress-K"),
        source("r3", "Express K Daily"),
    ]
}

fn commit_registry_on(repo: &Path, branch: &str, entries: Vec<Value>) {
    ok(git(repo, &["checkout", "-q", "-b", branch, "main"]));
    fs::write(repo.join(REGISTRY), registry_text(entries)).unwrap();
    ok(git(repo, &["commit", "-q", "-am", branch]));
}

/// A repository whose `main` has the base registry beside the article.
fn repository_with_registry() -> (tempfile::TempDir, PathBuf) {
    let (dir, repo) = repository();
    fs::write(repo.join(REGISTRY), registry_text(base_entries())).unwrap();
    ok(git(&repo, &["add", REGISTRY]));
    ok(git(&repo, &["commit", "-q", "-m", "registry"]));
    (dir, repo)
}

/// The merged registry, checked to be JSON without conflict markers that matches the
/// schema and that scholia reads.
fn merged_registry(repo: &Path) -> Value {
    let text = fs::read_to_string(repo.join(REGISTRY)).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    let schema_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/registry.schema.json");
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    assert_eq!(json_schema::errors(&schema, &value), Vec::<String>::new());
    let listed = scholia(repo, &["registry", "list", "-C", "."]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    value
}

/// The entry with `id` of a merged registry.
fn entry<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id} in {file:#}"))
}

#[test]
fn two_analysts_branches_merge_the_registry_entry_by_entry() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (_dir, repo) = repository_with_registry();
    // Analyst 1: grades AFP B, merges the duplicate into Ekspress-K, adds Reuters (r4)
    // and Kazinform (r5).
    let mut mine = base_entries();
    mine[0] = graded("r1", "AFP", "B", "analyst1");
    mine[1]["aliases"] = json!(["Express K Daily"]);
    mine[2]["merged_into"] = json!("r2");
    mine.push(source("r4", "Reuters"));
    mine.push(source("r5", "Kazinform"));
    commit_registry_on(&repo, "analyst1", mine);
    // Analyst 2: grades AFP C, notes Ekspress-K, adds Reuters under the same id with an
    // alias and a wikidata id, and Tengrinews under the id analyst 1 gave Kazinform.
    let mut yours = base_entries();
    yours[0] = graded("r1", "AFP", "C", "analyst2");
    yours[1]["note"] = json!("Almaty daily");
    yours[1]["colour"] = json!("red");
    let mut reuters = source("r4", "REUTERS");
    reuters["aliases"] = json!(["Рейтер"]);
    reuters["external"] = json!(["wikidata:Q130879"]);
    yours.push(reuters);
    yours.push(graded("r5", "Tengrinews", "C", "analyst2"));
    commit_registry_on(&repo, "analyst2", yours);

    ok(git(&repo, &["checkout", "-q", "analyst1"]));
    let merge = git(&repo, &["merge", "--no-edit", "analyst2"]);
    let said = String::from_utf8_lossy(&merge.stdout).into_owned()
        + &String::from_utf8_lossy(&merge.stderr);
    assert!(
        !merge.status.success(),
        "a real conflict stops the merge: {said}"
    );
    assert!(
        said.contains("CONFLICT (content): Merge conflict in scholia-registry.json"),
        "{said}"
    );
    assert!(
        said.contains("scholia: merged scholia-registry.json: 2 added on ours, 1 on theirs (1 renumbered: r5 → r6), 1 added on both and kept once, 0 deletions applied, 2 conflicts recorded (settle the entries marked \"conflict\" in scholia-registry.json by hand; sidecars of theirs"),
        "{said}"
    );

    let file = merged_registry(&repo);
    let ids: Vec<&str> = file["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["r1", "r2", "r3", "r4", "r5", "r6"]);
    assert_eq!(file["team"], "desk");
    // Graded differently on both: ours kept, theirs recorded beside it.
    let afp = entry(&file, "r1");
    assert_eq!(afp["reliability"]["grade"], "B");
    assert_eq!(afp["conflict"]["set"], "k1");
    assert_eq!(afp["conflict"]["side"], "ours");
    assert_eq!(afp["conflict"]["base"], "r1");
    assert_eq!(afp["conflict"]["theirs"]["reliability"]["grade"], "C");
    assert_eq!(afp["conflict"]["theirs"]["reliability"]["by"], "analyst2");
    // Changed on both, different fields: both taken, unknown fields too.
    let ekspress = entry(&file, "r2");
    assert_eq!(ekspress["aliases"], json!(["Express K Daily"]));
    assert_eq!(ekspress["note"], "Almaty daily");
    assert_eq!(ekspress["colour"], "red");
    assert!(ekspress.get("conflict").is_none());
    // Ours' merge applied.
    assert_eq!(entry(&file, "r3")["merged_into"], "r2");
    // The same addition under one id: kept once, names united.
    let reuters = entry(&file, "r4");
    assert_eq!(reuters["name"], "Reuters");
    assert_eq!(reuters["aliases"], json!(["REUTERS", "Рейтер"]));
    assert_eq!(reuters["external"], json!(["wikidata:Q130879"]));
    assert!(reuters.get("conflict").is_none());
    // A colliding new id: ours keeps it, theirs' entry is renumbered and says so.
    assert_eq!(entry(&file, "r5")["name"], "Kazinform");
    assert!(entry(&file, "r5").get("conflict").is_none());
    let tengrinews = entry(&file, "r6");
    assert_eq!(tengrinews["name"], "Tengrinews");
    assert_eq!(tengrinews["reliability"]["grade"], "C");
    assert_eq!(tengrinews["renumbered_from"], "r5");
    assert_eq!(
        tengrinews["conflict"],
        json!({"set": "k2", "side": "theirs"})
    );
    let status = ok(git(&repo, &["status", "--porcelain"]));
    assert!(status.contains("UU scholia-registry.json"), "{status}");
}

#[test]
fn a_registry_merge_without_a_real_conflict_is_completed_by_git() {
    if !has_git() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (_dir, repo) = repository_with_registry();
    let mut mine = base_entries();
    mine[0] = graded("r1", "AFP", "B", "analyst1");
    mine.push(source("r4", "Reuters"));
    commit_registry_on(&repo, "analyst1", mine);
    let mut yours = base_entries();
    yours[1] = graded("r2", "Ekspress-K", "C", "analyst2");
    yours.retain(|e| e["id"] != "r3");
    yours.push(source("r5", "reuters"));
    commit_registry_on(&repo, "analyst2", yours);
    ok(git(&repo, &["checkout", "-q", "analyst1"]));
    ok(git(&repo, &["merge", "-q", "--no-edit", "analyst2"]));
    let file = merged_registry(&repo);
    let ids: Vec<&str> = file["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["r1", "r2", "r4", "r5"],
        "theirs' deletion of r3 applied"
    );
    assert_eq!(entry(&file, "r1")["reliability"]["grade"], "B");
    assert_eq!(entry(&file, "r2")["reliability"]["grade"], "C");
    assert_eq!(entry(&file, "r4")["aliases"], json!(["reuters"]));
    assert_eq!(
        entry(&file, "r5")["merged_into"],
        "r4",
        "theirs' id of the same entry redirects to ours'"
    );
}

#[test]
fn the_driver_knows_a_registry_by_its_format_tag_and_refuses_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let base = write("base", registry_text(base_entries()));
    let mut mine = base_entries();
    mine.push(source("r4", "Reuters"));
    let ours = write("ours", registry_text(mine));
    let mut yours = base_entries();
    yours[0] = graded("r1", "AFP", "A", "analyst2");
    let theirs = write("theirs", registry_text(yours));
    // Named otherwise: recognised by its format tag.
    let out = scholia(
        dir.path(),
        &["merge-driver", &base, &ours, &theirs, "corpus/shared.json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged: Value = serde_json::from_str(&fs::read_to_string(&ours).unwrap()).unwrap();
    assert_eq!(entry(&merged, "r1")["reliability"]["grade"], "A");
    assert_eq!(entry(&merged, "r4")["name"], "Reuters");

    let broken = "{\"format\": \"scholia-registry/1\",\n \"entries\": [<<<<<<< ours\n";
    let theirs = write("theirs", broken.to_string());
    let before = fs::read_to_string(&ours).unwrap();
    let out = scholia(
        dir.path(),
        &["merge-driver", &base, &ours, &theirs, REGISTRY],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(10), "{said}");
    assert!(
        said.contains("scholia-registry.json: their version is not a registry (line 2, column"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    assert_eq!(
        fs::read_to_string(&ours).unwrap(),
        before,
        "ours as git left it"
    );
}
