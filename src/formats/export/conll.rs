//! CoNLL-2003-style IOB2 (`<stem>.conll`): a `-DOCSTART- O` line, then one token a line
//! as `TOKEN TAG` (`B-PERSON`, `I-PERSON`, `O`), a blank line between sentences.
//!
//! Tokens follow scholia's tokenisation (see `tokens.rs`) without whitespace tokens or a
//! byte-order mark. A token has one tag, so spans cannot overlap: entities come first,
//! then sources, then claims, each kind in reading order (the longer first at one
//! start), and a span overlapping one already taken is left out. Sentences come from
//! scholia's sentence segmentation; a sentence break inside a written span is not made.
//! Labels lose whitespace (`_`). CoNLL holds no kind, status, relations, attributes,
//! notes, links, canonical entities or discontinuous spans.

use std::collections::{BTreeSet, HashMap};
use std::io;

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Span, Status};
use crate::domain::schema::Schema;
use crate::domain::segment::sentences_in;
use crate::domain::store::Store;

use super::selection::{cuts, describe, Holds, Selection};
use super::tokens::{each_token, is_leading_bom};
use super::{Dropped, ExportFormat, ExportOptions, ExportSink, Exported, Part};

/// Exports `<stem>.conll`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let mut sel = Selection::new(doc, store, options, "CoNLL", &[Status::Accepted]);
    sel.leave_out_discontinuous();
    let mut spans = sel.trim_for_tokens();
    spans.sort_by_key(|(a, s)| {
        (
            kind_order(a.kind),
            s.start,
            std::cmp::Reverse(s.end),
            a.id.clone(),
        )
    });
    let mut kept: Vec<(&Annotation, Span)> = Vec::new();
    let mut overlapping = Vec::new();
    for (a, span) in spans {
        match kept
            .iter()
            .find(|(_, k)| k.intersects(span.start, span.end))
        {
            Some((other, _)) => {
                let why = format!(
                    "it overlaps {}, and CoNLL cannot hold overlapping spans",
                    other.id
                );
                overlapping.push((a, why));
            }
            None => kept.push((a, span)),
        }
    }
    sel.leave_out_as(
        overlapping,
        Some("overlapping annotations, which CoNLL cannot hold"),
    );
    kept.sort_by_key(|(_, s)| s.start);
    sel.report_details(
        Holds {
            label_only: true,
            ..Holds::default()
        },
        |a| schema.kind_read_back(&a.label),
    );
    let mut relabelled = Vec::new();
    for (a, _) in &kept {
        let tag = tag_name(&a.label);
        if tag != a.label {
            relabelled.push((*a, tag));
        }
    }
    for (a, tag) in relabelled {
        sel.dropped.push(Dropped::written_in_part(
            &a.id,
            vec![Part::Label],
            &describe(a),
            &format!("CoNLL tags cannot hold whitespace; its label is written \"{tag}\""),
        ));
    }
    sel.no_relations();
    sel.report_entities("its mentions are written without the link");

    let text = doc.text();
    let cuts = cuts(&kept);
    let starts: HashMap<usize, (&Annotation, usize)> =
        kept.iter().map(|(a, s)| (s.start, (*a, s.end))).collect();
    let sentence_starts: BTreeSet<usize> = sentences_in(text, 0..text.len())
        .into_iter()
        .map(|s| s.start)
        .collect();
    let name = ExportFormat::Conll.file_names(stem).remove(0);
    sink.file(&name, &mut |out| {
        out.write_all(b"-DOCSTART- O\n\n")?;
        let mut inside: Option<(&Annotation, usize)> = None;
        let mut last_end = 0;
        let mut line_count = 0;
        each_token(text, &cuts, |t| {
            if t.space || is_leading_bom(text, &t) {
                return Ok::<(), io::Error>(());
            }
            if inside.is_some_and(|(_, end)| t.start >= end) {
                inside = None;
            }
            let (prefix, label) = if let Some(&(a, end)) = starts.get(&t.start) {
                inside = Some((a, end));
                ("B-", Some(&a.label))
            } else if let Some((a, _)) = inside {
                ("I-", Some(&a.label))
            } else {
                ("O", None)
            };
            let new_sentence = t.start > last_end
                && sentence_starts
                    .range(last_end + 1..=t.start)
                    .next()
                    .is_some();
            if new_sentence && line_count > 0 && prefix != "I-" {
                out.write_all(b"\n")?;
            }
            out.write_all(&text.as_bytes()[t.start..t.end])?;
            out.write_all(b" ")?;
            out.write_all(prefix.as_bytes())?;
            if let Some(label) = label {
                out.write_all(tag_name(label).as_bytes())?;
            }
            out.write_all(b"\n")?;
            last_end = t.end;
            line_count += 1;
            Ok(())
        })?;
        if line_count > 0 {
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    Ok(Exported {
        files: Vec::new(),
        annotations: kept.len(),
        relations: 0,
        dropped: sel.dropped,
    })
}

/// Entities first, then sources, then claims.
fn kind_order(kind: Kind) -> u8 {
    match kind {
        Kind::Entity => 0,
        Kind::Source => 1,
        Kind::Claim => 2,
    }
}

/// A label as a tag: whitespace becomes `_`, an empty label `_`.
fn tag_name(label: &str) -> String {
    let tag: String = label
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if tag.is_empty() {
        "_".to_string()
    } else {
        tag
    }
}
