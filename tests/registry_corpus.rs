//! The source registry across a corpus: `extract --from-registry` suggests a registry
//! source in every article, linked to the entry; grading it in one article grades the
//! entry (after asking, since other articles use it), and every other article shows
//! the registry's grade.

mod ui_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scholia::app::action::Action;
use scholia::app::session::Session;
use scholia::domain::registry::{self, EntryKind, Registry};
use scholia::domain::sidecar;
use ui_support::{keys, screen};

const ARTICLES: usize = 5;

/// A corpus of five articles that all cite Ekspress-K (spelt differently), with a
/// registry that knows it; returns the folder guard and the articles.
fn corpus() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Registry::new();
    let id = r
        .add("Ekspress-K", EntryKind::Source, "publication")
        .unwrap();
    r.entries[0].aliases.push("Экспресс-К".into());
    assert_eq!(id, "r1");
    registry::write(&registry::path_in(dir.path()), &r).unwrap();
    let spellings = [
        "Ekspress-K",
        "EKSPRESS-K",
        "Экспресс-К",
        "Ékspress-K",
        "ekspress-k",
    ];
    let articles = (1..=ARTICLES)
        .map(|n| {
            let path = dir.path().join(format!("article{n}.txt"));
            let text = format!(
                "Report {n}. Officials told {} that the border was closed.\n",
                spellings[n - 1]
            );
            fs::write(&path, text).unwrap();
            path
        })
        .collect();
    (dir, articles)
}

fn scholia(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_ANNOTATOR", "analyst1")
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap()
}

fn extract_from_registry(dir: &Path) {
    let out = scholia(&["extract", &dir.display().to_string(), "--from-registry"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn open(path: &Path) -> Session {
    let mut session = Session::open(path, &ui_support::options()).unwrap();
    session.dispatch(Action::Resize(120, 40));
    session
}

fn grade_in_registry(dir: &Path) -> Option<String> {
    let r = registry::read(&registry::path_in(dir)).unwrap().unwrap();
    r.entry("r1").and_then(|e| e.grade()).map(str::to_string)
}

#[test]
fn a_registry_source_is_suggested_in_every_article_and_linked_to_its_entry() {
    let (dir, articles) = corpus();
    let before = fs::read(registry::path_in(dir.path())).unwrap();
    extract_from_registry(dir.path());
    for article in &articles {
        let file = sidecar::read(&sidecar::path_for(article)).unwrap().unwrap();
        assert_eq!(file.entities.len(), 1, "{}", article.display());
        assert_eq!(file.entities[0].registry.as_deref(), Some("r1"));
        let [a] = file.annotations.as_slice() else {
            panic!(
                "one suggestion in {}: {:?}",
                article.display(),
                file.annotations
            )
        };
        assert_eq!(a.label, "publication");
        assert_eq!(a.entity.as_deref(), Some(file.entities[0].id.as_str()));
        assert_eq!(a.status, scholia::domain::model::Status::Pending);
    }
    // Run again: nothing new, and the registry was only read.
    extract_from_registry(dir.path());
    let file = sidecar::read(&sidecar::path_for(&articles[1]))
        .unwrap()
        .unwrap();
    assert_eq!((file.entities.len(), file.annotations.len()), (1, 1));
    assert_eq!(fs::read(registry::path_in(dir.path())).unwrap(), before);
}

#[test]
fn graded_in_article_one_the_source_shows_the_grade_in_articles_two_to_five() {
    let (dir, articles) = corpus();
    extract_from_registry(dir.path());
    let mut first = open(&articles[0]);
    ui_support::goto(&mut first, "Ekspress-K", 0);
    // Accept the suggestion, then grade its source B.
    keys(&mut first, "a");
    ui_support::goto(&mut first, "Ekspress-K", 0);
    keys(&mut first, "=b");
    let asked = screen(&mut first, 120, 40);
    assert!(
        asked.contains("used in 4 other articles"),
        "asks first, saying how many:\n{asked}"
    );
    assert_eq!(
        grade_in_registry(dir.path()),
        None,
        "nothing written before y"
    );
    keys(&mut first, "y");
    assert_eq!(grade_in_registry(dir.path()).as_deref(), Some("B"));
    assert!(first.save());
    drop(first);
    for article in &articles[1..] {
        let mut other = open(article);
        let text = other.app().doc().text().to_string();
        let at = text.find("told ").unwrap() + "told ".len();
        other.dispatch(Action::GoTo(at));
        keys(&mut other, "a");
        other.dispatch(Action::GoTo(at));
        let shown = screen(&mut other, 120, 40);
        assert!(
            shown.contains("reliability B (registry r1)"),
            "{}:\n{shown}",
            article.display()
        );
        assert!(other.save());
        let file = sidecar::read(&sidecar::path_for(article)).unwrap().unwrap();
        assert_eq!(
            file.annotations[0].status,
            scholia::domain::model::Status::Accepted
        );
        assert!(
            file.entities[0].attrs.is_empty(),
            "the grade lives in the registry, not in the sidecar"
        );
    }
}

#[test]
fn refusing_leaves_the_registry_as_it_was_and_an_unused_entry_is_graded_at_once() {
    let (dir, articles) = corpus();
    extract_from_registry(dir.path());
    let mut first = open(&articles[0]);
    ui_support::goto(&mut first, "Ekspress-K", 0);
    keys(&mut first, "=b");
    keys(&mut first, "n");
    assert_eq!(grade_in_registry(dir.path()), None);
    drop(first);
    // With the other articles' sidecars gone, no one else uses the entry: no question.
    for article in &articles[1..] {
        fs::remove_file(sidecar::path_for(article)).unwrap();
    }
    let mut first = open(&articles[0]);
    ui_support::goto(&mut first, "Ekspress-K", 0);
    keys(&mut first, "=c");
    assert_eq!(grade_in_registry(dir.path()).as_deref(), Some("C"));
}

#[test]
fn a_broken_registry_is_read_only_and_never_overwritten() {
    let (dir, articles) = corpus();
    extract_from_registry(dir.path());
    let path = registry::path_in(dir.path());
    let broken = "{\"format\": \"scholia-registry/1\", \"entries\": [oops]}";
    fs::write(&path, broken).unwrap();
    let mut first = open(&articles[0]);
    let opened = screen(&mut first, 120, 40);
    assert!(opened.contains("registry is read-only"), "{opened}");
    ui_support::goto(&mut first, "Ekspress-K", 0);
    keys(&mut first, "=b");
    let shown = screen(&mut first, 120, 40);
    assert!(shown.contains("cannot be written"), "{shown}");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}
