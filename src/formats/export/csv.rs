//! The claims table as CSV (`<stem>.claims.csv`), RFC 4180: a header row, CRLF line
//! ends, a field quoted when it holds a comma, a quote or a line break (quotes
//! doubled), UTF-8 without a byte-order mark.
//!
//! One row per claim–source link (`attributed_to`); a claim with no source has one row
//! with empty source columns. Columns: `claim_id, claim, stance, credibility, source_id,
//! source, source_entity, reliability, cited_publication, claim_start, claim_end, note,
//! status`. Offsets are code points (empty for an orphan, whose text is its quote);
//! several cited publications are joined by `; `; reliability is the source entity's,
//! else the source's own.
//!
//! Against formula injection in spreadsheets, a text cell starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return gets a leading apostrophe (`'-5 degrees`).
//!
//! The table holds claims and their sources and publications: other annotations,
//! other relations, other attributes and the sources' notes are left out and reported.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::domain::document::Document;
use crate::domain::model::Kind;
use crate::domain::store::Store;

use super::claims::{claim_rows, ClaimRow};
use super::selection::{describe, describe_relation};
use super::{Dropped, ExportFormat, ExportOptions, ExportSink, Exported, Part};

const HEADER: [&str; 13] = [
    "claim_id",
    "claim",
    "stance",
    "credibility",
    "source_id",
    "source",
    "source_entity",
    "reliability",
    "cited_publication",
    "claim_start",
    "claim_end",
    "note",
    "status",
];

/// The claim attributes the table has columns for.
const CLAIM_COLUMNS: [&str; 2] = ["stance", "credibility"];

/// Exports `<stem>.claims.csv`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let rows = claim_rows(doc, store, options.status);
    let name = ExportFormat::Csv.file_names(stem).remove(0);
    sink.file(&name, &mut |out| {
        push_row(out, HEADER.iter().map(|h| h.to_string()))?;
        for row in &rows {
            write_claim(out, row)?;
        }
        Ok(())
    })?;
    Ok(Exported {
        files: Vec::new(),
        annotations: rows.len(),
        relations: rows
            .iter()
            .flat_map(|r| &r.relations)
            .filter(|r| matches!(r.kind.as_str(), "attributed_to" | "cites"))
            .count(),
        dropped: dropped(store, options, &rows),
    })
}

fn write_claim(out: &mut dyn Write, row: &ClaimRow<'_>) -> io::Result<()> {
    let claim = row.claim;
    let attr = |name: &str| claim.attrs.get(name).cloned().unwrap_or_default();
    let (start, end) = row
        .offsets
        .map_or((String::new(), String::new()), |(s, e)| {
            (s.to_string(), e.to_string())
        });
    let cited = row.cited.join("; ");
    let note = claim.note.clone().unwrap_or_default();
    let sources = if row.sources.is_empty() {
        vec![Default::default()]
    } else {
        row.sources.clone()
    };
    for source in sources {
        push_row(
            out,
            [
                claim.id.clone(),
                guard(&row.text),
                guard(&attr("stance")),
                guard(&attr("credibility")),
                source.id,
                guard(&source.text),
                guard(&source.entity),
                guard(&source.reliability),
                guard(&cited),
                start.clone(),
                end.clone(),
                guard(&note),
                claim.status.to_string(),
            ],
        )?;
    }
    Ok(())
}

/// What the table leaves out: other attributes of claims, sources' attributes and notes,
/// relations it has no column for, and the annotations that are neither claims nor
/// their sources or publications.
fn dropped(store: &Store, options: &ExportOptions, rows: &[ClaimRow<'_>]) -> Vec<Dropped> {
    let mut dropped = Vec::new();
    let mut shown: HashSet<&str> = HashSet::new();
    for row in rows {
        shown.insert(&row.claim.id);
        let other: Vec<&str> = row
            .claim
            .attrs
            .keys()
            .map(String::as_str)
            .filter(|k| !CLAIM_COLUMNS.contains(k))
            .collect();
        if !other.is_empty() {
            dropped.push(Dropped::written_in_part(
                &row.claim.id,
                vec![Part::Attributes],
                &describe(row.claim),
                &format!(
                    "the claims table has no column for its attribute(s) {}",
                    other.join(", ")
                ),
            ));
        }
        for r in &row.relations {
            if matches!(r.kind.as_str(), "attributed_to" | "cites") {
                shown.insert(&r.to);
            }
        }
    }
    for r in store.relations() {
        let asked = |id: &str| {
            store
                .annotation(id)
                .is_none_or(|a| options.status.admits(a.status))
        };
        let from_claim = store
            .annotation(&r.from)
            .is_some_and(|a| a.kind == Kind::Claim);
        let shown_here = from_claim && matches!(r.kind.as_str(), "attributed_to" | "cites");
        if asked(&r.from) && asked(&r.to) && !shown_here {
            dropped.push(Dropped::not_written(
                &r.id,
                &describe_relation(r),
                "the claims table holds only the attributed_to and cites links of claims",
            ));
        }
    }
    for a in store.annotations() {
        if !options.status.admits(a.status) {
            continue;
        }
        if !shown.contains(a.id.as_str()) {
            dropped.push(Dropped::not_written(
                &a.id,
                &describe(a),
                "it is neither a claim nor the source or publication of one, which is all the claims table holds",
            ).with_loss("annotations that are neither claims nor the sources or publications of one, which is all the claims table holds"));
            continue;
        }
        if a.kind == Kind::Claim {
            continue;
        }
        let mut lost: Vec<&str> = a
            .attrs
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "reliability")
            .collect();
        if a.note.as_deref().is_some_and(|n| !n.is_empty()) {
            lost.push("note");
        }
        if !lost.is_empty() {
            dropped.push(Dropped::written_in_part(
                &a.id,
                vec![Part::Attributes],
                &describe(a),
                &format!(
                    "the claims table shows a source's text, entity and reliability, not its {}",
                    lost.join(", ")
                ),
            ));
        }
    }
    dropped
}

/// Writes one CSV row.
fn push_row(out: &mut dyn Write, cells: impl IntoIterator<Item = String>) -> io::Result<()> {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quote(&cell).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// A field as RFC 4180 writes it.
pub(crate) fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// A text cell made safe from formula injection.
pub(crate) fn guard(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-5 degrees"), "'-5 degrees");
        assert_eq!(guard("ok"), "ok");
    }
}
