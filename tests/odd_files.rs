//! Odd files (DESIGN §7): a FIFO, a socket or a device is refused with one sentence and
//! a non-zero exit code before it is opened, wherever scholia reads a file: the article,
//! the sidecar, an import file, a config file, a rules or terms file and the journal.
//! Each command runs with a deadline, so a regression fails instead of hanging.

#![cfg(unix)]

mod cli_run;
mod support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_run::{mkfifo, scholia_in, stderr, within_deadline};
use scholia::app::action::Action;
use scholia::app::session::{JournalChoice, OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::domain::{journal, sidecar};

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";

/// A folder holding `article.txt`.
fn folder_with_article() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, ARTICLE).unwrap();
    (dir, article)
}

/// Exactly one line on stderr, no panic; the line.
fn one_sentence(o: &std::process::Output) -> String {
    let text = stderr(o);
    assert_eq!(text.trim_end().lines().count(), 1, "one line: {text}");
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[test]
fn a_fifo_as_the_article_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    for command in ["stats", "validate", "export", "extract"] {
        let mut args = vec![command, "pipe.txt"];
        if command == "export" {
            args.extend(["--format", "csv", "-o", "-"]);
        }
        let out = scholia_in(dir.path(), "", &args);
        let text = one_sentence(&out);
        assert_eq!(out.status.code(), Some(4), "{command}: {text}");
        assert!(
            text.contains("FIFO") && text.contains("not a regular file"),
            "{text}"
        );
    }
}

#[test]
fn a_fifo_as_the_article_of_import_is_refused_at_once() {
    let (dir, _) = folder_with_article();
    mkfifo(&dir.path().join("pipe.txt"));
    fs::write(
        dir.path().join("x.ann"),
        "T1\tPERSON 5 19\tShaukat Sultan\n",
    )
    .unwrap();
    let out = scholia_in(dir.path(), "", &["import", "pipe.txt", "x.ann"]);
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(4), "{text}");
}

/// `/dev/zero` reports a length of 0 and never ends: it is refused as a device, and the
/// command runs under a memory cap so that a regression fails rather than eat the machine.
#[test]
fn a_device_as_the_article_is_refused_without_reading_it() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = scholia_in(
        dir.path(),
        "ulimit -v 1000000",
        &["stats", "/dev/zero", "--max-size", "10"],
    );
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(4), "{text}");
    assert!(text.contains("character device"), "{text}");
}

#[test]
fn a_fifo_as_the_sidecar_is_refused_at_once() {
    let (dir, article) = folder_with_article();
    mkfifo(&sidecar::path_for(&article));
    for command in ["stats", "validate", "extract"] {
        let out = scholia_in(dir.path(), "", &[command, "article.txt"]);
        let text = stderr(&out) + &String::from_utf8_lossy(&out.stdout);
        assert_ne!(out.status.code(), Some(0), "{command}: {text}");
        assert!(text.contains("FIFO"), "{command}: {text}");
    }
}

#[test]
fn a_fifo_as_the_import_file_is_refused_at_once() {
    let (dir, _) = folder_with_article();
    mkfifo(&dir.path().join("pipe.ann"));
    let out = scholia_in(dir.path(), "", &["import", "article.txt", "pipe.ann"]);
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("pipe.ann") && text.contains("FIFO"), "{text}");
}

#[test]
fn a_fifo_as_a_config_file_is_refused_at_once() {
    let (dir, _) = folder_with_article();
    mkfifo(&dir.path().join("config.toml"));
    let out = scholia_in(
        dir.path(),
        "export SCHOLIA_CONFIG=config.toml",
        &["extract", "article.txt", "--dry-run"],
    );
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(9), "{text}");
    assert!(text.contains("FIFO"), "{text}");
}

#[test]
fn a_fifo_as_a_rules_file_or_terms_file_is_refused_at_once() {
    let (dir, _) = folder_with_article();
    mkfifo(&dir.path().join("rules.toml"));
    let out = scholia_in(
        dir.path(),
        "",
        &[
            "extract",
            "article.txt",
            "--dry-run",
            "--rules",
            "rules.toml",
        ],
    );
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(9), "{text}");
    assert!(text.contains("FIFO"), "{text}");

    mkfifo(&dir.path().join("terms.txt"));
    fs::write(
        dir.path().join("terms.toml"),
        "[[extract.gazetteer]]\nlabel = \"ORG\"\nfile = \"terms.txt\"\n",
    )
    .unwrap();
    let out = scholia_in(
        dir.path(),
        "",
        &[
            "extract",
            "article.txt",
            "--dry-run",
            "--rules",
            "terms.toml",
        ],
    );
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(9), "{text}");
    assert!(text.contains("FIFO"), "{text}");
}

#[test]
fn a_fifo_as_the_journal_does_not_block_the_workbench() {
    let (_dir, article) = folder_with_article();
    let journal_path = journal::path_for(&article);
    mkfifo(&journal_path);
    let options = OpenOptions {
        max_size: 1 << 20,
        config: Some(ConfigSources::default()),
        journal: JournalChoice::Keep,
        ..OpenOptions::default()
    };
    let opened = within_deadline(move || {
        Session::open(&article, &options).map(|s| s.app().message().map(|m| m.text.clone()))
    });
    let message = opened.unwrap().unwrap_or_default();
    assert!(message.contains("FIFO"), "{message}");
}

/// A file that reports a length of 0 but holds more (as files under /proc do) is read no
/// further than the limit plus one byte, and refused as too large.
#[test]
fn a_file_that_understates_its_length_is_held_to_the_limit() {
    let status = Path::new("/proc/self/status");
    if !status.exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = scholia_in(
        dir.path(),
        "",
        &["stats", "/proc/self/status", "--max-size", "10"],
    );
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(8), "{text}");
    assert!(text.contains("over the limit"), "{text}");
}

/// `export --force` onto a FIFO (or a device) does not replace it with a file.
#[test]
fn export_never_replaces_a_fifo_even_with_force() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, _) = folder_with_article();
    let fifo = dir.path().join("out.csv");
    mkfifo(&fifo);
    let out = scholia_in(
        dir.path(),
        "",
        &[
            "export",
            "article.txt",
            "--format",
            "csv",
            "-o",
            "out.csv",
            "--force",
        ],
    );
    let text = one_sentence(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("FIFO"), "{text}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// The sidecar replaced by a FIFO while the workbench is open: the next save looks at
/// it without blocking, and does not replace it.
#[test]
fn a_sidecar_turned_fifo_while_open_does_not_block_the_next_save() {
    use std::os::unix::fs::FileTypeExt;
    let (_dir, article) = folder_with_article();
    let path = sidecar::path_for(&article);
    let options = OpenOptions {
        max_size: 1 << 20,
        config: Some(ConfigSources::default()),
        journal: JournalChoice::Keep,
        ..OpenOptions::default()
    };
    let fifo = path.clone();
    let saved = within_deadline(move || {
        let mut s = Session::open(&article, &options).unwrap();
        s.dispatch(Action::Resize(120, 40));
        support::goto(&mut s, "AFP");
        support::keys(&mut s, "s");
        fs::remove_file(&fifo).unwrap();
        mkfifo(&fifo);
        support::goto(&mut s, "four");
        support::keys(&mut s, "s");
        s.unsaved()
    });
    assert!(saved, "the second change is not written over the FIFO");
    assert!(fs::symlink_metadata(&path).unwrap().file_type().is_fifo());
}

/// A FIFO where the article's lock file goes: commands that take the lock say they
/// cannot read it instead of waiting on it.
#[test]
fn a_fifo_as_the_lock_file_does_not_block() {
    let (dir, article) = folder_with_article();
    fs::write(
        dir.path().join("x.ann"),
        "T1\tPERSON 5 19\tShaukat Sultan\n",
    )
    .unwrap();
    mkfifo(&scholia::domain::lock::path_for(&article));
    let out = scholia_in(dir.path(), "", &["import", "article.txt", "x.ann"]);
    let text = one_sentence(&out);
    assert_ne!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("FIFO"), "{text}");
}
