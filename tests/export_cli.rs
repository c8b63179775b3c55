//! `scholia export` run as the real binary: where files go, refusal to overwrite,
//! standard output, what stderr says and the exit codes.

mod export_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::sidecar::{self, Kept};

/// A folder holding the fixture article `article.txt` and its sidecar.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, export_support::TEXT).unwrap();
    let doc = scholia::domain::document::Document::load(&article, 1 << 20).unwrap();
    let store = export_support::store(&doc);
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&article),
        false,
    )
    .unwrap();
    (dir, article)
}

fn scholia(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .current_dir(dir)
        .arg("export")
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn writes_next_to_the_article_and_refuses_to_overwrite_without_force() {
    let (dir, _) = fixture();
    let out = scholia(dir.path(), &["article.txt", "--format", "brat"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ann = dir.path().join("article.ann");
    let written = fs::read_to_string(&ann).unwrap();
    assert!(fs::read_to_string(dir.path().join("annotation.conf"))
        .unwrap()
        .contains("[entities]"));
    assert_eq!(
        fs::read_to_string(dir.path().join("article.txt")).unwrap(),
        export_support::TEXT,
        "the article is never touched"
    );
    let last = stderr(&out).lines().last().unwrap().to_string();
    assert_eq!(
        last,
        "article.txt: wrote ./article.ann, ./article.txt, ./annotation.conf (8 annotations, 2 relations; 1 not written, 0 written in part)"
    );
    // The same content again is not an overwrite.
    let again = scholia(dir.path(), &["article.txt", "--format", "brat"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    // A changed file is not overwritten without --force, and nothing else is written.
    fs::write(&ann, "edited by hand\n").unwrap();
    let refused = scholia(dir.path(), &["article.txt", "--format", "brat"]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        stderr(&refused).trim(),
        "scholia: ./article.ann exists; scholia does not overwrite it without --force"
    );
    assert_eq!(fs::read_to_string(&ann).unwrap(), "edited by hand\n");
    let forced = scholia(dir.path(), &["article.txt", "--format", "brat", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(fs::read_to_string(&ann).unwrap(), written);
}

#[test]
fn standard_output_takes_single_file_formats() {
    let (dir, _) = fixture();
    let out = scholia(
        dir.path(),
        &["article.txt", "-f", "doccano", "-o", "-", "--status", "all"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let record: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(record["text"], export_support::TEXT);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| l.starts_with("article.doccano.jsonl: ")),
        "{err}"
    );
    assert!(err.contains("article.doccano.jsonl: a5 (pending entity ORG): not written: doccano cannot mark an annotation pending"), "{err}");
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("article.txt: wrote standard output (8 annotations, 2 relations; "),
        "{err}"
    );
    assert!(
        fs::read_dir(dir.path()).unwrap().count() == 2,
        "nothing written to disk"
    );
    let multi = scholia(dir.path(), &["article.txt", "-f", "brat", "-o", "-"]);
    assert_eq!(multi.status.code(), Some(2));
    assert!(
        stderr(&multi).contains("give -o a folder"),
        "{}",
        stderr(&multi)
    );
}

#[test]
fn a_file_path_a_folder_and_several_articles() {
    let (dir, _) = fixture();
    let out = scholia(dir.path(), &["article.txt", "-f", "csv", "-o", "table.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(dir.path().join("table.csv"))
        .unwrap()
        .starts_with("claim_id,"));
    fs::copy(
        dir.path().join("article.txt"),
        dir.path().join("second.txt"),
    )
    .unwrap();
    fs::copy(
        dir.path().join("article.txt.scholia.json"),
        dir.path().join("second.txt.scholia.json"),
    )
    .unwrap();
    let out = scholia(
        dir.path(),
        &["article.txt", "second.txt", "-f", "brat", "-o", "out"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["article.ann", "second.ann", "second.txt", "annotation.conf"] {
        assert!(dir.path().join("out").join(name).exists(), "{name}");
    }
}

#[test]
fn an_unreadable_sidecar_is_exit_1_and_the_others_are_still_exported() {
    let (dir, _) = fixture();
    fs::write(dir.path().join("broken.txt"), "Some text.").unwrap();
    fs::write(dir.path().join("broken.txt.scholia.json"), "{ not json").unwrap();
    let out = scholia(
        dir.path(),
        &["broken.txt", "article.txt", "-f", "w3c", "-o", "out"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("broken.txt.scholia.json:1:"), "{err}");
    assert!(dir.path().join("out/article.w3c.jsonld").exists());
    assert!(!dir.path().join("out/broken.w3c.jsonld").exists());
}

#[test]
fn the_own_sidecar_and_bad_usage_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes"), "Plain notes.").unwrap();
    fs::write(
        dir.path().join("notes.scholia.json"),
        "{\"format\": \"scholia/1\", \"document\": {\"file\": \"notes\", \"sha256\": \"\", \"bytes\": 0, \"chars\": 0}}",
    )
    .unwrap();
    let out = scholia(dir.path(), &["notes", "-f", "scholia"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("notes.scholia.json exists"),
        "{}",
        stderr(&out)
    );
    let out = scholia(dir.path(), &["notes", "-f", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown export format \"xlsx\""));
    // A folder cannot be made under a file, not even by root.
    let out = scholia(dir.path(), &["notes", "-f", "spacy", "-o", "notes/x/"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot create the output folder notes/x/"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn jsonl_lists_what_is_not_written_apart_from_what_is_written_in_part() {
    let (dir, _) = fixture();
    let out = scholia(
        dir.path(),
        &["article.txt", "-f", "doccano", "-o", "out", "--jsonl"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    let sentences = |key: &str| -> Vec<String> {
        line[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} in {line}"))
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let not_written = sentences("not_written");
    let in_part = sentences("written_in_part");
    assert!(
        not_written.iter().any(|s| s.starts_with("e1 (")),
        "{not_written:?}"
    );
    assert!(
        in_part
            .iter()
            .any(|s| s.starts_with("a3 (claim factual): written, but")),
        "{in_part:?}"
    );
    assert!(line.get("left_out").is_none(), "{line}");
}

#[test]
fn label_studio_writes_its_labeling_config_beside_the_tasks() {
    let (dir, _) = fixture();
    let out = scholia(dir.path(), &["article.txt", "-f", "labelstudio"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let config = fs::read_to_string(dir.path().join("article.label_config.xml")).unwrap();
    assert!(config.starts_with("<View>"), "{config}");
    assert!(
        stderr(&out).lines().last().unwrap().starts_with(
            "article.txt: wrote ./article.labelstudio.json, ./article.label_config.xml ("
        ),
        "{}",
        stderr(&out)
    );
    // Standard output takes the tasks alone, and says where the config is not.
    let piped = scholia(dir.path(), &["article.txt", "-f", "labelstudio", "-o", "-"]);
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    let tasks: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert!(tasks.is_array());
    assert!(
        stderr(&piped).contains(
            "article.labelstudio.json: article.label_config.xml is not written: standard output takes one file"
        ),
        "{}",
        stderr(&piped)
    );
}
