//! The counts of the tab bar and the status line, as a running tally: worked out once
//! from every annotation, then moved by each edit (the annotation as it was taken out,
//! as it is put in), so that a decision costs what it changed.

use std::collections::HashMap;

use crate::domain::model::{Annotation, Kind, Status};
use crate::domain::store::Store;

use super::panel_lists::Counts;
use super::review::awaits_review;

/// The counts, and how many annotations are in each conflict set (a set counts while
/// one annotation is in it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    counts: Counts,
    conflict_sets: HashMap<String, usize>,
    /// Whether rejected suggestions count as shown.
    show_rejected: bool,
}

impl Tally {
    /// The tally of every annotation in `store`.
    pub fn of(store: &Store, show_rejected: bool) -> Tally {
        let mut tally = Tally {
            show_rejected,
            ..Tally::default()
        };
        for a in store.iter_annotations() {
            tally.add(a);
        }
        tally
    }

    /// The counts.
    pub fn counts(&self) -> Counts {
        Counts {
            conflicts: self.conflict_sets.len(),
            ..self.counts
        }
    }

    /// Brings the tally up to date with the edits made to `store` after revision
    /// `since`; `false` (the tally then unusable) when the store no longer knows them.
    pub fn catch_up(&mut self, store: &Store, since: u64) -> bool {
        let Some(changes) = store.annotation_changes_since(since) else {
            return false;
        };
        for change in changes {
            if let Some(before) = &change.before {
                self.remove(before);
            }
            if let Some(after) = &change.after {
                self.add(after);
            }
        }
        true
    }

    fn add(&mut self, a: &Annotation) {
        if let Some(conflict) = &a.conflict {
            *self.conflict_sets.entry(conflict.set.clone()).or_default() += 1;
        }
        self.count(a, |n| *n += 1);
    }

    fn remove(&mut self, a: &Annotation) {
        if let Some(conflict) = &a.conflict {
            if let Some(n) = self.conflict_sets.get_mut(&conflict.set) {
                *n -= 1;
                if *n == 0 {
                    self.conflict_sets.remove(&conflict.set);
                }
            }
        }
        self.count(a, |n| *n = n.saturating_sub(1));
    }

    /// Moves each count `a` is in.
    fn count(&mut self, a: &Annotation, step: impl Fn(&mut usize)) {
        let counts = &mut self.counts;
        let shown = match a.status {
            Status::Accepted | Status::Pending => true,
            Status::Rejected => self.show_rejected,
            Status::Orphaned => false,
        };
        if shown {
            step(match a.kind {
                Kind::Claim => &mut counts.claims,
                Kind::Source => &mut counts.sources,
                Kind::Entity => &mut counts.entities,
            });
        }
        let waits = awaits_review(a);
        if waits {
            step(&mut counts.pending);
        }
        if a.status == Status::Orphaned {
            step(&mut counts.orphans);
        }
        // Suggestions (annotations not made by hand) and what awaits review.
        if !a.origin.is_manual() || waits {
            step(&mut counts.reviewable);
            if !waits {
                step(&mut counts.decided);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Span;

    fn suggestion(id: &str, status: Status) -> Annotation {
        let mut a = Annotation::new(id, Kind::Entity, "PERSON", vec![Span::new(0, 1)]);
        a.status = status;
        a.origin_mut().by = "spacy".to_string();
        a
    }

    #[test]
    fn a_tally_kept_up_to_date_by_edits_is_the_tally_made_afresh() {
        for show_rejected in [false, true] {
            let mut store = Store::new();
            store.insert_annotation(suggestion("a1", Status::Pending));
            store.insert_annotation(suggestion("a2", Status::Pending));
            let mut tally = Tally::of(&store, show_rejected);
            let mut since = store.revision();
            let mut check = |store: &Store, tally: &mut Tally| {
                assert!(tally.catch_up(store, since));
                since = store.revision();
                assert_eq!(*tally, Tally::of(store, show_rejected));
            };
            store.replace_annotation(suggestion("a1", Status::Accepted));
            store.replace_annotation(suggestion("a2", Status::Rejected));
            check(&store, &mut tally);
            assert_eq!(tally.counts().decided, 2);
            store.undo();
            check(&store, &mut tally);
            store.remove_annotation("a1");
            check(&store, &mut tally);
            assert_eq!(tally.counts().pending, 1);
        }
    }
}
