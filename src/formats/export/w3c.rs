//! W3C Web Annotation: one `AnnotationCollection` in JSON-LD (`<stem>.w3c.jsonld`).
//!
//! Each annotation is an `Annotation` (motivation `tagging`) whose target is the article
//! with a `TextPositionSelector` (code points) and a `TextQuoteSelector` (exact text,
//! 32 characters of prefix and suffix); a discontinuous annotation has one target per
//! piece. Its bodies are those `formats::w3c` reads back:
//! - the label: `{"type": "TextualBody", "purpose": "tagging", "value": "factual"}`;
//! - the kind, status, score and model: TextualBodies with purpose `scholia:kind`,
//!   `scholia:status`, `scholia:score`, `scholia:model`;
//! - each attribute (stance, credibility, quote_type…) as purpose `scholia:<name>`; a
//!   source's entity reliability as `scholia:reliability`; the entity id as
//!   `scholia:entity`;
//! - the note: purpose `commenting`; each link: a `SpecificResource` with purpose
//!   `identifying` and the link as `source`.
//!
//! Relations are `linking` annotations (body: a `tagging` TextualBody naming the type
//! and the `to` annotation as a `SpecificResource`; target: the `from` annotation) on a
//! second page, embedded as the first page's `next`. Ids are `urn:scholia:<sha256>:<id>`
//! with the article's SHA-256. Orphans are left out (they have no position).

use std::cell::RefCell;
use std::io;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::domain::anchor::quote_for;
use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Relation, Span, Status};
use crate::domain::store::Store;

use super::selection::{describe, Selection};
use super::streamed::{write_pretty_json_line, Streamed};
use super::{Dropped, ExportFormat, ExportOptions, ExportSink, Exported, Part};

/// Attribute names the W3C importer gives another meaning as `scholia:<name>` bodies.
const RESERVED: [&str; 7] = [
    "kind", "status", "score", "model", "label", "note", "entity",
];

/// Exports `<stem>.w3c.jsonld`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let statuses = [Status::Accepted, Status::Pending, Status::Rejected];
    let mut sel = Selection::new(doc, store, options, "W3C Web Annotation", &statuses);
    let relations = sel.relations(|_, _, _| Ok(()));
    let base = format!("urn:scholia:{}", doc.sha256());
    let source = file_iri(&doc.file_name());
    // Each item is made as it is written, so that the whole collection is never held
    // as one tree; the attributes an item could not write are gathered meanwhile.
    let reserved_lost = RefCell::new(Vec::new());
    let annotations = sel.annotations.len();
    let name = ExportFormat::W3c.file_names(stem).remove(0);
    sink.file(&name, &mut |out| {
        let items = sel.annotations.iter().map(|a| {
            let (item, lost) = annotation(doc, store, a, &base, &source);
            if !lost.is_empty() {
                reserved_lost.borrow_mut().push((*a, lost));
            }
            item
        });
        let collection = Collection {
            context: json!(["http://www.w3.org/ns/anno.jsonld", {"scholia": "urn:scholia:"}]),
            id: &base,
            kind: "AnnotationCollection",
            label: format!("scholia annotations of {}", doc.file_name()),
            total: annotations + relations.len(),
            first: Page {
                id: format!("{base}:page1"),
                kind: "AnnotationPage",
                start_index: 0,
                items: Streamed::new(items),
                next: (!relations.is_empty()).then(|| Page {
                    id: format!("{base}:page2"),
                    kind: "AnnotationPage",
                    start_index: annotations,
                    items: Streamed::new(relations.iter().map(|r| linking(r, &base))),
                    next: None::<()>,
                }),
            },
        };
        write_pretty_json_line(out, &collection)
    })?;
    for (a, lost) in reserved_lost.into_inner() {
        sel.dropped.push(Dropped::written_in_part(
            &a.id,
            vec![Part::Attributes],
            &describe(a),
            &format!(
                "its attributes {} have names that W3C bodies use for something else, and are not written",
                lost.join(", ")
            ),
        ));
    }
    sel.report_entities(
        "its mentions carry its id in a scholia:entity body and, for sources, its reliability",
    );
    Ok(Exported {
        files: Vec::new(),
        annotations: sel.annotations.len(),
        relations: relations.len(),
        dropped: sel.dropped,
    })
}

/// The collection, written field by field in this order.
#[derive(Serialize)]
struct Collection<'a, I, L> {
    #[serde(rename = "@context")]
    context: Value,
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    first: Page<I, Page<L, ()>>,
}

/// A page of annotations, and the page after it.
#[derive(Serialize)]
struct Page<I, N> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: I,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<N>,
}

/// One annotation, and the names of attributes it could not write.
fn annotation(
    doc: &Document,
    store: &Store,
    a: &Annotation,
    base: &str,
    source: &str,
) -> (Value, Vec<String>) {
    let textual = |purpose: &str, value: &str| json!({"type": "TextualBody", "purpose": purpose, "value": value});
    let mut bodies = vec![
        textual("tagging", &a.label),
        textual("scholia:kind", a.kind.as_str()),
        textual("scholia:status", a.status.as_str()),
    ];
    let mut lost = Vec::new();
    for (name, value) in &a.attrs {
        if name == "links" {
            continue;
        }
        if RESERVED.contains(&name.as_str()) {
            lost.push(name.clone());
        } else {
            bodies.push(textual(&format!("scholia:{name}"), value));
        }
    }
    if let Some(entity) = a.entity.as_deref().and_then(|id| store.entity(id)) {
        bodies.push(textual("scholia:entity", &entity.id));
        if let (Kind::Source, Some(reliability), false) = (
            a.kind,
            entity.attrs.get("reliability"),
            a.attrs.contains_key("reliability"),
        ) {
            bodies.push(textual("scholia:reliability", reliability));
        }
    }
    if let Some(score) = a.origin.score {
        bodies.push(textual("scholia:score", &score.to_string()));
    }
    if let Some(model) = &a.origin.model {
        bodies.push(textual("scholia:model", model));
    }
    if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
        bodies.push(textual("commenting", note));
    }
    for link in a
        .attrs
        .get("links")
        .map_or("", String::as_str)
        .split_whitespace()
    {
        bodies.push(json!({"type": "SpecificResource", "purpose": "identifying", "source": link}));
    }
    let targets: Vec<Value> = a
        .spans
        .iter()
        .map(|span| target(doc, *span, source))
        .collect();
    let mut item = Map::new();
    item.insert("id".into(), json!(format!("{base}:{}", a.id)));
    item.insert("type".into(), json!("Annotation"));
    item.insert("motivation".into(), json!("tagging"));
    if let Some(annotator) = &a.annotator {
        item.insert(
            "creator".into(),
            json!({"type": "Person", "nickname": annotator}),
        );
    }
    if let Some(created) = &a.created {
        item.insert("created".into(), json!(created));
    }
    if let Some(modified) = &a.modified {
        item.insert("modified".into(), json!(modified));
    }
    item.insert("body".into(), Value::Array(bodies));
    item.insert(
        "target".into(),
        match <[Value; 1]>::try_from(targets) {
            Ok([one]) => one,
            Err(many) => Value::Array(many),
        },
    );
    (Value::Object(item), lost)
}

/// The target of one piece: the article with its position and quote.
fn target(doc: &Document, span: Span, source: &str) -> Value {
    let quote = quote_for(doc, &[span]);
    let chars = doc.span_to_chars(span).unwrap_or(span);
    json!({
        "source": source,
        "selector": [
            {"type": "TextPositionSelector", "start": chars.start, "end": chars.end},
            {"type": "TextQuoteSelector", "exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix},
        ],
    })
}

/// A relation as a `linking` annotation.
fn linking(r: &Relation, base: &str) -> Value {
    json!({
        "id": format!("{base}:{}", r.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": r.kind},
            {"type": "SpecificResource", "purpose": "linking", "source": format!("{base}:{}", r.to)},
        ],
        "target": format!("{base}:{}", r.from),
    })
}

/// The article's file name as a relative IRI: everything but unreserved ASCII
/// percent-encoded.
fn file_iri(name: &str) -> String {
    let mut out = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_relative_iris() {
        assert_eq!(file_iri("a b#ё.txt"), "a%20b%23%D1%91.txt");
    }
}
