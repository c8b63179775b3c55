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

use regex::Regex;

use crate::domain::model::{relation_types, Kind, Span};
use crate::extract::collector::{Collector, Pronoun};
use crate::extract::lexicon::DETERMINERS;
use crate::extract::suggestion::Suggestion;
use crate::extract::text::{
    char_at, char_before, floor_char_boundary, for_each_cap_run, is_word_char, sentence_end,
    sentence_start, skip_space, skip_space_back, squeeze_spaces, word_before, word_count, RunWord,
    Words,
};

use super::speaker::{role_phrase_before, speaker_from_run, Speaker};

/// The rule's name.
pub(crate) const NAME: &str = "attribution";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.6;

/// The longest speaker description after "according to", in bytes.
const MAX_ACCORDING_PHRASE: usize = 120;
/// How far before a cue its speaker's name may start, in bytes.
const SPEAKER_WINDOW: usize = 300;
/// The most claims one cue yields (", and that … , and that …").
const MAX_CLAIMS_PER_CUE: usize = 6;

/// What a cue does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Say,
    Suggest,
    Tell,
    Deny,
    Ncnd,
    Refuse,
    According,
    Participle,
}

impl Cue {
    /// The stance a claim reported with this cue takes.
    fn stance(self) -> &'static str {
        match self {
            Cue::Say | Cue::Tell | Cue::According | Cue::Participle => "asserted",
            Cue::Suggest => "hedged",
            Cue::Deny => "denied",
            Cue::Ncnd => "ncnd",
            Cue::Refuse => "refused",
        }
    }

    /// The kind of the cue `matched` (a match of [`PATTERN`]).
    fn of(matched: &str) -> Cue {
        let spaced = matched.contains(char::is_whitespace);
        if spaced && matched.contains("comment") {
            Cue::Refuse
        } else if spaced && matched.contains("confirm") {
            Cue::Ncnd
        } else if spaced && matched.get(1..).is_some_and(|m| m.starts_with("ccording")) {
            Cue::According
        } else {
            match matched {
                "told" | "tells" => Cue::Tell,
                "denied" | "denies" => Cue::Deny,
                "suggested" | "suggests" => Cue::Suggest,
                "saying" | "adding" => Cue::Participle,
                _ => Cue::Say,
            }
        }
    }
}

/// The cues; alternatives sharing a start are ordered longest first.
const PATTERN: &str = concat!(
    r"(?:neither\s+(?:confirm(?:ed|s)?|den(?:ied|ies|y))\s+nor\s+(?:confirm(?:ed|s)?|den(?:ied|ies|y))",
    r"|(?:could|would|did|can|will)\s+not\s+confirm|(?:cannot|can't|couldn't|wouldn't|didn't)\s+confirm",
    r"|(?:declined|refused)\s+to\s+confirm)",
    r"|(?:(?:refused|declined|refuses|declines)\s+(?:to\s+)?comment|(?:would|could|did)\s+not\s+comment|had\s+no\s+comment)",
    r"|(?:[Aa]ccording\s+to)",
    r"|(?:told|tells)",
    r"|(?:denied|denies)",
    r"|(?:suggested|suggests)",
    r"|(?:saying|adding)",
    r"|(?:said|says|reported|stated|claimed|confirmed|confirms|announced|announces|admitted|admits",
    r"|added|adds|noted|stressed|insisted|insists|argued|argues|explained|warned|cautioned|alleged|asserted",
    r"|заявил[аио]?|сообщил[аио]?|отметил[аио]?|сказал[аио]?|подчеркнул[аио]?)",
);

/// Words skipped between a speaker and the cue ("Nazarov also said", "has denied").
const SKIPPED_BEFORE_CUE: &[&str] = &[
    "again",
    "also",
    "categorically",
    "could",
    "did",
    "does",
    "earlier",
    "firmly",
    "flatly",
    "further",
    "had",
    "has",
    "have",
    "immediately",
    "later",
    "officially",
    "once",
    "only",
    "previously",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "separately",
    "strongly",
    "subsequently",
    "then",
    "today",
    "will",
    "would",
    "yesterday",
];

/// Forms of "be" that make a cue passive ("it was reported that").
const PASSIVE: &[&str] = &["are", "be", "been", "being", "is", "was", "were"];

/// Words that may open the few words between a cue and its "that" ("said on Monday
/// that", "denied reports that").
const BEFORE_THAT: &[&str] = &[
    "again",
    "allegations",
    "also",
    "at",
    "claims",
    "during",
    "earlier",
    "in",
    "last",
    "later",
    "on",
    "only",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "report",
    "reports",
    "rumors",
    "rumours",
    "the",
    "this",
    "today",
    "yesterday",
];

/// Words after a cue that do not open a reported clause ("said in", "reported on").
const NOT_A_CLAUSE: &[&str] = &[
    "about", "after", "as", "at", "before", "by", "during", "for", "from", "in", "into", "of",
    "on", "over", "so", "that", "through", "to", "under", "with",
];

/// Endings of a description of an anonymous speaker.
const ANONYMOUS_ENDINGS: &[&str] = &[
    "asked not to be identified",
    "asked not to be named",
    "declined to be identified",
    "declined to be named",
    "did not want to be named",
    "on condition of anonymity",
    "requested anonymity",
];

/// What follows a comma and ends the reported clause, and whether a later ", and
/// that" may still continue it.
const CLAUSE_ENDS: &[(&str, bool)] = &[
    (" according to", false),
    (" adding", false),
    (" although ", true),
    (" and ", false),
    (" because ", true),
    (" but ", false),
    (" contradicting ", false),
    (" saying", false),
    (" since ", true),
    (" though ", true),
    (" whereas ", false),
    (" while ", false),
];

/// What continues a reported clause with a second one from the same speaker.
const CONTINUATIONS: &[&str] = &[" and also that ", " and that ", " but that ", " и что "];

/// Words that, inside a claim, hedge it.
const HEDGES: &[&str] = &[
    "allegedly",
    "apparently",
    "likely",
    "may",
    "might",
    "perhaps",
    "possibly",
    "probably",
    "reportedly",
];

/// Openings that hedge the clause after them ("said it was possible that …").
const HEDGED_OPENINGS: &[&str] = &[
    "it is likely that ",
    "it is possible that ",
    "it is probable that ",
    "it was likely that ",
    "it was possible that ",
    "it was probable that ",
];

/// Head nouns of "according to" phrases that name a document.
const DOCUMENT_NOUNS: &[&str] = &[
    "data",
    "document",
    "documents",
    "estimates",
    "figures",
    "records",
    "report",
    "reports",
    "statement",
    "statements",
];

/// Who a cue's claim belongs to.
enum Found {
    Speaker(Speaker),
    Pronoun(Pronoun),
    SameAsBefore,
    Nobody,
    Passive,
}

/// The compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct AttributionRule {
    cues: Regex,
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
        let mut cached: Option<(usize, usize)> = None;
        for m in self.cues.find_iter(text) {
            let cue = Cue::of(m.as_str());
            if char_before(text, m.start()).is_some_and(is_word_char)
                || char_at(text, m.end()).is_some_and(is_word_char)
            {
                continue;
            }
            let (sentence, sentence_end) = match cached {
                Some((start, end)) if start <= m.start() && m.end() <= end => (start, end),
                _ => (sentence_start(text, m.start()), sentence_end(text, m.end())),
            };
            cached = Some((sentence, sentence_end));
            let cue_text = squeeze_spaces(m.as_str());
            if cue == Cue::According {
                according_to(
                    c,
                    &cue_text,
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
            let claims = content(text, cue, sentence, m.start(), m.end(), sentence_end)
                .map(|(start, fixed_end)| clauses(text, start, fixed_end, sentence_end))
                .unwrap_or_default();
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
            for (span, hedged) in claims {
                let stance = if hedged && cue.stance() == "asserted" {
                    "hedged"
                } else {
                    cue.stance()
                };
                let mut claim = Suggestion::new(Kind::Claim, "factual", span, NAME, SCORE)
                    .with_attr("stance", stance)
                    .with_attr("cue", cue_text.clone());
                if cue != Cue::Refuse {
                    claim = claim.with_attr("quote_type", "indirect");
                }
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

/// Who speaks before the cue at `cue`: a pronoun, "and" (the sentence's speaker), an
/// anonymous description, a capitalised run (after an optional comma and a
/// description set off by commas), or a role phrase ("Pakistani sources").
fn speaker_before(text: &str, floor: usize, cue: usize, scratch: &mut Scratch) -> Found {
    let mut b = skip_space_back(text, floor, cue);
    if word_before(text, b).is_some_and(|w| PASSIVE.contains(&w.text(text))) {
        return Found::Passive;
    }
    for _ in 0..3 {
        match word_before(text, b) {
            Some(w) if w.start >= floor && SKIPPED_BEFORE_CUE.contains(&w.text(text)) => {
                b = skip_space_back(text, floor, w.start);
            }
            _ => break,
        }
    }
    if b <= floor {
        return Found::Nobody;
    }
    if char_before(text, b) == Some(',') {
        let b1 = skip_space_back(text, floor, b - 1);
        if let Some(comma) = text[floor..b1].rfind(',').map(|k| floor + k) {
            let aside = text[comma + 1..b1].trim_start();
            if aside.chars().next().is_some_and(char::is_lowercase) && word_count(aside) <= 15 {
                let b2 = skip_space_back(text, floor, comma);
                if let Some(s) = run_speaker_ending_at(text, floor, b2, scratch) {
                    return Found::Speaker(s);
                }
                if let Some(s) = role_phrase_before(text, floor, b2) {
                    return Found::Speaker(s);
                }
            }
        }
        return match run_speaker_ending_at(text, floor, b1, scratch) {
            Some(s) => Found::Speaker(s),
            None => Found::Nobody,
        };
    }
    let Some(w) = word_before(text, b).filter(|w| w.start >= floor) else {
        return Found::Nobody;
    };
    match w.text(text) {
        "he" | "she" | "He" | "She" => return Found::Pronoun(Pronoun::Person),
        "they" | "it" | "They" | "It" => return Found::Pronoun(Pronoun::Any),
        "and" | "but" => return Found::SameAsBefore,
        _ => {}
    }
    if let Some(s) = anonymous_before(text, floor, b) {
        return Found::Speaker(s);
    }
    if let Some(s) = run_speaker_ending_at(text, floor, b, scratch) {
        return Found::Speaker(s);
    }
    match role_phrase_before(text, floor, b) {
        Some(s) => Found::Speaker(s),
        None => Found::Nobody,
    }
}

/// Buffers reused from cue to cue.
#[derive(Default)]
struct Scratch {
    buf: Vec<RunWord>,
    run: Vec<RunWord>,
}

/// Where to start looking for a speaker's name ending at `end`: at most
/// [`SPEAKER_WINDOW`] bytes back (at a word start), not before `floor`.
fn window_start(text: &str, floor: usize, end: usize) -> usize {
    if end - floor <= SPEAKER_WINDOW {
        return floor;
    }
    let from = floor_char_boundary(text, end - SPEAKER_WINDOW);
    text[from..end]
        .find(char::is_whitespace)
        .map_or(from, |k| from + k)
}

/// The speaker named by the capitalised run ending at `end`, if any.
fn run_speaker_ending_at(
    text: &str,
    floor: usize,
    end: usize,
    scratch: &mut Scratch,
) -> Option<Speaker> {
    let Scratch { buf, run } = scratch;
    run.clear();
    for_each_cap_run(text, window_start(text, floor, end), end, buf, |r| {
        run.clear();
        run.extend_from_slice(r);
    });
    if run.last().is_some_and(|w| w.word.end == end) {
        speaker_from_run(text, run)
    } else {
        None
    }
}

/// The speaker named at the very start of the sentence ("Nazarov described …, and
/// said that"), for a cue that continues the sentence's subject.
fn sentence_subject(
    text: &str,
    sentence: usize,
    cue: usize,
    scratch: &mut Scratch,
) -> Option<Speaker> {
    let end = floor_char_boundary(text, cue.min(sentence + SPEAKER_WINDOW));
    let Scratch { buf, run } = scratch;
    run.clear();
    for_each_cap_run(text, sentence, end, buf, |r| {
        if run.is_empty() {
            run.extend_from_slice(r);
        }
    });
    if run.first().is_some_and(|w| w.word.start == sentence) {
        speaker_from_run(text, run)
    } else {
        None
    }
}

/// "A border guard official who asked not to be named" ending at `end`: an anonymous
/// source from the first determiner of the clause.
fn anonymous_before(text: &str, floor: usize, end: usize) -> Option<Speaker> {
    let head = &text[floor..end];
    let ending = ANONYMOUS_ENDINGS.iter().find(|e| head.ends_with(*e))?;
    let phrase_end = end - ending.len();
    let clause = text[floor..phrase_end]
        .rfind([',', ';'])
        .map_or(floor, |k| floor + k + 1);
    let start = Words::new(text, clause, phrase_end)
        .find(|w| DETERMINERS.contains(w.text(text)))
        .map_or_else(|| skip_space(text, clause, phrase_end), |w| w.start);
    Some(Speaker {
        span: Span::new(start, end),
        label: "anonymous",
        anonymity: Some("anonymous"),
    })
}

/// Where the reported content starts after a cue ending at `cue_end`, and where it
/// must end when that is fixed by the pattern ("Asked whether …, X declined to
/// comment").
fn content(
    text: &str,
    cue: Cue,
    sentence: usize,
    cue_start: usize,
    cue_end: usize,
    limit: usize,
) -> Option<(usize, Option<usize>)> {
    let p = skip_space(text, cue_end, limit);
    let rest = text.get(p..limit).unwrap_or("");
    match cue {
        Cue::Refuse => {
            for preposition in ["on ", "about ", "regarding "] {
                if rest.starts_with(preposition) {
                    return Some((p + preposition.len(), None));
                }
            }
            if rest.starts_with("whether ") {
                return Some((p, None));
            }
            let opening = &text[sentence..cue_start];
            let asked = opening.strip_prefix("Asked ")?;
            let comma = asked.find(',')?;
            let start = sentence + "Asked ".len();
            Some((start, Some(start + comma)))
        }
        Cue::Tell => that_within(text, p, limit, 8, false),
        _ => {
            let russian = rest.trim_start_matches(',').trim_start();
            if let Some(after) = russian.strip_prefix("что") {
                if !after.chars().next().is_some_and(is_word_char) {
                    return Some((limit - after.len(), None));
                }
            }
            if let Some(aside) = rest.strip_prefix(',') {
                let close = aside.find(',').filter(|k| *k <= 40)?;
                let q = skip_space(text, p + 1 + close + 1, limit);
                return text[q..limit]
                    .strip_prefix("that ")
                    .map(|_| (q + "that ".len(), None));
            }
            if let Some(found) = that_within(text, p, limit, 6, true) {
                return Some(found);
            }
            let first = Words::new(text, p, limit).next().filter(|w| w.start == p)?;
            let word = first.text(text);
            if !word.chars().next().is_some_and(char::is_lowercase) {
                return None;
            }
            match cue {
                Cue::Deny | Cue::Ncnd => Some((p, None)),
                Cue::Say | Cue::Suggest | Cue::Participle
                    if word.is_ascii() && !NOT_A_CLAUSE.contains(&word) =>
                {
                    Some((p, None))
                }
                _ => None,
            }
        }
    }
}

/// The start of the clause after a "that" among the next `max_words` words from `p`
/// (with no punctuation before it); when `guarded`, the first word must be one that
/// may stand between a cue and its "that".
fn that_within(
    text: &str,
    p: usize,
    limit: usize,
    max_words: usize,
    guarded: bool,
) -> Option<(usize, Option<usize>)> {
    for (k, w) in Words::new(text, p, limit).take(max_words).enumerate() {
        let word = w.text(text);
        if text[p..w.start].contains([',', ';', ':', '.', '(', ')', '"', '“', '”']) {
            return None;
        }
        if word == "that" {
            return Some((skip_space(text, w.end, limit), None));
        }
        if k == 0 && guarded && !BEFORE_THAT.contains(&word) {
            return None;
        }
    }
    None
}

/// The reported clauses from `start`: up to the clause's end, then on after each
/// ", and that". Each comes with whether it is hedged.
fn clauses(text: &str, start: usize, fixed_end: Option<usize>, limit: usize) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    if let Some(end) = fixed_end {
        out.extend(claim_span(text, start, end));
        return out;
    }
    let mut start = start;
    for _ in 0..MAX_CLAIMS_PER_CUE {
        let (hedged_opening, from) = match HEDGED_OPENINGS
            .iter()
            .find(|o| text[start..limit].starts_with(*o))
        {
            Some(opening) => (true, start + opening.len()),
            None => (false, start),
        };
        let (end, next) = clause_end(text, from, limit);
        if let Some((span, hedged)) = claim_span(text, from, end) {
            out.push((span, hedged || hedged_opening));
        }
        match next {
            Some(next) if next < limit => start = next,
            _ => break,
        }
    }
    out
}

/// Where the clause from `start` ends (a parenthesis, a semicolon, the sentence's end,
/// a comma before "and", "but", "saying"…) and where a continuing clause starts.
fn clause_end(text: &str, start: usize, limit: usize) -> (usize, Option<usize>) {
    let region = &text[start..limit];
    for (k, b) in region.bytes().enumerate() {
        match b {
            b'(' | b';' => return (start + k, None),
            b',' => {
                let after = &region[k + 1..];
                if let Some(c) = CONTINUATIONS.iter().find(|c| after.starts_with(*c)) {
                    return (start + k, Some(start + k + 1 + c.len()));
                }
                if let Some((_, continues)) =
                    CLAUSE_ENDS.iter().find(|(e, _)| after.starts_with(*e))
                {
                    let next = if *continues {
                        continuation_after(text, start + k + 1, limit)
                    } else {
                        None
                    };
                    return (start + k, next);
                }
            }
            b' ' if region[k..].starts_with(" and that ") => {
                return (start + k, Some(start + k + " and that ".len()));
            }
            _ => {}
        }
    }
    (limit, None)
}

/// A ", but that" / ", and that" later in the sentence, when no other cue comes before
/// it ("…, since smugglers use the passes, but that Kabul had received no list").
fn continuation_after(text: &str, from: usize, limit: usize) -> Option<usize> {
    let region = &text[from..limit];
    let (k, c) = CONTINUATIONS
        .iter()
        .filter_map(|c| region.find(&format!(",{c}")).map(|k| (k, c)))
        .min_by_key(|(k, _)| *k)?;
    let between = &region[..k];
    let speaks = Words::new(between, 0, between.len()).any(|w| {
        matches!(
            w.text(between),
            "said" | "told" | "saying" | "adding" | "denied" | "added"
        )
    });
    (!speaks).then_some(from + k + 1 + c.len())
}

/// The claim in `text[start..end]` without surrounding spaces and closing
/// punctuation, if it has at least two words; and whether it is hedged.
fn claim_span(text: &str, start: usize, end: usize) -> Option<(Span, bool)> {
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let body = text[trimmed_start..end]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'));
    let end = trimmed_start + body.len();
    let mut words = body
        .split_whitespace()
        .filter(|w| w.chars().any(is_word_char));
    words.nth(1)?;
    let hedged = body
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| HEDGES.contains(&w));
    Some((Span::new(trimmed_start, end), hedged))
}

/// "According to X, Y." / "Y, according to X." / "Y, according to X, Z.": a source on
/// X and a claim on Y (and Z, as a second span).
fn according_to(
    c: &mut Collector,
    cue_text: &str,
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
            for (span, h) in clauses(text, phrase_end + 1, None, limit)
                .into_iter()
                .take(1)
            {
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
    let mut claim = Suggestion::new(Kind::Claim, "factual", spans[0], NAME, SCORE)
        .with_attr("stance", if hedged { "hedged" } else { "asserted" })
        .with_attr("cue", cue_text)
        .with_attr("quote_type", "indirect");
    claim.spans = spans;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A claim's text, its stance, and its speaker's text and label.
    type Attribution = (String, String, Option<(String, String)>);

    /// Every claim found in `text`.
    fn attributions(text: &str) -> Vec<Attribution> {
        let rule = AttributionRule::new();
        let mut c = Collector::new(text);
        rule.run(&mut c);
        let out = c.finish();
        out.iter()
            .filter(|s| s.kind == Kind::Claim)
            .map(|s| {
                let speaker = s.links.iter().find(|l| l.kind == "attributed_to").map(|l| {
                    (
                        out[l.to].text(text).unwrap().to_string(),
                        out[l.to].label.clone(),
                    )
                });
                (
                    s.spans
                        .iter()
                        .map(|sp| &text[sp.start..sp.end])
                        .collect::<Vec<_>>()
                        .join(" | "),
                    s.attrs["stance"].clone(),
                    speaker,
                )
            })
            .collect()
    }

    fn claim(text: &str, stance: &str, speaker: Option<(&str, &str)>) -> Attribution {
        (
            text.into(),
            stance.into(),
            speaker.map(|(a, b)| (a.into(), b.into())),
        )
    }

    #[test]
    fn told_that_with_two_clauses() {
        let text = "At a briefing on March 3, Deputy Interior Minister Bakhtiyor Nazarov told \
                    reporters that the detainees included two Pakistani citizens, and that the \
                    group had been carrying rifles (Markaz-Press, March 3).";
        assert_eq!(
            attributions(text),
            [
                claim(
                    "the detainees included two Pakistani citizens",
                    "asserted",
                    Some(("Bakhtiyor Nazarov", "person"))
                ),
                claim(
                    "the group had been carrying rifles",
                    "asserted",
                    Some(("Bakhtiyor Nazarov", "person"))
                ),
            ]
        );
    }

    #[test]
    fn stances_from_the_cues() {
        let text = "The spokesman of the Foreign Ministry of Kyrgyzstan, Nurbek Asanaliev, denied \
                    that any of the passports had been issued by Kyrgyz authorities, and said \
                    that the numbers did not match. But the Foreign Ministry of Kazakhstan \
                    neither denied nor confirmed this report. The Embassy of Pakistan in \
                    Tashkent refused to comment on the nationality of the detainees, saying \
                    that it had no access. Timur Saidov, a security analyst at a centre in \
                    Almaty, suggested that the truth lies between the versions.";
        assert_eq!(
            attributions(text),
            [
                claim(
                    "any of the passports had been issued by Kyrgyz authorities",
                    "denied",
                    Some(("Nurbek Asanaliev", "person"))
                ),
                claim(
                    "the numbers did not match",
                    "asserted",
                    Some(("Nurbek Asanaliev", "person"))
                ),
                claim(
                    "this report",
                    "ncnd",
                    Some(("Foreign Ministry of Kazakhstan", "organisation"))
                ),
                claim(
                    "the nationality of the detainees",
                    "refused",
                    Some(("Embassy of Pakistan in Tashkent", "organisation"))
                ),
                claim(
                    "it had no access",
                    "asserted",
                    Some(("Embassy of Pakistan in Tashkent", "organisation"))
                ),
                claim(
                    "the truth lies between the versions",
                    "hedged",
                    Some(("Timur Saidov", "person"))
                ),
            ]
        );
    }

    #[test]
    fn unnamed_and_anonymous_speakers() {
        let text = "Pakistani sources reported that four extremists carried Kazakh passports. \
                    A border guard official who asked not to be named told Vestnik Alaya that \
                    the group had been moving narcotics. The same official said that six men \
                    had been killed.";
        assert_eq!(
            attributions(text),
            [
                claim(
                    "four extremists carried Kazakh passports",
                    "asserted",
                    Some(("Pakistani sources", "anonymous"))
                ),
                claim(
                    "the group had been moving narcotics",
                    "asserted",
                    Some((
                        "A border guard official who asked not to be named",
                        "anonymous"
                    ))
                ),
                claim(
                    "six men had been killed",
                    "asserted",
                    Some(("The same official", "anonymous"))
                ),
            ]
        );
    }

    #[test]
    fn hedges_asked_whether_and_passives() {
        let text = "The commander, Col. Daler Sharipov, said it was possible that the men had \
                    spent days in Kuruk-Sai, but that it was too early to say. Asked whether the \
                    detainees would be handed over, a spokeswoman, Malika Tursunova, declined to \
                    comment. It was reported that the men fled.";
        assert_eq!(
            attributions(text),
            [
                claim(
                    "the men had spent days in Kuruk-Sai",
                    "hedged",
                    Some(("Daler Sharipov", "person"))
                ),
                claim(
                    "it was too early to say",
                    "asserted",
                    Some(("Daler Sharipov", "person"))
                ),
                claim(
                    "whether the detainees would be handed over",
                    "refused",
                    Some(("Malika Tursunova", "person"))
                ),
            ]
        );
    }

    #[test]
    fn according_to_before_after_and_around() {
        let text = "According to the Interior Ministry, 19 militants were killed. Four of them \
                    were Kazakh, according to Pakistani officials. The men, according to a \
                    statement, carried passports.";
        assert_eq!(
            attributions(text),
            [
                claim(
                    "19 militants were killed",
                    "asserted",
                    Some(("Interior Ministry", "organisation"))
                ),
                claim(
                    "Four of them were Kazakh",
                    "asserted",
                    Some(("Pakistani officials", "anonymous"))
                ),
                claim(
                    "The men | carried passports",
                    "asserted",
                    Some(("statement", "document"))
                ),
            ]
        );
    }

    #[test]
    fn russian_said_verbs() {
        let text = "Президент Назарбаев заявил, что граница закрыта.";
        assert_eq!(
            attributions(text),
            [claim(
                "граница закрыта",
                "asserted",
                Some(("Назарбаев", "person"))
            )]
        );
    }
}
