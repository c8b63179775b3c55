//! A corpus exported in one command: folders walked, articles in order, one JSONL stream.

use std::fs;
use std::process::Command;

#[test]
fn a_folder_exports_as_one_ordered_jsonl_stream() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("day2")).unwrap();
    let articles = [
        ("a", "Sultan spoke."),
        ("b", "Дутбаев молчал."),
        ("day2/c", "AFP 👍🏽 wrote."),
    ];
    for (name, text) in articles {
        let path = dir.path().join(format!("{name}.txt"));
        fs::write(&path, text).unwrap();
        let word = text.split(' ').next().unwrap();
        let ann = format!("T1\tPERSON 0 {}\t{word}\n", word.chars().count());
        fs::write(dir.path().join(format!("{name}.ann")), ann).unwrap();
    }
    let scholia = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_scholia"))
            .args(args)
            .env("SCHOLIA_NO_USER_CONFIG", "1")
            .output()
            .unwrap()
    };
    let root = dir.path().to_str().unwrap();
    let imported = scholia(&["import", root, "--with", "{stem}.ann", "--as", "accepted"]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let out = scholia(&[
        "export", root, "--format", "doccano", "-o", "-", "--jobs", "3",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let texts: Vec<&str> = lines.iter().map(|l| l["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        vec!["Sultan spoke.", "Дутбаев молчал.", "AFP 👍🏽 wrote."]
    );
    assert!(lines
        .iter()
        .all(|l| l["entities"].as_array().unwrap().len() == 1));
}

#[test]
fn jsonl_reports_one_object_per_article() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        fs::write(
            dir.path().join(format!("{name}.txt")),
            "Almaty 👍🏽 said yes.",
        )
        .unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args([
            "export",
            dir.path().to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            dir.path().join("out").to_str().unwrap(),
            "--jsonl",
        ])
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["article"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(lines[1]["annotations"], 0);
    assert!(dir.path().join("out/b.claims.csv").exists());
}
