//! Where a phrase occurs in a text as whole words: the same characters and case, the
//! words separated by any run of whitespace (a name broken over two lines is still the
//! name), and no word of the text cut at either end. Words are the segmenter's
//! (`segment::words_in`), with one allowance: a possessive `'s` after the last word
//! ("Sultan's") does not hide the name.

use std::ops::Range;

use regex::RegexBuilder;

use super::segment;

/// The most memory the phrase's compiled pattern may take, in bytes.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// The phrase with every run of whitespace made one space and none at either end: what
/// two occurrences share when they are the same words.
pub fn words_of(phrase: &str) -> String {
    phrase.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The byte ranges of `text` where `phrase` occurs as whole words, in order, not
/// overlapping. Empty when the phrase holds no word or is too long to look for.
pub fn whole_word_occurrences(text: &str, phrase: &str) -> Vec<Range<usize>> {
    let pieces: Vec<String> = phrase.split_whitespace().map(regex::escape).collect();
    if pieces.is_empty() {
        return Vec::new();
    }
    let Ok(pattern) = RegexBuilder::new(&pieces.join(r"\s+"))
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
    else {
        return Vec::new();
    };
    pattern
        .find_iter(text)
        .map(|m| m.range())
        .filter(|range| holds_whole_words(text, range))
        .collect()
}

/// Whether no word of `text` crosses either end of `range` (a possessive after it
/// aside), and `range` holds at least one word.
fn holds_whole_words(text: &str, range: &Range<usize>) -> bool {
    let words = segment::words_in(text, range.clone());
    !words.is_empty()
        && words.iter().all(|word| {
            word.start >= range.start
                && (word.end <= range.end || is_possessive(&text[range.end..word.end]))
        })
}

/// Whether `tail` is what a possessive adds to a word: `'s` or a bare apostrophe.
fn is_possessive(tail: &str) -> bool {
    matches!(tail, "'s" | "’s" | "'" | "’")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, phrase: &str) -> Vec<&'a str> {
        whole_word_occurrences(text, phrase)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn whole_words_only_in_any_script() {
        let text = "Москва, 🙂Москва и Москвабад; Подмосква. Moscow's Moscow and Moscowite";
        assert_eq!(found(text, "Москва"), vec!["Москва", "Москва"]);
        assert_eq!(found(text, "Moscow"), vec!["Moscow", "Moscow"]);
        assert_eq!(
            whole_word_occurrences(text, "Москва")[1].start,
            "Москва, 🙂".len()
        );
    }

    #[test]
    fn case_is_kept_and_whitespace_runs_are_one_space() {
        let text = "Shaukat Sultan, shaukat sultan and Shaukat\n  Sultan.";
        assert_eq!(
            found(text, "Shaukat Sultan"),
            vec!["Shaukat Sultan", "Shaukat\n  Sultan"]
        );
        assert_eq!(words_of(" Shaukat\n  Sultan "), "Shaukat Sultan");
    }

    #[test]
    fn a_phrase_with_no_word_or_no_text_finds_nothing() {
        assert!(whole_word_occurrences("a - b - c", "-").is_empty());
        assert!(whole_word_occurrences("abc", "  ").is_empty());
        assert_eq!(found("(a) (a)", "(a)"), vec!["(a)", "(a)"]);
    }
}
