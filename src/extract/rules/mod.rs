//! The default rules, one file per rule family, tuned on news analysis: officials
//! asserting, denying and refusing comment, newspapers cited in parentheses.

pub(crate) mod attribution;
pub(crate) mod citations;
pub(crate) mod dates;
pub(crate) mod names;
pub(crate) mod nationalities;
pub(crate) mod places;
pub(crate) mod quotes;
pub(crate) mod speaker;
pub(crate) mod titles;
pub(crate) mod word_class;
pub(crate) mod word_lists;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use regex::Regex;

use crate::domain::model::Span;

use super::collector::Collector;
use super::text::{char_at, char_before, for_each_cap_run, is_word_char};
use word_class::classify_run;

/// A default rule, by the name it is turned off with in `extract.disable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DefaultRule {
    /// `dates`: calendar and relative dates → DATE.
    Dates,
    /// `citation`: "(Publication, Month Day)" → a publication source and a DATE.
    Citation,
    /// `attribution`: said/told/denied/refused to comment… → a claim and its speaker.
    Attribution,
    /// `quoted-speech`: words in quotation marks → a direct-quote claim.
    QuotedSpeech,
    /// `title-name`: a name after a title or an office description → PERSON.
    TitleName,
    /// `capitalised-names`: runs of capitalised words → PERSON/ORG/GPE/LOC/NORP guess.
    CapitalisedNames,
    /// `nationalities`: nationality adjectives and demonyms → NORP.
    Nationalities,
    /// `places`: built-in places of Central and South Asia → GPE/LOC.
    Places,
}

impl DefaultRule {
    /// Every default rule, in the order they run.
    pub const ALL: [DefaultRule; 8] = [
        DefaultRule::Dates,
        DefaultRule::Citation,
        DefaultRule::Attribution,
        DefaultRule::QuotedSpeech,
        DefaultRule::TitleName,
        DefaultRule::CapitalisedNames,
        DefaultRule::Nationalities,
        DefaultRule::Places,
    ];

    /// The rule's name, as written in suggestions and in `extract.disable`.
    pub fn name(self) -> &'static str {
        match self {
            DefaultRule::Dates => dates::NAME,
            DefaultRule::Citation => citations::NAME,
            DefaultRule::Attribution => attribution::NAME,
            DefaultRule::QuotedSpeech => quotes::NAME,
            DefaultRule::TitleName => titles::NAME,
            DefaultRule::CapitalisedNames => names::NAME,
            DefaultRule::Nationalities => nationalities::NAME,
            DefaultRule::Places => places::NAME,
        }
    }

    /// The rule's fixed confidence, given to every suggestion it makes.
    pub fn score(self) -> f64 {
        match self {
            DefaultRule::Dates => dates::SCORE,
            DefaultRule::Citation => citations::SCORE,
            DefaultRule::Attribution => attribution::SCORE,
            DefaultRule::QuotedSpeech => quotes::SCORE,
            DefaultRule::TitleName => titles::SCORE,
            DefaultRule::CapitalisedNames => names::SCORE,
            DefaultRule::Nationalities => nationalities::SCORE,
            DefaultRule::Places => places::SCORE,
        }
    }

    /// The default rule called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<DefaultRule> {
        DefaultRule::ALL
            .into_iter()
            .find(|rule| rule.name() == name)
    }
}

/// The default rules, compiled once.
#[derive(Debug, Clone)]
pub(crate) struct BuiltinRules {
    dates: dates::DateRule,
    citations: citations::CitationRule,
    attribution: attribution::AttributionRule,
    quotes: quotes::QuoteRule,
    word_lists: word_lists::WordListRules,
}

impl BuiltinRules {
    /// Compiles every default rule.
    pub(crate) fn new() -> Self {
        BuiltinRules {
            dates: dates::DateRule::new(),
            citations: citations::CitationRule::new(),
            attribution: attribution::AttributionRule::new(),
            quotes: quotes::QuoteRule::new(),
            word_lists: word_lists::WordListRules::new(),
        }
    }

    /// Runs the rules in `enabled` over the collector's text.
    pub(crate) fn run(&self, enabled: &[DefaultRule], c: &mut Collector) {
        let titles = enabled.contains(&DefaultRule::TitleName);
        let names = enabled.contains(&DefaultRule::CapitalisedNames);
        let nationalities = enabled.contains(&DefaultRule::Nationalities);
        let places = enabled.contains(&DefaultRule::Places);
        for rule in enabled {
            match rule {
                DefaultRule::Dates => self.dates.run(c),
                DefaultRule::Citation => self.citations.run(c),
                DefaultRule::Attribution => self.attribution.run(c),
                DefaultRule::QuotedSpeech => self.quotes.run(c),
                DefaultRule::TitleName => run_capitalised(c, true, names),
                DefaultRule::CapitalisedNames if !titles => run_capitalised(c, false, true),
                DefaultRule::CapitalisedNames => {}
                DefaultRule::Nationalities => self.word_lists.run(c, true, places),
                DefaultRule::Places if !nationalities => self.word_lists.run(c, false, true),
                DefaultRule::Places => {}
            }
        }
    }
}

/// The `title-name` and `capitalised-names` rules, in one pass over the capitalised
/// runs of the text. Name guesses are handed over as they are made; titled names when
/// the pass is over (a name's titles may be found at different runs).
pub(crate) fn run_capitalised(c: &mut Collector, titles: bool, names: bool) {
    let text = c.text;
    let mut title_finder = titles.then(titles::TitleFinder::default);
    let mut name_guesser = names.then(names::NameGuesser::default);
    let mut classes = Vec::new();
    let mut buf = Vec::new();
    for_each_cap_run(text, 0, text.len(), &mut buf, |run| {
        classify_run(text, run, &mut classes);
        if let Some(t) = title_finder.as_mut() {
            t.on_run(text, run, &classes);
        }
        if let Some(n) = name_guesser.as_mut() {
            n.on_run(c, run, &classes);
        }
    });
    if let Some(t) = title_finder {
        t.finish(c);
    }
}

/// Compiles a built-in pattern. The patterns are constants checked by the tests, so a
/// failure here is a bug in scholia, not bad input. Its runs of whitespace (`\s+`,
/// `\s*`) never hold a blank line: no rule matches across a paragraph break.
pub(crate) fn compile_builtin(pattern: &str) -> Regex {
    Regex::new(&within_paragraph(pattern)).expect("built-in extraction patterns compile")
}

/// `pattern` with each `\s+` and `\s*` made to match whitespace with at most one
/// newline in it, so that no match runs across a paragraph break (a blank line).
fn within_paragraph(pattern: &str) -> String {
    pattern
        .replace(r"\s+", r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)")
        .replace(r"\s*", r"(?:[^\S\n]*\n?[^\S\n]*)")
}

/// Built-in words matched as written, whole words only: a leftmost-longest automaton
/// (a DFA: the lists are small) tried only where a word may start, with the byte pairs
/// the words open with, so that most of the text is passed over a byte at a time.
#[derive(Debug, Clone)]
pub(crate) struct WholeWords {
    automaton: AhoCorasick,
    /// Whether a word starts with each byte.
    first: [bool; 256],
    /// Whether a word starts with each pair of bytes (first × 256 + second); a word of
    /// one byte marks every pair it opens.
    pairs: Vec<bool>,
}

impl WholeWords {
    /// Compiles `words` (none empty).
    pub(crate) fn new(words: &[&str]) -> Self {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .build(words)
            .expect("built-in word lists compile");
        let mut first = [false; 256];
        let mut pairs = vec![false; 256 * 256];
        for word in words {
            match word.as_bytes() {
                [] => {}
                [b] => {
                    first[usize::from(*b)] = true;
                    let from = usize::from(*b) * 256;
                    pairs[from..from + 256].fill(true);
                }
                [b, c, ..] => {
                    first[usize::from(*b)] = true;
                    pairs[usize::from(*b) * 256 + usize::from(*c)] = true;
                }
            }
        }
        WholeWords {
            automaton,
            first,
            pairs,
        }
    }

    /// Whether a word may start at `i`, judging by its first two bytes.
    fn may_start(&self, bytes: &[u8], i: usize) -> bool {
        let b = usize::from(bytes[i]);
        match bytes.get(i + 1) {
            Some(&c) => self.pairs[b * 256 + usize::from(c)],
            None => self.first[b],
        }
    }

    /// The leftmost-longest matches in `text` that are whole words, with the index of
    /// the word matched. When the longest match at a place is part of a longer word
    /// ("Central Asia" in "Central Asian"), the search goes on from the next character,
    /// so a shorter whole word inside it ("Asian") is found.
    pub(crate) fn matches<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (Span, usize)> + 'a {
        let bytes = text.as_bytes();
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos < bytes.len() {
                let at = pos;
                pos += 1;
                // A word's first byte starts a character, so `at` is a char boundary.
                if !self.first[usize::from(bytes[at])]
                    || !self.may_start(bytes, at)
                    || char_before(text, at).is_some_and(is_word_char)
                {
                    continue;
                }
                let input = Input::new(text)
                    .span(at..text.len())
                    .anchored(Anchored::Yes);
                let Some(m) = self.automaton.find(input) else {
                    continue;
                };
                if !char_at(text, m.end()).is_some_and(is_word_char) {
                    pos = m.end();
                    return Some((Span::new(m.start(), m.end()), m.pattern().as_usize()));
                }
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for rule in DefaultRule::ALL {
            assert_eq!(DefaultRule::from_name(rule.name()), Some(rule));
            assert!((0.0..=1.0).contains(&rule.score()));
        }
        assert_eq!(DefaultRule::from_name("nope"), None);
    }

    /// The leftmost-longest whole-word matches found by searching on from each match
    /// with an unanchored automaton, as [`WholeWords`] did before it tried only the
    /// places a word may start at.
    fn unanchored_matches(words: &[&str], text: &str) -> Vec<(Span, usize)> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = automaton.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            if !char_before(text, m.start()).is_some_and(is_word_char)
                && !char_at(text, m.end()).is_some_and(is_word_char)
            {
                out.push((Span::new(m.start(), m.end()), m.pattern().as_usize()));
                pos = m.end();
            } else {
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    const WORDS: &[&str] = &[
        "Central Asia",
        "Asian",
        "Asia",
        "Kazakh",
        "K",
        "Ак",
        "Ак Су",
    ];
    const PIECES: &[&str] = &[
        " ",
        "-",
        "’",
        "'s",
        ".",
        "Central",
        "Asia",
        "Asian",
        "Kazakh",
        "Kazakhstan",
        "K",
        "Ак",
        "Су",
        "x",
        "é",
        "\u{301}",
    ];

    proptest::proptest! {
        #[test]
        fn whole_words_are_those_an_unanchored_search_finds(
            picks in proptest::collection::vec(0..PIECES.len(), 0..24)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let found: Vec<_> = WholeWords::new(WORDS).matches(&text).collect();
            proptest::prop_assert_eq!(found, unanchored_matches(WORDS, &text));
        }
    }

    #[test]
    fn builtin_whitespace_holds_no_blank_line() {
        let spaces = compile_builtin(r"^a\s+b$");
        let maybe = compile_builtin(r"^a,\s*b$");
        for gap in [" ", "\n", " \n  ", "\t\r\n", "\r\n "] {
            assert!(spaces.is_match(&format!("a{gap}b")), "{gap:?}");
            assert!(maybe.is_match(&format!("a,{gap}b")), "{gap:?}");
        }
        assert!(maybe.is_match("a,b"));
        for gap in ["\n\n", " \n \n ", "\r\n\r\n", "\n\t\n"] {
            assert!(!spaces.is_match(&format!("a{gap}b")), "{gap:?}");
            assert!(!maybe.is_match(&format!("a,{gap}b")), "{gap:?}");
        }
    }

    #[test]
    fn builtin_rules_compile() {
        let rules = BuiltinRules::new();
        let mut c = Collector::new("");
        rules.run(&DefaultRule::ALL, &mut c);
        assert!(c.finish().is_empty());
    }
}
