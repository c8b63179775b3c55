//! CLUENER JSONL: one record a line, `{"text": "…", "label": {TYPE: {NAME: [[start,
//! end], …]}}}`.
//!
//! Offsets are code points and ends are inclusive (`[[0, 2]]` covers three characters),
//! as the CLUENER 2020 release writes them; [`crate::formats::parse`] turns them end
//! exclusive, and `--unit`/`--end` override both. Each `[start, end]` pair is one
//! accepted annotation labelled TYPE, of the kind its label stands for
//! ([`kind_for_label`]), made by `cluener`, whose text is NAME (so a misread unit or end
//! shows against it). A record without `label` is a document without annotations.

use serde_json::Value;

use crate::domain::model::{Origin, Status};
use crate::formats::json_records::{self, describe, offset, str_field, RecordShape};
use crate::formats::{
    kind_for_label, Format, FormatError, ImportOptions, ImportProblem, ImportedAnnotation,
    ImportedDoc, ImportedSpan,
};

/// Parses a CLUENER file.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::Cluener);
    let records = json_records::read(Format::Cluener, input)?;
    let text_key = options.text_key();
    let label_key = options.label_key.as_deref().unwrap_or("label");
    json_records::docs_from_records(
        &RecordShape {
            format: Format::Cluener,
            unit,
            text_name: text_key,
            numbered: true,
        },
        input,
        &records,
        |value| str_field(value, text_key),
        |doc, value, line| read_record(doc, value, line, label_key),
    )
}

fn read_record(doc: &mut ImportedDoc, value: &Value, line: usize, label_key: &str) {
    let types = match value.get(label_key) {
        None | Some(Value::Null) => return,
        Some(Value::Object(types)) => types,
        Some(other) => {
            doc.problems.push(ImportProblem::at(
                line,
                format!(
                    "\"{label_key}\" is {} instead of an object of types; it is skipped.",
                    describe(other)
                ),
            ));
            return;
        }
    };
    for (label, names) in types {
        let Some(names) = names.as_object() else {
            doc.problems.push(ImportProblem::at(
                line,
                format!(
                    "the \"{label}\" entry is {} instead of an object of names; it is skipped.",
                    describe(names)
                ),
            ));
            continue;
        };
        for (name, places) in names {
            for place in places.as_array().map_or(&[][..], Vec::as_slice) {
                read_place(doc, line, label, name, place);
            }
            if !places.is_array() {
                doc.problems.push(ImportProblem::at(
                    line,
                    format!(
                        "the places of \"{name}\" ({label}) are {} instead of a list of [start, end]; they are skipped.",
                        describe(places)
                    ),
                ));
            }
        }
    }
}

fn read_place(doc: &mut ImportedDoc, line: usize, label: &str, name: &str, place: &Value) {
    let pair = place.as_array().filter(|p| p.len() == 2);
    let (Some(start), Some(end)) = (
        offset(pair.and_then(|p| p.first())),
        offset(pair.and_then(|p| p.get(1))),
    ) else {
        doc.problems.push(ImportProblem::at(
            line,
            format!(
                "{} for \"{name}\" ({label}) is not a [start, end] pair; it is skipped.",
                describe(place)
            ),
        ));
        return;
    };
    let mut annotation = ImportedAnnotation::new(
        kind_for_label(label),
        label,
        Status::Accepted,
        Origin::tool(Format::Cluener.name()),
    );
    annotation.spans.push(ImportedSpan::new(start, end));
    annotation.text = Some(name.to_string());
    doc.annotations.push(annotation);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{OffsetUnit, SpanEnd};

    const RECORD: &str = r#"{"text": "浙商银行企业信贷部叶老桂博士则从另一个角度", "label": {"name": {"叶老桂": [[9, 11]]}, "company": {"浙商银行": [[0, 3]]}}}"#;

    #[test]
    fn types_names_and_inclusive_pairs_become_annotations() {
        let docs =
            crate::formats::parse(Format::Cluener, RECORD, &ImportOptions::default()).unwrap();
        let doc = &docs[0];
        assert_eq!(doc.unit, OffsetUnit::CodePoints);
        assert_eq!(doc.ends, SpanEnd::Inclusive);
        let text: Vec<char> = doc.text.as_deref().unwrap().chars().collect();
        for a in &doc.annotations {
            let s = a.spans[0];
            let covered: String = text[s.start..s.end].iter().collect();
            assert_eq!(Some(covered.as_str()), a.text.as_deref(), "{a:?}");
        }
        let labels: Vec<&str> = doc.annotations.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, vec!["name", "company"], "file order");
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    }

    #[test]
    fn exclusive_ends_on_request() {
        let options = ImportOptions {
            end: Some(SpanEnd::Exclusive),
            ..ImportOptions::default()
        };
        let docs = crate::formats::parse(Format::Cluener, RECORD, &options).unwrap();
        assert_eq!(docs[0].annotations[0].spans, vec![ImportedSpan::new(9, 11)]);
    }

    #[test]
    fn malformed_places_are_problems_and_the_rest_imports() {
        let docs = parse(
            "{\"text\": \"ab\", \"label\": {\"x\": {\"a\": [[0, 0], [1], \"q\"]}, \"y\": [1]}}\n{\"text\": \"c\"}\n",
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].annotations.len(), 1);
        assert_eq!(docs[0].problems.len(), 3, "{:?}", docs[0].problems);
        assert!(docs[1].annotations.is_empty() && docs[1].problems.is_empty());
    }
}
