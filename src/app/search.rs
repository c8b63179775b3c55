//! Regex search over the article, with limits so a pattern cannot exhaust memory. The
//! matches are found once per search (the article does not change during a session), so
//! `n`, `N`, the "3/17" count and the highlighting in the article only look them up.

use regex::RegexBuilder;

use crate::domain::segment;

use super::state::App;

/// Longest pattern accepted.
const MAX_PATTERN: usize = 1000;
/// Compiled size limit of a pattern.
const SIZE_LIMIT: usize = 1 << 20;
/// Nesting limit of a pattern.
const NEST_LIMIT: u32 = 50;
/// Most matches one search keeps (16 bytes each); a pattern matching more is refused.
const MAX_MATCHES: usize = 1_000_000;
/// Most patterns the history keeps.
const MAX_HISTORY: usize = 100;

/// The last search: its pattern and every non-empty match in the article, as
/// byte ranges in reading order.
#[derive(Debug, Clone)]
pub struct Search {
    /// The pattern as typed.
    pub pattern: String,
    matches: Vec<(usize, usize)>,
}

impl Search {
    /// Every non-empty match, as (start, end) byte offsets, in reading order.
    pub fn matches(&self) -> &[(usize, usize)] {
        &self.matches
    }

    /// The matches touching the bytes `start..end` (the rows on screen).
    pub fn matches_between(&self, start: usize, end: usize) -> &[(usize, usize)] {
        let first = self.matches.partition_point(|m| m.1 <= start);
        let last = self.matches.partition_point(|m| m.0 < end);
        &self.matches[first..last.max(first)]
    }

    /// The 0-based index of the match starting at `byte`, if one does.
    fn index_at(&self, byte: usize) -> Option<usize> {
        self.matches.binary_search_by_key(&byte, |m| m.0).ok()
    }

    /// "/pattern 3/17": where the cursor is among the matches.
    fn position(&self, byte: usize) -> String {
        let total = self.matches.len();
        match self.index_at(byte) {
            Some(i) => format!("/{} {}/{total}", self.pattern, i + 1),
            None => format!("/{} ?/{total}", self.pattern),
        }
    }
}

/// The patterns searched for in this session, oldest first, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchHistory {
    patterns: Vec<String>,
}

impl SearchHistory {
    /// Remembers `pattern` as the newest (moving it there if it was already known).
    pub fn push(&mut self, pattern: &str) {
        self.patterns.retain(|p| p != pattern);
        self.patterns.push(pattern.to_string());
        if self.patterns.len() > MAX_HISTORY {
            self.patterns.remove(0);
        }
    }

    /// The pattern `back` places before the newest (0: the newest).
    pub fn back(&self, back: usize) -> Option<&str> {
        let i = self.patterns.len().checked_sub(back + 1)?;
        self.patterns.get(i).map(String::as_str)
    }
}

/// Where Up and Down have got to in the history of the open search prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recall {
    /// How far back the pattern shown is (0: the newest), or `None` while the analyst's
    /// own text shows.
    pub back: Option<usize>,
    /// What the analyst had typed before walking the history, restored past the newest.
    pub draft: String,
}

impl Recall {
    /// One step back in `history` (Up) from `typed`: the text to show, if it changes.
    pub fn older(&mut self, history: &SearchHistory, typed: &str) -> Option<String> {
        let back = self.back.map_or(0, |b| b + 1);
        let pattern = history.back(back)?;
        if self.back.is_none() {
            self.draft = typed.to_string();
        }
        self.back = Some(back);
        Some(pattern.to_string())
    }

    /// One step forward (Down): a newer pattern, or past the newest what was typed.
    pub fn newer(&mut self, history: &SearchHistory) -> Option<String> {
        match self.back? {
            0 => {
                self.back = None;
                Some(std::mem::take(&mut self.draft))
            }
            b => {
                self.back = Some(b - 1);
                history.back(b - 1).map(str::to_string)
            }
        }
    }
}

/// Compiles `pattern`, finds its matches (once: the same pattern again reuses them) and
/// jumps to the first at or after the cursor. A pattern in lower case only matches
/// case-insensitively (smart case).
pub fn start(app: &mut App, pattern: &str) {
    if pattern.is_empty() {
        return;
    }
    app.search_history.push(pattern);
    let reuse = app.search.as_ref().is_some_and(|s| s.pattern == pattern);
    if !reuse {
        match compile(app.doc.text(), pattern) {
            Ok(search) => app.search = Some(search),
            Err(why) => return app.complain(why),
        }
    }
    let Some(search) = &app.search else { return };
    let from = search.matches.partition_point(|m| m.0 < app.cursor);
    let found = search.matches.get(from).or(search.matches.first());
    match found {
        Some(&(at, _)) => {
            let said = format!("{} (n next, N previous)", search.position(at));
            jump(app, at);
            app.say(said);
        }
        None => app.complain(format!("no match for /{pattern}")),
    }
}

/// `n` (forward) or `N`: the next or previous match, wrapping round the article.
pub fn step(app: &mut App, forward: bool) {
    let Some(search) = &app.search else {
        return app.say("no search yet: / to search");
    };
    let matches = &search.matches;
    let Some(&(first, _)) = matches.first() else {
        return app.complain(format!("no match for /{}", search.pattern));
    };
    let last = matches[matches.len() - 1].0;
    let (at, wrapped) = if forward {
        let from = segment::next_grapheme(app.doc.text(), app.cursor);
        match matches.get(matches.partition_point(|m| m.0 < from)) {
            Some(&(at, _)) => (at, false),
            None => (first, true),
        }
    } else {
        match matches.partition_point(|m| m.0 < app.cursor).checked_sub(1) {
            Some(i) => (matches[i].0, false),
            None => (last, true),
        }
    };
    let mut said = search.position(at);
    if wrapped {
        said.push_str(if forward {
            " (from the top)"
        } else {
            " (from the bottom)"
        });
    }
    jump(app, at);
    app.say(said);
}

/// Moves the cursor to a match: a motion like any other, so a visual selection
/// extends to it (as `v /word` does in vim).
fn jump(app: &mut App, at: usize) {
    app.cursor = at;
    app.goal_column = None;
}

/// Compiles `pattern` within the limits and finds its matches in `text`; or says why not.
fn compile(text: &str, pattern: &str) -> Result<Search, String> {
    if pattern.len() > MAX_PATTERN {
        return Err(format!(
            "search pattern too long (over {MAX_PATTERN} bytes)"
        ));
    }
    let insensitive = !pattern.chars().any(char::is_uppercase);
    let regex = RegexBuilder::new(pattern)
        .case_insensitive(insensitive)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .nest_limit(NEST_LIMIT)
        .build()
        .map_err(|e| {
            let first = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string();
            format!("bad search pattern: {first}")
        })?;
    let mut matches = Vec::new();
    for m in regex.find_iter(text).filter(|m| !m.is_empty()) {
        if matches.len() == MAX_MATCHES {
            return Err(format!(
                "/{pattern} matches over {MAX_MATCHES} times: narrow the pattern"
            ));
        }
        matches.push((m.start(), m.end()));
    }
    Ok(Search {
        pattern: pattern.to_string(),
        matches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_found_once_as_byte_ranges_and_looked_up_by_window() {
        let text = "Шаукат и Shaukat; шаукат, 東京 шаукат";
        let search = compile(text, "шаукат").unwrap();
        let starts: Vec<&str> = search.matches().iter().map(|m| &text[m.0..m.1]).collect();
        assert_eq!(starts, ["Шаукат", "шаукат", "шаукат"], "smart case");
        let second = search.matches()[1];
        assert_eq!(
            search.matches_between(second.0 + 1, second.0 + 2),
            &[second]
        );
        assert!(search.matches_between(0, 0).is_empty());
        assert_eq!(search.position(second.0), "/шаукат 2/3");
        assert!(compile(text, "(")
            .unwrap_err()
            .starts_with("bad search pattern"));
        assert!(
            compile(text, "x*").unwrap().matches().is_empty(),
            "empty matches are not kept"
        );
    }

    #[test]
    fn the_history_recalls_newest_first_and_gives_back_the_draft() {
        let mut history = SearchHistory::default();
        for p in ["a", "b", "a"] {
            history.push(p);
        }
        assert_eq!((history.back(0), history.back(1)), (Some("a"), Some("b")));
        assert_eq!(history.back(2), None, "a repeated pattern is kept once");
        let mut recall = Recall::default();
        assert_eq!(recall.older(&history, "typed").as_deref(), Some("a"));
        assert_eq!(recall.older(&history, "a").as_deref(), Some("b"));
        assert_eq!(recall.older(&history, "b"), None, "nothing older");
        assert_eq!(recall.newer(&history).as_deref(), Some("a"));
        assert_eq!(recall.newer(&history).as_deref(), Some("typed"));
        assert_eq!(recall.newer(&history), None);
    }
}
