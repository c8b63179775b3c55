//! Rule `citation`: a parenthesised citation closing a sentence or clause —
//! "(Ekspress-K, July19)", "(Delovaya nedelya, July 22)", "(Reuters, 19 July 2005)",
//! "(Reuters)". Suggests a `publication` source on the name and a DATE entity on the
//! date, and marks the sentence before the parenthesis so that the claims inside it
//! get a `cites` link to the publication.

use regex::Regex;

use crate::domain::model::{Kind, Span};
use crate::extract::collector::{Collector, PUBLICATION};
use crate::extract::lexicon::{MONTH_WORDS, STOP_CAPS, WEEKDAY_WORDS};
use crate::extract::suggestion::Suggestion;
use crate::extract::text::{
    char_at, is_all_caps, is_capitalised, sentence_start, skip_space, word_ending_at,
};

use super::dates::citation_date_pattern;

/// The rule's name.
pub(crate) const NAME: &str = "citation";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.9;

/// The compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct CitationRule {
    regex: Regex,
}

impl CitationRule {
    /// Compiles the rule.
    pub(crate) fn new() -> Self {
        // Any number of words, counted after the match ([`name_fits`]): a bounded
        // repeat of these Unicode classes takes twice as long to compile.
        let name = r"(?:The\s)?\p{Lu}[\p{L}\p{N}.&'’-]*(?: [\p{L}\p{N}.&'’-]+)*";
        let pattern = format!(r"\((?:{name})(?:,\s*(?:{}))?\)", citation_date_pattern());
        CitationRule {
            regex: super::compile_builtin(&pattern),
        }
    }

    /// Runs the rule over the whole text.
    pub(crate) fn run(&self, c: &mut Collector) {
        let text = c.text;
        for whole in self.regex.find_iter(text) {
            // The match is "(" name [", " date] ")"; a name holds no comma.
            let inner = Span::new(whole.start() + 1, whole.end() - 1);
            let (name, date) = match text[inner.start..inner.end].find(',') {
                Some(k) => {
                    let date_start = skip_space(text, inner.start + k + 1, inner.end);
                    (
                        Span::new(inner.start, inner.start + k),
                        Some(Span::new(date_start, inner.end)),
                    )
                }
                None => (inner, None),
            };
            let name_text = &text[name.start..name.end];
            if !name_fits(name_text) || !plausible_publication(name_text) {
                continue;
            }
            if date.is_none() && !bare_citation_fits(text, whole.start(), whole.end(), name_text) {
                continue;
            }
            let publication = c.push(Suggestion::new(
                Kind::Source,
                PUBLICATION,
                name,
                NAME,
                SCORE,
            ));
            if let Some(date) = date {
                c.push(Suggestion::new(Kind::Entity, "DATE", date, NAME, SCORE));
            }
            c.cite_region(publication, cited_region(text, whole.start()));
        }
    }
}

/// The most words a cited name has, after an optional "The".
const MAX_NAME_WORDS: usize = 6;

/// Whether the name of a citation has at most [`MAX_NAME_WORDS`] words, not counting
/// a "The" and the space after it.
fn name_fits(name: &str) -> bool {
    let words = |s: &str| s.split(' ').count();
    let after_the = name.strip_prefix("The").and_then(|rest| {
        let mut chars = rest.chars();
        chars
            .next()
            .filter(|c| c.is_whitespace())
            .map(|_| chars.as_str())
    });
    words(name) <= MAX_NAME_WORDS || after_the.is_some_and(|rest| words(rest) <= MAX_NAME_WORDS)
}

/// Whether `name` looks like a publication: its first word is not a function word, a
/// month or a weekday, and it holds a letter.
fn plausible_publication(name: &str) -> bool {
    let mut words = name.split(' ');
    let mut first = words.next().unwrap_or("");
    if first == "The" {
        first = words.next().unwrap_or("");
    }
    let first = first.split(['-', '.']).next().unwrap_or(first);
    !STOP_CAPS.contains(first)
        && !MONTH_WORDS.contains(first)
        && !WEEKDAY_WORDS.contains(first)
        && name.chars().any(char::is_alphabetic)
}

/// Whether a citation without a date stands where citations stand: before the end of
/// a sentence or line, and not right after a capitalised name as an acronym would
/// ("Shanghai Cooperation Organization (SCO)").
fn bare_citation_fits(text: &str, open: usize, close: usize, name: &str) -> bool {
    let after = text[close..].trim_start_matches([' ', '\t']);
    let closes_sentence = after.is_empty() || after.starts_with(['.', '!', '?', '\n', '\r']);
    if !closes_sentence {
        return false;
    }
    let acronym = is_all_caps(name) && !name.contains(' ');
    let after_name = open
        .checked_sub(1)
        .and_then(|space| word_ending_at(text, space))
        .is_some_and(|w| is_capitalised(w.text(text)));
    !(acronym && after_name)
}

/// The sentence (or, for a citation standing after a full stop, the previous
/// sentence) that the citation opening at `open` vouches for.
fn cited_region(text: &str, open: usize) -> Span {
    let start = sentence_start(text, open);
    if text[start..open].trim().is_empty() && start > 0 {
        let before = text[..start].trim_end();
        let mut prev_end = before.len();
        while prev_end > 0
            && char_at(text, prev_end - 1).is_some_and(|c| matches!(c, '.' | '!' | '?'))
        {
            prev_end -= 1;
        }
        return Span::new(sentence_start(text, prev_end), open);
    }
    Span::new(start, open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citations(text: &str) -> Vec<(String, String)> {
        let rule = CitationRule::new();
        let mut c = Collector::new(text);
        rule.run(&mut c);
        c.finish()
            .into_iter()
            .map(|s| (s.label.to_string(), s.text(text).unwrap().to_string()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn finds_publications_and_dates() {
        let text = "They were Kazakh (Ekspress-K, July19). Bonds (Delovaya nedelya, July 22). \
                    Dates (The Times, 19 July 2005). News (Reuters).";
        assert_eq!(
            citations(text),
            [
                pair("publication", "Ekspress-K"),
                pair("DATE", "July19"),
                pair("publication", "Delovaya nedelya"),
                pair("DATE", "July 22"),
                pair("publication", "The Times"),
                pair("DATE", "19 July 2005"),
                pair("publication", "Reuters"),
            ]
        );
    }

    #[test]
    fn names_of_up_to_six_words_after_the_are_cited() {
        let six = "Alpha Beta Gamma Delta Epsilon Zeta";
        assert_eq!(
            citations(&format!("It rained ({six}, July 19). Snow (The {six}).")),
            [
                pair("publication", six),
                pair("DATE", "July 19"),
                pair("publication", &format!("The {six}")),
            ]
        );
        assert_eq!(
            citations(&format!("It rained ({six} Eta, July 19).")),
            Vec::<(String, String)>::new()
        );
    }

    /// The citation pattern as it was, with the bound on the name's words in the
    /// pattern itself.
    fn bounded() -> CitationRule {
        let name = r"(?:The\s)?\p{Lu}[\p{L}\p{N}.&'’-]*(?: [\p{L}\p{N}.&'’-]+){0,5}";
        let pattern = format!(r"\((?:{name})(?:,\s*(?:{}))?\)", citation_date_pattern());
        CitationRule {
            regex: super::super::compile_builtin(&pattern),
        }
    }

    const PIECES: &[&str] = &[
        "(",
        ")",
        ",",
        " ",
        "  ",
        "\n",
        "The",
        "The ",
        "Times",
        "Ekspress-K",
        "Время",
        "A",
        "b",
        "July 19",
        "19 July 2005",
        "July19",
        "2005",
        ".",
        "see",
    ];

    proptest::proptest! {
        #[test]
        fn counting_the_words_after_the_match_finds_what_the_bounded_pattern_finds(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            static RULES: std::sync::LazyLock<(CitationRule, CitationRule)> =
                std::sync::LazyLock::new(|| (CitationRule::new(), bounded()));
            let run = |rule: &CitationRule| {
                let mut c = Collector::new(&text);
                rule.run(&mut c);
                c.finish()
            };
            proptest::prop_assert_eq!(run(&RULES.0), run(&RULES.1));
        }
    }

    #[test]
    fn skips_acronyms_asides_and_dates_alone() {
        let text = "the Shanghai Cooperation Organization (SCO). He left (see above). \
                    It rained (July 19). Kazakhstan (Astana) met.";
        assert_eq!(citations(text), Vec::<(String, String)>::new());
    }

    #[test]
    fn the_region_is_the_sentence_before_the_parenthesis() {
        let text = "First one. He said it (Ekspress-K, July19). After. (Reuters)";
        let open = text.find("(E").unwrap();
        assert_eq!(cited_region(text, open), Span::new(11, open));
        let bare = text.rfind('(').unwrap();
        assert_eq!(
            cited_region(text, bare),
            Span::new(text.find("After").unwrap(), bare)
        );
    }
}
