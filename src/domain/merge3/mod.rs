//! The three-way merge of sidecars, for `scholia merge-driver` (DESIGN §10): two
//! branches' versions of one sidecar and their common ancestor become one sidecar, at
//! the level of annotations, entities and relations, never with conflict markers in
//! the JSON and never losing a record either branch has.
//!
//! Records are matched by id against the ancestor (`docs/sidecar.md`, "Merging in
//! git"): what one branch changed is taken; a deletion on one branch is applied when the
//! other left the record alone; both branches' additions are kept, theirs renumbered
//! where the id is taken, with every reference of theirs following; the same addition
//! on both is kept once. What cannot be decided is kept and marked for adjudication:
//! an annotation or relation changed differently on both keeps both versions (theirs
//! under a fresh id), an entity keeps ours' value of each field both changed and
//! records theirs', and a record deleted on one branch but changed, or still referred
//! to, on the other is kept.

mod fields;
mod lists;
mod record;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::ids::{natural_cmp, IdCounter};
use super::model::{Annotation, Entity, Relation};
use super::schema::SchemaExtension;
use super::sidecar::{SidecarFile, SCHEMA_KEY};
pub use fields::merge_fields;
use lists::{marked, merge_list, Fresh, OURS, THEIRS};
use record::Record;
pub use record::CONFLICT_KEY;

/// What a merge did, counted over annotations, entities and relations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Records ours added.
    pub added_ours: usize,
    /// Records theirs added (renumbered ones included).
    pub added_theirs: usize,
    /// Records both added alike, kept once.
    pub kept_once: usize,
    /// Deletions applied.
    pub deleted: usize,
    /// Conflicts recorded for adjudication (sets of marked versions).
    pub conflicts: usize,
    /// `(id in theirs, id in the result)` for every record of theirs that got a new id.
    pub renumbered: Vec<(String, String)>,
    /// Unknown top-level fields both branches changed differently: ours' value is kept.
    pub fields_kept_ours: Vec<String>,
}

/// The merged sidecar and what the merge did.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The sidecar to write.
    pub file: SidecarFile,
    /// What the merge did.
    pub tally: Tally,
}

/// Merges `ours` and `theirs`, two versions of a sidecar descended from `base` (`None`
/// when the file is new on both branches). The result keeps ours' ids; it has a
/// conflict when `tally.conflicts` is not zero.
pub fn merge(base: Option<&SidecarFile>, ours: &SidecarFile, theirs: &SidecarFile) -> Merged {
    let empty = SidecarFile::default();
    let base = base.unwrap_or(&empty);
    let files = [base, ours, theirs];
    let every_id = every_id(&files);
    let counter = |prefix| IdCounter::new(prefix, every_id.iter().map(String::as_str));
    let mut fresh = Fresh {
        ids: counter(Entity::PREFIX),
        sets: IdCounter::new("k", conflict_sets(&files).iter().map(String::as_str)),
    };
    let mut tally = Tally::default();

    let entities = merge_list(
        &base.entities,
        &ours.entities,
        &theirs.entities,
        &mut fresh,
        &mut tally,
    );
    let theirs_annotations = repointed(&theirs.annotations, &[&entities.theirs_ids]);
    fresh.ids = counter(Annotation::PREFIX);
    let annotations = merge_list(
        &base.annotations,
        &ours.annotations,
        &theirs_annotations,
        &mut fresh,
        &mut tally,
    );
    let theirs_relations = repointed(
        &theirs.relations,
        &[&annotations.theirs_ids, &entities.theirs_ids],
    );
    fresh.ids = counter(Relation::PREFIX);
    let relations = merge_list(
        &base.relations,
        &ours.relations,
        &theirs_relations,
        &mut fresh,
        &mut tally,
    );

    let mut merged = SidecarFile {
        format: ours.format.clone(),
        document: if ours.document == base.document {
            theirs.document.clone()
        } else {
            ours.document.clone()
        },
        entities: entities.records,
        annotations: annotations.records,
        relations: relations.records,
        // The done mark follows whichever branch changed it; when both did, ours.
        done: if ours.done == base.done {
            theirs.done.clone()
        } else {
            ours.done.clone()
        },
        extra: Default::default(),
    };
    let (mut extra, mut clashes) =
        fields::merge_fields(&base.extra, &ours.extra, &theirs.extra, &[]);
    // The labels imports added to the schema only grow: both branches' are kept.
    if let (Some(a), Some(b)) = (ours.extra.get(SCHEMA_KEY), theirs.extra.get(SCHEMA_KEY)) {
        let mut schema = SchemaExtension::from_json(a);
        schema.merge(&SchemaExtension::from_json(b));
        extra.insert(SCHEMA_KEY.to_string(), schema.to_json());
        clashes.remove(SCHEMA_KEY);
    }
    merged.extra = extra;
    tally.fields_kept_ours = clashes.keys().cloned().collect();
    keep_referred_to(&files, &mut merged, &mut fresh.sets, &mut tally);
    merged.annotations.sort_by(|a, b| {
        let (ea, eb) = (a.extent(), b.extent());
        (ea.start, ea.end)
            .cmp(&(eb.start, eb.end))
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    merged.entities.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    merged.relations.sort_by(|a, b| natural_cmp(&a.id, &b.id));
    Merged {
        file: merged,
        tally,
    }
}

/// Every id and every reference in the files: a fresh id is none of them.
fn every_id(files: &[&SidecarFile]) -> HashSet<String> {
    let mut ids = HashSet::new();
    for file in files {
        for a in &file.annotations {
            ids.insert(a.id.clone());
            ids.extend(a.entity.clone());
        }
        ids.extend(file.entities.iter().map(|e| e.id.clone()));
        for r in &file.relations {
            ids.extend([r.id.clone(), r.from.clone(), r.to.clone()]);
        }
    }
    ids
}

/// The conflict sets the files already use.
fn conflict_sets(files: &[&SidecarFile]) -> Vec<String> {
    let set_of = |extra: &serde_json::Map<String, Value>| {
        extra
            .get(CONFLICT_KEY)
            .and_then(|c| c.get("set"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    files
        .iter()
        .flat_map(|f| {
            let annotations = f
                .annotations
                .iter()
                .filter_map(|a| a.conflict.as_ref().map(|c| c.set.clone()));
            let entities = f.entities.iter().filter_map(|e| set_of(&e.extra));
            let relations = f.relations.iter().filter_map(|r| set_of(&r.extra));
            annotations
                .chain(entities)
                .chain(relations)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Copies of `records` whose references follow the first of `maps` that names them.
fn repointed<T: Record>(records: &[T], maps: &[&HashMap<String, String>]) -> Vec<T> {
    let lookup = |id: &str| maps.iter().find_map(|m| m.get(id).cloned());
    records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.repoint(&lookup);
            r
        })
        .collect()
}

/// Brings back, marked, every annotation or entity deleted on one branch that a record
/// of the result still refers to (a link the other branch made to it), as the branch
/// that kept it has it; until nothing refers to a record that is gone.
fn keep_referred_to(
    files: &[&SidecarFile; 3],
    merged: &mut SidecarFile,
    sets: &mut IdCounter,
    tally: &mut Tally,
) {
    let [base, ours, theirs] = files;
    loop {
        let present: HashSet<&str> = merged
            .annotations
            .iter()
            .map(|a| a.id.as_str())
            .chain(merged.entities.iter().map(|e| e.id.as_str()))
            .collect();
        let mut missing: Vec<String> = merged
            .annotations
            .iter()
            .flat_map(Record::references)
            .chain(merged.relations.iter().flat_map(Record::references))
            .filter(|id| !present.contains(id))
            .map(str::to_string)
            .collect();
        missing.sort();
        missing.dedup();
        let mut brought_back = false;
        for id in missing {
            let annotation = kept_by(
                &id,
                &base.annotations,
                &ours.annotations,
                &theirs.annotations,
            );
            let entity = kept_by(&id, &base.entities, &ours.entities, &theirs.entities);
            if let Some((a, side)) = annotation {
                merged
                    .annotations
                    .push(marked(a, sets.next_id(), side, Some(&id)));
            } else if let Some((e, side)) = entity {
                merged
                    .entities
                    .push(marked(e, sets.next_id(), side, Some(&id)));
            } else {
                continue;
            }
            brought_back = true;
            tally.deleted = tally.deleted.saturating_sub(1);
            tally.conflicts += 1;
        }
        if !brought_back {
            return;
        }
    }
}

/// The version of base record `id` that the branch which kept it has, and the branch.
fn kept_by<'a, T: Record>(
    id: &str,
    base: &[T],
    ours: &'a [T],
    theirs: &'a [T],
) -> Option<(&'a T, &'static str)> {
    base.iter().find(|b| b.id() == id)?;
    let find = |list: &'a [T]| list.iter().find(|r| r.id() == id);
    find(ours)
        .map(|r| (r, OURS))
        .or_else(|| find(theirs).map(|r| (r, THEIRS)))
}
