//! Which annotations the store's edits touched, by revision: so that an index kept
//! beside the store can catch up with the last few edits instead of walking every
//! annotation again.

/// How many changes are kept; older ones are forgotten (an index that old is built
/// again).
const KEPT: usize = 4096;

/// The annotation ids edits touched, with the revision each edit made.
#[derive(Debug, Default)]
pub(super) struct ChangeLog {
    /// Every change after this revision is in `changes`.
    complete_after: u64,
    /// `(revision, annotation id)`, by revision (one revision per edit).
    changes: Vec<(u64, String)>,
}

impl ChangeLog {
    /// Notes that the edit making `revision` touched annotation `id`.
    pub(super) fn record(&mut self, revision: u64, id: &str) {
        if self.changes.len() == KEPT {
            let forgotten = KEPT / 2;
            self.complete_after = self.changes[forgotten - 1].0;
            self.changes.drain(..forgotten);
        }
        self.changes.push((revision, id.to_string()));
    }

    /// Forgets every change up to `revision` (edits made without being logged).
    pub(super) fn forget_up_to(&mut self, revision: u64) {
        self.changes.clear();
        self.complete_after = revision;
    }

    /// The ids touched after revision `since`, once per edit; `None` when some of those
    /// changes were forgotten.
    pub(super) fn since(&self, since: u64) -> Option<impl Iterator<Item = &str>> {
        if since < self.complete_after {
            return None;
        }
        let first = self
            .changes
            .partition_point(|(revision, _)| *revision <= since);
        Some(self.changes[first..].iter().map(|(_, id)| id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_after_a_revision_are_listed_until_forgotten() {
        let mut log = ChangeLog::default();
        log.record(1, "a1");
        log.record(2, "a2");
        log.record(3, "a1");
        fn after(log: &ChangeLog, r: u64) -> Option<Vec<&str>> {
            log.since(r).map(|ids| ids.collect())
        }
        assert_eq!(after(&log, 1), Some(vec!["a2", "a1"]));
        assert_eq!(after(&log, 3), Some(vec![]));
        log.forget_up_to(4);
        assert_eq!(after(&log, 3), None);
        assert_eq!(after(&log, 4), Some(vec![]));
        for revision in 5..5 + KEPT as u64 + 1 {
            log.record(revision, "a3");
        }
        assert_eq!(after(&log, 4), None, "the oldest were forgotten");
        assert_eq!(after(&log, 4 + KEPT as u64).map(|ids| ids.len()), Some(1));
    }
}
