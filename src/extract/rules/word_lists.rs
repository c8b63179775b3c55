//! The matching behind the `nationalities` and `places` rules: one leftmost-longest
//! automaton over both built-in lists, matched as written, whole words only, in one
//! pass over the text.

use crate::domain::model::Kind;
use crate::extract::collector::Collector;
use crate::extract::lexicon::{NATIONALITIES, PLACES};
use crate::extract::suggestion::Suggestion;

use super::{nationalities, places};

/// The compiled lists.
#[derive(Debug, Clone)]
pub(crate) struct WordListRules {
    words: super::WholeWords,
    /// For each pattern: whether it is a nationality (else a place), and its label.
    entries: Vec<(bool, &'static str)>,
}

impl WordListRules {
    /// Compiles both lists into one automaton.
    pub(crate) fn new() -> Self {
        let mut words: Vec<&str> = Vec::with_capacity(NATIONALITIES.len() + PLACES.len());
        let mut entries = Vec::with_capacity(words.capacity());
        for word in NATIONALITIES.iter() {
            words.push(word);
            entries.push((true, nationalities::LABEL));
        }
        for (name, label) in PLACES.iter() {
            words.push(name);
            entries.push((false, *label));
        }
        WordListRules {
            words: super::WholeWords::new(&words),
            entries,
        }
    }

    /// Suggests the nationalities and/or the places found in the collector's text.
    pub(crate) fn run(&self, c: &mut Collector, nationalities: bool, places: bool) {
        let text = c.text;
        for (span, pattern) in self.words.matches(text) {
            let (is_nationality, label) = self.entries[pattern];
            let (name, score) = if is_nationality {
                (nationalities::NAME, nationalities::SCORE)
            } else {
                (places::NAME, places::SCORE)
            };
            if (is_nationality && nationalities) || (!is_nationality && places) {
                c.push(Suggestion::new(Kind::Entity, label, span, name, score));
            }
        }
    }
}
