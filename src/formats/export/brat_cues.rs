//! The words that report a claim, written back where a brat attribution event had them.
//!
//! The brat importer keeps an attribution event's own type and where its trigger and
//! `Cue` argument were as the claim's attributes (`attribution`, `cue_at`, `cue_label`,
//! `trigger_at`; see `formats::brat::names`), next to the words themselves (`cue`).
//! This module reads them back for the exporter: the trigger and cue annotations to
//! write, checked against the article, since a position is only worth writing while it
//! still holds the words.

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Span};
use crate::formats::brat::names::{
    ATTRIBUTION_KEY, CUE_AT_KEY, CUE_KEY, CUE_LABEL_KEY, TRIGGER_AT_KEY,
};

/// A claim's attribution event as the file had it: its type, its trigger and its `Cue`
/// argument (spans in bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RecordedCue {
    /// The event's type, also the trigger's label (`Attribution-no-source`).
    pub event_type: String,
    /// Where the trigger is.
    pub trigger: Vec<Span>,
    /// The `Cue` argument apart from the trigger: its label and where it is.
    pub cue: Option<(String, Vec<Span>)>,
}

/// The recorded attribution event of `claim`: `None` when it records none, `Err` with a
/// sentence (after "brat") when the recorded cue position no longer holds its words.
pub(super) fn recorded_cue(
    doc: &Document,
    claim: &Annotation,
) -> Option<Result<RecordedCue, String>> {
    let event_type = claim.attrs.get(ATTRIBUTION_KEY)?;
    let cue_at = claim.attrs.get(CUE_AT_KEY)?;
    let words = claim.attrs.get(CUE_KEY).map_or("", String::as_str);
    let stale = || {
        format!(
            "cannot write its cue where its attribution event had it: the recorded position ({cue_at}) no longer holds its words \"{words}\", so the event's trigger and cue are not written (the words are the attribute cue)"
        )
    };
    let Some(cue_spans) = spans_at(doc, cue_at).filter(|s| text_of(doc, s) == words) else {
        return Some(Err(stale()));
    };
    let trigger = match claim.attrs.get(TRIGGER_AT_KEY) {
        Some(at) => match spans_at(doc, at) {
            Some(spans) => spans,
            None => return Some(Err(stale())),
        },
        None => cue_spans.clone(),
    };
    let cue = claim
        .attrs
        .get(CUE_LABEL_KEY)
        .map(|label| (label.clone(), cue_spans));
    Some(Ok(RecordedCue {
        event_type: event_type.clone(),
        trigger,
        cue,
    }))
}

/// `start end;start end` in code points as byte spans of the article, when every
/// fragment is a non-empty range of it.
fn spans_at(doc: &Document, at: &str) -> Option<Vec<Span>> {
    at.split(';')
        .map(|fragment| {
            let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Ok(start)), Some(Ok(end)), None) if start < end => {
                    Some(Span::new(doc.char_to_byte(start)?, doc.char_to_byte(end)?))
                }
                _ => None,
            }
        })
        .collect()
}

/// The text of `spans` as a brat `T` line gives it: the fragments joined by a space.
pub(super) fn text_of(doc: &Document, spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| doc.slice(*s))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Kind;
    use std::path::Path;

    fn claim(attrs: &[(&str, &str)]) -> Annotation {
        let mut a = Annotation::new("a1", Kind::Claim, "Content", vec![Span::new(0, 1)]);
        for (k, v) in attrs {
            a.attrs.insert(k.to_string(), v.to_string());
        }
        a
    }

    #[test]
    fn a_recorded_cue_is_read_in_code_points_and_checked() {
        let doc = Document::from_text(Path::new("a.txt"), "👍 Он сказал: да.".to_string());
        let said = claim(&[
            ("attribution", "Attribution"),
            ("cue", "сказал"),
            ("cue_at", "5 11"),
            ("cue_label", "Cue"),
            ("trigger_at", "2 11"),
        ]);
        let cue = recorded_cue(&doc, &said).unwrap().unwrap();
        assert_eq!(cue.event_type, "Attribution");
        assert_eq!(text_of(&doc, &cue.trigger), "Он сказал");
        let (label, spans) = cue.cue.unwrap();
        assert_eq!(
            (label.as_str(), text_of(&doc, &spans).as_str()),
            ("Cue", "сказал")
        );
        let moved = claim(&[
            ("attribution", "Attribution"),
            ("cue", "сказал"),
            ("cue_at", "4 10"),
        ]);
        assert!(recorded_cue(&doc, &moved).unwrap().is_err());
        let outside = claim(&[
            ("attribution", "Attribution"),
            ("cue", "сказал"),
            ("cue_at", "5 99"),
        ]);
        assert!(recorded_cue(&doc, &outside).unwrap().is_err());
        assert_eq!(recorded_cue(&doc, &claim(&[("cue", "сказал")])), None);
    }
}
