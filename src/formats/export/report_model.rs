//! What the readable reports show, gathered once: the Markdown writer (`report.rs`)
//! and the HTML writer (`report_html.rs`) only render it.
//!
//! Content: a summary line, the article with every span marked, the claims table
//! (stance, credibility, sources with entity and reliability, cited publications, other
//! links, note), the sources, the canonical entities, relations that do not start at a
//! claim, notes and attributes of entity mentions, and orphans (under `--status all`).
//! A mark's tag is an entity type (`PERSON`), `claim a11: factual` or `source a10:
//! person`, with `(pending)` or `(rejected)` after a suggestion or a rejection; spans
//! with the same extent share one mark. The report holds everything asked for, so it
//! leaves nothing out.

use std::collections::HashSet;
use std::fmt::Write;

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Relation, Status};
use crate::domain::store::Store;

use super::claims::{claim_rows, source_cell, text_of};
use super::marks::{lay_out, marks, Mark, Step};
use super::ExportOptions;

/// A report, ready to render.
pub(super) struct Report<'a> {
    /// The article's file name.
    pub title: String,
    /// `62 annotations (40 entities, 12 claims, 10 sources), 24 relations, 31 canonical
    /// entities`.
    pub summary: String,
    /// The marks on the article, in order of start.
    pub marks: Vec<Mark<'a>>,
    /// Each mark's tag, by the mark's index.
    pub tags: Vec<String>,
    /// The article's text and the marks opening and closing along it.
    pub steps: Vec<Step>,
    /// What follows the article, in order.
    pub sections: Vec<Section>,
    /// Number of annotations shown (placed and not placed).
    pub annotations: usize,
    /// Number of relations asked for.
    pub relations: usize,
}

/// One section after the article.
pub(super) struct Section {
    /// Its heading.
    pub heading: &'static str,
    /// A sentence before its body, if any.
    pub intro: Option<&'static str>,
    /// What it holds.
    pub body: Body,
}

/// What a section holds.
pub(super) enum Body {
    /// A table.
    Table(Table),
    /// A bulleted list, one item a line.
    List(Vec<Vec<Fragment>>),
    /// One sentence instead of an empty table.
    Sentence(&'static str),
}

/// A table: headers and rows of text cells.
#[derive(Default)]
pub(super) struct Table {
    /// The column headers.
    pub columns: Vec<&'static str>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<String>>,
    /// A column that a narrow rendering may show together with the next one (see
    /// [`Table::join_header`] and [`Table::join_cells`]).
    pub joinable: Option<usize>,
    /// The column of running text (a claim's words) that gets most of the width.
    pub wide: Option<usize>,
    /// The first of the trailing columns (notes and the like) that a page shows on a
    /// line of its own under each row, to leave the width to the others.
    pub below: Option<usize>,
}

impl Table {
    /// The table without the columns that are empty in every row; the joinable pair, the
    /// wide column and the columns below follow their columns (a pair is no longer
    /// joinable when either of its columns goes).
    fn without_empty_columns(self) -> Table {
        let keep: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.iter().any(|row| !row[i].trim().is_empty()))
            .collect();
        let new_index = |old: usize| -> Option<usize> {
            keep[old].then(|| keep[..old].iter().filter(|k| **k).count())
        };
        let joinable = self
            .joinable
            .filter(|&at| keep[at] && keep[at + 1])
            .and_then(new_index);
        let wide = self.wide.and_then(new_index);
        let below = self
            .below
            .filter(|&at| keep[at..].iter().any(|k| *k))
            .map(|at| keep[..at].iter().filter(|k| **k).count());
        let pick = |items: Vec<String>| -> Vec<String> {
            items
                .into_iter()
                .zip(&keep)
                .filter_map(|(item, k)| k.then_some(item))
                .collect()
        };
        Table {
            columns: self
                .columns
                .into_iter()
                .zip(&keep)
                .filter_map(|(c, k)| k.then_some(c))
                .collect(),
            rows: self.rows.into_iter().map(pick).collect(),
            joinable,
            wide,
            below,
        }
    }

    /// The header of columns `at` and `at + 1` shown as one: `Entity and reliability`.
    pub fn join_header(&self, at: usize) -> String {
        format!(
            "{} and {}",
            self.columns[at],
            self.columns[at + 1].to_lowercase()
        )
    }

    /// Cells `at` and `at + 1` of `row` shown as one: `Ak-Bulun, reliability B`, the
    /// second one named by its header.
    pub fn join_cells(&self, row: &[String], at: usize) -> String {
        let name = self.columns[at + 1].to_lowercase();
        match (row[at].is_empty(), row[at + 1].is_empty()) {
            (false, false) => format!("{}, {name} {}", row[at], row[at + 1]),
            (false, true) => row[at].clone(),
            (true, false) => format!("{name} {}", row[at + 1]),
            (true, true) => String::new(),
        }
    }
}

/// A piece of a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fragment {
    /// Ids and the punctuation between the parts of an item: Markdown writes them as
    /// they are.
    Plain(String),
    /// A label or text from the article or the analyst: escaped for every format.
    Text(String),
}

impl<'a> Report<'a> {
    /// Gathers the report of `store` on `doc`.
    pub fn new(doc: &Document, store: &'a Store, options: &ExportOptions) -> Self {
        let asked: Vec<&Annotation> = store
            .annotations()
            .into_iter()
            .filter(|a| options.status.admits(a.status))
            .collect();
        let asked_ids: HashSet<&str> = asked.iter().map(|a| a.id.as_str()).collect();
        let is_asked = |id: &str| store.entity(id).is_some() || asked_ids.contains(id);
        let relations: Vec<&Relation> = store
            .relations()
            .into_iter()
            .filter(|r| is_asked(&r.from) && is_asked(&r.to))
            .collect();
        let is_placed = |a: &&Annotation| {
            a.status != Status::Orphaned
                && !a.spans.is_empty()
                && a.spans
                    .iter()
                    .all(|s| !s.is_empty() && doc.slice(*s).is_some())
        };
        let placed: Vec<&Annotation> = asked.iter().copied().filter(is_placed).collect();
        let orphans: Vec<&Annotation> = asked.iter().copied().filter(|a| !is_placed(a)).collect();
        let marks = marks(&placed);
        let steps = lay_out(&marks, doc.text().len());
        let entities = store.entities().len();
        let mut sections = vec![
            claims(doc, store, options),
            sources(doc, store, &asked),
            entities_section(store, &asked),
            other_relations(&asked, &relations),
            annotated(doc, &asked),
            not_placed(&orphans),
        ];
        sections.retain(|s| !s.is_empty());
        for section in &mut sections {
            if let Body::Table(table) = &mut section.body {
                *table = std::mem::take(table).without_empty_columns();
            }
        }
        Report {
            title: doc.file_name(),
            summary: summary(&asked, relations.len(), entities),
            tags: marks.iter().map(tag).collect(),
            marks,
            steps,
            sections,
            annotations: placed.len() + orphans.len(),
            relations: relations.len(),
        }
    }
}

impl Section {
    fn is_empty(&self) -> bool {
        match &self.body {
            Body::Table(table) => table.rows.is_empty(),
            Body::List(items) => items.is_empty(),
            Body::Sentence(_) => false,
        }
    }
}

fn summary(asked: &[&Annotation], relations: usize, entities: usize) -> String {
    let count = |k: Kind| asked.iter().filter(|a| a.kind == k).count();
    format!(
        "{} annotations ({} entities, {} claims, {} sources), {} relations, {} canonical entities",
        asked.len(),
        count(Kind::Entity),
        count(Kind::Claim),
        count(Kind::Source),
        relations,
        entities
    )
}

/// The tag shown on a mark: `PERSON`, `claim a11: factual`, `source a10: person`, with
/// the status of a non-accepted annotation.
fn tag(mark: &Mark<'_>) -> String {
    mark.annotations
        .iter()
        .map(|a| {
            let mut tag = match a.kind {
                Kind::Entity => a.label.to_string(),
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

/// An annotation's id, with its status when it is not accepted: `a11 (pending)`.
fn id_with_status(a: &Annotation, id: String) -> String {
    if a.status == Status::Accepted {
        id
    } else {
        format!("{id} ({})", a.status)
    }
}

/// A source as the claims table shows it: `text [id] (entity, reliability B)`.
fn describe_source(doc: &Document, store: &Store, id: &str) -> String {
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
fn attrs_text<'k>(
    attrs: impl IntoIterator<Item = (&'k String, &'k String)>,
    skip: &[&str],
) -> String {
    attrs
        .into_iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(columns: Vec<&'static str>, rows: Vec<Vec<String>>) -> Body {
    Body::Table(Table {
        columns,
        rows,
        joinable: None,
        wide: None,
        below: None,
    })
}

fn claims(doc: &Document, store: &Store, options: &ExportOptions) -> Section {
    let rows: Vec<Vec<String>> = claim_rows(doc, store, options.status)
        .into_iter()
        .map(|row| {
            let c = row.claim;
            let sources: Vec<String> = row
                .sources
                .iter()
                .map(|s| describe_source(doc, store, &s.id))
                .collect();
            vec![
                id_with_status(c, format!("{} {}", c.id, c.label)),
                row.text,
                c.attrs.get("stance").cloned().unwrap_or_default(),
                c.attrs.get("credibility").cloned().unwrap_or_default(),
                sources.join("; "),
                row.cited.join("; "),
                row.others.join("; "),
                attrs_text(&c.attrs, &["stance", "credibility"]),
                c.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let body = if rows.is_empty() {
        Body::Sentence("No claims.")
    } else {
        Body::Table(Table {
            columns: vec![
                "Claim",
                "Text",
                "Stance",
                "Credibility",
                "Sources",
                "Cited",
                "Other links",
                "Other attributes",
                "Note",
            ],
            rows,
            joinable: None,
            wide: Some(1),
            below: Some(6),
        })
    };
    Section {
        heading: "Claims",
        intro: None,
        body,
    }
}

fn sources(doc: &Document, store: &Store, asked: &[&Annotation]) -> Section {
    let rows = asked
        .iter()
        .filter(|a| a.kind == Kind::Source)
        .map(|s| {
            let cell = source_cell(doc, store, &s.id);
            vec![
                id_with_status(s, s.id.clone()),
                text_of(doc, s),
                s.label.to_string(),
                cell.entity,
                cell.reliability,
                attrs_text(&s.attrs, &["reliability"]),
                s.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Section {
        heading: "Sources",
        intro: None,
        body: Body::Table(Table {
            columns: vec![
                "Source",
                "Text",
                "Kind",
                "Entity",
                "Reliability",
                "Other attributes",
                "Note",
            ],
            rows,
            joinable: Some(3),
            wide: None,
            below: None,
        }),
    }
}

fn entities_section(store: &Store, asked: &[&Annotation]) -> Section {
    let rows = store
        .entities()
        .into_iter()
        .map(|e| {
            let mentions = asked
                .iter()
                .filter(|a| a.entity.as_deref() == Some(e.id.as_str()))
                .count();
            vec![
                e.id.clone(),
                e.name.clone(),
                e.label.clone(),
                mentions.to_string(),
                attrs_text(&e.attrs, &[]),
                e.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Section {
        heading: "Entities",
        intro: None,
        body: table(
            vec!["Entity", "Name", "Type", "Mentions", "Attributes", "Note"],
            rows,
        ),
    }
}

fn other_relations(asked: &[&Annotation], relations: &[&Relation]) -> Section {
    let claim_ids: HashSet<&str> = asked
        .iter()
        .filter(|a| a.kind == Kind::Claim)
        .map(|a| a.id.as_str())
        .collect();
    let items = relations
        .iter()
        .filter(|r| !claim_ids.contains(r.from.as_str()))
        .map(|r| {
            vec![
                Fragment::Plain(format!("{}: ", r.id)),
                Fragment::Text(r.kind.clone()),
                Fragment::Plain(format!(" {} → {}", r.from, r.to)),
            ]
        })
        .collect();
    Section {
        heading: "Other relations",
        intro: None,
        body: Body::List(items),
    }
}

fn annotated(doc: &Document, asked: &[&Annotation]) -> Section {
    let items = asked
        .iter()
        .filter(|a| a.kind == Kind::Entity)
        .filter(|a| !a.attrs.is_empty() || a.note.as_deref().is_some_and(|n| !n.is_empty()))
        .map(|a| {
            let mut parts = Vec::new();
            let attrs = attrs_text(&a.attrs, &[]);
            if !attrs.is_empty() {
                parts.push(attrs);
            }
            if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
                parts.push(format!("note: {note}"));
            }
            vec![
                Fragment::Plain(format!("{} ", a.id)),
                Fragment::Text(a.label.to_string()),
                Fragment::Plain(" “".to_string()),
                Fragment::Text(text_of(doc, a)),
                Fragment::Plain("”: ".to_string()),
                Fragment::Text(parts.join("; ")),
            ]
        })
        .collect();
    Section {
        heading: "Notes and attributes of entity mentions",
        intro: None,
        body: Body::List(items),
    }
}

fn not_placed(orphans: &[&Annotation]) -> Section {
    let items = orphans
        .iter()
        .map(|a| {
            vec![
                Fragment::Plain(format!("{} {} ", a.id, a.kind)),
                Fragment::Text(a.label.to_string()),
                Fragment::Plain(": “".to_string()),
                Fragment::Text(a.quote.exact.to_string()),
                Fragment::Plain("”".to_string()),
            ]
        })
        .collect();
    Section {
        heading: "Not placed",
        intro: Some(
            "These annotations have no place in the article (orphans left when it changed).",
        ),
        body: Body::List(items),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_joinable_columns_read_as_one() {
        let table = Table {
            columns: vec!["Source", "Entity", "Reliability"],
            rows: Vec::new(),
            joinable: Some(1),
            wide: None,
            below: None,
        };
        let row = |e: &str, r: &str| vec!["a1".to_string(), e.to_string(), r.to_string()];
        assert_eq!(table.join_header(1), "Entity and reliability");
        assert_eq!(table.join_cells(&row("AFP", "B"), 1), "AFP, reliability B");
        assert_eq!(table.join_cells(&row("AFP", ""), 1), "AFP");
        assert_eq!(table.join_cells(&row("", "B"), 1), "reliability B");
        assert_eq!(table.join_cells(&row("", ""), 1), "");
    }

    #[test]
    fn empty_columns_are_dropped_and_indices_follow() {
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let table = Table {
            columns: vec!["Id", "Empty", "Text", "Entity", "Reliability", "Note"],
            rows: vec![
                cells(&["a1", "", "words", "AFP", "B", ""]),
                cells(&["a2", " ", "more", "", "", ""]),
            ],
            joinable: Some(3),
            wide: Some(2),
            below: Some(4),
        }
        .without_empty_columns();
        assert_eq!(table.columns, ["Id", "Text", "Entity", "Reliability"]);
        assert_eq!(table.rows[1], cells(&["a2", "more", "", ""]));
        assert_eq!(
            (table.joinable, table.wide, table.below),
            (Some(2), Some(1), Some(3))
        );
        let unjoined = Table {
            columns: vec!["Entity", "Reliability"],
            rows: vec![cells(&["AFP", ""])],
            joinable: Some(0),
            wide: Some(1),
            below: Some(1),
        }
        .without_empty_columns();
        assert_eq!(
            (unjoined.joinable, unjoined.wide, unjoined.below),
            (None, None, None)
        );
    }
}
