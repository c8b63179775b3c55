//! The Label Studio labeling config shipped with the Label Studio export
//! (`<stem>.label_config.xml`): a project set up with it imports the exported tasks as
//! they are. Its `<Labels name="label" toName="text">` and `<Text name="text"
//! value="$text">` are the `from_name`, `to_name` and `data.text` the tasks use; it names
//! every label of the schema (entity types, claim kinds, source kinds) and every other
//! label written, each with its colour (`label_colors.rs`), and every relation type of
//! the schema and written in `<Relations>`.

use std::fmt::Write;

use crate::domain::model::{Annotation, Relation};
use crate::domain::schema::{LabelKind, Schema};

use super::label_colors::{annotation_color, label_color, Rgb};

/// The labeling config for tasks holding `annotations` and `relations`.
pub(super) fn label_config(
    schema: &Schema,
    annotations: &[&Annotation],
    relations: &[&Relation],
) -> String {
    let mut labels: Vec<(String, Rgb)> = Vec::new();
    let mut add = |name: &str, color: Rgb| {
        if !labels.iter().any(|(known, _)| known == name) {
            labels.push((name.to_string(), color));
        }
    };
    for kind in [LabelKind::Entity, LabelKind::Claim, LabelKind::Source] {
        for def in schema.labels(kind) {
            add(&def.name, label_color(schema, kind, &def.name));
        }
    }
    for a in annotations {
        add(&a.label, annotation_color(schema, a.kind, &a.label));
    }
    let mut relation_types: Vec<&str> = schema
        .relation_types
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    for r in relations {
        if !relation_types.contains(&r.kind.as_str()) {
            relation_types.push(&r.kind);
        }
    }
    let mut xml = String::from("<View>\n  <Relations>\n");
    for kind in relation_types {
        let _ = writeln!(xml, "    <Relation value=\"{}\"/>", attr(kind));
    }
    xml.push_str("  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n");
    for (name, color) in &labels {
        let _ = writeln!(
            xml,
            "    <Label value=\"{}\" background=\"{color}\"/>",
            attr(name)
        );
    }
    xml.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    xml
}

/// `text` escaped for a double-quoted XML attribute value.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    #[test]
    fn names_schema_labels_and_the_labels_and_relations_written() {
        let odd = Annotation::new("a1", Kind::Entity, "A&B \"x\"", vec![Span::new(0, 1)]);
        let person = Annotation::new("a2", Kind::Entity, "PERSON", vec![Span::new(0, 1)]);
        let relation = Relation::new("r1", "quotes <directly>", "a1", "a2");
        let xml = label_config(&Schema::default(), &[&odd, &person], &[&relation]);
        assert!(xml.starts_with("<View>\n  <Relations>\n    <Relation value=\"attributed_to\"/>"));
        assert!(
            xml.contains("<Relation value=\"quotes &lt;directly&gt;\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<Label value=\"A&amp;B &quot;x&quot;\" background=\"#"));
        assert_eq!(xml.matches("<Label value=\"PERSON\"").count(), 1, "{xml}");
        assert!(xml.contains("<Label value=\"factual\""));
        assert!(xml.contains("<Label value=\"publication\""));
        assert!(xml.ends_with("<Text name=\"text\" value=\"$text\"/>\n</View>\n"));
    }
}
