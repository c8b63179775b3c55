//! Turns suggestions into pending annotations in a store: origin `scholia-rules` with the
//! rule's name and score, the rules' links as relations, as one undoable step. What the
//! store already holds (same kind, label and spans, whatever its status — a rejected
//! suggestion is not suggested again) is not added twice.

use std::collections::{HashMap, HashSet};

use crate::domain::anchor::quote_for;
use crate::domain::clock;
use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Origin, Relation, Span, Status};
use crate::domain::store::Store;

use super::Suggestion;

/// The origin tool of rule suggestions.
pub const ORIGIN: &str = "scholia-rules";

/// What adding suggestions did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Suggestions added as pending annotations.
    pub annotations: usize,
    /// Suggestions already in the store.
    pub present: usize,
    /// Relations added between them.
    pub relations: usize,
}

/// Adds `suggestions` (byte spans on `doc`) to `store` as pending annotations.
pub fn add_to_store(doc: &Document, store: &mut Store, suggestions: &[Suggestion]) -> Added {
    let mut added = Added::default();
    let mut present: HashMap<(Kind, String, Vec<Span>), String> = store
        .annotations()
        .into_iter()
        .map(|a| ((a.kind, a.label.clone(), a.spans.clone()), a.id.clone()))
        .collect();
    let mut links: HashSet<(String, String, String)> = store
        .relations()
        .into_iter()
        .map(|r| (r.from.clone(), r.to.clone(), r.kind.clone()))
        .collect();
    let mut annotation_ids = store.annotation_ids();
    let mut relation_ids = store.relation_ids();
    let now = clock::now();
    store.group(|store| {
        let mut ids = Vec::with_capacity(suggestions.len());
        for s in suggestions {
            let key = (s.kind, s.label.clone(), s.spans.clone());
            if let Some(id) = present.get(&key) {
                added.present += 1;
                ids.push(id.clone());
                continue;
            }
            let mut a = Annotation::new(
                annotation_ids.next_id(),
                s.kind,
                s.label.clone(),
                s.spans.clone(),
            );
            a.quote = quote_for(doc, &a.spans);
            a.status = Status::Pending;
            a.origin = Origin {
                rule: Some(s.rule.clone()),
                score: Some(s.score),
                ..Origin::tool(ORIGIN)
            };
            a.attrs = s.attrs.clone();
            a.created = Some(now.clone());
            let id = store.insert_annotation(a);
            present.insert(key, id.clone());
            added.annotations += 1;
            ids.push(id);
        }
        for (from, s) in ids.iter().zip(suggestions) {
            for link in &s.links {
                let Some(to) = ids.get(link.to) else { continue };
                if !links.insert((from.clone(), to.clone(), link.kind.clone())) {
                    continue;
                }
                store.insert_relation(Relation::new(
                    relation_ids.next_id(),
                    link.kind.clone(),
                    from.clone(),
                    to.clone(),
                ));
                added.relations += 1;
            }
        }
    });
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{extract, RuleSet};
    use std::path::Path;

    #[test]
    fn suggestions_become_pending_once_with_their_links() {
        let text =
            "Col. Timur Saidov told AFP that the border was closed (Vremya Vostoka, March 4).";
        let doc = Document::from_text(Path::new("a.txt"), text.to_string());
        let suggestions = extract(text, &RuleSet::default_rules());
        let mut store = Store::new();
        let first = add_to_store(&doc, &mut store, &suggestions);
        assert!(first.annotations > 0 && first.relations > 0, "{first:?}");
        assert!(store
            .annotations()
            .iter()
            .all(|a| a.status == Status::Pending
                && a.origin.by == ORIGIN
                && a.origin.rule.is_some()));
        let again = add_to_store(&doc, &mut store, &suggestions);
        assert_eq!((again.annotations, again.relations), (0, 0));
        assert_eq!(again.present, suggestions.len());
        assert!(
            store.undo(),
            "the first call is one undo step; the second added none"
        );
        assert_eq!(store.annotation_count(), 0);
        assert!(!store.can_undo());
    }
}
