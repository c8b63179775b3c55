//! The Review tab's list as it is held: the annotations listed, in order, each shared
//! with the store (no copy of its id) with one flag, whether it comes last. What orders
//! them (a skipped suggestion last, the score, where it is in the article, its id) is
//! read off the annotation as it was listed, so no key is kept beside it, and an
//! annotation is found by a binary search on what it was listed as.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::domain::ids::natural_cmp;
use crate::domain::model::Annotation;

/// One annotation of a [`SortedList`]: the version listed and whether it comes after
/// every entry not last (a skipped suggestion).
#[derive(Debug, Clone)]
pub struct Listed {
    /// The annotation as it was when listed (shared with the store).
    pub annotation: Arc<Annotation>,
    /// Whether it comes after every entry not last.
    pub last: bool,
}

/// What a listed annotation is ordered by before its id: last or not, its score when
/// the list is by score (highest first), then where it is in the article (first span
/// start, then end, as the reading order).
#[derive(Debug, Clone, Copy, PartialEq)]
struct SortKey {
    last: bool,
    score: f64,
    start: usize,
    end: usize,
}

/// Annotations in the order of their keys, kept up to date one annotation at a time
/// ([`SortedList::put`]).
#[derive(Debug, Clone, Default)]
pub struct SortedList {
    entries: Vec<Listed>,
    /// Whether the score orders the entries (else only last or not and the place).
    by_score: bool,
}

impl SortedList {
    /// These annotations in order (by score first when `by_score`).
    pub fn new(mut entries: Vec<Listed>, by_score: bool) -> SortedList {
        entries.shrink_to_fit();
        let mut list = SortedList {
            entries: Vec::new(),
            by_score,
        };
        entries.sort_by(|a, b| list.cmp(a, b));
        list.entries = entries;
        list
    }

    /// How many annotations are listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The id of the annotation at `index`.
    pub fn id(&self, index: usize) -> Option<&str> {
        self.entries
            .get(index)
            .map(|listed| listed.annotation.id.as_str())
    }

    /// Where `annotation` is listed, when it is, as this version of it (or one with the
    /// same place, score and id) is.
    pub fn find(&self, annotation: &Annotation) -> Option<usize> {
        [false, true].into_iter().find_map(|last| {
            let key = self.key_of(annotation, last);
            let at = self.position_for(&key, &annotation.id);
            self.entries
                .get(at)
                .filter(|listed| listed.last == last && listed.annotation.id == annotation.id)
                .map(|_| at)
        })
    }

    /// Brings one annotation up to date: `before`, the version listed until now (if it
    /// was), leaves its place, and `after` is listed where its key puts it.
    pub fn put(&mut self, before: Option<&Annotation>, after: Option<Listed>) {
        if let Some(at) = before.and_then(|a| self.find(a)) {
            self.entries.remove(at);
        }
        if let Some(listed) = after {
            let key = self.key_of(&listed.annotation, listed.last);
            let at = self.position_for(&key, &listed.annotation.id);
            self.entries.insert(at, listed);
        }
    }

    /// Where an entry with `key` and `id` is, or would be.
    fn position_for(&self, key: &SortKey, id: &str) -> usize {
        self.entries.partition_point(|listed| {
            let listed_key = self.key_of(&listed.annotation, listed.last);
            key_cmp(&listed_key, &listed.annotation.id, key, id).is_lt()
        })
    }

    fn cmp(&self, a: &Listed, b: &Listed) -> Ordering {
        key_cmp(
            &self.key_of(&a.annotation, a.last),
            &a.annotation.id,
            &self.key_of(&b.annotation, b.last),
            &b.annotation.id,
        )
    }

    fn key_of(&self, a: &Annotation, last: bool) -> SortKey {
        let extent = a.extent();
        SortKey {
            last,
            score: if self.by_score {
                a.score().unwrap_or(0.0)
            } else {
                0.0
            },
            start: extent.start,
            end: extent.end,
        }
    }
}

/// The order of two entries, each a key and an id.
fn key_cmp(a: &SortKey, a_id: &str, b: &SortKey, b_id: &str) -> Ordering {
    a.last
        .cmp(&b.last)
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| (a.start, a.end).cmp(&(b.start, b.end)))
        .then_with(|| natural_cmp(a_id, b_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Origin, Span};

    fn listed(id: &str, start: usize, score: f64, last: bool) -> Listed {
        let mut a = Annotation::new(id, Kind::Entity, "ORG", vec![Span::new(start, start + 3)]);
        a.origin = Origin {
            score: Some(score),
            ..Origin::tool("spacy")
        }
        .shared();
        Listed {
            annotation: Arc::new(a),
            last,
        }
    }

    fn ids(list: &SortedList) -> Vec<&str> {
        (0..list.len()).filter_map(|i| list.id(i)).collect()
    }

    #[test]
    fn skipped_last_then_by_score_or_place_then_by_id() {
        let entries = || {
            vec![
                listed("a10", 5, 0.5, false),
                listed("a2", 5, 0.5, false),
                listed("a3", 1, 0.2, false),
                listed("a4", 0, 0.9, true),
            ]
        };
        assert_eq!(
            ids(&SortedList::new(entries(), false)),
            ["a3", "a2", "a10", "a4"]
        );
        assert_eq!(
            ids(&SortedList::new(entries(), true)),
            ["a2", "a10", "a3", "a4"]
        );
    }

    #[test]
    fn an_annotation_is_found_as_listed_and_moves_when_put_again() {
        let mut list = SortedList::new(
            vec![listed("a1", 0, 0.5, false), listed("a2", 10, 0.5, false)],
            false,
        );
        let a1 = Arc::clone(&list.entries[0].annotation);
        assert_eq!(list.find(&a1), Some(0));
        list.put(
            Some(&a1),
            Some(Listed {
                annotation: Arc::clone(&a1),
                last: true,
            }),
        );
        assert_eq!(ids(&list), ["a2", "a1"], "skipped: last");
        assert_eq!(list.find(&a1), Some(1));
        list.put(Some(&a1), None);
        assert_eq!(ids(&list), ["a2"]);
        assert_eq!(list.find(&a1), None);
    }
}
