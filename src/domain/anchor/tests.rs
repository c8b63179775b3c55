//! Tests of anchoring: quotes built from the text, and placing annotations back on
//! changed articles.

use super::*;
use std::path::Path;

fn doc(text: &str) -> Document {
    Document::from_text(Path::new("t.txt"), text.to_string())
}

fn chars(d: &Document, spans: &[Span]) -> Vec<Span> {
    spans.iter().map(|s| d.span_to_chars(*s).unwrap()).collect()
}

#[test]
fn quote_has_context_counted_in_code_points() {
    let d = doc("Ñandú 🇰🇿 said Шаукат Султан told AFP");
    let start = d.text().find("Шаукат").unwrap();
    let q = quote_for(&d, &[Span::new(start, start + "Шаукат Султан".len())]);
    assert_eq!(q.exact, "Шаукат Султан");
    assert_eq!(q.prefix, "Ñandú 🇰🇿 said ");
    assert_eq!(q.suffix, " told AFP");
}

#[test]
fn in_place_when_text_is_unchanged() {
    let d = doc("Кто сказал: «нет».");
    let span = Span::new(d.text().find("нет").unwrap(), d.text().find("»").unwrap());
    let q = quote_for(&d, &[span]);
    let placed = place(&d, &chars(&d, &[span]), &q, Text::Changed);
    assert_eq!(placed, Placement::InPlace(vec![span]));
}

#[test]
fn moved_when_text_was_inserted_before() {
    let old = doc("The minister denied it. Later 👍🏽 he said yes.");
    let span = Span::new(
        old.text().find("he said").unwrap(),
        old.text().find(" yes").unwrap(),
    );
    let q = quote_for(&old, &[span]);
    let cs = chars(&old, &[span]);
    let new = doc("NEW PARAGRAPH ✨\n\nThe minister denied it. Later 👍🏽 he said yes.");
    let placed = place(&new, &cs, &q, Text::Changed);
    let s = placed.spans().unwrap()[0];
    assert!(matches!(placed, Placement::Shifted(_)));
    assert_eq!(new.slice(s), Some("he said"));
}

#[test]
fn words_edited_on_one_side_only_shift_with_the_text() {
    let old = doc("Officials said that four were Kazakh citizens (Ekspress-K, July 19).");
    let a = old.text().find("four").unwrap();
    let span = [Span::new(a, a + "four were Kazakh".len())];
    let q = quote_for(&old, &span);
    let new = doc("UPDATE ✨ Officials said that four were Kazakh citizens (a local paper).");
    let placed = place(&new, &chars(&old, &span), &q, Text::Changed);
    assert!(matches!(placed, Placement::Shifted(_)), "{placed:?}");
    assert_eq!(
        new.slice(placed.spans().unwrap()[0]),
        Some("four were Kazakh")
    );
}

#[test]
fn other_words_at_the_old_position_are_not_in_place_once_the_article_changed() {
    let old = doc("Officials noted the involvement of Kazakh citizens in the fighting.");
    let a = old.text().find("Kazakh").unwrap();
    let span = [Span::new(a, a + "Kazakh".len())];
    let q = quote_for(&old, &span);
    let new = doc("Armed groups keep operating within Kazakhstan, officials noted.");
    assert_eq!(
        new.slice(span[0]),
        Some("Kazakh"),
        "the same letters, same place"
    );
    let cs = chars(&old, &span);
    assert_eq!(place(&new, &cs, &q, Text::Changed), Placement::Lost);
    // With the very text recorded, the position is trusted as it is.
    assert_eq!(
        place(&new, &cs, &q, Text::Unchanged),
        Placement::InPlace(span.to_vec())
    );
}

#[test]
fn deleted_sentence_does_not_move_onto_the_same_words_in_other_surroundings() {
    let old = doc(
        "Officials met in Almaty on Monday. Sultan denied the report. Talks went on, and Sultan was not named.",
    );
    let a = old.text().find("Sultan").unwrap();
    let span = [Span::new(a, a + "Sultan".len())];
    let q = quote_for(&old, &span);
    let new = doc("Officials met in Almaty on Monday. Talks went on, and Sultan was not named.");
    assert_eq!(
        place(&new, &chars(&old, &span), &q, Text::Changed),
        Placement::Lost
    );
}

#[test]
fn deleted_sentence_moves_to_another_occurrence_whose_context_agrees_and_says_so() {
    let old =
        doc("Briefing in Almaty. Sultan denied the report by Reuters on Monday. Later: calm.");
    let a = old.text().find("Sultan").unwrap();
    let span = [Span::new(a, a + "Sultan".len())];
    let q = quote_for(&old, &span);
    let new = doc("Briefing in Almaty. Later: calm. Asked again, Sultan denied the report by AP.");
    let placed = place(&new, &chars(&old, &span), &q, Text::Changed);
    let s = placed.spans().unwrap()[0];
    assert!(
        matches!(placed, Placement::OtherOccurrence(_)),
        "{placed:?}"
    );
    assert_eq!(s.start, new.text().find("Sultan").unwrap());
    assert_eq!(new.slice(s), Some("Sultan"));
}

#[test]
fn in_cyrillic_and_emoji_a_deleted_sentence_orphans_or_moves_by_code_points() {
    let old = doc("🇰🇿 Брифинг в Алматы. Султан отрицал сообщение 👍🏽 агентства. Позже 🙂 тишина, Султан молчал.");
    let a = old.text().find("Султан").unwrap();
    let span = [Span::new(a, a + "Султан".len())];
    let q = quote_for(&old, &span);
    let cs = chars(&old, &span);
    assert_eq!(cs, [Span::new(21, 27)]);
    // Only the words in other surroundings remain: an orphan.
    let deleted = doc("🇰🇿 Брифинг в Алматы. Позже 🙂 тишина, Султан молчал.");
    assert_eq!(place(&deleted, &cs, &q, Text::Changed), Placement::Lost);
    // Part of the sentence is said again after emoji: moved there, in code points.
    let moved = doc(
        "🇰🇿 Брифинг в Алматы. Позже 🙂 тишина, Султан молчал. 🛰🛰 Вновь: Султан отрицал сообщение 👍🏽 ТАСС.",
    );
    let placed = place(&moved, &cs, &q, Text::Changed);
    assert!(
        matches!(placed, Placement::OtherOccurrence(_)),
        "{placed:?}"
    );
    let got = chars(&moved, placed.spans().unwrap());
    let start = moved.text()[..moved.text().rfind("Султан").unwrap()]
        .chars()
        .count();
    assert_eq!(got, [Span::new(start, start + 6)]);
}

#[test]
fn another_occurrence_needs_the_minimum_context_agreement() {
    let prefix = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    let suffix = "abcdefghijklmnopqrstuvwxyz!?#$%&";
    let old = doc(&format!("{prefix}Sultan{suffix}"));
    let span = [Span::new(32, 38)];
    let q = quote_for(&old, &span);
    let placed_after = |agreeing: usize| {
        let new = doc(&format!(
            "Other words here: {}Sultan, and more.",
            &prefix[prefix.len() - agreeing..]
        ));
        place(&new, &chars(&old, &span), &q, Text::Changed)
    };
    assert_eq!(placed_after(MIN_CONTEXT_AGREEMENT - 1), Placement::Lost);
    assert!(matches!(
        placed_after(MIN_CONTEXT_AGREEMENT),
        Placement::OtherOccurrence(_)
    ));
}

#[test]
fn short_recorded_context_needs_all_of_it() {
    let old = doc("Sultan.");
    let span = [Span::new(0, 6)];
    let q = quote_for(&old, &span);
    let shifted = place(&doc("Yes. Sultan."), &span, &q, Text::Changed);
    assert_eq!(shifted, Placement::Shifted(vec![Span::new(5, 11)]));
    assert_eq!(
        place(&doc("Yes. Sultan!"), &span, &q, Text::Changed),
        Placement::Lost
    );
}

#[test]
fn the_moved_mark_is_set_read_and_cleared() {
    let mut a = Annotation::new("a1", crate::domain::model::Kind::Entity, "PERSON", vec![]);
    assert!(!is_marked_moved(&a));
    mark_moved(&mut a);
    assert!(is_marked_moved(&a));
    assert_eq!(a.extra[REANCHORED_KEY], MOVED);
    clear_mark(&mut a);
    assert!(!is_marked_moved(&a));
}

#[test]
fn context_picks_the_right_repeat() {
    let old = doc("Sultan said A. Sultan said B.");
    let second = old.text().rfind("Sultan").unwrap();
    let span = Span::new(second, second + 6);
    let q = quote_for(&old, &[span]);
    let new = doc("Sultan said A. Sultan said B. Sultan said C.");
    let placed = place(&new, &chars(&old, &[span]), &q, Text::Changed);
    let s = placed.spans().unwrap()[0];
    assert_eq!(&new.text()[s.end..s.end + 8], " said B.");
}

#[test]
fn approximate_when_the_quote_was_edited() {
    let old =
        doc("Officials said that at least four of the dead were Kazakh citizens (Ekspress-K).");
    let a = old.text().find("at least").unwrap();
    let b = old.text().find(" (").unwrap();
    let q = quote_for(&old, &[Span::new(a, b)]);
    let new =
        doc("Officials said that at least five of the dead were Kazakh citizens (Ekspress-K).");
    let placed = place(&new, &chars(&old, &[Span::new(a, b)]), &q, Text::Changed);
    let s = placed.spans().unwrap()[0];
    assert!(matches!(placed, Placement::Approximate(_)));
    assert_eq!(
        new.slice(s),
        Some("at least five of the dead were Kazakh citizens")
    );
}

#[test]
fn lost_when_nothing_matches() {
    let old = doc("Entirely different text about Almaty.");
    let a = old.text().find("Almaty").unwrap();
    let q = quote_for(&old, &[Span::new(a, a + 6)]);
    let new = doc("Nothing here resembles it.");
    assert_eq!(
        place(
            &new,
            &chars(&old, &[Span::new(a, a + 6)]),
            &q,
            Text::Changed
        ),
        Placement::Lost
    );
}

#[test]
fn discontinuous_spans_keep_their_shape_when_moved() {
    let old = doc("He said no and yes.");
    let spans = [Span::new(3, 7), Span::new(15, 18)];
    let q = quote_for(&old, &spans);
    let new = doc("Then: He said no and yes.");
    let placed = place(&new, &chars(&old, &spans), &q, Text::Changed);
    let got = placed.spans().unwrap();
    assert_eq!(new.slice(got[0]), Some("said"));
    assert_eq!(new.slice(got[1]), Some("yes"));
}

/// Found with a hand-made sidecar through the fuzz harness: spans near the largest offset
/// made re-anchoring overflow.
#[test]
fn spans_near_the_largest_offset_are_lost_not_wrapped() {
    let d = doc("Ab😀c");
    let quote = Quote {
        exact: "c".into(),
        ..Quote::default()
    };
    let spans = [Span::new(0, 1), Span::new(usize::MAX, usize::MAX)];
    assert_eq!(place(&d, &spans, &quote, Text::Changed), Placement::Lost);
}

/// Found by the sidecar fuzz target (replayed in a debug build): a reversed span made
/// moving it underflow.
#[test]
fn a_reversed_span_is_lost_without_underflow() {
    let d = doc("Ab😀c Ab😀c");
    let quote = Quote {
        exact: "Ab😀c".into(),
        ..Quote::default()
    };
    let placed = place(&d, &[Span::new(4, 2)], &quote, Text::Changed);
    assert_eq!(placed, Placement::Lost);
}
