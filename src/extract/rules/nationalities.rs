//! Rule `nationalities`: nationality adjectives, demonyms and religious groups
//! ("Kazakh", "Uzbeks", "Pakistani", "Uyghur", "Muslims"), whole words, as written
//! (so "KAZAKH" in a heading in capitals is left alone). Suggests NORP entities. The
//! list is in `lexicon/nationalities.txt`; matching is shared with `places` (see
//! `word_lists.rs`).

/// The rule's name.
pub(crate) const NAME: &str = "nationalities";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.8;
/// The entity type it suggests.
pub(crate) const LABEL: &str = "NORP";

#[cfg(test)]
mod tests {
    use crate::extract::collector::Collector;

    #[test]
    fn finds_whole_nationality_words_only() {
        let text = "Kazakh citizens, Uzbeks and Afghan nationals in Kazakhstan; KAZAKH NATIONALS; Central Asian states.";
        let rules = super::super::word_lists::WordListRules::new();
        let mut c = Collector::new(text);
        rules.run(&mut c, true, false);
        let found: Vec<_> = c
            .finish()
            .iter()
            .map(|s| s.text(text).unwrap().to_string())
            .collect();
        assert_eq!(found, ["Kazakh", "Uzbeks", "Afghan", "Asian"]);
    }
}
