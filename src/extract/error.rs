//! Errors of user extraction rules, each one clear sentence naming the rule.

use thiserror::Error;

/// Why user extraction rules could not be loaded.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The rules file is not valid TOML.
    #[error("the extract rules are not valid TOML: {0}")]
    Toml(String),
    /// The `[extract]` table itself is wrong (an unknown key, a wrong type).
    #[error("in [extract], {0}")]
    Table(String),
    /// `extract.disable` names a rule that does not exist.
    #[error("extract.disable names `{name}`, which is not a default rule; the default rules are {known}")]
    UnknownDefaultRule {
        /// The name given.
        name: String,
        /// The default rules' names, comma-separated.
        known: String,
    },
    /// The registry's names could not be compiled into one automaton.
    #[error("the registry's names cannot be compiled: {0}")]
    Registry(String),
    /// One user rule is wrong.
    #[error("extract rule {rule}: {problem}")]
    Rule {
        /// The rule, by name and position ("`agencies` (gazetteer 1)").
        rule: String,
        /// What is wrong and what to do.
        problem: String,
    },
}
