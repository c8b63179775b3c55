//! Fuzzy filtering of short names (the picker, the palette, lists filtered by name) with
//! helix's matcher, `nucleo-matcher`.
//!
//! A query is read as helix reads it: words separated by spaces, each of which must
//! match; a word matches the characters it holds in order, with gaps (`ekk` matches
//! "Ekspress-K"). A word may start with `'` (the characters without gaps), `^` (at the
//! start), `!` (must not match), or end with `$` (at the end); a backslash keeps any of
//! these, or a space, as a plain character. Case is ignored, and a query without
//! diacritics matches names with them (`e` matches "é"). Higher scores go to runs of
//! consecutive characters and to matches at the start of words.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

/// A query ready to score many names: build one per query, then call
/// [`FuzzyFilter::score`] or [`FuzzyFilter::rank`] for the names to filter.
pub struct FuzzyFilter {
    pattern: Pattern,
    matcher: Matcher,
    /// The characters of the name being scored (reused between names).
    chars: Vec<char>,
}

impl std::fmt::Debug for FuzzyFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FuzzyFilter")
            .field("atoms", &self.pattern.atoms.len())
            .finish_non_exhaustive()
    }
}

impl FuzzyFilter {
    /// The filter for `query`; an empty (or blank) query matches every name.
    pub fn new(query: &str) -> Self {
        FuzzyFilter {
            pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(config()),
            chars: Vec::new(),
        }
    }

    /// How well `name` matches the query, higher is better; `None` when it does not.
    pub fn score(&mut self, name: &str) -> Option<u32> {
        let haystack = haystack(name, &mut self.chars);
        self.pattern.score(haystack, &mut self.matcher)
    }

    /// The positions in `names` of those that match, best first; names that score the
    /// same keep their order (so an empty query keeps every name where it was).
    pub fn rank<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
        let mut scored: Vec<(u32, usize)> = names
            .into_iter()
            .enumerate()
            .filter_map(|(i, name)| self.score(name).map(|score| (score, i)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }
}

/// The matcher's settings: helix's, and a small bonus for matching near the start,
/// since people type the start of the name they want.
fn config() -> Config {
    let mut config = Config::DEFAULT;
    config.prefer_prefix = true;
    config
}

/// `name` as the matcher reads it: one character per grapheme cluster (its first), kept
/// in `chars`. (`Utf32Str::new` falls back to the bytes when those first characters are
/// all ASCII, which would make positions count bytes after a combining mark.)
fn haystack<'a>(name: &'a str, chars: &'a mut Vec<char>) -> Utf32Str<'a> {
    if name.is_ascii() {
        return Utf32Str::Ascii(name.as_bytes());
    }
    chars.clear();
    chars.extend(name.graphemes(true).filter_map(|g| g.chars().next()));
    Utf32Str::Unicode(chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_query_must_match_in_any_order() {
        let mut f = FuzzyFilter::new("sultan shau");
        assert!(f.score("Shaukat Sultan").is_some());
        assert!(f.score("Sultan Qaboos").is_none());
    }

    #[test]
    fn case_and_diacritics_are_ignored_also_outside_ascii() {
        assert!(FuzzyFilter::new("ДУТ").score("Нартай Дутбаев").is_some());
        assert!(FuzzyFilter::new("дут").score("НАРТАЙ ДУТБАЕВ").is_some());
        assert!(FuzzyFilter::new("sao").score("São Paulo").is_some());
    }

    #[test]
    fn word_starts_and_runs_rank_first_and_ties_keep_their_order() {
        let mut f = FuzzyFilter::new("ac");
        let names = ["back", "accept-all", "accept", "cancel"];
        assert_eq!(f.rank(names), vec![1, 2, 0, 3]);
        assert_eq!(FuzzyFilter::new(" ").rank(names), vec![0, 1, 2, 3]);
    }

    #[test]
    fn helix_syntax_excludes_and_anchors() {
        let names = ["accept", "accept-all", "reject"];
        assert_eq!(FuzzyFilter::new("acc !all").rank(names), vec![0]);
        assert_eq!(FuzzyFilter::new("^re").rank(names), vec![2]);
        assert_eq!(FuzzyFilter::new("all$").rank(names), vec![1]);
    }

    #[test]
    fn a_combining_mark_is_part_of_its_letter() {
        // "é" written as e + a combining accent: `ab` follows it directly.
        let names = ["e\u{301}ab", "exaxb"];
        assert_eq!(FuzzyFilter::new("ab").rank(names), vec![0, 1]);
        assert_eq!(FuzzyFilter::new("eab").rank(names), vec![0, 1]);
    }
}
