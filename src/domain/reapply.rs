//! Re-applying edits on a store that did not make them: the recovery journal on the
//! sidecar it was written against, and a session's unsaved edits on a sidecar another
//! program replaced. An edit applies only where it finds the item as it was before the
//! edit; otherwise it would silently undo someone else's change.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::done::DoneMark;
use super::edit::Edit;
use super::ids::number;
use super::model::{Annotation, Entity, Relation};
use super::store::Store;

/// What [`reapply`] did with the steps it was given.
#[derive(Debug, Default, PartialEq)]
pub struct Reapplied {
    /// Steps applied, each as one undoable step.
    pub applied: usize,
    /// Steps whose result the store already held (left alone).
    pub already: usize,
    /// Items added by a step whose id another item had taken meanwhile: the id they had
    /// and the fresh id they were given (in this and every later step).
    pub renumbered: Vec<(String, String)>,
    /// Steps that no longer fit the store, in order, not applied.
    pub left_out: Vec<Vec<Edit>>,
}

/// Applies each step of `steps` to `store` in order, each as one undoable step, when all
/// of its edits fit; a step the store already reflects is skipped. A step that adds an
/// item whose id another item took meanwhile gets a fresh id for it (kept for the later
/// steps). A step that still does not fit is left out and returned.
pub fn reapply(store: &mut Store, steps: &[Vec<Edit>]) -> Reapplied {
    let mut result = Reapplied::default();
    let mut ids = HashMap::new();
    for step in steps {
        let step: Vec<Edit> = step.iter().map(|e| renamed(e, &ids)).collect();
        if fits_all(store, step.iter().cloned()) {
            apply(store, step);
        } else if fits_all(store, step.iter().rev().map(Edit::inverse)) {
            result.already += 1;
            continue;
        } else {
            let fresh = fresh_ids(store, &step);
            let renumbered: Vec<Edit> = step.iter().map(|e| renamed(e, &fresh)).collect();
            if fresh.is_empty() || !fits_all(store, renumbered.iter().cloned()) {
                result.left_out.push(step);
                continue;
            }
            apply(store, renumbered);
            let mut fresh: Vec<(String, String)> = fresh.into_iter().collect();
            fresh.sort();
            ids.extend(fresh.iter().cloned());
            result.renumbered.extend(fresh);
        }
        result.applied += 1;
    }
    result
}

fn apply(store: &mut Store, step: Vec<Edit>) {
    store.group(|s| {
        for edit in step {
            s.apply(edit);
        }
    });
}

/// Fresh ids for the items `step` adds whose id is taken in `store`.
fn fresh_ids(store: &Store, step: &[Edit]) -> HashMap<String, String> {
    let mut fresh = HashMap::new();
    let mut chosen = HashSet::new();
    for edit in step {
        let (id, taken, first) = match edit {
            Edit::Annotation {
                before: None,
                after: Some(a),
            } => (
                &a.id,
                store.annotation(&a.id).is_some(),
                store.new_annotation_id(),
            ),
            Edit::Entity {
                before: None,
                after: Some(e),
            } => (&e.id, store.entity(&e.id).is_some(), store.new_entity_id()),
            Edit::Relation {
                before: None,
                after: Some(r),
            } => (
                &r.id,
                store.relation(&r.id).is_some(),
                store.new_relation_id(),
            ),
            _ => continue,
        };
        if !taken || fresh.contains_key(id) {
            continue;
        }
        let prefix = first
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_string();
        let mut candidate = first;
        while chosen.contains(&candidate) {
            let Some(n) = number(&candidate, &prefix).and_then(|n| n.checked_add(1)) else {
                return HashMap::new();
            };
            candidate = format!("{prefix}{n}");
        }
        chosen.insert(candidate.clone());
        fresh.insert(id.clone(), candidate);
    }
    fresh
}

/// `edit` with the ids in `ids` replaced wherever they appear (item ids, an annotation's
/// entity, a relation's ends).
fn renamed(edit: &Edit, ids: &HashMap<String, String>) -> Edit {
    let id = |s: &mut String| {
        if let Some(new) = ids.get(s.as_str()) {
            *s = new.clone();
        }
    };
    let mut edit = edit.clone();
    if ids.is_empty() {
        return edit;
    }
    match &mut edit {
        Edit::Annotation { before, after } => {
            for a in before.iter_mut().chain(after.iter_mut()) {
                let a = Arc::make_mut(a);
                id(&mut a.id);
                if let Some(entity) = a.entity.as_mut() {
                    id(entity);
                }
            }
        }
        Edit::Entity { before, after } => {
            for e in before.iter_mut().chain(after.iter_mut()) {
                let e = Arc::make_mut(e);
                id(&mut e.id);
            }
        }
        Edit::Relation { before, after } => {
            for r in before.iter_mut().chain(after.iter_mut()) {
                let r = Arc::make_mut(r);
                id(&mut r.id);
                id(&mut r.from);
                id(&mut r.to);
            }
        }
        Edit::Done { .. } => {}
    }
    edit
}

/// Whether `edits`, applied in order, each find what they expect in `store`.
fn fits_all(store: &Store, edits: impl Iterator<Item = Edit>) -> bool {
    let mut check = Check::default();
    edits.into_iter().all(|edit| check.fits(store, &edit))
}

/// The items as they would be after the edits checked so far (only those edited).
#[derive(Debug, Default)]
pub struct Check {
    annotations: HashMap<String, Option<Arc<Annotation>>>,
    entities: HashMap<String, Option<Arc<Entity>>>,
    relations: HashMap<String, Option<Arc<Relation>>>,
    /// The done mark as the edits checked so far leave it (`None`: not edited).
    done: Option<Option<DoneMark>>,
}

impl Check {
    /// Whether `edit` finds the item it changes as it expects (in `store`, or as an edit
    /// checked before left it); records the item as the edit leaves it.
    pub fn fits(&mut self, store: &Store, edit: &Edit) -> bool {
        match edit {
            Edit::Annotation { before, after } => fits(
                &mut self.annotations,
                |id| store.annotation(id),
                before,
                after,
                |a| &a.id,
            ),
            Edit::Entity { before, after } => fits(
                &mut self.entities,
                |id| store.entity(id),
                before,
                after,
                |e| &e.id,
            ),
            Edit::Relation { before, after } => fits(
                &mut self.relations,
                |id| store.relation(id),
                before,
                after,
                |r| &r.id,
            ),
            Edit::Done { before, .. } => {
                let now = self.done.clone().unwrap_or_else(|| store.done().cloned());
                let fits = now.as_ref() == before.as_ref();
                if let Edit::Done { after, .. } = edit {
                    self.done = Some(after.clone());
                }
                fits
            }
        }
    }
}

/// Whether the item the edit changes is as the edit expects, and an item it puts under
/// another id takes no one else's; records it as changed.
fn fits<'s, T: PartialEq + 's>(
    changed: &mut HashMap<String, Option<Arc<T>>>,
    stored: impl Fn(&str) -> Option<&'s T>,
    before: &Option<Arc<T>>,
    after: &Option<Arc<T>>,
    id_of: impl Fn(&T) -> &String,
) -> bool {
    let Some(id) = before.as_deref().or(after.as_deref()).map(&id_of) else {
        return true;
    };
    let now = |id: &str| match changed.get(id) {
        Some(item) => item.as_deref(),
        None => stored(id),
    };
    if now(id) != before.as_deref() {
        return false;
    }
    if let Some(moved) = after.as_deref().map(&id_of).filter(|new| *new != id) {
        if now(moved).is_some() {
            return false;
        }
    }
    changed.insert(id.clone(), None);
    if let Some(item) = after {
        changed.insert(id_of(item).clone(), Some(Arc::clone(item)));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    fn ann(id: &str, start: usize, label: &str) -> Annotation {
        Annotation::new(id, Kind::Entity, label, vec![Span::new(start, start + 3)])
    }

    fn labels(store: &Store) -> Vec<(String, String)> {
        store
            .annotations()
            .iter()
            .map(|a| (a.id.clone(), a.label.to_string()))
            .collect()
    }

    #[test]
    fn steps_that_fit_apply_and_the_others_are_returned() {
        // The session added a2 and relabelled a1; the file on disk meanwhile gained a9
        // and someone else relabelled a1 too.
        let mut session = Store::from_parts(vec![ann("a1", 0, "PERSON")], vec![], vec![]);
        session.record_applied();
        session.insert_annotation(ann("a2", 5, "ORG"));
        let add = session.take_applied();
        session.replace_annotation(ann("a1", 0, "ORG"));
        let relabel = session.take_applied();

        let mut disk = Store::from_parts(
            vec![ann("a1", 0, "LOC"), ann("a9", 10, "PERSON")],
            vec![],
            vec![],
        );
        let result = reapply(&mut disk, &[add.clone(), relabel.clone()]);
        assert_eq!(result.applied, 1);
        assert_eq!(result.already, 0);
        assert_eq!(result.left_out, vec![relabel]);
        assert_eq!(
            labels(&disk),
            vec![
                ("a1".to_string(), "LOC".to_string()),
                ("a2".to_string(), "ORG".to_string()),
                ("a9".to_string(), "PERSON".to_string()),
            ]
        );
        assert!(disk.undo().is_some(), "the step applied undoes");
        assert_eq!(disk.annotation_count(), 2);

        // Given again on a store that holds it: already there, nothing left out.
        let mut again = Store::from_parts(vec![ann("a2", 5, "ORG")], vec![], vec![]);
        let result = reapply(&mut again, &[add]);
        assert_eq!((result.applied, result.already), (0, 1));
        assert!(result.left_out.is_empty());
        assert!(!again.can_undo());
    }

    #[test]
    fn an_edit_never_moves_an_item_onto_an_id_in_use() {
        // A hand-edited step that turns a1 into a second a2.
        let mut store = Store::from_parts(
            vec![ann("a1", 0, "PERSON"), ann("a2", 5, "ORG")],
            vec![],
            vec![],
        );
        let step = vec![Edit::Annotation {
            before: Some(Arc::new(ann("a1", 0, "PERSON"))),
            after: Some(Arc::new(ann("a2", 0, "PERSON"))),
        }];
        let result = reapply(&mut store, std::slice::from_ref(&step));
        assert_eq!(result.left_out, vec![step]);
        assert_eq!(store.annotation("a2").unwrap().label, "ORG");
        assert!(store.annotation("a1").is_some());
    }

    #[test]
    fn an_added_item_whose_id_was_taken_gets_a_fresh_one_everywhere() {
        // The session added a2 and then linked a1 to it; another analyst added an a2 of
        // their own.
        let mut session = Store::from_parts(vec![ann("a1", 0, "PERSON")], vec![], vec![]);
        session.record_applied();
        session.insert_annotation(ann("a2", 5, "ORG"));
        let add = session.take_applied();
        session.put_relation(Relation::new("r1", "supports", "a1", "a2"));
        let link = session.take_applied();
        let mut theirs = ann("a2", 10, "LOC");
        theirs.note = Some("theirs".to_string());
        let mut disk =
            Store::from_parts(vec![ann("a1", 0, "PERSON"), theirs.clone()], vec![], vec![]);
        let result = reapply(&mut disk, &[add, link]);
        assert_eq!(result.applied, 2);
        assert!(result.left_out.is_empty());
        assert_eq!(
            result.renumbered,
            vec![("a2".to_string(), "a3".to_string())]
        );
        assert_eq!(disk.annotation("a2"), Some(&theirs));
        assert_eq!(disk.annotation("a3").unwrap().label, "ORG");
        let r1 = disk.relation("r1").unwrap();
        assert_eq!((r1.from.as_str(), r1.to.as_str()), ("a1", "a3"));
    }
}
