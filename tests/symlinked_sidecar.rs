//! A sidecar that is a symbolic link (DESIGN §7): `import` and `extract` refuse to write
//! through it unless given `--follow-symlinks`, and then write the link's target; the
//! workbench opens read-only and says to use `--follow-symlinks`.

#![cfg(unix)]

mod cli_run;

use std::fs;
use std::path::{Path, PathBuf};

use cli_run::{scholia_in, stderr};
use scholia::app::session::{JournalChoice, OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::domain::document::Document;
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";

/// A folder with `article.txt`, whose sidecar is a link to `shared/real.json` (empty),
/// and `article.ann`. The folder and the link's target.
fn linked() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, ARTICLE).unwrap();
    fs::write(
        dir.path().join("article.ann"),
        "T1\tPERSON 5 19\tShaukat Sultan\n",
    )
    .unwrap();
    let doc = Document::load(&article, 1 << 20).unwrap();
    fs::create_dir(dir.path().join("shared")).unwrap();
    let real = dir.path().join("shared/real.json");
    sidecar::save(&doc, &Store::new(), &Kept::default(), &real, false).unwrap();
    std::os::unix::fs::symlink(&real, sidecar::path_for(&article)).unwrap();
    (dir, article, real)
}

fn annotations(real: &Path) -> usize {
    sidecar::read(real).unwrap().unwrap().annotations.len()
}

fn still_a_link(article: &Path) -> bool {
    fs::symlink_metadata(sidecar::path_for(article))
        .unwrap()
        .file_type()
        .is_symlink()
}

#[test]
fn import_writes_through_a_linked_sidecar_only_when_told() {
    let (dir, article, real) = linked();
    let out = scholia_in(dir.path(), "", &["import", "article.txt", "article.ann"]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(10), "{text}");
    assert!(text.contains("--follow-symlinks"), "{text}");
    assert_eq!(annotations(&real), 0);

    let out = scholia_in(
        dir.path(),
        "",
        &["import", "article.txt", "article.ann", "--follow-symlinks"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(annotations(&real), 1);
    assert!(still_a_link(&article));
}

#[test]
fn extract_writes_through_a_linked_sidecar_only_when_told() {
    let (dir, article, real) = linked();
    let out = scholia_in(dir.path(), "", &["extract", "article.txt"]);
    let text = stderr(&out);
    assert_eq!(out.status.code(), Some(10), "{text}");
    assert!(text.contains("--follow-symlinks"), "{text}");
    assert_eq!(annotations(&real), 0);

    let out = scholia_in(
        dir.path(),
        "",
        &["extract", "article.txt", "--follow-symlinks"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(annotations(&real) > 0);
    assert!(still_a_link(&article));
}

fn open(article: &Path, follow_symlinks: bool) -> Session {
    let options = OpenOptions {
        max_size: 1 << 20,
        follow_symlinks,
        config: Some(ConfigSources::default()),
        journal: JournalChoice::Keep,
        ..OpenOptions::default()
    };
    Session::open(article, &options).unwrap()
}

#[test]
fn the_workbench_opens_a_linked_sidecar_read_only_and_says_why() {
    let (_dir, article, _real) = linked();
    let s = open(&article, false);
    let why = s.app().read_only().expect("read-only");
    assert!(why.contains("symbolic link"), "{why}");
    assert!(why.contains("--follow-symlinks"), "{why}");
    assert!(s.lock_path().is_none(), "a read-only session takes no lock");
    drop(s);

    let s = open(&article, true);
    assert_eq!(s.app().read_only(), None);
}
