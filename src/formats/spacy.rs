//! spaCy `Doc.to_json()`: `text`, `ents` [{start, end, label, kb_id?}] in code points,
//! optional span groups `spans` {key: [{start, end, label}]}, `sents` and `tokens`.
//!
//! Entities and span-group spans become annotations, pending (they are model output),
//! made by `spacy`. The span groups `claims`, `sources` and `entities` (which scholia
//! writes) say their spans' kind; other spans are of the kind their label stands for
//! ([`kind_for_label`], refined by the schema on import). A non-empty `kb_id` becomes a
//! link; the key of another span group becomes the attribute `spans_key`. The `sents` and `tokens` counts go into the document's `meta`.
//! spaCy spans have no ids: each is named by its place in the file (`ents[2]`,
//! `spans.sc[0]`), so a message about it points at the right one.
//! A file may hold one doc, a list of docs or one doc per line.

use std::sync::Arc;

use serde_json::Value;

use crate::domain::model::{Kind, Origin, Status};
use crate::formats::json_records::{self, describe, offset, str_field, RecordShape};
use crate::formats::spacy_typed;
use crate::formats::{
    kind_for_label, Format, FormatError, ImportOptions, ImportProblem, ImportedAnnotation,
    ImportedDoc, ImportedSpan,
};

/// Parses a spaCy `Doc.to_json()` file.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::Spacy);
    if let Some(doc) = spacy_typed::read(input, unit) {
        return Ok(vec![doc]);
    }
    let records = json_records::read(Format::Spacy, input)?;
    json_records::docs_from_records(
        &RecordShape {
            format: Format::Spacy,
            unit,
            text_name: "text",
            numbered: false,
        },
        input,
        &records,
        |value| str_field(value, "text"),
        read_doc,
    )
}

fn read_doc(doc: &mut ImportedDoc, value: &Value, line: usize) {
    let origin = spacy_origin();
    match value.get("ents") {
        None | Some(Value::Null) => {}
        Some(Value::Array(ents)) => {
            for (i, ent) in ents.iter().enumerate() {
                read_span(
                    doc,
                    ent,
                    line,
                    (&format!("entity {i}"), &format!("ents[{i}]")),
                    (None, &origin),
                );
            }
        }
        Some(other) => doc.problems.push(ImportProblem::at(
            line,
            format!(
                "\"ents\" is {} instead of a list; no entities are imported.",
                describe(other)
            ),
        )),
    }
    if let Some(groups) = value.get("spans").and_then(Value::as_object) {
        for (key, spans) in groups {
            let Some(spans) = spans.as_array() else {
                doc.problems.push(ImportProblem::at(
                    line,
                    format!("span group \"{key}\" is not a list; it is skipped."),
                ));
                continue;
            };
            for (i, span) in spans.iter().enumerate() {
                read_span(
                    doc,
                    span,
                    line,
                    (
                        &format!("span {i} of group \"{key}\""),
                        &format!("spans.{key}[{i}]"),
                    ),
                    (Some(key), &origin),
                );
            }
        }
    }
    for key in ["sents", "tokens"] {
        if let Some(items) = value.get(key).and_then(Value::as_array) {
            doc.meta.insert(key.to_string(), items.len().to_string());
        }
    }
}

/// Reads one span of the span group `group` (`None`: of `ents`), made by `origin`;
/// `what` describes it in a problem and `name` (`ents[2]`, `spans.sc[0]`, its place in
/// the file) names it as its `source_id`, since spaCy spans have no ids.
fn read_span(
    doc: &mut ImportedDoc,
    span: &Value,
    line: usize,
    (what, name): (&str, &str),
    (group, origin): (Option<&str>, &Arc<Origin>),
) {
    let (Some(start), Some(end)) = (offset(span.get("start")), offset(span.get("end"))) else {
        doc.problems.push(ImportProblem::at(
            line,
            format!(
                "{what} has no valid \"start\" and \"end\" ({}); it is skipped.",
                describe(span)
            ),
        ));
        return;
    };
    if start > end {
        doc.problems.push(ImportProblem::at(
            line,
            format!("{what} starts at {start} after it ends at {end}; it is skipped."),
        ));
        return;
    }
    let label = str_field(span, "label").unwrap_or_default();
    add_span(
        doc,
        (start, end),
        (label, origin),
        str_field(span, "kb_id"),
        (group, name),
    );
}

/// The origin of a spaCy file's annotations, made once for all of them.
pub(super) fn spacy_origin() -> Arc<Origin> {
    Arc::new(Origin::tool(Format::Spacy.name()))
}

/// Adds the entity or span-group span `start..end` labelled `label`, made by `origin`
/// ([`spacy_origin`], shared), with its `kb_id`, from the span group `group` (`None`:
/// from `ents`), named `name` by its place in the file (`ents[2]`, `spans.sc[0]`).
pub(super) fn add_span(
    doc: &mut ImportedDoc,
    (start, end): (usize, usize),
    (label, origin): (&str, &Arc<Origin>),
    kb_id: Option<&str>,
    (group, name): (Option<&str>, &str),
) {
    let mut annotation = ImportedAnnotation::new(
        kind_for_label(label),
        label,
        Status::Pending,
        Arc::clone(origin),
    );
    annotation.source_id = Some(name.to_string());
    annotation.spans = vec![ImportedSpan::new(start, end)];
    if let Some(kb_id) = kb_id.filter(|k| !k.is_empty()) {
        annotation.links.push(kb_id.to_string());
    }
    match group.map(|key| (key, group_kind(key))) {
        Some((_, Some(kind))) => annotation.state_kind(kind),
        Some((key, None)) => {
            annotation
                .attrs
                .insert("spans_key".to_string(), key.to_string());
        }
        None => {}
    }
    doc.annotations.push(annotation);
}

/// The kind the spans of a span group named `key` are: `claims`, `sources` and
/// `entities` say it.
fn group_kind(key: &str) -> Option<Kind> {
    match key {
        "claims" => Some(Kind::Claim),
        "sources" => Some(Kind::Source),
        "entities" => Some(Kind::Entity),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::OffsetUnit;

    fn one(input: &str) -> ImportedDoc {
        let mut docs = parse(input, &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    #[test]
    fn entities_are_pending_spacy_suggestions() {
        let doc = one(
            r#"{"text": "Kazakh 🇰🇿 Embassy", "ents": [{"start": 0, "end": 6, "label": "NORP"},
               {"start": 9, "end": 16, "label": "ORG", "kb_id": "Q1"}],
               "sents": [{"start": 0, "end": 16}], "tokens": [{"id": 0}, {"id": 1}]}"#,
        );
        assert_eq!(doc.text.as_deref(), Some("Kazakh 🇰🇿 Embassy"));
        assert_eq!(doc.unit, OffsetUnit::CodePoints);
        assert_eq!(doc.record, None);
        assert_eq!(doc.annotations.len(), 2);
        let org = &doc.annotations[1];
        assert_eq!(org.spans, vec![ImportedSpan::new(9, 16)]);
        assert_eq!((org.kind, org.status), (Kind::Entity, Status::Pending));
        assert_eq!(org.origin.by, "spacy");
        assert_eq!(org.links, vec!["Q1".to_string()]);
        assert_eq!(doc.meta["sents"], "1");
        assert_eq!(doc.meta["tokens"], "2");
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn bad_entities_are_problems_and_the_rest_imports() {
        let doc = one(
            "\u{feff}{\"text\": \"abc\",\r\n \"ents\": [{\"start\": 2, \"end\": 1, \"label\": \"X\"},\r\n {\"start\": -1, \"end\": 1}, {\"start\": 0, \"end\": 1, \"label\": \"Y\"}]}",
        );
        assert_eq!(doc.annotations.len(), 1);
        assert_eq!(doc.annotations[0].label, "Y");
        assert_eq!(doc.problems.len(), 2);
        assert!(doc.problems[0].message.contains("after it ends"));
    }

    #[test]
    fn span_groups_keep_their_key() {
        let doc = one(
            r#"{"text": "he said so", "ents": [], "spans": {"sc": [{"start": 0, "end": 2, "label": "Source"}]}}"#,
        );
        assert_eq!(doc.annotations[0].kind, Kind::Source);
        assert!(!doc.annotations[0].kind_stated);
        assert_eq!(doc.annotations[0].attrs["spans_key"], "sc");
    }

    #[test]
    fn the_groups_scholia_writes_say_the_kind() {
        let doc = one(
            r#"{"text": "Sultan said four died", "ents": [{"start": 0, "end": 6, "label": "PERSON"}],
               "spans": {"claims": [{"start": 12, "end": 21, "label": "factual"}],
                         "sources": [{"start": 0, "end": 6, "label": "PERSON"}],
                         "entities": [{"start": 0, "end": 6, "label": "Claim"}]}}"#,
        );
        let kinds: Vec<(Kind, bool, &str)> = doc
            .annotations
            .iter()
            .map(|a| (a.kind, a.kind_stated, a.label.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Entity, false, "PERSON"),
                (Kind::Claim, true, "factual"),
                (Kind::Source, true, "PERSON"),
                (Kind::Entity, true, "Claim"),
            ]
        );
        assert!(doc.annotations.iter().all(|a| a.attrs.is_empty()));
    }

    #[test]
    fn a_list_of_docs_gives_numbered_records() {
        let docs = parse(
            "{\"text\": \"a\", \"ents\": []}\n{\"ents\": []}\n",
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].record, Some(1));
        assert_eq!(docs[1].problems[0].line, Some(2));
    }

    #[test]
    fn json_without_text_is_not_spacy() {
        let err = parse(r#"{"data": {"text": "a"}}"#, &ImportOptions::default()).unwrap_err();
        assert!(err.to_string().contains("not a spacy file"), "{err}");
    }

    #[test]
    fn empty_input_is_a_problem_not_an_error() {
        let doc = one("\u{feff}\n");
        assert_eq!(doc.problems, vec![ImportProblem::empty_file()]);
    }
}
