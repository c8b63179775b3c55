//! Label Studio (`<stem>.labelstudio.json`): a list holding one task, `data.text` the
//! article. Accepted annotations are the task's one `annotations` entry; pending ones
//! are `predictions`, one per model (`model_version`), each region with its `score`.
//! Regions are `labels` results (`from_name` `label`, `to_name` `text`) with `start`,
//! `end`, `text` and `labels: [label]`, ids the annotation ids; the region's `meta`
//! holds the kind (`meta.kind`: `entity`, `claim` or `source`) and the note
//! (`meta.text`). Relations are `relation` results (`direction: right`) in the
//! entry that holds both ends. Offsets are UTF-16 code units unless told code points.
//! Label Studio has no rejected regions, discontinuous regions, region attributes that
//! scholia can read back, links or canonical entities.
//!
//! Beside the tasks goes the labeling config that imports them as they are
//! (`<stem>.label_config.xml`, see `labelstudio_config.rs`).

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Relation, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;
use crate::formats::imported::OffsetUnit;

use super::doccano::offset_in;
use super::labelstudio_config::label_config;
use super::selection::{Holds, Selection};
use super::streamed::{write_pretty_json_line, Streamed};
use super::{ExportFormat, ExportOptions, ExportSink, Exported};

/// Exports `<stem>.labelstudio.json` and `<stem>.label_config.xml`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let statuses = [Status::Accepted, Status::Pending];
    let mut sel = Selection::new(doc, store, options, "Label Studio", &statuses);
    sel.leave_out_discontinuous();
    sel.report_details(
        Holds {
            note: true,
            ..Holds::default()
        },
        |a| a.kind,
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
    // What each annotation or prediction holds, in order; each region is made as it is
    // written.
    let mut sets: BTreeMap<Option<String>, Vec<Item>> = BTreeMap::new();
    for a in &sel.annotations {
        sets.entry(set_of(a)).or_default().push(Item::Region(a));
    }
    for r in &relations {
        let key = store.annotation(&r.from).and_then(set_of);
        sets.entry(key).or_default().push(Item::Relation(r));
    }
    let names = ExportFormat::LabelStudio.file_names(stem);
    sink.file(&names[0], &mut |out| {
        let annotations = sets
            .iter()
            .filter(|(model, _)| model.is_none())
            .map(|(_, items)| AnnotationEntry {
                id: 1,
                result: result(items, doc, unit),
            });
        let predictions = sets.iter().filter_map(|(model, items)| {
            let model = model.as_deref()?;
            Some(Prediction {
                result: result(items, doc, unit),
                model_version: (!model.is_empty()).then_some(model),
            })
        });
        let task = Task {
            id: 1,
            data: Data { text: doc.text() },
            annotations: Streamed::new(annotations),
            predictions: Streamed::new(predictions),
        };
        write_pretty_json_line(out, &[task])
    })?;
    let config = label_config(schema, &sel.annotations, &relations);
    super::write_text(sink, &names[1], &config)?;
    Ok(Exported {
        files: Vec::new(),
        annotations: sel.annotations.len(),
        relations: relations.len(),
        dropped: sel.dropped,
    })
}

/// The `result` of an annotation or prediction: its regions and relations, each made
/// as it is written.
fn result<'a>(
    items: &'a [Item<'a>],
    doc: &'a Document,
    unit: OffsetUnit,
) -> Streamed<impl Iterator<Item = Written<'a>> + 'a> {
    Streamed::new(items.iter().map(move |item| match item {
        Item::Region(a) => Written::Region(region(a, doc, unit)),
        Item::Relation(r) => Written::Relation(Link {
            from_id: &r.from,
            to_id: &r.to,
            kind: "relation",
            direction: "right",
            labels: [r.kind.as_str()],
        }),
    }))
}

/// The region of `a`.
fn region<'a>(a: &'a Annotation, doc: &'a Document, unit: OffsetUnit) -> Region<'a> {
    let span = a.spans[0];
    Region {
        id: &a.id,
        from_name: "label",
        to_name: "text",
        kind: "labels",
        origin: if a.origin.is_manual() {
            "manual"
        } else {
            "prediction"
        },
        value: RegionValue {
            start: offset_in(doc, unit, span.start),
            end: offset_in(doc, unit, span.end),
            text: doc.slice(span).unwrap_or_default(),
            labels: [a.label.as_str()],
        },
        score: a.origin.score,
        meta: RegionMeta {
            kind: a.kind.as_str(),
            text: a.note.as_deref().filter(|n| !n.is_empty()).map(|n| [n]),
        },
    }
}

/// One item of an annotation's or prediction's `result`, before it is written.
enum Item<'a> {
    Region(&'a Annotation),
    Relation(&'a Relation),
}

/// The task, written field by field in this order.
#[derive(Serialize)]
struct Task<'a, A, P> {
    id: usize,
    data: Data<'a>,
    annotations: A,
    predictions: P,
}

/// The task's data.
#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
}

/// The one entry of `annotations`.
#[derive(Serialize)]
struct AnnotationEntry<R> {
    id: usize,
    result: R,
}

/// One entry of `predictions`.
#[derive(Serialize)]
struct Prediction<'a, R> {
    result: R,
    #[serde(skip_serializing_if = "Option::is_none")]
    model_version: Option<&'a str>,
}

/// One item of a `result` as written.
#[derive(Serialize)]
#[serde(untagged)]
enum Written<'a> {
    Region(Region<'a>),
    Relation(Link<'a>),
}

/// A `labels` region.
#[derive(Serialize)]
struct Region<'a> {
    id: &'a str,
    from_name: &'a str,
    to_name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    origin: &'a str,
    value: RegionValue<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    meta: RegionMeta<'a>,
}

/// A region's `value`.
#[derive(Serialize)]
struct RegionValue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

/// A region's `meta`: its kind and its note.
#[derive(Serialize)]
struct RegionMeta<'a> {
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<[&'a str; 1]>,
}

/// A `relation` result.
#[derive(Serialize)]
struct Link<'a> {
    from_id: &'a str,
    to_id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    direction: &'a str,
    labels: [&'a str; 1],
}

fn describe_set(set: &Option<String>) -> String {
    match set {
        None => "in the annotation".to_string(),
        Some(model) if model.is_empty() => "a prediction".to_string(),
        Some(model) => format!("a prediction of {model}"),
    }
}
