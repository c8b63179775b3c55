//! Prodigy JSONL (`<stem>.prodigy.jsonl`): tasks with `text`, `tokens` [{text, start,
//! end, id, ws}], `spans` [{start, end, token_start, token_end, label, kind}] with
//! `token_end` inclusive and `kind` the annotation's kind (`entity`, `claim`, `source`,
//! an extra field Prodigy keeps), `relations` and `answer`. Offsets are code points; tokens
//! follow scholia's tokenisation (see `tokens.rs`), a span's surrounding whitespace
//! trimmed.
//!
//! One task per status: accepted spans in a task answered `accept`, pending ones in a
//! task with no answer (a task still to review, each span with its `score`), rejected
//! ones in a task answered `reject`; empty tasks are left out, except that an article
//! with nothing to export still gets its `accept` task. A relation {head, child,
//! head_span, child_span, label} joins two spans of one task; Prodigy names a span by
//! its offsets, so among spans with the same offsets the source comes first, then the
//! claim, then the entity, and a relation to a later one of them is left out. Prodigy
//! has no discontinuous spans, attributes, notes, links or canonical entities.

use std::collections::HashMap;
use std::io;

use serde::Serialize;

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Span, Status};
use crate::domain::store::Store;

use super::selection::{cuts, Holds, Selection};
use super::streamed::{write_json_line, Streamed};
use super::tokens::{Token, TokenArray, TokenIndex};
use super::{ExportFormat, ExportOptions, ExportSink, Exported};

/// The tasks, in file order: status and answer.
const TASKS: [(Status, Option<&str>); 3] = [
    (Status::Accepted, Some("accept")),
    (Status::Pending, None),
    (Status::Rejected, Some("reject")),
];

/// Exports `<stem>.prodigy.jsonl`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let statuses = [Status::Accepted, Status::Pending, Status::Rejected];
    let mut sel = Selection::new(doc, store, options, "Prodigy", &statuses);
    sel.leave_out_discontinuous();
    let mut spans = sel.trim_for_tokens();
    sel.report_details(Holds::default(), |a| a.kind);
    spans.sort_by_key(|(a, s)| (a.status, s.start, s.end, kind_order(a.kind), a.id.clone()));
    let span_of: HashMap<&str, Span> = spans.iter().map(|(a, s)| (a.id.as_str(), *s)).collect();
    let mut first_at: HashMap<(Status, Span), &str> = HashMap::new();
    for (a, s) in &spans {
        first_at.entry((a.status, *s)).or_insert(a.id.as_str());
    }
    let relations = sel.relations(|_, from, to| {
        if from.status != to.status {
            return Err((
                format!(
                    "Prodigy relations join spans of one task, and {} is {} while {} is {}",
                    from.id, from.status, to.id, to.status
                ),
                "relations between annotations of different status, which Prodigy writes in different tasks".to_string(),
            ));
        }
        for end in [from, to] {
            let first = span_of
                .get(end.id.as_str())
                .and_then(|s| first_at.get(&(end.status, *s)));
            if let Some(first) = first.filter(|f| **f != end.id) {
                return Err((
                    format!(
                        "Prodigy names a span by its offsets, and {} has the same offsets as {first}, which comes first",
                        end.id
                    ),
                    "relations to a span with the same offsets as another, which Prodigy cannot tell apart".to_string(),
                ));
            }
        }
        Ok(())
    });
    sel.report_entities("its mentions are written without the link");
    let cuts = cuts(&spans);
    let tokens = TokenIndex::new(
        doc.text(),
        &cuts,
        spans.iter().map(|(_, s)| (s.start, s.end)),
    );
    let chars = |byte: usize| doc.byte_to_char(byte).unwrap_or(0);
    let name = ExportFormat::Prodigy.file_names(stem).remove(0);
    sink.file(&name, &mut |out| {
        for (status, answer) in TASKS {
            let in_task: Vec<&(&Annotation, Span)> =
                spans.iter().filter(|(a, _)| a.status == status).collect();
            if in_task.is_empty() && !(status == Status::Accepted && spans.is_empty()) {
                continue;
            }
            let by_id: HashMap<&str, &(&Annotation, Span)> = in_task
                .iter()
                .map(|pair| (pair.0.id.as_str(), *pair))
                .collect();
            let task_relations: Vec<ProdigyRelation> = relations
                .iter()
                .filter_map(|r| {
                    let find = |id: &str| by_id.get(id).copied();
                    let ((head, head_span), (child, child_span)) = (find(&r.from)?, find(&r.to)?);
                    let head_token = tokens.range(head_span.start, head_span.end)?.1;
                    let child_token = tokens.range(child_span.start, child_span.end)?.1;
                    Some(ProdigyRelation {
                        head: head_token,
                        child: child_token,
                        head_span: written_span(doc, &tokens, head, *head_span),
                        child_span: written_span(doc, &tokens, child, *child_span),
                        label: &r.kind,
                    })
                })
                .collect();
            let task = Task {
                text: doc.text(),
                meta: Meta {
                    file: doc.file_name(),
                },
                tokens: TokenArray {
                    text: doc.text(),
                    cuts: &cuts,
                    item: |i, t: Token| ProdigyToken {
                        text: &doc.text()[t.start..t.end],
                        start: chars(t.start),
                        end: chars(t.end),
                        id: i,
                        ws: t.ws,
                    },
                },
                spans: Streamed::new(
                    in_task
                        .iter()
                        .map(|(a, s)| written_span(doc, &tokens, a, *s)),
                ),
                relations: (!task_relations.is_empty()).then_some(task_relations),
                answer,
            };
            write_json_line(out, &task)?;
        }
        Ok(())
    })?;
    Ok(Exported {
        files: Vec::new(),
        annotations: spans.len(),
        relations: relations.len(),
        dropped: sel.dropped,
    })
}

/// One task, written field by field in this order.
#[derive(Serialize)]
struct Task<'a, T, S> {
    text: &'a str,
    meta: Meta,
    tokens: T,
    spans: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    relations: Option<Vec<ProdigyRelation<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
}

/// A task's `meta`.
#[derive(Serialize)]
struct Meta {
    file: String,
}

/// One token.
#[derive(Serialize)]
struct ProdigyToken<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

/// One span: its offsets, its tokens (the last inclusive), label, kind and score.
#[derive(Serialize)]
struct ProdigySpan<'a> {
    start: usize,
    end: usize,
    token_start: usize,
    token_end: usize,
    label: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
}

/// The span `s` of `a` as written, its tokens found in `tokens`.
fn written_span<'a>(
    doc: &Document,
    tokens: &TokenIndex,
    a: &'a Annotation,
    s: Span,
) -> ProdigySpan<'a> {
    let chars = |byte: usize| doc.byte_to_char(byte).unwrap_or(0);
    let (first, last) = tokens.range(s.start, s.end).unwrap_or((0, 0));
    ProdigySpan {
        start: chars(s.start),
        end: chars(s.end),
        token_start: first,
        token_end: last,
        label: &a.label,
        kind: a.kind.as_str(),
        score: a.origin.score,
    }
}

/// One relation, by the last token of each end and the ends themselves.
#[derive(Serialize)]
struct ProdigyRelation<'a> {
    head: usize,
    child: usize,
    head_span: ProdigySpan<'a>,
    child_span: ProdigySpan<'a>,
    label: &'a str,
}

/// Among spans with the same offsets: sources, then claims, then entities.
fn kind_order(kind: Kind) -> u8 {
    match kind {
        Kind::Source => 0,
        Kind::Claim => 1,
        Kind::Entity => 2,
    }
}
