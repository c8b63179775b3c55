//! Rule `title-name`: a person's name after a title ("Deputy Interior Minister Bakhtiyor
//! Nazarov", "Col. Daler Sharipov", "spokesman Nurbek Asanaliev") or set off by commas
//! from a description of their office ("the deputy chief of the National Security
//! Committee, Vladimir Bozhko," / "Ahmad Jawed Sultani, a spokesman for the provincial
//! governor of Badakhshan,"). Suggests a PERSON entity on the name with the title in
//! the `title` attribute (and a second description, if any, in `role`).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use crate::domain::model::{Kind, Span};
use crate::extract::collector::Collector;
use crate::extract::lexicon::{
    is_title_head, WordHasher, DETERMINERS, FUNCTION_WORDS, NATIONALITY_WORDS,
};
use crate::extract::name::Name;
use crate::extract::suggestion::{Attrs, Suggestion};
use crate::extract::text::{
    char_before, ends_sentence, floor_char_boundary, is_capitalised, sentence_end, squeeze_spaces,
    word_ending_at, Part, RunWord, Word, Words,
};

use super::word_class::WordClass;

/// The rule's name.
pub(crate) const NAME: &str = "title-name";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.85;

/// The longest description of an office, in words.
const MAX_DESCRIPTION_WORDS: usize = 15;
/// How far back a description before a name may start, in bytes.
const DESCRIPTION_WINDOW: usize = 250;
/// The longest name after a title, in words.
const MAX_NAME_WORDS: usize = 3;

/// A name with the title before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TitledName {
    /// The title ("Deputy Interior Minister").
    pub title: Span,
    /// The name ("Bakhtiyor Nazarov").
    pub name: Span,
}

/// Finds the names that follow a title inside one capitalised run, in order: a title
/// head ("Minister", "Col."), the office words before it ("Deputy Interior") and its
/// complement ("of the National Security Committee of Kazakhstan"), then one to three
/// name words that end the run or come before a connector.
pub(crate) fn direct_titles(run: &[RunWord], classes: &[WordClass], out: &mut Vec<TitledName>) {
    let n = run.len();
    let mut i = 0;
    while let Some(head) = (i..n).find(|&k| classes[k] == WordClass::TitleHead) {
        let mut title_start = head;
        while title_start > i
            && matches!(
                classes[title_start - 1],
                WordClass::Office | WordClass::Nationality | WordClass::TitleHead
            )
        {
            title_start -= 1;
        }
        let mut k = head + 1;
        let mut found = None;
        while k < n {
            if !classes[k].is_name() {
                k += 1;
                continue;
            }
            let mut e = k;
            while e + 1 < n && classes[e + 1].is_name() {
                e += 1;
            }
            let ends_name = e + 1 == n || classes[e + 1] == WordClass::Connector;
            if ends_name && e - k < MAX_NAME_WORDS {
                found = Some((k, e));
                break;
            }
            k = e + 1;
        }
        let Some((first, last)) = found else { break };
        let mut title_end = first - 1;
        while title_end > title_start && classes[title_end] == WordClass::Connector {
            title_end -= 1;
        }
        out.push(TitledName {
            title: Span::new(run[title_start].word.start, run[title_end].outer_end),
            name: Span::new(run[first].word.start, run[last].word.end),
        });
        i = last + 1;
    }
}

/// What the rule learnt about one name at one run: its title, or its description.
#[derive(Debug, Clone, Copy)]
enum Found {
    Direct(Span),
    Described(Span),
}

/// The rule's state during the pass over the capitalised runs.
#[derive(Default)]
pub(crate) struct TitleFinder {
    /// What was found about each name (start, end), in the order it was found: names
    /// come in reading order but for the few a later run tells more about.
    found: Vec<((usize, usize), Found)>,
    titled: Vec<TitledName>,
}

impl TitleFinder {
    /// Looks at one capitalised run (its words classified in `classes`).
    pub(crate) fn on_run(&mut self, text: &str, run: &[RunWord], classes: &[WordClass]) {
        if classes.iter().all(|c| *c == WordClass::Acronym) {
            return;
        }
        self.titled.clear();
        direct_titles(run, classes, &mut self.titled);
        for t in &self.titled {
            self.found
                .push(((t.name.start, t.name.end), Found::Direct(t.title)));
        }
        let Some(name) = name_part(run, classes) else {
            return;
        };
        if let Some(title) = lowercase_title_before(text, run[0].word.start) {
            self.found
                .push(((name.start, name.end), Found::Direct(title)));
        }
        let described = description_before(text, run[0].word.start)
            .or_else(|| description_after(text, name.end));
        if let Some(d) = described {
            self.found
                .push(((name.start, name.end), Found::Described(d)));
        }
    }

    /// Suggests a PERSON for every titled name found, in the order of the names: its
    /// title the latest direct one found, else its description; a description found
    /// beside a direct title becomes its `role`. Titles written the same way share one
    /// string, and names with the same title and role one list of attributes.
    pub(crate) fn finish(mut self, c: &mut Collector) {
        let text = c.text;
        let mut spellings: HashMap<&str, Name, BuildHasherDefault<WordHasher>> = HashMap::default();
        let mut squeezed = |span: Span| {
            spellings
                .entry(&text[span.start..span.end])
                .or_insert_with_key(|raw| Name::from(Arc::<str>::from(squeeze_spaces(raw))))
                .clone()
        };
        // Each title and role as written, with the attributes the names they go with share.
        let mut lists: HashMap<(&str, Option<&str>), Attrs, BuildHasherDefault<WordHasher>> =
            HashMap::default();
        // A stable sort: what was found later about a name stays later, and wins.
        self.found.sort_by_key(|(name, _)| *name);
        for same_name in self.found.chunk_by(|a, b| a.0 == b.0) {
            let (start, end) = same_name[0].0;
            let mut direct = None;
            let mut described = None;
            for (_, found) in same_name {
                match *found {
                    Found::Direct(title) => direct = Some(title),
                    Found::Described(description) => described = Some(description),
                }
            }
            let (title, role) = match (direct, described) {
                (Some(direct), described) => (direct, described),
                (None, Some(described)) => (described, None),
                (None, None) => continue,
            };
            let written = (
                &text[title.start..title.end],
                role.map(|role| &text[role.start..role.end]),
            );
            let attrs = lists
                .entry(written)
                .or_insert_with(|| {
                    Attrs::from_sorted(match role {
                        Some(role) => vec![
                            ("role".into(), squeezed(role)),
                            ("title".into(), squeezed(title)),
                        ],
                        None => vec![("title".into(), squeezed(title))],
                    })
                })
                .clone();
            c.push(
                Suggestion::new(Kind::Entity, "PERSON", Span::new(start, end), NAME, SCORE)
                    .with_attrs(attrs),
            );
        }
    }
}

/// The name a whole run is, if it is one: optional title abbreviations ("Col.") then
/// one to four name words and nothing else.
fn name_part(run: &[RunWord], classes: &[WordClass]) -> Option<Span> {
    let first = run.iter().position(|w| w.part != Part::Title)?;
    let names = &classes[first..];
    if names.len() > 4 || !names.iter().all(|c| c.is_name()) {
        return None;
    }
    Some(Span::new(
        run[first].word.start,
        run[run.len() - 1].word.end,
    ))
}

/// A lowercase title right before `at` ("spokesman", "press attaché"), with up to
/// three describing words before its head.
fn lowercase_title_before(text: &str, at: usize) -> Option<Span> {
    let head = word_ending_at(text, at.checked_sub(1)?)?;
    let head_text = head.text(text);
    if char_before(text, at) != Some(' ') || is_capitalised(head_text) || !is_title_head(head_text)
    {
        return None;
    }
    let mut start = head.start;
    for _ in 0..3 {
        let Some(w) = start
            .checked_sub(1)
            .and_then(|end| word_ending_at(text, end))
        else {
            break;
        };
        let word = w.text(text);
        let describing = if is_capitalised(word) {
            NATIONALITY_WORDS.contains(word)
        } else {
            !FUNCTION_WORDS.contains(word)
        };
        if !describing {
            break;
        }
        start = w.start;
    }
    Some(Span::new(start, head.end))
}

/// A description of an office ending in ", " right before `at`: the clause before the
/// comma, from the determiner before its first title head ("the press attaché of the
/// Embassy of Kazakhstan in Islamabad, Yernur Tuyakbayev").
fn description_before(text: &str, at: usize) -> Option<Span> {
    let comma = at.checked_sub(2)?;
    if text.get(comma..at) != Some(", ") {
        return None;
    }
    let floor = floor_char_boundary(text, comma.saturating_sub(DESCRIPTION_WINDOW));
    let clause_start = text[floor..comma]
        .rfind([',', ';', ':', '(', '!', '?', '\n'])
        .map_or(floor, |k| floor + k + 1);
    let clause_start = match text[clause_start..comma].rfind(". ") {
        Some(k) if ends_sentence(text, clause_start + k) => clause_start + k + 1,
        _ => clause_start,
    };
    description(text, clause_start, comma, false)
}

/// A description of an office after the name ending at `at`: ", a spokesman for the
/// provincial governor of Badakhshan," — a determiner, a title head among the next four
/// words, up to the next comma or the end of the sentence.
fn description_after(text: &str, at: usize) -> Option<Span> {
    if text.get(at..at + 2) != Some(", ") {
        return None;
    }
    let start = at + 2;
    let opener = Words::new(text, start, text.len()).next()?;
    if opener.start != start || !DETERMINERS.contains(opener.text(text)) {
        return None;
    }
    let limit = sentence_end(text, start);
    let end = text[start..limit]
        .find([',', ';', ':', '(', ')'])
        .map_or(limit, |k| start + k);
    description(text, start, end, true)
}

/// The description of an office in `text[from..to]`: it must hold a title head (among
/// its first five words when `head_early`), and starts after the last determiner
/// before that head (or at `from`).
fn description(text: &str, from: usize, to: usize, head_early: bool) -> Option<Span> {
    let words: Vec<Word> = Words::new(text, from, to).collect();
    if words.is_empty() || words.len() > MAX_DESCRIPTION_WORDS + 6 {
        return None;
    }
    let head = words.iter().position(|w| is_title_head(w.text(text)))?;
    if head_early && (head > 4 || !DETERMINERS.contains(words[0].text(text))) {
        return None;
    }
    let start = match words[..head]
        .iter()
        .rposition(|w| DETERMINERS.contains(w.text(text)))
    {
        Some(det) => det + 1,
        None => words[..head]
            .iter()
            .rposition(|w| FUNCTION_WORDS.contains(w.text(text)))
            .map_or(0, |k| k + 1),
    };
    let phrase = &words[start..];
    if phrase.len() > MAX_DESCRIPTION_WORDS {
        return None;
    }
    Some(Span::new(phrase[0].start, phrase.last()?.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(String, String, Option<String>)> {
        let mut c = Collector::new(text);
        super::super::run_capitalised(&mut c, true, false);
        c.finish()
            .into_iter()
            .map(|s| {
                (
                    s.text(text).unwrap().to_string(),
                    s.attrs["title"].to_string(),
                    s.attrs.get("role").map(|r| r.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn titles_before_names() {
        let text = "Deputy Chief of the National Security Committee of Kazakhstan Nartay \
                    Dutbayev first identified it. At a briefing, Deputy Interior Minister \
                    Bakhtiyor Nazarov told reporters. President Nazarbayev and Prime \
                    Minister Tokayev met. The spokesman Nurbek Asanaliev denied it.";
        assert_eq!(
            titles(text),
            [
                (
                    "Nartay Dutbayev".into(),
                    "Deputy Chief of the National Security Committee of Kazakhstan".into(),
                    None
                ),
                (
                    "Bakhtiyor Nazarov".into(),
                    "Deputy Interior Minister".into(),
                    None
                ),
                ("Nazarbayev".into(), "President".into(), None),
                ("Tokayev".into(), "Prime Minister".into(), None),
                ("Nurbek Asanaliev".into(), "spokesman".into(), None),
            ]
        );
    }

    #[test]
    fn descriptions_set_off_by_commas() {
        let text = "The commander of the local border detachment, Col. Daler Sharipov, said \
                    so. Ahmad Jawed Sultani, a spokesman for the provincial governor of \
                    Badakhshan, said that. It was noted that a month ago the deputy chief of \
                    the National Security Committee, Vladimir Bozhko, admitted it, while a \
                    Pakistani military official, Shaukat Sultan, told AFP. Ismatulla Maksum, \
                    a Pakistani citizen, left.";
        assert_eq!(
            titles(text),
            [
                (
                    "Daler Sharipov".into(),
                    "Col.".into(),
                    Some("commander of the local border detachment".into())
                ),
                (
                    "Ahmad Jawed Sultani".into(),
                    "spokesman for the provincial governor of Badakhshan".into(),
                    None
                ),
                (
                    "Vladimir Bozhko".into(),
                    "deputy chief of the National Security Committee".into(),
                    None
                ),
                (
                    "Shaukat Sultan".into(),
                    "Pakistani military official".into(),
                    None
                ),
            ]
        );
    }
}
