//! The session's lock and recovery journal, without a terminal: a change is journaled
//! before the save, a failed save leaves it in the journal, the next session replays,
//! discards or keeps it; a second session on one article is read-only.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use scholia::app::action::Action;
use scholia::app::session::{JournalChoice, OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::domain::document::Document;
use scholia::domain::journal;
use scholia::domain::lock;
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;
use support::{goto, keys};

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";

fn options(journal: JournalChoice, follow_symlinks: bool) -> OpenOptions {
    OpenOptions {
        max_size: 1 << 30,
        follow_symlinks,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        journal,
        ..OpenOptions::default()
    }
}

fn open(path: &Path, journal: JournalChoice, follow_symlinks: bool) -> Session {
    let mut s = Session::open(path, &options(journal, follow_symlinks)).unwrap();
    s.dispatch(Action::Resize(120, 40));
    s
}

/// An article without a sidecar, and `real.json`, an empty sidecar for it.
#[cfg(unix)]
fn article_with_sidecar_aside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, ARTICLE).unwrap();
    let doc = Document::load(&path, 1 << 30).unwrap();
    let real = dir.path().join("real.json");
    sidecar::save(&doc, &Store::new(), &Kept::default(), &real, false).unwrap();
    (dir, path)
}

/// Makes the article's sidecar a symbolic link to `real.json`, so that a session opened
/// before, without `follow_symlinks`, fails to save.
#[cfg(unix)]
fn link_sidecar(path: &Path) {
    std::os::unix::fs::symlink(path.with_file_name("real.json"), sidecar::path_for(path)).unwrap();
}

fn quotes(s: &Session) -> Vec<String> {
    s.app()
        .store()
        .annotations()
        .iter()
        .map(|a| a.quote.exact.to_string())
        .collect()
}

#[cfg(unix)]
#[test]
fn a_failed_save_leaves_the_change_in_the_journal_for_the_next_session() {
    let (_dir, path) = article_with_sidecar_aside();
    let journal_path = journal::path_for(&path);
    {
        let mut s = open(&path, JournalChoice::Keep, false);
        link_sidecar(&path);
        assert_eq!(s.journal_path(), Some(journal_path.as_path()));
        goto(&mut s, "Shaukat");
        keys(&mut s, "v e e s");
        assert!(s.unsaved(), "the save through the link was refused");
        assert!(journal_path.exists(), "the change is in the journal");
        keys(&mut s, "q");
    }
    assert!(
        !lock::path_for(&path).exists(),
        "the lock went with the session"
    );

    // Not told what to do: the journal is kept and the session cannot write.
    let kept = open(&path, JournalChoice::Keep, true);
    let why = kept.app().read_only().unwrap_or_default();
    assert!(why.contains("--replay-journal"), "{why}");
    assert!(quotes(&kept).is_empty());
    drop(kept);
    assert!(journal_path.exists());

    // Replayed: the change is back, saved, undoable as one step, the journal gone.
    let mut s = open(&path, JournalChoice::Replay, true);
    assert_eq!(quotes(&s), vec!["Shaukat Sultan".to_string()]);
    assert!(!s.unsaved());
    assert!(!journal_path.exists());
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(file.annotations.len(), 1);
    assert!(s.app().message().unwrap().text.contains("replayed 1"));
    keys(&mut s, "u");
    assert!(quotes(&s).is_empty());
}

#[cfg(unix)]
#[test]
fn asking_no_discards_the_journal() {
    let (_dir, path) = article_with_sidecar_aside();
    {
        let mut s = open(&path, JournalChoice::Keep, false);
        link_sidecar(&path);
        goto(&mut s, "AFP");
        keys(&mut s, "s");
    }
    fn no(found: &journal::Found) -> bool {
        assert_eq!(found.steps.len(), 1);
        false
    }
    let s = open(&path, JournalChoice::Ask(no), true);
    assert!(quotes(&s).is_empty());
    assert!(s.app().read_only().is_none());
    assert!(!journal::path_for(&path).exists());
}

#[test]
fn every_change_is_saved_and_leaves_no_journal() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    goto(&mut s, "four");
    keys(&mut s, "V c u <ctrl-r>");
    assert!(!s.unsaved());
    assert!(!journal::path_for(&path).exists());
    assert_eq!(
        sidecar::read(&sidecar::path_for(&path))
            .unwrap()
            .unwrap()
            .annotations
            .len(),
        2
    );
}

#[test]
fn a_journal_for_another_sidecar_is_set_aside_not_replayed() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    drop(s);
    // A journal written against no sidecar, although there is one now.
    let doc = Document::load(&path, 1 << 30).unwrap();
    let mut store = Store::new();
    store.record_applied();
    store.put_entity(scholia::domain::model::Entity::new("e9", "X", "PERSON"));
    let mut writer = journal::JournalWriter::new(
        journal::path_for(&path),
        doc.sha256(),
        path.with_extension("missing"),
    );
    writer.append(&store.take_applied()).unwrap();
    let s = open(&path, JournalChoice::Replay, false);
    assert!(s.app().store().entities().is_empty());
    assert!(!journal::path_for(&path).exists());
    let mut old = journal::path_for(&path).into_os_string();
    old.push(".old");
    assert!(Path::new(&old).exists(), "set aside, never deleted");
    let message = s.app().message().unwrap().text.clone();
    assert!(
        message.contains("another version of the sidecar"),
        "{message}"
    );
}

#[test]
fn a_second_session_is_read_only_and_told_who_holds_the_article() {
    let (_dir, path, first) = support::session(ARTICLE);
    assert_eq!(first.lock_path(), Some(lock::path_for(&path).as_path()));
    let mut second = open(&path, JournalChoice::Keep, false);
    let why = second.app().read_only().unwrap_or_default();
    assert!(why.starts_with("held by "), "{why}");
    assert!(
        why.contains(&format!("(pid {})", std::process::id())),
        "{why}"
    );
    assert!(second.lock_path().is_none());
    goto(&mut second, "AFP");
    keys(&mut second, "s");
    assert!(
        quotes(&second).is_empty(),
        "a read-only session does not tag"
    );
    drop(second);
    assert!(
        lock::path_for(&path).exists(),
        "the first session's lock stays"
    );
    drop(first);
    assert!(!lock::path_for(&path).exists());
}

/// A journal step, hand-edited to put annotation `a1` on `start..end` (bytes).
fn journal_with_span(path: &Path, start: usize, end: usize) {
    let doc = Document::load(path, 1 << 30).unwrap();
    let mut store = Store::new();
    store.record_applied();
    let mut a = scholia::domain::model::Annotation::new(
        "a1",
        scholia::domain::model::Kind::Entity,
        "PERSON",
        vec![scholia::domain::model::Span::new(start, end)],
    );
    a.quote.exact = "hand-edited".into();
    store.insert_annotation(a);
    let mut writer = journal::JournalWriter::new(
        journal::path_for(path),
        doc.sha256(),
        sidecar::path_for(path),
    );
    writer.append(&store.take_applied()).unwrap();
}

#[test]
fn a_journal_with_a_bad_span_is_set_aside_and_nothing_enters_the_store() {
    // "Zoë" is at bytes 4–8; its "ë" takes bytes 6 and 7.
    let article = "Met Zoë in Almaty.\n";
    let cases = [
        (10, 60, "runs past the end of the article"),
        (8, 4, "ends before it starts"),
        (4, 4, "is empty"),
        (4, 7, "inside a character"),
    ];
    for (start, end, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("article.txt");
        fs::write(&path, article).unwrap();
        journal_with_span(&path, start, end);
        let s = open(&path, JournalChoice::Replay, false);
        assert!(quotes(&s).is_empty(), "{start}–{end}: nothing replayed");
        assert!(s.app().read_only().is_none());
        assert!(!sidecar::path_for(&path).exists(), "nothing saved");
        let mut old = journal::path_for(&path).into_os_string();
        old.push(".old");
        assert!(Path::new(&old).exists(), "set aside, never deleted");
        let message = s.app().message().unwrap().text.clone();
        assert!(message.contains("annotation a1"), "{message}");
        assert!(message.contains(expected), "{start}–{end}: {message}");
        assert!(message.contains("moved to"), "{message}");
    }
}

#[test]
fn a_journal_set_aside_never_replaces_one_set_aside_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, "Met Zoë in Almaty.\n").unwrap();
    journal_with_span(&path, 10, 60);
    drop(open(&path, JournalChoice::Replay, false));
    journal_with_span(&path, 8, 4);
    let s = open(&path, JournalChoice::Replay, false);
    let mut first = journal::path_for(&path).into_os_string();
    first.push(".old");
    let mut second = first.clone();
    second.push(".2");
    assert!(fs::read_to_string(&first).unwrap().contains("\"start\":10"));
    assert!(fs::read_to_string(&second).unwrap().contains("\"start\":8"));
    let message = s.app().message().unwrap().text.clone();
    assert!(message.contains(&*second.to_string_lossy()), "{message}");
}

#[cfg(unix)]
#[test]
fn labels_an_import_added_come_back_from_the_journal() {
    let (_dir, path) = article_with_sidecar_aside();
    let journal_path = journal::path_for(&path);
    {
        let mut s = open(&path, JournalChoice::Keep, false);
        link_sidecar(&path);
        // An annotation.conf whose only news is its labels; the save is refused.
        support::import_conf_labels(&mut s, "[entities]\nПерсона\n");
        assert!(
            s.unsaved(),
            "the save through the link was refused: {:?} {:?}",
            s.app().message(),
            s.app().read_only()
        );
        let text = fs::read_to_string(&journal_path).unwrap();
        assert!(
            text.contains("Персона"),
            "the labels are in the journal: {text}"
        );
    }
    let s = open(&path, JournalChoice::Replay, true);
    assert!(!s.unsaved());
    assert!(!journal_path.exists());
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(
        file.extra.get("schema").map(|s| s["entity"].clone()),
        Some(serde_json::json!(["Персона"]))
    );
    assert!(s.app().message().unwrap().text.contains("replayed 1"));
}
