//! The word lists the default rules share: months, function words, titles, organisation
//! and place keywords, places and nationalities of Central and South Asia.
//!
//! Lists are matched exactly; title heads are stored in lowercase and also matched
//! capitalised. The lists themselves are data files in `lexicon/`, one entry per line
//! with `#` comments (see docs/extract.md), compiled in and parsed once, on first use,
//! into the same sorted lists and maps as before.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A fast hash for fixed tables of short built-in words and for the words looked up
/// in them: eight bytes at a time, each step a rotation, an exclusive or and a
/// multiplication (as rustc's FxHash), where FNV took a multiplication per byte.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

/// The multiplier of [`WordHasher`] (from rustc-hash).
const WORD_HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(WORD_HASH_K);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The table picks a bucket by the low bits: bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte) | 0x100);
    }
}

/// A hash map keyed by built-in words.
pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A sorted word list with binary-search lookup; words are matched exactly.
pub(crate) struct WordList {
    words: Vec<&'static str>,
}

impl WordList {
    fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let mut words: Vec<&'static str> = words.into_iter().collect();
        words.sort_unstable();
        words.dedup();
        WordList { words }
    }

    /// Whether `word` is in the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.words.binary_search(&word).is_ok()
    }

    /// The words, sorted.
    pub(crate) fn words(&self) -> &[&'static str] {
        &self.words
    }
}

/// `word` with its first letter in uppercase.
pub(crate) fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The entries of a built-in list file: its lines, trimmed, without blank lines and
/// lines starting with `#`.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The `name = entity type` entries of the places file; an entry without `=` is
/// skipped (a unit test keeps the file free of them).
fn place_entries(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(data)
        .filter_map(|entry| entry.rsplit_once('='))
        .map(|(name, label)| (name.trim(), label.trim()))
}

const MONTHS_FILE: &str = include_str!("lexicon/months.txt");
const WEEKDAYS_FILE: &str = include_str!("lexicon/weekdays.txt");
const STOP_CAPS_FILE: &str = include_str!("lexicon/stop_caps.txt");
const TITLE_HEADS_FILE: &str = include_str!("lexicon/title_heads.txt");
const TITLE_ABBREVIATIONS_FILE: &str = include_str!("lexicon/title_abbreviations.txt");
const OTHER_ABBREVIATIONS_FILE: &str = include_str!("lexicon/other_abbreviations.txt");
const ORG_KEYWORDS_FILE: &str = include_str!("lexicon/org_keywords.txt");
const LOC_KEYWORDS_FILE: &str = include_str!("lexicon/loc_keywords.txt");
const OFFICE_WORDS_FILE: &str = include_str!("lexicon/office_words.txt");
const PLACES_FILE: &str = include_str!("lexicon/places.txt");
const NATIONALITIES_FILE: &str = include_str!("lexicon/nationalities.txt");
const ROLE_NOUNS_FILE: &str = include_str!("lexicon/role_nouns.txt");
const ORG_ROLE_NOUNS_FILE: &str = include_str!("lexicon/org_role_nouns.txt");
const FUNCTION_WORDS_FILE: &str = include_str!("lexicon/function_words.txt");
const DETERMINERS_FILE: &str = include_str!("lexicon/determiners.txt");

/// The entries of a list file as regex alternatives, in the order of the file.
fn alternatives(data: &'static str) -> String {
    let escaped: Vec<String> = entries(data).map(regex::escape).collect();
    escaped.join("|")
}

/// Month names, capitalised, as regex alternatives in calendar order
/// ("January|February|…").
pub(crate) static MONTHS: LazyLock<String> = LazyLock::new(|| alternatives(MONTHS_FILE));

/// Weekday names, capitalised, as regex alternatives ("Monday|Tuesday|…").
pub(crate) static WEEKDAYS: LazyLock<String> = LazyLock::new(|| alternatives(WEEKDAYS_FILE));

/// Month names (exact).
pub(crate) static MONTH_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(MONTHS_FILE)));

/// Weekday names (exact).
pub(crate) static WEEKDAY_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(WEEKDAYS_FILE)));

/// Capitalised words that start sentences or headings but are not part of names (exact).
pub(crate) static STOP_CAPS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(STOP_CAPS_FILE)));

/// Whether `word` is a lowercase word that may join capitalised words into one name
/// ("Committee of the Interior", "Embassy of Pakistan in Tashkent").
pub(crate) fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "al" | "and"
            | "bin"
            | "da"
            | "de"
            | "der"
            | "for"
            | "ibn"
            | "in"
            | "of"
            | "on"
            | "the"
            | "van"
            | "von"
    )
}

/// Nouns that name an office or role and head a title, in lowercase.
pub(crate) static TITLE_HEADS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(TITLE_HEADS_FILE)));

/// The title heads in lowercase and capitalised ("minister", "Minister").
static TITLE_HEAD_FORMS: LazyLock<WordMap<()>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for word in TITLE_HEADS.words() {
        map.insert(word.to_string(), ());
        map.insert(capitalise(word), ());
    }
    map
});

/// Whether `word` heads a title ("Minister", "spokesman", "attaché").
pub(crate) fn is_title_head(word: &str) -> bool {
    TITLE_HEAD_FORMS.contains_key(word)
}

/// Title abbreviations written with a full stop before a name ("Col. Daler Sharipov")
/// (exact, without the stop).
pub(crate) static TITLE_ABBREVIATIONS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(TITLE_ABBREVIATIONS_FILE)));

/// Abbreviations whose full stop does not end a sentence (exact, without the stop).
pub(crate) static OTHER_ABBREVIATIONS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(OTHER_ABBREVIATIONS_FILE)));

/// Capitalised words that mark an organisation (exact).
pub(crate) static ORG_KEYWORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(ORG_KEYWORDS_FILE)));

/// Capitalised words that mark a geographic location (exact).
pub(crate) static LOC_KEYWORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(LOC_KEYWORDS_FILE)));

/// Capitalised words that qualify an office or organisation and are never part of a
/// person's name (exact).
pub(crate) static OFFICE_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(OFFICE_WORDS_FILE)));

/// Places of Central and South Asia and their neighbours, with their entity type, in
/// the order of the file.
pub(crate) static PLACES: LazyLock<Vec<(&'static str, &'static str)>> =
    LazyLock::new(|| place_entries(PLACES_FILE).collect());

/// Every one-word place name, for telling place words from name words (exact).
pub(crate) static PLACE_WORDS: LazyLock<WordList> = LazyLock::new(|| {
    WordList::new(
        PLACES
            .iter()
            .filter(|(name, _)| !name.contains(' '))
            .map(|(name, _)| *name),
    )
});

/// Nationality adjectives, demonyms and religious groups, tagged NORP, in the order of
/// the file.
pub(crate) static NATIONALITIES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(NATIONALITIES_FILE).collect());

/// The nationality words, for lookups (exact).
pub(crate) static NATIONALITY_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(NATIONALITIES.iter().copied()));

/// Lowercase nouns for people or bodies that speak without being named
/// ("Pakistani sources", "the same official") (exact).
pub(crate) static ROLE_NOUNS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(ROLE_NOUNS_FILE)));

/// Role nouns that stand for an organisation rather than a person (exact).
pub(crate) static ORG_ROLE_NOUNS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(ORG_ROLE_NOUNS_FILE)));

/// Lowercase function words: never part of a title or a speaker's description (exact).
pub(crate) static FUNCTION_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(FUNCTION_WORDS_FILE)));

/// Determiners that open a description ("a Pakistani military official") (exact).
pub(crate) static DETERMINERS: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(entries(DETERMINERS_FILE)));

/// Whether `word` is a place word of the built-in list.
pub(crate) fn is_place_word(word: &str) -> bool {
    PLACE_WORDS.contains(word)
}

/// The entity type of each built-in place name (the first entry of a name wins).
static PLACE_LABELS: LazyLock<HashMap<&'static str, &'static str, BuildHasherDefault<WordHasher>>> =
    LazyLock::new(|| {
        let mut labels = HashMap::default();
        for (name, label) in PLACES.iter() {
            labels.entry(*name).or_insert(*label);
        }
        labels
    });

/// The entity type of a built-in place name, when `name` is one.
pub(crate) fn place_label(name: &str) -> Option<&'static str> {
    PLACE_LABELS.get(name).copied()
}

/// Every abbreviation of both lists, for the lookup at each full stop.
static ABBREVIATIONS: LazyLock<HashSet<&'static str, BuildHasherDefault<WordHasher>>> =
    LazyLock::new(|| {
        TITLE_ABBREVIATIONS
            .words()
            .iter()
            .chain(OTHER_ABBREVIATIONS.words())
            .copied()
            .collect()
    });

/// The byte length of the longest abbreviation of the lists: longer words are not
/// looked up.
static LONGEST_ABBREVIATION: LazyLock<usize> = LazyLock::new(|| {
    ABBREVIATIONS
        .iter()
        .map(|word| word.len())
        .max()
        .unwrap_or(0)
});

/// Whether `word` is a title abbreviation ("Col", "Gen") or any other abbreviation
/// whose full stop does not end a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    word.len() <= *LONGEST_ABBREVIATION && ABBREVIATIONS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list file, by name.
    const FILES: [(&str, &str); 15] = [
        ("months", MONTHS_FILE),
        ("weekdays", WEEKDAYS_FILE),
        ("stop_caps", STOP_CAPS_FILE),
        ("title_heads", TITLE_HEADS_FILE),
        ("title_abbreviations", TITLE_ABBREVIATIONS_FILE),
        ("other_abbreviations", OTHER_ABBREVIATIONS_FILE),
        ("org_keywords", ORG_KEYWORDS_FILE),
        ("loc_keywords", LOC_KEYWORDS_FILE),
        ("office_words", OFFICE_WORDS_FILE),
        ("places", PLACES_FILE),
        ("nationalities", NATIONALITIES_FILE),
        ("role_nouns", ROLE_NOUNS_FILE),
        ("org_role_nouns", ORG_ROLE_NOUNS_FILE),
        ("function_words", FUNCTION_WORDS_FILE),
        ("determiners", DETERMINERS_FILE),
    ];

    #[test]
    fn every_list_parses_is_not_empty_and_has_no_duplicates() {
        for (name, data) in FILES {
            let words: Vec<&str> = if name == "places" {
                let places: Vec<(&str, &str)> = place_entries(data).collect();
                assert_eq!(
                    places.len(),
                    entries(data).count(),
                    "every entry of {name} is `name = entity type`"
                );
                for (place, label) in &places {
                    assert!(!place.is_empty(), "{name}: an entry without a name");
                    assert!(
                        !label.is_empty() && label.chars().all(|c| c.is_ascii_uppercase()),
                        "{name}: {place} has the entity type {label:?}"
                    );
                }
                places.into_iter().map(|(place, _)| place).collect()
            } else {
                entries(data).collect()
            };
            assert!(!words.is_empty(), "{name} is empty");
            let mut sorted = words.clone();
            sorted.sort_unstable();
            for pair in sorted.windows(2) {
                assert_ne!(pair[0], pair[1], "{name} lists {:?} twice", pair[0]);
            }
        }
    }

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        let data = "# a comment\n\n  Alpha  \n#Beta\nGamma Delta\n";
        assert_eq!(entries(data).collect::<Vec<_>>(), ["Alpha", "Gamma Delta"]);
        let places = "# places\nNorth Ossetia = GPE\nno label\n";
        assert_eq!(
            place_entries(places).collect::<Vec<_>>(),
            [("North Ossetia", "GPE")]
        );
    }

    #[test]
    fn months_keep_calendar_order() {
        assert!(MONTHS.starts_with("January|February|March|"));
        assert!(MONTHS.ends_with("|November|December"));
        assert_eq!(
            *WEEKDAYS,
            "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
        );
    }

    #[test]
    fn org_role_nouns_are_role_nouns() {
        for word in ORG_ROLE_NOUNS.words() {
            assert!(ROLE_NOUNS.contains(word), "{word} is not a role noun");
        }
    }

    #[test]
    fn lookups_find_listed_words_only() {
        assert!(MONTH_WORDS.contains("July"));
        assert!(!MONTH_WORDS.contains("july"));
        assert!(is_title_head("Minister"));
        assert!(is_title_head("attaché"));
        assert!(is_title_head("Президент"));
        assert!(!is_title_head("citizen"));
        assert!(is_connector("of"));
        assert!(!is_connector("Of"));
        assert!(ORG_KEYWORDS.contains("Ministry"));
        assert!(is_place_word("Kazakhstan"));
        assert!(!is_place_word("North"));
        assert_eq!(place_label("Central Asia"), Some("LOC"));
        assert!(is_abbreviation("Col"));
        assert!(NATIONALITY_WORDS.contains("Uyghur"));
        let longest = TITLE_ABBREVIATIONS
            .words()
            .iter()
            .chain(OTHER_ABBREVIATIONS.words())
            .map(|w| w.len())
            .max();
        assert_eq!(longest, Some(*LONGEST_ABBREVIATION));
        assert!(is_abbreviation("approx"));
    }

    #[test]
    fn title_heads_are_lowercase() {
        for word in TITLE_HEADS.words() {
            assert_eq!(word.to_lowercase(), *word);
        }
    }
}
