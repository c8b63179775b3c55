//! Opening shows the article before its hash and offset index are worked out (they are
//! worked out on a thread of their own and on the first conversion), and, in the
//! terminal, before the rest of a large article is read and its annotations are read
//! and placed (on a thread of their own once the loop runs; keys wait for them). What
//! must not change: an edit made at once is saved with the article's true hash and its
//! offsets in code points (tests/reanchor_changed_article.rs shows a changed article is
//! still re-anchored on opening, tests/session_recovery.rs that journals still match
//! it), and an article that is not UTF-8 text past its first screen is refused with the
//! sentence it always was.

#[path = "../benches/support/review_book.rs"]
mod review_book;
mod support;

use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::action::Action;
use scholia::app::session::Session;
use scholia::app::state::Tab;
use scholia::domain::document::{hex_sha256, Document};
use scholia::domain::journal;
use scholia::domain::model::Status;
use scholia::domain::sidecar;
use scholia::ui::{draw, Theme};
use support::{goto, keys};

/// About 2 MB of text with a character outside ASCII on every line.
fn long_article() -> String {
    let mut text: String = (0..20_000)
        .map(|n| format!("Line {n}: Zoë met Ana in Tashkent 👍🏽 and wrote nothing down.\n"))
        .collect();
    text.push_str("At the very end, Smolensk.\n");
    text
}

#[test]
fn an_edit_made_at_once_is_saved_with_the_articles_hash_and_code_points() {
    let text = long_article();
    let (_dir, path, mut s) = support::session(&text);
    goto(&mut s, "Smolensk");
    keys(&mut s, "s");
    let expected = hex_sha256(text.as_bytes());
    let file = sidecar::read(&sidecar::path_for(&path))
        .unwrap()
        .expect("saved");
    assert_eq!(file.document.sha256, expected);
    let start = text.find("Smolensk").unwrap();
    let chars = text[..start].chars().count();
    let span = file.annotations[0].spans[0];
    assert_eq!((span.start, span.end), (chars, chars + "Smolensk".len()));
    assert_eq!(file.document.chars, text.chars().count() as u64);
}

/// A session on a book with `suggestions` pending suggestions, opened for the terminal:
/// the article is read, its annotations not yet.
fn opened_first_screen_first(suggestions: usize) -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), suggestions * 32, suggestions, 0);
    let mut s = Session::open_first_screen_first(&path, &support::options()).unwrap();
    s.dispatch(Action::Resize(120, 40));
    (dir, path, s)
}

fn screen_of(s: &Session) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| draw(f, s.app(), &Theme::colored()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..40)
        .map(|y| {
            (0..120)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Starts the annotations' thread and waits until it says they are ready.
fn load_and_collect(s: &mut Session) {
    let (done, finished) = mpsc::channel();
    s.load_in_background(Box::new(move || {
        let _ = done.send(());
    }));
    finished
        .recv_timeout(Duration::from_secs(60))
        .expect("the annotations were loaded");
    assert!(s.collect_load(), "the session ended");
}

#[test]
fn the_first_frame_shows_the_article_while_the_annotations_are_still_to_be_read() {
    let (_dir, _path, s) = opened_first_screen_first(2000);
    // Nothing of the sidecar was read, parsed or placed for the first frame.
    assert!(s.loading());
    assert!(s.app().loading());
    assert_eq!(s.app().store().annotation_count(), 0);
    let screen = screen_of(&s);
    assert!(screen.contains("Chapter 1."), "{screen}");
    assert!(screen.contains("loading annotations"), "{screen}");
    assert!(!screen.contains("0 ann"), "{screen}");
    // The panel does not claim the article has nothing yet.
    assert!(!screen.contains("yet"), "{screen}");
}

#[test]
fn keys_pressed_while_loading_wait_for_the_annotations_and_are_applied_in_order() {
    let (_dir, path, mut s) = opened_first_screen_first(2000);
    // To the Review tab, accept the first suggestion, reject the second.
    keys(&mut s, "gr a x");
    assert_eq!(s.app().store().annotation_count(), 0);
    assert!(!s.unsaved(), "nothing was applied to the empty store");
    load_and_collect(&mut s);
    assert!(!s.loading());
    assert_eq!(s.app().store().annotation_count(), 2000);
    assert_eq!(s.app().panel().tab, Tab::Review);
    let decided: Vec<Status> = s
        .app()
        .store()
        .iter_annotations()
        .map(|a| a.status)
        .filter(|status| *status != Status::Pending)
        .collect();
    assert_eq!(decided.len(), 2, "{decided:?}");
    assert!(decided.contains(&Status::Accepted) && decided.contains(&Status::Rejected));
    assert!(s.save());
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(
        file.annotations
            .iter()
            .filter(|a| a.status != Status::Pending)
            .count(),
        2
    );
    assert!(!screen_of(&s).contains("loading annotations"));
}

#[test]
fn a_quit_while_loading_waits_for_the_annotations_and_keeps_the_edits_before_it() {
    let (_dir, path, mut s) = opened_first_screen_first(500);
    keys(&mut s, "gr a q");
    assert!(!s.app().quit(), "the quit waits with the keys before it");
    s.finish().unwrap();
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    let accepted = file
        .annotations
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .count();
    assert_eq!(accepted, 1);
}

#[test]
fn an_earlier_sessions_journal_is_dealt_with_before_the_first_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), 6400, 200, 0);
    std::fs::write(journal::path_for(&path), "not a journal\n").unwrap();
    let s = Session::open_first_screen_first(&path, &support::options()).unwrap();
    assert!(
        !s.loading(),
        "a journal makes the session read its annotations at once"
    );
    assert_eq!(s.app().store().annotation_count(), 200);
    // The journal that could not be replayed was set aside, as on any opening.
    assert!(!journal::path_for(&path).exists());
}

#[test]
fn a_review_tab_recalled_while_loading_does_not_say_everything_is_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), 200 * 32, 200, 0);
    let options = scholia::app::session::OpenOptions {
        places: Some(scholia::domain::place::Places::at(dir.path().join("state"))),
        ..support::options()
    };
    // The last session left the Review tab shown.
    let mut s = Session::open(&path, &options).unwrap();
    s.dispatch(Action::Resize(120, 40));
    s.dispatch(Action::ShowTab(Tab::Review));
    s.finish().unwrap();
    drop(s);

    let mut s = Session::open_first_screen_first(&path, &options).unwrap();
    s.dispatch(Action::Resize(120, 40));
    load_and_collect(&mut s);
    assert_eq!(s.app().panel().tab, Tab::Review);
    // Nothing was reviewed: the status line must not say all was.
    let said: Vec<&str> = s.app().messages().iter().map(|m| m.text.as_str()).collect();
    assert!(!said.iter().any(|m| m.contains("all reviewed")), "{said:?}");
}

/// A bare book of about `bytes` bytes, opened for the terminal: only its first piece is
/// read yet.
fn large_book_first_screen_first(bytes: usize) -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), bytes, 0, 0);
    std::fs::remove_file(sidecar::path_for(&path)).unwrap();
    let mut s = Session::open_first_screen_first(&path, &support::options()).unwrap();
    s.dispatch(Action::Resize(120, 40));
    (dir, path, s)
}

/// Starts the thread that reads the rest of the article and the annotations, and waits
/// until it says it is done; whether the session goes on.
fn read_the_rest(s: &mut Session) -> bool {
    let (done, finished) = mpsc::channel();
    s.load_in_background(Box::new(move || {
        let _ = done.send(());
    }));
    finished
        .recv_timeout(Duration::from_secs(60))
        .expect("the rest was read");
    s.collect_load()
}

#[test]
fn the_first_frame_of_a_large_article_is_drawn_before_its_end_is_read() {
    let (_dir, path, mut s) = large_book_first_screen_first(3_300_000);
    let size = std::fs::metadata(&path).unwrap().len() as usize;
    assert!(s.app().doc().is_first_piece());
    assert!(
        s.app().doc().byte_len() < size / 4,
        "more than the first piece was read"
    );
    let screen = screen_of(&s);
    assert!(screen.contains("Chapter 1. "), "{screen}");
    // The line count waits for the whole article.
    assert!(screen.contains(" line 1/… "), "{screen}");

    // What the file ends with now is what the session reads: its end was not read yet.
    let end = size - 20;
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.seek(SeekFrom::Start(end as u64)).unwrap();
    file.write_all(b"Chapter \xe9t\xe9.").unwrap();
    drop(file);
    assert!(
        !read_the_rest(&mut s),
        "an article that is not UTF-8 ends the session"
    );
    let error = s.take_article_error().expect("why it ended");
    assert_eq!(
        error.to_string(),
        Document::load(&path, 1 << 30).unwrap_err().to_string()
    );
    assert!(
        error.to_string().contains(&format!("offset {}", end + 8)),
        "{error}"
    );
    s.finish().unwrap();
    assert!(!sidecar::path_for(&path).exists(), "nothing was written");
}

#[test]
fn a_key_pressed_while_the_rest_is_read_acts_on_the_whole_article() {
    let (_dir, path, mut s) = large_book_first_screen_first(3_300_000);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines = text.lines().count() + usize::from(text.ends_with('\n'));
    // To the end of the article.
    keys(&mut s, "G");
    assert!(s.app().doc().is_first_piece());
    assert!(read_the_rest(&mut s));
    assert!(!s.app().doc().is_first_piece());
    assert_eq!(s.app().doc().text(), text);
    assert!(s.app().cursor() > text.len() - 600, "{}", s.app().cursor());
    let screen = screen_of(&s);
    assert!(screen.contains(&format!("/{lines} ")), "{screen}");
    assert!(screen.contains("candles burned down"), "{screen}");
    // The article's hash is the whole file's, and so is what a save records.
    keys(&mut s, "gg");
    goto(&mut s, "Moscow");
    keys(&mut s, "s");
    assert!(s.save());
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(file.document.sha256, hex_sha256(text.as_bytes()));
    assert_eq!(file.document.chars, text.chars().count() as u64);
}

#[test]
fn reopening_far_into_a_large_article_reads_it_up_to_the_place_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), 4_000_000, 0, 0);
    std::fs::remove_file(sidecar::path_for(&path)).unwrap();
    let options = scholia::app::session::OpenOptions {
        places: Some(scholia::domain::place::Places::at(dir.path().join("state"))),
        ..support::options()
    };
    let mut s = Session::open(&path, &options).unwrap();
    s.dispatch(Action::Resize(120, 40));
    goto(&mut s, "Chapter 2500. ");
    let place = s.app().cursor();
    s.finish().unwrap();
    drop(s);

    let mut s = Session::open_first_screen_first(&path, &options).unwrap();
    s.dispatch(Action::Resize(120, 40));
    assert!(s.app().doc().is_first_piece());
    assert_eq!(s.app().cursor(), place);
    assert!(screen_of(&s).contains("Chapter 2500. "));
    assert!(read_the_rest(&mut s));
    assert_eq!(s.app().cursor(), place);
}
