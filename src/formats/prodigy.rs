//! Prodigy JSONL (`prodigy db-out`): one task per line with `text`, `spans` [{start,
//! end, label, token_start, token_end}], `answer`, `meta.score`, `tokens` and, from the
//! relation recipes, `relations` [{head_span, child_span, label}].
//!
//! Offsets are code points. A span without `start`/`end` takes them from `tokens`
//! (`token_end` is inclusive). Each span becomes an annotation made by `prodigy`, of the
//! kind its `kind` says (`entity`, `claim`, `source`, which scholia writes), else of the
//! kind its label stands for ([`kind_for_label`], refined by the schema on import), with
//! its position in `spans` as `source_id` (`"0"`, `"1"`…), and score = the span's
//! `score`, else `meta.score`. Its status follows the task's `answer`:
//!
//! - `accept` → accepted; `reject` → rejected (kept for audit);
//! - no answer (a task not yet reviewed) → pending;
//! - `ignore` → nothing imported, with a problem (the text is kept for matching);
//! - anything else → pending, with a problem.
//!
//! A relation becomes a relation between the spans whose start and end match its
//! `head_span` and `child_span`.
//!
//! Tasks with the same text are one document (scholia writes one task per status, and
//! several annotators' answers share a text): the later tasks' annotations, relations
//! and problems join the first one's, their ids prefixed with the task's number
//! (`"2:0"`).

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde_json::Value;

use crate::domain::model::{Origin, Status};
use crate::formats::json_records::{self, describe, offset, str_field, RecordShape};
use crate::formats::json_texts::{self, record_texts, RecordText, Typed};
use crate::formats::prodigy_typed;
use crate::formats::{
    kind_for_label, kind_named, Format, FormatError, ImportOptions, ImportProblem,
    ImportedAnnotation, ImportedDoc, ImportedRelation, ImportedSpan, OffsetUnit,
};

/// Parses a Prodigy JSONL file.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::Prodigy);
    let default_keys = options.text_key.is_none() && options.label_key.is_none();
    if let Some(records) = default_keys.then(|| record_texts(input)).flatten() {
        return parse_typed(input, unit, &records);
    }
    let records = json_records::read(Format::Prodigy, input)?;
    let text_key = options.text_key();
    let spans_key = options.label_key.as_deref().unwrap_or("spans");
    let docs = json_records::docs_from_records(
        &RecordShape {
            format: Format::Prodigy,
            unit,
            text_name: text_key,
            numbered: true,
        },
        input,
        &records,
        |task| str_field(task, text_key),
        |doc, task, line| read_task(doc, task, line, spans_key),
    )?;
    let mut joined = Vec::with_capacity(docs.len());
    let mut same_texts = SameTexts::default();
    for mut doc in docs {
        let text = doc.text.take().map(Cow::Owned);
        same_texts.add(&mut joined, doc, text);
    }
    Ok(joined)
}

/// Parses the tasks of a valid JSON file with the default keys, each typed when it can
/// be, else through its `Value`; a text is copied once, for the first task holding it.
fn parse_typed<'a>(
    input: &str,
    unit: OffsetUnit,
    records: &[RecordText<'a>],
) -> Result<Vec<ImportedDoc>, FormatError> {
    let mut same_texts = SameTexts::default();
    json_texts::docs_from_texts(
        &RecordShape {
            format: Format::Prodigy,
            unit,
            text_name: "text",
            numbered: true,
        },
        input,
        records,
        |record| match prodigy_typed::read(record, unit) {
            Typed::Read(text, doc) => Some((text, *doc)),
            Typed::NoText => None,
            Typed::Unusual => {
                let task: Value = serde_json::from_str(record.json).ok()?;
                let text = str_field(&task, "text")?.to_string();
                let mut doc = ImportedDoc::new(Format::Prodigy, unit);
                read_task(&mut doc, &task, record.line, "spans");
                Some((Cow::Owned(text), doc))
            }
        },
        |docs, doc, text| same_texts.add(docs, doc, text),
    )
}

/// Joins every task to the first task with the same text, comparing the texts without
/// copying them.
#[derive(Default)]
struct SameTexts {
    /// The documents with a text, by the hash of their text.
    by_hash: HashMap<u64, Vec<usize>>,
}

impl SameTexts {
    /// Adds `doc` (whose text is `text`) to `docs`, or joins it to the first document
    /// with the same text: its annotations, relations and problems join that one's,
    /// their ids prefixed with the task's number (`"2:0"`).
    fn add(
        &mut self,
        docs: &mut Vec<ImportedDoc>,
        mut doc: ImportedDoc,
        text: Option<Cow<'_, str>>,
    ) {
        let Some(text) = text else {
            docs.push(doc);
            return;
        };
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        let hash = hasher.finish();
        let first = self.by_hash.get(&hash).and_then(|indices| {
            indices
                .iter()
                .copied()
                .find(|&i| docs[i].text.as_deref() == Some(&*text))
        });
        let Some(first) = first else {
            self.by_hash.entry(hash).or_default().push(docs.len());
            doc.text = Some(text.into_owned());
            docs.push(doc);
            return;
        };
        let prefix = format!("{}:", doc.record.unwrap_or_default());
        let rename = |id: &mut String| id.insert_str(0, &prefix);
        for annotation in &mut doc.annotations {
            if let Some(id) = &mut annotation.source_id {
                rename(id);
            }
        }
        for relation in &mut doc.relations {
            rename(&mut relation.from);
            rename(&mut relation.to);
        }
        let target = &mut docs[first];
        target.annotations.append(&mut doc.annotations);
        target.relations.append(&mut doc.relations);
        target.problems.append(&mut doc.problems);
    }
}

fn read_task(doc: &mut ImportedDoc, task: &Value, line: usize, spans_key: &str) {
    let spans = task
        .get(spans_key)
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let status = match str_field(task, "answer") {
        None => Status::Pending,
        Some("accept") => Status::Accepted,
        Some("reject") => Status::Rejected,
        Some("ignore") => {
            doc.problems.push(ImportProblem::at(
                line,
                format!(
                    "the annotator ignored this task; its {} span(s) are skipped.",
                    spans.len()
                ),
            ));
            return;
        }
        Some(other) => {
            doc.problems.push(ImportProblem::at(
                line,
                format!("answer \"{other}\" is not accept, reject or ignore; the spans are imported as pending."),
            ).harmless());
            Status::Pending
        }
    };
    let task_score = task
        .get("meta")
        .and_then(|m| m.get("score"))
        .and_then(Value::as_f64);
    let tokens = task
        .get("tokens")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut located = Vec::new();
    for (index, span) in spans.iter().enumerate() {
        let Some((start, end)) = span_offsets(span, tokens) else {
            doc.problems.push(ImportProblem::at(
                line,
                format!(
                    "span {index} ({}) has no valid start and end; it is skipped.",
                    describe(span)
                ),
            ));
            continue;
        };
        let label = str_field(span, "label").unwrap_or_default();
        let mut origin = Origin::tool(Format::Prodigy.name());
        origin.score = span.get("score").and_then(Value::as_f64).or(task_score);
        let mut annotation = ImportedAnnotation::new(kind_for_label(label), label, status, origin);
        match str_field(span, "kind").map(|name| (name, kind_named(name))) {
            Some((_, Some(kind))) => annotation.state_kind(kind),
            Some((name, None)) => doc.problems.push(
                ImportProblem::at(
                    line,
                    format!("span {index} has kind \"{name}\", which is not entity, claim or source; its kind follows its label."),
                )
                .harmless(),
            ),
            None => {}
        }
        annotation.source_id = Some(index.to_string());
        annotation.spans.push(ImportedSpan::new(start, end));
        annotation.text = str_field(span, "text").map(str::to_string);
        doc.annotations.push(annotation);
        located.push((start, end, index));
    }
    for relation in task
        .get("relations")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        read_relation(doc, relation, line, tokens, &located);
    }
}

/// A span's start and end: its own, or those of its tokens.
fn span_offsets(span: &Value, tokens: &[Value]) -> Option<(usize, usize)> {
    let own = (offset(span.get("start")), offset(span.get("end")));
    let (start, end) = match own {
        (Some(start), Some(end)) => (start, end),
        _ => {
            let first = tokens.get(offset(span.get("token_start"))?)?;
            let last = tokens.get(offset(span.get("token_end"))?)?;
            (offset(first.get("start"))?, offset(last.get("end"))?)
        }
    };
    (start <= end).then_some((start, end))
}

fn read_relation(
    doc: &mut ImportedDoc,
    relation: &Value,
    line: usize,
    tokens: &[Value],
    located: &[(usize, usize, usize)],
) {
    let label = str_field(relation, "label").unwrap_or("relation");
    let find = |key: &str| -> Option<String> {
        let (start, end) = span_offsets(relation.get(key)?, tokens)?;
        located
            .iter()
            .find(|(s, e, _)| (*s, *e) == (start, end))
            .map(|(_, _, index)| index.to_string())
    };
    match (find("head_span"), find("child_span")) {
        (Some(from), Some(to)) => doc
            .relations
            .push(ImportedRelation::new(None, label, from, to)),
        _ => doc.problems.push(ImportProblem::at(
            line,
            format!("the \"{label}\" relation joins text that is not one of the task's spans; it is skipped."),
        )),
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

    #[test]
    fn answers_set_the_status() {
        let input = concat!(
            "{\"text\": \"😀 Kazakh\", \"spans\": [{\"start\": 2, \"end\": 8, \"label\": \"NORP\"}], \"answer\": \"accept\", \"meta\": {\"score\": 0.4}}\n",
            "{\"text\": \"Kazakh\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"ORG\", \"score\": 0.8}], \"answer\": \"reject\"}\n",
            "{\"text\": \"Kazakh\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"ORG\"}], \"answer\": \"ignore\"}\n",
            "{\"text\": \"Kazakh\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"Quote\"}]}\n",
        );
        let docs = parse_default(input);
        assert_eq!(docs.len(), 2, "the tasks on \"Kazakh\" are one document");
        assert_eq!(docs[0].unit, OffsetUnit::CodePoints);
        let first = &docs[0].annotations[0];
        assert_eq!(first.status, Status::Accepted);
        assert_eq!(first.spans, vec![ImportedSpan::new(2, 8)]);
        assert_eq!(first.origin.score, Some(0.4));
        assert_eq!(first.origin.by, "prodigy");
        let kazakh = &docs[1];
        assert_eq!(kazakh.record, Some(1));
        assert_eq!(kazakh.text.as_deref(), Some("Kazakh"));
        assert_eq!(kazakh.annotations.len(), 2);
        assert_eq!(kazakh.annotations[0].status, Status::Rejected);
        assert_eq!(kazakh.annotations[0].origin.score, Some(0.8));
        assert_eq!(kazakh.problems[0].line, Some(3));
        assert!(kazakh.problems[0].message.contains("ignored"));
        assert_eq!(kazakh.annotations[1].status, Status::Pending);
        assert_eq!(kazakh.annotations[1].kind, Kind::Claim);
        assert_eq!(kazakh.annotations[1].source_id.as_deref(), Some("3:0"));
    }

    #[test]
    fn one_task_per_status_is_read_whole() {
        let text = "Sultan said four died";
        let task = |answer: &str, spans: &str, relations: &str| {
            format!(
                "{{\"text\": \"{text}\", {answer}\"spans\": [{spans}], \"relations\": [{relations}]}}\n"
            )
        };
        let sultan = r#"{"start": 0, "end": 6, "label": "PERSON", "kind": "source"}"#;
        let claim = r#"{"start": 12, "end": 21, "label": "factual", "kind": "claim"}"#;
        let four = r#"{"start": 12, "end": 16, "label": "CARDINAL", "score": 0.5}"#;
        let died = r#"{"start": 17, "end": 21, "label": "EVENT"}"#;
        let link = r#"{"label": "attributed_to", "head_span": {"start": 12, "end": 21}, "child_span": {"start": 0, "end": 6}}"#;
        let input = [
            task(
                "\"answer\": \"accept\", ",
                &format!("{sultan}, {claim}"),
                link,
            ),
            task("", four, ""),
            task("\"answer\": \"reject\", ", died, ""),
        ]
        .concat();
        let docs = parse_default(&input);
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        let read: Vec<(&str, Status, Kind, bool, &str)> = doc
            .annotations
            .iter()
            .map(|a| {
                (
                    a.label.as_str(),
                    a.status,
                    a.kind,
                    a.kind_stated,
                    a.source_id.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            read,
            vec![
                ("PERSON", Status::Accepted, Kind::Source, true, "0"),
                ("factual", Status::Accepted, Kind::Claim, true, "1"),
                ("CARDINAL", Status::Pending, Kind::Entity, false, "1:0"),
                ("EVENT", Status::Rejected, Kind::Entity, false, "2:0"),
            ]
        );
        assert_eq!(doc.relations.len(), 1);
        assert_eq!(
            (doc.relations[0].from.as_str(), doc.relations[0].to.as_str()),
            ("1", "0")
        );
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    }

    #[test]
    fn spans_without_offsets_use_their_tokens_and_relations_join_spans() {
        let input = r#"{"text": "Page founded Google",
          "tokens": [{"text": "Page", "start": 0, "end": 4, "id": 0},
                     {"text": "founded", "start": 5, "end": 12, "id": 1},
                     {"text": "Google", "start": 13, "end": 19, "id": 2}],
          "spans": [{"token_start": 0, "token_end": 0, "label": "PERSON"},
                    {"start": 13, "end": 19, "token_start": 2, "token_end": 2, "label": "ORG"},
                    {"label": "BROKEN"}],
          "relations": [{"head": 2, "child": 0, "label": "foundedBy",
                         "head_span": {"start": 13, "end": 19, "token_start": 2, "token_end": 2},
                         "child_span": {"start": 0, "end": 4, "token_start": 0, "token_end": 0}},
                        {"head": 1, "child": 0, "label": "x",
                         "head_span": {"start": 5, "end": 12}, "child_span": {"start": 0, "end": 4}}],
          "answer": "accept"}"#;
        let docs = parse_default(input);
        let doc = &docs[0];
        assert_eq!(doc.annotations.len(), 2);
        assert_eq!(doc.annotations[0].spans, vec![ImportedSpan::new(0, 4)]);
        assert_eq!(doc.relations.len(), 1);
        assert_eq!(
            (doc.relations[0].from.as_str(), doc.relations[0].to.as_str()),
            ("1", "0")
        );
        assert_eq!(doc.problems.len(), 2);
    }

    #[test]
    fn empty_input_is_a_problem() {
        let docs = parse_default("\r\n");
        assert_eq!(docs[0].problems, vec![ImportProblem::empty_file()]);
    }
}
