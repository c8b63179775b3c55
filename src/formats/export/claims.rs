//! The claims table shared by the CSV export, the reports and the workbench's claims
//! table: each claim with its sources (`attributed_to`), the publications it cites
//! (`cites`) and its other links.

use crate::domain::document::Document;
use crate::domain::model::{relation_types, Annotation, Kind, Relation};
use crate::domain::store::Store;

use super::StatusFilter;

/// One claim and what it is linked to.
#[derive(Debug)]
pub struct ClaimRow<'a> {
    /// The claim.
    pub claim: &'a Annotation,
    /// Its text: its pieces joined by ` … `; its quote for an orphan.
    pub text: String,
    /// Its extent in code points, `None` for an orphan.
    pub offsets: Option<(usize, usize)>,
    /// Who makes it.
    pub sources: Vec<SourceCell>,
    /// What it cites.
    pub cited: Vec<String>,
    /// Its other relations, as `type id`.
    pub others: Vec<String>,
    /// The relations shown in this row.
    pub relations: Vec<&'a Relation>,
}

/// A claim's source as the table shows it.
#[derive(Debug, Clone, Default)]
pub struct SourceCell {
    /// The source annotation's id (or the entity's, when the claim points at one).
    pub id: String,
    /// The source's text in the article.
    pub text: String,
    /// The name of its canonical entity.
    pub entity: String,
    /// Its Admiralty reliability: its entity's, else its own.
    pub reliability: String,
}

/// The claims asked for by `filter`, in reading order, with their links to what is
/// asked for too.
pub fn claim_rows<'a>(doc: &Document, store: &'a Store, filter: StatusFilter) -> Vec<ClaimRow<'a>> {
    let asked = |id: &str| match store.annotation(id) {
        Some(a) => filter.admits(a.status),
        None => store.entity(id).is_some(),
    };
    store
        .annotations()
        .into_iter()
        .filter(|a| a.kind == Kind::Claim && filter.admits(a.status))
        .map(|claim| {
            let mut row = ClaimRow {
                claim,
                text: text_of(doc, claim),
                offsets: extent_chars(doc, claim),
                sources: Vec::new(),
                cited: Vec::new(),
                others: Vec::new(),
                relations: Vec::new(),
            };
            for r in store.relations_from(&claim.id) {
                if !asked(&r.to) {
                    continue;
                }
                match r.kind.as_str() {
                    relation_types::ATTRIBUTED_TO => {
                        row.sources.push(source_cell(doc, store, &r.to))
                    }
                    relation_types::CITES => row.cited.push(source_cell(doc, store, &r.to).text),
                    _ => row.others.push(format!("{} {}", r.kind, r.to)),
                }
                row.relations.push(r);
            }
            row
        })
        .collect()
}

/// The source `id` (an annotation or an entity) as a table cell.
pub fn source_cell(doc: &Document, store: &Store, id: &str) -> SourceCell {
    if let Some(a) = store.annotation(id) {
        let entity = a.entity.as_deref().and_then(|e| store.entity(e));
        let reliability = entity
            .and_then(|e| e.attrs.get("reliability"))
            .or_else(|| a.attrs.get("reliability"))
            .cloned()
            .unwrap_or_default();
        SourceCell {
            id: a.id.clone(),
            text: text_of(doc, a),
            entity: entity.map(|e| e.name.clone()).unwrap_or_default(),
            reliability,
        }
    } else if let Some(e) = store.entity(id) {
        SourceCell {
            id: e.id.clone(),
            text: e.name.clone(),
            entity: e.name.clone(),
            reliability: e.attrs.get("reliability").cloned().unwrap_or_default(),
        }
    } else {
        SourceCell {
            id: id.to_string(),
            ..SourceCell::default()
        }
    }
}

/// An annotation's text: its pieces joined by ` … `, or its quote when it has none.
pub fn text_of(doc: &Document, a: &Annotation) -> String {
    let pieces: Vec<&str> = a.spans.iter().filter_map(|s| doc.slice(*s)).collect();
    if pieces.is_empty() {
        a.quote.exact.to_string()
    } else {
        pieces.join(" … ")
    }
}

/// An annotation's extent in code points, when it has a place.
pub fn extent_chars(doc: &Document, a: &Annotation) -> Option<(usize, usize)> {
    if a.spans.is_empty() {
        return None;
    }
    let extent = doc.span_to_chars(a.extent())?;
    Some((extent.start, extent.end))
}
