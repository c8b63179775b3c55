//! The scholia sidecar, normalised: the annotations asked for (every status under
//! `--status all`, orphans included), the relations between what is written and the
//! entities, in the sidecar's stable order, quotes rebuilt from the article. Lossless.

use std::collections::HashSet;

use crate::domain::anchor::requote;
use crate::domain::document::Document;
use crate::domain::model::Status;
use crate::domain::sidecar::{render, to_file, Kept};
use crate::domain::store::Store;

use super::{Dropped, ExportFormat, ExportOptions, Exported, StatusFilter};

/// Exports the sidecar as `<stem>.scholia.json`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    options: &ExportOptions,
    stem: &str,
) -> Exported {
    // A span off the article's characters cannot be written in code points: that
    // annotation is left out and said so, never written with byte offsets.
    let (asked, off_text): (Vec<_>, Vec<_>) = store
        .annotations()
        .into_iter()
        .filter(|a| options.status.admits(a.status))
        .partition(|a| a.spans.iter().all(|s| doc.span_to_chars(*s).is_some()));
    let dropped: Vec<Dropped> = off_text
        .iter()
        .map(|a| {
            Dropped::not_written(
                &a.id,
                &a.id,
                "its spans do not fall on the article's characters",
            )
        })
        .collect();
    let annotations: Vec<_> = asked
        .into_iter()
        .map(|a| {
            let mut a = a.clone();
            if a.status != Status::Orphaned && !a.spans.is_empty() {
                requote(doc, &mut a);
            }
            a
        })
        .collect();
    let ids: HashSet<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
    let is_entity = |id: &str| store.entity(id).is_some();
    let relations: Vec<_> = store
        .relations()
        .into_iter()
        .filter(|r| {
            (ids.contains(r.from.as_str()) || is_entity(&r.from))
                && (ids.contains(r.to.as_str()) || is_entity(&r.to))
        })
        .cloned()
        .collect();
    let entities: Vec<_> = store
        .entities()
        .into_iter()
        .filter(|e| {
            options.status == StatusFilter::All
                || annotations
                    .iter()
                    .any(|a| a.entity.as_deref() == Some(e.id.as_str()))
                || relations.iter().any(|r| r.from == e.id || r.to == e.id)
        })
        .cloned()
        .collect();
    let counts = (annotations.len(), relations.len());
    let normalised = Store::from_parts(annotations, entities, relations);
    // Every span left falls on the article's characters; should the JSON still fail,
    // the export says so and writes nothing rather than a sidecar that is wrong.
    match to_file(doc, &normalised, &Kept::default()).and_then(|file| render(&file)) {
        Ok(text) => Exported {
            files: vec![(ExportFormat::Scholia.file_names(stem).remove(0), text)],
            annotations: counts.0,
            relations: counts.1,
            dropped,
        },
        Err(e) => Exported::failed(format!("the sidecar could not be exported: {e}")),
    }
}
