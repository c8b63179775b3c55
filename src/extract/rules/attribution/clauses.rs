//! The reported content after a cue: the clause after "that" (or the topic of a
//! refusal), cut at the clause's end and continued after ", and that".

use crate::domain::model::Span;
use crate::extract::text::{is_word_char, skip_space, Words};

use super::cues::Cue;
use super::words::{
    is_hedge, BEFORE_THAT, CLAUSE_ENDS, CONTINUATIONS, HEDGED_OPENINGS, NOT_A_CLAUSE,
};

/// The most claims one cue yields (", and that … , and that …").
const MAX_CLAIMS_PER_CUE: usize = 6;

/// Where the reported content starts after a cue ending at `cue_end`, and where it
/// must end when that is fixed by the pattern ("Asked whether …, X declined to
/// comment").
pub(super) fn content(
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
    // Words hold none of these marks, so the gaps between them are enough to look at.
    let mut gap_start = p;
    for (k, w) in Words::new(text, p, limit).take(max_words).enumerate() {
        let word = w.text(text);
        if text[gap_start..w.start].contains([',', ';', ':', '.', '(', ')', '"', '“', '”']) {
            return None;
        }
        gap_start = w.end;
        if word == "that" {
            return Some((skip_space(text, w.end, limit), None));
        }
        if k == 0 && guarded && !BEFORE_THAT.contains(&word) {
            return None;
        }
    }
    None
}

/// The reported clauses from `start`, into `out` (emptied first): up to the clause's
/// end, then on after each ", and that". Each comes with whether it is hedged.
pub(super) fn clauses(
    text: &str,
    start: usize,
    fixed_end: Option<usize>,
    limit: usize,
    out: &mut Vec<(Span, bool)>,
) {
    out.clear();
    if let Some(end) = fixed_end {
        out.extend(claim_span(text, start, end));
        return;
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
}

/// Where the clause from `start` ends (a parenthesis, a semicolon, the sentence's end,
/// a comma before "and", "but", "saying"…) and where a continuing clause starts.
pub(super) fn clause_end(text: &str, start: usize, limit: usize) -> (usize, Option<usize>) {
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
pub(super) fn claim_span(text: &str, start: usize, end: usize) -> Option<(Span, bool)> {
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
        .as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .any(is_hedge);
    Some((Span::new(trimmed_start, end), hedged))
}
