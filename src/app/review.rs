//! Review of pending suggestions, and of annotations re-anchoring moved to another
//! occurrence of their words: the order they come in, the decisions made, progress.

use std::collections::HashSet;

use crate::domain::anchor::is_marked_moved;
use crate::domain::model::{Annotation, Status};
use crate::domain::store::Store;

/// Whether `a` is in the review queue: a pending suggestion, or an accepted annotation
/// moved to another occurrence of its words when the article changed that the analyst
/// has not accepted or rejected since. (A rejected or orphaned one keeps its mark but
/// is not listed.)
pub fn awaits_review(a: &Annotation) -> bool {
    match a.status {
        Status::Pending => true,
        Status::Accepted => is_marked_moved(a),
        Status::Rejected | Status::Orphaned => false,
    }
}

/// Whether `a` is a suggestion the analyst rejected (listed in the Review tab when
/// rejected suggestions are shown, so that it can be accepted after all).
pub fn is_rejected_suggestion(a: &Annotation) -> bool {
    a.status == Status::Rejected
}

/// In which order suggestions come up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOrder {
    /// As they appear in the article.
    Reading,
    /// Highest score first.
    Score,
}

/// Review progress of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Order of the queue.
    pub order: ReviewOrder,
    /// Suggestions skipped this session (they come last).
    pub skipped: Skipped,
    /// The suggestion being reviewed.
    pub current: Option<String>,
    /// Accept-all waiting for the analyst to confirm it.
    pub accept_all_asked: Option<AcceptAllAsked>,
}

/// An accept-all that waits for confirmation: the suggestions have no scores to choose
/// by, so the analyst is asked first.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptAllAsked {
    /// The suggestions it would accept.
    pub ids: Vec<String>,
    /// The suggestion it started from.
    pub pivot: String,
}

/// The suggestions skipped this session, in the order skipped (so that a list kept in
/// queue order can move those skipped since it was last brought up to date).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skipped {
    order: Vec<String>,
    set: HashSet<String>,
}

impl Skipped {
    /// Adds `id` (a second skip changes nothing).
    pub fn insert(&mut self, id: String) {
        if self.set.insert(id.clone()) {
            self.order.push(id);
        }
    }

    /// Whether `id` was skipped.
    pub fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }

    /// How many were skipped.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Those skipped after the first `count`.
    pub fn after(&self, count: usize) -> &[String] {
        self.order.get(count..).unwrap_or_default()
    }
}

impl Default for Review {
    fn default() -> Self {
        Review {
            order: ReviewOrder::Reading,
            skipped: Skipped::default(),
            current: None,
            accept_all_asked: None,
        }
    }
}

impl Review {
    /// What awaits review (see [`awaits_review`]) in queue order: unskipped first, in the
    /// chosen order.
    pub fn queue<'a>(&self, store: &'a Store) -> Vec<&'a Annotation> {
        let mut pending: Vec<&Annotation> = store
            .annotations()
            .into_iter()
            .filter(|a| awaits_review(a))
            .collect();
        if self.order == ReviewOrder::Score {
            pending.sort_by(|a, b| {
                b.score()
                    .unwrap_or(0.0)
                    .total_cmp(&a.score().unwrap_or(0.0))
            });
        }
        pending.sort_by_key(|a| self.skipped.contains(&a.id));
        pending
    }

    /// The next suggestion to review after `after` (or the first), skipping `after`.
    pub fn next_after(&self, store: &Store, after: Option<&str>) -> Option<String> {
        let queue = self.queue(store);
        let position = after.and_then(|id| queue.iter().position(|a| a.id == id));
        let rest = match position {
            Some(p) => queue[p + 1..].iter().chain(queue[..p].iter()).next(),
            None => queue.first(),
        };
        rest.map(|a| a.id.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::anchor::mark_moved;
    use crate::domain::model::Kind;

    fn annotation(status: Status, moved: bool) -> Annotation {
        let mut a = Annotation::new("a1", Kind::Entity, "PERSON", Vec::new());
        a.status = status;
        if moved {
            mark_moved(&mut a);
        }
        a
    }

    #[test]
    fn pending_and_moved_accepted_annotations_await_review() {
        assert!(awaits_review(&annotation(Status::Pending, false)));
        assert!(awaits_review(&annotation(Status::Pending, true)));
        assert!(awaits_review(&annotation(Status::Accepted, true)));
        assert!(!awaits_review(&annotation(Status::Accepted, false)));
        assert!(!awaits_review(&annotation(Status::Rejected, true)));
        assert!(!awaits_review(&annotation(Status::Orphaned, true)));
    }
}
