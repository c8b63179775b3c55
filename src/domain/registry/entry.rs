//! One registry entry: a canonical source or entity with its names, grade and ids.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Whether an entry is a source (who carries claims, graded for reliability) or another
/// named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A source: a person, outlet or body whose reliability is graded.
    Source,
    /// Any other named entity.
    Entity,
}

impl EntryKind {
    /// The name used in files and commands.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Source => "source",
            EntryKind::Entity => "entity",
        }
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reliability grade with who gave it, when and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// The grade (Admiralty A–F by default; any value of the schema's `reliability`).
    pub grade: String,
    /// Who gave it (the annotator's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Why, in the analyst's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Grade {
    /// A grade given by `by` at `at`, with no reason.
    pub fn new(grade: impl Into<String>, by: impl Into<String>, at: impl Into<String>) -> Self {
        Grade {
            grade: grade.into(),
            by: Some(by.into()),
            at: Some(at.into()),
            why: None,
            extra: Map::new(),
        }
    }
}

/// A canonical source or entity of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique in the registry (`r1`, `r2`…); never reused.
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// Other names it goes by in articles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Source or entity.
    pub kind: EntryKind,
    /// The label its mentions get: a source kind (`publication`, `person`…) or an
    /// entity type (`ORG`, `PERSON`…).
    pub label: String,
    /// Its reliability grade, when graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Grade>,
    /// The analyst's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Ids in other databases, `scheme:id` (`wikidata:Q1234`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external: Vec<String>,
    /// Set when this entry was merged into another: sidecars that point here are read
    /// as pointing there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Entry {
    /// A new entry with no aliases, grade, note or external ids.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        kind: EntryKind,
        label: impl Into<String>,
    ) -> Self {
        Entry {
            id: id.into(),
            name: name.into(),
            aliases: Vec::new(),
            kind,
            label: label.into(),
            reliability: None,
            note: None,
            external: Vec::new(),
            merged_into: None,
            extra: Map::new(),
        }
    }

    /// The grade's value, when graded.
    pub fn grade(&self) -> Option<&str> {
        self.reliability.as_ref().map(|g| g.grade.as_str())
    }

    /// The name, then the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}
