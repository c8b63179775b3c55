//! Whether a record's offsets were counted otherwise than they are being read: in code
//! points rather than UTF-16 units (or the reverse), or with inclusive ends rather than
//! exclusive ones (or the reverse).
//!
//! Read the wrong way, offsets land a little off after each emoji or one character short,
//! silently; so before placing a record its spans are read the way asked and the other
//! ways, and when the evidence says another way fits, the record is not imported and the
//! flags that read it right are named. The evidence, strongest first:
//!
//! 1. the span text the file carries: at least two spans do not cover exactly their
//!    text as read, and another reading makes at least two more fit (and most of them);
//! 2. an offset inside a character (half of a UTF-16 surrogate pair), when every span
//!    can be read as code points;
//! 3. without span text: at least two spans (and half of them) look off their words as
//!    read — they start or end inside a word, start or end with white space, or hold no
//!    letter or digit (an emoji, a line break) — and none does in another reading.

use crate::domain::document::Document;
use crate::domain::model::Span;

use super::imported::{ImportedAnnotation, ImportedDoc, ImportedSpan, OffsetUnit, SpanEnd};

/// One way of reading offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    unit: OffsetUnit,
    ends: SpanEnd,
}

/// The sentence saying how `imported`'s offsets look counted and which flags read them
/// right, when the evidence says they were misread; `None` when they fit as read or
/// nothing tells. `source` is the text the offsets count (the file's own, else the
/// article).
pub fn misreading(source: &Document, imported: &ImportedDoc) -> Option<String> {
    if imported.tokens.is_some() {
        return None;
    }
    let read = Reading {
        unit: imported.unit,
        ends: imported.ends,
    };
    let other_unit = match read.unit {
        OffsetUnit::CodePoints => OffsetUnit::Utf16,
        OffsetUnit::Utf16 => OffsetUnit::CodePoints,
    };
    let other_ends = match read.ends {
        SpanEnd::Exclusive => SpanEnd::Inclusive,
        SpanEnd::Inclusive => SpanEnd::Exclusive,
    };
    let others = [
        Reading {
            unit: other_unit,
            ..read
        },
        Reading {
            ends: other_ends,
            ..read
        },
        Reading {
            unit: other_unit,
            ends: other_ends,
        },
    ];
    let spans = |a: &ImportedAnnotation, reading: Reading| convert(source, read, a, reading);
    let with_text: Vec<&ImportedAnnotation> = imported
        .annotations
        .iter()
        .filter(|a| !a.spans.is_empty() && a.text.as_deref().is_some_and(|t| !t.is_empty()))
        .collect();
    let fitting = |reading: Reading| {
        with_text
            .iter()
            .filter(|a| spans(a, reading).is_some_and(|s| covers(source, &s, a)))
            .count()
    };
    let fit = fitting(read);
    if with_text.len() >= fit + 2 {
        // The first of the readings that fit most (`max_by_key` keeps the last).
        let best = others
            .iter()
            .rev()
            .map(|&r| (r, fitting(r)))
            .max_by_key(|&(_, n)| n)
            .filter(|&(_, n)| n >= fit + 2 && n * 2 > with_text.len());
        if let Some((reading, n)) = best {
            return Some(advice(
                read,
                reading,
                &format!(
                    "{} of {} spans do not cover their text as read, {n} do so",
                    with_text.len() - fit,
                    with_text.len()
                ),
            ));
        }
    }
    let located: Vec<&ImportedAnnotation> = imported
        .annotations
        .iter()
        .filter(|a| !a.spans.is_empty())
        .collect();
    if read.unit == OffsetUnit::Utf16 {
        let inside = located
            .iter()
            .flat_map(|a| a.spans.iter())
            .flat_map(|s| [s.start, s.end])
            .filter(|&u| u <= source.utf16_len() && source.utf16_to_byte(u).is_none())
            .count();
        let as_code_points = others[0];
        if inside > 0 && located.iter().all(|a| spans(a, as_code_points).is_some()) {
            return Some(advice(
                read,
                as_code_points,
                &format!("{inside} offsets fall inside a character counted as two UTF-16 units"),
            ));
        }
    }
    let without_text: Vec<&ImportedAnnotation> = located
        .iter()
        .copied()
        .filter(|a| a.text.as_deref().is_none_or(str::is_empty))
        .collect();
    // Span by span, without making a list of each annotation's spans.
    let cutting = |reading: Reading| {
        let mut cut = 0;
        for a in &without_text {
            let mut off = false;
            for s in &a.spans {
                off |= off_its_words(source.text(), convert_span(source, read, s, reading)?);
            }
            cut += usize::from(off);
        }
        Some(cut)
    };
    let cut = cutting(read).unwrap_or(without_text.len());
    if cut >= 2 && cut * 2 >= without_text.len() {
        if let Some(&reading) = others.iter().find(|&&r| cutting(r) == Some(0)) {
            return Some(advice(
                read,
                reading,
                &format!(
                    "{cut} of {} spans cut a word, start or end with white space or hold no letter or digit as read, none does so",
                    without_text.len()
                ),
            ));
        }
    }
    None
}

/// The spans of `a` (stated in `read`) as `reading` would place them, in bytes of
/// `source`; `None` when one cannot be placed.
fn convert(
    source: &Document,
    read: Reading,
    a: &ImportedAnnotation,
    reading: Reading,
) -> Option<Vec<Span>> {
    a.spans
        .iter()
        .map(|s| convert_span(source, read, s, reading))
        .collect()
}

/// One span (stated in `read`) as `reading` would place it, in bytes of `source`;
/// `None` when it cannot be placed.
fn convert_span(
    source: &Document,
    read: Reading,
    span: &ImportedSpan,
    reading: Reading,
) -> Option<Span> {
    let end_shift = |end: usize| match (read.ends, reading.ends) {
        (SpanEnd::Exclusive, SpanEnd::Inclusive) => Some(end + 1),
        (SpanEnd::Inclusive, SpanEnd::Exclusive) => end.checked_sub(1),
        _ => Some(end),
    };
    let byte = |u: usize| match reading.unit {
        OffsetUnit::CodePoints => source.char_to_byte(u),
        OffsetUnit::Utf16 => source.utf16_to_byte(u),
    };
    let start = byte(span.start)?;
    let end = byte(end_shift(span.end)?)?;
    (start < end).then(|| Span::new(start, end))
}

/// Whether `spans` cover exactly the text `a` says they cover (fragments of a
/// discontinuous span joined by a space). White space counts: a span one character long
/// often differs from its text only by the space after it.
fn covers(source: &Document, spans: &[Span], a: &ImportedAnnotation) -> bool {
    let claimed = a.text.as_deref().unwrap_or_default();
    let pieces: Vec<&str> = spans.iter().filter_map(|s| source.slice(*s)).collect();
    let joined = pieces.join(" ");
    let extent = match (spans.first(), spans.iter().map(|s| s.end).max()) {
        (Some(first), Some(end)) => source.slice(Span::new(first.start, end)),
        _ => None,
    };
    joined == claimed || extent == Some(claimed)
}

/// Whether `span` of `text` looks off the words it was meant for: it starts or ends
/// between two letters or digits, starts or ends with white space, or holds no letter or
/// digit.
fn off_its_words(text: &str, span: Span) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let inside =
        |at: usize| word(text[..at].chars().next_back()) && word(text[at..].chars().next());
    let here = &text[span.start..span.end];
    inside(span.start)
        || inside(span.end)
        || here.starts_with(char::is_whitespace)
        || here.ends_with(char::is_whitespace)
        || !here.chars().any(char::is_alphanumeric)
}

/// The sentence for offsets stated in `read` that fit `reading`.
fn advice(read: Reading, reading: Reading, evidence: &str) -> String {
    let unit = (reading.unit != read.unit).then_some(reading.unit);
    let ends = (reading.ends != read.ends).then_some(reading.ends);
    let unit_words = unit.map(|u| match u {
        OffsetUnit::CodePoints => ("code points", "--unit codepoints"),
        OffsetUnit::Utf16 => ("UTF-16 units", "--unit utf16"),
    });
    let end_words = ends.map(|e| match e {
        SpanEnd::Inclusive => ("inclusive ends", "--end inclusive"),
        SpanEnd::Exclusive => ("exclusive ends", "--end exclusive"),
    });
    let (looks, flags) = match (unit_words, end_words) {
        (Some((u, uf)), Some((e, ef))) => (format!("{u} with {e}"), format!("{uf} {ef}")),
        (Some((u, uf)), None) => (u.to_string(), uf.to_string()),
        (None, Some((e, ef))) => {
            let what = if e.starts_with("inclusive") {
                "one character short"
            } else {
                "one character long"
            };
            (format!("{e} ({what} as read)"), ef.to_string())
        }
        (None, None) => ("as read".to_string(), String::new()),
    };
    format!("these offsets look like {looks}; try `{flags}` ({evidence})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Origin, Status};
    use crate::formats::imported::{Format, ImportedSpan};
    use std::path::Path;

    const TEXT: &str = "👍🏽 Dana met 👩‍💻 Omarova and Lenakova in Алматы.";

    fn doc_with(
        unit: OffsetUnit,
        ends: SpanEnd,
        spans: &[(usize, usize, Option<&str>)],
    ) -> ImportedDoc {
        let mut doc = ImportedDoc::new(Format::Doccano, unit);
        doc.ends = ends;
        for &(start, end, text) in spans {
            let mut a =
                ImportedAnnotation::new(Kind::Entity, "PERSON", Status::Accepted, Origin::manual());
            a.spans.push(ImportedSpan::new(start, end));
            a.text = text.map(str::to_string);
            doc.annotations.push(a);
        }
        doc
    }

    fn code_points(word: &str) -> (usize, usize) {
        let start = TEXT[..TEXT.find(word).unwrap()].chars().count();
        (start, start + word.chars().count())
    }

    fn utf16(word: &str) -> (usize, usize) {
        let start = TEXT[..TEXT.find(word).unwrap()].encode_utf16().count();
        (start, start + word.encode_utf16().count())
    }

    fn article() -> Document {
        Document::from_text(Path::new("t.txt"), TEXT.to_string())
    }

    #[test]
    fn code_points_read_as_utf16_are_named_by_their_text() {
        let words = ["Dana", "Omarova", "Lenakova"];
        let spans: Vec<_> = words
            .iter()
            .map(|w| (code_points(w).0, code_points(w).1, Some(*w)))
            .collect();
        let doc = doc_with(OffsetUnit::Utf16, SpanEnd::Exclusive, &spans);
        let said = misreading(&article(), &doc).unwrap();
        assert!(
            said.contains("these offsets look like code points; try `--unit codepoints`"),
            "{said}"
        );
        let right = doc_with(OffsetUnit::CodePoints, SpanEnd::Exclusive, &spans);
        assert_eq!(misreading(&article(), &right), None);
    }

    #[test]
    fn utf16_read_as_code_points_is_named_too() {
        let spans: Vec<_> = ["Omarova", "Lenakova"]
            .iter()
            .map(|w| (utf16(w).0, utf16(w).1, None))
            .collect();
        let doc = doc_with(OffsetUnit::CodePoints, SpanEnd::Exclusive, &spans);
        let said = misreading(&article(), &doc).unwrap();
        assert!(said.contains("try `--unit utf16`"), "{said}");
    }

    #[test]
    fn an_offset_inside_a_surrogate_pair_is_enough() {
        // Code point 1 is the skin tone after 👍; as UTF-16 units, 1 is inside 👍.
        let doc = doc_with(OffsetUnit::Utf16, SpanEnd::Exclusive, &[(1, 7, None)]);
        let said = misreading(&article(), &doc).unwrap();
        assert!(
            said.contains("--unit codepoints") && said.contains("inside a character"),
            "{said}"
        );
    }

    #[test]
    fn spans_landing_on_emoji_and_spaces_are_evidence_too() {
        // Read as UTF-16 units, these code-point spans of "Dana" and "Omar" cover "👍🏽"
        // and "🇰🇿": no offset inside a character, no word cut, and no word either.
        let text = ".👍🇰🇿👍🏽 Dana  .🇰🇿👍🏽 Omar.";
        let article = Document::from_text(Path::new("t.txt"), text.to_string());
        let place = |word: &str| {
            let start = text[..text.find(word).unwrap()].chars().count();
            (start, start + word.chars().count(), None)
        };
        let doc = doc_with(
            OffsetUnit::Utf16,
            SpanEnd::Exclusive,
            &[place("Dana"), place("Omar")],
        );
        let said = misreading(&article, &doc).unwrap();
        assert!(said.contains("try `--unit codepoints`"), "{said}");
    }

    #[test]
    fn inclusive_ends_one_character_short_are_named() {
        let spans: Vec<_> = ["Omarova", "Lenakova", "Алматы"]
            .iter()
            .map(|w| (code_points(w).0, code_points(w).1 - 1, Some(*w)))
            .collect();
        let doc = doc_with(OffsetUnit::CodePoints, SpanEnd::Exclusive, &spans);
        let said = misreading(&article(), &doc).unwrap();
        assert!(
            said.contains("inclusive ends (one character short as read); try `--end inclusive`"),
            "{said}"
        );
        let no_text: Vec<_> = spans.iter().map(|&(s, e, _)| (s, e, None)).collect();
        let doc = doc_with(OffsetUnit::CodePoints, SpanEnd::Exclusive, &no_text);
        assert!(misreading(&article(), &doc)
            .unwrap()
            .contains("--end inclusive"));
    }

    #[test]
    fn spans_that_fit_or_say_nothing_pass() {
        let spans: Vec<_> = ["Dana", "Omarova"]
            .iter()
            .map(|w| (utf16(w).0, utf16(w).1, None))
            .collect();
        let doc = doc_with(OffsetUnit::Utf16, SpanEnd::Exclusive, &spans);
        assert_eq!(misreading(&article(), &doc), None);
        let one_off = doc_with(
            OffsetUnit::Utf16,
            SpanEnd::Exclusive,
            &[(utf16("Dana").0, utf16("Dana").1, Some("Dina"))],
        );
        assert_eq!(misreading(&article(), &one_off), None);
    }
}
