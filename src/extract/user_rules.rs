//! User rules from the `[extract]` table of the config or from a rules file:
//! gazetteers (term lists matched as whole words, ignoring case), regular expressions
//! with size and nesting limits, and default rules turned off. The format is
//! documented in `docs/extract.md`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use regex::{Regex, RegexBuilder};
use toml::{Table, Value};

use crate::domain::model::{Kind, Span};
use crate::domain::regular_file::read_regular_text;

use super::collector::Collector;
use super::error::ExtractError;
use super::fold::{fold, Folded};
use super::name::Name;
use super::rules::DefaultRule;
use super::suggestion::Suggestion;
use super::text::is_whole_word;

/// The longest user pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 1000;
/// The most memory a compiled user pattern (and its lazy DFA) may take, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// The deepest nesting of groups and repetitions a user pattern may have.
pub const REGEX_NEST_LIMIT: u32 = 32;
/// The largest gazetteer terms file, in bytes.
pub const MAX_TERMS_FILE_BYTES: u64 = 64 << 20;
/// The longest gazetteer term, in characters.
pub const MAX_TERM_CHARS: usize = 1000;

/// The score of a gazetteer match unless the rule gives one.
const DEFAULT_GAZETTEER_SCORE: f64 = 0.9;
/// The score of a regex match unless the rule gives one.
const DEFAULT_REGEX_SCORE: f64 = 0.8;

/// What the `[extract]` table asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct UserConfig {
    /// Default rules turned off.
    pub disabled: Vec<DefaultRule>,
    /// The user's own rules.
    pub rules: UserRules,
}

/// What a user rule suggests.
#[derive(Debug, Clone)]
struct Target {
    name: Name,
    kind: Kind,
    label: Name,
    score: f64,
}

impl Target {
    fn suggestion(&self, start: usize, end: usize) -> Suggestion {
        Suggestion::new(
            self.kind,
            self.label.clone(),
            Span::new(start, end),
            self.name.clone(),
            self.score,
        )
    }
}

/// Every gazetteer, in one automaton over lowercased terms.
#[derive(Debug, Clone)]
struct Gazetteers {
    targets: Vec<Target>,
    automaton: AhoCorasick,
    /// For each pattern of the automaton, the gazetteers that hold the term.
    owners: Vec<Vec<usize>>,
}

/// A regular-expression rule.
#[derive(Debug, Clone)]
struct RegexRule {
    target: Target,
    regex: Regex,
    group: Option<usize>,
}

/// The user's compiled rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct UserRules {
    gazetteers: Option<Gazetteers>,
    regexes: Vec<RegexRule>,
}

impl UserRules {
    /// The names of the user rules, gazetteers first.
    pub(crate) fn names(&self) -> Vec<&str> {
        let gazetteers = self.gazetteers.iter().flat_map(|g| g.targets.iter());
        gazetteers
            .chain(self.regexes.iter().map(|r| &r.target))
            .map(|t| t.name.as_str())
            .collect()
    }

    /// Runs every user rule over the collector's text.
    pub(crate) fn run(&self, c: &mut Collector) {
        let text = c.text;
        if let Some(g) = &self.gazetteers {
            let folded = Folded::new(text);
            let haystack = folded.text.as_str();
            let mut pos = 0;
            while pos < haystack.len() {
                let Some(m) = g
                    .automaton
                    .find(Input::new(haystack).span(pos..haystack.len()))
                else {
                    break;
                };
                let original = (folded.to_original(m.start()), folded.to_original(m.end()));
                let whole = match original {
                    (Some(start), Some(end)) => {
                        text.is_char_boundary(start)
                            && text.is_char_boundary(end)
                            && is_whole_word(text, start, end)
                    }
                    _ => false,
                };
                match original {
                    (Some(start), Some(end)) if whole => {
                        for &owner in &g.owners[m.pattern().as_usize()] {
                            c.push(g.targets[owner].suggestion(start, end));
                        }
                        pos = m.end();
                    }
                    // Part of a longer word: go on from the next character, so a
                    // whole word starting inside this match is still found.
                    _ => {
                        pos = m.start()
                            + haystack[m.start()..]
                                .chars()
                                .next()
                                .map_or(1, char::len_utf8)
                    }
                }
            }
        }
        for rule in &self.regexes {
            match rule.group {
                None => {
                    for m in rule.regex.find_iter(text).filter(|m| !m.is_empty()) {
                        c.push(rule.target.suggestion(m.start(), m.end()));
                    }
                }
                Some(group) => {
                    for caps in rule.regex.captures_iter(text) {
                        if let Some(m) = caps.get(group).filter(|m| !m.is_empty()) {
                            c.push(rule.target.suggestion(m.start(), m.end()));
                        }
                    }
                }
            }
        }
    }
}

/// Reads the `[extract]` table. `table` is either that table itself or a whole rules
/// file holding an `[extract]` table; `base_dir` is where gazetteer `file`s are found.
pub(crate) fn parse(table: &Table, base_dir: &Path) -> Result<UserConfig, ExtractError> {
    let extract = match table.get("extract") {
        Some(Value::Table(t)) => t,
        Some(_) => return Err(ExtractError::Table("`extract` must be a table".into())),
        None => table,
    };
    for key in extract.keys() {
        if !matches!(key.as_str(), "gazetteer" | "regex" | "disable") {
            return Err(ExtractError::Table(format!(
                "`{key}` is not a known key; use gazetteer, regex or disable"
            )));
        }
    }
    let mut config = UserConfig::default();
    if let Some(disable) = extract.get("disable") {
        config.disabled = parse_disable(disable)?;
    }
    if let Some(gazetteers) = extract.get("gazetteer") {
        config.rules.gazetteers = parse_gazetteers(tables(gazetteers, "gazetteer")?, base_dir)?;
    }
    if let Some(regexes) = extract.get("regex") {
        config.rules.regexes = tables(regexes, "regex")?
            .iter()
            .enumerate()
            .map(|(i, t)| parse_regex(t, i + 1))
            .collect::<Result<_, _>>()?;
    }
    Ok(config)
}

/// The tables of an array of tables (`[[extract.gazetteer]]`).
fn tables<'v>(value: &'v Value, key: &str) -> Result<Vec<&'v Table>, ExtractError> {
    let wrong = || {
        ExtractError::Table(format!(
            "`{key}` must be an array of tables ([[extract.{key}]])"
        ))
    };
    value
        .as_array()
        .ok_or_else(wrong)?
        .iter()
        .map(|v| v.as_table().ok_or_else(wrong))
        .collect()
}

fn parse_disable(value: &Value) -> Result<Vec<DefaultRule>, ExtractError> {
    let wrong = || ExtractError::Table("`disable` must be a list of default rule names".into());
    let names = value.as_array().ok_or_else(wrong)?;
    names
        .iter()
        .map(|v| {
            let name = v.as_str().ok_or_else(wrong)?;
            DefaultRule::from_name(name).ok_or_else(|| ExtractError::UnknownDefaultRule {
                name: name.to_string(),
                known: DefaultRule::ALL
                    .iter()
                    .map(|r| r.name())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        })
        .collect()
}

/// The rule's error with `problem`.
fn rule_error(rule: &str, problem: impl Into<String>) -> ExtractError {
    ExtractError::Rule {
        rule: rule.to_string(),
        problem: problem.into(),
    }
}

/// Checks that `table` has only `allowed` keys.
fn check_keys(table: &Table, allowed: &[&str], rule: &str) -> Result<(), ExtractError> {
    match table.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(key) => Err(rule_error(
            rule,
            format!("`{key}` is not a known key; use {}", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

/// An optional string field.
fn string<'t>(table: &'t Table, key: &str, rule: &str) -> Result<Option<&'t str>, ExtractError> {
    match table.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(rule_error(rule, format!("`{key}` must be a string"))),
    }
}

/// What every user rule has: kind, label, score.
fn target(
    table: &Table,
    name: String,
    rule: &str,
    default_score: f64,
) -> Result<Target, ExtractError> {
    let kind = match string(table, "kind", rule)?.unwrap_or("entity") {
        "entity" => Kind::Entity,
        "claim" => Kind::Claim,
        "source" => Kind::Source,
        other => {
            return Err(rule_error(
                rule,
                format!("`kind` must be entity, claim or source, not `{other}`"),
            ))
        }
    };
    let label = string(table, "label", rule)?
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| {
            rule_error(
                rule,
                "`label` is missing; give the entity type, claim kind or source kind it tags",
            )
        })?;
    let score = match table.get("score") {
        None => default_score,
        Some(Value::Float(f)) => *f,
        Some(Value::Integer(i)) => *i as f64,
        Some(_) => return Err(rule_error(rule, "`score` must be a number from 0 to 1")),
    };
    if !(0.0..=1.0).contains(&score) {
        return Err(rule_error(
            rule,
            format!("`score` is {score}; it must be from 0 to 1"),
        ));
    }
    Ok(Target {
        name: Arc::<str>::from(name).into(),
        kind,
        label: Arc::<str>::from(label).into(),
        score,
    })
}

fn parse_gazetteers(
    tables: Vec<&Table>,
    base_dir: &Path,
) -> Result<Option<Gazetteers>, ExtractError> {
    if tables.is_empty() {
        return Ok(None);
    }
    let mut targets = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, table) in tables.iter().enumerate() {
        let given = table.get("name").and_then(Value::as_str);
        let rule = match given {
            Some(name) => format!("`{name}` (gazetteer {})", i + 1),
            None => format!("gazetteer {}", i + 1),
        };
        check_keys(
            table,
            &["name", "label", "kind", "terms", "file", "score"],
            &rule,
        )?;
        let name = string(table, "name", &rule)?
            .unwrap_or("gazetteer")
            .to_string();
        targets.push(target(table, name, &rule, DEFAULT_GAZETTEER_SCORE)?);
        let mut terms: Vec<String> = Vec::new();
        if let Some(list) = table.get("terms") {
            let wrong = || rule_error(&rule, "`terms` must be a list of strings");
            for term in list.as_array().ok_or_else(wrong)? {
                terms.push(term.as_str().ok_or_else(wrong)?.to_string());
            }
        }
        if let Some(file) = string(table, "file", &rule)? {
            terms.extend(read_terms(&base_dir.join(file), &rule)?);
        }
        let mut count = 0;
        for term in terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            if term.chars().count() > MAX_TERM_CHARS {
                return Err(rule_error(
                    &rule,
                    format!("a term is longer than {MAX_TERM_CHARS} characters"),
                ));
            }
            let folded = fold(term);
            let id = *ids.entry(folded.clone()).or_insert_with(|| {
                patterns.push(folded);
                owners.push(Vec::new());
                patterns.len() - 1
            });
            if !owners[id].contains(&i) {
                owners[id].push(i);
            }
            count += 1;
        }
        if count == 0 {
            return Err(rule_error(
                &rule,
                "has no terms; give `terms` or a `file` with one term per line",
            ));
        }
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .map_err(|e| rule_error("gazetteers", format!("the terms cannot be compiled ({e})")))?;
    Ok(Some(Gazetteers {
        targets,
        automaton,
        owners,
    }))
}

/// The terms of a terms file: one per line; blank lines and lines starting with `#`
/// are skipped.
fn read_terms(path: &Path, rule: &str) -> Result<Vec<String>, ExtractError> {
    let shown = path.display();
    let text = read_regular_text(path, MAX_TERMS_FILE_BYTES)
        .map_err(|e| rule_error(rule, format!("cannot read terms file {shown} ({e})")))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

fn parse_regex(table: &Table, number: usize) -> Result<RegexRule, ExtractError> {
    let unnamed = format!("regex {number}");
    let name = string(table, "name", &unnamed)?
        .ok_or_else(|| rule_error(&unnamed, "`name` is missing; give the rule a name"))?;
    let rule = format!("`{name}` (regex {number})");
    check_keys(
        table,
        &["name", "pattern", "label", "kind", "group", "score"],
        &rule,
    )?;
    let target = target(table, name.to_string(), &rule, DEFAULT_REGEX_SCORE)?;
    let pattern = string(table, "pattern", &rule)?
        .ok_or_else(|| rule_error(&rule, "`pattern` is missing"))?;
    let regex = compile_user_regex(pattern).map_err(|problem| rule_error(&rule, problem))?;
    let group = match table.get("group") {
        None => None,
        Some(Value::Integer(i)) => {
            let index = usize::try_from(*i)
                .ok()
                .filter(|i| *i < regex.captures_len());
            Some(index.ok_or_else(|| {
                rule_error(
                    &rule,
                    format!(
                        "`group` is {i}, but the pattern has {} groups",
                        regex.captures_len() - 1
                    ),
                )
            })?)
        }
        Some(Value::String(g)) => Some(
            regex
                .capture_names()
                .position(|n| n == Some(g.as_str()))
                .ok_or_else(|| {
                    rule_error(
                        &rule,
                        format!("`group` names `{g}`, which is not a group of the pattern"),
                    )
                })?,
        ),
        Some(_) => return Err(rule_error(&rule, "`group` must be a group number or name")),
    };
    Ok(RegexRule {
        target,
        regex,
        group,
    })
}

/// Compiles a user pattern within the limits, or says in one clause why not.
pub(crate) fn compile_user_regex(pattern: &str) -> Result<Regex, String> {
    let length = pattern.chars().count();
    if length > MAX_PATTERN_CHARS {
        return Err(format!(
            "the pattern is {length} characters long; the limit is {MAX_PATTERN_CHARS}"
        ));
    }
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("the pattern compiles to more than {limit} bytes; make it simpler")
            }
            regex::Error::Syntax(message) => {
                let detail = message
                    .lines()
                    .rev()
                    .find_map(|l| l.strip_prefix("error: "))
                    .unwrap_or("it does not parse");
                format!("the pattern is not a valid regex: {detail}")
            }
            other => format!("the pattern cannot be compiled: {other}"),
        })
}

#[cfg(test)]
mod tests;
