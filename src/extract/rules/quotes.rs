//! Rule `quoted-speech`: words in quotation marks — "…", “…”, «…», „…“ — of at least
//! three words, within one paragraph. Suggests a `quote` claim on the words inside the
//! marks (without a closing comma or stop), with `quote_type` = `direct` and `stance`
//! = `asserted`; when a speaker is named next to it ("…," he said / "…," said Nazarov
//! / Nazarov said: "…") also a source, linked `attributed_to` (a pronoun is linked to
//! the latest person or body speaking before it in the paragraph).

use std::sync::LazyLock;

use crate::domain::model::{relation_types, Kind, Span};
use crate::extract::collector::{Collector, Pronoun};
use crate::extract::suggestion::{Attrs, Suggestion};
use crate::extract::text::{
    floor_char_boundary, for_each_cap_run, next_paragraph_break, paragraph_floor, paragraph_limit,
    skip_space, skip_space_back, word_before, RunWord, Words,
};

use super::speaker::{speaker_from_run, Speaker, SpeakerScratch};

/// The rule's name.
pub(crate) const NAME: &str = "quoted-speech";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.8;

/// The fewest words a quotation must have to count as speech, not a scare quote.
const MIN_WORDS: usize = 3;
/// The longest quotation looked for, in bytes.
const MAX_QUOTE: usize = 3000;
/// How far after or before a quotation its speaker is looked for, in bytes.
const SPEAKER_WINDOW: usize = 160;

/// Verbs that introduce or follow a quotation.
const SAY_VERBS: &[&str] = &[
    "added",
    "adds",
    "asked",
    "continued",
    "declared",
    "explained",
    "insisted",
    "noted",
    "replied",
    "said",
    "says",
    "stated",
    "stressed",
    "told",
    "warned",
    "wrote",
];

/// The rule (nothing to compile: its opening marks are found byte by byte).
#[derive(Debug, Clone)]
pub(crate) struct QuoteRule;

/// The attributes of every quotation, shared by all: a direct quote, asserted.
static DIRECT_QUOTE: LazyLock<Attrs> = LazyLock::new(|| {
    Attrs::from_sorted(vec![
        ("quote_type".into(), "direct".into()),
        ("stance".into(), "asserted".into()),
    ])
});

/// An opening quotation mark: where it starts, where it ends and which closer (an index
/// into the closers of [`QuoteRule::run`]) ends its quotation.
struct Opener {
    start: usize,
    end: usize,
    closer: usize,
}

/// The first opening mark (`"`, `“`, `«`, `„`) at or after `pos`: a search for the
/// three bytes these marks start with, which skips most text without decoding it.
fn next_opener(text: &str, pos: usize) -> Option<Opener> {
    let bytes = text.as_bytes();
    let mut from = pos;
    while let Some(k) = memchr::memchr3(b'"', 0xC2, 0xE2, bytes.get(from..)?) {
        let start = from + k;
        let (len, closer) = match &bytes[start..] {
            [b'"', ..] => (1, 0),
            [0xE2, 0x80, 0x9C, ..] => (3, 1),
            [0xC2, 0xAB, ..] => (2, 2),
            [0xE2, 0x80, 0x9E, ..] => (3, 3),
            _ => {
                from = start + 1;
                continue;
            }
        };
        return Some(Opener {
            start,
            end: start + len,
            closer,
        });
    }
    None
}

impl QuoteRule {
    /// The rule.
    pub(crate) fn new() -> Self {
        QuoteRule
    }

    /// Runs the rule over the whole text.
    pub(crate) fn run(&self, c: &mut Collector) {
        let text = c.text;
        let mut closers = [
            NextOf::new("\""),
            NextOf::new("”"),
            NextOf::new("»"),
            NextOf::new("“"),
        ];
        let mut paragraph_break = NextOf::paragraph_break();
        let mut pos = 0;
        while let Some(m) = next_opener(text, pos) {
            pos = m.end;
            let closer = m.closer;
            let mut limit = floor_char_boundary(text, m.end.saturating_add(MAX_QUOTE));
            if let Some(at) = paragraph_break.at_or_after(text, m.end) {
                limit = limit.min(at);
            }
            let Some(close) = closers[closer]
                .at_or_after(text, m.end)
                .filter(|at| *at < limit)
            else {
                continue;
            };
            let closer = closers[closer].needle;
            let close_end = close + closer.len();
            pos = close_end;
            let Some(span) = inner_span(text, m.end, close) else {
                continue;
            };
            let claim = c.push(
                Suggestion::new(Kind::Claim, "quote", span, NAME, SCORE)
                    .with_attrs(DIRECT_QUOTE.clone()),
            );
            match speaker_after(text, close_end).or_else(|| speaker_before(text, m.start)) {
                Some(Attributed::Named(s)) => {
                    let speaker = c.push(s.suggestion(NAME, SCORE));
                    c.link(claim, relation_types::ATTRIBUTED_TO, speaker);
                }
                Some(Attributed::Pronoun(p)) => c.pronoun(claim, close_end, p),
                None => {}
            }
        }
    }
}

/// Who a quotation is attributed to.
enum Attributed {
    Named(Speaker),
    Pronoun(Pronoun),
}

/// The next place of a needle, or of a paragraph break, at or after a position.
/// Positions asked for never go back, so each needle is searched for once over the
/// whole text, whatever the number of unclosed quotation marks.
struct NextOf {
    needle: &'static str,
    /// Whether this looks for a paragraph break (a blank line, as the sentence bounds
    /// see one) rather than the needle.
    paragraph_break: bool,
    found: Option<usize>,
    searched_from: usize,
}

impl NextOf {
    fn new(needle: &'static str) -> Self {
        NextOf {
            needle,
            paragraph_break: false,
            found: None,
            searched_from: usize::MAX,
        }
    }

    /// Looks for the newline that starts a paragraph break.
    fn paragraph_break() -> Self {
        NextOf {
            paragraph_break: true,
            ..NextOf::new("\n")
        }
    }

    /// Where the needle next occurs at or after `pos`.
    fn at_or_after(&mut self, text: &str, pos: usize) -> Option<usize> {
        match self.found {
            Some(at) if at >= pos => return Some(at),
            None if self.searched_from <= pos => return None,
            _ => {}
        }
        self.searched_from = pos;
        self.found = if self.paragraph_break {
            next_paragraph_break(text, pos)
        } else {
            text[pos..].find(self.needle).map(|k| pos + k)
        };
        self.found
    }
}

/// The words inside the marks, without surrounding spaces or a closing `,` `.` `;` `:`,
/// if there are at least [`MIN_WORDS`] of them.
fn inner_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let body = inner
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'));
    Words::new(body, 0, body.len())
        .nth(MIN_WORDS - 1)
        .is_some()
        .then(|| Span::new(start + lead, start + lead + body.len()))
}

/// The capitalised run starting exactly at `at`, if one does.
fn run_starting_at(text: &str, at: usize, limit: usize) -> Option<Vec<RunWord>> {
    let mut first = None;
    let mut buf = Vec::new();
    for_each_cap_run(text, at, limit, &mut buf, |run| {
        if first.is_none() {
            first = Some(run.to_vec());
        }
    });
    first.filter(|run| run[0].word.start == at)
}

/// The speaker right after a quotation: `, he said`, `, said Nazarov`, `Nazarov said`.
fn speaker_after(text: &str, close_end: usize) -> Option<Attributed> {
    let limit = floor_char_boundary(text, close_end.saturating_add(SPEAKER_WINDOW));
    let limit = paragraph_limit(text, close_end, limit);
    let mut words = Words::new(text, close_end, limit);
    let first = words.next()?;
    let gap = &text[close_end..first.start];
    if !gap.trim_start_matches(',').chars().all(|c| c == ' ') {
        return None;
    }
    let first_text = first.text(text);
    if SAY_VERBS.contains(&first_text) {
        let start = skip_space(text, first.end, limit);
        let run = run_starting_at(text, start, limit)?;
        return speaker_from_run(text, &run, &mut SpeakerScratch::default()).map(Attributed::Named);
    }
    let pronoun = match first_text {
        "he" | "she" => Some(Pronoun::Person),
        "they" | "it" => Some(Pronoun::Any),
        _ => None,
    };
    if let Some(p) = pronoun {
        let verb = words.next()?;
        return SAY_VERBS
            .contains(&verb.text(text))
            .then_some(Attributed::Pronoun(p));
    }
    let run = run_starting_at(text, first.start, limit)?;
    let end = run.last()?.word.end;
    let verb = Words::new(text, end, limit).next()?;
    if &text[end..verb.start] != " " || !SAY_VERBS.contains(&verb.text(text)) {
        return None;
    }
    speaker_from_run(text, &run, &mut SpeakerScratch::default()).map(Attributed::Named)
}

/// The speaker right before a quotation: `Nazarov said: "…"` / `Nazarov said, "…"`.
fn speaker_before(text: &str, open: usize) -> Option<Attributed> {
    let floor = floor_char_boundary(text, open.saturating_sub(SPEAKER_WINDOW));
    let floor = paragraph_floor(text, floor, open);
    let b = skip_space_back(text, floor, open);
    let b = b
        .checked_sub(1)
        .filter(|k| matches!(text.as_bytes().get(*k), Some(b':') | Some(b',')))?;
    let verb = word_before(text, b)?;
    if !SAY_VERBS.contains(&verb.text(text)) {
        return None;
    }
    let speaker_end = skip_space_back(text, floor, verb.start);
    let mut last = None;
    let mut buf = Vec::new();
    for_each_cap_run(text, floor, speaker_end, &mut buf, |run| {
        last = Some(run.to_vec())
    });
    let run = last.filter(|run| run.last().is_some_and(|w| w.word.end == speaker_end))?;
    speaker_from_run(text, &run, &mut SpeakerScratch::default()).map(Attributed::Named)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let rule = QuoteRule::new();
        let mut c = Collector::new(text);
        rule.run(&mut c);
        let out = c.finish();
        out.iter()
            .filter(|s| s.kind == Kind::Claim)
            .map(|s| {
                let speaker = s
                    .links
                    .get(0)
                    .map(|l| out[l.to].text(text).unwrap().to_string());
                (s.text(text).unwrap().to_string(), speaker)
            })
            .collect()
    }

    #[test]
    fn quotations_in_every_mark_with_their_speakers() {
        let text = "\"We have nothing to hide from them,\" said Bakhtiyor Nazarov. “The border \
                    is closed now.” Nurbek Asanaliev said. Asanaliev said: «Мы ничего не \
                    скрываем». A \"scare quote\" here.";
        assert_eq!(
            quotes(text),
            [
                (
                    "We have nothing to hide from them".to_string(),
                    Some("Bakhtiyor Nazarov".to_string())
                ),
                (
                    "The border is closed now".to_string(),
                    Some("Nurbek Asanaliev".to_string())
                ),
                (
                    "Мы ничего не скрываем".to_string(),
                    Some("Asanaliev".to_string())
                ),
            ]
        );
    }

    #[test]
    fn pronouns_resolve_to_the_latest_speaker_in_the_paragraph() {
        let text = "Nazarov said: \"The men were couriers of a network.\" \"We have nothing to \
                    hide,\" he said.\n\n\"Another paragraph starts here,\" she said.";
        assert_eq!(
            quotes(text),
            [
                (
                    "The men were couriers of a network".to_string(),
                    Some("Nazarov".to_string())
                ),
                (
                    "We have nothing to hide".to_string(),
                    Some("Nazarov".to_string())
                ),
                ("Another paragraph starts here".to_string(), None),
            ]
        );
    }

    #[test]
    fn many_unclosed_marks_are_handled() {
        let text = format!("{} \"one two three\"", "« ".repeat(10_000));
        assert_eq!(quotes(&text), [("one two three".to_string(), None)]);
    }

    #[test]
    fn a_line_of_spaces_breaks_a_paragraph_for_quotes_and_their_speakers() {
        assert_eq!(
            quotes("«this is never closed\n \nand here it is» she said."),
            []
        );
        assert_eq!(
            quotes("«the border is closed now» said\n\nShaukat Sultan."),
            [("the border is closed now".to_string(), None)]
        );
        assert_eq!(
            quotes("Shaukat Sultan said:\n\n«the border is closed now»."),
            [("the border is closed now".to_string(), None)]
        );
        assert_eq!(
            quotes("«the border is closed now» said Shaukat Sultan."),
            [(
                "the border is closed now".to_string(),
                Some("Shaukat Sultan".to_string())
            )]
        );
    }

    #[test]
    fn unclosed_quotes_do_not_run_across_paragraphs() {
        let text = "He said \"this is never closed\n\nand \"this one is fine indeed\".";
        assert_eq!(
            quotes(text),
            [("this one is fine indeed".to_string(), None)]
        );
    }
}
