//! The article is laid out once per frame: the check that keeps the cursor in view after
//! a key and the frame that draws it share the rows on screen, and a key that leaves the
//! view where it was lays nothing out again. Counted with `layout::rows_laid_out`, the
//! rows laid out with their cells, as `panel_work.rs` counts the panel's work.

#[path = "../benches/support/review_book.rs"]
mod review_book;
mod support;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::action::Action;
use scholia::app::key::{Key, KeyCode};
use scholia::app::layout;
use scholia::app::session::Session;
use scholia::ui::{draw, Theme};

fn frame(s: &Session, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|f| draw(f, s.app(), &Theme::colored()))
        .unwrap();
}

/// The rows laid out by `press` then a frame, `times` over.
fn rows_laid_out_by(
    s: &mut Session,
    terminal: &mut Terminal<TestBackend>,
    times: usize,
    press: impl Fn(&mut Session),
) -> usize {
    let before = layout::rows_laid_out();
    for _ in 0..times {
        press(s);
        frame(s, terminal);
    }
    layout::rows_laid_out() - before
}

/// A 120×40 workbench on the Review tab of a book with 3,000 pending suggestions.
fn reviewing() -> (tempfile::TempDir, Session, Terminal<TestBackend>) {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), 200_000, 3_000, 0);
    let mut s = support::open(&path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    support::keys(&mut s, "gr");
    frame(&s, &mut terminal);
    (dir, s, terminal)
}

/// In the Review tab of a book with pending suggestions, `j` moves to the next one,
/// and the view follows only when it comes near the edge of the screen: a suggestion on
/// screen moves the highlight and lays nothing out, one near the edge is centred (one
/// layout of the screen's rows). `]` in the article moves to the next annotation,
/// mostly on screen already: at most one layout per key, and the keys that leave the
/// view where it was lay out nothing.
#[test]
fn a_key_lays_out_the_rows_on_screen_at_most_once() {
    let (_dir, mut s, mut terminal) = reviewing();
    let height = usize::from(s.app().screen().article.height);
    assert!(height > 20, "the article shows {height} rows");

    let top = s.app().top();
    let rows = rows_laid_out_by(&mut s, &mut terminal, 1, |s| support::keys(s, "j"));
    assert_eq!(s.app().top(), top, "j to a suggestion on screen scrolled");
    assert_eq!(rows, 0, "j to a suggestion on screen laid out {rows} rows");

    let rows = rows_laid_out_by(&mut s, &mut terminal, 120, |s| support::keys(s, "j"));
    assert!(s.app().top() > top, "j scrolled the article");
    assert!(
        rows <= 120 * height / 10,
        "120 frames after j laid out {rows} rows of {height} on screen"
    );

    s.dispatch(Action::Key(Key::plain(KeyCode::Tab)));
    frame(&s, &mut terminal);
    let cursor = s.app().cursor();
    let rows = rows_laid_out_by(&mut s, &mut terminal, 20, |s| support::keys(s, "]"));
    assert!(s.app().cursor() > cursor, "] moved on");
    assert!(
        rows <= 20 * height,
        "20 frames after ] laid out {rows} rows of {height} on screen"
    );

    // A frame drawn again with nothing changed lays nothing out.
    let rows = rows_laid_out_by(&mut s, &mut terminal, 5, |_| {});
    assert_eq!(rows, 0, "5 frames of an unchanged view laid out rows");
}

/// A suggestion off screen is centred: `G` in the Review tab goes to the last one, far
/// below the first screen, and its row is in the middle of the article pane.
#[test]
fn a_suggestion_off_screen_is_centred() {
    let (_dir, mut s, mut terminal) = reviewing();
    support::keys(&mut s, "G");
    frame(&s, &mut terminal);
    let app = s.app();
    let height = usize::from(app.screen().article.height);
    let rows = layout::rows_from(
        app.doc().text(),
        app.doc().line_starts(),
        app.top(),
        layout::Wrap::new(app.screen().article.width),
        height,
    );
    let row = rows
        .iter()
        .position(|r| r.start <= app.cursor() && app.cursor() < r.end)
        .expect("the suggestion on screen");
    assert_eq!(row, height / 2, "the suggestion's row of {height}");
}
