//! Who speaks before a cue: a pronoun, a capitalised run, an anonymous description or
//! a role phrase, looked for within the sentence.

use crate::domain::model::Span;
use crate::extract::collector::Pronoun;
use crate::extract::lexicon::DETERMINERS;
use crate::extract::text::{
    char_before, floor_char_boundary, for_each_cap_run, skip_space, skip_space_back, word_before,
    word_count, RunWord, Words,
};

use super::super::speaker::{role_phrase_before, speaker_from_run, Speaker, SpeakerScratch};
use super::words::{ANONYMOUS_ENDINGS, PASSIVE, SKIPPED_BEFORE_CUE};

/// How far before a cue its speaker's name may start, in bytes.
const SPEAKER_WINDOW: usize = 300;

/// Who a cue's claim belongs to.
pub(super) enum Found {
    Speaker(Speaker),
    Pronoun(Pronoun),
    SameAsBefore,
    Nobody,
    Passive,
}

/// Who speaks before the cue at `cue`: a pronoun, "and" (the sentence's speaker), an
/// anonymous description, a capitalised run (after an optional comma and a
/// description set off by commas), or a role phrase ("Pakistani sources").
pub(super) fn speaker_before(text: &str, floor: usize, cue: usize, scratch: &mut Scratch) -> Found {
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
pub(super) struct Scratch {
    buf: Vec<RunWord>,
    run: Vec<RunWord>,
    speaker: SpeakerScratch,
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
pub(super) fn run_speaker_ending_at(
    text: &str,
    floor: usize,
    end: usize,
    scratch: &mut Scratch,
) -> Option<Speaker> {
    let Scratch { buf, run, speaker } = scratch;
    run.clear();
    for_each_cap_run(text, window_start(text, floor, end), end, buf, |r| {
        run.clear();
        run.extend_from_slice(r);
    });
    if run.last().is_some_and(|w| w.word.end == end) {
        speaker_from_run(text, run, speaker)
    } else {
        None
    }
}

/// The speaker named at the very start of the sentence ("Nazarov described …, and
/// said that"), for a cue that continues the sentence's subject.
pub(super) fn sentence_subject(
    text: &str,
    sentence: usize,
    cue: usize,
    scratch: &mut Scratch,
) -> Option<Speaker> {
    let end = floor_char_boundary(text, cue.min(sentence + SPEAKER_WINDOW));
    let Scratch { buf, run, speaker } = scratch;
    run.clear();
    for_each_cap_run(text, sentence, end, buf, |r| {
        if run.is_empty() {
            run.extend_from_slice(r);
        }
    });
    if run.first().is_some_and(|w| w.word.start == sentence) {
        speaker_from_run(text, run, speaker)
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
