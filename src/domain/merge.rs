//! The one way a batch of new annotations enters a store (imports and rule suggestions):
//! what the store already holds (same kind, label and spans) is not added twice, every
//! annotation added gets a fresh id from a counter that never wraps, an insert never
//! replaces an existing id (DESIGN §7), and the whole batch is one undoable step.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::Arc;

use foldhash::fast::RandomState;
use serde_json::{Map, Value};

use super::clock;
use super::history::StepKind;
use super::model::{Annotation, Relation, SharedStr};
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
/// what is present holds this hash and the annotation, shared with the store (not a
/// copy of its id, its label or its spans), and an equal hash is checked against the
/// annotation it holds. Each annotation is hashed once, for looking it up and for
/// remembering it.
struct Present {
    hasher: RandomState,
    /// The annotations by the hash of their kind, label and spans; the key is that
    /// hash, used as it is.
    by_hash: HashMap<u64, Arc<Annotation>, BuildHasherDefault<AsIs>>,
    /// Annotations whose hash another annotation had first (almost never any).
    collided: Vec<Arc<Annotation>>,
}

impl Present {
    /// What `store` holds, with room for `more` annotations besides.
    fn of_store(store: &Store, more: usize) -> Present {
        let mut present = Present::with_capacity(store.annotation_count() + more);
        for a in store.iter_shared_annotations() {
            present.insert(present.hash(a), Arc::clone(a));
        }
        present
    }

    fn with_capacity(capacity: usize) -> Present {
        Present {
            hasher: RandomState::default(),
            by_hash: HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default()),
            collided: Vec::new(),
        }
    }

    fn hash(&self, a: &Annotation) -> u64 {
        self.hasher
            .hash_one((a.kind, a.label.as_str(), a.spans.as_slice()))
    }

    /// The annotation already present that is the same as `a`, whose hash is `hash`.
    fn find(&self, hash: u64, a: &Annotation) -> Option<&Arc<Annotation>> {
        let same =
            |b: &&Arc<Annotation>| b.kind == a.kind && b.label == a.label && b.spans == a.spans;
        let first = self.by_hash.get(&hash);
        first
            .filter(same)
            .or_else(|| first.and(self.collided.iter().find(same)))
    }

    /// Remembers that `a`, whose hash is `hash`, is present.
    fn insert(&mut self, hash: u64, a: Arc<Annotation>) {
        match self.by_hash.entry(hash) {
            Entry::Occupied(_) => self.collided.push(a),
            Entry::Vacant(place) => {
                place.insert(a);
            }
        }
    }
}

/// The annotations a store holds, found by what makes two the same (kind, label and
/// spans): a batch made beside the store takes the store's own annotation for one it
/// holds already, instead of holding a second copy of it until the merge drops it.
pub struct Known(Present);

impl Known {
    /// The annotations `store` holds now.
    pub fn of(store: &Store) -> Known {
        Known(Present::of_store(store, 0))
    }

    /// `a` as it should go into a batch for the store: the store's own annotation when
    /// it holds the same one, otherwise `a` (not hashed when the store holds none).
    pub fn share(&self, a: Annotation) -> Arc<Annotation> {
        if self.0.by_hash.is_empty() {
            return Arc::new(a);
        }
        match self.0.find(self.0.hash(&a), &a) {
            Some(same) => Arc::clone(same),
            None => Arc::new(a),
        }
    }
}

/// A hasher for keys that are hashes already: it keeps the one `u64` it is given.
#[derive(Default)]
struct AsIs(u64);

impl Hasher for AsIs {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed (`write_u64`); anything else is folded in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Store {
    /// Adds `batch` as one undoable step and says what became of each annotation.
    pub fn merge(&mut self, batch: Batch) -> MergeReport {
        let Batch {
            annotations,
            relations,
        } = batch;
        let count = annotations.len();
        // Built once: looking annotations up in the store while adding to it would
        // rebuild its span index for every item.
        // Sized up front for the store and the batch together, so that it never rehashes.
        let mut present = Present::of_store(self, count);
        self.reserve_annotations(count);
        let mut annotation_ids = self.annotation_ids();
        let mut relation_ids = self.relation_ids();
        // One string for the creation time of everything added.
        let now = SharedStr::from(clock::now());
        let mut report = MergeReport::default();
        report.ids.reserve(count);
        // Into an empty store, what is added may well be in reading order already.
        let into_empty = self.annotation_count() == 0;
        let mut added = Vec::with_capacity(if into_empty { count } else { 0 });
        self.group_as(StepKind::Import, |store| {
            for mut annotation in annotations {
                let hash = present.hash(&annotation);
                if let Some(same) = present.find(hash, &annotation) {
                    report.present += 1;
                    report.ids.push(same.id.clone());
                    continue;
                }
                let fresh = Arc::make_mut(&mut annotation);
                fresh.id = annotation_ids.next_id();
                fresh.created.get_or_insert_with(|| now.clone());
                let kept = store.insert_shared_annotation(annotation);
                report.ids.push(kept.id.clone());
                if into_empty {
                    added.push(Arc::clone(&kept));
                }
                present.insert(hash, kept);
                report.added += 1;
            }
            let new = new_links(store, &relations, &report.ids);
            for (link, new) in relations.into_iter().zip(new) {
                let (true, Some(from), Some(to)) =
                    (new, report.ids.get(link.from), report.ids.get(link.to))
                else {
                    continue;
                };
                let mut relation =
                    Relation::new(relation_ids.next_id(), link.kind, from.clone(), to.clone());
                relation.extra = link.extra.into();
                store.insert_relation(relation);
                report.relations += 1;
            }
        });
        if into_empty {
            self.take_as_reading_order(added);
        }
        report
    }
}

/// For each link of a batch whose annotations got the store ids `ids`, whether it is
/// new: neither in the store already (same ends and type) nor an earlier link of the
/// batch. Worked out on the ids and types as they are, without copying them.
fn new_links(store: &Store, links: &[BatchRelation], ids: &[String]) -> Vec<bool> {
    let mut seen: HashSet<(&str, &str, &str), RandomState> = HashSet::with_capacity_and_hasher(
        store.relation_count() + links.len(),
        RandomState::default(),
    );
    seen.extend(
        store
            .iter_relations()
            .map(|r| (r.from.as_str(), r.to.as_str(), r.kind.as_str())),
    );
    links
        .iter()
        .map(|link| match (ids.get(link.from), ids.get(link.to)) {
            (Some(from), Some(to)) => seen.insert((from, to, &link.kind)),
            _ => false,
        })
        .collect()
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
    fn a_batch_in_reading_order_into_an_empty_store_is_its_order_without_a_sort() {
        let mut store = Store::new();
        let made = crate::domain::store::reading_orders_made();
        store.merge(Batch {
            annotations: [
                mention("PER", 0, 4),
                mention("ORG", 5, 9),
                mention("LOC", 5, 12),
            ]
            .map(Arc::new)
            .into(),
            relations: Vec::new(),
        });
        let labels = |store: &Store| -> Vec<String> {
            store
                .annotations()
                .iter()
                .map(|a| a.label.to_string())
                .collect()
        };
        assert_eq!(labels(&store), ["PER", "ORG", "LOC"]);
        assert_eq!(crate::domain::store::reading_orders_made(), made);
        let snapshot = store.snapshot();
        let listed: Vec<&str> = snapshot.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(listed, ["a1", "a2", "a3"]);
        // Out of order, or into a store that holds some: sorted on first use.
        store.merge(Batch {
            annotations: [mention("X", 2, 3)].map(Arc::new).into(),
            relations: Vec::new(),
        });
        assert_eq!(labels(&store), ["PER", "X", "ORG", "LOC"]);
        let mut other = Store::new();
        other.merge(Batch {
            annotations: [mention("B", 5, 9), mention("A", 0, 4)]
                .map(Arc::new)
                .into(),
            relations: Vec::new(),
        });
        assert_eq!(labels(&other), ["A", "B"]);
        assert_eq!(crate::domain::store::reading_orders_made(), made + 2);
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
