//! Settling disagreements: the one sidecar an adjudication starts from (agreements
//! accepted, every disagreeing version kept with a conflict mark naming its side), the
//! open conflict sets of a store, and a decision on one set (take a side's version,
//! all of them, or none), recorded in `origin.adjudicated_from`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::disagreement::Group;
use super::ids::IdCounter;
use super::model::{Annotation, Conflict, Entity, Relation};
use super::store::Store;

/// What an adjudication starts from: every analyst's annotations, entities and relations
/// with fresh ids, agreements once, disagreeing versions marked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Working {
    /// The annotations, agreements first accepted, versions marked with their conflict.
    pub annotations: Vec<Annotation>,
    /// The entities, identical ones once.
    pub entities: Vec<Entity>,
    /// The relations, re-pointed, identical ones once.
    pub relations: Vec<Relation>,
}

/// The working sidecar for `groups` (from [`super::disagreement::compare`] of
/// `stores`), the analysts named by `sides` (`A`, `B`…). An agreement is kept once,
/// its `origin.adjudicated_from` naming every side (`A+B`) — or, when agreements are
/// to be confirmed, marked like a disagreement of one version whose side is every side
/// (`A+B`); each version of a disagreement is kept with a conflict mark (`set` `k1`,
/// `k2`… in reading order, `side` its analyst's).
pub fn working(
    stores: &[&Store],
    groups: &[Group],
    sides: &[String],
    confirm_agreements: bool,
) -> Working {
    let mut out = Working::default();
    let mut annotation_ids = IdCounter::new("a", std::iter::empty());
    let mut set_ids = IdCounter::new("k", std::iter::empty());
    let entity_ids = entity_map(stores, &mut out.entities);
    let mut ids: HashMap<(usize, String), String> = HashMap::new();
    for group in groups {
        let marked = confirm_agreements || !group.is_agreement();
        let set = marked.then(|| set_ids.next_id());
        let all: Vec<&str> = group
            .versions
            .iter()
            .map(|v| sides[v.analyst].as_str())
            .collect();
        for (n, version) in group.versions.iter().enumerate() {
            let Some(original) = stores[version.analyst].annotation(&version.id) else {
                continue;
            };
            if group.is_agreement() && n > 0 {
                let kept = ids[&(group.versions[0].analyst, group.versions[0].id.clone())].clone();
                ids.insert((version.analyst, version.id.clone()), kept);
                continue;
            }
            let mut a = original.clone();
            a.id = annotation_ids.next_id();
            a.entity = a
                .entity
                .map(|e| entity_ids[&(version.analyst, e.clone())].clone());
            match &set {
                Some(set) => {
                    let side = if group.is_agreement() {
                        all.join("+")
                    } else {
                        sides[version.analyst].clone()
                    };
                    a.conflict = Some(Box::new(Conflict {
                        set: set.clone(),
                        side,
                        base: None,
                        extra: Default::default(),
                    }));
                    a.origin_mut().adjudicated_from = None;
                }
                None => {
                    a.conflict = None;
                    a.origin_mut().adjudicated_from = Some(all.join("+"));
                }
            }
            ids.insert((version.analyst, version.id.clone()), a.id.clone());
            out.annotations.push(a);
        }
    }
    let mut relation_ids = IdCounter::new("r", std::iter::empty());
    let mut seen = HashSet::new();
    for (analyst, store) in stores.iter().enumerate() {
        let point = |id: &str| {
            ids.get(&(analyst, id.to_string()))
                .or_else(|| entity_ids.get(&(analyst, id.to_string())))
                .cloned()
                .unwrap_or_else(|| id.to_string())
        };
        for r in store.relations() {
            let (from, to) = (point(&r.from), point(&r.to));
            if seen.insert((r.kind.clone(), from.clone(), to.clone())) {
                let mut relation = r.clone();
                relation.id = relation_ids.next_id();
                relation.from = from;
                relation.to = to;
                out.relations.push(relation);
            }
        }
    }
    out
}

/// Gives every analyst's entities a place in `entities`: identical ones (all but the
/// id) once. The new id of each (analyst, old id).
fn entity_map(stores: &[&Store], entities: &mut Vec<Entity>) -> HashMap<(usize, String), String> {
    let mut ids = IdCounter::new("e", std::iter::empty());
    let mut map = HashMap::new();
    for (analyst, store) in stores.iter().enumerate() {
        for e in store.entities() {
            let same = entities.iter().find(|kept| {
                Entity {
                    id: e.id.clone(),
                    ..(*kept).clone()
                } == *e
            });
            let id = match same {
                Some(kept) => kept.id.clone(),
                None => {
                    let mut new = e.clone();
                    new.id = ids.next_id();
                    let id = new.id.clone();
                    entities.push(new);
                    id
                }
            };
            map.insert((analyst, e.id.clone()), id);
        }
    }
    map
}

/// A conflict set still open in a store: its name and the ids of its versions, in
/// reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSet {
    /// The set's name (`k1`).
    pub set: String,
    /// The ids of the versions, in reading order.
    pub versions: Vec<String>,
}

/// The conflict sets left in `store`, ordered by where their first version starts.
pub fn open_sets(store: &Store) -> Vec<OpenSet> {
    let mut sets: Vec<OpenSet> = Vec::new();
    let mut at: BTreeMap<&str, usize> = BTreeMap::new();
    for a in store.annotations() {
        let Some(conflict) = &a.conflict else {
            continue;
        };
        match at.get(conflict.set.as_str()) {
            Some(&i) => sets[i].versions.push(a.id.clone()),
            None => {
                at.insert(&conflict.set, sets.len());
                sets.push(OpenSet {
                    set: conflict.set.clone(),
                    versions: vec![a.id.clone()],
                });
            }
        }
    }
    sets
}

/// A decision on a conflict set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Keep the versions of this side, alone or in agreement with others (`A+B`), drop
    /// the others (all, when the side has no version).
    Take(String),
    /// Keep every version.
    All,
    /// Drop every version.
    Neither,
}

/// Settles conflict `set` of `store` by `choice`: the kept versions lose their conflict
/// mark and record their side in `origin.adjudicated_from`; the others are removed with
/// their relations. How many versions were kept.
pub fn settle(store: &mut Store, set: &str, choice: &Choice) -> usize {
    let versions: Vec<Annotation> = store
        .annotations()
        .into_iter()
        .filter(|a| a.conflict.as_ref().is_some_and(|c| c.set == set))
        .cloned()
        .collect();
    let mut kept = 0;
    for mut version in versions {
        let Some(conflict) = version.conflict.take() else {
            continue;
        };
        let keep = match choice {
            Choice::Take(side) => conflict.side.split('+').any(|s| s == side),
            Choice::All => true,
            Choice::Neither => false,
        };
        if keep {
            version.origin_mut().adjudicated_from = Some(conflict.side);
            store.replace_annotation(version);
            kept += 1;
        } else {
            store.remove_annotation(&version.id);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::disagreement::compare;
    use crate::domain::model::{Kind, Span};

    fn ann(id: &str, label: &str, start: usize, end: usize) -> Annotation {
        Annotation::new(id, Kind::Entity, label, vec![Span::new(start, end)])
    }

    fn sides() -> Vec<String> {
        vec!["A".into(), "B".into()]
    }

    fn two_analysts() -> (Store, Store) {
        let claim = Annotation::new("a3", Kind::Claim, "statement", vec![Span::new(20, 40)]);
        let a = Store::from_parts(
            vec![
                ann("a1", "ORG", 0, 5),
                ann("a2", "PERSON", 10, 15),
                claim.clone(),
            ],
            vec![Entity::new("e1", "Acme", "ORG")],
            vec![Relation::new("r1", "mentions", "a3", "a1")],
        );
        let b = Store::from_parts(
            vec![ann("a1", "ORG", 0, 5), ann("a7", "GPE", 10, 15), claim],
            vec![Entity::new("e4", "Acme", "ORG")],
            vec![Relation::new("r9", "mentions", "a3", "a1")],
        );
        (a, b)
    }

    #[test]
    fn agreements_come_once_and_versions_carry_their_side() {
        let (a, b) = two_analysts();
        let groups = compare(&[&a, &b]);
        let w = working(&[&a, &b], &groups, &sides(), false);
        let summary: Vec<(String, String, Option<String>, Option<String>)> = w
            .annotations
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    a.label.to_string(),
                    a.conflict.as_ref().map(|c| format!("{}/{}", c.set, c.side)),
                    a.origin.adjudicated_from.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("a1".into(), "ORG".into(), None, Some("A+B".into())),
                ("a2".into(), "PERSON".into(), Some("k1/A".into()), None),
                ("a3".into(), "GPE".into(), Some("k1/B".into()), None),
                ("a4".into(), "statement".into(), None, Some("A+B".into())),
            ]
        );
        assert_eq!(w.entities.len(), 1, "identical entities are kept once");
        assert_eq!(w.relations.len(), 1, "the same link from both is kept once");
        assert_eq!(
            (w.relations[0].from.as_str(), w.relations[0].to.as_str()),
            ("a4", "a1")
        );
    }

    fn working_store() -> Store {
        let (a, b) = two_analysts();
        let w = working(&[&a, &b], &compare(&[&a, &b]), &sides(), false);
        Store::from_parts(w.annotations, w.entities, w.relations)
    }

    #[test]
    fn taking_a_side_keeps_its_version_and_records_it() {
        let mut store = working_store();
        assert_eq!(open_sets(&store).len(), 1);
        assert_eq!(settle(&mut store, "k1", &Choice::Take("B".into())), 1);
        let kept = store.annotation("a3").unwrap();
        assert_eq!(kept.conflict, None);
        assert_eq!(kept.origin.adjudicated_from.as_deref(), Some("B"));
        assert!(store.annotation("a2").is_none());
        assert!(open_sets(&store).is_empty());
    }

    #[test]
    fn both_keeps_every_version_and_neither_none() {
        let mut store = working_store();
        assert_eq!(settle(&mut store, "k1", &Choice::All), 2);
        assert_eq!(store.annotation_count(), 4);
        let mut store = working_store();
        assert_eq!(settle(&mut store, "k1", &Choice::Neither), 0);
        assert_eq!(store.annotation_count(), 2);
        assert!(open_sets(&store).is_empty());
    }

    #[test]
    fn agreements_to_confirm_are_marked_with_every_side_and_either_side_keeps_them() {
        let (a, b) = two_analysts();
        let w = working(&[&a, &b], &compare(&[&a, &b]), &sides(), true);
        let sides_marked: Vec<String> = w
            .annotations
            .iter()
            .map(|a| {
                a.conflict
                    .as_ref()
                    .map(|c| c.side.clone())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(sides_marked, vec!["A+B", "A", "B", "A+B"]);
        let mut store = Store::from_parts(w.annotations, w.entities, w.relations);
        assert_eq!(settle(&mut store, "k1", &Choice::Take("B".into())), 1);
        let kept = store.annotation("a1").unwrap();
        assert_eq!(kept.origin.adjudicated_from.as_deref(), Some("A+B"));
        assert_eq!(settle(&mut store, "k3", &Choice::Neither), 0);
        assert!(store.annotation("a4").is_none());
    }

    #[test]
    fn a_decision_is_one_undoable_step() {
        let mut store = working_store();
        store.group(|s| settle(s, "k1", &Choice::Take("A".into())));
        assert!(open_sets(&store).is_empty());
        store.undo();
        assert_eq!(open_sets(&store)[0].versions, vec!["a2", "a3"]);
    }
}
