//! Bad input gets one clear sentence and its own exit code, never a panic; `validate`
//! reports each kind of broken sidecar with exit 1 and leaves the sidecar's bytes alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Relation, Span};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

fn scholia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn one_sentence(o: &Output) -> String {
    let text = stderr(o);
    assert_eq!(
        text.trim_end().lines().count(),
        1,
        "one line on stderr: {text}"
    );
    assert!(
        !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
        "{text}"
    );
    text
}

#[test]
fn each_bad_article_has_its_sentence_and_code() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    fs::write(p("latin1.txt"), b"Caf\xe9 au lait").unwrap();
    fs::write(p("image.png"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    fs::write(p("big.txt"), "x".repeat(100)).unwrap();
    fs::write(p("empty.txt"), b"").unwrap();
    let cases: [(PathBuf, &[&str], i32, &str); 4] = [
        (p("missing.txt"), &[], 3, "no such file"),
        (p("latin1.txt"), &[], 6, "offset 3"),
        (p("image.png"), &[], 7, "binary"),
        (p("big.txt"), &["--max-size", "10"], 8, "over the limit"),
    ];
    for (path, extra, code, words) in cases {
        let mut args = vec!["stats", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = scholia(&args);
        let text = one_sentence(&out);
        assert_eq!(out.status.code(), Some(code), "{text}");
        assert!(text.contains(words), "{text}");
    }
    let latin = scholia(&["validate", p("latin1.txt").to_str().unwrap()]);
    assert!(stderr(&latin).contains("iconv"));
    let empty = scholia(&["stats", p("empty.txt").to_str().unwrap()]);
    assert_eq!(empty.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&empty.stdout).contains("0 annotations"));
}

#[cfg(unix)]
#[test]
fn unreadable_article_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    fs::write(&path, "text").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        eprintln!("skipped: running as a user who can read any file (root)");
        return;
    }
    let out = scholia(&["stats", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5));
    assert!(one_sentence(&out).contains("permission denied"));
}

/// An article with a good sidecar: a claim attributed to a source.
fn good_article(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("a.txt");
    fs::write(
        &path,
        "Президент 👍🏽 said the talks failed (Kazinform, May 2).\n",
    )
    .unwrap();
    let doc = Document::load(&path, 1 << 20).unwrap();
    let mut store = Store::new();
    for (id, kind, label, needle) in [
        ("a1", Kind::Source, "person", "Президент"),
        ("a2", Kind::Claim, "factual", "the talks failed"),
    ] {
        let start = doc.text().find(needle).unwrap();
        let mut a = Annotation::new(
            id,
            kind,
            label,
            vec![Span::new(start, start + needle.len())],
        );
        a.quote = quote_for(&doc, &a.spans);
        store.insert_annotation(a);
    }
    store.put_relation(Relation::new("r1", "attributed_to", "a2", "a1"));
    let side = sidecar::path_for(&path);
    sidecar::save(&doc, &store, &Kept::default(), &side, false).unwrap();
    (path, side)
}

#[test]
fn validate_passes_a_good_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let (article, _) = good_article(dir.path());
    let out = scholia(&["validate", article.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn validate_reports_each_broken_sidecar_and_leaves_it_alone() {
    type Breakage = (&'static str, fn(String) -> String, &'static str);
    let breakages: [Breakage; 5] = [
        (
            "broken JSON",
            |s| s.replacen("\"annotations\": [", "\"annotations\": [,", 1),
            "cannot be read",
        ),
        (
            "quote mismatch",
            |s| {
                s.replace(
                    "\"exact\": \"the talks failed\"",
                    "\"exact\": \"the talks succeeded\"",
                )
            },
            "quote does not match",
        ),
        (
            "offset past the end",
            |s| s.replacen("\"end\": 9", "\"end\": 900", 1),
            "past the end",
        ),
        (
            "relation to a missing id",
            |s| s.replace("\"to\": \"a1\"", "\"to\": \"a9\""),
            "does not exist",
        ),
        (
            "newer format",
            |s| s.replace("scholia/1", "scholia/2"),
            "newer",
        ),
    ];
    for (what, breakage, words) in breakages {
        let dir = tempfile::tempdir().unwrap();
        let (article, side) = good_article(dir.path());
        let broken = breakage(fs::read_to_string(&side).unwrap());
        fs::write(&side, &broken).unwrap();
        let out = scholia(&["validate", article.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(1), "{what}: {stdout}");
        assert_eq!(stdout.lines().count(), 1, "{what}: one line: {stdout}");
        assert!(stdout.contains(words), "{what}: {stdout}");
        assert_eq!(
            fs::read_to_string(&side).unwrap(),
            broken,
            "{what}: bytes unchanged"
        );
    }
}

#[test]
fn a_folder_is_a_corpus_and_one_bad_file_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("a.txt"), "Алматы 👍🏽").unwrap();
    fs::write(dir.path().join("sub/b.txt"), b"caf\xe9").unwrap();
    fs::write(
        dir.path().join("sub/c.md"),
        "not an article by the default glob",
    )
    .unwrap();
    let out = scholia(&["stats", "--jsonl", dir.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable article is an I/O error"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains("a.txt") && stdout.contains("\"chars\":9"),
        "{stdout}"
    );
    assert!(stderr(&out).contains("b.txt is not valid UTF-8"));
    let md = scholia(&["stats", "--glob", "*.md", dir.path().to_str().unwrap()]);
    assert_eq!(md.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&md.stdout).contains("c.md: 0 annotations"));
}

#[test]
fn the_not_utf8_advice_names_the_likely_encoding_and_never_a_corrupting_one() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        // “Déjà vu,” said the chargé — Windows-1252.
        (
            "western.txt",
            b"\x93D\xe9j\xe0 vu,\x94 said the charg\xe9 \x97 and left.".to_vec(),
            "iconv -f CP1252",
        ),
        // Министр заявил — Windows-1251.
        (
            "cyrillic.txt",
            b"\xcc\xe8\xed\xe8\xf1\xf2\xf0 \xe7\xe0\xff\xe2\xe8\xeb.".to_vec(),
            "iconv -f CP1251",
        ),
        // UTF-16 with its byte-order mark: not "binary".
        (
            "utf16.txt",
            b"\xff\xfeH\x00i\x00".to_vec(),
            "iconv -f UTF-16LE",
        ),
    ];
    for (name, bytes, advice) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = scholia(&["stats", path.to_str().unwrap()]);
        let text = one_sentence(&out);
        assert_eq!(out.status.code(), Some(6), "{text}");
        assert!(text.contains(advice), "{name}: {text}");
        assert!(
            !text.contains("WINDOWS-1251") || advice.contains("1251"),
            "{text}"
        );
    }
}
