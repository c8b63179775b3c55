//! How a capitalised run or a phrase before an attribution cue becomes a speaker.
//! Shared by the attribution and quoted-speech rules.

use std::sync::LazyLock;

use crate::domain::model::{Kind, Span};
use crate::extract::lexicon::{
    is_place_word, DETERMINERS, FUNCTION_WORDS, NATIONALITY_WORDS, ORG_ROLE_NOUNS, ROLE_NOUNS,
};
use crate::extract::suggestion::{Attrs, Suggestion};
use crate::extract::text::{is_capitalised, word_before, word_ending_at, RunWord};

use super::titles::{direct_titles, TitledName};
use super::word_class::{classify_run, WordClass};

/// Someone who makes or withholds a statement, found next to an attribution cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Speaker {
    /// Where the speaker is named or described.
    pub span: Span,
    /// The source kind: `person`, `organisation` or `anonymous`.
    pub label: &'static str,
    /// `anonymous` or `partial` for sources not named, else `None`.
    pub anonymity: Option<&'static str>,
}

impl Speaker {
    /// The speaker as a source suggestion.
    pub(crate) fn suggestion(&self, rule: &'static str, score: f64) -> Suggestion {
        let suggestion = Suggestion::new(Kind::Source, self.label, self.span, rule, score);
        match self.anonymity {
            Some(anonymity) => suggestion.with_attrs(anonymity_attrs(anonymity)),
            None => suggestion,
        }
    }
}

/// The attributes of a source not named: its `anonymity`, in a list shared by all the
/// sources with the same.
fn anonymity_attrs(anonymity: &'static str) -> Attrs {
    fn list(anonymity: &'static str) -> Attrs {
        Attrs::from_sorted(vec![("anonymity".into(), anonymity.into())])
    }
    static ANONYMOUS: LazyLock<Attrs> = LazyLock::new(|| list("anonymous"));
    static PARTIAL: LazyLock<Attrs> = LazyLock::new(|| list("partial"));
    match anonymity {
        "anonymous" => ANONYMOUS.clone(),
        "partial" => PARTIAL.clone(),
        other => list(other),
    }
}

/// Buffers [`speaker_from_run`] reuses from one run to the next.
#[derive(Default)]
pub(crate) struct SpeakerScratch {
    classes: Vec<WordClass>,
    titled: Vec<TitledName>,
}

/// The speaker a capitalised run names: the person after a title ("Deputy Interior
/// Minister Bakhtiyor Nazarov" → "Bakhtiyor Nazarov"), an organisation ("the Foreign
/// Ministry of Kazakhstan"), a capital standing for its government ("Tashkent"), or a
/// person's name. `None` for runs that name no one ("However", "Kazakh").
pub(crate) fn speaker_from_run(
    text: &str,
    run: &[RunWord],
    scratch: &mut SpeakerScratch,
) -> Option<Speaker> {
    let SpeakerScratch { classes, titled } = scratch;
    classify_run(text, run, classes);
    let first = classes.iter().position(|c| {
        !matches!(
            c,
            WordClass::Stop | WordClass::Connector | WordClass::Calendar
        )
    })?;
    let (run, classes) = (&run[first..], &classes[first..]);
    let last = run.last()?;
    if classes.contains(&WordClass::TitleHead) {
        titled.clear();
        direct_titles(run, classes, titled);
        if let Some(t) = titled.last().filter(|t| t.name.end == last.word.end) {
            return Some(Speaker {
                span: t.name,
                label: "person",
                anonymity: None,
            });
        }
    }
    let span = Span::new(run[0].word.start, last.word.end);
    let label = if classes.contains(&WordClass::Org) {
        "organisation"
    } else if classes.iter().all(|c| *c == WordClass::Nationality) {
        return None;
    } else if classes.iter().all(|c| c.is_name()) {
        "person"
    } else {
        "organisation"
    };
    Some(Speaker {
        span,
        label,
        anonymity: None,
    })
}

/// A description of an unnamed speaker ending at `end`: up to four words before a role
/// noun, from the determiner that opens it ("The same official", "Pakistani military
/// authorities"). Bodies ("authorities", "ministry") are organisations; people are
/// anonymous sources identified by role only.
pub(crate) fn role_phrase_before(text: &str, floor: usize, end: usize) -> Option<Speaker> {
    let head = word_before(text, end).filter(|w| w.start >= floor)?;
    if !ROLE_NOUNS.contains(head.text(text)) {
        return None;
    }
    let mut start = head.start;
    for _ in 0..4 {
        let Some(w) = start
            .checked_sub(1)
            .and_then(|space| word_ending_at(text, space))
        else {
            break;
        };
        if w.start < floor {
            break;
        }
        let word = w.text(text);
        if DETERMINERS.contains(word) {
            start = w.start;
            break;
        }
        let capitalised = is_capitalised(word);
        if FUNCTION_WORDS.contains(word)
            || (capitalised && !NATIONALITY_WORDS.contains(word) && !is_place_word(word))
        {
            break;
        }
        start = w.start;
    }
    let (label, anonymity) = if ORG_ROLE_NOUNS.contains(head.text(text)) {
        ("organisation", None)
    } else {
        ("anonymous", Some("partial"))
    };
    Some(Speaker {
        span: Span::new(start, end),
        label,
        anonymity,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::for_each_cap_run;

    fn speaker(text: &str) -> Option<(String, &'static str)> {
        let mut last = None;
        let mut buf = Vec::new();
        for_each_cap_run(text, 0, text.len(), &mut buf, |run| {
            last = speaker_from_run(text, run, &mut SpeakerScratch::default())
                .map(|s| (text[s.span.start..s.span.end].to_string(), s.label));
        });
        last
    }

    #[test]
    fn runs_become_people_organisations_or_nothing() {
        assert_eq!(
            speaker("Deputy Interior Minister Bakhtiyor Nazarov"),
            Some(("Bakhtiyor Nazarov".into(), "person"))
        );
        assert_eq!(
            speaker("But the Foreign Ministry of Kazakhstan"),
            Some(("Foreign Ministry of Kazakhstan".into(), "organisation"))
        );
        assert_eq!(
            speaker("Col. Daler Sharipov"),
            Some(("Daler Sharipov".into(), "person"))
        );
        assert_eq!(
            speaker("Tashkent"),
            Some(("Tashkent".into(), "organisation"))
        );
        assert_eq!(speaker("Sharipov"), Some(("Sharipov".into(), "person")));
        assert_eq!(speaker("Kazakh"), None);
        assert_eq!(speaker("However"), None);
    }

    #[test]
    fn role_phrases_describe_unnamed_speakers() {
        let text = "The same official";
        let s = role_phrase_before(text, 0, text.len()).unwrap();
        assert_eq!(
            (s.span, s.label, s.anonymity),
            (Span::new(0, text.len()), "anonymous", Some("partial"))
        );
        let text = "seized, Pakistani military authorities";
        let s = role_phrase_before(text, 0, text.len()).unwrap();
        assert_eq!(&text[s.span.start..], "Pakistani military authorities");
        assert_eq!(s.label, "organisation");
        assert_eq!(role_phrase_before("the passports", 0, 13), None);
    }
}
