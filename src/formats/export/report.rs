//! The readable report, as Markdown (`<stem>.report.md`); `report_html.rs` renders the
//! same content as a standalone HTML page.
//!
//! Content: a summary line, a legend, the article with every span marked, the claims
//! table (stance, credibility, sources with entity and reliability, cited publications,
//! other links, note), the sources, the canonical entities, relations that do not start
//! at a claim, notes and attributes of other annotations, and orphans (under
//! `--status all`). In Markdown a span is `[[text]]{tag}`: the tag is an entity type
//! (`PERSON`), `claim a11: factual` or `source a10: person`, with `pending` or
//! `rejected` after a suggestion or a rejection; spans with the same extent share one
//! mark, and a mark crossing another is closed and reopened (its tag shown at each
//! close). The article's Markdown characters are escaped; a single line break becomes a
//! hard break. The report holds everything asked for, so it leaves nothing out.

use std::fmt::Write;

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Entity, Kind, Relation, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::claims::{claim_rows, source_cell, text_of, ClaimRow};
use super::marks::{lay_out, marks, Mark, Step};
use super::{ExportFormat, ExportOptions, Exported};

/// What both reports show.
pub(super) struct ReportData<'a> {
    /// The article's file name.
    pub title: String,
    /// Annotations asked for that have a place, in reading order.
    pub placed: Vec<&'a Annotation>,
    /// Orphans asked for, and annotations whose spans do not fit the article.
    pub orphans: Vec<&'a Annotation>,
    /// The claims table.
    pub claims: Vec<ClaimRow<'a>>,
    /// Source annotations, in reading order.
    pub sources: Vec<&'a Annotation>,
    /// Canonical entities with their number of mentions asked for.
    pub entities: Vec<(&'a Entity, usize)>,
    /// Relations asked for that do not start at a claim.
    pub other_relations: Vec<&'a Relation>,
    /// Entity annotations with a note or attributes.
    pub annotated: Vec<&'a Annotation>,
    /// Number of relations asked for.
    pub relation_count: usize,
}

impl<'a> ReportData<'a> {
    /// Gathers the report of `store` on `doc`.
    pub fn new(doc: &Document, store: &'a Store, options: &ExportOptions) -> Self {
        let asked: Vec<&Annotation> = store
            .annotations()
            .into_iter()
            .filter(|a| options.status.admits(a.status))
            .collect();
        let asked_ids: std::collections::HashSet<&str> =
            asked.iter().map(|a| a.id.as_str()).collect();
        let is_asked = |id: &str| store.entity(id).is_some() || asked_ids.contains(id);
        let relations: Vec<&Relation> = store
            .relations()
            .into_iter()
            .filter(|r| is_asked(&r.from) && is_asked(&r.to))
            .collect();
        let claim_ids: Vec<&str> = asked
            .iter()
            .filter(|a| a.kind == Kind::Claim)
            .map(|a| a.id.as_str())
            .collect();
        let placed = |a: &&Annotation| {
            a.status != Status::Orphaned
                && !a.spans.is_empty()
                && a.spans
                    .iter()
                    .all(|s| !s.is_empty() && doc.slice(*s).is_some())
        };
        ReportData {
            title: doc.file_name(),
            placed: asked.iter().copied().filter(placed).collect(),
            orphans: asked.iter().copied().filter(|a| !placed(a)).collect(),
            claims: claim_rows(doc, store, options.status),
            sources: asked
                .iter()
                .copied()
                .filter(|a| a.kind == Kind::Source)
                .collect(),
            entities: store
                .entities()
                .into_iter()
                .map(|e| {
                    let n = asked
                        .iter()
                        .filter(|a| a.entity.as_deref() == Some(e.id.as_str()))
                        .count();
                    (e, n)
                })
                .collect(),
            other_relations: relations
                .iter()
                .copied()
                .filter(|r| !claim_ids.contains(&r.from.as_str()))
                .collect(),
            annotated: asked
                .iter()
                .copied()
                .filter(|a| a.kind == Kind::Entity)
                .filter(|a| !a.attrs.is_empty() || a.note.as_deref().is_some_and(|n| !n.is_empty()))
                .collect(),
            relation_count: relations.len(),
        }
    }

    /// `62 annotations (40 entities, 12 claims, 10 sources), 24 relations, 31 canonical
    /// entities`.
    pub fn summary(&self) -> String {
        let all: Vec<&Annotation> = self.placed.iter().chain(&self.orphans).copied().collect();
        let count = |k: Kind| all.iter().filter(|a| a.kind == k).count();
        format!(
            "{} annotations ({} entities, {} claims, {} sources), {} relations, {} canonical entities",
            all.len(),
            count(Kind::Entity),
            count(Kind::Claim),
            count(Kind::Source),
            self.relation_count,
            self.entities.len()
        )
    }
}

/// The tag shown on a mark: `PERSON`, `claim a11: factual`, `source a10: person`, with
/// the status of a non-accepted annotation.
pub(super) fn tag(mark: &Mark<'_>) -> String {
    mark.annotations
        .iter()
        .map(|a| {
            let mut tag = match a.kind {
                Kind::Entity => a.label.clone(),
                kind => format!("{kind} {}: {}", a.id, a.label),
            };
            if a.status != Status::Accepted {
                let _ = write!(tag, " ({})", a.status);
            }
            tag
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A source as the reports show it: `text (entity, reliability B)`.
pub(super) fn describe_source(doc: &Document, store: &Store, id: &str) -> String {
    let cell = source_cell(doc, store, id);
    let mut extra = Vec::new();
    if !cell.entity.is_empty() && cell.entity != cell.text {
        extra.push(cell.entity.clone());
    }
    if !cell.reliability.is_empty() {
        extra.push(format!("reliability {}", cell.reliability));
    }
    if extra.is_empty() {
        format!("{} [{}]", cell.text, cell.id)
    } else {
        format!("{} [{}] ({})", cell.text, cell.id, extra.join(", "))
    }
}

/// Attributes as `name: value, …`, leaving out `skip`.
pub(super) fn attrs_text(a: &Annotation, skip: &[&str]) -> String {
    a.attrs
        .iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Exports `<stem>.report.md`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    _schema: &Schema,
    options: &ExportOptions,
    stem: &str,
) -> Exported {
    let data = ReportData::new(doc, store, options);
    let mut md = String::new();
    let _ = writeln!(md, "# Annotations of {}\n", inline(&data.title));
    let _ = writeln!(md, "{}.\n", data.summary());
    md.push_str(
        "**Legend.** `[[text]]{tag}` marks a span. The tag is an entity type (`PERSON`), \
         `claim a11: factual` or `source a10: person`; `(pending)` or `(rejected)` follows \
         a suggestion or a rejection. Spans with the same extent share one mark.\n\n",
    );
    md.push_str("## Article\n\n");
    article(&mut md, doc, &data.placed);
    claims_section(&mut md, doc, store, &data);
    sources_section(&mut md, doc, store, &data);
    rest_sections(&mut md, doc, &data);
    Exported {
        files: vec![(ExportFormat::ReportMarkdown.file_names(stem).remove(0), md)],
        annotations: data.placed.len() + data.orphans.len(),
        relations: data.relation_count,
        dropped: Vec::new(),
    }
}

fn article(md: &mut String, doc: &Document, placed: &[&Annotation]) {
    let text = doc.text();
    let marks = marks(placed);
    let mut line_start = true;
    for step in lay_out(&marks, text.len()) {
        match step {
            Step::Open(_) => {
                md.push_str("[[");
                line_start = false;
            }
            Step::Close(i, _) => {
                let _ = write!(md, "]]{{{}}}", inline(&tag(&marks[i])));
            }
            Step::Text(from, to) => escape_article(md, text, from, to, &mut line_start),
        }
    }
    md.push_str("\n\n");
}

/// The article's text from `from` to `to`, Markdown characters escaped, a single line
/// break made a hard break, a BOM and carriage returns left out.
fn escape_article(md: &mut String, text: &str, from: usize, to: usize, line_start: &mut bool) {
    for (i, c) in text[from..to].char_indices() {
        let at = from + i;
        match c {
            '\u{feff}' | '\r' => continue,
            '\n' => {
                let before = text[..at].trim_end_matches('\r').ends_with('\n');
                let after = text[at + 1..].starts_with(['\n', '\r']);
                let edge = at == 0 || at + 1 == text.len();
                if !before && !after && !edge {
                    md.push('\\');
                }
                md.push('\n');
                *line_start = true;
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' => md.push('\\'),
            '#' | '+' | '-' | '=' if *line_start => md.push('\\'),
            _ => {}
        }
        md.push(c);
        *line_start = false;
    }
}

fn claims_section(md: &mut String, doc: &Document, store: &Store, data: &ReportData<'_>) {
    md.push_str("## Claims\n\n");
    if data.claims.is_empty() {
        md.push_str("No claims.\n\n");
        return;
    }
    md.push_str("| Claim | Text | Stance | Credibility | Sources | Cited | Other links | Other attributes | Note |\n");
    md.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for row in &data.claims {
        let c = row.claim;
        let sources: Vec<String> = row
            .sources
            .iter()
            .map(|s| describe_source(doc, store, &s.id))
            .collect();
        let mut id = format!("{} {}", c.id, c.label);
        if c.status != Status::Accepted {
            let _ = write!(id, " ({})", c.status);
        }
        let cells = [
            id,
            row.text.clone(),
            c.attrs.get("stance").cloned().unwrap_or_default(),
            c.attrs.get("credibility").cloned().unwrap_or_default(),
            sources.join("; "),
            row.cited.join("; "),
            row.others.join("; "),
            attrs_text(c, &["stance", "credibility"]),
            c.note.clone().unwrap_or_default(),
        ];
        table_row(md, &cells);
    }
    md.push('\n');
}

fn sources_section(md: &mut String, doc: &Document, store: &Store, data: &ReportData<'_>) {
    if data.sources.is_empty() {
        return;
    }
    md.push_str("## Sources\n\n| Source | Text | Kind | Entity and reliability | Other attributes | Note |\n|---|---|---|---|---|---|\n");
    for s in &data.sources {
        let cell = source_cell(doc, store, &s.id);
        let mut id = s.id.clone();
        if s.status != Status::Accepted {
            let _ = write!(id, " ({})", s.status);
        }
        let entity = match (cell.entity.is_empty(), cell.reliability.is_empty()) {
            (false, false) => format!("{}, reliability {}", cell.entity, cell.reliability),
            (false, true) => cell.entity.clone(),
            (true, false) => format!("reliability {}", cell.reliability),
            (true, true) => String::new(),
        };
        let cells = [
            id,
            text_of(doc, s),
            s.label.clone(),
            entity,
            attrs_text(s, &["reliability"]),
            s.note.clone().unwrap_or_default(),
        ];
        table_row(md, &cells);
    }
    md.push('\n');
}

fn rest_sections(md: &mut String, doc: &Document, data: &ReportData<'_>) {
    if !data.entities.is_empty() {
        md.push_str("## Entities\n\n| Entity | Name | Type | Mentions | Attributes | Note |\n|---|---|---|---|---|---|\n");
        for (e, n) in &data.entities {
            let attrs = e
                .attrs
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let cells = [
                e.id.clone(),
                e.name.clone(),
                e.label.clone(),
                n.to_string(),
                attrs,
                e.note.clone().unwrap_or_default(),
            ];
            table_row(md, &cells);
        }
        md.push('\n');
    }
    if !data.other_relations.is_empty() {
        md.push_str("## Other relations\n\n");
        for r in &data.other_relations {
            let _ = writeln!(md, "- {}: {} {} → {}", r.id, inline(&r.kind), r.from, r.to);
        }
        md.push('\n');
    }
    if !data.annotated.is_empty() {
        md.push_str("## Notes and attributes of entity mentions\n\n");
        for a in &data.annotated {
            let mut parts = Vec::new();
            let attrs = attrs_text(a, &[]);
            if !attrs.is_empty() {
                parts.push(attrs);
            }
            if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
                parts.push(format!("note: {note}"));
            }
            let _ = writeln!(
                md,
                "- {} {} “{}”: {}",
                a.id,
                inline(&a.label),
                inline(&text_of(doc, a)),
                inline(&parts.join("; "))
            );
        }
        md.push('\n');
    }
    if !data.orphans.is_empty() {
        md.push_str("## Not placed\n\nThese annotations have no place in the article (orphans left when it changed).\n\n");
        for a in &data.orphans {
            let _ = writeln!(
                md,
                "- {} {} {}: “{}”",
                a.id,
                a.kind,
                inline(&a.label),
                inline(&a.quote.exact)
            );
        }
        md.push('\n');
    }
}

/// One Markdown table row.
fn table_row(md: &mut String, cells: &[String]) {
    md.push('|');
    for cell in cells {
        let _ = write!(md, " {} |", inline(cell));
    }
    md.push('\n');
}

/// Text safe inside a Markdown line or table cell: special characters escaped, line
/// breaks as `<br>`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\u{feff}' => {}
            '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_escapes_markdown_and_breaks() {
        assert_eq!(inline("a|b *c*\nd"), "a\\|b \\*c\\*<br>d");
    }

    #[test]
    fn article_escapes_and_keeps_single_line_breaks() {
        let mut md = String::new();
        let text = "# x_y\nnext\n\n- item";
        let mut start = true;
        escape_article(&mut md, text, 0, text.len(), &mut start);
        assert_eq!(md, "\\# x\\_y\\\nnext\n\n\\- item");
    }
}
