//! doccano JSONL (`<stem>.doccano.jsonl`): one record per article with `text`,
//! `entities` [{id, label, start_offset, end_offset, kind}] and `relations` [{id,
//! from_id, to_id, type}], as doccano's relation-extraction projects export, with the
//! annotation's kind (`entity`, `claim`, `source`) as an extra field doccano keeps and
//! scholia reads back. Offsets are UTF-16 code units unless told code points. Ids are
//! numbers from 1 in reading order. doccano has no review status, discontinuous
//! spans, attributes, notes, links or canonical entities.

use std::collections::HashMap;
use std::io;

use serde::Serialize;

use crate::domain::document::Document;
use crate::domain::model::Status;
use crate::domain::store::Store;
use crate::formats::imported::OffsetUnit;

use super::selection::{Holds, Selection};
use super::streamed::{write_json_line, Streamed};
use super::{ExportFormat, ExportOptions, ExportSink, Exported};

/// Exports `<stem>.doccano.jsonl`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let mut sel = Selection::new(doc, store, options, "doccano", &[Status::Accepted]);
    sel.leave_out_discontinuous();
    sel.report_details(Holds::default(), |a| a.kind);
    let relations = sel.relations(|_, _, _| Ok(()));
    sel.report_entities("its mentions are written without the link");
    let unit = options.unit();
    let offset = |byte: usize| offset_in(doc, unit, byte);
    let ids: HashMap<&str, usize> = sel
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i + 1))
        .collect();
    let name = ExportFormat::Doccano.file_names(stem).remove(0);
    sink.file(&name, &mut |out| {
        let entities = sel.annotations.iter().map(|a| Entity {
            id: ids[a.id.as_str()],
            label: &a.label,
            start_offset: offset(a.spans[0].start),
            end_offset: offset(a.spans[0].end),
            kind: a.kind.as_str(),
        });
        let links = relations.iter().enumerate().map(|(i, r)| Link {
            id: i + 1,
            from_id: ids[r.from.as_str()],
            to_id: ids[r.to.as_str()],
            kind: &r.kind,
        });
        let record = Record {
            text: doc.text(),
            entities: Streamed::new(entities),
            relations: Streamed::new(links),
        };
        write_json_line(out, &record)
    })?;
    Ok(Exported {
        files: Vec::new(),
        annotations: sel.annotations.len(),
        relations: relations.len(),
        dropped: sel.dropped,
    })
}

/// The one record, written field by field in this order.
#[derive(Serialize)]
struct Record<'a, E, R> {
    text: &'a str,
    entities: E,
    relations: R,
}

/// One entity.
#[derive(Serialize)]
struct Entity<'a> {
    id: usize,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
    kind: &'a str,
}

/// One relation.
#[derive(Serialize)]
struct Link<'a> {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// A byte offset in `unit`.
pub(super) fn offset_in(doc: &Document, unit: OffsetUnit, byte: usize) -> usize {
    match unit {
        OffsetUnit::CodePoints => doc.byte_to_char(byte),
        OffsetUnit::Utf16 => doc.byte_to_utf16(byte),
    }
    .unwrap_or(0)
}
