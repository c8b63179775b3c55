//! Rule `places`: a built-in list of countries, capitals, cities and regions of Central
//! and South Asia and their neighbours ("Kazakhstan", "Tashkent", "North Waziristan",
//! "Ferghana Valley"), whole words, as written. Suggests GPE (or LOC for regions such
//! as "Central Asia") entities. The list is in `lexicon/places.txt`; matching is
//! shared with `nationalities` (see `word_lists.rs`).

/// The rule's name.
pub(crate) const NAME: &str = "places";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.75;

#[cfg(test)]
mod tests {
    use crate::extract::collector::Collector;

    #[test]
    fn finds_places_as_whole_words() {
        let text = "From Tashkent to North Waziristan and Central Asia, not Central Asian or Kazakhstan’s.";
        let rules = super::super::word_lists::WordListRules::new();
        let mut c = Collector::new(text);
        rules.run(&mut c, false, true);
        let found: Vec<_> = c
            .finish()
            .iter()
            .map(|s| (s.text(text).unwrap().to_string(), s.label.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                ("Tashkent".to_string(), "GPE".to_string()),
                ("North Waziristan".to_string(), "GPE".to_string()),
                ("Central Asia".to_string(), "LOC".to_string()),
                ("Kazakhstan".to_string(), "GPE".to_string()),
            ]
        );
    }
}
