//! Turns suggestions into pending annotations in a store: origin `scholia-rules` with the
//! rule's name and score, the rules' links as relations, as one undoable step. What the
//! store already holds (same kind, label and spans, whatever its status — a rejected
//! suggestion is not suggested again) is not added twice.

use std::sync::Arc;

use crate::domain::anchor::quote_for;
use crate::domain::document::Document;
use crate::domain::merge::{Batch, BatchRelation, Known};
use crate::domain::model::{intern, Annotation, Origin, Status};
use crate::domain::store::Store;

use super::name::Name;
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

/// Adds `suggestions` (byte spans on `doc`) to `store` as pending annotations. They are
/// taken, not copied: each suggestion's spans become its annotation's list, and its label,
/// rule name and attributes become the annotation's own strings here, once (a value
/// the rules share among suggestions is copied for each annotation only now). A
/// suggestion the store holds already (extracting again) takes the store's annotation
/// ([`Known`]) instead of being held beside it until the merge. Labels and quoted text
/// are interned ([`intern::scope`]): one string for all the suggestions that give the
/// same.
pub fn add_to_store(doc: &Document, store: &mut Store, suggestions: Vec<Suggestion>) -> Added {
    intern::scope(|| add_in_scope(doc, store, suggestions))
}

/// [`add_to_store`], inside its interning scope.
fn add_in_scope(doc: &Document, store: &mut Store, suggestions: Vec<Suggestion>) -> Added {
    let known = Known::of(store);
    let mut batch = Batch::with_capacity(suggestions.len());
    let mut origins = RuleOrigins::default();
    for (from, s) in suggestions.into_iter().enumerate() {
        batch
            .relations
            .extend(s.links.into_iter().map(|link| BatchRelation {
                from,
                to: link.to,
                kind: link.kind.into(),
                extra: Default::default(),
            }));
        let mut a = Annotation::new("", s.kind, s.label, s.spans.into_vec());
        a.quote = quote_for(doc, &a.spans);
        a.status = Status::Pending;
        a.origin = origins.of(s.rule, s.score);
        a.attrs = s
            .attrs
            .into_iter()
            .map(|(key, value)| (key.into(), value.into()))
            .collect();
        batch.annotations.push(known.share(a));
    }
    drop(known);
    let report = store.merge(batch);
    Added {
        annotations: report.added,
        present: report.present,
        relations: report.relations,
    }
}

/// The origins of the rules' suggestions, one per rule and score, made once each: a
/// rule's thousands of suggestions share one instead of each making and dropping its
/// own before [`Origin::shared`] finds the shared one.
#[derive(Default)]
struct RuleOrigins(Vec<(Name, f64, Arc<Origin>)>);

impl RuleOrigins {
    /// The origin of a suggestion of `rule` with `score`.
    fn of(&mut self, rule: Name, score: f64) -> Arc<Origin> {
        let same =
            |(r, s, _): &&(Name, f64, Arc<Origin>)| *r == rule && s.to_bits() == score.to_bits();
        if let Some((_, _, origin)) = self.0.iter().find(same) {
            return Arc::clone(origin);
        }
        let origin = Origin {
            rule: Some(rule.as_str().to_string()),
            score: Some(score),
            ..Origin::tool(ORIGIN)
        }
        .shared();
        self.0.push((rule, score, Arc::clone(&origin)));
        origin
    }
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
        let first = add_to_store(&doc, &mut store, suggestions.clone());
        assert!(first.annotations > 0 && first.relations > 0, "{first:?}");
        assert!(store
            .annotations()
            .iter()
            .all(|a| a.status == Status::Pending
                && a.origin.by == ORIGIN
                && a.origin.rule.is_some()));
        let again = add_to_store(&doc, &mut store, suggestions.clone());
        assert_eq!((again.annotations, again.relations), (0, 0));
        assert_eq!(again.present, suggestions.len());
        assert!(
            store.undo().is_some(),
            "the first call is one undo step; the second added none"
        );
        assert_eq!(store.annotation_count(), 0);
        assert!(!store.can_undo());
    }

    #[test]
    fn suggestions_with_one_label_or_one_text_hold_it_once() {
        let text = "AFP said so. AFP said more.";
        let doc = Document::from_text(Path::new("a.txt"), text.to_string());
        let mut store = Store::new();
        add_to_store(&doc, &mut store, extract(text, &RuleSet::default_rules()));
        let all = store.annotations();
        let afp: Vec<&Annotation> = all
            .iter()
            .copied()
            .filter(|a| a.quote.exact == "AFP")
            .collect();
        let [first, second] = afp[..] else {
            panic!("AFP found twice: {all:?}")
        };
        assert_eq!(first.label, second.label);
        assert!(first.label.shares_with(&second.label));
        assert!(first.quote.exact.shares_with(&second.quote.exact));
    }
}
