//! What the store's edits changed, by revision: so that an index kept beside the store
//! can catch up with the last few edits instead of walking every item again.

use std::sync::Arc;

/// How many changes are kept; older ones are forgotten (an index that old is built
/// again).
const KEPT: usize = 4096;

/// One item one edit changed: its id, and the item before and after the edit (shared
/// with the store, not copied).
#[derive(Debug)]
pub struct Change<T> {
    /// The revision the edit made.
    pub revision: u64,
    /// The item's id.
    pub id: String,
    /// The item as it was (`None`: it did not exist).
    pub before: Option<Arc<T>>,
    /// The item as it became (`None`: it was removed).
    pub after: Option<Arc<T>>,
}

/// The items edits changed, with the revision each edit made.
#[derive(Debug)]
pub(super) struct ChangeLog<T> {
    /// Every change after this revision is in `changes`.
    complete_after: u64,
    /// By revision (one revision per edit).
    changes: Vec<Change<T>>,
}

impl<T> Default for ChangeLog<T> {
    fn default() -> Self {
        ChangeLog {
            complete_after: 0,
            changes: Vec::new(),
        }
    }
}

impl<T> ChangeLog<T> {
    /// Notes that the edit making `revision` changed item `id` from `before` to `after`.
    pub(super) fn record(
        &mut self,
        revision: u64,
        id: &str,
        before: Option<Arc<T>>,
        after: Option<Arc<T>>,
    ) {
        if self.changes.len() == KEPT {
            let forgotten = KEPT / 2;
            self.complete_after = self.changes[forgotten - 1].revision;
            self.changes.drain(..forgotten);
        }
        self.changes.push(Change {
            revision,
            id: id.to_string(),
            before,
            after,
        });
    }

    /// Forgets every change up to `revision` (edits made without being logged).
    pub(super) fn forget_up_to(&mut self, revision: u64) {
        self.changes.clear();
        self.complete_after = revision;
    }

    /// The changes made after revision `since`, in the order made; `None` when some of
    /// them were forgotten.
    pub(super) fn since(&self, since: u64) -> Option<&[Change<T>]> {
        if since < self.complete_after {
            return None;
        }
        let first = self
            .changes
            .partition_point(|change| change.revision <= since);
        Some(&self.changes[first..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_after_a_revision_are_listed_until_forgotten() {
        let mut log = ChangeLog::<u8>::default();
        log.record(1, "a1", None, Some(Arc::new(1)));
        log.record(2, "a2", None, Some(Arc::new(2)));
        log.record(3, "a1", Some(Arc::new(1)), None);
        fn after(log: &ChangeLog<u8>, r: u64) -> Option<Vec<&str>> {
            log.since(r)
                .map(|changes| changes.iter().map(|c| c.id.as_str()).collect())
        }
        assert_eq!(after(&log, 1), Some(vec!["a2", "a1"]));
        assert_eq!(after(&log, 3), Some(vec![]));
        let last = &log.since(2).unwrap()[0];
        assert_eq!(
            (last.before.as_deref(), last.after.as_deref()),
            (Some(&1), None)
        );
        log.forget_up_to(4);
        assert_eq!(after(&log, 3), None);
        assert_eq!(after(&log, 4), Some(vec![]));
        for revision in 5..5 + KEPT as u64 + 1 {
            log.record(revision, "a3", None, None);
        }
        assert_eq!(after(&log, 4), None, "the oldest were forgotten");
        assert_eq!(after(&log, 4 + KEPT as u64).map(|ids| ids.len()), Some(1));
    }
}
