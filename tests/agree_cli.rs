//! `scholia agree` on odd inputs: an analyst who annotated nothing, one label
//! everywhere, texts that differ, a sidecar named directly, `--status`, a folder an
//! article is missing from, and a label that would reach the terminal raw.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span, Status};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;
use serde_json::Value;

const TEXT: &str = "Алматы officials told Reuters that the border was closed\n";

/// Writes `TEXT` as `dir/name` with a sidecar holding `annotations` (label, needle,
/// status); no sidecar when `annotations` is `None`.
fn analyst(dir: &Path, name: &str, annotations: Option<&[(&str, &str, Status)]>) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let article = dir.join(name);
    fs::write(&article, TEXT).unwrap();
    if let Some(annotations) = annotations {
        let doc = Document::load(&article, 1 << 20).unwrap();
        let made = annotations
            .iter()
            .enumerate()
            .map(|(i, (label, needle, status))| {
                let start = TEXT.find(needle).unwrap();
                let span = Span::new(start, start + needle.len());
                let (kind, label) = label.split_once(':').unwrap();
                let kind = match kind {
                    "claim" => Kind::Claim,
                    "source" => Kind::Source,
                    _ => Kind::Entity,
                };
                let mut a = Annotation::new(format!("a{}", i + 1), kind, label, vec![span]);
                a.quote = quote_for(&doc, &a.spans);
                a.status = *status;
                a
            })
            .collect();
        let store = Store::from_parts(made, Vec::new(), Vec::new());
        sidecar::save(
            &doc,
            &store,
            &Kept::default(),
            &sidecar::path_for(&article),
            false,
        )
        .unwrap();
    }
    article
}

fn agree(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .current_dir(dir)
        .arg("agree")
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const ACCEPTED: Status = Status::Accepted;

#[test]
fn an_analyst_who_annotated_nothing_gets_kappa_zero_and_f1_zero() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    analyst(
        &base.join("a"),
        "t.txt",
        Some(&[("entity:GPE", "Алматы", ACCEPTED)]),
    );
    analyst(&base.join("b"), "t.txt", None);
    let figures = json(&agree(base, &["--json", "a/t.txt", "b/t.txt"]));
    let overall = &figures["overall"];
    // scikit-learn: cohen_kappa_score(["GPE"] + ["O"] * 8, ["O"] * 9) == 0.0
    assert_eq!(overall["cohen_kappa"], 0.0);
    assert_eq!(overall["exact_f1"], 0.0);
    assert_eq!(overall["annotations"], serde_json::json!([1, 0]));
    assert_eq!(figures["tokens"], 9);
}

#[test]
fn nothing_to_compare_or_one_label_everywhere_is_n_a() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    analyst(&base.join("a"), "t.txt", Some(&[]));
    analyst(&base.join("b"), "t.txt", None);
    let figures = json(&agree(base, &["--json", "a/t.txt", "b/t.txt"]));
    assert!(figures["overall"]["cohen_kappa"].is_null());
    assert!(figures["overall"]["krippendorff_alpha"].is_null());
    assert!(figures["overall"]["exact_f1"].is_null());
    assert!(figures["stance"]["kappa"].is_null());

    let everything = TEXT.trim_end();
    let whole = [("claim:factual", everything, ACCEPTED)];
    analyst(&base.join("c"), "t.txt", Some(&whole));
    analyst(&base.join("d"), "t.txt", Some(&whole));
    let output = agree(base, &["c/t.txt", "d/t.txt"]);
    assert!(output.status.success());
    let table = String::from_utf8(output.stdout).unwrap();
    let all = table.lines().find(|l| l.starts_with("all ")).unwrap();
    // One label on every token: κ and α are undefined, F1 is perfect.
    assert!(
        all.ends_with("1.000       1.000       n/a       n/a"),
        "{all}"
    );
    assert!(
        table.contains("Stance (1 matched claim): κ n/a, same 1.000"),
        "{table}"
    );
}

#[test]
fn different_texts_are_refused_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    analyst(
        &base.join("a"),
        "t.txt",
        Some(&[("entity:GPE", "Алматы", ACCEPTED)]),
    );
    analyst(&base.join("b"), "t.txt", Some(&[]));
    fs::write(base.join("b/t.txt"), "Another text entirely\n").unwrap();
    let output = agree(base, &["a/t.txt", "b/t.txt"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("are different texts"), "{stderr}");

    // A sidecar named directly, with no article beside it, recording another text.
    let mut moved: Value =
        serde_json::from_slice(&fs::read(base.join("a/t.txt.scholia.json")).unwrap()).unwrap();
    moved["document"]["sha256"] = Value::from("0".repeat(64));
    fs::write(base.join("moved.scholia.json"), moved.to_string()).unwrap();
    let output = agree(base, &["a/t.txt", "moved.scholia.json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("annotates another text"), "{stderr}");
    assert!(
        stderr.starts_with("scholia: moved.scholia.json"),
        "{stderr}"
    );
}

#[test]
fn a_sidecar_named_directly_is_read_against_the_first_article() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    analyst(
        &base.join("a"),
        "t.txt",
        Some(&[("entity:GPE", "Алматы", ACCEPTED)]),
    );
    analyst(
        &base.join("b"),
        "t.txt",
        Some(&[("entity:GPE", "Алматы", ACCEPTED)]),
    );
    fs::rename(
        base.join("b/t.txt.scholia.json"),
        base.join("bob.scholia.json"),
    )
    .unwrap();
    let figures = json(&agree(base, &["--json", "a/t.txt", "bob.scholia.json"]));
    assert_eq!(figures["overall"]["exact_f1"], 1.0);
    assert_eq!(figures["overall"]["cohen_kappa"], 1.0);
    let missing = agree(base, &["a/t.txt", "nobody.scholia.json"]);
    assert_eq!(missing.status.code(), Some(3));
}

#[test]
fn only_accepted_annotations_count_unless_status_all() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let pending = [
        ("entity:GPE", "Алматы", ACCEPTED),
        ("entity:ORG", "Reuters", Status::Pending),
    ];
    analyst(&base.join("a"), "t.txt", Some(&pending));
    analyst(
        &base.join("b"),
        "t.txt",
        Some(&[
            ("entity:GPE", "Алматы", ACCEPTED),
            ("entity:ORG", "Reuters", ACCEPTED),
        ]),
    );
    let accepted = json(&agree(base, &["--json", "a/t.txt", "b/t.txt"]));
    // 2·1 / (1 + 2)
    assert!((accepted["overall"]["exact_f1"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    let all = json(&agree(
        base,
        &["--json", "--status", "all", "a/t.txt", "b/t.txt"],
    ));
    assert_eq!(all["overall"]["exact_f1"], 1.0);
    assert_eq!(all["status"], "all");
}

#[test]
fn by_folder_pairs_articles_and_skips_one_only_one_analyst_has() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    for who in ["x", "y", "z"] {
        analyst(
            &base.join(who).join("sub"),
            "t.txt",
            Some(&[("entity:GPE", "Алматы", ACCEPTED)]),
        );
    }
    analyst(
        &base.join("x"),
        "u.txt",
        Some(&[("entity:ORG", "Reuters", ACCEPTED)]),
    );
    analyst(
        &base.join("y"),
        "u.txt",
        Some(&[("entity:ORG", "Reuters", ACCEPTED)]),
    );
    analyst(&base.join("x"), "only.txt", Some(&[]));
    let output = agree(base, &["--json", "--by", "x", "y", "z"]);
    let figures = json(&output);
    assert_eq!(figures["articles"], 2);
    assert_eq!(figures["skipped"], serde_json::json!(["only.txt"]));
    assert_eq!(figures["tokens"], 18);
    assert_eq!(
        figures["overall"]["annotations"],
        serde_json::json!([2, 2, 1])
    );
    // z misses u.txt: its tokens are missing values, not disagreements.
    assert_eq!(figures["overall"]["krippendorff_alpha"], 1.0);
    assert_eq!(figures["overall"]["exact_f1"], 1.0);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("only.txt: skipped"), "{stderr}");
    let not_folder = agree(base, &["--by", "x", "x/u.txt"]);
    assert_eq!(not_folder.status.code(), Some(2));
}

#[test]
fn labels_from_files_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let odd = [("entity:GPE\u{1b}[2J\u{202e}", "Алматы", ACCEPTED)];
    analyst(&base.join("a"), "t.txt", Some(&odd));
    analyst(&base.join("b"), "t.txt", Some(&odd));
    let output = agree(base, &["a/t.txt", "b/t.txt"]);
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{202e}'),
        "{table}"
    );
    assert!(table.contains("entity:GPE␛[2J"), "{table}");
    let output = agree(base, &["--json", "a/t.txt", "b/t.txt"]);
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    assert_eq!(
        json(&output)["labels"][0]["label"],
        "entity:GPE\u{1b}[2J\u{202e}"
    );
}
