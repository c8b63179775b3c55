//! The natural unit for tagging when nothing is selected: the name under the cursor
//! rather than the bare word, so that one key tags "Shaukat Sultan", "Ekspress-K" or
//! "Kazakhstan" (not "Kazakhstan's").
//!
//! The rule, on the line holding the cursor (a unit never crosses a line break):
//! - **Tokens.** Words (UAX #29) joined by one hyphen or apostrophe with no space are one
//!   token ("Ekspress-K", "O'Brien", "al-Assad"). A trailing possessive `'s` or `’s` is
//!   left out ("Sultan's" gives "Sultan"), unless the cursor stands on it.
//! - **Capitalised runs.** On a capitalised token (its first letter upper case, or a
//!   particle such as "al-" before one), the unit grows over the neighbouring capitalised
//!   tokens separated by spaces only ("Shaukat Sultan", "Delovaya Nedelya"), over one or
//!   two lowercase particles between two capitalised tokens ("Charles de Gaulle",
//!   "Ministry of Foreign Affairs"; the list is `name_particles.txt`), up to
//!   `MAX_RUN_TOKENS` (8) tokens. It stops at punctuation, at a line break and after a
//!   possessive. Left of the cursor it leaves out sentence openers ("The",
//!   `name_openers.txt`) and a person's title with everything before it ("Deputy Interior
//!   Minister", `name_titles.txt`). An all-capitals token under the cursor (a headline,
//!   an acronym) is a unit on its own; inside a run, acronyms join it ("UN Security
//!   Council").
//! - **Scripts without case** (Arabic, Hebrew, Thai…): the token.
//! - **Han characters** (Chinese, Japanese kanji), written without spaces: up to
//!   `MAX_HAN` (3) Han characters from the cursor, the length of most Chinese names; the
//!   boundary moves (`,` `.`) take one off or add one.

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use unicode_segmentation::GraphemeCursor;

use super::window::char_at;
use super::{next_grapheme, word_at, words_in_window};
use crate::domain::char_boundary::floor_char_boundary;

/// The most tokens a capitalised run holds.
const MAX_RUN_TOKENS: usize = 8;

/// The most Han characters a unit holds, counted from the cursor.
const MAX_HAN: usize = 3;

/// How far the unit looks from the cursor along a very long line, in bytes.
const REACH: usize = 1024;

/// Characters that join two words into one token when they stand between them.
const JOINERS: &[char] = &['-', '\u{2010}', '\u{2011}', '\'', '\u{2019}'];

/// Apostrophes a possessive starts with.
const APOSTROPHES: &[char] = &['\'', '\u{2019}'];

static PARTICLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("name_particles.txt")));
static OPENERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("name_openers.txt")));
static TITLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("name_titles.txt")));

/// The entries of a word list file: its lines, trimmed, without blank lines and lines
/// starting with `#`.
fn entries(data: &'static str) -> HashSet<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// The natural unit for tagging at `byte` (see the module documentation); `None` when
/// the cursor is not on a word.
pub fn tag_unit_at(text: &str, byte: usize) -> Option<Range<usize>> {
    let at = floor_char_boundary(text, byte);
    let word = word_at(text, at)?;
    if char_at(text, at).is_some_and(is_han) {
        return Some(han_run(text, at, word));
    }
    let words = words_in_window(text, line_around(text, at));
    let tokens = tokens(text, &words);
    let Some(i) = tokens.iter().position(|t| t.whole.contains(&at)) else {
        return Some(word);
    };
    let token = &tokens[i];
    if token.whole.start > word.start || token.whole.end < word.end {
        // A word longer than the look-around, cut by it: the word as segmented.
        return Some(word);
    }
    if !token.name.contains(&at) {
        // The cursor is on the possessive itself: the token as written.
        return Some(token.whole.clone());
    }
    let run = run_around(text, &tokens, i);
    Some(tokens[run.start].name.start..tokens[run.end - 1].name.end)
}

/// A token: words joined by hyphens or apostrophes.
#[derive(Debug)]
struct Token {
    /// The token as written.
    whole: Range<usize>,
    /// The token without a trailing possessive.
    name: Range<usize>,
}

impl Token {
    /// Whether the token ended in a possessive that was left out.
    fn possessive(&self) -> bool {
        self.name.end < self.whole.end
    }
}

/// The stretch of the line holding `at` that the unit is looked for in.
fn line_around(text: &str, at: usize) -> Range<usize> {
    let low = floor_char_boundary(text, at.saturating_sub(REACH));
    let high = floor_char_boundary(text, at.saturating_add(REACH));
    let start = text[low..at].rfind(is_line_break).map_or(low, |i| {
        low + i + text[low + i..].chars().next().map_or(0, char::len_utf8)
    });
    let end = text[at..high].find(is_line_break).map_or(high, |i| at + i);
    start..end
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The words of a line grouped into tokens, in order.
fn tokens(text: &str, words: &[Range<usize>]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut previous_end = None;
    for word in words {
        let joined = previous_end.is_some_and(|end| {
            let mut gap = text[end..word.start].chars();
            matches!((gap.next(), gap.next()), (Some(c), None) if JOINERS.contains(&c))
        });
        match tokens.last_mut() {
            Some(last) if joined => last.whole.end = word.end,
            _ => tokens.push(Token {
                whole: word.clone(),
                name: word.clone(),
            }),
        }
        previous_end = Some(word.end);
    }
    for token in &mut tokens {
        token.name = without_possessive(text, token.whole.clone());
    }
    tokens
}

/// `range` without a trailing `'s` or `’s` (when something is left before it).
fn without_possessive(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let mut tail = slice.char_indices().rev();
    let (Some((_, s)), Some((apostrophe_at, apostrophe))) = (tail.next(), tail.next()) else {
        return range;
    };
    let cut = range.start + apostrophe_at;
    let is_possessive = matches!(s, 's' | 'S')
        && APOSTROPHES.contains(&apostrophe)
        && apostrophe_at > 0
        && is_grapheme_boundary(text, cut);
    if is_possessive {
        range.start..cut
    } else {
        range
    }
}

fn is_grapheme_boundary(text: &str, at: usize) -> bool {
    GraphemeCursor::new(at, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// The tokens of the unit around token `i`, as a range of token indices.
fn run_around(text: &str, tokens: &[Token], i: usize) -> Range<usize> {
    let seed = &tokens[i];
    let seeds_run = if is_capitalised(text, seed) {
        !is_all_caps(word_text(text, seed))
    } else {
        // A particle between two capitalised tokens ("de" in "Charles de Gaulle").
        is_particle(word_text(text, seed))
            && i > 0
            && joins(text, &tokens[i - 1], seed)
            && is_capitalised(text, &tokens[i - 1])
            && tokens
                .get(i + 1)
                .is_some_and(|next| joins(text, seed, next) && is_capitalised(text, next))
    };
    if !seeds_run {
        return i..i + 1;
    }
    let mut run = i..i + 1;
    while run.len() < MAX_RUN_TOKENS {
        match step_right(text, tokens, run.end - 1) {
            Some(next) if next - run.start < MAX_RUN_TOKENS => run.end = next + 1,
            _ => break,
        }
    }
    while run.len() < MAX_RUN_TOKENS {
        match step_left(text, tokens, run.start) {
            Some(previous) if run.end - previous <= MAX_RUN_TOKENS => run.start = previous,
            _ => break,
        }
    }
    trim_left(text, tokens, run, i)
}

/// The next capitalised token the run can reach from token `last` (over at most two
/// particles), if any.
fn step_right(text: &str, tokens: &[Token], last: usize) -> Option<usize> {
    if tokens[last].possessive() {
        return None;
    }
    let mut at = last;
    for _ in 0..3 {
        let next = at + 1;
        let token = tokens.get(next)?;
        if !joins(text, &tokens[at], token) {
            return None;
        }
        if is_capitalised(text, token) {
            return Some(next);
        }
        if !is_particle(word_text(text, token)) || token.possessive() {
            return None;
        }
        at = next;
    }
    None
}

/// The previous capitalised token the run can reach from token `first` (over at most
/// two particles), if any.
fn step_left(text: &str, tokens: &[Token], first: usize) -> Option<usize> {
    let mut at = first;
    for _ in 0..3 {
        let previous = at.checked_sub(1)?;
        let token = &tokens[previous];
        if !joins(text, token, &tokens[at]) || token.possessive() {
            return None;
        }
        if is_capitalised(text, token) {
            return Some(previous);
        }
        if !is_particle(word_text(text, token)) {
            return None;
        }
        at = previous;
    }
    None
}

/// The run without the openers, titles and particles left of the cursor's token `i`.
fn trim_left(text: &str, tokens: &[Token], run: Range<usize>, i: usize) -> Range<usize> {
    let mut start = run.start;
    if let Some(title) = (run.start..i)
        .rev()
        .find(|&t| TITLES.contains(word_text(text, &tokens[t])))
    {
        start = title + 1;
    }
    while start < i {
        let word = word_text(text, &tokens[start]);
        if OPENERS.contains(word) || !is_capitalised(text, &tokens[start]) {
            start += 1;
        } else {
            break;
        }
    }
    start..run.end
}

/// Whether two neighbouring tokens are separated by spaces only (no line break, no
/// punctuation).
fn joins(text: &str, left: &Token, right: &Token) -> bool {
    let gap = &text[left.whole.end..right.whole.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// The token's text without its possessive.
fn word_text<'t>(text: &'t str, token: &Token) -> &'t str {
    &text[token.name.clone()]
}

/// Whether a token starts with an upper-case letter, or is a particle hyphened to one
/// ("al-Assad").
fn is_capitalised(text: &str, token: &Token) -> bool {
    let word = word_text(text, token);
    if starts_upper(word) {
        return true;
    }
    word.split_once(|c| JOINERS.contains(&c))
        .is_some_and(|(particle, rest)| is_particle(particle) && starts_upper(rest))
}

fn starts_upper(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

/// Whether a word has at least two letters, all upper case.
fn is_all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

/// Up to `MAX_HAN` graphemes from the one at `at` that start with a Han character;
/// `word` (the word under the cursor) when the cursor is not on a grapheme boundary.
fn han_run(text: &str, at: usize, word: Range<usize>) -> Range<usize> {
    if !is_grapheme_boundary(text, at) {
        return word;
    }
    let mut end = at;
    for _ in 0..MAX_HAN {
        if !char_at(text, end).is_some_and(is_han) {
            break;
        }
        end = next_grapheme(text, end);
    }
    at..end
}

/// Whether `c` is a Han ideograph (CJK Unified Ideographs and their extensions,
/// compatibility ideographs, 〇).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}'
        | '\u{30000}'..='\u{3134f}')
}
