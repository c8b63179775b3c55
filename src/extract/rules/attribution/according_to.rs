//! "According to X": the source the phrase names and the claims before, after or
//! around it.

use crate::domain::model::{relation_types, Kind, Span};
use crate::extract::collector::Collector;
use crate::extract::lexicon::DETERMINERS;
use crate::extract::suggestion::Suggestion;
use crate::extract::text::{char_before, skip_space, skip_space_back, word_before, Words};

use super::super::speaker::{role_phrase_before, Speaker};
use super::clauses::{claim_span, clause_end, clauses};
use super::speakers::{run_speaker_ending_at, Scratch};
use super::words::DOCUMENT_NOUNS;
use super::{ClaimAttrs, NAME, SCORE};

/// The longest speaker description after "according to", in bytes.
const MAX_ACCORDING_PHRASE: usize = 120;

/// "According to X, Y." / "Y, according to X." / "Y, according to X, Z.": a source on
/// X and a claim on Y (and Z, as a second span).
pub(super) fn according_to<'t>(
    c: &mut Collector<'t>,
    claim_attrs: &mut ClaimAttrs<'t>,
    cue: &'t str,
    sentence: usize,
    (cue_start, cue_end): (usize, usize),
    limit: usize,
    scratch: &mut Scratch,
) {
    let text = c.text;
    let p = skip_space(text, cue_end, limit);
    let phrase_end = text[p..limit]
        .find([',', ';', '(', ')'])
        .map_or(limit, |k| p + k);
    if phrase_end <= p || phrase_end - p > MAX_ACCORDING_PHRASE {
        return;
    }
    let phrase_end_trimmed = skip_space_back(text, p, phrase_end);
    let speaker = phrase_speaker(text, p, phrase_end_trimmed, scratch);
    let comma_after = text.as_bytes().get(phrase_end) == Some(&b',');
    let before = skip_space_back(text, sentence, cue_start);
    let mut spans: Vec<Span> = Vec::new();
    let mut hedged = false;
    if before == sentence {
        if comma_after {
            let mut found = Vec::new();
            clauses(text, phrase_end + 1, None, limit, &mut found);
            if let Some(&(span, h)) = found.first() {
                spans.push(span);
                hedged = h;
            }
        }
    } else {
        let head_end = if char_before(text, before) == Some(',') {
            before - 1
        } else {
            before
        };
        if let Some((span, h)) = claim_span(text, sentence, head_end) {
            spans.push(span);
            hedged = h;
        }
        if comma_after && head_end < before {
            let (end, _) = clause_end(text, phrase_end + 1, limit);
            if let Some((span, h)) = claim_span(text, phrase_end + 1, end) {
                spans.push(span);
                hedged |= h;
            }
        }
    }
    let speaker = speaker.map(|s| c.push(s.suggestion(NAME, SCORE)));
    if spans.is_empty() {
        return;
    }
    let stance = if hedged { "hedged" } else { "asserted" };
    let mut claim = Suggestion::new(Kind::Claim, "factual", spans[0], NAME, SCORE)
        .with_attrs(claim_attrs.get(cue, stance));
    claim.spans = spans.into();
    let claim = c.push(claim);
    if let Some(speaker) = speaker {
        c.link(claim, relation_types::ATTRIBUTED_TO, speaker);
    }
}

/// The speaker an "according to" phrase names: a capitalised run ("the Interior
/// Ministry"), a role phrase ("Pakistani sources") or a document ("a statement").
fn phrase_speaker(text: &str, start: usize, end: usize, scratch: &mut Scratch) -> Option<Speaker> {
    if let Some(s) = run_speaker_ending_at(text, start, end, scratch) {
        return Some(s);
    }
    if let Some(s) = role_phrase_before(text, start, end) {
        return Some(s);
    }
    let head = word_before(text, end)?;
    if !DOCUMENT_NOUNS.contains(&head.text(text)) {
        return None;
    }
    let first = Words::new(text, start, end).next()?;
    let from = if DETERMINERS.contains(first.text(text)) {
        skip_space(text, first.end, end)
    } else {
        first.start
    };
    Some(Speaker {
        span: Span::new(from, end),
        label: "document",
        anonymity: None,
    })
}
