//! What a brat project's `annotation.conf` adds to the schema of the articles imported
//! with it, read the way the importer reads the `.ann` lines it governs:
//!
//! - an *attribution event type* (a `Content` role and a `Source` or `Cue` role, or a
//!   name starting with `Attribution`) gives no label of its own: the types its
//!   `Content` takes are claim kinds, those its `Source` takes source kinds, and those
//!   its `Cue` takes nothing (cue words are an attribute of the claim);
//! - every other entity type is a label of the kind its name stands for
//!   ([`kind_for_label`]: `Claim` → claim kind, `Source` → source kind, else an entity
//!   type);
//! - every other event type is an entity type (its trigger's label), and its roles are
//!   relation types, as are the relation types;
//! - attributes bring their values (`true` for a binary attribute).

use std::collections::HashSet;

use crate::domain::model::Kind;
use crate::domain::schema::{LabelKind, SchemaExtension};
use crate::formats::kind_for_label;

use super::conf::BratConf;
use super::fields::role_name;

impl BratConf {
    /// The labels and attribute values this conf adds to a schema (see the module
    /// comment).
    pub fn schema_extension(&self) -> SchemaExtension {
        let mut extension = SchemaExtension::default();
        let mut placed: HashSet<&str> = HashSet::new();
        for event in self.events.iter().filter(|e| self.is_attribution(e)) {
            placed.insert(event);
            for (role, types) in self.arguments.get(event).into_iter().flatten() {
                let kind = match role_name(role).as_str() {
                    "content" => Some(LabelKind::Claim),
                    "source" => Some(LabelKind::Source),
                    _ => None,
                };
                for label in types {
                    placed.insert(label);
                    if let Some(kind) = kind {
                        extension.add_label(kind, label);
                    }
                }
            }
        }
        for entity in self
            .entities
            .iter()
            .filter(|e| !placed.contains(e.as_str()))
        {
            let kind = match kind_for_label(entity) {
                Kind::Claim => LabelKind::Claim,
                Kind::Source => LabelKind::Source,
                Kind::Entity => LabelKind::Entity,
            };
            extension.add_label(kind, entity);
        }
        for event in self.events.iter().filter(|e| !placed.contains(e.as_str())) {
            extension.add_label(LabelKind::Entity, event);
            for role in self.roles.get(event).into_iter().flatten() {
                extension.add_label(LabelKind::Relation, role);
            }
        }
        for relation in &self.relations {
            extension.add_label(LabelKind::Relation, relation);
        }
        for attribute in &self.attributes {
            match self.values.get(attribute) {
                Some(values) => {
                    for value in values {
                        extension.add_value(attribute, value);
                    }
                }
                None => extension.add_value(attribute, "true"),
            }
        }
        extension
    }

    /// Whether `event` is declared as an attribution: a `Content` role and a `Source` or
    /// `Cue` role, or a name that starts with `Attribution`.
    fn is_attribution(&self, event: &str) -> bool {
        let roles: Vec<String> = self
            .roles
            .get(event)
            .into_iter()
            .flatten()
            .map(|r| role_name(r))
            .collect();
        let has = |name: &str| roles.iter().any(|r| r == name);
        has("content")
            && (has("source") || has("cue") || event.to_lowercase().starts_with("attribution"))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::schema::LabelKind;
    use crate::formats::brat::parse_conf;

    #[test]
    fn a_conf_gives_labels_of_their_kinds_relation_types_and_values() {
        let conf = parse_conf(concat!(
            "[entities]\nПерсона\nSource\nCue\nContent\nQuote\n",
            "[relations]\nEmployment\tArg1:Персона, Arg2:Персона\n",
            "Alias\tArg1:Персона, Arg2:Персона, <REL-TYPE>:symmetric-transitive\n",
            "[events]\nAttribution\tSource?:Source, Cue?:Cue, Content:Content|Quote\n",
            "Merge-org\tOrg-Arg{2}+:<ANY>\n",
            "[attributes]\nstance\tArg:Content, Value:asserted|rumoured\nNegation\tArg:<EVENT>\n",
        ))
        .unwrap();
        let extension = conf.schema_extension();
        let labels = |kind| extension.labels.get(&kind).cloned().unwrap_or_default();
        assert_eq!(labels(LabelKind::Entity), ["Персона", "Merge-org"]);
        assert_eq!(labels(LabelKind::Claim), ["Content", "Quote"]);
        assert_eq!(labels(LabelKind::Source), ["Source"]);
        assert_eq!(
            labels(LabelKind::Relation),
            ["Org-Arg", "Employment", "Alias"]
        );
        assert_eq!(extension.attributes["stance"], ["asserted", "rumoured"]);
        assert_eq!(extension.attributes["Negation"], ["true"]);
    }
}
