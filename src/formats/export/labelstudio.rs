//! Label Studio (`<stem>.labelstudio.json`): a list holding one task, `data.text` the
//! article. Accepted annotations are the task's one `annotations` entry; pending ones
//! are `predictions`, one per model (`model_version`), each region with its `score`.
//! Regions are `labels` results (`from_name` `label`, `to_name` `text`) with `start`,
//! `end`, `text` and `labels: [label]`, ids the annotation ids; a note goes in the
//! region's `meta.text`. Relations are `relation` results (`direction: right`) in the
//! entry that holds both ends. Offsets are UTF-16 code units unless told code points.
//! Label Studio has no rejected regions, discontinuous regions, region attributes that
//! scholia can read back, links or canonical entities, and its labels carry no kind.
//!
//! Beside the tasks goes the labeling config that imports them as they are
//! (`<stem>.label_config.xml`, see `labelstudio_config.rs`).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::doccano::offset_in;
use super::labelstudio_config::label_config;
use super::selection::{Holds, Selection};
use super::{ExportFormat, ExportOptions, Exported};

/// Exports `<stem>.labelstudio.json` and `<stem>.label_config.xml`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    stem: &str,
) -> Exported {
    let statuses = [Status::Accepted, Status::Pending];
    let mut sel = Selection::new(doc, store, options, "Label Studio", &statuses);
    sel.leave_out_discontinuous();
    sel.report_details(
        Holds {
            note: true,
            ..Holds::default()
        },
        |_| false,
    );
    let set_of = |a: &Annotation| match a.status {
        Status::Pending => Some(a.origin.model.clone().unwrap_or_default()),
        _ => None,
    };
    let relations = sel.relations(|_, from, to| {
        if set_of(from) == set_of(to) {
            Ok(())
        } else {
            Err((
                format!(
                    "Label Studio relations join regions of one annotation or prediction, and {} is {} while {} is {}",
                    from.id,
                    describe_set(&set_of(from)),
                    to.id,
                    describe_set(&set_of(to))
                ),
                "relations between regions of different annotations or predictions, which Label Studio cannot join"
                    .to_string(),
            ))
        }
    });
    sel.report_entities("its mentions are written without the link");
    let unit = options.unit();
    let mut sets: BTreeMap<Option<String>, Vec<Value>> = BTreeMap::new();
    for a in &sel.annotations {
        let span = a.spans[0];
        let mut region = json!({
            "id": a.id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": if a.origin.is_manual() { "manual" } else { "prediction" },
            "value": {
                "start": offset_in(doc, unit, span.start),
                "end": offset_in(doc, unit, span.end),
                "text": doc.slice(span).unwrap_or_default(),
                "labels": [a.label],
            },
        });
        if let Some(score) = a.origin.score {
            region["score"] = json!(score);
        }
        if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
            region["meta"] = json!({"text": [note]});
        }
        sets.entry(set_of(a)).or_default().push(region);
    }
    for r in &relations {
        let key = store.annotation(&r.from).and_then(set_of);
        sets.entry(key).or_default().push(json!({
            "from_id": r.from,
            "to_id": r.to,
            "type": "relation",
            "direction": "right",
            "labels": [r.kind],
        }));
    }
    let mut annotations = Vec::new();
    let mut predictions = Vec::new();
    for (model, result) in sets {
        match model {
            None => annotations.push(json!({"id": 1, "result": result})),
            Some(model) => {
                let mut prediction = json!({"result": result});
                if !model.is_empty() {
                    prediction["model_version"] = json!(model);
                }
                predictions.push(prediction);
            }
        }
    }
    let mut task = json!({"id": 1, "data": {"text": doc.text()}});
    task["annotations"] = json!(annotations);
    task["predictions"] = json!(predictions);
    let mut text = serde_json::to_string_pretty(&json!([task])).unwrap_or_default();
    text.push('\n');
    let config = label_config(schema, &sel.annotations, &relations);
    let names = ExportFormat::LabelStudio.file_names(stem);
    Exported {
        files: vec![(names[0].clone(), text), (names[1].clone(), config)],
        annotations: sel.annotations.len(),
        relations: relations.len(),
        dropped: sel.dropped,
    }
}

fn describe_set(set: &Option<String>) -> String {
    match set {
        None => "in the annotation".to_string(),
        Some(model) if model.is_empty() => "a prediction".to_string(),
        Some(model) => format!("a prediction of {model}"),
    }
}
