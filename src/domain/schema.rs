//! The label schema: which entity types, claim kinds, source kinds, relation types and
//! attribute values an analyst can use, each with a key, a colour and a description.
//!
//! [`Schema::default`] gives spaCy's OntoNotes entity types (so spaCy output maps one to
//! one), claim and source kinds, the default relation types and the grading attributes
//! (stance, Admiralty credibility and reliability, quote type, anonymity). A user or
//! project configuration extends or replaces it (see `domain::config`), and an
//! article's imports may add labels to it ([`SchemaExtension`]).

mod color;
mod defaults;
mod extension;
mod kinds;
mod mappings;

pub use color::{AnsiColor, LabelColor};
pub use extension::SchemaExtension;
pub use kinds::kind_for_label;
pub use mappings::entity_type_of;

/// One label an analyst can put on a span or a relation: an entity type, a claim kind,
/// a source kind or a relation type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDef {
    /// The label as written in sidecars and exports, e.g. `PERSON` or `attributed_to`.
    pub name: String,
    /// The key that picks this label in the workbench, if any.
    pub key: Option<char>,
    /// A colour name from the 16-colour ANSI set (`"red"`, `"light-blue"`, ...) or
    /// `"#rrggbb"`; see [`LabelColor::parse`].
    pub color: String,
    /// What the label means, shown in help and pickers.
    pub description: String,
}

impl LabelDef {
    /// The label's colour, or `None` when [`LabelDef::color`] is not a colour
    /// [`LabelColor::parse`] accepts (a schema loaded from config never has one).
    pub fn parsed_color(&self) -> Option<LabelColor> {
        LabelColor::parse(&self.color)
    }
}

/// One allowed value of an attribute, e.g. `denied` for `stance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrValue {
    /// The value as written in sidecars and exports.
    pub value: String,
    /// The key that picks this value in the workbench, if any.
    pub key: Option<char>,
    /// What the value means.
    pub description: String,
}

/// An attribute of an annotation or entity (stance, credibility, ...) and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrDef {
    /// The attribute's name as written in sidecars, e.g. `stance`.
    pub name: String,
    /// What the attribute records.
    pub description: String,
    /// The allowed values, in the order pickers show them. Empty means free text.
    pub values: Vec<AttrValue>,
}

impl AttrDef {
    /// The definition of `value`, if it is one of this attribute's values.
    pub fn value(&self, value: &str) -> Option<&AttrValue> {
        self.values.iter().find(|v| v.value == value)
    }

    /// The value picked by `key`, if any.
    pub fn value_by_key(&self, key: char) -> Option<&AttrValue> {
        self.values.iter().find(|v| v.key == Some(key))
    }

    /// Whether `value` is allowed: one of the listed values, or anything when the
    /// attribute is free text (has no listed values).
    pub fn accepts(&self, value: &str) -> bool {
        self.values.is_empty() || self.value(value).is_some()
    }
}

/// The four lists of labels a schema holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LabelKind {
    /// Entity types (PERSON, ORG, ...), also the labels of entity annotations.
    Entity,
    /// Claim kinds (factual, opinion, ...), the labels of claim annotations.
    Claim,
    /// Source kinds (person, publication, ...), the labels of source annotations.
    Source,
    /// Relation types (attributed_to, cites, ...).
    Relation,
}

impl LabelKind {
    /// Every kind, in the order the schema and the config list them.
    pub const ALL: [LabelKind; 4] = [
        LabelKind::Entity,
        LabelKind::Claim,
        LabelKind::Source,
        LabelKind::Relation,
    ];

    /// The kind's name as used in sidecars and in the config's `[[labels.NAME]]` tables:
    /// `entity`, `claim`, `source` or `relation`.
    pub fn name(self) -> &'static str {
        match self {
            LabelKind::Entity => "entity",
            LabelKind::Claim => "claim",
            LabelKind::Source => "source",
            LabelKind::Relation => "relation",
        }
    }

    /// The kind named `name` (see [`LabelKind::name`]), if any.
    pub fn from_name(name: &str) -> Option<LabelKind> {
        LabelKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A human description of one label of this kind, for messages: `entity type`,
    /// `claim kind`, `source kind` or `relation type`.
    pub fn noun(self) -> &'static str {
        match self {
            LabelKind::Entity => "entity type",
            LabelKind::Claim => "claim kind",
            LabelKind::Source => "source kind",
            LabelKind::Relation => "relation type",
        }
    }
}

/// The complete label schema in use for a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    /// Entity types, e.g. PERSON, ORG, GPE.
    pub entity_types: Vec<LabelDef>,
    /// Claim kinds, e.g. factual, opinion.
    pub claim_kinds: Vec<LabelDef>,
    /// Source kinds, e.g. person, publication.
    pub source_kinds: Vec<LabelDef>,
    /// Relation types, e.g. attributed_to, cites.
    pub relation_types: Vec<LabelDef>,
    /// Attributes with their value sets, e.g. stance, credibility.
    pub attributes: Vec<AttrDef>,
}

impl Default for Schema {
    /// spaCy's OntoNotes entity types, the default claim and source kinds, relation
    /// types and attributes.
    fn default() -> Self {
        Schema {
            entity_types: defaults::entity_types(),
            claim_kinds: defaults::claim_kinds(),
            source_kinds: defaults::source_kinds(),
            relation_types: defaults::relation_types(),
            attributes: defaults::attributes(),
        }
    }
}

impl Schema {
    /// The labels of one kind, in display order.
    pub fn labels(&self, kind: LabelKind) -> &[LabelDef] {
        match kind {
            LabelKind::Entity => &self.entity_types,
            LabelKind::Claim => &self.claim_kinds,
            LabelKind::Source => &self.source_kinds,
            LabelKind::Relation => &self.relation_types,
        }
    }

    /// The labels of one kind, to change them.
    pub fn labels_mut(&mut self, kind: LabelKind) -> &mut Vec<LabelDef> {
        match kind {
            LabelKind::Entity => &mut self.entity_types,
            LabelKind::Claim => &mut self.claim_kinds,
            LabelKind::Source => &mut self.source_kinds,
            LabelKind::Relation => &mut self.relation_types,
        }
    }

    /// The label of `kind` named exactly `name` (labels are case-sensitive).
    pub fn label(&self, kind: LabelKind, name: &str) -> Option<&LabelDef> {
        self.labels(kind).iter().find(|l| l.name == name)
    }

    /// The label of `kind` picked by `key`.
    pub fn label_by_key(&self, kind: LabelKind, key: char) -> Option<&LabelDef> {
        self.labels(kind).iter().find(|l| l.key == Some(key))
    }

    /// The entity type named `name`.
    pub fn entity_type(&self, name: &str) -> Option<&LabelDef> {
        self.label(LabelKind::Entity, name)
    }

    /// The entity type picked by `key` (the digit keys by default).
    pub fn entity_type_by_key(&self, key: char) -> Option<&LabelDef> {
        self.label_by_key(LabelKind::Entity, key)
    }

    /// The claim kind named `name`.
    pub fn claim_kind(&self, name: &str) -> Option<&LabelDef> {
        self.label(LabelKind::Claim, name)
    }

    /// The source kind named `name`.
    pub fn source_kind(&self, name: &str) -> Option<&LabelDef> {
        self.label(LabelKind::Source, name)
    }

    /// The relation type named `name`.
    pub fn relation_type(&self, name: &str) -> Option<&LabelDef> {
        self.label(LabelKind::Relation, name)
    }

    /// Whether `label` is a valid label for an annotation or relation of `kind`.
    ///
    /// A source annotation may carry a source kind (`publication`) or an entity type
    /// (`PERSON`, when the source is a named person tagged as an entity), so for
    /// [`LabelKind::Source`] both are accepted.
    pub fn is_known_label(&self, kind: LabelKind, label: &str) -> bool {
        self.label(kind, label).is_some()
            || (kind == LabelKind::Source && self.entity_type(label).is_some())
    }

    /// The attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&AttrDef> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Whether the schema defines the attribute `name` and `value` is allowed for it.
    /// Attributes the schema does not define are free key/values and not checked here.
    pub fn is_known_attr_value(&self, name: &str, value: &str) -> bool {
        self.attribute(name).is_some_and(|a| a.accepts(value))
    }

    /// The colour of label `name` of `kind`, if the label exists and its colour parses.
    pub fn label_color(&self, kind: LabelKind, name: &str) -> Option<LabelColor> {
        self.label(kind, name).and_then(LabelDef::parsed_color)
    }
}

#[cfg(test)]
mod tests;
