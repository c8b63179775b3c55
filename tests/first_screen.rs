//! Opening shows the article before its hash and offset index are worked out (they are
//! worked out on a thread of their own and on the first conversion). What must not
//! change: an edit made at once is saved with the article's true hash and its offsets in
//! code points (tests/reanchor_changed_article.rs shows a changed article is still
//! re-anchored on opening, tests/session_recovery.rs that journals still match it).

mod support;

use scholia::domain::document::hex_sha256;
use scholia::domain::sidecar;
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
