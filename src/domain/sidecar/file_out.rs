//! The sidecar written straight from a [`Snapshot`]'s shared items: the JSON of the
//! [`SidecarFile`](super::SidecarFile) the snapshot makes, without copying an annotation
//! to convert its spans (the converted spans are held beside the annotations instead).

use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use super::{DocumentInfo, RenderError, Snapshot, FORMAT};
use crate::domain::document::CharOffsets;
use crate::domain::done::DoneMark;
use crate::domain::model::{Annotation, Entity, Relation, Span, Status, WithSpans};

/// A sidecar to write, borrowing a snapshot's items: the fields of a `SidecarFile`, in
/// its order, written as it writes them.
#[derive(Serialize)]
pub(super) struct FileOut<'a> {
    format: &'static str,
    document: &'a DocumentInfo,
    entities: Vec<&'a Entity>,
    annotations: AnnotationsOut<'a>,
    relations: Vec<&'a Relation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    done: &'a Option<DoneMark>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl<'a> FileOut<'a> {
    /// The sidecar `snapshot` makes: its items in their stable order, spans in code
    /// points; a span not on the article's characters is an error.
    pub(super) fn of(snapshot: &'a Snapshot) -> Result<FileOut<'a>, RenderError> {
        Ok(FileOut {
            format: FORMAT,
            document: &snapshot.document,
            entities: snapshot.store.entities_in_order(),
            annotations: AnnotationsOut::convert(
                snapshot.store.annotations_in_order(),
                &snapshot.offsets,
            )?,
            relations: snapshot.store.relations_in_order(),
            done: &snapshot.store.done,
            extra: &snapshot.extra,
        })
    }
}

/// The annotations in their stable order, and the spans each is written with (in code
/// points; an orphan's as they are), one annotation's after another's.
struct AnnotationsOut<'a> {
    annotations: Vec<&'a Annotation>,
    spans: Vec<Span>,
}

impl<'a> AnnotationsOut<'a> {
    fn convert(
        annotations: Vec<&'a Annotation>,
        offsets: &CharOffsets,
    ) -> Result<AnnotationsOut<'a>, RenderError> {
        let mut spans = Vec::with_capacity(annotations.len());
        for a in &annotations {
            if a.status == Status::Orphaned {
                spans.extend_from_slice(&a.spans);
                continue;
            }
            for s in &a.spans {
                let converted = offsets.span_to_chars(*s).ok_or_else(|| RenderError::Span {
                    id: a.id.clone(),
                    start: s.start,
                    end: s.end,
                })?;
                spans.push(converted);
            }
        }
        Ok(AnnotationsOut { annotations, spans })
    }
}

impl Serialize for AnnotationsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.annotations.len()))?;
        let mut rest = self.spans.as_slice();
        for annotation in &self.annotations {
            let (spans, after) = rest.split_at(annotation.spans.len().min(rest.len()));
            seq.serialize_element(&WithSpans { annotation, spans })?;
            rest = after;
        }
        seq.end()
    }
}
