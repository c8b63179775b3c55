//! The *done* mark: the analyst's explicit word that an article is finished, with who
//! said so and when. Stored in the sidecar as a top-level `done` field; an article
//! without it is untouched or in progress (see [`Progress`]).

use serde::{Deserialize, Serialize};

/// Who marked the article done, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoneMark {
    /// The annotator who marked it.
    pub by: String,
    /// When, as RFC 3339 text.
    pub at: String,
}

/// How far the work on one article has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Progress {
    /// No sidecar, or one with nothing in it.
    Untouched,
    /// Something is annotated, and the article is not marked done.
    InProgress,
    /// The analyst marked it done.
    Done,
}

impl Progress {
    /// The progress of an article with `items` annotations, entities and relations and
    /// this done mark.
    pub fn of(items: usize, done: bool) -> Progress {
        match (done, items) {
            (true, _) => Progress::Done,
            (false, 0) => Progress::Untouched,
            (false, _) => Progress::InProgress,
        }
    }

    /// The word the article list shows.
    pub fn word(self) -> &'static str {
        match self {
            Progress::Untouched => "untouched",
            Progress::InProgress => "in progress",
            Progress::Done => "done",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_wins_over_the_count() {
        assert_eq!(Progress::of(0, false), Progress::Untouched);
        assert_eq!(Progress::of(3, false), Progress::InProgress);
        assert_eq!(Progress::of(0, true), Progress::Done);
    }
}
