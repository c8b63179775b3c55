//! Another program replaces the sidecar while the workbench is open (`git pull`, a
//! script): the next save reloads it and re-applies the session's own edits on top, and a
//! replacement that cannot be read is never overwritten.

mod support;

use std::fs;
use std::path::Path;

use scholia::commands::failure::Failure;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, SidecarFile};
use support::{goto, keys, Session};

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";

fn on_disk(article: &Path) -> SidecarFile {
    sidecar::read(&sidecar::path_for(article)).unwrap().unwrap()
}

fn quotes(file: &SidecarFile) -> Vec<String> {
    let mut q: Vec<String> = file
        .annotations
        .iter()
        .map(|a| a.quote.exact.to_string())
        .collect();
    q.sort();
    q
}

/// What another analyst's tool does: adds an annotation on `word` with id `id` to the
/// sidecar and replaces the file (write a temporary file, rename it over).
fn another_analyst_adds(article: &Path, id: &str, word: &str) {
    let path = sidecar::path_for(article);
    let mut file = on_disk(article);
    let start = ARTICLE[..ARTICLE.find(word).unwrap()].chars().count();
    let mut a = Annotation::new(
        id,
        Kind::Entity,
        "NORP",
        vec![Span::new(start, start + word.chars().count())],
    );
    a.quote.exact = word.into();
    a.annotator = Some("another analyst".into());
    file.annotations.push(a);
    let temp = path.with_extension("incoming");
    fs::write(&temp, sidecar::render(&file).unwrap()).unwrap();
    fs::rename(&temp, &path).unwrap();
}

fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn an_outside_annotation_and_the_sessions_edits_are_both_saved() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    assert_eq!(on_disk(&path).annotations.len(), 1);

    another_analyst_adds(&path, "a7", "Kazakh");
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");

    let file = on_disk(&path);
    assert_eq!(
        quotes(&file),
        vec!["AFP", "Kazakh", "Shaukat Sultan"],
        "the outside annotation and both edits of the session"
    );
    let outside = file.annotations.iter().find(|a| a.id == "a7").unwrap();
    assert_eq!(outside.annotator.as_deref(), Some("another analyst"));
    assert_eq!(
        s.app().store().annotation_count(),
        3,
        "the workbench shows it too"
    );
    assert!(!s.unsaved());
    let text = message(&s);
    assert!(text.contains("another program changed"), "{text}");
    assert!(text.contains("re-applied 1 unsaved step"), "{text}");

    // The next save builds on the reloaded file: nothing is reloaded twice.
    goto(&mut s, "four");
    keys(&mut s, "s");
    assert_eq!(on_disk(&path).annotations.len(), 4);
    assert!(!message(&s).contains("another program"), "{}", message(&s));
}

#[test]
fn an_annotation_added_on_both_sides_with_one_id_keeps_both() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    // The other analyst took the id the session will give its next annotation.
    another_analyst_adds(&path, "a2", "Kazakh");
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");
    let file = on_disk(&path);
    assert_eq!(quotes(&file), vec!["AFP", "Kazakh", "Shaukat Sultan"]);
    let theirs = file.annotations.iter().find(|a| a.id == "a2").unwrap();
    assert_eq!(theirs.quote.exact, "Kazakh");
    let text = message(&s);
    assert!(text.contains("a2 → a3"), "{text}");
}

#[test]
fn an_edit_that_no_longer_applies_is_kept_beside_the_journal_and_reported() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    // Another program removes a1 while the session writes a note on it.
    let mut file = on_disk(&path);
    file.annotations.clear();
    let sidecar_path = sidecar::path_for(&path);
    fs::write(&sidecar_path, sidecar::render(&file).unwrap()).unwrap();
    goto(&mut s, "AFP");
    keys(&mut s, "i checked <esc>");
    let text = message(&s);
    assert!(text.contains("another program changed"), "{text}");
    assert!(text.contains("1 unsaved step no longer fit"), "{text}");
    let mut aside = scholia::domain::journal::path_for(&path).into_os_string();
    aside.push(".old");
    assert!(text.contains(&*aside.to_string_lossy()), "{text}");
    let kept = fs::read_to_string(&aside).unwrap();
    assert!(
        kept.contains("\"note\":\"checked\""),
        "the step is kept: {kept}"
    );
    assert!(on_disk(&path).annotations.is_empty(), "the removal stands");
    assert!(!s.unsaved());
    assert_eq!(s.app().store().annotation_count(), 0);
}

#[test]
fn a_replacement_that_cannot_be_read_is_never_overwritten() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    let sidecar_path = sidecar::path_for(&path);
    fs::write(&sidecar_path, "<<<<<<< HEAD\n{ not json\n").unwrap();
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");
    assert_eq!(
        fs::read_to_string(&sidecar_path).unwrap(),
        "<<<<<<< HEAD\n{ not json\n",
        "not overwritten"
    );
    assert!(s.unsaved());
    let status = s.app().message().cloned().unwrap();
    assert!(status.error, "a loud status");
    assert!(
        status
            .text
            .contains("another program changed the sidecar and it cannot be read"),
        "{}",
        status.text
    );
    assert!(status.text.contains("not overwritten"), "{}", status.text);
    // Still refused on the next change, and on quitting; the journal keeps the work.
    goto(&mut s, "four");
    keys(&mut s, "s q");
    assert!(fs::read_to_string(&sidecar_path)
        .unwrap()
        .starts_with("<<<<<<<"));
    let failure = Failure::from(s.finish().unwrap_err());
    assert!(
        failure.message.contains("cannot be read"),
        "{}",
        failure.message
    );
    assert!(
        failure.message.contains("recovery journal"),
        "{}",
        failure.message
    );

    // Once the file is mended, the next save merges onto it.
    sidecar::save(
        s.app().doc(),
        &scholia::domain::store::Store::new(),
        &Default::default(),
        &sidecar_path,
        false,
    )
    .unwrap();
    assert!(s.finish().is_ok());
    assert_eq!(
        quotes(&on_disk(&path)),
        vec!["Shaukat Sultan", "four"],
        "the session's unsaved steps, on the mended file"
    );
}

#[test]
fn a_sidecar_deleted_meanwhile_is_written_again_whole() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    fs::remove_file(sidecar::path_for(&path)).unwrap();
    goto(&mut s, "four");
    keys(&mut s, "s");
    assert_eq!(quotes(&on_disk(&path)), vec!["AFP", "four"]);
    let text = message(&s);
    assert!(text.contains("another program deleted"), "{text}");
}
