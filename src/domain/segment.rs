//! Text boundaries for moving through and selecting in news articles: graphemes, words,
//! sentences and paragraphs, all in UTF-8 byte offsets into the document text.
//!
//! Every function works locally around the position it is asked about: it looks at the
//! surrounding paragraph (up to the nearest blank line), or at a bounded window of a giant
//! paragraph, and never segments the whole text. In a paragraph of more than about 16 KiB
//! on either side of the position, boundaries near the window's cut (placed after a
//! sentence end where one is near) can be approximate.
//!
//! Positions given to these functions may be anywhere: past the end they are read as the
//! end, inside a character as the start of that character. Whitespace between two
//! sentences or paragraphs belongs to the one before it (whitespace before the first one
//! belongs to the first one).
//!
//! - A grapheme is an extended grapheme cluster (an emoji with skin tone or ZWJ sequence,
//!   a letter with combining marks, CRLF).
//! - A word is a Unicode (UAX #29) word segment holding a letter or digit: punctuation and
//!   emoji are not words.
//! - A sentence follows Unicode sentence boundaries, corrected for news text (see
//!   `sentence.rs`): abbreviations and initials do not end one, a blank line always does,
//!   and a title line is a sentence of its own. Sentence ranges are trimmed of whitespace.
//! - The natural unit for tagging (`tag_unit_at`) is the name under the cursor: a
//!   capitalised run, hyphen- and apostrophe-joined tokens, no possessive, a few Han
//!   characters (see `tag_unit.rs`).
//! - A paragraph is a run of non-blank lines between blank lines (lines holding only
//!   whitespace), LF or CRLF; its range is trimmed of whitespace.

mod sentence;
mod tag_unit;
mod window;

#[cfg(test)]
mod tests;

use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::char_boundary::floor_char_boundary;

pub use tag_unit::tag_unit_at;

use window::{char_at, next_non_ws, prev_non_ws, trimmed};

/// Finds the boundaries of one kind inside a window, in order.
type Segmenter = fn(&str, Range<usize>) -> Vec<Range<usize>>;

/// The next grapheme boundary after `byte`; `text.len()` at the end.
pub fn next_grapheme(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(next)) => next,
        Ok(None) => text.len(),
        Err(_) => next_char(text, at),
    }
}

/// The previous grapheme boundary before `byte`; 0 at the start.
pub fn prev_grapheme(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.prev_boundary(text, 0) {
        Ok(Some(previous)) => previous,
        Ok(None) => 0,
        Err(_) => text[..at].char_indices().next_back().map_or(0, |(i, _)| i),
    }
}

/// The word holding the character at `byte`; `None` on whitespace, punctuation or past the
/// end.
pub fn word_at(text: &str, byte: usize) -> Option<Range<usize>> {
    let at = floor_char_boundary(text, byte);
    if char_at(text, at)?.is_whitespace() {
        return None;
    }
    words_in_window(text, window::around(text, at))
        .into_iter()
        .find(|word| word.contains(&at))
}

/// The start of the first word starting after `byte` (vim `w`); `text.len()` if none.
pub fn next_word_start(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    find_forward(text, at, words_in_window, |word| word.start > at)
        .map_or(text.len(), |word| word.start)
}

/// The start of the last word starting before `byte` (vim `b`); 0 if none.
pub fn prev_word_start(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    find_backward(text, at, words_in_window, |word| word.start < at).map_or(0, |word| word.start)
}

/// The end (exclusive) of the first word whose last character lies after the character at
/// `byte` (vim `e`: from inside a word, the end of that word; from its last character, the
/// end of the next word); `text.len()` if none. The cursor of vim's `e` sits on the
/// character just before the returned offset.
pub fn word_end(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    let after = next_char(text, at);
    find_forward(text, at, words_in_window, |word| word.end > after)
        .map_or(text.len(), |word| word.end)
}

/// The words overlapping `range`, whole (not clipped to the range), in order.
pub fn words_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    collect_overlapping(text, range, words_in_window)
}

/// The sentence holding `byte`, trimmed of surrounding whitespace. Whitespace belongs to
/// the sentence before it; an empty range at `byte` when the text holds only whitespace.
pub fn sentence_at(text: &str, byte: usize) -> Range<usize> {
    let at = floor_char_boundary(text, byte);
    let Some(anchor) = anchor(text, at) else {
        return at..at;
    };
    sentence::sentences_in_window(text, window::around(text, anchor))
        .into_iter()
        .rev()
        .find(|s| s.start <= anchor)
        .unwrap_or(anchor..next_char(text, anchor))
}

/// The start of the first sentence starting after `byte` (vim `)`); `text.len()` if none.
pub fn next_sentence_start(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    find_forward(text, at, sentence::sentences_in_window, |s| s.start > at)
        .map_or(text.len(), |s| s.start)
}

/// The start of the last sentence starting before `byte` (vim `(`); 0 if none.
pub fn prev_sentence_start(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    find_backward(text, at, sentence::sentences_in_window, |s| s.start < at).map_or(0, |s| s.start)
}

/// The sentences overlapping `range`, whole (not clipped to the range), in order.
pub fn sentences_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    collect_overlapping(text, range, sentence::sentences_in_window)
}

/// The paragraph holding `byte`, trimmed of surrounding whitespace. Blank lines belong to
/// the paragraph before them; an empty range at `byte` when the text holds only whitespace.
pub fn paragraph_at(text: &str, byte: usize) -> Range<usize> {
    let at = floor_char_boundary(text, byte);
    match anchor(text, at) {
        Some(anchor) => paragraph_of(text, anchor),
        None => at..at,
    }
}

/// The start of the first paragraph starting after `byte` (vim `}`, landing on the text);
/// `text.len()` if none.
pub fn next_paragraph_start(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    let Some(next) = next_non_ws(text, at) else {
        return text.len();
    };
    let paragraph = paragraph_of(text, next);
    if paragraph.start > at {
        return paragraph.start;
    }
    next_non_ws(text, paragraph.end).unwrap_or(text.len())
}

/// The start of the last paragraph starting before `byte` (vim `{`, landing on the text);
/// 0 if none.
pub fn prev_paragraph_start(text: &str, byte: usize) -> usize {
    let at = floor_char_boundary(text, byte);
    prev_non_ws(text, at).map_or(0, |previous| paragraph_of(text, previous).start)
}

/// The words of `window` in `text`, in order.
fn words_in_window(text: &str, window: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(window.clone()) else {
        return Vec::new();
    };
    slice
        .split_word_bound_indices()
        .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
        .map(|(i, word)| window.start + i..window.start + i + word.len())
        .collect()
}

/// The paragraph holding the non-whitespace character at `at`, trimmed.
fn paragraph_of(text: &str, at: usize) -> Range<usize> {
    let start = window::paragraph_start(text, at, 0);
    let end = window::paragraph_end(text, at, text.len());
    trimmed(text, start..end).unwrap_or(at..next_char(text, at))
}

/// The non-whitespace character a position stands for: the one at `at`, else the last one
/// before it, else the first one after it.
fn anchor(text: &str, at: usize) -> Option<usize> {
    match char_at(text, at) {
        Some(c) if !c.is_whitespace() => Some(at),
        _ => prev_non_ws(text, at).or_else(|| next_non_ws(text, at)),
    }
}

/// The offset just after the character at `at`; `text.len()` at the end.
fn next_char(text: &str, at: usize) -> usize {
    char_at(text, at).map_or(text.len(), |c| at + c.len_utf8())
}

/// The first segment found by `segment` that `accept`s, looking window by window forward
/// from the window around `at`.
fn find_forward(
    text: &str,
    at: usize,
    segment: Segmenter,
    accept: impl Fn(&Range<usize>) -> bool,
) -> Option<Range<usize>> {
    let mut window = window::around(text, next_non_ws(text, at)?);
    loop {
        if let Some(found) = segment(text, window.clone()).into_iter().find(&accept) {
            return Some(found);
        }
        window = window::starting_at(text, next_non_ws(text, window.end)?);
    }
}

/// The last segment found by `segment` that `accept`s, looking window by window backward
/// from the window around the last non-whitespace character before `at`.
fn find_backward(
    text: &str,
    at: usize,
    segment: Segmenter,
    accept: impl Fn(&Range<usize>) -> bool,
) -> Option<Range<usize>> {
    let mut window = window::around(text, prev_non_ws(text, at)?);
    loop {
        if let Some(found) = segment(text, window.clone())
            .into_iter()
            .rev()
            .find(&accept)
        {
            return Some(found);
        }
        window = window::ending_at(text, prev_non_ws(text, window.start)?, window.start);
    }
}

/// The segments found by `segment` that overlap `range`, window by window.
fn collect_overlapping(text: &str, range: Range<usize>, segment: Segmenter) -> Vec<Range<usize>> {
    Overlapping::new(text, range, segment).collect()
}

/// The words overlapping `range`, whole, in order, found a window at a time as they are
/// asked for: [`words_in`] without the list (a book has hundreds of thousands).
pub fn each_word_in(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    Overlapping::new(text, range, words_in_window)
}

/// The segments `segment` finds that overlap a range, found window by window.
struct Overlapping<'t> {
    text: &'t str,
    /// The range, on character boundaries.
    start: usize,
    end: usize,
    segment: Segmenter,
    /// The window segmented last; `None` when there is none left.
    window: Option<Range<usize>>,
    /// Its segments not yet given.
    found: std::vec::IntoIter<Range<usize>>,
}

impl<'t> Overlapping<'t> {
    fn new(text: &'t str, range: Range<usize>, segment: Segmenter) -> Overlapping<'t> {
        let (start, end) = (
            floor_char_boundary(text, range.start),
            floor_char_boundary(text, range.end),
        );
        let window = next_non_ws(text, start)
            .filter(|&first| first < end)
            .map(|first| window::around(text, first));
        let mut overlapping = Overlapping {
            text,
            start,
            end,
            segment,
            window,
            found: Vec::new().into_iter(),
        };
        overlapping.segment_window();
        overlapping
    }

    /// Segments the current window, if any.
    fn segment_window(&mut self) {
        if let Some(window) = &self.window {
            self.found = (self.segment)(self.text, window.clone()).into_iter();
        }
    }
}

impl Iterator for Overlapping<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            let (start, end) = (self.start, self.end);
            if let Some(s) = self.found.find(|s| s.start < end && start < s.end) {
                return Some(s);
            }
            let window = self.window.take()?;
            self.window = next_non_ws(self.text, window.end)
                .filter(|&next| next < end)
                .map(|next| window::starting_at(self.text, next));
            self.segment_window();
        }
    }
}
