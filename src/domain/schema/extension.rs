//! Labels and attribute values that an article's imports add to the schema in force for
//! it: what a brat project's `annotation.conf` declares (its entity and event types,
//! relation types, attributes and their values) beyond the configuration.
//!
//! An extension only adds: a label the schema already has keeps its key, colour and
//! description, an attribute keeps its values and gains the new ones. It is kept in the
//! article's sidecar (the top-level field `schema`, see `docs/sidecar.md`), so the
//! workbench offers the same labels whenever it opens the article.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{AttrDef, AttrValue, LabelDef, LabelKind, Schema};

/// Colours given to added labels, by their name (the schema's own labels keep theirs).
const COLORS: [&str; 8] = [
    "light-blue",
    "light-green",
    "light-magenta",
    "light-cyan",
    "yellow",
    "magenta",
    "cyan",
    "green",
];

/// Labels of each kind and attribute values to add to a schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaExtension {
    /// Labels by kind, in the order they were added.
    pub labels: BTreeMap<LabelKind, Vec<String>>,
    /// Attribute values by attribute name, in the order they were added (`true` for an
    /// attribute that is set or not, as brat's binary attributes).
    pub attributes: BTreeMap<String, Vec<String>>,
}

impl SchemaExtension {
    /// Whether it adds nothing.
    pub fn is_empty(&self) -> bool {
        self.labels.values().all(Vec::is_empty) && self.attributes.is_empty()
    }

    /// Adds the label `name` of `kind`, once.
    pub fn add_label(&mut self, kind: LabelKind, name: &str) {
        let names = self.labels.entry(kind).or_default();
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }

    /// Adds `value` to the values of the attribute `name`, once.
    pub fn add_value(&mut self, name: &str, value: &str) {
        let values = self.attributes.entry(name.to_string()).or_default();
        if !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    }

    /// Adds everything `other` adds; whether anything was new.
    pub fn merge(&mut self, other: &SchemaExtension) -> bool {
        let before = self.clone();
        for (kind, names) in &other.labels {
            for name in names {
                self.add_label(*kind, name);
            }
        }
        for (name, values) in &other.attributes {
            for value in values {
                self.add_value(name, value);
            }
        }
        *self != before
    }

    /// The sidecar's `schema` field: `{"entity": […], "claim": […], "source": […],
    /// "relation": […], "attributes": {"name": […]}}`, empty lists left out.
    pub fn to_json(&self) -> Value {
        let mut object = Map::new();
        for kind in LabelKind::ALL {
            if let Some(names) = self.labels.get(&kind).filter(|n| !n.is_empty()) {
                object.insert(kind.name().to_string(), names.clone().into());
            }
        }
        if !self.attributes.is_empty() {
            let attributes: Map<String, Value> = self
                .attributes
                .iter()
                .map(|(name, values)| (name.clone(), values.clone().into()))
                .collect();
            object.insert("attributes".to_string(), attributes.into());
        }
        Value::Object(object)
    }

    /// Reads the sidecar's `schema` field; what is not shaped as [`Self::to_json`]
    /// writes it is left out (a sidecar is never refused for it).
    pub fn from_json(value: &Value) -> SchemaExtension {
        let mut extension = SchemaExtension::default();
        let strings = |v: Option<&Value>| -> Vec<String> {
            v.and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        for kind in LabelKind::ALL {
            for name in strings(value.get(kind.name())) {
                extension.add_label(kind, &name);
            }
        }
        if let Some(attributes) = value.get("attributes").and_then(Value::as_object) {
            for (name, values) in attributes {
                for value in strings(Some(values)) {
                    extension.add_value(name, &value);
                }
            }
        }
        extension
    }
}

impl Schema {
    /// Adds the labels and attribute values of `extension` that the schema lacks.
    pub fn extend(&mut self, extension: &SchemaExtension) {
        for (kind, names) in &extension.labels {
            for name in names {
                if self.label(*kind, name).is_none() {
                    self.labels_mut(*kind).push(added_label(name));
                }
            }
        }
        for (name, values) in &extension.attributes {
            let index = match self.attributes.iter().position(|a| a.name == *name) {
                Some(index) => index,
                None => {
                    self.attributes.push(AttrDef {
                        name: name.clone(),
                        description: "Declared by an imported annotation.conf.".to_string(),
                        values: Vec::new(),
                    });
                    self.attributes.len() - 1
                }
            };
            let attribute = &mut self.attributes[index];
            for value in values {
                if attribute.value(value).is_none() {
                    attribute.values.push(AttrValue {
                        value: value.clone(),
                        key: None,
                        description: String::new(),
                    });
                }
            }
        }
    }
}

/// A label an extension adds: no key, a colour chosen by its name.
fn added_label(name: &str) -> LabelDef {
    let sum = name.bytes().fold(0usize, |n, b| n.wrapping_add(b as usize));
    LabelDef {
        name: name.to_string(),
        key: None,
        color: COLORS[sum % COLORS.len()].to_string(),
        description: "Declared by an imported annotation.conf.".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_adds_what_the_schema_lacks_and_keeps_the_rest() {
        let mut extension = SchemaExtension::default();
        extension.add_label(LabelKind::Entity, "Организация");
        extension.add_label(LabelKind::Entity, "PERSON");
        extension.add_label(LabelKind::Relation, "Employment");
        extension.add_value("stance", "rumoured");
        extension.add_value("stance", "denied");
        extension.add_value("Negation", "true");
        let mut schema = Schema::default();
        let person = schema.entity_type("PERSON").cloned();
        schema.extend(&extension);
        assert_eq!(schema.entity_type("PERSON").cloned(), person);
        let added = schema.entity_type("Организация").unwrap();
        assert!(added.parsed_color().is_some() && added.key.is_none());
        assert!(schema.relation_type("Employment").is_some());
        let stance: Vec<&str> = schema
            .attribute("stance")
            .unwrap()
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        assert_eq!(stance.last(), Some(&"rumoured"));
        assert_eq!(stance.iter().filter(|v| **v == "denied").count(), 1);
        assert!(schema.is_known_attr_value("Negation", "true"));
    }

    #[test]
    fn the_sidecar_field_reads_back_and_bad_parts_are_left_out() {
        let mut extension = SchemaExtension::default();
        extension.add_label(LabelKind::Claim, "Content");
        extension.add_value("Confidence", "High");
        let json = extension.to_json();
        assert_eq!(
            json,
            serde_json::json!({"claim": ["Content"], "attributes": {"Confidence": ["High"]}})
        );
        assert_eq!(SchemaExtension::from_json(&json), extension);
        let odd =
            serde_json::json!({"entity": "PERSON", "claim": [1, "Content"], "attributes": []});
        let read = SchemaExtension::from_json(&odd);
        assert_eq!(
            read.labels.get(&LabelKind::Claim),
            Some(&vec!["Content".to_string()])
        );
        assert!(read.attributes.is_empty());
        let mut more = SchemaExtension::default();
        assert!(!more.merge(&SchemaExtension::default()));
        assert!(more.merge(&extension) && !more.merge(&extension));
    }
}
