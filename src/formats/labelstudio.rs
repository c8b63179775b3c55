//! Label Studio JSON: a list of tasks, one task, an envelope `{"tasks": [...]}` or a
//! webhook-style `{"task": {...}, "annotation": {...}}`, or tasks one per line.
//!
//! Each task is one document; its text is `data.<text_key>` (default `data.text`).
//! Result items of type `labels` (any type whose `value` has numeric `start` and `end`
//! and a list of labels) become annotations, one per label, with `value.text` as their
//! text; items of type `relation` (`from_id`, `to_id`, `labels`, `direction`) become
//! relations, one per label (`relation` when there is none; `direction: left` swaps the
//! ends; `bi` is kept as the attribute `direction`). Other result types (choices,
//! textarea…) are reported and skipped.
//!
//! - `predictions[]` → pending, origin model = `model_version`, score = the result
//!   item's `score`, else the prediction's `score`;
//! - `annotations[]` (also the older `completions[]`) → accepted, score = the result
//!   item's `score` if any; cancelled ones (`was_cancelled`) are reported and skipped.
//!
//! Offsets are UTF-16 code units unless [`ImportOptions::unit`] says code points.
//! Result ids are the `source_id`s; when a later prediction or annotation of the same
//! task reuses an id (Label Studio copies ids from a prediction into the annotation made
//! from it), its ids become `<id>@annotation<n>` or `<id>@prediction<n>`.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use crate::domain::model::{Origin, Status};
use crate::formats::json_records::{
    self, describe, id_string, offset, str_field, JsonRecord, RecordShape,
};
use crate::formats::{
    kind_for_label, Format, FormatError, ImportOptions, ImportProblem, ImportedAnnotation,
    ImportedDoc, ImportedRelation, ImportedSpan,
};

/// Parses a Label Studio export.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::LabelStudio);
    let records = json_records::read(Format::LabelStudio, input)?;
    let tasks: Vec<JsonRecord> = records.into_iter().flat_map(unwrap_envelope).collect();
    let text_key = options.text_key();
    json_records::docs_from_records(
        &RecordShape {
            format: Format::LabelStudio,
            unit,
            text_name: &format!("data.{text_key}"),
            numbered: true,
        },
        input,
        &tasks,
        |task| task.get("data").and_then(|d| str_field(d, text_key)),
        read_task,
    )
}

/// The tasks a top-level record holds.
fn unwrap_envelope(record: JsonRecord) -> Vec<JsonRecord> {
    let line = record.line;
    let Ok(value) = record.value else {
        return vec![record];
    };
    if value.get("data").is_some() {
        return vec![JsonRecord {
            line,
            value: Ok(value),
        }];
    }
    if let Some(Value::Array(tasks)) = value.get("tasks") {
        return tasks
            .iter()
            .map(|task| JsonRecord {
                line,
                value: Ok(task.clone()),
            })
            .collect();
    }
    if let Some(Value::Object(task)) = value.get("task") {
        let mut task: Map<String, Value> = task.clone();
        if let Some(annotation) = value.get("annotation") {
            task.insert(
                "annotations".to_string(),
                Value::Array(vec![annotation.clone()]),
            );
        }
        return vec![JsonRecord {
            line,
            value: Ok(Value::Object(task)),
        }];
    }
    vec![JsonRecord {
        line,
        value: Ok(value),
    }]
}

/// Whose results a set of results is.
struct ResultSet<'v> {
    /// `prediction0`, `annotation1001`…, for ids that clash with an earlier set.
    name: String,
    /// What messages call it.
    title: String,
    status: Status,
    origin: Origin,
    results: &'v [Value],
}

fn read_task(doc: &mut ImportedDoc, task: &Value, line: usize) {
    if let Some(id) = id_string(task.get("id")) {
        doc.meta.insert("id".to_string(), id);
    }
    let mut sets = Vec::new();
    for (i, prediction) in list(task, "predictions").iter().enumerate() {
        let mut origin = Origin::tool(Format::LabelStudio.name());
        origin.model = id_string(prediction.get("model_version"));
        origin.score = prediction.get("score").and_then(Value::as_f64);
        sets.push(ResultSet {
            name: format!("prediction{i}"),
            title: format!("prediction {i}"),
            status: Status::Pending,
            origin,
            results: list(prediction, "result"),
        });
    }
    for key in ["annotations", "completions"] {
        for (i, annotation) in list(task, key).iter().enumerate() {
            let id = id_string(annotation.get("id")).unwrap_or_else(|| i.to_string());
            if annotation.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                doc.problems.push(
                    ImportProblem::at(
                        line,
                        format!("annotation {id} was cancelled; it is skipped."),
                    )
                    .harmless(),
                );
                continue;
            }
            sets.push(ResultSet {
                name: format!("annotation{id}"),
                title: format!("annotation {id}"),
                status: Status::Accepted,
                origin: Origin::tool(Format::LabelStudio.name()),
                results: list(annotation, "result"),
            });
        }
    }
    let mut used = HashSet::new();
    for set in sets {
        read_results(doc, &set, line, &mut used);
    }
}

/// The list under `key`, or nothing.
fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn read_results(
    doc: &mut ImportedDoc,
    set: &ResultSet<'_>,
    line: usize,
    used: &mut HashSet<String>,
) {
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut unique = |id: &str| -> String {
        ids.entry(id.to_string())
            .or_insert_with(|| {
                if used.contains(id) {
                    format!("{id}@{}", set.name)
                } else {
                    id.to_string()
                }
            })
            .clone()
    };
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut relations = Vec::new();
    for item in set.results {
        let kind = str_field(item, "type").unwrap_or_default();
        if kind == "relation" {
            relations.push(item);
            continue;
        }
        let value = item.get("value").unwrap_or(&Value::Null);
        let start = offset(value.get("start"));
        let end = offset(value.get("end"));
        let labels = value
            .get(kind)
            .or_else(|| value.get("labels"))
            .and_then(Value::as_array);
        let (Some(start), Some(end), Some(labels)) = (start, end, labels) else {
            *skipped.entry(kind.to_string()).or_default() += 1;
            continue;
        };
        if start > end {
            doc.problems.push(ImportProblem::at(
                line,
                format!(
                    "a region of {} starts at {start} after it ends at {end}; it is skipped.",
                    set.title
                ),
            ));
            continue;
        }
        let source_id = id_string(item.get("id")).map(|id| unique(&id));
        let mut origin = set.origin.clone();
        if let Some(score) = item.get("score").and_then(Value::as_f64) {
            origin.score = Some(score);
        }
        for label in labels {
            let Some(label) = label.as_str() else {
                doc.problems.push(ImportProblem::at(
                    line,
                    format!(
                        "label {} in {} is not a string; it is skipped.",
                        describe(label),
                        set.title
                    ),
                ));
                continue;
            };
            let mut annotation =
                ImportedAnnotation::new(kind_for_label(label), label, set.status, origin.clone());
            annotation.source_id = source_id.clone();
            annotation.spans.push(ImportedSpan::new(start, end));
            annotation.text = str_field(value, "text").map(str::to_string);
            doc.annotations.push(annotation);
        }
    }
    for relation in relations {
        read_relation(doc, relation, set, line, &mut unique);
    }
    used.extend(ids.into_values());
    for (kind, count) in skipped {
        let kind = if kind.is_empty() { "(none)" } else { &kind };
        doc.problems.push(ImportProblem::at(
            line,
            format!("{count} result item(s) of type \"{kind}\" in {} are not text spans with labels; they are skipped.", set.title),
        ));
    }
}

fn read_relation(
    doc: &mut ImportedDoc,
    relation: &Value,
    set: &ResultSet<'_>,
    line: usize,
    unique: &mut impl FnMut(&str) -> String,
) {
    let from = id_string(relation.get("from_id"));
    let to = id_string(relation.get("to_id"));
    let (Some(from), Some(to)) = (from, to) else {
        doc.problems.push(ImportProblem::at(
            line,
            format!(
                "a relation in {} lacks from_id or to_id; it is skipped.",
                set.title
            ),
        ));
        return;
    };
    let (mut from, mut to) = (unique(&from), unique(&to));
    let direction = str_field(relation, "direction").unwrap_or("right");
    if direction == "left" {
        std::mem::swap(&mut from, &mut to);
    }
    let labels: Vec<&str> = list(relation, "labels")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let labels = if labels.is_empty() {
        vec!["relation"]
    } else {
        labels
    };
    for label in labels {
        let mut imported = ImportedRelation::new(None, label, from.clone(), to.clone());
        if direction == "bi" {
            imported
                .attrs
                .insert("direction".to_string(), direction.to_string());
        }
        doc.relations.push(imported);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::OffsetUnit;

    fn parse_default(input: &str) -> Vec<ImportedDoc> {
        parse(input, &ImportOptions::default()).unwrap()
    }

    const TASK: &str = r#"{"id": 5, "data": {"text": "😀 Smith said", "body": "x"},
      "predictions": [{"model_version": "m1", "score": 0.5, "result": [
        {"id": "a", "type": "labels", "value": {"start": 3, "end": 8, "text": "Smith", "labels": ["PER"]}, "score": 0.9},
        {"id": "b", "type": "labels", "value": {"start": 9, "end": 13, "labels": ["Claim"]}},
        {"id": "c", "type": "choices", "value": {"choices": ["news"]}}]}],
      "annotations": [
        {"id": 11, "was_cancelled": true, "result": []},
        {"id": 12, "result": [
          {"id": "a", "type": "labels", "value": {"start": 3, "end": 8, "labels": ["PER", "Source"]}},
          {"id": "b", "type": "labels", "value": {"start": 9, "end": 13, "labels": ["Claim"]}},
          {"type": "relation", "from_id": "a", "to_id": "b", "direction": "left", "labels": ["attributed_to"]},
          {"type": "relation", "from_id": "a", "to_id": "b", "direction": "bi", "labels": []}]}]}"#;

    #[test]
    fn predictions_are_pending_with_model_and_score() {
        let docs = parse_default(TASK);
        let doc = &docs[0];
        assert_eq!(doc.unit, OffsetUnit::Utf16);
        assert_eq!(doc.meta["id"], "5");
        let per = &doc.annotations[0];
        assert_eq!(per.status, Status::Pending);
        assert_eq!(per.origin.model.as_deref(), Some("m1"));
        assert_eq!(per.origin.score, Some(0.9));
        assert_eq!(per.text.as_deref(), Some("Smith"));
        assert_eq!(doc.annotations[1].origin.score, Some(0.5));
        assert!(doc
            .problems
            .iter()
            .any(|p| p.message.contains("\"choices\"")));
        assert!(doc.problems.iter().any(|p| p.message.contains("cancelled")));
    }

    #[test]
    fn annotations_are_accepted_with_ids_kept_apart_from_predictions() {
        let docs = parse_default(TASK);
        let accepted: Vec<_> = docs[0]
            .annotations
            .iter()
            .filter(|a| a.status == Status::Accepted)
            .collect();
        assert_eq!(accepted.len(), 3);
        assert_eq!(accepted[0].source_id.as_deref(), Some("a@annotation12"));
        assert_eq!(accepted[1].source_id.as_deref(), Some("a@annotation12"));
        assert_eq!(accepted[1].label, "Source");
        let relations = &docs[0].relations;
        assert_eq!(relations.len(), 2);
        assert_eq!(relations[0].kind, "attributed_to");
        assert_eq!(relations[0].from, "b@annotation12");
        assert_eq!(relations[0].to, "a@annotation12");
        assert_eq!(relations[1].kind, "relation");
        assert_eq!(relations[1].attrs["direction"], "bi");
    }

    #[test]
    fn envelopes_and_other_text_keys() {
        let options = ImportOptions {
            text_key: Some("body".to_string()),
            ..ImportOptions::default()
        };
        let input = format!("{{\"tasks\": [{TASK}, {TASK}]}}");
        let docs = parse(&input, &options).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].record, Some(1));
        assert_eq!(docs[1].text.as_deref(), Some("x"));
        let hook = r#"{"action": "ANNOTATION_CREATED", "task": {"data": {"text": "ab"}},
            "annotation": {"id": 1, "result": [{"id": "r", "type": "labels",
            "value": {"start": 0, "end": 1, "labels": ["X"]}}]}}"#;
        let docs = parse_default(hook);
        assert_eq!(docs[0].annotations.len(), 1);
        assert_eq!(docs[0].annotations[0].status, Status::Accepted);
    }

    #[test]
    fn a_task_without_the_text_key_is_a_problem() {
        let docs =
            parse_default("[{\"data\": {\"text\": \"a\"}},\n {\"data\": {\"html\": \"a\"}}]");
        assert_eq!(docs[1].text, None);
        assert_eq!(docs[1].problems[0].line, Some(2));
        assert!(docs[1].problems[0].message.contains("data.text"));
        let err = parse(r#"{"data": {"html": "a"}}"#, &ImportOptions::default()).unwrap_err();
        assert!(err.to_string().contains("data.text"), "{err}");
    }

    #[test]
    fn empty_input_is_a_problem() {
        let docs = parse_default("\u{feff}");
        assert_eq!(docs[0].problems, vec![ImportProblem::empty_file()]);
    }
}
