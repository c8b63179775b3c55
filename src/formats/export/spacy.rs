//! spaCy `Doc.to_json()` (`<stem>.spacy.json`): `text`, `ents`, span groups in `spans`
//! and `tokens`, offsets in code points, loadable with `Doc(vocab).from_json(...)`.
//!
//! `ents` holds the entity annotations that do not overlap one another (the earliest
//! first, the longer first at one start); the other entities go to the span group
//! `entities` (so do entities whose label would read back as another kind), claims to
//! `claims` and sources to `sources`, and the group says the kind. The first link of an
//! annotation is its `kb_id`. Tokens follow scholia's tokenisation (see `tokens.rs`),
//! split so that every span covers whole tokens; a span's surrounding whitespace is
//! trimmed. spaCy has no review status, relations, attributes, notes or canonical
//! entities.

use std::collections::{BTreeMap, HashSet};
use std::io;

use serde::Serialize;

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Span, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::selection::{cuts, Holds, Selection};
use super::streamed::{write_json_line, Streamed};
use super::tokens::{Token, TokenArray};
use super::{ExportFormat, ExportOptions, ExportSink, Exported, Part};

/// Exports `<stem>.spacy.json`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let mut sel = Selection::new(doc, store, options, "spaCy", &[Status::Accepted]);
    sel.leave_out_discontinuous();
    let spans = sel.trim_for_tokens();
    sel.report_details(
        Holds {
            links: true,
            ..Holds::default()
        },
        |a| a.kind,
    );
    for (a, _) in &spans {
        if a.attrs
            .get("links")
            .map_or(0, |l| l.split_whitespace().count())
            > 1
        {
            sel.report_part(
                a,
                Part::Links,
                "keeps only the first link (as kb_id); the others are left out",
            );
        }
    }
    sel.no_relations();
    sel.report_entities("its mentions are written without the link");

    let chars = |byte: usize| doc.byte_to_char(byte).unwrap_or(0);
    let (ents, overlapping) = split_ents(&spans, schema);
    let in_ents: HashSet<&str> = ents.iter().map(|(e, _)| e.id.as_str()).collect();
    let mut groups: BTreeMap<&str, Vec<GroupSpan>> = BTreeMap::new();
    for (a, span) in spans
        .iter()
        .filter(|(a, _)| !in_ents.contains(a.id.as_str()))
    {
        let key = match a.kind {
            Kind::Entity => "entities",
            Kind::Claim => "claims",
            Kind::Source => "sources",
        };
        groups.entry(key).or_default().push(GroupSpan {
            start: chars(span.start),
            end: chars(span.end),
            label: &a.label,
            kb_id: first_link(a).unwrap_or_default(),
        });
    }
    debug_assert_eq!(
        overlapping,
        groups.get("entities").map_or(0, Vec::len),
        "every entity not in ents is in the entities group"
    );
    let cuts = cuts(&spans);
    let name = ExportFormat::Spacy.file_names(stem).remove(0);
    sink.file(&name, &mut |out| {
        write_json_line(
            out,
            &SpacyDoc {
                text: doc.text(),
                ents: Streamed::new(ents.iter().map(|(a, span)| Ent {
                    start: chars(span.start),
                    end: chars(span.end),
                    label: &a.label,
                    kb_id: first_link(a),
                })),
                spans: (!groups.is_empty()).then_some(&groups),
                tokens: TokenArray {
                    text: doc.text(),
                    cuts: &cuts,
                    item: |i, t: Token| SpacyToken {
                        id: i,
                        start: chars(t.start),
                        end: chars(t.end),
                    },
                },
            },
        )
    })?;
    Ok(Exported {
        files: Vec::new(),
        annotations: spans.len(),
        relations: 0,
        dropped: sel.dropped,
    })
}

/// The file, written field by field in this order.
#[derive(Serialize)]
struct SpacyDoc<'a, E, T> {
    text: &'a str,
    ents: E,
    #[serde(skip_serializing_if = "Option::is_none")]
    spans: Option<&'a BTreeMap<&'a str, Vec<GroupSpan<'a>>>>,
    tokens: T,
}

/// One entry of `ents`.
#[derive(Serialize)]
struct Ent<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kb_id: Option<&'a str>,
}

/// One span of a span group.
#[derive(Serialize)]
struct GroupSpan<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    kb_id: &'a str,
}

/// One token.
#[derive(Serialize)]
struct SpacyToken {
    id: usize,
    start: usize,
    end: usize,
}

/// The entity annotations that go to `ents` (none overlapping another, earliest and
/// then longest first), and how many entities go to the `entities` group instead: those
/// overlapping them, and those whose label `schema` reads back as another kind (an
/// entity labelled `person`, a source kind).
fn split_ents<'a>(
    spans: &[(&'a Annotation, Span)],
    schema: &Schema,
) -> (Vec<(&'a Annotation, Span)>, usize) {
    let (mut entities, other_kind): (Vec<(&Annotation, Span)>, Vec<_>) = spans
        .iter()
        .filter(|(a, _)| a.kind == Kind::Entity)
        .partition(|(a, _)| schema.kind_read_back(&a.label) == Kind::Entity);
    entities.sort_by_key(|(a, s)| (s.start, std::cmp::Reverse(s.end), a.id.clone()));
    let mut ents: Vec<(&Annotation, Span)> = Vec::new();
    let mut overlapping = other_kind.len();
    // Every entity kept starts at or before this one, so it overlaps one of them
    // exactly when it starts before the furthest end kept so far.
    let mut furthest_end = 0;
    for (a, span) in entities {
        if span.start < furthest_end {
            overlapping += 1;
        } else {
            furthest_end = furthest_end.max(span.end);
            ents.push((a, span));
        }
    }
    (ents, overlapping)
}

/// The annotation's first link to a knowledge base.
fn first_link(a: &Annotation) -> Option<&str> {
    a.attrs.get("links")?.split_whitespace().next()
}
