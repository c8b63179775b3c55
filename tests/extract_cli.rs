//! `scholia extract` on the reference article and on our own example: what it suggests
//! lands in the sidecar as pending, once, and nothing is written in a dry run or while
//! another session holds the article.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::lock;
use scholia::domain::model::{Kind, Status};
use scholia::domain::sidecar;

fn scholia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn copy_into(dir: &Path, from: &Path) -> PathBuf {
    let to = dir.join(from.file_name().unwrap());
    fs::copy(from, &to).unwrap();
    to
}

#[test]
fn the_reference_article_gets_publications_titled_officials_and_dates() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if !samples.exists() {
        eprintln!("skipped: ../shared/samples is absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = copy_into(dir.path(), &samples.join("kazakh-nationals-miranshah.txt"));
    let out = scholia(&["extract", article.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = sidecar::read(&sidecar::path_for(&article))
        .unwrap()
        .unwrap();
    assert!(file
        .annotations
        .iter()
        .all(|a| a.status == Status::Pending && a.origin.by == "scholia-rules"));
    let texts = |kind: Kind, label: &str| -> Vec<String> {
        file.annotations
            .iter()
            .filter(|a| a.kind == kind && a.label == label)
            .map(|a| a.quote.exact.to_string())
            .collect()
    };
    let publications = texts(Kind::Source, "publication");
    for name in [
        "Ekspress-K",
        "Delovaya nedelya",
        "Zhas Alash",
        "Izvestiya Kazakhstan",
        "Kazakhstanskaya pravda",
    ] {
        assert!(
            publications.contains(&name.to_string()),
            "{name} in {publications:?}"
        );
    }
    let titled: Vec<(String, String)> = file
        .annotations
        .iter()
        .filter(|a| a.label == "PERSON" && a.attrs.contains_key("title"))
        .map(|a| (a.quote.exact.to_string(), a.attrs["title"].clone()))
        .collect();
    for name in ["Nartay Dutbayev", "Shaukat Sultan", "Vladimir Bozhko"] {
        assert!(
            titled.iter().any(|(n, _)| n == name),
            "{name} with a title in {titled:?}"
        );
    }
    let dates = texts(Kind::Entity, "DATE");
    assert!(
        dates
            .iter()
            .any(|d| d.contains("July19") || d.contains("July 19")),
        "{dates:?}"
    );
    assert!(file.relations.iter().any(|r| r.kind == "attributed_to"));
    assert!(file.relations.iter().any(|r| r.kind == "cites"));
    let again = scholia(&["extract", article.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stdout).contains(" 0 added"));
}

#[test]
fn dry_run_and_a_held_lock_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let article = copy_into(dir.path(), &examples.join("border-incident.txt"));
    let side = sidecar::path_for(&article);
    let dry = scholia(&["extract", "--dry-run", article.to_str().unwrap()]);
    assert_eq!(dry.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("dry run"));
    assert!(!side.exists());
    let held = lock::acquire(&article, "analyst").unwrap();
    let busy = scholia(&["extract", article.to_str().unwrap()]);
    assert_eq!(busy.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&busy.stderr).contains("is open in scholia"));
    assert!(!side.exists());
    drop(held);
    let ok = scholia(&["extract", "--jsonl", article.to_str().unwrap()]);
    let line: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert!(line["added"].as_u64().unwrap() > 20, "{line}");
}
