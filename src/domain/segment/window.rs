//! Locality for segmentation: the stretch of text around a position that word and sentence
//! segmentation look at, so no question about one position ever segments the whole text.
//!
//! A window is a paragraph (lines up to the nearest blank line), or, in a paragraph larger
//! than [`REACH`] bytes on either side, a bounded part of it cut where a sentence most
//! likely ends. Windows never hold a blank line, so a window edge is always a word
//! boundary and, except at a cut, a sentence boundary.

use std::ops::Range;

use crate::domain::char_boundary::{ceil_char_boundary, floor_char_boundary};

/// The farthest a window reaches from the position it is built for, in bytes.
const REACH: usize = 16 * 1024;

/// How far from the reach limit a cut in a giant paragraph may be placed, in bytes.
const CUT_SLACK: usize = 2 * 1024;

/// Characters after which a sentence may end even with no whitespace following
/// (CJK full-width punctuation).
const FULL_WIDTH_TERMINATORS: &[char] = &['。', '！', '？', '｡'];

/// Characters that end a sentence when whitespace follows.
const TERMINATORS: &[char] = &['.', '!', '?', '؟', '۔', '…', '।', '。', '！', '？', '｡'];

/// The character starting at `byte`, if any.
pub(super) fn char_at(text: &str, byte: usize) -> Option<char> {
    text.get(byte..)?.chars().next()
}

/// The first non-whitespace character at or after `from` (a character boundary).
pub(super) fn next_non_ws(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    rest.char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| from + i)
}

/// The last non-whitespace character starting before `before` (a character boundary).
pub(super) fn prev_non_ws(text: &str, before: usize) -> Option<usize> {
    let head = text.get(..before)?;
    head.char_indices()
        .rev()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| i)
}

/// `range` without the whitespace at its two ends; `None` if nothing else is left.
pub(super) fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = text.get(range.clone())?;
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    (start < end).then_some(start..end)
}

/// Whether a line holds nothing but whitespace.
fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// The window around the non-whitespace character at `at`.
pub(super) fn around(text: &str, at: usize) -> Range<usize> {
    let floor = floor_char_boundary(text, at.saturating_sub(REACH));
    let ceil = ceil_char_boundary(text, at.saturating_add(REACH));
    paragraph_start(text, at, floor)..paragraph_end(text, at, ceil)
}

/// The window that starts at `start` (a non-whitespace character just after a previous
/// window) and reaches forward.
pub(super) fn starting_at(text: &str, start: usize) -> Range<usize> {
    let ceil = ceil_char_boundary(text, start.saturating_add(REACH));
    start..paragraph_end(text, start, ceil)
}

/// The window that ends at `end` (the start of a following window) and reaches backward
/// from `last`, the last non-whitespace character before `end`.
pub(super) fn ending_at(text: &str, last: usize, end: usize) -> Range<usize> {
    let floor = floor_char_boundary(text, last.saturating_sub(REACH));
    paragraph_start(text, last, floor)..end
}

/// The start of the first line of the paragraph holding `at`, looking no further back
/// than `floor` (a character boundary at or before `at`): past it, a cut.
pub(super) fn paragraph_start(text: &str, at: usize, floor: usize) -> usize {
    let cut = || {
        cut_in(
            text,
            floor,
            floor_char_boundary(text, (floor + CUT_SLACK).min(at)),
            true,
        )
    };
    let line_start_after = |end: usize| -> Option<usize> {
        match text.get(floor..end)?.rfind('\n') {
            Some(i) => Some(floor + i + 1),
            None => (floor == 0).then_some(0),
        }
    };
    let Some(mut line_start) = line_start_after(at) else {
        return cut();
    };
    while line_start > 0 {
        let previous_end = line_start - 1;
        let Some(previous_start) = line_start_after(previous_end) else {
            return cut();
        };
        if is_blank(&text[previous_start..previous_end]) {
            return line_start;
        }
        line_start = previous_start;
    }
    0
}

/// The end of the last line of the paragraph holding `at` (before its line break),
/// looking no further than `ceil` (a character boundary after `at`): past it, a cut.
pub(super) fn paragraph_end(text: &str, at: usize, ceil: usize) -> usize {
    let mut from = at;
    loop {
        let Some(i) = text.get(from..ceil).and_then(|s| s.find('\n')) else {
            if ceil >= text.len() {
                return text.len();
            }
            let lo = ceil_char_boundary(text, ceil.saturating_sub(CUT_SLACK).max(at + 1));
            return cut_in(text, lo, ceil, false);
        };
        let newline = from + i;
        let content_end = if text[..newline].ends_with('\r') {
            newline - 1
        } else {
            newline
        };
        let next_start = newline + 1;
        if next_start >= text.len() {
            return content_end;
        }
        let next_end = text[next_start..ceil]
            .find('\n')
            .map_or(ceil, |j| next_start + j);
        if is_blank(&text[next_start..next_end]) {
            return content_end;
        }
        from = next_start;
    }
}

/// How good a place to cut a giant paragraph is; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CutQuality {
    /// After a sentence terminator and whitespace, or after CJK full-width punctuation.
    SentenceEnd,
    /// After a line break.
    LineBreak,
    /// After whitespace.
    Space,
    /// Anywhere else: a character boundary.
    Anywhere,
}

/// The best place in `lo..=hi` (character boundaries) to cut a giant paragraph, the
/// earliest of the best quality when `earliest`, else the latest.
fn cut_in(text: &str, lo: usize, hi: usize, earliest: bool) -> usize {
    let Some(region) = text.get(lo..hi) else {
        return lo;
    };
    let mut previous = text[..lo].chars().next_back();
    let mut last_non_ws = previous.filter(|c| !c.is_whitespace());
    let mut best = (CutQuality::Anywhere, if earliest { lo } else { hi });
    let positions = region
        .char_indices()
        .map(|(i, c)| (lo + i, Some(c)))
        .chain(std::iter::once((hi, None)));
    for (at, next) in positions {
        let quality = match previous {
            Some(p) if FULL_WIDTH_TERMINATORS.contains(&p) => CutQuality::SentenceEnd,
            Some(p)
                if p.is_whitespace() && last_non_ws.is_some_and(|c| TERMINATORS.contains(&c)) =>
            {
                CutQuality::SentenceEnd
            }
            Some('\n') => CutQuality::LineBreak,
            Some(p) if p.is_whitespace() => CutQuality::Space,
            _ => CutQuality::Anywhere,
        };
        let ends_whitespace = next.is_none_or(|c| !c.is_whitespace());
        let better = quality < best.0 || (quality == best.0 && !earliest);
        if ends_whitespace && better && quality != CutQuality::Anywhere {
            best = (quality, at);
        }
        if let Some(c) = next {
            previous = Some(c);
            if !c.is_whitespace() {
                last_non_ws = Some(c);
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_bounds_stop_at_blank_lines() {
        let text = "Title\n\nFirst line\nsecond line.\n \t\nNext.";
        let at = text.find("second").unwrap();
        let start = paragraph_start(text, at, 0);
        let end = paragraph_end(text, at, text.len());
        assert_eq!(&text[start..end], "First line\nsecond line.");
    }

    #[test]
    fn paragraph_bounds_handle_crlf() {
        let text = "A.\r\n\r\nB one\r\nB two.\r\n\r\nC.";
        let at = text.find("two").unwrap();
        let window = around(text, at);
        assert_eq!(&text[window], "B one\r\nB two.");
    }

    #[test]
    fn giant_paragraph_is_cut_after_a_sentence() {
        let text = "Officials said nothing. ".repeat(5_000);
        let at = text.len() / 2;
        let window = around(&text, at);
        assert!(window.start > 0 && window.end < text.len());
        assert!(window.len() <= 2 * REACH);
        assert!(text[window.clone()].starts_with("Officials"));
        assert!(text[..window.end].ends_with("nothing. "));
    }

    #[test]
    fn cut_without_any_space_lands_on_a_char_boundary() {
        let text = "字".repeat(20_000);
        let window = around(&text, 30_000);
        assert!(text.is_char_boundary(window.start) && text.is_char_boundary(window.end));
        assert!(window.contains(&30_000));
    }
}
