//! scholia's tokenisation, for the formats made of tokens (spaCy `tokens`, Prodigy
//! `tokens`, CoNLL lines).
//!
//! - A word is a Unicode (UAX #29) word segment holding a letter or digit
//!   (`domain::segment::words_in`): `Ak`, `40,000`, `d'affaires`, `Алматы`.
//! - Every other non-whitespace character is a token of its own, one per grapheme
//!   cluster, so an emoji with a skin tone or a ZWJ sequence stays one token: `(`, `-`,
//!   `👩‍💻`. A byte-order mark at the start of the text is a token of its own (CoNLL
//!   leaves it out); anywhere else U+FEFF is a format character like any other and stays
//!   inside its token (`Dubbz\u{feff}` is one token).
//! - A token is split where an exported span starts or ends inside it, so that every
//!   span covers whole tokens.
//! - Only whitespace separates tokens. It is laid out as spaCy does: one plain space after a token is that token's
//!   trailing space (`ws`); any other run of whitespace (a line break, a second space, a
//!   tab) is a whitespace token of its own. CoNLL leaves whitespace tokens out.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::convert::Infallible;
use std::ops::Range;

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use unicode_segmentation::UnicodeSegmentation;

use crate::domain::segment::each_word_in;

use super::selection::is_space;

/// One token, in byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether the token is whitespace.
    pub space: bool,
    /// Whether one plain space follows it (spaCy's `whitespace_`).
    pub ws: bool,
}

/// The tokens of `text`, split at every offset in `cuts`.
pub(super) fn tokenize(text: &str, cuts: &BTreeSet<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let laid_out: Result<(), Infallible> = each_token(text, cuts, |t| {
        tokens.push(t);
        Ok(())
    });
    match laid_out {
        Ok(()) => tokens,
        Err(never) => match never {},
    }
}

/// Calls `emit` with each token of `text` in order, split at every offset in `cuts`,
/// as soon as the piece after it says whether it has a trailing space: no list of
/// tokens (for a book, hundreds of thousands) is held. Stops at the first error.
pub(super) fn each_token<E>(
    text: &str,
    cuts: &BTreeSet<usize>,
    emit: impl FnMut(Token) -> Result<(), E>,
) -> Result<(), E> {
    let mut tokens = Tokens {
        text,
        cuts,
        last: None,
        emit,
    };
    let mut next_word = each_word_in(text, 0..text.len()).peekable();
    let mut at = 0;
    while at < text.len() {
        let run_end = run_end(text, at);
        let c = text[at..].chars().next().unwrap_or(' ');
        if separates(c) {
            tokens.piece(at..run_end)?;
            at = run_end;
            continue;
        }
        // A run of non-whitespace: words where the segmenter found them, graphemes
        // elsewhere.
        let mut inner = at;
        while inner < run_end {
            while next_word.peek().is_some_and(|w| w.end <= inner) {
                next_word.next();
            }
            match next_word.peek() {
                Some(w) if w.start == inner && w.end <= run_end => {
                    tokens.piece(w.start..w.end)?;
                    inner = w.end;
                }
                Some(w) if w.start > inner && w.start < run_end => {
                    tokens.graphemes(inner..w.start)?;
                    inner = w.start;
                }
                _ => {
                    tokens.graphemes(inner..run_end)?;
                    inner = run_end;
                }
            }
        }
        at = run_end;
    }
    tokens.finish()
}

/// The tokens of a text as a JSON array, each written as `item` makes it from its
/// index and token, without a list of the tokens.
pub(super) struct TokenArray<'a, F> {
    /// The text.
    pub text: &'a str,
    /// Where tokens are split.
    pub cuts: &'a BTreeSet<usize>,
    /// What is written for the token of each index.
    pub item: F,
}

impl<F, T> Serialize for TokenArray<'_, F>
where
    F: Fn(usize, Token) -> T,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut index = 0;
        each_token(self.text, self.cuts, |t| {
            seq.serialize_element(&(self.item)(index, t))?;
            index += 1;
            Ok(())
        })?;
        seq.end()
    }
}

/// Whether `c` separates tokens: whitespace, not the format character U+FEFF.
fn separates(c: char) -> bool {
    is_space(c) && c != '\u{feff}'
}

/// The end of the run of whitespace, or of non-whitespace, starting at `at`. A BOM at
/// the start of the text is a run of its own.
fn run_end(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices();
    let Some((_, first)) = chars.next() else {
        return at;
    };
    if at == 0 && first == '\u{feff}' {
        return at + first.len_utf8();
    }
    let space = separates(first);
    chars
        .find(|(_, c)| separates(*c) != space)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The tokens as they are laid out, piece by piece; the last one waits for the piece
/// after it (its trailing space) before it is emitted.
struct Tokens<'a, F> {
    text: &'a str,
    cuts: &'a BTreeSet<usize>,
    last: Option<Token>,
    emit: F,
}

impl<F, E> Tokens<'_, F>
where
    F: FnMut(Token) -> Result<(), E>,
{
    /// Adds one token per grapheme cluster of `range`.
    fn graphemes(&mut self, range: Range<usize>) -> Result<(), E> {
        let start = range.start;
        let text = self.text;
        for (i, g) in text[range].grapheme_indices(true) {
            self.piece(start + i..start + i + g.len())?;
        }
        Ok(())
    }

    /// Adds `piece`, split at every cut strictly inside it.
    fn piece(&mut self, piece: Range<usize>) -> Result<(), E> {
        let mut start = piece.start;
        let cuts = self.cuts;
        for &cut in cuts.range(piece.start + 1..piece.end) {
            self.lay_out(start..cut)?;
            start = cut;
        }
        self.lay_out(start..piece.end)
    }

    /// Adds one piece with spaCy's whitespace: a single space after a token becomes its
    /// trailing space.
    fn lay_out(&mut self, piece: Range<usize>) -> Result<(), E> {
        let slice = &self.text[piece.clone()];
        let space = slice.chars().all(separates);
        let mut start = piece.start;
        if space {
            if let Some(last) = self.last.as_mut().filter(|t| !t.space) {
                if slice.starts_with(' ') {
                    last.ws = true;
                    start += 1;
                }
            }
            if start == piece.end {
                return Ok(());
            }
        }
        let next = Token {
            start,
            end: piece.end,
            space,
            ws: false,
        };
        match self.last.replace(next) {
            Some(done) => (self.emit)(done),
            None => Ok(()),
        }
    }

    /// Emits the last token.
    fn finish(mut self) -> Result<(), E> {
        match self.last.take() {
            Some(done) => (self.emit)(done),
            None => Ok(()),
        }
    }
}

/// The words and other tokens of `text` as the CoNLL export writes them when no span
/// splits one: byte ranges, without whitespace tokens or a leading byte-order mark.
pub fn conll_tokens(text: &str) -> Vec<Range<usize>> {
    tokenize(text, &BTreeSet::new())
        .into_iter()
        .filter(|t| !t.space && !is_leading_bom(text, t))
        .map(|t| t.start..t.end)
        .collect()
}

/// Whether `token` is the byte-order mark at the start of the text (CoNLL leaves it out).
pub(super) fn is_leading_bom(text: &str, token: &Token) -> bool {
    token.start == 0 && &text[..token.end] == "\u{feff}"
}

/// Where the tokens that start or end at some offsets are in the list of tokens, found
/// in one pass over the text without holding the list.
pub(super) struct TokenIndex {
    /// The index of the token starting at each offset asked about.
    starts: HashMap<usize, usize>,
    /// The index of the token ending at each offset asked about.
    ends: HashMap<usize, usize>,
}

impl TokenIndex {
    /// The tokens of `text` split at `cuts` that start or end where one of `spans` does.
    pub(super) fn new(
        text: &str,
        cuts: &BTreeSet<usize>,
        spans: impl Iterator<Item = (usize, usize)>,
    ) -> TokenIndex {
        let (wanted_starts, wanted_ends): (HashSet<usize>, HashSet<usize>) = spans.unzip();
        let mut index = TokenIndex {
            starts: HashMap::with_capacity(wanted_starts.len()),
            ends: HashMap::with_capacity(wanted_ends.len()),
        };
        let mut at = 0;
        let found: Result<(), Infallible> = each_token(text, cuts, |t| {
            if wanted_starts.contains(&t.start) {
                index.starts.insert(t.start, at);
            }
            if wanted_ends.contains(&t.end) {
                index.ends.insert(t.end, at);
            }
            at += 1;
            Ok(())
        });
        match found {
            Ok(()) => index,
            Err(never) => match never {},
        }
    }

    /// The index of the token starting at byte `start` and of the one ending at `end`.
    pub(super) fn range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = *self.starts.get(&start)?;
        let last = *self.ends.get(&end)?;
        (first <= last).then_some((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, cuts: &[usize]) -> Vec<String> {
        let cuts = cuts.iter().copied().collect();
        tokenize(text, &cuts)
            .iter()
            .map(|t| {
                let mut s = text[t.start..t.end].to_string();
                if t.ws {
                    s.push('␣');
                }
                s
            })
            .collect()
    }

    #[test]
    fn words_punctuation_emoji_and_whitespace() {
        assert_eq!(
            texts("Ak-Bulun (AFP)  said 👩‍💻!\nАлматы", &[]),
            vec![
                "Ak",
                "-",
                "Bulun␣",
                "(",
                "AFP",
                ")␣",
                " ",
                "said␣",
                "👩‍💻",
                "!",
                "\n",
                "Алматы"
            ]
        );
    }

    #[test]
    fn conll_tokens_leave_out_whitespace_and_a_leading_bom() {
        let text = "\u{feff}Он сказал:\n «нет»";
        let shown: Vec<&str> = conll_tokens(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(shown, ["Он", "сказал", ":", "«", "нет", "»"]);
    }

    #[test]
    fn leading_whitespace_and_bom_are_tokens() {
        assert_eq!(texts("\u{feff} a", &[]), vec!["\u{feff}␣", "a"]);
        assert_eq!(texts("  a ", &[]), vec!["  ", "a␣"]);
    }

    #[test]
    fn a_zero_width_no_break_space_inside_the_text_stays_in_its_token() {
        assert_eq!(
            texts("Dubbz\u{feff} and Dub\u{feff}bz", &[]),
            vec!["Dubbz\u{feff}␣", "and␣", "Dub\u{feff}bz"]
        );
    }

    #[test]
    fn cuts_split_tokens_and_ranges_find_them() {
        let text = "Kazakhstan's";
        assert_eq!(texts(text, &[6]), vec!["Kazakh", "stan's"]);
        let cuts = [6].into_iter().collect();
        let index = TokenIndex::new(text, &cuts, [(0, 6), (1, 6), (6, 12)].into_iter());
        assert_eq!(index.range(0, 6), Some((0, 0)));
        assert_eq!(index.range(1, 6), None);
        assert_eq!(index.range(6, 12), Some((1, 1)));
        assert_eq!(index.range(0, 12), Some((0, 1)));
    }

    #[test]
    fn tokens_cover_the_text_with_their_spaces() {
        let text = "\u{feff}Он сказал:  «нет»\r\n\t😀 ok.";
        let tokens = tokenize(text, &BTreeSet::new());
        let mut rebuilt = String::new();
        for t in &tokens {
            rebuilt.push_str(&text[t.start..t.end]);
            if t.ws {
                rebuilt.push(' ');
            }
        }
        assert_eq!(rebuilt, text);
    }
}
