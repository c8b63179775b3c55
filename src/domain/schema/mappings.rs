//! How the label lists of the schema map onto each other: which list labels each kind
//! of annotation, and which source kind goes with an entity type (and back), for a
//! source tagged on a named entity and for an entity made from a source.

use crate::domain::model::Kind;

use super::{LabelKind, Schema};

/// Entity types and the source kind a source on such an entity gets by default.
const SOURCE_KIND_OF_ENTITY_TYPE: [(&str, &str); 5] = [
    ("PERSON", "person"),
    ("ORG", "organisation"),
    ("NORP", "organisation"),
    ("GPE", "organisation"),
    ("WORK_OF_ART", "publication"),
];

/// Source kinds and the entity type an entity made from such a source gets.
const ENTITY_TYPE_OF_SOURCE_KIND: [(&str, &str); 5] = [
    ("person", "PERSON"),
    ("anonymous", "PERSON"),
    ("organisation", "ORG"),
    ("publication", "ORG"),
    ("document", "WORK_OF_ART"),
];

impl From<Kind> for LabelKind {
    /// The schema list that labels annotations of `kind`.
    fn from(kind: Kind) -> LabelKind {
        match kind {
            Kind::Entity => LabelKind::Entity,
            Kind::Claim => LabelKind::Claim,
            Kind::Source => LabelKind::Source,
        }
    }
}

/// The entity type an entity made from a mention gets: the mention's own label for an
/// entity or claim, for a source the entity type that goes with its source kind (a
/// source labelled with something else keeps its label).
pub fn entity_type_of(kind: Kind, label: &str) -> &str {
    if kind != Kind::Source {
        return label;
    }
    ENTITY_TYPE_OF_SOURCE_KIND
        .iter()
        .find(|(source_kind, _)| *source_kind == label)
        .map_or(label, |(_, entity_type)| entity_type)
}

impl Schema {
    /// The source kind a new source gets on a span tagged as `entity_type` (or on an
    /// untagged one): the kind that goes with the entity type when the schema has it,
    /// else the schema's first source kind, else `person`.
    pub fn default_source_kind(&self, entity_type: Option<&str>) -> String {
        let wanted = SOURCE_KIND_OF_ENTITY_TYPE
            .iter()
            .find(|(t, _)| Some(*t) == entity_type)
            .map(|(_, kind)| *kind);
        let kinds = self.labels(LabelKind::Source);
        kinds
            .iter()
            .find(|l| Some(l.name.as_str()) == wanted)
            .or_else(|| kinds.first())
            .map_or_else(|| "person".to_string(), |l| l.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_on_a_named_entity_gets_the_source_kind_of_its_type() {
        let schema = Schema::default();
        assert_eq!(schema.default_source_kind(Some("PERSON")), "person");
        assert_eq!(schema.default_source_kind(Some("GPE")), "organisation");
        assert_eq!(
            schema.default_source_kind(Some("WORK_OF_ART")),
            "publication"
        );
        assert_eq!(schema.default_source_kind(Some("DATE")), "person");
        assert_eq!(schema.default_source_kind(None), "person");
        let mut no_people = Schema::default();
        no_people.source_kinds.retain(|l| l.name != "person");
        assert_eq!(
            no_people.default_source_kind(Some("PERSON")),
            "organisation"
        );
        no_people.source_kinds.clear();
        assert_eq!(no_people.default_source_kind(Some("PERSON")), "person");
    }

    #[test]
    fn an_entity_made_from_a_source_gets_the_entity_type_of_its_kind() {
        assert_eq!(entity_type_of(Kind::Source, "anonymous"), "PERSON");
        assert_eq!(entity_type_of(Kind::Source, "publication"), "ORG");
        assert_eq!(entity_type_of(Kind::Source, "document"), "WORK_OF_ART");
        assert_eq!(entity_type_of(Kind::Source, "GPE"), "GPE");
        assert_eq!(entity_type_of(Kind::Entity, "person"), "person");
    }

    #[test]
    fn every_mapped_label_is_in_the_default_schema() {
        let schema = Schema::default();
        let pairs = SOURCE_KIND_OF_ENTITY_TYPE
            .into_iter()
            .chain(ENTITY_TYPE_OF_SOURCE_KIND.map(|(s, e)| (e, s)));
        for (entity_type, source_kind) in pairs {
            assert!(schema.entity_type(entity_type).is_some(), "{entity_type}");
            assert!(schema.source_kind(source_kind).is_some(), "{source_kind}");
        }
    }
}
