//! The article list's columns, its sort order and its filter.

use std::cmp::Ordering;

use crate::app::picker::fuzzy_score;
use crate::domain::done::Progress;

use super::row::Row;

/// A column of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// The article's name.
    #[default]
    Name,
    /// Words.
    Words,
    /// Annotations.
    Annotations,
    /// Pending suggestions.
    Pending,
    /// Claims.
    Claims,
    /// Sources.
    Sources,
    /// Untouched, in progress, done.
    State,
    /// Last change.
    Changed,
}

impl Column {
    /// Every column, in the order shown (and cycled by `sort-next`).
    pub const ALL: [Column; 8] = [
        Column::Name,
        Column::Words,
        Column::Annotations,
        Column::Pending,
        Column::Claims,
        Column::Sources,
        Column::State,
        Column::Changed,
    ];

    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Words => "words",
            Column::Annotations => "annotations",
            Column::Pending => "pending",
            Column::Claims => "claims",
            Column::Sources => "sources",
            Column::State => "state",
            Column::Changed => "last change",
        }
    }

    /// The next column, after the last the first.
    pub fn next(self) -> Column {
        let at = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Column::ALL[(at + 1) % Column::ALL.len()]
    }

    /// Orders two rows by this column; rows not read yet come last, ties by name.
    pub fn compare(self, a: &Row, b: &Row) -> Ordering {
        let by = |f: fn(&Row) -> Option<u64>| match (f(a), f(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let ordering = match self {
            Column::Name => Ordering::Equal,
            Column::Words => by(|r| r.read().map(|s| s.words as u64)),
            Column::Annotations => by(|r| r.read().map(|s| s.annotations as u64)),
            Column::Pending => by(|r| r.read().map(|s| s.pending as u64)),
            Column::Claims => by(|r| r.read().map(|s| s.claims as u64)),
            Column::Sources => by(|r| r.read().map(|s| s.sources as u64)),
            Column::State => by(|r| r.read().map(|s| s.progress as u64)),
            Column::Changed => a.changed.cmp(&b.changed),
        };
        ordering.then_with(|| a.name.cmp(&b.name))
    }
}

/// Whether a row passes the filter: the filter names a state (`done`, `untouched`,
/// `in progress`, or the start of one), or matches the name as the pickers match.
pub fn passes(row: &Row, filter: &str) -> bool {
    let filter = filter.trim();
    if filter.is_empty() {
        return true;
    }
    let wanted = filter.to_lowercase();
    let state = [Progress::Untouched, Progress::InProgress, Progress::Done]
        .into_iter()
        .find(|p| p.word().starts_with(&wanted) && wanted.len() >= 3);
    match state {
        Some(progress) => row.read().is_some_and(|s| s.progress == progress),
        None => fuzzy_score(filter, &row.name).is_some(),
    }
}
