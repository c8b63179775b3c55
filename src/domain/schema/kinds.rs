//! Which kind of annotation a label stands for, for files that give only a label
//! (doccano triples, CoNLL tags, brat `T` lines, spaCy `ents`): the words that name a
//! kind (`Claim`, `Source`), and the schema's claim and source kinds.

use crate::domain::model::Kind;

use super::{LabelKind, Schema};

/// The kind an imported label stands for by its words alone, for formats that have no
/// kind of their own.
///
/// Case-insensitive, after trimming:
/// - `claim`, `quote`, `quotation` → [`Kind::Claim`];
/// - `source` → [`Kind::Source`];
/// - anything else (PERSON, ORG, Organization, Merge-org…) → [`Kind::Entity`].
///
/// The label itself is kept as the file spells it. [`Schema::kind_read_back`] also
/// knows the schema's claim and source kinds.
pub fn kind_for_label(label: &str) -> Kind {
    let label = label.trim();
    if ["claim", "quote", "quotation"]
        .iter()
        .any(|k| label.eq_ignore_ascii_case(k))
    {
        Kind::Claim
    } else if label.eq_ignore_ascii_case("source") {
        Kind::Source
    } else {
        Kind::Entity
    }
}

impl Schema {
    /// The kind the schema gives `label` when it names one: [`Kind::Claim`] for one of
    /// its claim kinds (`factual`), [`Kind::Source`] for one of its source kinds
    /// (`publication`). `None` for an entity type (also when a claim or source kind has
    /// the same name) and for a label the schema does not list. Labels are
    /// case-sensitive, as everywhere in the schema.
    pub fn kind_of_label(&self, label: &str) -> Option<Kind> {
        if self.entity_type(label).is_some() {
            return None;
        }
        [
            (LabelKind::Claim, Kind::Claim),
            (LabelKind::Source, Kind::Source),
        ]
        .into_iter()
        .find(|(list, _)| self.label(*list, label).is_some())
        .map(|(_, kind)| kind)
    }

    /// The kind an annotation labelled `label` reads back as from a file that holds only
    /// its label: the schema's ([`Schema::kind_of_label`]), else the label's words
    /// ([`kind_for_label`]).
    pub fn kind_read_back(&self, label: &str) -> Kind {
        self.kind_of_label(label)
            .unwrap_or_else(|| kind_for_label(label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_kinds_by_their_words() {
        assert_eq!(kind_for_label("Claim"), Kind::Claim);
        assert_eq!(kind_for_label(" QUOTE "), Kind::Claim);
        assert_eq!(kind_for_label("source"), Kind::Source);
        assert_eq!(kind_for_label("Organization"), Kind::Entity);
        assert_eq!(kind_for_label("Sources"), Kind::Entity);
    }

    #[test]
    fn claim_and_source_kinds_of_the_schema_name_their_kind() {
        let schema = Schema::default();
        assert_eq!(schema.kind_of_label("factual"), Some(Kind::Claim));
        assert_eq!(schema.kind_of_label("publication"), Some(Kind::Source));
        assert_eq!(schema.kind_of_label("person"), Some(Kind::Source));
        assert_eq!(schema.kind_of_label("PERSON"), None);
        assert_eq!(schema.kind_of_label("Factual"), None);
        assert_eq!(schema.kind_read_back("publication"), Kind::Source);
        assert_eq!(schema.kind_read_back("Quotation"), Kind::Claim);
        assert_eq!(schema.kind_read_back("GPE"), Kind::Entity);
    }

    #[test]
    fn an_entity_type_of_the_same_name_keeps_the_label_an_entity() {
        let mut schema = Schema::default();
        let mut org = schema.entity_type("ORG").unwrap().clone();
        org.key = None;
        schema.source_kinds.push(org);
        assert_eq!(schema.kind_of_label("ORG"), None);
        assert_eq!(schema.kind_read_back("ORG"), Kind::Entity);
    }
}
