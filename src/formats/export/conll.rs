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

use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    // Where each span kept is in `kept`, by its start. Spans kept never overlap and none
    // is empty, so by start their ends rise too: those a span overlaps are the last few
    // starting before it ends, found without looking at every span kept.
    let mut by_start: BTreeMap<usize, usize> = BTreeMap::new();
    let mut overlapping = Vec::new();
    for (a, span) in spans {
        let first_overlapped = by_start
            .range(..span.end)
            .rev()
            .map(|(_, &i)| i)
            .take_while(|&i| kept[i].1.end > span.start)
            .min();
        match first_overlapped.map(|i| kept[i]) {
            Some((other, _)) => {
                let why = format!(
                    "it overlaps {}, and CoNLL cannot hold overlapping spans",
                    other.id
                );
                overlapping.push((a, why));
            }
            None => {
                by_start.insert(span.start, kept.len());
                kept.push((a, span));
            }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::domain::store::Store;
    use crate::formats::export::{InMemory, StatusFilter};

    #[test]
    fn a_span_overlapping_several_kept_names_the_first_kept() {
        let doc = Document::from_text(Path::new("a.txt"), "Ak Bulun and Osh".to_string());
        let mut annotations = vec![
            Annotation::new("e2", Kind::Entity, "GPE", vec![Span::new(13, 16)]),
            Annotation::new("e1", Kind::Entity, "GPE", vec![Span::new(0, 2)]),
            Annotation::new("s1", Kind::Source, "place", vec![Span::new(0, 16)]),
            Annotation::new("e3", Kind::Entity, "PER", vec![Span::new(3, 16)]),
        ];
        for a in &mut annotations {
            a.status = Status::Accepted;
        }
        let store = Store::from_parts(annotations, Vec::new(), Vec::new());
        let options = ExportOptions {
            status: StatusFilter::All,
            unit: None,
        };
        let mut files = InMemory::default();
        let exported = export(&doc, &store, &Schema::default(), &options, "a", &mut files)
            .expect("written in memory");
        let about = |id: &str| {
            exported
                .dropped
                .iter()
                .find(|d| d.id == id && d.is_whole())
                .map(|d| d.message.clone())
                .unwrap_or_default()
        };
        // e1 and e3 are kept; the source overlaps both and names the first.
        assert!(about("s1").contains("it overlaps e1,"), "{}", about("s1"));
        assert!(about("e2").contains("it overlaps e3,"), "{}", about("e2"));
        assert_eq!(exported.annotations, 2);
        assert_eq!(
            files.files[0].1,
            "-DOCSTART- O\n\nAk B-GPE\nBulun B-PER\nand I-PER\nOsh I-PER\n\n"
        );
    }
}
