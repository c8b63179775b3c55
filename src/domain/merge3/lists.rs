//! The three-way merge of one list of records (annotations, entities or relations),
//! matched by id against the common ancestor.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::record::Record;
use super::Tally;
use crate::domain::ids::IdCounter;
use crate::domain::model::{Conflict, ExtraFields};

/// Which branch a version comes from, as the conflict mark names it.
pub(super) const OURS: &str = "ours";
/// See [`OURS`].
pub(super) const THEIRS: &str = "theirs";

/// The counters the merge gives ids out from, shared by the lists of one merge.
pub(super) struct Fresh {
    /// Record ids, for the list being merged: none is used anywhere in the three files.
    pub ids: IdCounter,
    /// Conflict sets (`k1`, `k2`…): none is used in the three files.
    pub sets: IdCounter,
}

/// One list merged.
pub(super) struct Merged<T> {
    /// The records of the result, ours' order first, then theirs' additions.
    pub records: Vec<T>,
    /// For theirs' additions that are in the result under another id (renumbered, or
    /// the same as one of ours'): their id in theirs → their id in the result.
    pub theirs_ids: HashMap<String, String>,
}

/// Merges one list. `theirs` must already refer to the result's ids (see
/// [`Record::repoint`]).
pub(super) fn merge_list<T: Record>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    fresh: &mut Fresh,
    tally: &mut Tally,
) -> Merged<T> {
    let in_base: HashMap<&str, &T> = base.iter().map(|r| (r.id(), r)).collect();
    let ours_by_id: HashMap<&str, &T> = ours.iter().map(|r| (r.id(), r)).collect();
    let theirs_by_id: HashMap<&str, &T> = theirs.iter().map(|r| (r.id(), r)).collect();
    let mut records = Vec::with_capacity(ours.len().max(theirs.len()));
    for b in base {
        let id = b.id();
        match (ours_by_id.get(id), theirs_by_id.get(id)) {
            (Some(o), Some(t)) => both_kept(b, o, t, &mut records, fresh, tally),
            (Some(kept), None) | (None, Some(kept)) if kept.same_as(b) => tally.deleted += 1,
            (Some(o), None) => {
                records.push(marked(o, fresh.sets.next_id(), OURS, Some(id)));
                tally.conflicts += 1;
            }
            (None, Some(t)) => {
                records.push(marked(t, fresh.sets.next_id(), THEIRS, Some(id)));
                tally.conflicts += 1;
            }
            (None, None) => tally.deleted += 1,
        }
    }
    let ours_new_from = records.len();
    for o in ours.iter().filter(|o| !in_base.contains_key(o.id())) {
        records.push(o.clone());
        tally.added_ours += 1;
    }
    let ours_new_to = records.len();
    let mut taken: HashSet<String> = ours
        .iter()
        .chain(base)
        .map(|r| r.id().to_string())
        .collect();
    let mut theirs_ids = HashMap::new();
    for t in theirs.iter().filter(|t| !in_base.contains_key(t.id())) {
        let mut t = t.clone();
        let twin = (ours_new_from..ours_new_to).find(|&i| records[i].same_addition(&t));
        if let Some(i) = twin {
            if records[i].same_as(&t) {
                theirs_ids.insert(t.id().to_string(), records[i].id().to_string());
                tally.kept_once += 1;
                continue;
            }
            let set = fresh.sets.next_id();
            records[i] = marked(&records[i], set.clone(), OURS, None);
            t = marked(&t, set, THEIRS, None);
            tally.conflicts += 1;
        }
        if !taken.insert(t.id().to_string()) {
            let new = fresh.ids.next_id();
            tally.renumbered.push((t.id().to_string(), new.clone()));
            theirs_ids.insert(t.id().to_string(), new.clone());
            *t.id_mut() = new.clone();
            taken.insert(new);
        }
        records.push(t);
        tally.added_theirs += 1;
    }
    Merged {
        records,
        theirs_ids,
    }
}

/// A base record both branches kept: the changed version when only one changed it,
/// one version when both changed it alike, else the two settled into one (entities) or
/// both kept, marked as one conflict, theirs under a fresh id.
fn both_kept<T: Record>(
    b: &T,
    o: &T,
    t: &T,
    records: &mut Vec<T>,
    fresh: &mut Fresh,
    tally: &mut Tally,
) {
    if t.same_as(b) || o.same_as(t) {
        records.push(o.clone());
    } else if o.same_as(b) {
        records.push(t.clone());
    } else if let Some((settled, clashes)) = T::settle(b, o, t) {
        if clashes.is_empty() {
            records.push(settled);
        } else {
            let mut mark = conflict(fresh.sets.next_id(), OURS, Some(b.id()));
            mark.extra
                .insert(THEIRS.to_string(), Value::Object(clashes));
            let mut settled = settled;
            settled.mark(mark);
            records.push(settled);
            tally.conflicts += 1;
        }
    } else {
        let set = fresh.sets.next_id();
        records.push(marked(o, set.clone(), OURS, Some(b.id())));
        let mut theirs = marked(t, set, THEIRS, Some(b.id()));
        let new = fresh.ids.next_id();
        tally.renumbered.push((b.id().to_string(), new.clone()));
        *theirs.id_mut() = new;
        records.push(theirs);
        tally.conflicts += 1;
    }
}

/// A copy of `record` marked as the `side` of conflict `set`.
pub(super) fn marked<T: Record>(record: &T, set: String, side: &str, base: Option<&str>) -> T {
    let mut record = record.clone();
    record.mark(conflict(set, side, base));
    record
}

fn conflict(set: String, side: &str, base: Option<&str>) -> Conflict {
    Conflict {
        set,
        side: side.to_string(),
        base: base.map(str::to_string),
        extra: ExtraFields::new(),
    }
}
