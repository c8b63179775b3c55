//! Rule `capitalised-names`: runs of two to four capitalised words (longer for
//! organisations joined by "of", "the", "for"…), without sentence-initial function
//! words, month names or titles, guessed as ORG (an organisation keyword such as
//! "Ministry" or "Committee"), LOC ("Valley", "River"), GPE (a built-in place), NORP
//! ("Central Asian") or else PERSON. A low-confidence guess for review.

use crate::domain::model::{Kind, Span};
use crate::extract::collector::{Collector, NAME_GUESS_RULE};
use crate::extract::lexicon::place_label;
use crate::extract::suggestion::Suggestion;
use crate::extract::text::RunWord;

use super::word_class::WordClass;

/// The rule's name.
pub(crate) const NAME: &str = NAME_GUESS_RULE;
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.4;

/// The most capitalised words in a name that is not an organisation.
const MAX_WORDS: usize = 4;
/// The most capitalised words in an organisation's name.
const MAX_ORG_WORDS: usize = 8;

/// The rule's state during the pass over the capitalised runs.
#[derive(Default)]
pub(crate) struct NameGuesser {
    segments: Vec<(usize, usize)>,
}

impl NameGuesser {
    /// Looks at one capitalised run (its words classified in `classes`) and hands the
    /// names it guesses to the collector.
    pub(crate) fn on_run(&mut self, c: &mut Collector, run: &[RunWord], classes: &[WordClass]) {
        if run.len() < 2 {
            return;
        }
        let text = c.text;
        self.segments.clear();
        split(text, run, classes, &mut self.segments);
        for &(first, last) in &self.segments {
            if let Some(s) = guess(text, &run[first..=last], &classes[first..=last]) {
                c.push(s);
            }
        }
    }
}

/// Splits a run into candidate names (inclusive word ranges): function words, months
/// and titles are dropped, connectors are kept only inside organisation names, a
/// built-in place followed by another capitalised word ends a name ("…Committee of
/// Kazakhstan | Nartay Dutbayev"), and so do "and" and a possessive outside
/// organisations. A title word inside an organisation's name stays ("Office of the
/// Prosecutor General").
fn split(text: &str, run: &[RunWord], classes: &[WordClass], out: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    let mut has_org = false;
    let close = |start: &mut Option<usize>, end: usize, out: &mut Vec<(usize, usize)>| {
        if let Some(s) = start.take() {
            let mut e = end;
            while e > s && classes[e] == WordClass::Connector {
                e -= 1;
            }
            out.push((s, e));
        }
    };
    for (k, class) in classes.iter().enumerate() {
        match class {
            WordClass::Stop | WordClass::Calendar => {
                close(&mut start, k.saturating_sub(1), out);
                has_org = false;
                continue;
            }
            WordClass::TitleHead
                if has_org
                    && k > 0
                    && matches!(classes[k - 1], WordClass::Connector | WordClass::TitleHead) => {}
            WordClass::TitleHead => {
                if has_org {
                    close(&mut start, k.saturating_sub(1), out);
                } else {
                    start = None;
                }
                has_org = false;
                continue;
            }
            WordClass::Connector => {
                if !has_org || run[k].word.text(text) == "and" {
                    close(&mut start, k.saturating_sub(1), out);
                }
                continue;
            }
            _ => {}
        }
        if start.is_none() {
            start = Some(k);
            has_org = false;
        }
        has_org |= *class == WordClass::Org;
        let next = classes.get(k + 1);
        let place_ends = *class == WordClass::Place
            && next.is_some_and(|n| {
                !matches!(
                    n,
                    WordClass::Connector | WordClass::Org | WordClass::Loc | WordClass::Place
                )
            });
        if place_ends || (run[k].possessive && !has_org) || next.is_none() {
            close(&mut start, k, out);
            has_org = false;
        }
    }
}

/// The guess for one candidate name, if it is one: the right number of words, not a
/// heading in capitals.
fn guess(text: &str, words: &[RunWord], classes: &[WordClass]) -> Option<Suggestion> {
    let count = classes
        .iter()
        .filter(|c| **c != WordClass::Connector)
        .count();
    let has = |class: WordClass| classes.contains(&class);
    let max = if has(WordClass::Org) {
        MAX_ORG_WORDS
    } else {
        MAX_WORDS
    };
    if !(2..=max).contains(&count)
        || classes
            .iter()
            .all(|c| matches!(c, WordClass::Acronym | WordClass::Connector))
    {
        return None;
    }
    let span = Span::new(words.first()?.word.start, words.last()?.word.end);
    let label = if has(WordClass::Org) {
        "ORG"
    } else if has(WordClass::Loc) {
        "LOC"
    } else if let Some(label) = place_label(&text[span.start..span.end]) {
        label
    } else if has(WordClass::Place) {
        if classes.iter().any(|c| c.is_name()) {
            "ORG"
        } else {
            "GPE"
        }
    } else if classes.last() == Some(&WordClass::Nationality) {
        "NORP"
    } else {
        "PERSON"
    };
    Some(Suggestion::new(Kind::Entity, label, span, NAME, SCORE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        let mut c = Collector::new(text);
        super::super::run_capitalised(&mut c, false, true);
        c.finish()
            .into_iter()
            .map(|s| (s.text(text).unwrap().to_string(), s.label.into()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn guesses_people_organisations_and_places() {
        let text = "Deputy Chief of the National Security Committee of Kazakhstan Nartay \
                    Dutbayev spoke. The Embassy of Pakistan in Tashkent refused. In July \
                    Timur Saidov went to the Ferghana Valley and North Waziristan, with \
                    Central Asian states and the Interior Ministry's Department staff. The CIS \
                    Collective Security Treaty Organization and the Shanghai Cooperation \
                    Organization met the Office of the Prosecutor General.";
        assert_eq!(
            names(text),
            [
                pair("National Security Committee of Kazakhstan", "ORG"),
                pair("Nartay Dutbayev", "PERSON"),
                pair("Embassy of Pakistan in Tashkent", "ORG"),
                pair("Timur Saidov", "PERSON"),
                pair("Ferghana Valley", "LOC"),
                pair("North Waziristan", "GPE"),
                pair("Central Asian", "NORP"),
                pair("Interior Ministry's Department", "ORG"),
                pair("CIS Collective Security Treaty Organization", "ORG"),
                pair("Shanghai Cooperation Organization", "ORG"),
                pair("Office of the Prosecutor General", "ORG"),
            ]
        );
    }

    #[test]
    fn skips_headings_single_words_and_function_words() {
        let text = "MILITANTS IN NORTHERN PAKISTAN. However Kazakhstan said. On March 8 The \
                    Times. Sarybel and Kuruk-Sai.";
        assert_eq!(names(text), Vec::<(String, String)>::new());
    }
}
