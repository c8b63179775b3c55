//! Regex search over the article, with limits so a pattern cannot exhaust memory.

use regex::RegexBuilder;

use super::state::{App, Search};

/// Longest pattern accepted.
const MAX_PATTERN: usize = 1000;
/// Compiled size limit of a pattern.
const SIZE_LIMIT: usize = 1 << 20;
/// Nesting limit of a pattern.
const NEST_LIMIT: u32 = 50;

/// Compiles `pattern` and jumps to its first match at or after the cursor. A pattern in
/// lower case only matches case-insensitively (smart case).
pub fn start(app: &mut App, pattern: &str) {
    if pattern.is_empty() {
        return;
    }
    if pattern.len() > MAX_PATTERN {
        return app.complain(format!(
            "search pattern too long (over {MAX_PATTERN} bytes)"
        ));
    }
    let insensitive = !pattern.chars().any(char::is_uppercase);
    let regex = match RegexBuilder::new(pattern)
        .case_insensitive(insensitive)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .nest_limit(NEST_LIMIT)
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let first = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string();
            return app.complain(format!("bad search pattern: {first}"));
        }
    };
    let text = app.doc.text();
    let found = regex
        .find_at(text, app.cursor)
        .or_else(|| regex.find(text))
        .map(|m| m.start());
    let count = regex.find_iter(text).take(10_000).count();
    app.search = Some(Search {
        pattern: pattern.to_string(),
        regex,
    });
    match found {
        Some(at) => {
            app.cursor = at;
            app.goal_column = None;
            app.anchor = None;
            app.say(format!(
                "/{pattern}: {count}{} matches (n next, N previous)",
                if count == 10_000 { "+" } else { "" }
            ));
        }
        None => app.complain(format!("no match for /{pattern}")),
    }
}
