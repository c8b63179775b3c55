//! doccano exports: one record per document, each with `text` and either `label` (or
//! `labels`) triples `[start, end, "TYPE"]`, or `entities` [{id, start_offset,
//! end_offset, label}] with `relations` [{id, from_id, to_id, type}].
//!
//! The file may be JSON Lines, one pretty-printed object (as doccano's relation export
//! writes despite its `.jsonl` name), or a JSON array of records. Offsets are UTF-16 code
//! units unless [`ImportOptions::unit`] says code points (older exports). Annotations
//! are accepted, made by `doccano`, named by their id, else by their place in the
//! file's list (`label[2]`); an entity object's `kind` (`entity`, `claim`,
//! `source`, which scholia writes) says its kind, else it is the kind its label stands
//! for ([`kind_for_label`], refined by the schema on import). Entity ids become
//! `source_id`s. `meta` and other fields are ignored. A record without text is a problem on its line; the others still import.

use std::borrow::Cow;
use std::collections::HashSet;

use serde_json::Value;

use crate::domain::model::{Origin, Status};
use crate::formats::doccano_typed;
use crate::formats::json_records::{self, describe, id_string, offset, str_field, RecordShape};
use crate::formats::json_texts::{self, keep_with_text, record_texts, RecordText, Typed};
use crate::formats::{
    kind_for_label, kind_named, Format, FormatError, ImportOptions, ImportProblem,
    ImportedAnnotation, ImportedDoc, ImportedRelation, ImportedSpan, OffsetUnit,
};

/// Parses a doccano export.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::Doccano);
    let default_keys = options.text_key.is_none() && options.label_key.is_none();
    if let Some(records) = default_keys.then(|| record_texts(input)).flatten() {
        return parse_typed(input, unit, &records);
    }
    let records = json_records::read(Format::Doccano, input)?;
    let text_key = options.text_key();
    let fall_back_to_data = options.text_key.is_none();
    json_records::docs_from_records(
        &RecordShape {
            format: Format::Doccano,
            unit,
            text_name: text_key,
            numbered: true,
        },
        input,
        &records,
        |value| {
            str_field(value, text_key).or_else(|| {
                fall_back_to_data
                    .then(|| str_field(value, "data"))
                    .flatten()
            })
        },
        |doc, value, line| read_record(doc, value, line, options.label_key.as_deref()),
    )
}

/// Parses the records of a valid JSON file with the default keys, each typed when it
/// can be, else through its `Value`.
fn parse_typed<'a>(
    input: &str,
    unit: OffsetUnit,
    records: &[RecordText<'a>],
) -> Result<Vec<ImportedDoc>, FormatError> {
    json_texts::docs_from_texts(
        &RecordShape {
            format: Format::Doccano,
            unit,
            text_name: "text",
            numbered: true,
        },
        input,
        records,
        |record| match doccano_typed::read(record, unit) {
            Typed::Read(text, doc) => Some((text, *doc)),
            Typed::NoText => None,
            Typed::Unusual => {
                let value: Value = serde_json::from_str(record.json).ok()?;
                let text = str_field(&value, "text").or_else(|| str_field(&value, "data"))?;
                let mut doc = ImportedDoc::new(Format::Doccano, unit);
                read_record(&mut doc, &value, record.line, None);
                Some((Cow::Owned(text.to_string()), doc))
            }
        },
        keep_with_text,
    )
}

fn read_record(doc: &mut ImportedDoc, value: &Value, line: usize, label_key: Option<&str>) {
    let keys: Vec<&str> = match label_key {
        Some(key) => vec![key],
        None => vec!["label", "labels", "entities"],
    };
    for key in keys {
        match value.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    read_item(doc, item, line, key, index);
                }
            }
            Some(other) => doc.problems.push(ImportProblem::at(
                line,
                format!(
                    "\"{key}\" is {} instead of a list; it is skipped.",
                    describe(other)
                ),
            )),
        }
    }
    if let Some(relations) = value.get("relations").and_then(Value::as_array) {
        let ids: HashSet<String> = doc
            .annotations
            .iter()
            .filter_map(|a| a.source_id.clone())
            .collect();
        for relation in relations {
            read_relation(doc, relation, line, &ids);
        }
    }
}

/// Reads item `index` of the list under `key`; an item without an id is named by its
/// place in the file's list (`label[2]`), so messages point at it.
fn read_item(doc: &mut ImportedDoc, item: &Value, line: usize, key: &str, index: usize) {
    let (start, end, label, id, kind) = match item {
        Value::Array(triple) if triple.len() == 3 => (
            offset(triple.first()),
            offset(triple.get(1)),
            triple.get(2).and_then(Value::as_str),
            None,
            None,
        ),
        Value::Object(_) => (
            offset(item.get("start_offset")),
            offset(item.get("end_offset")),
            str_field(item, "label"),
            id_string(item.get("id")),
            str_field(item, "kind"),
        ),
        Value::String(category) => {
            doc.problems.push(ImportProblem::at(
                line,
                format!("\"{category}\" in \"{key}\" labels the whole document, not a span; it is skipped."),
            ));
            return;
        }
        other => {
            doc.problems.push(ImportProblem::at(
                line,
                format!("{} in \"{key}\" is not a [start, end, \"TYPE\"] triple or an entity; it is skipped.", describe(other)),
            ));
            return;
        }
    };
    let (Some(start), Some(end), Some(label)) = (start, end, label) else {
        doc.problems.push(ImportProblem::at(
            line,
            format!(
                "{} in \"{key}\" lacks a valid start, end or label; it is skipped.",
                describe(item)
            ),
        ));
        return;
    };
    if start > end {
        doc.problems.push(ImportProblem::at(
            line,
            format!(
                "the \"{label}\" span starts at {start} after it ends at {end}; it is skipped."
            ),
        ));
        return;
    }
    let mut annotation = ImportedAnnotation::new(
        kind_for_label(label),
        label,
        Status::Accepted,
        Origin::tool(Format::Doccano.name()),
    );
    annotation.source_id = id.or_else(|| Some(format!("{key}[{index}]")));
    annotation.spans.push(ImportedSpan::new(start, end));
    match kind.map(|name| (name, kind_named(name))) {
        Some((_, Some(kind))) => annotation.state_kind(kind),
        Some((name, None)) => doc.problems.push(
            ImportProblem::at(
                line,
                format!("the \"{label}\" span has kind \"{name}\", which is not entity, claim or source; its kind follows its label."),
            )
            .harmless(),
        ),
        None => {}
    }
    doc.annotations.push(annotation);
}

fn read_relation(doc: &mut ImportedDoc, relation: &Value, line: usize, ids: &HashSet<String>) {
    let from = id_string(relation.get("from_id"));
    let to = id_string(relation.get("to_id"));
    let kind = str_field(relation, "type");
    let (Some(from), Some(to), Some(kind)) = (from, to, kind) else {
        doc.problems.push(ImportProblem::at(
            line,
            format!(
                "relation {} lacks a from_id, to_id or type; it is skipped.",
                describe(relation)
            ),
        ));
        return;
    };
    if let Some(missing) = [&from, &to].into_iter().find(|id| !ids.contains(*id)) {
        doc.problems.push(ImportProblem::at(
            line,
            format!("the \"{kind}\" relation refers to entity {missing}, which is not in the record; it is skipped."),
        ));
        return;
    }
    doc.relations.push(ImportedRelation::new(
        id_string(relation.get("id")),
        kind,
        from,
        to,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Kind;
    use crate::formats::OffsetUnit;

    fn parse_default(input: &str) -> Vec<ImportedDoc> {
        parse(input, &ImportOptions::default()).unwrap()
    }

    /// The text a span covers when counted in `unit`.
    fn covered(text: &str, span: ImportedSpan, unit: OffsetUnit) -> String {
        match unit {
            OffsetUnit::CodePoints => text
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect(),
            OffsetUnit::Utf16 => {
                let units: Vec<u16> = text.encode_utf16().collect();
                String::from_utf16_lossy(&units[span.start..span.end])
            }
        }
    }

    #[test]
    fn label_triples_in_utf16_by_default() {
        let docs = parse_default(
            "{\"text\": \"😀 EU rejects\", \"label\": [[3, 5, \"ORG\"], [6, 13, \"Claim\"]]}\n",
        );
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        assert_eq!(doc.record, Some(0));
        assert_eq!(doc.unit, OffsetUnit::Utf16);
        assert_eq!(doc.annotations[0].spans, vec![ImportedSpan::new(3, 5)]);
        let text = doc.text.as_deref().unwrap();
        assert_eq!(covered(text, doc.annotations[0].spans[0], doc.unit), "EU");
        assert_eq!(doc.annotations[0].status, Status::Accepted);
        assert_eq!(doc.annotations[1].kind, Kind::Claim);
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn code_points_on_request() {
        let options = ImportOptions {
            unit: Some(OffsetUnit::CodePoints),
            ..ImportOptions::default()
        };
        let docs = parse(
            "{\"text\": \"😀 EU\", \"labels\": [[2, 4, \"ORG\"]]}",
            &options,
        )
        .unwrap();
        assert_eq!(docs[0].unit, OffsetUnit::CodePoints);
        let span = docs[0].annotations[0].spans[0];
        assert_eq!(span, ImportedSpan::new(2, 4));
        assert_eq!(covered("😀 EU", span, docs[0].unit), "EU");
    }

    #[test]
    fn entities_and_relations_keep_their_ids() {
        let docs = parse_default(
            r#"[{"text": "Google by Page", "entities": [
                {"id": 7, "start_offset": 0, "end_offset": 6, "label": "ORG"},
                {"id": 8, "start_offset": 10, "end_offset": 14, "label": "PERSON"}],
               "relations": [{"id": 1, "from_id": 7, "to_id": 8, "type": "foundedBy"},
                             {"id": 2, "from_id": 7, "to_id": 9, "type": "x"}]}]"#,
        );
        let doc = &docs[0];
        assert_eq!(doc.annotations[0].source_id.as_deref(), Some("7"));
        assert_eq!(doc.relations.len(), 1);
        assert_eq!(doc.relations[0].from, "7");
        assert_eq!(doc.relations[0].to, "8");
        assert_eq!(doc.relations[0].source_id.as_deref(), Some("1"));
        assert_eq!(doc.problems.len(), 1);
        assert!(doc.problems[0].message.contains("entity 9"));
    }

    #[test]
    fn bad_records_and_items_are_problems_on_their_lines() {
        let input = "\u{feff}{\"text\": \"ab\", \"label\": [[0, 1, \"A\"], [2, 1, \"B\"], [0, \"x\", \"C\"], \"positive\"]}\r\n{\"label\": [[0, 1, \"A\"]]}\r\n{\"text\": \"broken\r\n{\"text\": \"cd\", \"label\": [[1, 2, \"D\"]], \"meta\": {\"k\": 1}}\r\n";
        let docs = parse_default(input);
        assert_eq!(docs.len(), 4);
        assert_eq!(docs[0].annotations.len(), 1);
        assert_eq!(docs[0].problems.len(), 3);
        assert!(docs[0].problems.iter().all(|p| p.line == Some(1)));
        assert_eq!(docs[1].text, None);
        assert_eq!(docs[1].problems[0].line, Some(2));
        assert_eq!(docs[2].problems[0].line, Some(3));
        assert_eq!(docs[3].record, Some(3));
        assert_eq!(docs[3].annotations[0].label, "D");
    }

    #[test]
    fn an_entity_s_kind_field_states_its_kind() {
        let docs = parse_default(
            r#"{"text": "Sultan said four died", "entities": [
                {"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 6, "kind": "source"},
                {"id": 2, "label": "factual", "start_offset": 12, "end_offset": 21, "kind": "claim"},
                {"id": 3, "label": "Claim", "start_offset": 12, "end_offset": 16, "kind": "entity"},
                {"id": 4, "label": "X", "start_offset": 17, "end_offset": 21, "kind": "verb"}]}"#,
        );
        let kinds: Vec<(Kind, bool)> = docs[0]
            .annotations
            .iter()
            .map(|a| (a.kind, a.kind_stated))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Source, true),
                (Kind::Claim, true),
                (Kind::Entity, true),
                (Kind::Entity, false)
            ]
        );
        assert_eq!(docs[0].problems.len(), 1);
        assert!(docs[0].problems[0].harmless);
        assert!(docs[0].problems[0].message.contains("\"verb\""));
    }

    #[test]
    fn older_exports_keep_the_text_in_data() {
        let docs = parse_default(r#"{"id": 1, "data": "abc", "label": [[0, 1, "X"]]}"#);
        assert_eq!(docs[0].text.as_deref(), Some("abc"));
    }

    #[test]
    fn empty_input_is_a_problem() {
        let docs = parse_default("");
        assert_eq!(docs[0].problems, vec![ImportProblem::empty_file()]);
    }
}
