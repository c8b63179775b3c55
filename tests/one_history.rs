//! One history for edits and review decisions: undo, redo and "take back the last
//! decision" (Backspace) never write a stale state, and they bring the selection back.

mod support;

use scholia::domain::model::{Annotation, Kind, Origin, Span, Status};
use support::{goto, keys, session, Session};

const TEXT: &str = "Alice met Bob in Paris on Monday.\n";

/// A session on [`TEXT`] with two pending suggestions: `a1` on "Alice", `a2` on "Bob".
fn reviewing() -> (tempfile::TempDir, Session) {
    let (dir, _path, mut s) = session(TEXT);
    for (id, word) in [("a1", "Alice"), ("a2", "Bob")] {
        let start = TEXT.find(word).unwrap();
        let mut a = Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + word.len())],
        );
        a.status = Status::Pending;
        a.origin = Origin::tool("spacy");
        s.app.store.insert_annotation(a);
    }
    (dir, s)
}

fn status(s: &Session, id: &str) -> Option<Status> {
    s.app.store.annotation(id).map(|a| a.status)
}

#[test]
fn backspace_after_undo_and_an_edit_does_not_bring_back_a_stale_decision() {
    let (_dir, mut s) = reviewing();
    keys(&mut s, "g r a");
    assert_eq!(status(&s, "a1"), Some(Status::Accepted));
    keys(&mut s, "u");
    assert_eq!(
        status(&s, "a1"),
        Some(Status::Pending),
        "u undoes the decision"
    );
    keys(&mut s, "<tab>");
    goto(&mut s, "Alice");
    keys(&mut s, "d");
    assert_eq!(status(&s, "a1"), None, "the edit deletes a1");
    keys(&mut s, "<backspace>");
    assert_eq!(
        status(&s, "a1"),
        None,
        "the decision was already undone: Backspace must not write it over the delete"
    );
}
