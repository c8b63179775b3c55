//! Growing or shrinking the terminal keeps the article's view sensible: the screen is
//! filled whenever the article has the rows to fill it, and the cursor stays in view.

mod ui_support;

use std::fs;

use scholia::app::action::Action;
use scholia::app::session::Session;
use ui_support::{keys, options, screen};

/// An article of `n` short numbered lines.
fn lines(n: usize) -> String {
    (1..=n).map(|i| format!("line {i:02} ле 東\n")).collect()
}

fn open(text: &str, w: u16, h: u16) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, text).unwrap();
    let mut session = Session::open(&path, &options()).unwrap();
    session.dispatch(Action::Resize(w, h));
    (dir, session)
}

/// How many `~` rows (past the end of the article) the screen shows.
fn empty_rows(shown: &str) -> usize {
    shown
        .lines()
        .filter(|l| l.trim_start_matches(['┃', '│', ' ']).starts_with('~'))
        .count()
}

#[test]
fn growing_from_20x5_to_200x60_shows_the_whole_short_article() {
    let text = lines(30);
    let (_dir, mut s) = open(&text, 40, 10);
    keys(&mut s, "G");
    assert!(s.app().top() > 0, "scrolled to the end at 40×10");
    s.dispatch(Action::Resize(20, 5));
    let shown = screen(&mut s, 200, 60);
    assert!(shown.contains("line 01"), "{shown}");
    assert!(shown.contains("line 30"), "{shown}");
    assert_eq!(s.app().top(), 0, "{shown}");
}

#[test]
fn after_growing_the_screen_is_filled_and_the_cursor_stays_in_view() {
    let text = lines(100);
    let (_dir, mut s) = open(&text, 40, 10);
    keys(&mut s, "G");
    let shown = screen(&mut s, 200, 60);
    assert_eq!(empty_rows(&shown), 0, "the screen is full: {shown}");
    assert!(shown.contains("line 100"), "{shown}");
    assert!(shown.contains("line 45"), "the screen is filled: {shown}");
    // Shrinking again keeps the cursor on screen.
    let shown = screen(&mut s, 40, 10);
    let cursor_line = text[..s.app().cursor()].lines().count();
    assert!(cursor_line >= 100, "{cursor_line}");
    assert!(shown.contains("line 100"), "{shown}");
}

#[test]
fn a_resize_in_the_middle_keeps_the_view_where_it_was_when_it_is_full() {
    let text = lines(100);
    let (_dir, mut s) = open(&text, 80, 24);
    keys(&mut s, &"j ".repeat(50));
    let before = s.app().top();
    assert!(before > 0);
    let shown = screen(&mut s, 200, 60);
    assert_eq!(empty_rows(&shown), 0, "{shown}");
    assert!(
        s.app().top() <= before,
        "the view only moves up to fill the screen"
    );
    assert!(shown.contains("line 51"), "{shown}");
}
