//! What a word of a capitalised run is (a name word, a title, an organisation word…),
//! from the built-in word lists. Shared by the title, name and speaker finders; it
//! depends on none of them.

use std::sync::LazyLock;

use crate::extract::lexicon::{
    capitalise, WordList, WordMap, LOC_KEYWORDS, MONTH_WORDS, NATIONALITY_WORDS, OFFICE_WORDS,
    ORG_KEYWORDS, PLACE_WORDS, STOP_CAPS, TITLE_HEADS, WEEKDAY_WORDS,
};
use crate::extract::text::{is_all_caps, Part, RunWord};

/// What a word of a capitalised run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// "of", "the"… between capitalised words.
    Connector,
    /// A word that heads a title ("Minister", "Col.").
    TitleHead,
    /// A function word or heading word ("The", "However", "Volume").
    Stop,
    /// A month or weekday name.
    Calendar,
    /// A word that marks an organisation ("Ministry").
    Org,
    /// A word that marks a geographic location ("Valley").
    Loc,
    /// A word that qualifies an office ("Deputy", "Interior").
    Office,
    /// A place of the built-in list ("Kazakhstan").
    Place,
    /// A nationality ("Kazakh").
    Nationality,
    /// A word in capitals ("AFP").
    Acronym,
    /// Anything else capitalised: probably part of a name.
    Name,
}

impl WordClass {
    /// Whether the word can be part of a person's name.
    pub(crate) fn is_name(self) -> bool {
        self == WordClass::Name
    }
}

/// The class of every listed capitalised word, the first list holding a word winning:
/// function words, calendar, organisation, title, location, office, place, nationality.
static CLASSES: LazyLock<WordMap<WordClass>> = LazyLock::new(|| {
    let mut map: WordMap<WordClass> = WordMap::default();
    let lists: [(&WordList, WordClass); 9] = [
        (&STOP_CAPS, WordClass::Stop),
        (&MONTH_WORDS, WordClass::Calendar),
        (&WEEKDAY_WORDS, WordClass::Calendar),
        (&ORG_KEYWORDS, WordClass::Org),
        (&TITLE_HEADS, WordClass::TitleHead),
        (&LOC_KEYWORDS, WordClass::Loc),
        (&OFFICE_WORDS, WordClass::Office),
        (&PLACE_WORDS, WordClass::Place),
        (&NATIONALITY_WORDS, WordClass::Nationality),
    ];
    for (list, class) in lists {
        for word in list.words() {
            map.entry(capitalise(word)).or_insert(class);
        }
    }
    map
});

/// For each opening of a listed word (see [`opening`]), the lengths the listed words
/// with that opening have (bit `len.min(31)`): a word whose bit is clear is in no list
/// and is not looked up, as most words of names are not.
static OPENINGS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut openings = vec![0; 1 << 12];
    for word in CLASSES.keys() {
        openings[opening(word)] |= length_bit(word);
    }
    openings
});

/// The low six bits of a word's first two bytes, together.
fn opening(word: &str) -> usize {
    let bytes = word.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let second = bytes.get(1).copied().unwrap_or(0);
    (usize::from(first & 0x3F) << 6) | usize::from(second & 0x3F)
}

/// The bit of a word's length in [`OPENINGS`].
fn length_bit(word: &str) -> u32 {
    1 << word.len().min(31)
}

/// The class `word` has in the lists, if it is listed.
fn listed_class(word: &str) -> Option<WordClass> {
    if OPENINGS[opening(word)] & length_bit(word) == 0 {
        return None;
    }
    CLASSES.get(word).copied()
}

/// What `word` (a word of a capitalised run) is.
pub(crate) fn classify(text: &str, word: &RunWord) -> WordClass {
    match word.part {
        Part::Connector => return WordClass::Connector,
        Part::Title => return WordClass::TitleHead,
        Part::Initial => return WordClass::Name,
        Part::Cap => {}
    }
    let w = word.word.text(text);
    match listed_class(w) {
        Some(class) => class,
        None if is_all_caps(w) => WordClass::Acronym,
        None => WordClass::Name,
    }
}

/// Fills `out` with the class of each word of `run`.
pub(crate) fn classify_run(text: &str, run: &[RunWord], out: &mut Vec<WordClass>) {
    out.clear();
    out.extend(run.iter().map(|w| classify(text, w)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_looked_up() {
        for (word, class) in CLASSES.iter() {
            assert_eq!(listed_class(word), Some(*class), "{word}");
        }
        assert_eq!(listed_class("Nazarov"), None);
    }
}
