//! Anchoring: building an annotation's quote from the text, and placing an annotation
//! back on an article that may have changed (DESIGN §7): by position, then by exact quote
//! with its prefix and suffix, then by approximate match.

use similar::TextDiff;

use super::document::Document;
use super::model::{Quote, Span, QUOTE_CONTEXT};

/// How many characters of context are compared when a quote occurs more than once.
const CONTEXT_COMPARE: usize = QUOTE_CONTEXT;
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
    /// Its quote was found elsewhere, exactly.
    Moved(Vec<Span>),
    /// A close but not identical text was found where its context says it was.
    Approximate(Vec<Span>),
    /// It could not be placed: it becomes an orphan.
    Lost,
}

impl Placement {
    /// The byte spans, unless lost.
    pub fn spans(&self) -> Option<&[Span]> {
        match self {
            Placement::InPlace(s) | Placement::Moved(s) | Placement::Approximate(s) => Some(s),
            Placement::Lost => None,
        }
    }
}

/// Places an annotation whose spans are in code points (as stored in a file) and whose
/// quote is `quote` on `doc`, returning byte spans. An empty `quote.exact` means "trust
/// the position": the spans are used if they are in range.
pub fn place(doc: &Document, char_spans: &[Span], quote: &Quote) -> Placement {
    let Some(old_extent) = extent(char_spans) else {
        return Placement::Lost;
    };
    let in_bytes: Option<Vec<Span>> = char_spans.iter().map(|s| doc.span_from_chars(*s)).collect();
    if let Some(spans) = &in_bytes {
        let here = extent(spans).and_then(|e| doc.slice(e));
        if quote.exact.is_empty() || here == Some(quote.exact.as_str()) {
            return Placement::InPlace(spans.clone());
        }
    }
    if quote.exact.is_empty() {
        return Placement::Lost;
    }
    let hint = doc
        .char_to_byte(old_extent.start.min(doc.char_len()))
        .unwrap_or(0);
    if let Some(start) = best_exact(doc.text(), quote, hint) {
        if let Some(spans) = shift(doc, char_spans, old_extent, start) {
            return Placement::Moved(spans);
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
    best_exact(doc.text(), quote, hint).map(|start| Span::new(start, start + quote.exact.len()))
}

/// Byte starts of every occurrence of `quote.exact`, best first by context, then by
/// distance from `hint`.
fn best_exact(text: &str, quote: &Quote, hint: usize) -> Option<usize> {
    text.match_indices(quote.exact.as_str())
        .map(|(start, _)| {
            let end = start + quote.exact.len();
            let score = common_suffix(&text[..start], &quote.prefix)
                + common_prefix(&text[end..], &quote.suffix);
            (score, start)
        })
        .max_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.abs_diff(hint).cmp(&a.1.abs_diff(hint)))
        })
        .map(|(_, start)| start)
}

/// Moves code-point spans so their extent starts at byte `new_start`, keeping their
/// shape; returns byte spans, or `None` when one would leave the text (or is reversed).
fn shift(doc: &Document, char_spans: &[Span], old: Span, new_start: usize) -> Option<Vec<Span>> {
    let new_char_start = doc.byte_to_char(new_start)?;
    char_spans
        .iter()
        .map(|s| {
            let start = s
                .start
                .checked_sub(old.start)?
                .checked_add(new_char_start)?;
            let end = s.end.checked_sub(old.start)?.checked_add(new_char_start)?;
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
            let a = s
                .start
                .checked_sub(old.start)?
                .saturating_add(start)
                .min(end);
            let b = s.end.checked_sub(old.start)?.saturating_add(start).min(end);
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
        let limit = floor_boundary(text, (start + window).min(text.len()));
        let end = if suffix.is_empty() {
            floor_boundary(text, (start + quote.exact.len()).min(text.len()))
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

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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
        let placed = place(&d, &chars(&d, &[span]), &q);
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
        let placed = place(&new, &cs, &q);
        let s = placed.spans().unwrap()[0];
        assert!(matches!(placed, Placement::Moved(_)));
        assert_eq!(new.slice(s), Some("he said"));
    }

    #[test]
    fn context_picks_the_right_repeat() {
        let old = doc("Sultan said A. Sultan said B.");
        let second = old.text().rfind("Sultan").unwrap();
        let span = Span::new(second, second + 6);
        let q = quote_for(&old, &[span]);
        let new = doc("Sultan said A. Sultan said B. Sultan said C.");
        let placed = place(&new, &chars(&old, &[span]), &q);
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
        let placed = place(&new, &chars(&old, &[Span::new(a, b)]), &q);
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
            place(&new, &chars(&old, &[Span::new(a, a + 6)]), &q),
            Placement::Lost
        );
    }

    #[test]
    fn discontinuous_spans_keep_their_shape_when_moved() {
        let old = doc("He said no and yes.");
        let spans = [Span::new(3, 7), Span::new(15, 18)];
        let q = quote_for(&old, &spans);
        let new = doc("Then: He said no and yes.");
        let placed = place(&new, &chars(&old, &spans), &q);
        let got = placed.spans().unwrap();
        assert_eq!(new.slice(got[0]), Some("said"));
        assert_eq!(new.slice(got[1]), Some("yes"));
    }

    /// Found with the sidecar fuzz target: moving spans that end near `usize::MAX` to
    /// the quote's new place overflowed (a panic in a debug build, a wrapped-around
    /// empty span in a release build).
    #[test]
    fn spans_near_the_largest_offset_are_lost_not_wrapped() {
        let d = doc("Ab😀c");
        let quote = Quote {
            exact: "c".to_string(),
            ..Quote::default()
        };
        let spans = [Span::new(0, 1), Span::new(usize::MAX, usize::MAX)];
        assert_eq!(place(&d, &spans, &quote), Placement::Lost);
    }

    /// Found by the sidecar fuzz target (replayed in a debug build): a reversed span
    /// made moving it underflow.
    #[test]
    fn a_reversed_span_is_lost_without_underflow() {
        let d = doc("Ab😀c Ab😀c");
        let quote = Quote {
            exact: "Ab😀c".to_string(),
            ..Quote::default()
        };
        let placed = place(&d, &[Span::new(4, 2)], &quote);
        assert_eq!(placed, Placement::Lost);
    }
}
