//! The one way a batch of new annotations enters a store (imports and rule suggestions):
//! what the store already holds (same kind, label and spans) is not added twice, every
//! annotation added gets a fresh id from a counter that never wraps, an insert never
//! replaces an existing id (DESIGN §7), and the whole batch is one undoable step.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::clock;
use super::history::StepKind;
use super::model::{Annotation, Relation};
use super::store::Store;

/// Annotations and the relations between them, to add to a store at once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    /// The annotations, in order. Their ids are not used: each one added gets a fresh
    /// id; one without a creation time gets now. Shared, so that the store takes each
    /// one as it is instead of a copy.
    pub annotations: Vec<Arc<Annotation>>,
    /// Relations between annotations of the batch.
    pub relations: Vec<BatchRelation>,
}

impl Batch {
    /// An empty batch with room for `annotations` annotations.
    pub fn with_capacity(annotations: usize) -> Batch {
        Batch {
            annotations: Vec::with_capacity(annotations),
            relations: Vec::new(),
        }
    }
}

/// A relation between two annotations of a [`Batch`], named by their places in it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRelation {
    /// The place in the batch of the annotation the relation starts from.
    pub from: usize,
    /// The place in the batch of the annotation the relation points to.
    pub to: usize,
    /// The relation type.
    pub kind: String,
    /// Further fields of the relation (a note, attributes from the file).
    pub extra: Map<String, Value>,
}

/// What merging a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// For each annotation of the batch, in order, its id in the store: the fresh id it
    /// was added under, or the id of the same annotation already there.
    pub ids: Vec<String>,
    /// Annotations added.
    pub added: usize,
    /// Annotations of the batch the store already held.
    pub present: usize,
    /// Relations added (a link the store already has is not added again).
    pub relations: usize,
}

/// What makes two annotations the same one: kind, label and spans, hashed. The map of
/// what is present holds this hash and an id (not a copy of the label and the spans of
/// every annotation), and an equal hash is checked against the annotation it names.
struct Present {
    hasher: RandomState,
    /// The id of an annotation by the hash of its kind, label and spans.
    by_hash: HashMap<u64, String>,
    /// Ids of annotations whose hash another annotation had first (almost never any).
    collided: Vec<String>,
}

impl Present {
    fn with_capacity(capacity: usize) -> Present {
        Present {
            hasher: RandomState::new(),
            by_hash: HashMap::with_capacity(capacity),
            collided: Vec::new(),
        }
    }

    fn hash(&self, a: &Annotation) -> u64 {
        self.hasher
            .hash_one((a.kind, a.label.as_str(), a.spans.as_slice()))
    }

    /// The id of the annotation in `store` that is the same as `a`.
    fn find(&self, store: &Store, a: &Annotation) -> Option<String> {
        let same = |id: &&String| {
            store
                .annotation(id)
                .is_some_and(|b| b.kind == a.kind && b.label == a.label && b.spans == a.spans)
        };
        let first = self.by_hash.get(&self.hash(a));
        first
            .filter(same)
            .or_else(|| first.and(self.collided.iter().find(same)))
            .cloned()
    }

    /// Remembers that `a` is in the store under `id`.
    fn insert(&mut self, a: &Annotation, id: &str) {
        let hash = self.hash(a);
        match self.by_hash.entry(hash) {
            Entry::Occupied(_) => self.collided.push(id.to_string()),
            Entry::Vacant(place) => {
                place.insert(id.to_string());
            }
        }
    }
}

impl Store {
    /// Adds `batch` as one undoable step and says what became of each annotation.
    pub fn merge(&mut self, batch: Batch) -> MergeReport {
        // Built once: looking annotations up in the store while adding to it would
        // rebuild its span index for every item.
        // Sized up front for the store and the batch together, so that it never rehashes.
        let mut present = Present::with_capacity(self.annotation_count() + batch.annotations.len());
        for a in self.iter_annotations() {
            present.insert(a, &a.id);
        }
        self.reserve_annotations(batch.annotations.len());
        let mut links: HashSet<(String, String, String)> = self
            .relations()
            .into_iter()
            .map(|r| (r.from.clone(), r.to.clone(), r.kind.clone()))
            .collect();
        let mut annotation_ids = self.annotation_ids();
        let mut relation_ids = self.relation_ids();
        let now = clock::now();
        let mut report = MergeReport::default();
        report.ids.reserve(batch.annotations.len());
        self.group_as(StepKind::Import, |store| {
            for mut annotation in batch.annotations {
                if let Some(id) = present.find(store, &annotation) {
                    report.present += 1;
                    report.ids.push(id);
                    continue;
                }
                let fresh = Arc::make_mut(&mut annotation);
                fresh.id = annotation_ids.next_id();
                fresh.created.get_or_insert_with(|| now.clone());
                present.insert(&annotation, &annotation.id);
                report.ids.push(store.insert_shared_annotation(annotation));
                report.added += 1;
            }
            for link in batch.relations {
                let (Some(from), Some(to)) = (report.ids.get(link.from), report.ids.get(link.to))
                else {
                    continue;
                };
                if !links.insert((from.clone(), to.clone(), link.kind.clone())) {
                    continue;
                }
                let mut relation =
                    Relation::new(relation_ids.next_id(), link.kind, from.clone(), to.clone());
                relation.extra = link.extra.into();
                store.insert_relation(relation);
                report.relations += 1;
            }
        });
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    fn mention(label: &str, start: usize, end: usize) -> Annotation {
        Annotation::new("", Kind::Entity, label, vec![Span::new(start, end)])
    }

    fn link(from: usize, to: usize) -> BatchRelation {
        BatchRelation {
            from,
            to,
            kind: "mentions".to_string(),
            extra: Map::new(),
        }
    }

    #[test]
    fn a_batch_is_added_once_as_one_step_with_its_links() {
        let mut store = Store::new();
        let batch = Batch {
            annotations: [mention("PER", 0, 4), mention("ORG", 5, 9)]
                .map(Arc::new)
                .into(),
            relations: vec![link(0, 1), link(0, 1)],
        };
        let first = store.merge(batch.clone());
        assert_eq!(first.ids, vec!["a1", "a2"]);
        assert_eq!((first.added, first.present, first.relations), (2, 0, 1));
        assert!(store.annotation("a1").unwrap().created.is_some());
        let again = store.merge(batch);
        assert_eq!(again.ids, vec!["a1", "a2"]);
        assert_eq!((again.added, again.present, again.relations), (0, 2, 0));
        assert!(
            store.undo().is_some(),
            "the first merge is one step; the second added none"
        );
        assert_eq!(store.annotation_count(), 0);
        assert!(!store.can_undo());
    }

    #[test]
    fn the_same_annotation_twice_in_a_batch_is_added_once() {
        let mut store = Store::new();
        let report = store.merge(Batch {
            annotations: [mention("PER", 0, 4), mention("PER", 0, 4)]
                .map(Arc::new)
                .into(),
            relations: Vec::new(),
        });
        assert_eq!(report.ids, vec!["a1", "a1"]);
        assert_eq!((report.added, report.present), (1, 1));
    }

    #[test]
    fn merged_ids_replace_nothing_and_avoid_the_ends_of_dangling_relations() {
        let mut kept = mention("LOC", 10, 12);
        kept.id = "a1".to_string();
        let dangling = Relation::new("r1", "mentions", "a1", "a7");
        let mut store = Store::from_parts(vec![kept], Vec::new(), vec![dangling]);
        let mut claimed = mention("PER", 0, 4);
        claimed.id = "a1".to_string();
        let report = store.merge(Batch {
            annotations: [claimed, mention("ORG", 5, 9)].map(Arc::new).into(),
            relations: vec![link(0, 1)],
        });
        assert_eq!(report.ids, vec!["a8", "a9"]);
        assert_eq!(store.annotation("a1").unwrap().label, "LOC");
        assert_eq!(store.relation("r2").unwrap().from, "a8");
    }

    #[test]
    fn merged_ids_never_wrap_past_the_largest_number() {
        let mut last = mention("LOC", 10, 12);
        last.id = format!("a{}", u64::MAX);
        let mut store = Store::from_parts(vec![last], Vec::new(), Vec::new());
        let report = store.merge(Batch {
            annotations: [mention("PER", 0, 4), mention("ORG", 5, 9)]
                .map(Arc::new)
                .into(),
            relations: Vec::new(),
        });
        assert_eq!(report.ids, vec!["a1", "a2"]);
        assert_eq!(store.annotation_count(), 3);
    }
}
