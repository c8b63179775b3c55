//! One history for edits and review decisions: undo, redo and "take back the last
//! decision" (Backspace) never write a stale state, and they bring the selection back.

#[path = "seed/mod.rs"]
mod seed;
mod support;

use scholia::domain::model::{Annotation, Kind, Origin, Span, Status};
use support::{goto, keys, session, Session};

const TEXT: &str = "Alice met Bob in Paris on Monday.\n";

/// A session on [`TEXT`] with two pending suggestions: `a1` on "Alice", `a2` on "Bob".
fn reviewing() -> (tempfile::TempDir, Session) {
    let (dir, _path, s) = session(TEXT);
    let mut suggestions = Vec::new();
    for (id, word) in [("a1", "Alice"), ("a2", "Bob")] {
        let start = TEXT.find(word).unwrap();
        let mut a = Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + word.len())],
        );
        a.status = Status::Pending;
        a.origin = Origin::tool("spacy").shared();
        suggestions.push(a);
    }
    (dir, seed::reopen_with(s, suggestions, &support::options()))
}

fn status(s: &Session, id: &str) -> Option<Status> {
    s.app().store().annotation(id).map(|a| a.status)
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
    assert_eq!(
        s.app().review().current.as_deref(),
        Some("a1"),
        "and a1 is current again"
    );
    assert_eq!(
        s.app().cursor(),
        TEXT.find("Alice").unwrap(),
        "the cursor is back on it"
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

fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn backspace_takes_back_a_decision_under_a_later_edit_of_another_annotation() {
    let (_dir, mut s) = reviewing();
    keys(&mut s, "g r a");
    assert_eq!(status(&s, "a1"), Some(Status::Accepted));
    keys(&mut s, "<tab>");
    goto(&mut s, "Paris");
    keys(&mut s, "v e c");
    let claims = |s: &Session| {
        s.app()
            .store()
            .annotations()
            .iter()
            .filter(|a| a.kind == Kind::Claim)
            .count()
    };
    assert_eq!(claims(&s), 1);
    keys(&mut s, "<backspace>");
    assert_eq!(
        status(&s, "a1"),
        Some(Status::Pending),
        "the decision is taken back"
    );
    assert_eq!(claims(&s), 1, "the later edit stays");
    assert_eq!(
        s.app().review().current.as_deref(),
        Some("a1"),
        "a1 is current again"
    );
    assert_eq!(s.app().cursor(), TEXT.find("Alice").unwrap());
}

#[test]
fn backspace_refuses_when_a_later_edit_touched_the_decided_annotation() {
    let (_dir, mut s) = reviewing();
    keys(&mut s, "g r a <tab>");
    goto(&mut s, "Alice");
    keys(&mut s, "d");
    assert_eq!(status(&s, "a1"), None);
    keys(&mut s, "<backspace>");
    assert_eq!(status(&s, "a1"), None, "no stale decision over the delete");
    assert!(
        message(&s).contains("later change touched the same annotation"),
        "{}",
        message(&s)
    );
    keys(&mut s, "u u");
    assert_eq!(
        status(&s, "a1"),
        Some(Status::Pending),
        "u undoes step by step"
    );
}

#[test]
fn undo_and_redo_bring_the_selection_back_and_scroll_to_it() {
    let filler = "Nothing to see on this line.\n".repeat(200);
    let text = format!("{filler}The envoy met the press in Paris.\n{filler}");
    let (_dir, _path, mut s) = session(&text);
    let paris = text.find("Paris").unwrap();
    goto(&mut s, "Paris");
    keys(&mut s, "v e");
    let selected = (s.app().anchor(), s.app().cursor());
    assert_eq!(selected, (Some(paris), paris + "Pari".len()));
    keys(&mut s, "c");
    let tagged = (s.app().anchor(), s.app().cursor());
    assert_eq!(s.app().store().annotation_count(), 1);
    keys(&mut s, "g g");
    assert_eq!((s.app().top(), s.app().cursor()), (0, 0));
    keys(&mut s, "u");
    assert_eq!(s.app().store().annotation_count(), 0);
    assert_eq!(
        (s.app().anchor(), s.app().cursor()),
        selected,
        "undo brings the selection back"
    );
    assert!(
        s.app().top() > 0 && s.app().top() <= paris,
        "the view scrolled to it"
    );
    keys(&mut s, "g g <ctrl-r>");
    assert_eq!(s.app().store().annotation_count(), 1);
    assert_eq!(
        (s.app().anchor(), s.app().cursor()),
        tagged,
        "redo: the selection after"
    );
    assert!(s.app().top() > 0 && s.app().top() <= paris);
}
