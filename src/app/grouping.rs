//! Mentions that look like one entity: same words up to case, a possessive 's and
//! diacritics, or a surname that repeats a full name. Offered as one entity; one key
//! accepts the grouping.

use std::borrow::Borrow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::domain::ids::natural_cmp;
use crate::domain::model::{Annotation, Entity, Kind, Status};
use crate::domain::store::Store;

/// A proposed grouping of mentions into one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// The mentions (annotation ids), in reading order.
    pub mentions: Vec<String>,
    /// The entity they join, if one of them already has one.
    pub entity: Option<String>,
    /// The name the entity gets: the longest mention.
    pub name: String,
    /// The entity type.
    pub label: String,
}

/// Folds a mention for comparison: decomposed, marks dropped, lowercase, possessive and
/// punctuation at the ends removed, white space collapsed.
pub fn fold(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut words: Vec<&str> = plain.split_whitespace().collect();
    if let Some(last) = words.last_mut() {
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(stem) = last.strip_suffix(suffix) {
                *last = stem;
                break;
            }
        }
    }
    words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entity mentions a grouping can take (accepted or pending), by label and the
/// folded last word of their words, in reading order, each with what a proposal needs
/// of it: so that proposing a grouping looks only at mentions that end with the same
/// word, without looking them up or sorting them. Kept up to date by the store's edits
/// ([`MentionIndex::catch_up`]), so that a decision does not walk every annotation
/// again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MentionIndex {
    /// The store revision the index reflects.
    revision: u64,
    /// The mentions by label and folded last word, in reading order.
    by_last_word: HashMap<(String, String), BTreeMap<Place, Mention>>,
    /// The indexed annotations, as they were indexed: their label, words and place say
    /// where they are listed. Shared with the store, not copied.
    indexed: HashSet<Indexed>,
}

/// Where a mention is in reading order: first span start, then end, then id
/// (naturally), as the store orders annotations.
#[derive(Debug, Clone)]
struct Place {
    start: usize,
    end: usize,
    annotation: Arc<Annotation>,
}

impl Place {
    fn of(annotation: &Arc<Annotation>) -> Place {
        let extent = annotation.extent();
        Place {
            start: extent.start,
            end: extent.end,
            annotation: Arc::clone(annotation),
        }
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start, self.end)
            .cmp(&(other.start, other.end))
            .then_with(|| natural_cmp(&self.annotation.id, &other.annotation.id))
    }
}

impl PartialEq for Place {
    /// The same place of the same version of an annotation.
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
            && (Arc::ptr_eq(&self.annotation, &other.annotation)
                || self.annotation == other.annotation)
    }
}

impl Eq for Place {}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What a proposal compares of a mention: its folded words (its entity and words are
/// read from the annotation of its [`Place`]).
#[derive(Debug, Clone, PartialEq)]
struct Mention {
    folded: Box<str>,
}

/// An indexed annotation, found by its id.
#[derive(Debug, Clone)]
struct Indexed(Arc<Annotation>);

impl PartialEq for Indexed {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Indexed {}

impl Hash for Indexed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

impl Borrow<str> for Indexed {
    fn borrow(&self) -> &str {
        &self.0.id
    }
}

thread_local! {
    static BUILT: Cell<usize> = const { Cell::new(0) };
    static PROPOSED: Cell<usize> = const { Cell::new(0) };
}

/// How many grouping proposals this thread worked out so far (each looks at every
/// mention ending with the same word).
pub fn proposals_made() -> usize {
    PROPOSED.with(Cell::get)
}

/// The label and folded last word under which the proposal for a mention with this
/// label and folded words looks for partners: a proposal stays right while no edit
/// changes a mention listed under it.
pub fn partners_key(label: &str, folded: &str) -> (String, String) {
    (
        label.to_string(),
        folded.rsplit(' ').next().unwrap_or("").to_string(),
    )
}

/// How many mention indexes this thread built from every annotation so far (an index
/// brought up to date by edits is not counted).
pub fn indexes_built() -> usize {
    BUILT.with(Cell::get)
}

/// The key a grouping can list `a` under (label and folded last word), when it can.
fn key_of(a: &Annotation) -> Option<(String, String)> {
    if a.kind != Kind::Entity || !matches!(a.status, Status::Accepted | Status::Pending) {
        return None;
    }
    let last = a.quote.exact.split_whitespace().next_back()?;
    Some((a.label.to_string(), fold(last)))
}

impl MentionIndex {
    /// The index of the mentions in `store`.
    pub fn build(store: &Store) -> MentionIndex {
        BUILT.with(|built| built.set(built.get() + 1));
        let mut index = MentionIndex {
            revision: store.revision(),
            ..MentionIndex::default()
        };
        for a in store.iter_shared_annotations() {
            index.add(a);
        }
        index
    }

    /// Brings the index up to date with the edits made to `store` since it was built
    /// or last brought up to date, and says under which labels and last words
    /// ([`partners_key`]) mentions came or went; `None` (and nothing changed) when the
    /// store no longer knows which annotations those edits touched.
    pub fn catch_up(&mut self, store: &Store) -> Option<HashSet<(String, String)>> {
        let changed = store.annotations_changed_since(self.revision)?;
        let mut touched = HashSet::new();
        for id in changed {
            let before = self.indexed.get(id).map(|Indexed(a)| Arc::clone(a));
            let after = store.shared_annotation(id);
            let removed = self.remove(id);
            let added = after.and_then(|a| self.add(a));
            // A decision that keeps a mention a mention (a suggestion accepted) leaves
            // every proposal as it was: they read its place, words and entity only.
            let same = match (&before, after) {
                (Some(before), Some(after)) => {
                    removed == added
                        && before.extent() == after.extent()
                        && before.quote.exact == after.quote.exact
                        && before.entity == after.entity
                }
                _ => false,
            };
            if !same {
                touched.extend(removed);
                touched.extend(added);
            }
        }
        self.revision = store.revision();
        Some(touched)
    }

    /// Indexes `a` when a grouping can take it; the key it is listed under.
    fn add(&mut self, a: &Arc<Annotation>) -> Option<(String, String)> {
        let key = key_of(a)?;
        let mention = Mention {
            folded: fold(&a.quote.exact).into(),
        };
        self.by_last_word
            .entry(key.clone())
            .or_default()
            .insert(Place::of(a), mention);
        self.indexed.insert(Indexed(Arc::clone(a)));
        Some(key)
    }

    /// Takes annotation `id` out; the key it was listed under.
    fn remove(&mut self, id: &str) -> Option<(String, String)> {
        let Indexed(a) = self.indexed.take(id)?;
        let key = key_of(&a)?;
        if let Some(mentions) = self.by_last_word.get_mut(&key) {
            mentions.remove(&Place::of(&a));
            if mentions.is_empty() {
                self.by_last_word.remove(&key);
            }
        }
        Some(key)
    }
}

/// The grouping proposed for the mention `id`, when it has partners not yet joined.
pub fn propose(store: &Store, id: &str) -> Option<Grouping> {
    propose_in(store, &MentionIndex::build(store), id)
}

/// [`propose`], given the store's [`MentionIndex`].
pub fn propose_in(store: &Store, index: &MentionIndex, id: &str) -> Option<Grouping> {
    let target = store.annotation(id)?;
    if target.kind != Kind::Entity {
        return None;
    }
    let key = fold(&target.quote.exact);
    if key.is_empty() {
        return None;
    }
    PROPOSED.with(|made| made.set(made.get() + 1));
    // Every partner ends with the same folded word (equal names, or a surname that is
    // the last word of the full name); the index lists them in reading order.
    let members: Vec<(&Place, &Mention)> = index
        .by_last_word
        .get(&partners_key(&target.label, &key))
        .into_iter()
        .flatten()
        .filter(|(_, m)| same_entity(&key, &m.folded, &target.label))
        .collect();
    if members.len() < 2 {
        return None;
    }
    let entity = members
        .iter()
        .find_map(|(p, _)| p.annotation.entity.clone());
    let joined = members
        .iter()
        .all(|(p, _)| p.annotation.entity.is_some() && p.annotation.entity == entity);
    if joined {
        return None;
    }
    let name = members
        .iter()
        .map(|(p, _)| p.annotation.quote.exact.trim())
        .max_by_key(|t| t.chars().count())
        .unwrap_or("")
        .to_string();
    Some(Grouping {
        mentions: members
            .iter()
            .map(|(p, _)| p.annotation.id.clone())
            .collect(),
        entity,
        name,
        label: target.label.to_string(),
    })
}

fn same_entity(a: &str, b: &str, label: &str) -> bool {
    if a == b {
        return true;
    }
    if label != "PERSON" {
        return false;
    }
    // A surname alone repeats a full name: "Sultan" and "Shaukat Sultan".
    let surname = |short: &str, long: &str| {
        !short.contains(' ') && long.contains(' ') && long.rsplit(' ').next() == Some(short)
    };
    surname(a, b) || surname(b, a)
}

/// Applies a grouping: creates the entity if needed and links every mention, as one step.
pub fn accept(store: &mut Store, grouping: &Grouping) -> String {
    store.group(|store| {
        let eid = match &grouping.entity {
            Some(e) => e.clone(),
            None => {
                let eid = store.new_entity_id();
                store.put_entity(Entity::new(
                    eid.clone(),
                    grouping.name.clone(),
                    grouping.label.clone(),
                ));
                eid
            }
        };
        for id in &grouping.mentions {
            if let Some(mut a) = store.annotation(id).cloned() {
                if a.entity.as_deref() != Some(eid.as_str()) {
                    a.entity = Some(eid.clone());
                    store.replace_annotation(a);
                }
            }
        }
        eid
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Span;

    fn mention(store: &mut Store, id: &str, text: &str, start: usize) {
        let mut a = Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + text.len())],
        );
        a.quote.exact = text.into();
        store.insert_annotation(a);
    }

    #[test]
    fn folds_case_possessives_and_diacritics() {
        assert_eq!(fold("Nazarov's"), "nazarov");
        assert_eq!(fold("NAZAROV’s"), "nazarov");
        assert_eq!(fold("Zoë  Café"), "zoe cafe");
        assert_eq!(fold("Назарбаев"), fold("НАЗАРБАЕВ"));
    }

    #[test]
    fn groups_surnames_with_full_names() {
        let mut store = Store::new();
        mention(&mut store, "a1", "Shaukat Sultan", 0);
        mention(&mut store, "a2", "Sultan", 50);
        mention(&mut store, "a3", "Sultan's", 90);
        mention(&mut store, "a4", "Dutbayev", 120);
        let g = propose(&store, "a2").unwrap();
        assert_eq!(g.mentions, vec!["a1", "a2", "a3"]);
        assert_eq!(g.name, "Shaukat Sultan");
        let eid = accept(&mut store, &g);
        assert_eq!(store.mentions_of(&eid).len(), 3);
        assert_eq!(propose(&store, "a2"), None);
        assert_eq!(propose(&store, "a4"), None);
        store.undo();
        assert!(store.entities().is_empty());
    }

    #[test]
    fn an_index_kept_up_to_date_by_edits_is_the_index_built_afresh() {
        let mut store = Store::new();
        mention(&mut store, "a1", "Shaukat Sultan", 0);
        mention(&mut store, "a2", "Sultan", 50);
        mention(&mut store, "a3", "Dutbayev", 120);
        let mut index = MentionIndex::build(&store);
        let check = |store: &Store, index: &mut MentionIndex| {
            assert!(index.catch_up(store).is_some());
            assert_eq!(*index, MentionIndex::build(store));
        };
        let mut rejected = store.annotation("a2").unwrap().clone();
        rejected.status = Status::Rejected;
        store.replace_annotation(rejected);
        check(&store, &mut index);
        let mut relabelled = store.annotation("a3").unwrap().clone();
        relabelled.label = "ORG".into();
        relabelled.quote.exact = "Dutbayev's office".into();
        store.replace_annotation(relabelled);
        mention(&mut store, "a4", "Sultan's", 90);
        check(&store, &mut index);
        store.remove_annotation("a1");
        check(&store, &mut index);
        store.undo();
        check(&store, &mut index);
        assert_eq!(
            propose_in(&store, &index, "a4").unwrap().mentions,
            vec!["a1", "a4"],
            "in reading order"
        );
    }
}
