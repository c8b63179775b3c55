//! Reading one Prodigy task straight into its document: the task's fields deserialised
//! into borrowed views (the text borrowed from the file, `tokens` and the other fields
//! skipped, not built), for the common case of a task whose spans and relation ends
//! have their own offsets in order, whose answer is `accept`, `reject` or none and
//! whose span kinds are known. Anything else (offsets only in tokens, an ignored task,
//! an odd field) is left to the general reader in `prodigy.rs`, which reads the task's
//! `Value` and reports each problem.

use std::collections::HashMap;

use serde::Deserialize;

use crate::domain::model::{Origin, Status};
use crate::formats::json_texts::{JsonStr, RecordText, Typed};
use crate::formats::{
    kind_for_label, kind_named, Format, ImportedAnnotation, ImportedDoc, ImportedRelation,
    ImportedSpan, OffsetUnit,
};

/// Reads the task `record`.
pub(super) fn read<'a>(record: &RecordText<'a>, unit: OffsetUnit) -> Typed<'a> {
    let Ok(task) = serde_json::from_str::<Task<'a>>(record.json) else {
        return Typed::Unusual;
    };
    let mut doc = ImportedDoc::new(Format::Prodigy, unit);
    if read_task(&mut doc, &task).is_none() {
        return Typed::Unusual;
    }
    match task.text {
        Some(JsonStr(text)) => Typed::Read(text, Box::new(doc)),
        None => Typed::NoText,
    }
}

/// The fields of a task scholia reads; the others (`tokens`, `_input_hash`…) are
/// skipped.
#[derive(Deserialize)]
struct Task<'a> {
    #[serde(default, borrow)]
    text: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    spans: Option<Vec<Span<'a>>>,
    #[serde(default, borrow)]
    answer: Option<JsonStr<'a>>,
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default, borrow)]
    relations: Option<Vec<Relation<'a>>>,
}

/// The task's `meta`, of which only the score is read.
#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    score: Option<f64>,
}

/// One span of a task.
#[derive(Deserialize)]
struct Span<'a> {
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    #[serde(default, borrow)]
    label: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    kind: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    text: Option<JsonStr<'a>>,
    #[serde(default)]
    score: Option<f64>,
}

/// A span's own offsets.
#[derive(Deserialize)]
struct Offsets {
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
}

impl Offsets {
    /// Its start and end, when it has both, in order.
    fn in_order(&self) -> Option<(usize, usize)> {
        match (self.start, self.end) {
            (Some(start), Some(end)) if start <= end => Some((start, end)),
            _ => None,
        }
    }
}

/// One relation of a task.
#[derive(Deserialize)]
struct Relation<'a> {
    #[serde(default, borrow)]
    label: Option<JsonStr<'a>>,
    #[serde(default)]
    head_span: Option<Offsets>,
    #[serde(default)]
    child_span: Option<Offsets>,
}

/// Reads the task's spans and relations into `doc` as the general reader does;
/// `None` when the task is left to it.
fn read_task(doc: &mut ImportedDoc, task: &Task<'_>) -> Option<()> {
    let spans = task.spans.as_deref().unwrap_or_default();
    let status = match task.answer.as_ref().map(JsonStr::as_str) {
        None => Status::Pending,
        Some("accept") => Status::Accepted,
        Some("reject") => Status::Rejected,
        Some(_) => return None,
    };
    let task_score = task.meta.as_ref().and_then(|m| m.score);
    let mut located: HashMap<(usize, usize), usize> = HashMap::with_capacity(spans.len());
    doc.annotations.reserve(spans.len());
    for (index, span) in spans.iter().enumerate() {
        let (start, end) = Offsets {
            start: span.start,
            end: span.end,
        }
        .in_order()?;
        let label = span.label.as_ref().map_or("", JsonStr::as_str);
        let mut origin = Origin::tool(Format::Prodigy.name());
        origin.score = span.score.or(task_score);
        let mut annotation = ImportedAnnotation::new(kind_for_label(label), label, status, origin);
        match span.kind.as_ref().map(|name| kind_named(name.as_str())) {
            Some(Some(kind)) => annotation.state_kind(kind),
            Some(None) => return None,
            None => {}
        }
        annotation.source_id = Some(index.to_string());
        annotation.spans.push(ImportedSpan::new(start, end));
        annotation.text = span.text.as_ref().map(|text| text.as_str().to_string());
        doc.annotations.push(annotation);
        located.entry((start, end)).or_insert(index);
    }
    for relation in task.relations.iter().flatten() {
        let find = |end: &Option<Offsets>| located.get(&end.as_ref()?.in_order()?);
        let (Some(from), Some(to)) = (find(&relation.head_span), find(&relation.child_span)) else {
            return None;
        };
        let label = relation.label.as_ref().map_or("relation", JsonStr::as_str);
        doc.relations.push(ImportedRelation::new(
            None,
            label,
            from.to_string(),
            to.to_string(),
        ));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use crate::formats::prodigy::parse;
    use crate::formats::ImportOptions;

    #[test]
    fn typed_tasks_read_as_the_general_reader_reads_them() {
        let input = concat!(
            "{\"text\": \"Sultan said \\\"four\\\" died\", \"tokens\": [{\"start\": 0, \"end\": 6}], \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"PERSON\", \"kind\": \"source\", \"text\": \"Sultan\"}, {\"start\": 12, \"end\": 25, \"label\": \"factual\", \"kind\": \"claim\", \"score\": 0.5}], \"relations\": [{\"label\": \"attributed_to\", \"head_span\": {\"start\": 12, \"end\": 25}, \"child_span\": {\"start\": 0, \"end\": 6}}], \"answer\": \"accept\", \"meta\": {\"score\": 0.4}}\n",
            "{\"text\": \"Sultan said \\\"four\\\" died\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"X\"}]}\n",
            "{\"text\": \"Sultan said \\\"four\\\" died\", \"spans\": [{\"token_start\": 0, \"token_end\": 0, \"label\": \"T\"}], \"tokens\": [{\"start\": 0, \"end\": 6}], \"answer\": \"reject\"}\n",
            "{\"text\": \"other\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"Y\", \"kind\": \"verb\"}], \"answer\": \"maybe\"}\n",
            "{\"text\": \"other\", \"spans\": [{\"start\": 0, \"end\": 5}], \"answer\": \"ignore\"}\n",
            "{\"spans\": []}\n",
            "[1, {\"text\": 5}]\n",
        );
        let typed = parse(input, &ImportOptions::default()).unwrap();
        let general = ImportOptions {
            text_key: Some("text".to_string()),
            ..ImportOptions::default()
        };
        assert_eq!(typed, parse(input, &general).unwrap());
        assert_eq!(typed.len(), 5);
        assert_eq!(typed[0].annotations.len(), 4);
    }
}
