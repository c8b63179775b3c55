//! Duplicate ids, as a git merge of two analysts' sidecars leaves them (both added
//! `a63`). Nothing is dropped: the first record with an id keeps it, every later one
//! gets a fresh id, and a reference to the shared id moves to a renumbered record only
//! when the referring record tells which one it means (`docs/sidecar.md`, "Duplicate
//! ids"). Renumbering depends only on the file, so loading the same file twice gives
//! the same ids.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::ids::IdCounter;
use super::model::relation_types as types;
use super::model::{Annotation, Entity, Kind, Relation};

/// The most renamed ids a summary lists before it says how many more there are.
const LISTED: usize = 5;

/// What renumbering changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Renumbering {
    /// `(old, new)` for every record that got a new id, in file order (annotations,
    /// entities, then relations).
    pub renamed: Vec<(String, String)>,
    /// `(referring id, shared id)` for each reference that could mean more than one of
    /// the records sharing the id, and so stays with the first of them.
    pub unresolved: Vec<(String, String)>,
}

impl Renumbering {
    /// One sentence saying what was renumbered, or `None` when every id was unique.
    pub fn summary(&self) -> Option<String> {
        if self.renamed.is_empty() {
            return None;
        }
        let mut line =
            format!(
            "{} records shared an id with an earlier one (a merge leaves this) and got new ids: {}",
            self.renamed.len(),
            listed(self.renamed.iter().map(|(old, new)| format!("{old} → {new}")))
        );
        if !self.unresolved.is_empty() {
            line.push_str(&format!(
                "; these references stay with the first record of the id, check them: {}",
                listed(
                    self.unresolved
                        .iter()
                        .map(|(by, id)| format!("{by} → {id}"))
                )
            ));
        }
        Some(line)
    }
}

fn listed(items: impl ExactSizeIterator<Item = String>) -> String {
    let total = items.len();
    let mut text: Vec<String> = items.take(LISTED).collect();
    if total > LISTED {
        text.push(format!("and {} more", total - LISTED));
    }
    text.join(", ")
}

/// Gives every record whose id an earlier record of the same list has a fresh id (one
/// that no record has and no reference names), and re-points the references (an annotation's entity, a relation's ends) that can only
/// mean a renumbered record.
pub fn renumber(
    annotations: &mut [Annotation],
    entities: &mut [Entity],
    relations: &mut [Relation],
) -> Renumbering {
    let mut done = Renumbering::default();
    // The usual sidecar has no shared id: found out without copying any.
    if !has_shared(annotations, |a| &a.id)
        && !has_shared(entities, |e| &e.id)
        && !has_shared(relations, |r| &r.id)
    {
        return done;
    }
    // A new id must not be one a reference already names, even a dangling one: the
    // reference would silently land on the renumbered record.
    let all: Vec<String> = annotations
        .iter()
        .flat_map(|a| [Some(&a.id), a.entity.as_ref()])
        .flatten()
        .chain(entities.iter().map(|e| &e.id))
        .chain(relations.iter().flat_map(|r| [&r.id, &r.from, &r.to]))
        .cloned()
        .collect();
    let shared_annotations = rename(annotations, "a", &all, |a| &mut a.id, &mut done);
    let shared_entities = rename(entities, "e", &all, |e| &mut e.id, &mut done);
    rename(relations, "r", &all, |r| &mut r.id, &mut done);
    for a in annotations.iter_mut() {
        let Some(shared) = a.entity.as_ref().and_then(|e| shared_entities.get(e)) else {
            continue;
        };
        let meant = only(shared, |&i| entity_fits(&entities[i], a));
        match meant {
            Some(i) => a.entity = Some(entities[i].id.clone()),
            None => done
                .unresolved
                .push((a.id.clone(), entities[shared[0]].id.clone())),
        }
    }
    for r in relations.iter_mut() {
        for end in [End::From, End::To] {
            let target = end.of(r).clone();
            let meant = if let Some(shared) = shared_annotations.get(&target) {
                let kind = expected_kind(&r.kind, end);
                only(shared, |&i| kind.is_none_or(|k| annotations[i].kind == k))
                    .map(|i| annotations[i].id.clone())
            } else if shared_entities.contains_key(&target) {
                None
            } else {
                continue;
            };
            match meant {
                Some(id) => *end.of_mut(r) = id,
                None => done.unresolved.push((r.id.clone(), target)),
            }
        }
    }
    done
}

/// [`renumber`] for annotations already in the shared allocations the store keeps them
/// in (as a sidecar read as a stream gives them), with the same outcome. The usual
/// sidecar has no shared id and is left as it is; only one that has is taken out of the
/// allocations to be renumbered, and put back.
pub fn renumber_shared(
    annotations: &mut Vec<Arc<Annotation>>,
    entities: &mut [Entity],
    relations: &mut [Relation],
) -> Renumbering {
    if !has_shared(annotations, |a| &a.id)
        && !has_shared(entities, |e| &e.id)
        && !has_shared(relations, |r| &r.id)
    {
        return Renumbering::default();
    }
    let mut owned: Vec<Annotation> = annotations.drain(..).map(Arc::unwrap_or_clone).collect();
    let done = renumber(&mut owned, entities, relations);
    annotations.extend(owned.into_iter().map(Arc::new));
    done
}

/// Ids that more than one record of the same list has (annotations, entities, then
/// relations; each id once, in file order), for commands that read a sidecar without
/// loading it.
pub fn shared_ids(
    annotations: &[Annotation],
    entities: &[Entity],
    relations: &[Relation],
) -> Vec<String> {
    fn shared<'a>(ids: impl Iterator<Item = &'a str>, out: &mut Vec<String>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) && !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
    }
    let mut out = Vec::new();
    shared(annotations.iter().map(|a| a.id.as_str()), &mut out);
    shared(entities.iter().map(|e| e.id.as_str()), &mut out);
    shared(relations.iter().map(|r| r.id.as_str()), &mut out);
    out
}

/// Renames the later records of each shared id; returns, for each shared id, the
/// indices of the records that had it (the first one keeps it).
fn rename<T>(
    items: &mut [T],
    prefix: &str,
    all: &[String],
    id_of: impl Fn(&mut T) -> &mut String,
    done: &mut Renumbering,
) -> HashMap<String, Vec<usize>> {
    let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, item) in items.iter_mut().enumerate() {
        holders.entry(id_of(item).clone()).or_default().push(i);
    }
    holders.retain(|_, at| at.len() > 1);
    let mut later: Vec<usize> = holders.values().flat_map(|at| at[1..].to_vec()).collect();
    later.sort_unstable();
    let mut fresh = IdCounter::new(prefix, all.iter().map(String::as_str));
    for i in later {
        let id = id_of(&mut items[i]);
        let new = fresh.next_id();
        done.renamed.push((id.clone(), new.clone()));
        *id = new;
    }
    holders
}

/// Whether two of `items` have the same id.
fn has_shared<T>(items: &[T], id_of: impl Fn(&T) -> &String) -> bool {
    let mut seen = HashSet::with_capacity(items.len());
    items.iter().any(|item| !seen.insert(id_of(item).as_str()))
}

/// The one index for which `fits` holds, if exactly one does.
fn only(indices: &[usize], fits: impl Fn(&usize) -> bool) -> Option<usize> {
    let mut fitting = indices.iter().filter(|i| fits(i));
    match (fitting.next(), fitting.next()) {
        (Some(&i), None) => Some(i),
        _ => None,
    }
}

/// Whether mention `a` can belong to entity `e`: the entity's name is the mention's
/// text, or its type is the mention's label.
fn entity_fits(e: &Entity, a: &Annotation) -> bool {
    e.name.trim().to_lowercase() == a.quote.exact.trim().to_lowercase() || e.label == a.label
}

/// One end of a relation.
#[derive(Clone, Copy)]
enum End {
    From,
    To,
}

impl End {
    fn of(self, r: &Relation) -> &String {
        match self {
            End::From => &r.from,
            End::To => &r.to,
        }
    }

    fn of_mut(self, r: &mut Relation) -> &mut String {
        match self {
            End::From => &mut r.from,
            End::To => &mut r.to,
        }
    }
}

/// The kind of annotation a built-in relation type has at `end`; `None` for types a
/// project adds.
fn expected_kind(relation_type: &str, end: End) -> Option<Kind> {
    match (relation_type, end) {
        (types::ATTRIBUTED_TO | types::CITES | types::MENTIONS, End::From) => Some(Kind::Claim),
        (types::SUPPORTS | types::CONTRADICTS, _) => Some(Kind::Claim),
        (types::ATTRIBUTED_TO | types::CITES, End::To) => Some(Kind::Source),
        (types::MENTIONS, End::To) => Some(Kind::Entity),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Span;

    fn ann(id: &str, kind: Kind, label: &str, text: &str) -> Annotation {
        let mut a = Annotation::new(id, kind, label, vec![Span::new(0, 1)]);
        a.quote.exact = text.into();
        a
    }

    fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
        items.iter().map(|i| id(i).to_string()).collect()
    }

    #[test]
    fn unique_ids_are_left_alone() {
        let mut annotations = vec![ann("a1", Kind::Claim, "factual", "x")];
        let mut relations = vec![Relation::new("r1", "supports", "a1", "a1")];
        let done = renumber(&mut annotations, &mut [], &mut relations);
        assert_eq!(done, Renumbering::default());
        assert_eq!(done.summary(), None);
    }

    #[test]
    fn later_duplicates_get_fresh_ids_above_every_id_in_use() {
        let mut annotations = vec![
            ann("a2", Kind::Claim, "factual", "x"),
            ann("a9", Kind::Source, "person", "y"),
            ann("a2", Kind::Source, "person", "z"),
            ann("a2", Kind::Source, "person", "w"),
        ];
        let mut entities = vec![
            Entity::new("e1", "Y", "PERSON"),
            Entity::new("e1", "Z", "ORG"),
        ];
        let mut relations = vec![
            Relation::new("r4", "supports", "a9", "a9"),
            Relation::new("r4", "cites", "a9", "a9"),
        ];
        let done = renumber(&mut annotations, &mut entities, &mut relations);
        assert_eq!(
            ids(&annotations, |a| &a.id),
            ["a2", "a9", "a10", "a11"],
            "file order decides who keeps the id"
        );
        assert_eq!(ids(&entities, |e| &e.id), ["e1", "e2"]);
        assert_eq!(ids(&relations, |r| &r.id), ["r4", "r5"]);
        let renamed: Vec<(&str, &str)> = done
            .renamed
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            renamed,
            [("a2", "a10"), ("a2", "a11"), ("e1", "e2"), ("r4", "r5")]
        );
        let line = done.summary().unwrap();
        assert!(line.starts_with("4 records shared an id"), "{line}");
        assert!(
            line.contains("a2 → a10, a2 → a11, e1 → e2, r4 → r5"),
            "{line}"
        );
    }

    #[test]
    fn shared_annotations_are_renumbered_as_owned_ones_are() {
        let records = || {
            (
                vec![
                    ann("a2", Kind::Claim, "factual", "x"),
                    ann("a1", Kind::Source, "person", "y"),
                    ann("a2", Kind::Source, "person", "z"),
                ],
                vec![Relation::new("r1", "attributed_to", "a2", "a2")],
            )
        };
        let (mut owned, mut relations) = records();
        let expected = renumber(&mut owned, &mut [], &mut relations);
        let (annotations, mut shared_relations) = records();
        let mut shared: Vec<Arc<Annotation>> = annotations.into_iter().map(Arc::new).collect();
        let done = renumber_shared(&mut shared, &mut [], &mut shared_relations);
        assert_eq!(done, expected);
        assert_eq!(ids(&shared, |a| &a.id), ids(&owned, |a| &a.id));
        assert_eq!(shared_relations, relations);
        let (annotations, mut relations) = records();
        let mut unique: Vec<Arc<Annotation>> =
            annotations.into_iter().skip(1).map(Arc::new).collect();
        let before: Vec<*const Annotation> = unique.iter().map(Arc::as_ptr).collect();
        assert_eq!(
            renumber_shared(&mut unique, &mut [], &mut relations),
            Renumbering::default()
        );
        let after: Vec<*const Annotation> = unique.iter().map(Arc::as_ptr).collect();
        assert_eq!(after, before, "unique ids leave the allocations alone");
    }

    #[test]
    fn a_new_id_is_never_one_a_dangling_reference_names() {
        let mut annotations = vec![
            ann("a1", Kind::Claim, "factual", "x"),
            ann("a1", Kind::Claim, "factual", "y"),
        ];
        annotations[0].entity = Some("e2".to_string());
        let mut entities = vec![Entity::new("e1", "X", "L"), Entity::new("e1", "Y", "L")];
        let mut relations = vec![Relation::new("r1", "supports", "a1", "a2")];
        renumber(&mut annotations, &mut entities, &mut relations);
        assert_eq!(annotations[1].id, "a3", "r1 names a2, which is gone");
        assert_eq!(entities[1].id, "e3", "a1 names e2, which is gone");
        assert_eq!(relations[0].to, "a2");
    }

    #[test]
    fn a_relation_end_follows_the_one_record_of_the_kind_it_needs() {
        let mut annotations = vec![
            ann("a1", Kind::Claim, "factual", "four were citizens"),
            ann("a3", Kind::Source, "publication", "AFP"),
            ann("a3", Kind::Entity, "NORP", "Kazakh"),
        ];
        let mut relations = vec![
            Relation::new("r1", "cites", "a1", "a3"),
            Relation::new("r1", "mentions", "a1", "a3"),
        ];
        let done = renumber(&mut annotations, &mut [], &mut relations);
        assert_eq!(relations[0].to, "a3", "cites needs the source: the first");
        assert_eq!(relations[1].id, "r2");
        assert_eq!(
            relations[1].to, "a4",
            "mentions needs the entity: the renumbered"
        );
        assert!(done.unresolved.is_empty(), "{done:?}");
    }

    #[test]
    fn a_reference_that_could_mean_either_stays_with_the_first_and_is_reported() {
        let mut annotations = vec![
            ann("a1", Kind::Claim, "factual", "x"),
            ann("a2", Kind::Claim, "factual", "y"),
            ann("a2", Kind::Claim, "factual", "z"),
        ];
        let mut entities = vec![
            Entity::new("e1", "Y", "PERSON"),
            Entity::new("e1", "Z", "PERSON"),
        ];
        let mut relations = vec![
            Relation::new("r1", "supports", "a1", "a2"),
            Relation::new("r2", "about", "a1", "e1"),
        ];
        let mut linked = ann("a5", Kind::Entity, "PERSON", "someone");
        linked.entity = Some("e1".to_string());
        annotations.push(linked);
        let done = renumber(&mut annotations, &mut entities, &mut relations);
        assert_eq!(relations[0].to, "a2");
        assert_eq!(relations[1].to, "e1");
        assert_eq!(annotations[3].entity.as_deref(), Some("e1"));
        let unresolved: Vec<(&str, &str)> = done
            .unresolved
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(unresolved, [("a5", "e1"), ("r1", "a2"), ("r2", "e1")]);
        let line = done.summary().unwrap();
        assert!(
            line.contains("check them: a5 → e1, r1 → a2, r2 → e1"),
            "{line}"
        );
    }

    #[test]
    fn a_mention_follows_the_entity_named_like_it_or_of_its_type() {
        let mut annotations = vec![
            ann("a1", Kind::Entity, "ORG", "AFP"),
            ann("a2", Kind::Entity, "NORP", "Kazakh"),
        ];
        annotations[0].entity = Some("e1".to_string());
        annotations[1].entity = Some("e1".to_string());
        let mut entities = vec![
            Entity::new("e1", "Agence France-Presse", "ORG"),
            Entity::new("e1", "Kazakhstan", "NORP"),
        ];
        let done = renumber(&mut annotations, &mut entities, &mut []);
        assert_eq!(annotations[0].entity.as_deref(), Some("e1"));
        assert_eq!(annotations[1].entity.as_deref(), Some("e2"));
        assert!(done.unresolved.is_empty());
    }

    #[test]
    fn shared_ids_are_listed_once_each_in_file_order() {
        let annotations: Vec<Annotation> = ["a2", "a1", "a2", "a1", "a2"]
            .into_iter()
            .map(|id| ann(id, Kind::Claim, "factual", "x"))
            .collect();
        let entities = [Entity::new("e1", "X", "ORG"), Entity::new("e1", "Y", "ORG")];
        let relations = [Relation::new("r1", "supports", "a1", "a2")];
        assert_eq!(
            shared_ids(&annotations, &entities, &relations),
            ["a2", "a1", "e1"]
        );
        assert!(shared_ids(&annotations[..2], &[], &relations).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn nothing_is_lost_and_every_reference_still_lands(
            annotation_ids in proptest::collection::vec(0u64..6, 0..12),
            entity_ids in proptest::collection::vec(0u64..3, 0..5),
            links in proptest::collection::vec((0u64..6, 0u64..6, 0usize..6), 0..8),
        ) {
            let kinds = [Kind::Claim, Kind::Source, Kind::Entity];
            let mut annotations: Vec<Annotation> = annotation_ids
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let mut a = ann(&format!("a{n}"), kinds[i % 3], "L", "x");
                    a.entity = entity_ids.first().map(|e| format!("e{e}"));
                    a
                })
                .collect();
            let mut entities: Vec<Entity> = entity_ids
                .iter()
                .map(|n| Entity::new(format!("e{n}"), "X", "L"))
                .collect();
            let types = ["attributed_to", "cites", "mentions", "supports", "contradicts", "x"];
            let mut relations: Vec<Relation> = links
                .iter()
                .map(|(from, to, t)| {
                    Relation::new("r1", types[*t], format!("a{from}"), format!("a{to}"))
                })
                .collect();
            let before: Vec<Relation> = relations.clone();
            renumber(&mut annotations, &mut entities, &mut relations);
            let store = crate::domain::store::Store::from_parts(
                annotations.clone(),
                entities.clone(),
                relations.clone(),
            );
            proptest::prop_assert_eq!(store.annotation_count(), annotation_ids.len());
            proptest::prop_assert_eq!(store.entities().len(), entity_ids.len());
            proptest::prop_assert_eq!(store.relations().len(), links.len());
            for a in &annotations {
                proptest::prop_assert_eq!(store.annotation(&a.id), Some(a));
            }
            for (r, old) in relations.iter().zip(&before) {
                for (end, was) in [(&r.from, &old.from), (&r.to, &old.to)] {
                    let existed = annotation_ids.iter().any(|n| &format!("a{n}") == was);
                    proptest::prop_assert_eq!(store.annotation(end).is_some(), existed);
                }
            }
        }
    }

    #[test]
    fn a_long_list_is_cut_short() {
        let mut annotations: Vec<Annotation> = (0..8)
            .map(|_| ann("a1", Kind::Claim, "factual", "x"))
            .collect();
        let line = renumber(&mut annotations, &mut [], &mut [])
            .summary()
            .unwrap();
        assert!(line.contains("a1 → a6, and 2 more"), "{line}");
    }
}
