//! Whatever command moves the cursor, `update` keeps it on screen afterwards.

mod support;

use scholia::app::layout;
use scholia::app::motion;
use scholia::app::session::Session;
use support::{keys, session};

/// Whether the cursor's display row is among the rows the article pane shows.
fn cursor_on_screen(s: &Session) -> bool {
    let app = s.app();
    let rows = layout::rows_from(
        app.doc().text(),
        app.doc().line_starts(),
        app.top(),
        motion::wrap(app),
        usize::from(app.screen().article.height),
    );
    rows.iter().any(|r| {
        r.start <= app.cursor() && (app.cursor() < r.end || app.cursor() == r.end && r.last_of_line)
    })
}

#[test]
fn selecting_a_sentence_longer_than_the_screen_keeps_the_cursor_in_view() {
    let long = "word ".repeat(2_000);
    let article = format!("Title\n\n{}end.\n", long);
    let (_dir, _path, mut s) = session(&article);
    keys(&mut s, "j j");
    assert!(cursor_on_screen(&s));
    keys(&mut s, "V");
    assert!(s.app().anchor().is_some(), "V selects the sentence");
    assert!(
        cursor_on_screen(&s),
        "the cursor at the sentence's end is on screen (cursor {}, top {})",
        s.app().cursor(),
        s.app().top()
    );
}
