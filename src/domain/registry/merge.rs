//! The three-way merge of two branches' registries, for `scholia merge-driver`
//! (`docs/registry.md`, "Merging in git"). Entries are matched by id against the common
//! ancestor, as a sidecar's records are: what one branch changed is taken; what both
//! changed differently is settled field by field, ours kept where both changed a field
//! and theirs' value recorded beside it; both branches' additions are kept, the same
//! entry added on both (same folded name and kind) once. Sidecars may already point at
//! an id theirs added, so a colliding new id of theirs is never silently given to
//! another entry: theirs' entry gets a fresh id, says which id it had
//! (`renumbered_from`) and is marked as a conflict for a person to settle.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::entry::Entry;
use super::file::Registry;
use super::names::fold_name;
use crate::domain::ids::IdCounter;
use crate::domain::merge3::{merge_fields, Tally, CONFLICT_KEY};
use crate::domain::model::{Conflict, ExtraFields};

/// The field where an entry of theirs that got a new id in the merge keeps the id it had
/// on its branch (which that branch's sidecars may point at).
pub const RENUMBERED_FROM: &str = "renumbered_from";

/// The key of a conflict mark under which theirs' values not taken are recorded.
const THEIRS_VALUES: &str = "theirs";

/// The key of a conflict mark naming the fields one branch changed on an entry the other
/// branch made a redirect (where no one would see them).
const CHANGED_ON_REDIRECT: &str = "changed_on_redirect";

/// The fields merged as sets of names rather than as one value.
const NAME_LISTS: [&str; 2] = ["aliases", "external"];

/// The merged registry and what the merge did.
#[derive(Debug, Clone)]
pub struct MergedRegistry {
    /// The registry to write.
    pub registry: Registry,
    /// What the merge did, counted in entries.
    pub tally: Tally,
}

/// Where an entry theirs added goes in the result.
enum Placement {
    /// Ours added the same entry under the same id: one entry, names united.
    United(String),
    /// Ours added the same entry under another id, and theirs' id is free: names united
    /// into ours' entry, theirs' entry kept as a redirect to it.
    Redirected(String),
    /// Theirs' id is taken by another entry: theirs' entry under this fresh id, marked.
    Renumbered(String),
    /// A new entry only theirs has, under its own id.
    Kept,
}

/// Merges `ours` and `theirs`, two versions of a registry descended from `base` (`None`
/// when the file is new on both branches). The result keeps ours' ids; it has a
/// conflict when `tally.conflicts` is not zero.
pub fn merge(base: Option<&Registry>, ours: &Registry, theirs: &Registry) -> MergedRegistry {
    let empty = Registry::new();
    let base = base.unwrap_or(&empty);
    let files = [base, ours, theirs];
    let mut sets = IdCounter::new("k", conflict_sets(&files).iter().map(String::as_str));
    let every_id = every_id(&files);
    let mut fresh = IdCounter::new("r", every_id.iter().map(String::as_str));
    let mut tally = Tally::default();
    let in_base: HashSet<&str> = base.entries.iter().map(|e| e.id.as_str()).collect();
    let ours_new: Vec<&Entry> = ours
        .entries
        .iter()
        .filter(|e| !in_base.contains(e.id.as_str()))
        .collect();

    // Where each of theirs' additions goes, before anything else: theirs' redirects
    // must follow the ids it moves to.
    let mut taken: HashSet<&str> = base
        .entries
        .iter()
        .chain(&ours.entries)
        .map(|e| e.id.as_str())
        .collect();
    let mut placements = Vec::new();
    for t in theirs
        .entries
        .iter()
        .filter(|e| !in_base.contains(e.id.as_str()))
    {
        let twin = ours_new.iter().find(|o| same_addition(o, t));
        let placement = match twin {
            Some(o) if o.id == t.id => Placement::United(o.id.clone()),
            _ if taken.contains(t.id.as_str()) => Placement::Renumbered(fresh.next_id()),
            Some(o) => Placement::Redirected(o.id.clone()),
            None => Placement::Kept,
        };
        taken.insert(t.id.as_str());
        placements.push((t, placement));
    }
    let moved: HashMap<String, String> = placements
        .iter()
        .filter_map(|(t, p)| match p {
            Placement::Redirected(id) | Placement::Renumbered(id) => {
                Some((t.id.clone(), id.clone()))
            }
            _ => None,
        })
        .collect();
    let repointed = |e: &Entry| {
        let mut e = e.clone();
        if let Some(new) = e.merged_into.as_deref().and_then(|id| moved.get(id)) {
            e.merged_into = Some(new.to_string());
        }
        e
    };

    let mut entries = Vec::new();
    let ours_by_id: HashMap<&str, &Entry> =
        ours.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let theirs_by_id: HashMap<&str, Entry> = theirs
        .entries
        .iter()
        .map(|e| (e.id.as_str(), repointed(e)))
        .collect();
    for b in &base.entries {
        let ours_version = ours_by_id.get(b.id.as_str()).copied();
        match (ours_version, theirs_by_id.get(b.id.as_str())) {
            (Some(o), Some(t)) => entries.push(both_kept(b, o, t, &mut sets, &mut tally)),
            (Some(kept), None) | (None, Some(kept)) if kept == b => tally.deleted += 1,
            (Some(kept), None) | (None, Some(kept)) => {
                let side = if ours_version.is_some() {
                    "ours"
                } else {
                    "theirs"
                };
                let mut kept = kept.clone();
                mark(&mut kept, conflict(sets.next_id(), side, Some(&b.id)));
                entries.push(kept);
                tally.conflicts += 1;
            }
            (None, None) => tally.deleted += 1,
        }
    }
    for o in &ours_new {
        let mut entry = (*o).clone();
        for (t, placement) in &placements {
            if let Placement::United(id) | Placement::Redirected(id) = placement {
                if *id == o.id {
                    unite(&mut entry, t, &mut sets, &mut tally);
                    tally.kept_once += 1;
                }
            }
        }
        entries.push(entry);
        tally.added_ours += 1;
    }
    for (t, placement) in placements {
        let mut entry = repointed(t);
        match placement {
            Placement::United(_) => continue,
            Placement::Redirected(into) => entry.merged_into = Some(into),
            Placement::Renumbered(new) => {
                tally.renumbered.push((t.id.clone(), new.clone()));
                entry
                    .extra
                    .insert(RENUMBERED_FROM.to_string(), Value::String(t.id.clone()));
                entry.id = new;
                mark(&mut entry, conflict(sets.next_id(), "theirs", None));
                tally.conflicts += 1;
                tally.added_theirs += 1;
            }
            Placement::Kept => tally.added_theirs += 1,
        }
        entries.push(entry);
    }

    keep_redirect_targets(
        &mut entries,
        [
            &ours_by_id,
            &theirs_by_id.iter().map(|(k, v)| (*k, v)).collect(),
        ],
        &mut sets,
        &mut tally,
    );
    let (extra, clashes) = merge_fields(&base.extra, &ours.extra, &theirs.extra, &[]);
    tally.fields_kept_ours = clashes.keys().cloned().collect();
    let mut registry = Registry {
        format: ours.format.clone(),
        entries,
        extra,
    };
    registry.sort();
    MergedRegistry { registry, tally }
}

/// Brings back, marked, every entry deleted on one branch that an entry of the result
/// still redirects to (the other branch merged an entry into it), as the branch that
/// kept it has it; until no redirect points at nothing.
fn keep_redirect_targets(
    entries: &mut Vec<Entry>,
    kept_by: [&HashMap<&str, &Entry>; 2],
    sets: &mut IdCounter,
    tally: &mut Tally,
) {
    loop {
        let present: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        let mut missing: Vec<String> = entries
            .iter()
            .filter_map(|e| e.merged_into.as_deref())
            .filter(|id| !present.contains(id))
            .map(str::to_string)
            .collect();
        missing.sort();
        missing.dedup();
        let mut brought_back = false;
        for id in missing {
            let found = kept_by
                .iter()
                .zip(["ours", "theirs"])
                .find_map(|(side, name)| Some((side.get(id.as_str())?, name)));
            if let Some((entry, side)) = found {
                let mut entry = (*entry).clone();
                mark(&mut entry, conflict(sets.next_id(), side, Some(&id)));
                entries.push(entry);
                tally.deleted = tally.deleted.saturating_sub(1);
                tally.conflicts += 1;
                brought_back = true;
            }
        }
        if !brought_back {
            return;
        }
    }
}

/// Whether two entries added on different branches are the same one: both live, of one
/// kind, with the same name folded.
fn same_addition(ours: &Entry, theirs: &Entry) -> bool {
    ours.merged_into.is_none()
        && theirs.merged_into.is_none()
        && ours.kind == theirs.kind
        && fold_name(&ours.name) == fold_name(&theirs.name)
}

/// A base entry both branches kept: the changed version when only one changed it, else
/// the two settled field by field (aliases and external ids as sets), ours kept and
/// theirs recorded in the conflict mark where both changed a field differently. An
/// entry one branch made a redirect while the other changed it is marked too: the
/// change would be hidden behind the redirect.
fn both_kept(
    base: &Entry,
    ours: &Entry,
    theirs: &Entry,
    sets: &mut IdCounter,
    tally: &mut Tally,
) -> Entry {
    if theirs == base || ours == theirs {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let (b, o, t) = (fields(base), fields(ours), fields(theirs));
    let (merged, clashes) = merge_fields(&b, &o, &t, &[]);
    let mut entry = entry_of(merged, ours);
    entry.aliases = merge_set(&base.aliases, &ours.aliases, &theirs.aliases);
    entry.external = merge_set(&base.external, &ours.external, &theirs.external);
    let redirected_by = match (&base.merged_into, &ours.merged_into, &theirs.merged_into) {
        (None, Some(_), _) => Some(theirs),
        (None, None, Some(_)) => Some(ours),
        _ => None,
    };
    let hidden: Vec<Value> = redirected_by
        .map(|other| {
            let other = fields(other);
            let mut keys: Vec<&String> = other.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .filter(|k| *k != "merged_into" && other.get(*k) != b.get(*k))
                .map(|k| Value::String(k.clone()))
                .collect()
        })
        .unwrap_or_default();
    if !clashes.is_empty() || !hidden.is_empty() {
        let mut mark_of = conflict(sets.next_id(), "ours", Some(&base.id));
        if !clashes.is_empty() {
            mark_of
                .extra
                .insert(THEIRS_VALUES.to_string(), Value::Object(clashes));
        }
        if !hidden.is_empty() {
            mark_of
                .extra
                .insert(CHANGED_ON_REDIRECT.to_string(), Value::Array(hidden));
        }
        mark(&mut entry, mark_of);
        tally.conflicts += 1;
    }
    entry
}

/// Unites into `entry` (ours) the same entry theirs added: theirs' name (when spelt
/// otherwise), aliases and external ids join ours'; a field only theirs set is taken;
/// a field both set differently keeps ours and records theirs in a conflict mark.
fn unite(entry: &mut Entry, theirs: &Entry, sets: &mut IdCounter, tally: &mut Tally) {
    let without_name = |e: &Entry| {
        let mut map = fields(e);
        map.remove("name");
        map
    };
    let (mut merged, clashes) = merge_fields(
        &Map::new(),
        &without_name(entry),
        &without_name(theirs),
        &[],
    );
    merged.insert("name".to_string(), Value::String(entry.name.clone()));
    let mut united = entry_of(merged, entry);
    for name in theirs.names() {
        if name != united.name && !united.aliases.iter().any(|a| a == name) {
            united.aliases.push(name.to_string());
        }
    }
    for id in &theirs.external {
        if !united.external.contains(id) {
            united.external.push(id.clone());
        }
    }
    if !clashes.is_empty() {
        let mut mark_of = conflict(sets.next_id(), "ours", None);
        mark_of
            .extra
            .insert(THEIRS_VALUES.to_string(), Value::Object(clashes));
        mark(&mut united, mark_of);
        tally.conflicts += 1;
    }
    *entry = united;
}

/// An entry's fields as JSON, with the id, the name and the name lists left out (they
/// are merged apart).
fn fields(entry: &Entry) -> Map<String, Value> {
    let mut map = match serde_json::to_value(entry) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    map.remove("id");
    for key in NAME_LISTS {
        map.remove(key);
    }
    map
}

/// The entry `merged` fields make, under `ours`' id, with ours' name lists (the caller
/// merges them). Only a clash of required fields could make the fields unreadable, and
/// those keep ours' value; ours is then the safe answer.
fn entry_of(mut merged: Map<String, Value>, ours: &Entry) -> Entry {
    merged.insert("id".to_string(), Value::String(ours.id.clone()));
    let mut entry: Entry =
        serde_json::from_value(Value::Object(merged)).unwrap_or_else(|_| ours.clone());
    entry.aliases = ours.aliases.clone();
    entry.external = ours.external.clone();
    entry
}

/// A list of names merged as a set: ours' order, then what theirs added; a name either
/// branch removed from the ancestor's is gone.
fn merge_set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let removed =
        |name: &String| base.contains(name) && (!ours.contains(name) || !theirs.contains(name));
    let mut merged: Vec<String> = Vec::new();
    for name in ours.iter().chain(theirs) {
        if !removed(name) && !merged.contains(name) {
            merged.push(name.clone());
        }
    }
    merged
}

/// Every id the files use or point at: a fresh id is none of them.
fn every_id(files: &[&Registry]) -> HashSet<String> {
    let mut ids = HashSet::new();
    for entry in files.iter().flat_map(|f| &f.entries) {
        ids.insert(entry.id.clone());
        ids.extend(entry.merged_into.clone());
        if let Some(Value::String(old)) = entry.extra.get(RENUMBERED_FROM) {
            ids.insert(old.clone());
        }
    }
    ids
}

/// The conflict sets the files already use.
fn conflict_sets(files: &[&Registry]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| &f.entries)
        .filter_map(|e| e.extra.get(CONFLICT_KEY)?.get("set")?.as_str())
        .map(str::to_string)
        .collect()
}

fn conflict(set: String, side: &str, base: Option<&str>) -> Conflict {
    Conflict {
        set,
        side: side.to_string(),
        base: base.map(str::to_string),
        extra: ExtraFields::new(),
    }
}

/// Writes `conflict` under [`CONFLICT_KEY`] among the entry's own fields.
fn mark(entry: &mut Entry, conflict: Conflict) {
    let value = serde_json::to_value(conflict).unwrap_or(Value::Null);
    entry.extra.insert(CONFLICT_KEY.to_string(), value);
}

#[cfg(test)]
mod tests;
