//! Rule `attribution`: reported speech around an attribution cue. For "Shaukat Sultan,
//! told the AFP news agency that at least four of the killed were Kazakh citizens"
//! it suggests a `claim` on the reported content (the clause after "that", split at
//! ", and that") with the stance the cue gives, and a `source` on the speaker (the
//! name, title and name, organisation or description right before the cue), the claim
//! linked `attributed_to` the source.
//!
//! Cues and stances: said, says, told, reported, stated, claimed, confirmed, announced,
//! admitted, added, noted, stressed, insisted, argued, explained, warned, cautioned,
//! alleged, asserted, "according to" → `asserted`; suggested → `hedged`; denied,
//! denies → `denied`; neither confirmed nor denied, could not confirm → `ncnd`;
//! refused / declined to comment → `refused` (the claim is the topic: "on the
//! incident", or "Asked whether …," at the start of the sentence); "saying",
//! "adding" continue the sentence's speaker. Russian заявил, сообщил, отметил, сказал,
//! подчеркнул (any gender or number) followed by "что" → `asserted`. An asserted claim
//! that opens with "it was possible that" or holds "may", "might", "probably",
//! "perhaps"… becomes `hedged`. Passive cues ("it was reported that") are skipped.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use regex::Regex;

use crate::domain::model::{relation_types, Kind};
use crate::extract::collector::Collector;
use crate::extract::lexicon::WordHasher;
use crate::extract::name::Name;
use crate::extract::suggestion::{Attrs, Suggestion};
use crate::extract::text::{
    char_at, char_before, is_word_char, sentence_end_found, sentence_start_after, squeeze_spaces,
};

mod according_to;
mod clauses;
mod cues;
mod speakers;
#[cfg(test)]
mod tests;
mod words;

use according_to::according_to;
use clauses::{clauses, content};
use cues::{Cue, PATTERN};
use speakers::{sentence_subject, speaker_before, Found, Scratch};

/// The rule's name.
pub(crate) const NAME: &str = "attribution";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.6;

/// The compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct AttributionRule {
    cues: Regex,
}

/// The attributes of the claims: one shared list for each way a cue is written and
/// each stance, with the cue squeezed once.
#[derive(Default)]
pub(super) struct ClaimAttrs<'t> {
    lists: HashMap<(&'t str, &'static str), Attrs, BuildHasherDefault<WordHasher>>,
}

impl<'t> ClaimAttrs<'t> {
    /// The attributes of a claim reported with the cue written `cue` (a match of the
    /// cue pattern) and taking `stance`: `cue`, `quote_type` (indirect, but for a
    /// refusal, which quotes nothing) and `stance`, by name.
    pub(super) fn get(&mut self, cue: &'t str, stance: &'static str) -> Attrs {
        self.lists
            .entry((cue, stance))
            .or_insert_with(|| {
                let mut pairs = Vec::with_capacity(3);
                let squeezed = Name::from(Arc::<str>::from(squeeze_spaces(cue)));
                pairs.push(("cue".into(), squeezed));
                if Cue::of(cue) != Cue::Refuse {
                    pairs.push(("quote_type".into(), "indirect".into()));
                }
                pairs.push(("stance".into(), stance.into()));
                Attrs::from_sorted(pairs)
            })
            .clone()
    }
}

/// The speaker found last, and the sentence it was found in.
struct LastSpeaker {
    sentence: usize,
    index: usize,
}

impl AttributionRule {
    /// Compiles the rule.
    pub(crate) fn new() -> Self {
        AttributionRule {
            cues: super::compile_builtin(PATTERN),
        }
    }

    /// Runs the rule over the whole text.
    pub(crate) fn run(&self, c: &mut Collector) {
        let text = c.text;
        let mut last: Option<LastSpeaker> = None;
        let mut scratch = Scratch::default();
        // The sentence of the latest cue, and the stop that ends it, if one does.
        let mut cached: Option<(usize, usize)> = None;
        let mut stop: Option<usize> = None;
        let mut claims = Vec::new();
        let mut claim_attrs = ClaimAttrs::default();
        for m in self.cues.find_iter(text) {
            let cue = Cue::of(m.as_str());
            if char_before(text, m.start()).is_some_and(is_word_char)
                || char_at(text, m.end()).is_some_and(is_word_char)
            {
                continue;
            }
            let (sentence, sentence_end) = match cached {
                Some((start, end)) if start <= m.start() && m.end() <= end => (start, end),
                _ => {
                    let start = sentence_start_after(text, m.start(), stop);
                    let (end, found) = sentence_end_found(text, m.end());
                    stop = found;
                    (start, end)
                }
            };
            cached = Some((sentence, sentence_end));
            if cue == Cue::According {
                according_to(
                    c,
                    &mut claim_attrs,
                    m.as_str(),
                    sentence,
                    (m.start(), m.end()),
                    sentence_end,
                    &mut scratch,
                );
                continue;
            }
            let found = if cue == Cue::Participle {
                Found::SameAsBefore
            } else {
                speaker_before(text, sentence, m.start(), &mut scratch)
            };
            if matches!(found, Found::Passive) {
                continue;
            }
            claims.clear();
            if let Some((start, fixed_end)) =
                content(text, cue, sentence, m.start(), m.end(), sentence_end)
            {
                clauses(text, start, fixed_end, sentence_end, &mut claims);
            }
            let speaker = match &found {
                Found::Speaker(s) => Some(c.push(s.suggestion(NAME, SCORE))),
                Found::SameAsBefore => match &last {
                    Some(l) if l.sentence == sentence => Some(l.index),
                    _ => sentence_subject(text, sentence, m.start(), &mut scratch)
                        .map(|s| c.push(s.suggestion(NAME, SCORE))),
                },
                Found::Pronoun(_) | Found::Nobody | Found::Passive => None,
            };
            if let Some(index) = speaker {
                last = Some(LastSpeaker { sentence, index });
            }
            for &(span, hedged) in &claims {
                let stance = if hedged && cue.stance() == "asserted" {
                    "hedged"
                } else {
                    cue.stance()
                };
                let claim = Suggestion::new(Kind::Claim, "factual", span, NAME, SCORE)
                    .with_attrs(claim_attrs.get(m.as_str(), stance));
                let claim = c.push(claim);
                match (&found, speaker) {
                    (_, Some(speaker)) => c.link(claim, relation_types::ATTRIBUTED_TO, speaker),
                    (Found::Pronoun(p), None) => c.pronoun(claim, m.start(), *p),
                    _ => {}
                }
            }
        }
    }
}
