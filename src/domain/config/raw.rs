//! The configuration file as written, with the position of every value that can be
//! wrong, before it is checked and merged into a schema.

use serde::Deserialize;
use toml::Spanned;

use crate::domain::schema::LabelKind;

/// The top-level tables a config file may have.
pub(super) const TOP_LEVEL_KEYS: [&str; 7] = [
    "annotator",
    "labels",
    "attributes",
    "keys",
    "ui",
    "extract",
    "review",
];

/// One config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub annotator: Option<Spanned<String>>,
    pub labels: Option<RawLabels>,
    pub attributes: Option<Vec<RawAttr>>,
    pub keys: Option<toml::Table>,
    pub ui: Option<toml::Table>,
    pub extract: Option<toml::Table>,
    pub review: Option<toml::Table>,
}

/// `[labels]`: whether to replace or extend, and the label lists.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLabels {
    #[serde(default)]
    pub replace: bool,
    pub entity: Option<Vec<RawLabel>>,
    pub claim: Option<Vec<RawLabel>>,
    pub source: Option<Vec<RawLabel>>,
    pub relation: Option<Vec<RawLabel>>,
}

impl RawLabels {
    /// Takes the entries given for `kind`, if the file gives that list.
    pub fn take(&mut self, kind: LabelKind) -> Option<Vec<RawLabel>> {
        match kind {
            LabelKind::Entity => self.entity.take(),
            LabelKind::Claim => self.claim.take(),
            LabelKind::Source => self.source.take(),
            LabelKind::Relation => self.relation.take(),
        }
    }
}

/// One `[[labels.KIND]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLabel {
    pub name: Spanned<String>,
    pub key: Option<Spanned<toml::Value>>,
    pub color: Option<Spanned<String>>,
    pub description: Option<String>,
}

/// One `[[attributes]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAttr {
    pub name: Spanned<String>,
    pub description: Option<String>,
    pub values: Option<Vec<RawAttrValue>>,
}

/// One value of an `[[attributes]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAttrValue {
    pub value: Spanned<String>,
    pub key: Option<Spanned<toml::Value>>,
    pub description: Option<String>,
}
