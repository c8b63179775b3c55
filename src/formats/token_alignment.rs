//! Placing a file's tokens (CoNLL) on the article's text, in order.
//!
//! Each token is looked for where the previous one ended, after white space (so CRLF,
//! tabs and blank lines in the article do not matter). A token may differ from the text
//! as tokenisers write it: Penn Treebank brackets (`-LRB-` for `(`), quotes written as
//! ``` `` ``` and `''` or folded to straight quotes, `...` for `…`, dashes; such a token is
//! placed on the article's characters and reported as differing. A token not at the
//! expected place is looked for a little further on (the article has words the file
//! lacks); a token found nowhere near takes the article's text up to where the next
//! token is found, and when there is none it is not placed.

use crate::domain::model::Span;
use crate::formats::token_list::TokenList;

/// How far ahead (in bytes) a token that is not where expected is looked for.
const LOOK_AHEAD: usize = 400;

/// Where the tokens landed: the places of the tokens asked for (an annotation's first
/// and last), the tokens not placed and those placed on differing text. A book's
/// hundreds of thousands of tokens are walked, not each kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alignment {
    /// How many tokens were walked: all of them, unless the walk stopped at a miss.
    walked: usize,
    /// The byte span of each token asked for that was placed, by token index, in order.
    kept: Vec<(usize, Span)>,
    /// The tokens not placed, in order.
    pub unplaced: Vec<usize>,
    /// Tokens placed on text that differs from them: (token index, the article's text).
    pub differing: Vec<(usize, String)>,
}

impl Alignment {
    /// The byte span covering tokens `first..end`, when all of them were placed and the
    /// first and last were asked for.
    pub fn span(&self, first: usize, end: usize) -> Option<Span> {
        if first >= end || end > self.walked {
            return None;
        }
        let missing = self.unplaced.partition_point(|&u| u < first);
        if self.unplaced.get(missing).is_some_and(|&u| u < end) {
            return None;
        }
        Some(Span::new(
            self.place(first)?.start,
            self.place(end - 1)?.end,
        ))
    }

    /// Where token `index` landed, when it was asked for and placed.
    pub fn place(&self, index: usize) -> Option<Span> {
        let at = self.kept.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some(self.kept[at].1)
    }
}

/// Aligns `tokens` to `text` (see the module comment), keeping the places of the tokens
/// `wanted` (indexes in increasing order).
pub fn align(text: &str, tokens: &TokenList, wanted: &[usize]) -> Alignment {
    walk(text, tokens, wanted, false)
}

/// Whether `tokens` are the words of `text`: every one is placed, and at most one in ten
/// differs from the text. Stops at the first token not placed, so ruling out the other
/// documents of a large file costs little.
pub fn fits(text: &str, tokens: &TokenList) -> bool {
    let alignment = walk(text, tokens, &[], true);
    !tokens.is_empty()
        && alignment.walked == tokens.len()
        && alignment.unplaced.is_empty()
        && alignment.differing.len() * 10 <= tokens.len()
}

/// Places the tokens in order; with `stop_at_miss`, stops at the first one not placed.
fn walk(text: &str, tokens: &TokenList, wanted: &[usize], stop_at_miss: bool) -> Alignment {
    let mut walk = Walk {
        alignment: Alignment {
            kept: Vec::with_capacity(wanted.len()),
            ..Alignment::default()
        },
        wanted,
    };
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while let Some(token) = tokens.get(walk.alignment.walked) {
        let index = walk.alignment.walked;
        at = skip_white_space(text, at);
        let placed = match match_at(text, at, token)
            .map(|end| (at, end))
            .or_else(|| find_ahead(text, at, token))
        {
            Some(found) => Some(found),
            // This token is not in the article as it is: it covers the text up to the
            // next token found.
            None => match tokens
                .get(index + 1)
                .and_then(|next| find_ahead(text, at, next))
            {
                Some((next_start, _)) if !text[at..next_start].trim_end().is_empty() => {
                    Some((at, at + text[at..next_start].trim_end().len()))
                }
                _ => None,
            },
        };
        walk.alignment.walked += 1;
        match placed {
            Some((start, end)) => {
                walk.place(text, index, token, Span::new(start, end));
                at = end;
            }
            None => {
                walk.alignment.unplaced.push(index);
                if stop_at_miss {
                    break;
                }
            }
        }
    }
    walk.alignment
}

/// An alignment being made, and the tokens whose places it keeps.
struct Walk<'w> {
    alignment: Alignment,
    /// The indexes of the tokens whose places are kept, those passed dropped.
    wanted: &'w [usize],
}

impl Walk<'_> {
    fn place(&mut self, text: &str, index: usize, token: &str, span: Span) {
        let here = &text[span.start..span.end];
        if here != token {
            self.alignment.differing.push((index, here.to_string()));
        }
        while self.wanted.first().is_some_and(|&w| w < index) {
            self.wanted = &self.wanted[1..];
        }
        if self.wanted.first() == Some(&index) {
            self.alignment.kept.push((index, span));
        }
    }
}

fn skip_white_space(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start().len())
}

/// The first place after `at` (within [`LOOK_AHEAD`] bytes) where `token` starts a
/// match.
fn find_ahead(text: &str, at: usize, token: &str) -> Option<(usize, usize)> {
    let limit = (at + LOOK_AHEAD).min(text.len());
    text[at..]
        .char_indices()
        .map(|(i, _)| at + i)
        .take_while(|&i| i <= limit)
        .find_map(|i| match_at(text, i, token).map(|end| (i, end)))
}

/// Where `token` ends when it matches the text at byte `at`, exactly or as a tokeniser
/// would have written it.
fn match_at(text: &str, at: usize, token: &str) -> Option<usize> {
    let rest = &text[at..];
    if token.is_empty() {
        return None;
    }
    if rest.starts_with(token) {
        return Some(at + token.len());
    }
    let token = unescape(token);
    let mut wanted = token.as_str();
    let mut used = 0;
    let mut chars = rest.chars();
    while !wanted.is_empty() {
        let c = chars.next()?;
        let folded = fold(c);
        if folded == '"' && (wanted.starts_with("``") || wanted.starts_with("''")) {
            wanted = &wanted[2..];
        } else if c == '…' && wanted.starts_with("...") {
            wanted = &wanted[3..];
        } else {
            let w = wanted.chars().next()?;
            if fold(w) != folded {
                return None;
            }
            wanted = &wanted[w.len_utf8()..];
        }
        used += c.len_utf8();
    }
    Some(at + used)
}

/// A Penn Treebank escape as the character it stands for; other tokens as they are.
fn unescape(token: &str) -> String {
    match token {
        "-LRB-" | "-lrb-" => "(",
        "-RRB-" | "-rrb-" => ")",
        "-LSB-" | "-lsb-" => "[",
        "-RSB-" | "-rsb-" => "]",
        "-LCB-" | "-lcb-" => "{",
        "-RCB-" | "-rcb-" => "}",
        other => other,
    }
    .to_string()
}

/// Quotes, apostrophes and dashes folded to one of each.
fn fold(c: char) -> char {
    match c {
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '‘' | '’' | '‚' | '`' | '´' | '′' => '\'',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn placed_tokens_are_in_order_on_character_boundaries(
            text in "[ a-c\r\n“”(…👍🏽\u{feff}-]{0,40}",
            tokens in prop::collection::vec("[a-c“”'`(-]{0,3}|-LRB-|\\.\\.\\.", 0..12),
        ) {
            let tokens: TokenList = tokens.iter().map(String::as_str).collect();
            let alignment = align_all(&text, &tokens);
            prop_assert_eq!(alignment.walked, tokens.len());
            let mut end = 0;
            for span in (0..tokens.len()).filter_map(|i| alignment.place(i)) {
                prop_assert!(span.start >= end && span.start < span.end && span.end <= text.len());
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                end = span.end;
            }
        }

        #[test]
        fn conll_imports_never_panic_and_validate(
            text in "[ a-c\r\n“(👍🏽-]{0,30}",
            lines in prop::collection::vec("([a-c“'`(-]{1,3}|-LRB-|-DOCSTART-)( [BIEOS]-[XY]| O| I-X)?|", 0..12),
        ) {
            let mut data = vec![0u8];
            data.extend_from_slice(text.as_bytes());
            data.push(0);
            data.extend_from_slice(lines.join("\r\n").as_bytes());
            crate::fuzz_entry::import(crate::formats::Format::Conll, &data);
        }
    }

    fn tokens(words: &[&str]) -> TokenList {
        words.iter().copied().collect()
    }

    /// Aligns every token, keeping each one's place.
    fn align_all(text: &str, tokens: &TokenList) -> Alignment {
        let all: Vec<usize> = (0..tokens.len()).collect();
        align(text, tokens, &all)
    }

    fn texts<'t>(text: &'t str, alignment: &Alignment) -> Vec<Option<&'t str>> {
        (0..alignment.walked)
            .map(|i| alignment.place(i).map(|s| &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn only_the_places_asked_for_are_kept_and_a_missing_token_between_them_is_seen() {
        let text = "Ахмед сказал 😀 ".repeat(300);
        let mut words: Vec<&str> = ["Ахмед", "сказал", "😀"].repeat(300);
        // Neither this token nor the next is in the article: the first is not placed.
        words[400] = "zzz-nowhere";
        words[401] = "zzz-nowhere";
        let tokens: TokenList = words.iter().copied().collect();
        let a = align(&text, &tokens, &[3, 5, 398, 402, 899]);
        assert_eq!(a.kept.len(), 5, "only the places asked for");
        assert_eq!(a.place(4), None, "not asked for");
        let third = text.match_indices("Ахмед").nth(1).unwrap().0;
        assert_eq!(
            a.span(3, 6),
            Some(Span::new(third, third + "Ахмед сказал 😀".len()))
        );
        assert_eq!(a.span(398, 403), None, "token 400 is not in the article");
        assert_eq!(a.unplaced, vec![400]);
        assert_eq!(a.span(899, 900).map(|s| s.end), Some(text.trim_end().len()));
    }

    #[test]
    fn tokens_land_on_their_words_across_crlf_and_emoji() {
        let text = "\u{feff}Ахмед 👍🏽 met\r\n\r\nDana.";
        let a = align_all(text, &tokens(&["Ахмед", "👍🏽", "met", "Dana", "."]));
        assert_eq!(
            texts(text, &a),
            vec![
                Some("Ахмед"),
                Some("👍🏽"),
                Some("met"),
                Some("Dana"),
                Some(".")
            ]
        );
        assert!(a.differing.is_empty());
        assert_eq!(
            a.span(3, 5),
            Some(Span::new(text.find("Dana").unwrap(), text.len()))
        );
    }

    #[test]
    fn escaped_and_normalised_tokens_are_placed_and_reported() {
        let text = "He said “no” (twice)… – fine";
        let a = align_all(
            text,
            &tokens(&[
                "He", "said", "``", "no", "''", "-LRB-", "twice", "-RRB-", "...", "--", "fine",
            ]),
        );
        assert!(a.unplaced.is_empty(), "{a:?}");
        let differing: Vec<&str> = a.differing.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(differing, vec!["“", "”", "(", ")", "…", "–"]);
    }

    #[test]
    fn words_the_file_lacks_are_stepped_over_and_unknown_tokens_take_the_gap() {
        let text = "Title\n\nEU rejects 4,000 calls";
        let a = align_all(text, &tokens(&["EU", "rejects", "<NUM>", "calls", "zzz"]));
        assert_eq!(
            texts(text, &a),
            vec![
                Some("EU"),
                Some("rejects"),
                Some("4,000"),
                Some("calls"),
                None
            ]
        );
        assert_eq!(a.differing, vec![(2, "4,000".to_string())]);
        assert_eq!(a.span(0, 2), Some(Span::new(7, 17)));
        assert_eq!(a.span(3, 5), None);
        assert!(!fits(
            text,
            &tokens(&["EU", "rejects", "<NUM>", "calls", "zzz"])
        ));
        assert!(fits(text, &tokens(&["EU", "rejects", "4,000", "calls"])));
    }
}
