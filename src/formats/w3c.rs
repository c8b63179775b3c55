//! W3C Web Annotation JSON-LD: one Annotation, a list of them, an AnnotationPage
//! (`items`, and the pages that follow it as embedded `next` pages) or an
//! AnnotationCollection (`first` or `items`). The whole file is one document; its text
//! is the target source, which the caller supplies.
//!
//! An annotation with motivation `linking` whose target is another annotation (an IRI,
//! or an object without a selector) is a relation, as scholia writes them: from the
//! target to each `SpecificResource` body (its `source`, else `id`), typed by its
//! `tagging` body (`relation` when it has none), its id the relation's.
//!
//! Targets: an object with `source` and `selector` (one selector or a list), or a list
//! of such targets. Selectors: `TextPositionSelector` (`start`/`end` in code points →
//! a span), `TextQuoteSelector` (`exact` → text, `prefix`, `suffix`) and
//! `FragmentSelector` with an RFC 5147 value `char=start,end`; other selectors are
//! reported. An annotation with a quote but no position has no spans (the caller
//! searches for the quote); one with neither is reported and skipped. The first target
//! `source` goes into the document's `meta`.
//!
//! Bodies (one, a list, or an IRI string = a link), by `purpose` (else the annotation's
//! `motivation`):
//! - `tagging`, `classifying` → the label (a second tag goes to `attrs["body.tagging"]`);
//! - `commenting`, `describing`, `replying`, `questioning` → the note;
//! - `identifying`, `linking` → a link (`value`, else `id`, else `source`);
//! - `scholia:kind` → the kind, `scholia:status` → the status, `scholia:score` and
//!   `scholia:model` → the origin, any other `scholia:<name>` → `attrs[<name>]`
//!   (stance, credibility…); a body whose `type` starts with `scholia:` gives the same
//!   meaning to each of its own string fields (`{"type": "scholia:Attributes", "kind":
//!   "claim", "stance": "denied"}`);
//! - anything else → `attrs["body.<purpose>"]` (`body` when it has no purpose).
//!
//! Annotations are accepted unless a `scholia:status` body says otherwise, made by
//! `w3c`, and of the kind their label stands for ([`kind_for_label`]) unless a
//! `scholia:kind` body says otherwise. The annotation `id` is the `source_id`.

use std::sync::Arc;

use serde_json::Value;

use crate::domain::model::{Kind, Origin, Status};
use crate::formats::json_records::{self, describe, offset, str_field};
use crate::formats::json_texts::{record_texts, RecordText};
use crate::formats::w3c_stream;
use crate::formats::{
    kind_for_label, Format, FormatError, ImportOptions, ImportProblem, ImportedAnnotation,
    ImportedDoc, ImportedRelation, ImportedSpan, OffsetUnit,
};

/// Parses a W3C Web Annotation file into one document.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::W3c);
    if let Some(records) = record_texts(input) {
        return parse_streamed(input, unit, &records);
    }
    let records = json_records::read(Format::W3c, input)?;
    if records.is_empty() {
        return Ok(json_records::docs_or_problem(
            Format::W3c,
            unit,
            input,
            Vec::new(),
        ));
    }
    let mut doc = ImportedDoc::new(Format::W3c, unit);
    let mut found = 0;
    for record in &records {
        match &record.value {
            Ok(value) => read_value(&mut doc, value, record.line, &mut found),
            Err(reason) => not_json(&mut doc, record.line, reason),
        }
    }
    one_doc(doc, found)
}

/// Parses the records of a valid JSON file, pages one annotation at a time, anything
/// else through its `Value`.
fn parse_streamed(
    input: &str,
    unit: OffsetUnit,
    records: &[RecordText<'_>],
) -> Result<Vec<ImportedDoc>, FormatError> {
    if records.is_empty() {
        return Ok(json_records::docs_or_problem(
            Format::W3c,
            unit,
            input,
            Vec::new(),
        ));
    }
    let mut doc = ImportedDoc::new(Format::W3c, unit);
    let mut found = 0;
    for record in records {
        if w3c_stream::read(&mut doc, record, &mut found).is_some() {
            continue;
        }
        match serde_json::from_str::<Value>(record.json) {
            Ok(value) => read_value(&mut doc, &value, record.line, &mut found),
            Err(error) => not_json(&mut doc, record.line, &error.to_string()),
        }
    }
    one_doc(doc, found)
}

/// Reads the annotations a top-level value holds.
fn read_value(doc: &mut ImportedDoc, value: &Value, line: usize, found: &mut usize) {
    for annotation in annotations_in(value) {
        *found += 1;
        read_annotation(doc, annotation, line);
    }
}

/// Reports the record on `line` that is not JSON.
fn not_json(doc: &mut ImportedDoc, line: usize, reason: &str) {
    doc.problems.push(ImportProblem::at(
        line,
        format!("this line is not valid JSON ({reason}); it is skipped."),
    ));
}

/// The file's one document, or why it is not a W3C file when it held no annotation.
fn one_doc(doc: ImportedDoc, found: usize) -> Result<Vec<ImportedDoc>, FormatError> {
    if found == 0 {
        return Err(FormatError::Shape {
            format: Format::W3c,
            reason: "it holds no Annotation (nothing with a \"target\")".to_string(),
        });
    }
    Ok(vec![doc])
}

/// The annotations a top-level value holds: itself, or the items of a page or
/// collection and of the pages embedded after it (`next`).
pub(super) fn annotations_in(value: &Value) -> Vec<&Value> {
    if value.get("target").is_some() {
        return vec![value];
    }
    let mut found: Vec<&Value> = match value.get("items") {
        Some(Value::Array(items)) => items.iter().flat_map(annotations_in).collect(),
        _ => Vec::new(),
    };
    for page in ["first", "next"] {
        if let Some(page @ Value::Object(_)) = value.get(page) {
            found.extend(annotations_in(page));
        }
    }
    found
}

/// The strings of a value that may be one string or a list of them.
fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The items of a value that may be one item or a list of them.
fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

/// Reads one annotation (or a relation, for a `linking` one) into `doc`.
pub(super) fn read_annotation(doc: &mut ImportedDoc, value: &Value, line: usize) {
    let id = str_field(value, "id");
    let name = id.map_or_else(
        || "an annotation".to_string(),
        |id| format!("annotation {id}"),
    );
    let mut annotation = ImportedAnnotation::new(
        Kind::Entity,
        "",
        Status::Accepted,
        Origin::tool(Format::W3c.name()),
    );
    annotation.source_id = id.map(str::to_string);
    let motivation = strings(value.get("motivation")).first().copied();
    if motivation == Some("linking") {
        if let Some(from) = linked_target(value) {
            read_relation(doc, value, from, line, &name);
            return;
        }
    }
    let mut located = false;
    for target in one_or_many(value.get("target")) {
        located |= read_target(doc, &mut annotation, target, line, &name);
    }
    if !located {
        doc.problems.push(ImportProblem::at(
            line,
            format!("{name} has no TextPositionSelector or TextQuoteSelector on its target; it is skipped."),
        ));
        return;
    }
    let mut kind = None;
    for body in one_or_many(value.get("body")) {
        read_body(
            doc,
            &mut annotation,
            &mut kind,
            body,
            motivation,
            line,
            &name,
        );
    }
    match kind {
        Some(kind) => annotation.state_kind(kind),
        None => annotation.kind = kind_for_label(&annotation.label),
    }
    doc.annotations.push(annotation);
}

/// The annotation a `linking` annotation's target names: an IRI, or the `id` (else
/// `source`) of a target object without a selector.
fn linked_target(value: &Value) -> Option<&str> {
    match one_or_many(value.get("target")).as_slice() {
        [Value::String(iri)] => Some(iri),
        [target @ Value::Object(_)] if target.get("selector").is_none() => {
            str_field(target, "id").or_else(|| str_field(target, "source"))
        }
        _ => None,
    }
}

/// A relation from `from`: one per `SpecificResource` body, typed by the `tagging` body.
fn read_relation(doc: &mut ImportedDoc, value: &Value, from: &str, line: usize, name: &str) {
    let bodies = one_or_many(value.get("body"));
    let kind = bodies
        .iter()
        .filter(|b| strings(b.get("purpose")).contains(&"tagging"))
        .find_map(|b| str_field(b, "value"))
        .unwrap_or("relation");
    let ends: Vec<&str> = bodies
        .iter()
        .filter(|b| str_field(b, "type") == Some("SpecificResource"))
        .filter_map(|b| str_field(b, "source").or_else(|| str_field(b, "id")))
        .collect();
    if ends.is_empty() {
        doc.problems.push(ImportProblem::at(
            line,
            format!("{name} links {from} to nothing (no SpecificResource body); it is skipped."),
        ));
    }
    let id = str_field(value, "id").map(str::to_string);
    for to in ends {
        doc.relations
            .push(ImportedRelation::new(id.clone(), kind, from, to));
    }
}

/// Reads one target's selectors into `annotation`; whether it located anything.
fn read_target(
    doc: &mut ImportedDoc,
    annotation: &mut ImportedAnnotation,
    target: &Value,
    line: usize,
    name: &str,
) -> bool {
    let Value::Object(_) = target else {
        return false;
    };
    if let Some(source) = str_field(target, "source") {
        match doc.meta.get("source") {
            None => {
                doc.meta.insert("source".to_string(), source.to_string());
            }
            Some(first) if first != source => {
                let message = format!("{name} targets {source}, not {first} like the first annotation; it is imported into the same document.");
                doc.problems.push(ImportProblem::at(line, message));
            }
            Some(_) => {}
        }
    }
    let mut located = false;
    for selector in one_or_many(target.get("selector")) {
        let kind = str_field(selector, "type").unwrap_or_default();
        match kind {
            "TextPositionSelector" => {
                match (offset(selector.get("start")), offset(selector.get("end"))) {
                    (Some(start), Some(end)) if start <= end => {
                        annotation.spans.push(ImportedSpan::new(start, end));
                        located = true;
                    }
                    _ => doc.problems.push(ImportProblem::at(
                        line,
                        format!("{name} has a TextPositionSelector without a valid start and end ({}); it is ignored.", describe(selector)),
                    )),
                }
            }
            "TextQuoteSelector" => match str_field(selector, "exact") {
                Some(exact) => {
                    match &mut annotation.text {
                        Some(text) => {
                            text.push(' ');
                            text.push_str(exact);
                        }
                        None => annotation.text = Some(exact.to_string()),
                    }
                    if annotation.prefix.is_none() {
                        annotation.prefix = str_field(selector, "prefix").map(str::to_string);
                    }
                    annotation.suffix = str_field(selector, "suffix").map(str::to_string);
                    located = true;
                }
                None => doc.problems.push(ImportProblem::at(
                    line,
                    format!("{name} has a TextQuoteSelector without \"exact\"; it is ignored."),
                )),
            },
            "FragmentSelector" => match str_field(selector, "value").and_then(char_fragment) {
                Some(span) => {
                    annotation.spans.push(span);
                    located = true;
                }
                None => doc.problems.push(ImportProblem::at(
                    line,
                    format!("{name} has a FragmentSelector that is not \"char=start,end\"; it is ignored."),
                )),
            },
            other => doc.problems.push(ImportProblem::at(
                line,
                format!("{name} uses a selector of type \"{other}\", which scholia does not read; it is ignored."),
            )),
        }
    }
    located
}

/// An RFC 5147 `char=start,end` fragment.
fn char_fragment(value: &str) -> Option<ImportedSpan> {
    let (start, end) = value.trim().strip_prefix("char=")?.split_once(',')?;
    let (start, end) = (start.parse().ok()?, end.parse().ok()?);
    (start <= end).then(|| ImportedSpan::new(start, end))
}

fn read_body(
    doc: &mut ImportedDoc,
    annotation: &mut ImportedAnnotation,
    kind: &mut Option<Kind>,
    body: &Value,
    motivation: Option<&str>,
    line: usize,
    name: &str,
) {
    if let Value::String(iri) = body {
        annotation.links.push(iri.clone());
        return;
    }
    let body_type = str_field(body, "type").unwrap_or_default();
    if body_type.starts_with("scholia:") {
        if let Value::Object(fields) = body {
            for (key, field) in fields {
                if let (false, Some(text)) = (key == "type" || key == "purpose", field.as_str()) {
                    scholia_field(doc, annotation, kind, key, text, line, name);
                }
            }
        }
        return;
    }
    let purpose = strings(body.get("purpose"))
        .first()
        .copied()
        .or(motivation)
        .unwrap_or_default();
    let value = str_field(body, "value");
    match purpose {
        "tagging" | "classifying" => match (value, annotation.label.is_empty()) {
            (Some(value), true) => annotation.label = value.into(),
            (Some(value), false) => {
                annotation
                    .attrs
                    .insert("body.tagging".to_string(), value.to_string());
            }
            (None, _) => {}
        },
        "commenting" | "describing" | "replying" | "questioning" => {
            if let Some(value) = value {
                annotation.add_note(value);
            }
        }
        "identifying" | "linking" => {
            if let Some(link) = value
                .or_else(|| str_field(body, "id"))
                .or_else(|| str_field(body, "source"))
            {
                annotation.links.push(link.to_string());
            }
        }
        _ => {
            if let Some(field) = purpose.strip_prefix("scholia:") {
                if let Some(value) = value {
                    scholia_field(doc, annotation, kind, field, value, line, name);
                }
                return;
            }
            let key = if purpose.is_empty() {
                "body".to_string()
            } else {
                format!("body.{purpose}")
            };
            let text = value.map_or_else(|| body.to_string(), str::to_string);
            annotation.attrs.insert(key, text);
        }
    }
}

/// A scholia-specific body field.
fn scholia_field(
    doc: &mut ImportedDoc,
    annotation: &mut ImportedAnnotation,
    kind: &mut Option<Kind>,
    field: &str,
    value: &str,
    line: usize,
    name: &str,
) {
    match field {
        "kind" => match Kind::ALL.into_iter().find(|k| k.as_str() == value) {
            Some(found) => *kind = Some(found),
            None => doc.problems.push(ImportProblem::at(
                line,
                format!("{name} has kind \"{value}\", which is not entity, claim or source; its kind follows its label."),
            ).harmless()),
        },
        "status" => match Status::ALL.into_iter().find(|s| s.as_str() == value) {
            Some(found) => annotation.status = found,
            None => doc.problems.push(ImportProblem::at(
                line,
                format!("{name} has status \"{value}\", which scholia does not know; it stays accepted."),
            )),
        },
        "score" => match value.parse::<f64>() {
            Ok(score) => Arc::make_mut(&mut annotation.origin).score = Some(score),
            Err(_) => doc.problems.push(ImportProblem::at(
                line,
                format!("{name} has score \"{value}\", which is not a number; it is ignored."),
            ).harmless()),
        },
        "model" => Arc::make_mut(&mut annotation.origin).model = Some(value.to_string()),
        "label" => annotation.label = value.into(),
        "note" => annotation.add_note(value),
        other => {
            annotation
                .attrs
                .insert(other.to_string(), value.to_string());
        }
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
    fn an_annotation_with_both_selectors_and_bodies() {
        let doc = one(
            r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:a1", "type": "Annotation",
               "motivation": "tagging",
               "body": [{"type": "TextualBody", "value": "PERSON", "purpose": "tagging"},
                        {"type": "TextualBody", "value": "Check this.", "purpose": "commenting"},
                        {"type": "TextualBody", "value": "asserted", "purpose": "scholia:stance"},
                        {"type": "TextualBody", "value": "source", "purpose": "scholia:kind"},
                        {"type": "TextualBody", "value": "0.7", "purpose": "scholia:score"},
                        {"type": "TextualBody", "value": "x", "purpose": "highlighting"},
                        "http://www.wikidata.org/entity/Q42"],
               "target": {"source": "report.txt", "selector": [
                  {"type": "TextPositionSelector", "start": 2, "end": 7},
                  {"type": "TextQuoteSelector", "exact": "Smith", "prefix": "😀 ", "suffix": " said"}]}}"#,
        );
        assert_eq!(doc.unit, OffsetUnit::CodePoints);
        assert_eq!(doc.meta["source"], "report.txt");
        let a = &doc.annotations[0];
        assert_eq!(a.source_id.as_deref(), Some("urn:a1"));
        assert_eq!(a.label, "PERSON");
        assert_eq!(a.kind, Kind::Source);
        assert_eq!(a.spans, vec![ImportedSpan::new(2, 7)]);
        assert_eq!(a.text.as_deref(), Some("Smith"));
        assert_eq!(a.prefix.as_deref(), Some("😀 "));
        assert_eq!(a.suffix.as_deref(), Some(" said"));
        assert_eq!(a.note.as_deref(), Some("Check this."));
        assert_eq!(a.attrs["stance"], "asserted");
        assert_eq!(a.attrs["body.highlighting"], "x");
        assert_eq!(a.origin.score, Some(0.7));
        assert_eq!(
            a.links,
            vec!["http://www.wikidata.org/entity/Q42".to_string()]
        );
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    }

    #[test]
    fn a_collection_with_quote_only_and_unlocated_annotations() {
        let doc = one(
            r#"{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
                {"id": "a", "type": "Annotation", "body": {"type": "scholia:Attributes", "kind": "claim", "stance": "denied"},
                 "target": {"source": "r.txt", "selector": {"type": "TextQuoteSelector", "exact": "no camps"}}},
                {"id": "b", "type": "Annotation", "target": "r.txt"},
                {"id": "c", "type": "Annotation", "target": {"source": "other.txt",
                 "selector": {"type": "FragmentSelector", "value": "char=3,9"}}},
                {"id": "d", "type": "Annotation", "target": {"source": "r.txt",
                 "selector": {"type": "RangeSelector"}}}]}}"#,
        );
        assert_eq!(doc.annotations.len(), 2);
        let claim = &doc.annotations[0];
        assert_eq!(claim.kind, Kind::Claim);
        assert!(claim.spans.is_empty());
        assert_eq!(claim.text.as_deref(), Some("no camps"));
        assert_eq!(claim.attrs["stance"], "denied");
        assert_eq!(doc.annotations[1].spans, vec![ImportedSpan::new(3, 9)]);
        assert_eq!(doc.problems.len(), 4, "{:?}", doc.problems);
    }

    #[test]
    fn a_list_of_annotations_with_a_bom() {
        let doc = one(
            "\u{feff}[{\"type\": \"Annotation\", \"body\": {\"value\": \"Claim\", \"purpose\": \"classifying\"},\r\n \"target\": {\"selector\": {\"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 4}}}]",
        );
        assert_eq!(doc.annotations[0].kind, Kind::Claim);
        assert_eq!(doc.annotations[0].source_id, None);
    }

    #[test]
    fn linking_annotations_on_the_next_page_are_relations() {
        let doc = one(
            r#"{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
                {"id": "u:a1", "type": "Annotation", "body": {"purpose": "tagging", "value": "person"},
                 "target": {"selector": {"type": "TextPositionSelector", "start": 0, "end": 6}}},
                {"id": "u:a2", "type": "Annotation", "body": {"purpose": "tagging", "value": "factual"},
                 "target": {"selector": {"type": "TextPositionSelector", "start": 12, "end": 21}}}],
               "next": {"type": "AnnotationPage", "items": [
                {"id": "u:r1", "type": "Annotation", "motivation": "linking",
                 "body": [{"type": "TextualBody", "purpose": "tagging", "value": "attributed_to"},
                          {"type": "SpecificResource", "purpose": "linking", "source": "u:a1"}],
                 "target": "u:a2"},
                {"id": "u:r2", "type": "Annotation", "motivation": "linking",
                 "body": {"type": "SpecificResource", "id": "u:a2"}, "target": {"id": "u:a1"}},
                {"id": "u:r3", "type": "Annotation", "motivation": "linking", "target": "u:a1"}]}}}"#,
        );
        assert_eq!(doc.annotations.len(), 2);
        let relations: Vec<(Option<&str>, &str, &str, &str)> = doc
            .relations
            .iter()
            .map(|r| {
                (
                    r.source_id.as_deref(),
                    r.kind.as_str(),
                    r.from.as_str(),
                    r.to.as_str(),
                )
            })
            .collect();
        assert_eq!(
            relations,
            vec![
                (Some("u:r1"), "attributed_to", "u:a2", "u:a1"),
                (Some("u:r2"), "relation", "u:a1", "u:a2"),
            ]
        );
        assert_eq!(doc.problems.len(), 1, "{:?}", doc.problems);
        assert!(doc.problems[0].message.contains("u:r3"));
    }

    #[test]
    fn json_without_annotations_is_not_w3c() {
        let err = parse(r#"{"text": "a", "ents": []}"#, &ImportOptions::default()).unwrap_err();
        assert!(err.to_string().contains("not a w3c file"), "{err}");
    }

    #[test]
    fn empty_input_is_a_problem() {
        let doc = one("");
        assert_eq!(doc.problems, vec![ImportProblem::empty_file()]);
    }
}
