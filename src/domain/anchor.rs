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
        exact: exact.into(),
        prefix: text[prefix_start..extent.start].to_string(),
        suffix: text[extent.end..suffix_end].to_string(),
        extra: Default::default(),
    }
}

/// Gives an existing annotation the quote of where its spans now are, keeping the
/// quote's fields this version does not know.
pub fn requote(doc: &Document, a: &mut Annotation) {
    let extra = std::mem::take(&mut a.quote.extra);
    a.quote = Quote {
        extra,
        ..quote_for(doc, &a.spans)
    };
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
mod tests;
