//! Review of pending suggestions: the order they come in, the decisions made, progress.

use std::collections::HashSet;

use crate::domain::model::{Annotation, Status};
use crate::domain::store::Store;

/// In which order suggestions come up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOrder {
    /// As they appear in the article.
    Reading,
    /// Highest score first.
    Score,
}

/// One decision (on one suggestion, or on several at once with accept-all), kept so that
/// Backspace can take it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The suggestions as they were before the decision.
    pub before: Vec<Annotation>,
}

/// Review progress of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Order of the queue.
    pub order: ReviewOrder,
    /// Decisions in the order they were made.
    pub decisions: Vec<Decision>,
    /// Suggestions skipped this session (they come last).
    pub skipped: HashSet<String>,
    /// The suggestion being reviewed.
    pub current: Option<String>,
}

impl Default for Review {
    fn default() -> Self {
        Review {
            order: ReviewOrder::Reading,
            decisions: Vec::new(),
            skipped: HashSet::new(),
            current: None,
        }
    }
}

impl Review {
    /// Pending suggestions in queue order: unskipped first, in the chosen order.
    pub fn queue<'a>(&self, store: &'a Store) -> Vec<&'a Annotation> {
        let mut pending: Vec<&Annotation> = store
            .annotations()
            .into_iter()
            .filter(|a| a.status == Status::Pending)
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

    /// (decided, total) among suggestions: annotations not made by hand.
    pub fn progress(store: &Store) -> (usize, usize) {
        let mut decided = 0;
        let mut total = 0;
        for a in store.iter_annotations() {
            if a.origin.is_manual() && a.status != Status::Pending {
                continue;
            }
            total += 1;
            if a.status != Status::Pending {
                decided += 1;
            }
        }
        (decided, total)
    }
}
