//! `*` offers the other places of the tagged words as pending suggestions, as one undo
//! step; places already tagged and words the analyst rejected are not offered.

mod support;

use scholia::app::repeat::ORIGIN;
use scholia::domain::model::{Annotation, Status};
use scholia::domain::sidecar;
use support::{goto, keys, session, Session};

/// Cyrillic words between emoji (a skin-tone modifier is two code points): offsets in
/// bytes, code points and UTF-16 units all differ.
const ARTICLE: &str = "Дутбаев 🙂 said the КНБ knew. Дутбаевым wrote 👍🏽 Дутбаев. ДУТБАЕВ denied; Дутбаев’s office and Нартай\nДутбаев too.\n";

fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn with_status(s: &Session, status: Status) -> Vec<Annotation> {
    let mut found: Vec<Annotation> = s
        .app()
        .store()
        .iter_annotations()
        .filter(|a| a.status == status)
        .cloned()
        .collect();
    found.sort_by_key(|a| a.spans[0].start);
    found
}

/// The code-point offset of the first `needle` in `text`.
fn code_point_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

#[test]
fn star_offers_the_other_whole_word_places_in_code_points() {
    let (_dir, path, mut s) = session(ARTICLE);
    goto(&mut s, "Дутбаев");
    keys(&mut s, "1");
    assert!(message(&s).ends_with("; * tags 3 more"), "{}", message(&s));
    keys(&mut s, "*");
    assert!(
        message(&s).starts_with("3 suggestions of entity PERSON \"Дутбаев\" added"),
        "{}",
        message(&s)
    );
    let pending = with_status(&s, Status::Pending);
    assert_eq!(pending.len(), 3);
    for a in &pending {
        assert_eq!(a.label, "PERSON");
        assert_eq!(a.quote.exact, "Дутбаев");
        assert_eq!(a.origin.by, ORIGIN);
        assert_eq!(a.origin.rule.as_deref(), Some("a1"));
    }
    // Not "Дутбаевым" (a longer word) nor "ДУТБАЕВ" (another case); the possessive is
    // the name.
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    let starts: Vec<(usize, usize, &str)> = file
        .annotations
        .iter()
        .map(|a| (a.spans[0].start, a.spans[0].end, a.status.as_str()))
        .collect();
    let at = |needle: &str| code_point_of(ARTICLE, needle);
    assert_eq!(
        starts,
        vec![
            (0, 7, "accepted"),
            (at("Дутбаев. "), at("Дутбаев. ") + 7, "pending"),
            (at("Дутбаев’s"), at("Дутбаев’s") + 7, "pending"),
            (at("Дутбаев too"), at("Дутбаев too") + 7, "pending"),
        ]
    );
    assert_eq!(
        at("Дутбаев. "),
        48,
        "the skin-tone emoji counts two code points"
    );
}

#[test]
fn star_is_one_step_of_undo_and_redo() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Дутбаев");
    keys(&mut s, "1 *");
    assert_eq!(s.app().store().annotation_count(), 4);
    keys(&mut s, "u");
    assert_eq!(s.app().store().annotation_count(), 1);
    keys(&mut s, "<ctrl-r>");
    assert_eq!(with_status(&s, Status::Pending).len(), 3);
}

#[test]
fn words_rejected_with_that_label_are_not_offered_again() {
    let (_dir, path, mut s) = session(ARTICLE);
    goto(&mut s, "Дутбаев");
    keys(&mut s, "1 *");
    // The analyst turns one suggestion down and deletes another.
    goto(&mut s, "Дутбаев. ");
    keys(&mut s, "x");
    goto(&mut s, "Дутбаев’s");
    keys(&mut s, "d");
    assert_eq!(with_status(&s, Status::Rejected).len(), 1);
    assert_eq!(with_status(&s, Status::Pending).len(), 1);
    goto(&mut s, "Дутбаев");
    keys(&mut s, "*");
    assert_eq!(
        with_status(&s, Status::Pending).len(),
        1,
        "the deleted place is not offered again: the words were rejected"
    );
    assert!(
        message(&s).contains("was rejected before (a2;"),
        "{}",
        message(&s)
    );
    // The rejection is the rejected suggestion kept in the sidecar.
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert!(file
        .annotations
        .iter()
        .any(|a| a.status == Status::Rejected && a.quote.exact == "Дутбаев"));
    // Taking the rejection back (accepting it after all) offers the words again.
    keys(&mut s, "R");
    goto(&mut s, "Дутбаев. ");
    keys(&mut s, "a");
    goto(&mut s, "Дутбаев");
    keys(&mut s, "*");
    assert!(
        message(&s).starts_with("1 suggestion of"),
        "{}",
        message(&s)
    );
}

#[test]
fn places_tagged_with_that_label_are_skipped_others_are_offered() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Дутбаев. ");
    keys(&mut s, "1");
    goto(&mut s, "Дутбаев’s");
    keys(&mut s, "2");
    goto(&mut s, "Дутбаев");
    keys(&mut s, "1");
    assert!(message(&s).ends_with("; * tags 2 more"), "{}", message(&s));
    keys(&mut s, "*");
    assert!(
        message(&s).contains("added; 1 other place already tagged"),
        "{}",
        message(&s)
    );
    let pending = with_status(&s, Status::Pending);
    let at = |needle: &str| ARTICLE.find(needle).unwrap();
    let places: Vec<usize> = pending.iter().map(|a| a.spans[0].start).collect();
    assert_eq!(places, vec![at("Дутбаев’s"), at("Дутбаев too")]);
    // Again: every place holds a PERSON now.
    keys(&mut s, "*");
    assert_eq!(
        message(&s),
        "no other place of entity PERSON \"Дутбаев\" to offer; 3 other places already tagged"
    );
    assert_eq!(s.app().store().annotation_count(), 5);
}

#[test]
fn a_name_broken_over_lines_is_the_same_words() {
    let text = "Нартай Дутбаев spoke first. Later Нартай\nДутбаев 🙂 and НАРТАЙ ДУТБАЕВ left.\n";
    let (_dir, _path, mut s) = session(text);
    goto(&mut s, "Нартай");
    keys(&mut s, "1");
    assert_eq!(
        with_status(&s, Status::Accepted)[0].quote.exact,
        "Нартай Дутбаев"
    );
    keys(&mut s, "*");
    let pending = with_status(&s, Status::Pending);
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].quote.exact, "Нартай\nДутбаев");
}

#[test]
fn star_needs_an_accepted_annotation_under_the_cursor() {
    let (_dir, _path, mut s) = session(ARTICLE);
    keys(&mut s, "*");
    assert!(
        message(&s).contains("put the cursor on one"),
        "{}",
        message(&s)
    );
    goto(&mut s, "Дутбаев");
    keys(&mut s, "1 *");
    goto(&mut s, "Дутбаев. ");
    keys(&mut s, "*");
    assert!(
        message(&s).starts_with("a2 is pending: * repeats an accepted annotation (a accepts it)"),
        "{}",
        message(&s)
    );
    assert_eq!(s.app().store().annotation_count(), 4);
}
