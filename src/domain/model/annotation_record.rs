//! How an [`Annotation`] is read from and written to JSON. Each span object may carry
//! fields this version does not know; they are kept beside the span, by position, and
//! written back inside it. Spans are put in reading order as they are read, carrying
//! their unknown fields with them.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::unknown_fields::deserialize_keeping_unknown;
use super::{
    Annotation, Attrs, Conflict, ExtraFields, Kind, Origin, Quote, SharedStr, Span, Status,
};

/// A span as the file has it: its offsets and any fields this version does not know.
struct SpanRecord {
    start: usize,
    end: usize,
    extra: Map<String, Value>,
}

deserialize_keeping_unknown!(SpanRecord, "a span", {
    start: "start",
    end: "end",
});

/// The spans of an annotation to write, each with the unknown fields of the span in its
/// place, written one by one (no list of them is made).
struct SpansOut<'a> {
    spans: &'a [Span],
    /// The unknown fields of each span, by position (empty when none has any).
    extra: &'a [Map<String, Value>],
}

impl Serialize for SpansOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.spans.len()))?;
        for (i, span) in self.spans.iter().enumerate() {
            seq.serialize_element(&SpanOut {
                span: *span,
                extra: self.extra.get(i),
            })?;
        }
        seq.end()
    }
}

/// A span to write, borrowing its unknown fields: its offsets, then those fields.
struct SpanOut<'a> {
    span: Span,
    extra: Option<&'a Map<String, Value>>,
}

impl Serialize for SpanOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("start", &self.span.start)?;
        map.serialize_entry("end", &self.span.end)?;
        for (key, value) in self.extra.into_iter().flatten() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// An annotation as the file has it.
pub(super) struct AnnotationRecord {
    id: String,
    kind: Kind,
    label: SharedStr,
    spans: Vec<SpanRecord>,
    quote: Quote,
    status: Status,
    origin: Origin,
    attrs: Attrs,
    note: Option<String>,
    entity: Option<String>,
    annotator: Option<SharedStr>,
    created: Option<SharedStr>,
    modified: Option<SharedStr>,
    conflict: Option<Box<Conflict>>,
    extra: ExtraFields,
}

deserialize_keeping_unknown!(AnnotationRecord, "an annotation", {
    id: "id",
    kind: "kind",
    label: "label",
    spans: "spans",
    quote: "quote" = Quote::default(),
    status: "status",
    origin: "origin" = Origin::default(),
    attrs: "attrs" = Attrs::new(),
    note: "note" = None,
    entity: "entity" = None,
    annotator: "annotator" = None,
    created: "created" = None,
    modified: "modified" = None,
    conflict: "conflict" = None,
});

impl From<AnnotationRecord> for Annotation {
    fn from(record: AnnotationRecord) -> Annotation {
        let mut spans = record.spans;
        spans.sort_by_key(|s| (s.start, s.end));
        let span_extra = if spans.iter().all(|s| s.extra.is_empty()) {
            Vec::new()
        } else {
            spans
                .iter_mut()
                .map(|s| std::mem::take(&mut s.extra))
                .collect()
        };
        Annotation {
            id: record.id,
            kind: record.kind,
            label: record.label,
            spans: spans.iter().map(|s| Span::new(s.start, s.end)).collect(),
            span_extra,
            quote: record.quote,
            status: record.status,
            origin: record.origin.shared(),
            attrs: record.attrs,
            note: record.note,
            entity: record.entity,
            annotator: record.annotator,
            created: record.created,
            modified: record.modified,
            conflict: record.conflict,
            extra: record.extra,
        }
    }
}

/// An annotation to write with other spans than its own (its spans converted to code
/// points, say), borrowing everything else: the JSON of the annotation with those spans.
#[derive(Debug, Clone, Copy)]
pub struct WithSpans<'a> {
    /// The annotation.
    pub annotation: &'a Annotation,
    /// The spans written in place of its own, one for each of them, in the same order
    /// (the unknown fields of each of its spans are written inside the one in its place).
    pub spans: &'a [Span],
}

impl Serialize for WithSpans<'_> {
    /// The fields in their order in the file, the optional ones only when they are
    /// there, then the unknown fields: one map, written field by field (what a derived
    /// record with its unknown fields flattened writes, without making the record).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.annotation;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &a.id)?;
        map.serialize_entry("kind", &a.kind)?;
        map.serialize_entry("label", a.label.as_str())?;
        map.serialize_entry(
            "spans",
            &SpansOut {
                spans: self.spans,
                extra: &a.span_extra,
            },
        )?;
        map.serialize_entry("quote", &a.quote)?;
        map.serialize_entry("status", &a.status)?;
        map.serialize_entry("origin", &*a.origin)?;
        if !a.attrs.is_empty() {
            map.serialize_entry("attrs", &a.attrs)?;
        }
        optional_entry(&mut map, "note", &a.note)?;
        optional_entry(&mut map, "entity", &a.entity)?;
        optional_entry(&mut map, "annotator", &a.annotator)?;
        optional_entry(&mut map, "created", &a.created)?;
        optional_entry(&mut map, "modified", &a.modified)?;
        optional_entry(&mut map, "conflict", &a.conflict)?;
        for (key, value) in &a.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Writes the field `key` into `map` when `value` is there.
fn optional_entry<M: SerializeMap>(
    map: &mut M,
    key: &str,
    value: &Option<impl Serialize>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

impl Serialize for Annotation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WithSpans {
            annotation: self,
            spans: &self.spans,
        }
        .serialize(serializer)
    }
}
