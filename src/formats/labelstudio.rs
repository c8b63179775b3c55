//! Label Studio JSON: a list of tasks, one task, an envelope `{"tasks": [...]}` or a
//! webhook-style `{"task": {...}, "annotation": {...}}`, or tasks one per line.
//!
//! Each task is one document. Its text is `data.<key>`: the key `--text-key` names;
//! else the key the task's results name (`source: "$ner"` of older exports, else their
//! `to_name` when `data` has it); else `data.text`; else the only string in `data`, or
//! the only one holding white space. A task without one is a problem that names the
//! keys its `data` holds.
//!
//! Result items of type `labels` (any type whose `value` has numeric `start` and `end`
//! and a list of labels) become annotations, one per label, with `value.text` as their
//! text, the region's `meta.text` as their note and its `meta.kind` (`entity`,
//! `claim`, `source`, which scholia writes) as their kind, else the kind their label
//! stands for ([`kind_for_label`], refined by the schema on import); items of type `relation` (`from_id`, `to_id`, `labels`, `direction`) become
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

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use crate::domain::model::{Origin, Status};
use crate::formats::json_records::{
    self, describe, id_string, offset, str_field, JsonRecord, RecordShape,
};
use crate::formats::json_texts::{self, keep_with_text, record_texts, RecordText, Typed};
use crate::formats::labelstudio_typed;
use crate::formats::{
    kind_for_label, kind_named, Format, FormatError, ImportOptions, ImportProblem,
    ImportedAnnotation, ImportedDoc, ImportedRelation, ImportedSpan, OffsetUnit,
};

/// How a Label Studio task is read: its text under `text_name` (`data.text`), each
/// task its own numbered document.
fn task_shape(unit: OffsetUnit, text_name: &str) -> RecordShape<'_> {
    RecordShape {
        format: Format::LabelStudio,
        unit,
        text_name,
        numbered: true,
    }
}

/// Parses a Label Studio export.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::LabelStudio);
    if let Some(docs) =
        record_texts(input).and_then(|records| parse_typed(input, options, unit, &records))
    {
        return Ok(docs);
    }
    parse_values(input, options, unit)
}

/// Parses the tasks of a valid JSON file, each typed when it can be, else through its
/// `Value`; `None` when the file is left to [`parse_values`]: it holds an envelope of
/// tasks, or no task has a text (whose error names the keys found).
fn parse_typed(
    input: &str,
    options: &ImportOptions,
    unit: OffsetUnit,
    records: &[RecordText<'_>],
) -> Option<Vec<ImportedDoc>> {
    let chosen = options.text_key.as_deref();
    let text_name = format!("data.{}", options.text_key());
    let mut envelope = false;
    let docs = json_texts::docs_from_texts(
        &task_shape(unit, &text_name),
        input,
        records,
        |record| match labelstudio_typed::read(record, unit, chosen) {
            Typed::Read(text, doc) => Some((text, *doc)),
            Typed::NoText => None,
            Typed::Unusual => {
                let task: Value = serde_json::from_str(record.json).ok()?;
                if task.get("data").is_none()
                    && (task.get("tasks").is_some() || task.get("task").is_some())
                {
                    envelope = true;
                    return None;
                }
                let text =
                    text_key(&task, chosen).and_then(|key| str_field(task.get("data")?, key))?;
                let mut doc = ImportedDoc::new(Format::LabelStudio, unit);
                read_task(&mut doc, &task, record.line);
                Some((Cow::Owned(text.to_string()), doc))
            }
        },
        keep_with_text,
    );
    let mut docs = docs.ok().filter(|_| !envelope)?;
    for (doc, record) in docs.iter_mut().zip(records) {
        if doc.text.is_some() {
            continue;
        }
        let keys = serde_json::from_str::<Value>(record.json)
            .ok()
            .and_then(|task| keys_held(&task, chosen));
        if let Some(keys) = keys {
            doc.problems = vec![ImportProblem::at(
                record.line,
                format!("the task has no text ({keys}); it is skipped."),
            )];
        }
    }
    Some(docs)
}

/// Parses the tasks of any file through their `Value`s.
pub(super) fn parse_values(
    input: &str,
    options: &ImportOptions,
    unit: OffsetUnit,
) -> Result<Vec<ImportedDoc>, FormatError> {
    let records = json_records::read(Format::LabelStudio, input)?;
    let tasks: Vec<JsonRecord> = records.into_iter().flat_map(unwrap_envelope).collect();
    let chosen = options.text_key.as_deref();
    let text_name = format!("data.{}", options.text_key());
    let docs = json_records::docs_from_records(
        &task_shape(unit, &text_name),
        input,
        &tasks,
        |task| text_key(task, chosen).and_then(|key| str_field(task.get("data")?, key)),
        read_task,
    );
    let keys_found = |task: &JsonRecord| match &task.value {
        Ok(value) => keys_held(value, chosen),
        Err(_) => None,
    };
    match docs {
        Err(FormatError::Shape { format, .. }) => Err(FormatError::Shape {
            format,
            reason: tasks.iter().find_map(keys_found).map_or_else(
                || format!("no task has a \"{text_name}\" string"),
                |keys| format!("no task has its text in \"data\" ({keys})"),
            ),
        }),
        Err(other) => Err(other),
        Ok(mut docs) => {
            for (doc, task) in docs.iter_mut().zip(&tasks) {
                if let (None, Some(keys)) = (&doc.text, keys_found(task)) {
                    doc.problems = vec![ImportProblem::at(
                        task.line,
                        format!("the task has no text ({keys}); it is skipped."),
                    )];
                }
            }
            Ok(docs)
        }
    }
}

/// The key of `data` holding a task's text: `chosen` (`--text-key`), else the key its
/// results name, else `text`, else the only string (or the only one with white space).
fn text_key<'v>(task: &'v Value, chosen: Option<&'v str>) -> Option<&'v str> {
    if chosen.is_some() {
        return chosen;
    }
    let data = task.get("data")?.as_object()?;
    let holds = |key: &str| data.get(key).is_some_and(Value::is_string);
    let named = ["predictions", "annotations", "completions"]
        .into_iter()
        .flat_map(|key| list(task, key))
        .flat_map(|set| list(set, "result"))
        .find_map(|item| {
            let source = str_field(item, "source").map(|s| s.trim_start_matches('$'));
            [source, str_field(item, "to_name")]
                .into_iter()
                .flatten()
                .find(|key| holds(key))
        });
    if let Some(key) = named {
        return Some(key);
    }
    if holds("text") {
        return Some("text");
    }
    let strings: Vec<(&String, &str)> = data
        .iter()
        .filter_map(|(key, value)| Some((key, value.as_str()?)))
        .collect();
    let spaced: Vec<&(&String, &str)> = strings
        .iter()
        .filter(|(_, text)| text.chars().any(char::is_whitespace))
        .collect();
    match (strings.as_slice(), spaced.as_slice()) {
        ([(key, _)], _) | (_, [(key, _)]) => Some(key.as_str()),
        _ => None,
    }
}

/// What a task without a text holds, for the message: `data holds "html" (a list) and
/// "ner" (a number); name the key with --text-key`, or `None` when it has no `data`
/// object.
fn keys_held(task: &Value, chosen: Option<&str>) -> Option<String> {
    let data = task.get("data")?.as_object()?;
    let what = |value: &Value| match value {
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
        Value::Bool(_) => "true or false",
        Value::Null => "null",
    };
    let keys: Vec<String> = data
        .iter()
        .take(8)
        .map(|(key, value)| format!("\"{key}\" ({})", what(value)))
        .collect();
    let held = match keys.as_slice() {
        [] => "\"data\" is empty".to_string(),
        [one] => format!("\"data\" holds {one}"),
        [rest @ .., last] => format!("\"data\" holds {} and {last}", rest.join(", ")),
    };
    Some(match chosen {
        Some(key) => format!("no string \"data.{key}\"; {held}"),
        None => format!("{held}; name the key with --text-key"),
    })
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
    let mut unique = |id: &str| -> String { unique_id(&mut ids, used, &set.name, id) };
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
            read_meta(doc, &mut annotation, item.get("meta"), line);
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

/// The id `id` is given in the set of results `set` (`prediction0`): itself, or
/// `<id>@<set>` when an earlier set `used` it; `ids` holds the set's ids given so far.
pub(super) fn unique_id(
    ids: &mut HashMap<String, String>,
    used: &HashSet<String>,
    set: &str,
    id: &str,
) -> String {
    ids.entry(id.to_string())
        .or_insert_with(|| {
            if used.contains(id) {
                format!("{id}@{set}")
            } else {
                id.to_string()
            }
        })
        .clone()
}

/// A region's `meta`: `text` (a string or a list of them, one per line) is the note,
/// `kind` the kind.
fn read_meta(
    doc: &mut ImportedDoc,
    annotation: &mut ImportedAnnotation,
    meta: Option<&Value>,
    line: usize,
) {
    let Some(meta) = meta else {
        return;
    };
    let note: Vec<&str> = match meta.get("text") {
        Some(Value::String(text)) => vec![text.as_str()],
        Some(Value::Array(texts)) => texts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    for text in note.into_iter().filter(|t| !t.is_empty()) {
        annotation.add_note(text);
    }
    match str_field(meta, "kind").map(|name| (name, kind_named(name))) {
        Some((_, Some(kind))) => annotation.state_kind(kind),
        Some((name, None)) => doc.problems.push(
            ImportProblem::at(
                line,
                format!(
                    "region {} has kind \"{name}\", which is not entity, claim or source; its kind follows its label.",
                    annotation.source_id.as_deref().unwrap_or("without an id")
                ),
            )
            .harmless(),
        ),
        None => {}
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
    use crate::domain::model::Kind;
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
    fn a_task_without_a_text_names_the_keys_it_holds() {
        let docs = parse_default(
            "[{\"data\": {\"text\": \"a\"}},\n {\"data\": {\"html\": [\"a\"], \"n\": 3}}]",
        );
        assert_eq!(docs[1].text, None);
        assert_eq!(docs[1].problems.len(), 1);
        assert_eq!(docs[1].problems[0].line, Some(2));
        let message = &docs[1].problems[0].message;
        assert!(
            message.contains("\"html\" (a list) and \"n\" (a number)")
                && message.contains("--text-key"),
            "{message}"
        );
        let err = parse(r#"{"data": {"html": ["a"]}}"#, &ImportOptions::default()).unwrap_err();
        let err = err.to_string();
        assert!(
            err.contains("\"html\" (a list)") && err.contains("--text-key"),
            "{err}"
        );
        let options = ImportOptions {
            text_key: Some("body".to_string()),
            ..ImportOptions::default()
        };
        let err = parse(r#"{"data": {"text": "a"}}"#, &options)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no string \"data.body\"") && err.contains("\"text\" (a string)"),
            "{err}"
        );
    }

    #[test]
    fn the_text_key_comes_from_the_results_else_the_only_text() {
        let to_name = r#"{"data": {"ner": "Smith said", "id": "x1"}, "annotations": [{"result": [
            {"id": "r", "from_name": "label", "to_name": "ner", "type": "labels",
             "value": {"start": 0, "end": 5, "labels": ["PER"]}}]}]}"#;
        let source = r#"{"data": {"ner": "Smith said", "title": "a b"}, "completions": [{"result": [
            {"id": "r", "from_name": "label", "to_name": "text", "source": "$ner", "type": "labels",
             "value": {"start": 0, "end": 5, "labels": ["PER"]}}]}]}"#;
        let only = r#"{"data": {"body": "Smith said", "lang": "en", "n": 2}, "annotations": []}"#;
        for task in [to_name, source, only] {
            let docs = parse_default(task);
            assert_eq!(docs[0].text.as_deref(), Some("Smith said"), "{task}");
            assert!(docs[0].problems.is_empty(), "{:?}", docs[0].problems);
        }
        let two = r#"{"data": {"a": "one text", "b": "another text"}}"#;
        let err = parse(two, &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"a\" (a string) and \"b\" (a string)"),
            "{err}"
        );
    }

    #[test]
    fn a_region_s_meta_gives_its_note_and_kind() {
        let docs = parse_default(
            r#"{"data": {"text": "Sultan said four died"}, "annotations": [{"result": [
              {"id": "a1", "type": "labels", "value": {"start": 0, "end": 6, "labels": ["PERSON"]},
               "meta": {"kind": "source", "text": ["Sketchy.", "Check it."]}},
              {"id": "a2", "type": "labels", "value": {"start": 12, "end": 21, "labels": ["factual"]},
               "meta": {"text": "One line."}},
              {"id": "a3", "type": "labels", "value": {"start": 12, "end": 16, "labels": ["CARDINAL"]},
               "meta": {"kind": "number"}}]}]}"#,
        );
        let doc = &docs[0];
        let source = &doc.annotations[0];
        assert_eq!((source.kind, source.kind_stated), (Kind::Source, true));
        assert_eq!(source.note.as_deref(), Some("Sketchy.\nCheck it."));
        let claim = &doc.annotations[1];
        assert!(!claim.kind_stated);
        assert_eq!(claim.note.as_deref(), Some("One line."));
        assert_eq!(doc.annotations[2].kind, Kind::Entity);
        assert_eq!(doc.problems.len(), 1);
        assert!(doc.problems[0].harmless && doc.problems[0].message.contains("a3"));
    }

    #[test]
    fn empty_input_is_a_problem() {
        let docs = parse_default("\u{feff}");
        assert_eq!(docs[0].problems, vec![ImportProblem::empty_file()]);
    }
}
