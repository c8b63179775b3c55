//! Sentence boundaries inside one window: Unicode (UAX #29) sentence boundaries, corrected
//! for news text.
//!
//! Corrections:
//! - a single line break inside a paragraph is a hard wrap, not a sentence end (UAX #29
//!   breaks after every line break);
//! - abbreviations and initials do not end a sentence ("Col.", "Dr.", "U.S.", "J. R.",
//!   "Jan.", ...), nor does a question or exclamation mark followed by a lower-case word
//!   ("\"Who is responsible?\" he asked."); see [`is_false_boundary`];
//! - a title line (a whole line with no final punctuation, followed by a line that does not
//!   start in lower case) is a sentence of its own.
//!
//! A blank line always ends a sentence: windows never hold one.

use std::collections::BTreeSet;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::window::trimmed;

/// Abbreviations that never end a sentence: titles before a name, and Latin abbreviations
/// that introduce what follows.
const NEVER_FINAL: &[&str] = &[
    "Adm", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Gen", "Gov", "Hon", "Lt", "Maj", "Mr",
    "Mrs", "Ms", "Messrs", "Prof", "Pvt", "Rep", "Rev", "Sen", "Sgt", "vs", "e.g", "i.e", "cf",
];

/// Abbreviations that end a sentence only when a typical sentence opener follows
/// ("... in the U.S. The ministry said ...").
const RARELY_FINAL: &[&str] = &[
    "St", "Jr", "Sr", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec",
];

/// Words that typically open an English sentence; after an abbreviation that rarely ends a
/// sentence, one of these says it did.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "She",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "What",
    "When",
    "While",
    "Yet",
    "You",
];

/// Opening punctuation that may precede a token or a sentence's first word.
const OPENING: &[char] = &['(', '[', '{', '"', '\'', '“', '‘', '«', '„'];

/// Closing punctuation that may follow a title line's last word.
const CLOSING: &[char] = &[')', ']', '}', '"', '\'', '”', '’', '»'];

/// The sentences of `window` in `text`, trimmed of surrounding whitespace, in order.
pub(super) fn sentences_in_window(text: &str, window: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(window.clone()) else {
        return Vec::new();
    };
    // Line breaks read as spaces (same byte length), so UAX #29 sees hard-wrapped lines
    // joined; title lines are split again below.
    let flat = slice.replace(['\r', '\n'], " ");
    let mut starts = BTreeSet::from([0]);
    for (start, _) in flat.split_sentence_bound_indices().skip(1) {
        if !is_false_boundary(&slice[..start], &slice[start..]) {
            starts.insert(start);
        }
    }
    split_title_lines(slice, &mut starts);
    let ends = starts.iter().skip(1).copied().chain([slice.len()]);
    starts
        .iter()
        .zip(ends)
        .filter_map(|(&start, end)| trimmed(slice, start..end))
        .map(|r| window.start + r.start..window.start + r.end)
        .collect()
}

/// Whether a Unicode sentence boundary between `before` and `after` is wrong: `before`
/// ends with an abbreviation or an initial, or `after` goes on in lower case.
fn is_false_boundary(before: &str, after: &str) -> bool {
    let after = after.trim_start();
    if first_word(after).starts_with(char::is_lowercase) {
        return true;
    }
    let Some(stem) = before.trim_end().strip_suffix('.') else {
        return false;
    };
    let token = stem
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(OPENING);
    if NEVER_FINAL.contains(&token) {
        return true;
    }
    if token == "No" {
        return after.starts_with(|c: char| c.is_ascii_digit());
    }
    if RARELY_FINAL.contains(&token) || is_initial(token) || is_initialism(token) {
        return !SENTENCE_OPENERS.contains(&first_word(after));
    }
    false
}

/// A single capital letter, as in "J. R. Smith".
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Capital letters joined by periods, as "U.S", "U.N", "U.K" (the final period stripped).
fn is_initialism(token: &str) -> bool {
    token.contains('.') && token.split('.').all(is_initial)
}

/// The first word of `text`, after opening punctuation.
fn first_word(text: &str) -> &str {
    let word = text.trim_start_matches(OPENING);
    let end = word
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(word.len());
    &word[..end]
}

/// Adds a sentence start after each title line of the window `slice`: a whole line with
/// no final punctuation, that starts a sentence, followed by a line that does not start in
/// lower case, in a paragraph that does not look hard-wrapped at that line.
fn split_title_lines(slice: &str, starts: &mut BTreeSet<usize>) {
    let lines = line_ranges(slice);
    let widest = lines
        .iter()
        .map(|line| slice[line.clone()].trim().chars().count())
        .max()
        .unwrap_or(0);
    for pair in lines.windows(2) {
        let (line, next) = (&pair[0], &pair[1]);
        let Some(content) = trimmed(slice, line.clone()) else {
            continue;
        };
        let starts_sentence = starts
            .range(..=content.start)
            .next_back()
            .is_some_and(|&s| slice[s..content.start].trim().is_empty());
        let breaks_inside = starts
            .range(content.start + 1..content.end)
            .next()
            .is_some();
        let next_lower = slice[next.clone()]
            .trim_start()
            .chars()
            .next()
            .is_none_or(char::is_lowercase);
        let length = slice[content.clone()].chars().count();
        if starts_sentence
            && !breaks_inside
            && ends_like_title(&slice[content])
            && !next_lower
            && !looks_hard_wrapped(length, widest)
        {
            starts.insert(next.start);
        }
    }
}

/// Whether a line ends the way a title does: with a letter or digit, maybe followed by
/// closing brackets or quotes, not with punctuation.
fn ends_like_title(line: &str) -> bool {
    line.trim_end_matches(CLOSING)
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Whether a line of `length` characters, in a paragraph whose widest line has `widest`,
/// is probably a hard-wrapped line: the paragraph is wrapped at a usual width and the line
/// comes near it.
fn looks_hard_wrapped(length: usize, widest: usize) -> bool {
    (40..=100).contains(&widest) && length * 10 >= widest * 7
}

/// The lines of `slice`, without their line breaks (LF or CRLF).
fn line_ranges(slice: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, _) in slice.match_indices('\n') {
        let end = if slice[..i].ends_with('\r') { i - 1 } else { i };
        lines.push(start..end);
        start = i + 1;
    }
    lines.push(start..slice.len());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences_in_window(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviation_rules() {
        assert!(is_false_boundary("told Col.", " Smith"));
        assert!(is_false_boundary("(Gen.", " Smith"));
        assert!(is_false_boundary("J.", " R. Smith"));
        assert!(is_false_boundary("the U.S.", " Embassy"));
        assert!(!is_false_boundary("the U.S.", " The embassy"));
        assert!(is_false_boundary("Resolution No.", " 1540"));
        assert!(!is_false_boundary("He said No.", " Then"));
        assert!(is_false_boundary("on Jan.", " 5"));
        assert!(!is_false_boundary("the end.", " Then"));
        assert!(!is_false_boundary("the end!", " Then"));
        assert!(is_false_boundary("\"Why?\"", " he asked"));
        assert!(!is_false_boundary("Why?", " 2005 was"));
    }

    #[test]
    fn title_line_is_its_own_sentence() {
        assert_eq!(
            split("Four extremists killed\nKazakhstan denied it. Officials agreed."),
            [
                "Four extremists killed",
                "Kazakhstan denied it.",
                "Officials agreed."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let text = "Pakistani sources reported that four extremists killed in the\n\
                    shootout carried Kazakh passports, and that officials of the\n\
                    Kazakh Embassy refused to comment on the incident.";
        assert_eq!(split(text).len(), 1);
    }

    #[test]
    fn line_followed_by_lower_case_is_a_wrap() {
        assert_eq!(split("The ministry said\nnothing.").len(), 1);
    }
}
