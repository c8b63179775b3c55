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

/// How far ahead (in bytes) a token that is not where expected is looked for.
const LOOK_AHEAD: usize = 400;

/// Where each token landed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alignment {
    /// The byte span of each token in the article, `None` for a token not placed.
    pub places: Vec<Option<Span>>,
    /// Tokens placed on text that differs from them: (token index, the article's text).
    pub differing: Vec<(usize, String)>,
}

impl Alignment {
    /// The byte span covering tokens `first..end`, when all of them were placed.
    pub fn span(&self, first: usize, end: usize) -> Option<Span> {
        if first >= end {
            return None;
        }
        let places = self.places.get(first..end)?;
        let start = places.first()?.as_ref()?.start;
        let stop = places.last()?.as_ref()?.end;
        places
            .iter()
            .all(Option::is_some)
            .then(|| Span::new(start, stop))
    }

    /// How many tokens were not placed.
    pub fn unplaced(&self) -> usize {
        self.places.iter().filter(|p| p.is_none()).count()
    }
}

/// Aligns `tokens` to `text` (see the module comment).
pub fn align(text: &str, tokens: &[String]) -> Alignment {
    walk(text, tokens, false)
}

/// Whether `tokens` are the words of `text`: every one is placed, and at most one in ten
/// differs from the text. Stops at the first token not placed, so ruling out the other
/// documents of a large file costs little.
pub fn fits(text: &str, tokens: &[String]) -> bool {
    let alignment = walk(text, tokens, true);
    !tokens.is_empty()
        && alignment.places.len() == tokens.len()
        && alignment.unplaced() == 0
        && alignment.differing.len() * 10 <= tokens.len()
}

/// Places the tokens in order; with `stop_at_miss`, stops at the first one not placed.
fn walk(text: &str, tokens: &[String], stop_at_miss: bool) -> Alignment {
    let mut alignment = Alignment::default();
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut index = 0;
    while index < tokens.len() {
        at = skip_white_space(text, at);
        let token = &tokens[index];
        if let Some(end) = match_at(text, at, token) {
            place(&mut alignment, text, index, token, Span::new(at, end));
            at = end;
            index += 1;
            continue;
        }
        if let Some((start, end)) = find_ahead(text, at, token) {
            place(&mut alignment, text, index, token, Span::new(start, end));
            at = end;
            index += 1;
            continue;
        }
        // This token is not in the article as it is: it covers the text up to the next
        // token found.
        match tokens
            .get(index + 1)
            .and_then(|next| find_ahead(text, at, next))
        {
            Some((next_start, _)) if text[at..next_start].trim_end().is_empty() => {
                alignment.places.push(None);
            }
            Some((next_start, _)) => {
                let end = at + text[at..next_start].trim_end().len();
                place(&mut alignment, text, index, token, Span::new(at, end));
                at = end;
            }
            None => alignment.places.push(None),
        }
        if stop_at_miss && alignment.places.last() == Some(&None) {
            break;
        }
        index += 1;
    }
    alignment
}

fn place(alignment: &mut Alignment, text: &str, index: usize, token: &str, span: Span) {
    let here = &text[span.start..span.end];
    if here != token {
        alignment.differing.push((index, here.to_string()));
    }
    alignment.places.push(Some(span));
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
            let alignment = align(&text, &tokens);
            prop_assert_eq!(alignment.places.len(), tokens.len());
            let mut end = 0;
            for span in alignment.places.iter().flatten() {
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

    fn tokens(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn texts<'t>(text: &'t str, alignment: &Alignment) -> Vec<Option<&'t str>> {
        alignment
            .places
            .iter()
            .map(|p| p.map(|s| &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn tokens_land_on_their_words_across_crlf_and_emoji() {
        let text = "\u{feff}Ахмед 👍🏽 met\r\n\r\nDana.";
        let a = align(text, &tokens(&["Ахмед", "👍🏽", "met", "Dana", "."]));
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
        let a = align(
            text,
            &tokens(&[
                "He", "said", "``", "no", "''", "-LRB-", "twice", "-RRB-", "...", "--", "fine",
            ]),
        );
        assert_eq!(a.unplaced(), 0, "{a:?}");
        let differing: Vec<&str> = a.differing.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(differing, vec!["“", "”", "(", ")", "…", "–"]);
    }

    #[test]
    fn words_the_file_lacks_are_stepped_over_and_unknown_tokens_take_the_gap() {
        let text = "Title\n\nEU rejects 4,000 calls";
        let a = align(text, &tokens(&["EU", "rejects", "<NUM>", "calls", "zzz"]));
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
