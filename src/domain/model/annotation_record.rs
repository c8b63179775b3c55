//! How an [`Annotation`] is read from and written to JSON. Each span object may carry
//! fields this version does not know; they are kept beside the span, by position, and
//! written back inside it. Spans are put in reading order as they are read, carrying
//! their unknown fields with them.

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

/// A span to write, borrowing its unknown fields.
#[derive(Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    #[serde(flatten)]
    extra: Option<&'a Map<String, Value>>,
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

/// An annotation to write, borrowing everything (no copy of the annotation).
#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: &'a str,
    kind: Kind,
    label: &'a str,
    spans: Vec<SpanOut<'a>>,
    quote: &'a Quote,
    status: Status,
    origin: &'a Origin,
    #[serde(skip_serializing_if = "Attrs::is_empty")]
    attrs: &'a Attrs,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: &'a Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: &'a Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: &'a Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflict: &'a Option<Box<Conflict>>,
    #[serde(flatten)]
    extra: &'a ExtraFields,
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
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.annotation;
        AnnotationOut {
            id: &a.id,
            kind: a.kind,
            label: &a.label,
            spans: self
                .spans
                .iter()
                .enumerate()
                .map(|(i, s)| SpanOut {
                    start: s.start,
                    end: s.end,
                    extra: a.span_extra.get(i).filter(|m| !m.is_empty()),
                })
                .collect(),
            quote: &a.quote,
            status: a.status,
            origin: &a.origin,
            attrs: &a.attrs,
            note: &a.note,
            entity: &a.entity,
            annotator: &a.annotator,
            created: &a.created,
            modified: &a.modified,
            conflict: &a.conflict,
            extra: &a.extra,
        }
        .serialize(serializer)
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
