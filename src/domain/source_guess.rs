//! The kind of a new source, guessed from its words and where it stands: a publication
//! when it is cited in parentheses ("(Ekspress-K, 12 May)"), an organisation when it
//! names a ministry, agency, office, committee… (`source_guess/organisation_words.txt`),
//! a person otherwise. The analyst changes a wrong guess with one key (relabel).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

#[cfg(test)]
mod tests;

/// The kind of source a span most likely is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceGuess {
    /// Cited in parentheses: a newspaper, an agency's wire.
    Publication,
    /// A ministry, an agency, an office, a committee…
    Organisation,
    /// Nothing says otherwise.
    Person,
}

impl SourceGuess {
    /// The name of the built-in source kind this guess stands for.
    pub fn label(self) -> &'static str {
        match self {
            SourceGuess::Publication => "publication",
            SourceGuess::Organisation => "organisation",
            SourceGuess::Person => "person",
        }
    }
}

static ORGANISATION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("source_guess/organisation_words.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// The kind of the source at byte range `span` of `text`. A span out of the text or off
/// its character boundaries is a person.
pub fn guess_source(text: &str, span: Range<usize>) -> SourceGuess {
    let Some(inside) = text.get(span.clone()) else {
        return SourceGuess::Person;
    };
    if is_cited(text, span) {
        SourceGuess::Publication
    } else if names_an_organisation(inside) {
        SourceGuess::Organisation
    } else {
        SourceGuess::Person
    }
}

/// Whether the span opens a parenthesised citation: `(` before it, and `,`, `;` or `)`
/// after it, with only spaces between, on one line.
fn is_cited(text: &str, span: Range<usize>) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\t', '\u{a0}']);
    let after = text[span.end..].trim_start_matches([' ', '\t', '\u{a0}']);
    before.ends_with('(') && after.starts_with([',', ';', ')'])
}

/// Whether one of the words is an organisation word, whatever its case.
fn names_an_organisation(words: &str) -> bool {
    words.split_word_bounds().any(|word| {
        let lower = word.to_lowercase();
        ORGANISATION_WORDS.contains(lower.as_str())
            || lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("\u{2019}s"))
                .is_some_and(|stem| ORGANISATION_WORDS.contains(stem))
    })
}
