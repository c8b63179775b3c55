//! When neither the sidecar nor the recovery journal can be written (the disk filled, the
//! folder went away), the workbench says so loudly, quitting asks first, and the exit
//! message names the journal only when it took the changes.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use scholia::commands::failure::Failure;
use scholia::domain::journal;
use scholia::domain::sidecar;
use support::{goto, keys, Session};

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";

/// Moves the article's folder away and puts a plain file at its name, so that nothing
/// can be written there (unlike a mode change, this stops root too). Returns where the
/// folder went.
fn folder_goes_away(folder: &Path) -> PathBuf {
    let moved = folder.with_extension("moved");
    fs::rename(folder, &moved).unwrap();
    fs::write(folder, "not a folder").unwrap();
    moved
}

fn folder_comes_back(folder: &Path, moved: &Path) {
    fs::remove_file(folder).unwrap();
    fs::rename(moved, folder).unwrap();
}

fn status(s: &Session) -> String {
    let m = s.app().message().cloned().unwrap();
    assert!(m.error, "a loud status: {}", m.text);
    m.text
}

#[test]
fn changes_neither_saved_nor_journaled_make_quitting_ask() {
    let (dir, path, mut s) = support::session(ARTICLE);
    let folder = dir.path().to_path_buf();
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    assert!(!s.unsaved());

    let moved = folder_goes_away(&folder);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");
    assert!(s.unsaved());
    let text = status(&s);
    assert!(text.contains("NOT IN THE RECOVERY JOURNAL"), "{text}");
    assert!(text.contains("could not save"), "{text}");

    // The exit message does not pretend the journal has them.
    let failure = Failure::from(s.finish().unwrap_err());
    assert_eq!(failure.code, scholia::commands::exit::SIDECAR);
    assert!(
        !failure
            .message
            .contains("they are kept in the recovery journal"),
        "{}",
        failure.message
    );
    assert!(
        failure
            .message
            .contains("the recovery journal could not take them either"),
        "{}",
        failure.message
    );
    assert!(failure.message.contains("lost"), "{}", failure.message);

    // Quitting asks; anything but y stays.
    assert!(s.dispatch(scholia::app::action::Action::Key(
        scholia::app::key::Key::char('q')
    )));
    let text = status(&s);
    assert!(
        text.starts_with("quit and lose the unsaved changes? y quits"),
        "{text}"
    );
    keys(&mut s, "n");
    assert!(!s.app().quit());
    assert!(!s.app().confirm_quit());
    assert!(status(&s).contains("NOT IN THE RECOVERY JOURNAL"));

    // y quits.
    keys(&mut s, "q y");
    assert!(s.app().quit());
    folder_comes_back(&folder, &moved);
    assert!(!journal::path_for(&path).exists());
}

#[test]
fn once_a_save_writes_everything_quitting_no_longer_asks() {
    let (dir, path, mut s) = support::session(ARTICLE);
    let folder = dir.path().to_path_buf();
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    let moved = folder_goes_away(&folder);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");
    assert!(s.app().journal_failed().is_some());
    folder_comes_back(&folder, &moved);
    goto(&mut s, "four");
    keys(&mut s, "s");
    assert!(!s.unsaved());
    assert!(s.app().journal_failed().is_none());
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(file.annotations.len(), 3, "every change is on disk");
    keys(&mut s, "q");
    assert!(s.app().quit(), "no question asked");
}

#[test]
fn a_failed_save_with_a_working_journal_quits_and_names_the_journal() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    // The sidecar's name is taken by a folder: saving fails, the journal works.
    let sidecar_path = sidecar::path_for(&path);
    fs::remove_file(&sidecar_path).unwrap();
    fs::create_dir(&sidecar_path).unwrap();
    goto(&mut s, "four");
    keys(&mut s, "s");
    assert!(s.unsaved());
    let text = status(&s);
    assert!(!text.contains("NOT IN THE RECOVERY JOURNAL"), "{text}");
    assert!(journal::path_for(&path).exists());
    keys(&mut s, "q");
    assert!(
        s.app().quit(),
        "the journal holds the changes: no question asked"
    );
    let failure = Failure::from(s.finish().unwrap_err());
    assert!(
        failure.message.contains(&format!(
            "they are kept in the recovery journal {}",
            journal::path_for(&path).display()
        )),
        "{}",
        failure.message
    );
}

#[test]
fn quitting_tries_to_save_again_and_quits_when_that_works() {
    let (dir, path, mut s) = support::session(ARTICLE);
    let folder = dir.path().to_path_buf();
    let moved = folder_goes_away(&folder);
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    assert!(s.app().journal_failed().is_some());
    folder_comes_back(&folder, &moved);
    keys(&mut s, "q");
    assert!(s.app().quit(), "the save on the way out worked");
    assert!(!s.unsaved());
    assert!(sidecar::path_for(&path).exists());
}
