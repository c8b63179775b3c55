//! Anchoring: building an annotation's quote from the text, and placing an annotation
//! back on an article that may have changed (DESIGN §7): by position, then by exact quote
//! with enough of its prefix and suffix, then by approximate match. An annotation moved
//! to an occurrence whose surroundings only partly agree is marked for review.

use similar::TextDiff;

use super::char_boundary::floor_char_boundary;

use super::document::Document;
use super::model::{Annotation, Quote, Span, QUOTE_CONTEXT};

/// How many characters of context are compared when a quote occurs more than once.
const CONTEXT_COMPARE: usize = QUOTE_CONTEXT;
/// Least context agreement, in code points of prefix and suffix together, for an
/// annotation to be placed on an occurrence of its words other than its recorded
/// position; a quote recorded with less context than this needs all of it to agree.
pub const MIN_CONTEXT_AGREEMENT: usize = 12;
/// The annotation field that marks an annotation re-anchoring moved to another
/// occurrence of its words, until the analyst reviews it.
pub const REANCHORED_KEY: &str = "reanchored";
/// The value of [`REANCHORED_KEY`] for a move to another occurrence.
pub const MOVED: &str = "moved";
/// Longest quote (in bytes) tried by approximate matching.
const APPROX_MAX_LEN: usize = 4096;
/// Most candidate places examined by approximate matching.
const APPROX_MAX_CANDIDATES: usize = 2000;
/// Least similarity (0–1) for an approximate match to be accepted.
const APPROX_MIN_RATIO: f32 = 0.75;

/// The quote (text from the first span's start to the last's end, plus context) for byte
/// spans on `doc`. Spans outside the text give an empty quote.
pub fn quote_for(doc: &Document, spans: &[Span]) -> Quote {
    let Some(extent) = extent(spans) else {
        return Quote::default();
    };
    let text = doc.text();
    let Some(exact) = doc.slice(extent) else {
        return Quote::default();
    };
    let prefix_start = back_chars(text, extent.start, QUOTE_CONTEXT);
    let suffix_end = forward_chars(text, extent.end, QUOTE_CONTEXT);
    Quote {
        exact: exact.to_string(),
        prefix: text[prefix_start..extent.start].to_string(),
        suffix: text[extent.end..suffix_end].to_string(),
    }
}

/// How an annotation was placed on the article.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Its recorded position still holds its quote.
    InPlace(Vec<Span>),
    /// Its quote was found elsewhere, exactly, with its recorded context agreeing in full
    /// on at least one side: the text around it changed and it shifted with its words.
    Shifted(Vec<Span>),
    /// Its quote was found at another occurrence whose context agrees only in part on
    /// both sides (at least [`MIN_CONTEXT_AGREEMENT`] code points together): possibly
    /// other words, to review.
    OtherOccurrence(Vec<Span>),
    /// A close but not identical text was found where its context says it was.
    Approximate(Vec<Span>),
    /// It could not be placed: it becomes an orphan.
    Lost,
}

impl Placement {
    /// The byte spans, unless lost.
    pub fn spans(&self) -> Option<&[Span]> {
        match self {
            Placement::InPlace(s)
            | Placement::Shifted(s)
            | Placement::OtherOccurrence(s)
            | Placement::Approximate(s) => Some(s),
            Placement::Lost => None,
        }
    }
}

/// Whether the article may differ from the text an annotation's quote was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The very text (its hash is the one recorded): a position that holds the quote is
    /// trusted.
    Unchanged,
    /// Possibly another text: a position that holds the quote is kept only if enough of
    /// the quote's context agrees there too, as for any other occurrence.
    Changed,
}

/// Places an annotation whose spans are in code points (as stored in a file) and whose
/// quote is `quote` on `doc`, returning byte spans. An empty `quote.exact` means "trust
/// the position": the spans are used if they are in range.
pub fn place(doc: &Document, char_spans: &[Span], quote: &Quote, text: Text) -> Placement {
    let Some(old_extent) = extent(char_spans) else {
        return Placement::Lost;
    };
    let in_bytes: Option<Vec<Span>> = char_spans.iter().map(|s| doc.span_from_chars(*s)).collect();
    if let Some(spans) = &in_bytes {
        let here = extent(spans);
        let holds = |e: Span| doc.slice(e) == Some(quote.exact.as_str());
        if quote.exact.is_empty()
            || here.is_some_and(|e| {
                holds(e) && (text == Text::Unchanged || context_holds(doc.text(), quote, e.start))
            })
        {
            return Placement::InPlace(spans.clone());
        }
    }
    if quote.exact.is_empty() {
        return Placement::Lost;
    }
    let hint = doc
        .char_to_byte(old_extent.start.min(doc.char_len()))
        .unwrap_or(0);
    if let Some(found) = best_exact(doc.text(), quote, hint) {
        let context = Context::of(quote);
        if found.agreement() >= context.needed() {
            if let Some(spans) = shift(doc, char_spans, old_extent, found.start) {
                return if context.has_intact_side(&found) {
                    Placement::Shifted(spans)
                } else {
                    Placement::OtherOccurrence(spans)
                };
            }
        }
    }
    if let Some(found) = approximate(doc.text(), quote) {
        if let Some(spans) = fit(doc, char_spans, old_extent, found) {
            return Placement::Approximate(spans);
        }
    }
    Placement::Lost
}

/// The byte span of the occurrence of `quote.exact` that best fits its prefix and
/// suffix, the nearest to byte `hint` among equals; `None` when the text has none.
pub fn find_quote(doc: &Document, quote: &Quote, hint: usize) -> Option<Span> {
    if quote.exact.is_empty() {
        return None;
    }
    best_exact(doc.text(), quote, hint)
        .map(|found| Span::new(found.start, found.start + quote.exact.len()))
}

/// Whether re-anchoring moved `a` to another occurrence of its words and the analyst
/// has not reviewed it since.
pub fn is_marked_moved(a: &Annotation) -> bool {
    a.extra.get(REANCHORED_KEY).and_then(|v| v.as_str()) == Some(MOVED)
}

/// Marks `a` as moved to another occurrence of its words, for review.
pub fn mark_moved(a: &mut Annotation) {
    a.extra.insert(REANCHORED_KEY.to_string(), MOVED.into());
}

/// Takes the re-anchoring mark off `a` (the analyst reviewed it).
pub fn clear_mark(a: &mut Annotation) {
    a.extra.remove(REANCHORED_KEY);
}

/// An occurrence of a quote's exact text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrence {
    /// Its byte start.
    start: usize,
    /// How many code points of the recorded prefix agree just before it.
    prefix: usize,
    /// How many code points of the recorded suffix agree just after it.
    suffix: usize,
}

impl Occurrence {
    /// Code points of recorded context that agree around it, both sides together.
    fn agreement(&self) -> usize {
        self.prefix + self.suffix
    }
}

/// How much context a quote records, in code points compared on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Context {
    /// Code points of prefix (at most [`CONTEXT_COMPARE`]).
    prefix: usize,
    /// Code points of suffix (at most [`CONTEXT_COMPARE`]).
    suffix: usize,
}

impl Context {
    fn of(quote: &Quote) -> Context {
        Context {
            prefix: quote.prefix.chars().count().min(CONTEXT_COMPARE),
            suffix: quote.suffix.chars().count().min(CONTEXT_COMPARE),
        }
    }

    /// The agreement an occurrence other than the recorded position needs: the
    /// minimum, or all the context recorded when there is less.
    fn needed(&self) -> usize {
        MIN_CONTEXT_AGREEMENT.min(self.prefix + self.suffix)
    }

    /// Whether one side of `found` agrees entirely with a recorded side that is not
    /// shorter than [`Context::needed`]: the words kept their surroundings on that side,
    /// so they shifted with the text rather than moved to other words.
    fn has_intact_side(&self, found: &Occurrence) -> bool {
        let intact = |recorded: usize, agreeing: usize| {
            recorded > 0 && recorded >= self.needed() && agreeing == recorded
        };
        intact(self.prefix, found.prefix) || intact(self.suffix, found.suffix)
    }
}

/// Whether enough of the quote's context agrees around the occurrence at byte `start`.
fn context_holds(text: &str, quote: &Quote, start: usize) -> bool {
    occurrence(text, quote, start).agreement() >= Context::of(quote).needed()
}

/// The occurrence of `quote.exact` at byte `start`, with how far its context agrees.
fn occurrence(text: &str, quote: &Quote, start: usize) -> Occurrence {
    let end = start + quote.exact.len();
    Occurrence {
        start,
        prefix: common_suffix(&text[..start], &quote.prefix),
        suffix: common_prefix(&text[end..], &quote.suffix),
    }
}

/// The occurrence of `quote.exact` whose surroundings best agree with its prefix and
/// suffix, the nearest to byte `hint` among equals.
fn best_exact(text: &str, quote: &Quote, hint: usize) -> Option<Occurrence> {
    text.match_indices(quote.exact.as_str())
        .map(|(start, _)| occurrence(text, quote, start))
        .max_by(|a, b| {
            a.agreement()
                .cmp(&b.agreement())
                .then_with(|| b.start.abs_diff(hint).cmp(&a.start.abs_diff(hint)))
        })
}

/// Moves code-point spans so their extent starts at byte `new_start`, keeping their
/// shape; returns byte spans.
fn shift(doc: &Document, char_spans: &[Span], old: Span, new_start: usize) -> Option<Vec<Span>> {
    let new_char_start = doc.byte_to_char(new_start)?;
    char_spans
        .iter()
        .map(|s| {
            let start = s.start - old.start + new_char_start;
            let end = s.end - old.start + new_char_start;
            doc.span_from_chars(Span::new(start, end))
        })
        .collect()
}

/// Fits spans into a found byte range of different length: one span takes the range;
/// discontinuous spans keep their offsets from the start, clipped to the range.
fn fit(doc: &Document, char_spans: &[Span], old: Span, found: Span) -> Option<Vec<Span>> {
    if char_spans.len() == 1 {
        return Some(vec![found]);
    }
    let start = doc.byte_to_char(found.start)?;
    let end = doc.byte_to_char(found.end)?;
    char_spans
        .iter()
        .map(|s| {
            let a = (s.start - old.start + start).min(end);
            let b = (s.end - old.start + start).min(end);
            doc.span_from_chars(Span::new(a, b))
        })
        .filter(|s| s.as_ref().is_none_or(|s| !s.is_empty()))
        .collect()
}

/// Finds the text between the quote's prefix and suffix that most resembles the quote.
fn approximate(text: &str, quote: &Quote) -> Option<Span> {
    if quote.exact.len() > APPROX_MAX_LEN {
        return None;
    }
    let prefix = tail_chars(&quote.prefix, 16);
    let suffix = head_chars(&quote.suffix, 16);
    if prefix.is_empty() && suffix.is_empty() {
        return None;
    }
    let window = quote.exact.len() * 2 + 64;
    let mut best: Option<(f32, Span)> = None;
    let starts: Vec<usize> = if prefix.is_empty() {
        Vec::new()
    } else {
        text.match_indices(prefix)
            .take(APPROX_MAX_CANDIDATES)
            .map(|(i, _)| i + prefix.len())
            .collect()
    };
    for start in starts {
        let limit = floor_char_boundary(text, (start + window).min(text.len()));
        let end = if suffix.is_empty() {
            floor_char_boundary(text, (start + quote.exact.len()).min(text.len()))
        } else {
            match text[start..limit].find(suffix) {
                Some(i) => start + i,
                None => continue,
            }
        };
        let candidate = &text[start..end];
        let ratio = TextDiff::from_chars(quote.exact.as_str(), candidate).ratio();
        if ratio >= APPROX_MIN_RATIO && best.as_ref().is_none_or(|b| ratio > b.0) {
            best = Some((ratio, Span::new(start, end)));
        }
    }
    best.map(|(_, span)| span).filter(|s| !s.is_empty())
}

fn extent(spans: &[Span]) -> Option<Span> {
    let start = spans.iter().map(|s| s.start).min()?;
    let end = spans.iter().map(|s| s.end).max()?;
    Some(Span::new(start, end))
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take(CONTEXT_COMPARE)
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars()
        .zip(b.chars())
        .take(CONTEXT_COMPARE)
        .take_while(|(x, y)| x == y)
        .count()
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(from, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

fn tail_chars(s: &str, n: usize) -> &str {
    &s[back_chars(s, s.len(), n)..]
}

fn head_chars(s: &str, n: usize) -> &str {
    &s[..forward_chars(s, 0, n)]
}

#[cfg(test)]
mod tests {
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
        let new =
            doc("Officials met in Almaty on Monday. Talks went on, and Sultan was not named.");
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
        let new =
            doc("Briefing in Almaty. Later: calm. Asked again, Sultan denied the report by AP.");
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
}
