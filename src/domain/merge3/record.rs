//! What the three-way merge needs to know of each kind of record: its id, when two
//! versions say the same thing, when two additions are the same one, and how a version
//! is marked as one side of a conflict.

use serde_json::{Map, Value};

use super::fields::merge_fields;
use crate::domain::model::{Annotation, Conflict, Entity, Relation};

/// The key under which an entity or a relation carries its conflict mark (the same
/// shape as [`Annotation::conflict`]).
pub const CONFLICT_KEY: &str = "conflict";

/// A record of one of a sidecar's lists: an annotation, an entity or a relation.
pub(super) trait Record: Clone {
    /// The prefix of the ids the merge gives out for this list (`a`, `e`, `r`).
    const PREFIX: &'static str;

    /// The record's id.
    fn id(&self) -> &str;

    /// The record's id, to change.
    fn id_mut(&mut self) -> &mut String;

    /// Whether two versions say the same thing: the id and the bookkeeping of who last
    /// changed it and when aside.
    fn same_as(&self, other: &Self) -> bool;

    /// Whether two records added on different branches are the same addition.
    fn same_addition(&self, other: &Self) -> bool;

    /// Marks the record as one side of a conflict.
    fn mark(&mut self, conflict: Conflict);

    /// Points the record's references (an annotation's entity, a relation's ends) at
    /// the ids `map` gives them, where it gives one.
    fn repoint(&mut self, map: &dyn Fn(&str) -> Option<String>);

    /// The ids of other records this one refers to.
    fn references(&self) -> Vec<&str>;

    /// One record for a base record both branches changed differently, with the values
    /// of theirs it could not take (empty when it took them all); `None` when both
    /// versions are to be kept.
    fn settle(_base: &Self, _ours: &Self, _theirs: &Self) -> Option<(Self, Map<String, Value>)> {
        None
    }
}

impl Record for Annotation {
    const PREFIX: &'static str = "a";

    fn id(&self) -> &str {
        &self.id
    }

    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }

    fn same_as(&self, other: &Self) -> bool {
        let bare = |a: &Annotation| Annotation {
            id: String::new(),
            modified: None,
            annotator: None,
            ..a.clone()
        };
        bare(self) == bare(other)
    }

    fn same_addition(&self, other: &Self) -> bool {
        self.kind == other.kind && self.label == other.label && self.spans == other.spans
    }

    fn mark(&mut self, conflict: Conflict) {
        self.conflict = Some(Box::new(conflict));
    }

    fn repoint(&mut self, map: &dyn Fn(&str) -> Option<String>) {
        if let Some(new) = self.entity.as_deref().and_then(map) {
            self.entity = Some(new);
        }
    }

    fn references(&self) -> Vec<&str> {
        self.entity.as_deref().into_iter().collect()
    }
}

impl Record for Entity {
    const PREFIX: &'static str = "e";

    fn id(&self) -> &str {
        &self.id
    }

    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }

    fn same_as(&self, other: &Self) -> bool {
        Entity {
            id: other.id.clone(),
            ..self.clone()
        } == *other
    }

    fn same_addition(&self, other: &Self) -> bool {
        self.same_as(other)
    }

    fn mark(&mut self, conflict: Conflict) {
        mark_extra(&mut self.extra, conflict);
    }

    fn repoint(&mut self, _map: &dyn Fn(&str) -> Option<String>) {}

    fn references(&self) -> Vec<&str> {
        Vec::new()
    }

    /// Field by field (each attribute on its own): what one branch changed is taken;
    /// where both changed a field differently ours is kept and theirs is returned.
    fn settle(base: &Self, ours: &Self, theirs: &Self) -> Option<(Self, Map<String, Value>)> {
        let fields = |e: &Entity| match serde_json::to_value(e) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        };
        let (merged, clashes) =
            merge_fields(&fields(base)?, &fields(ours)?, &fields(theirs)?, &["attrs"]);
        let mut entity: Entity = serde_json::from_value(Value::Object(merged)).ok()?;
        entity.id = ours.id.clone();
        Some((entity, clashes))
    }
}

impl Record for Relation {
    const PREFIX: &'static str = "r";

    fn id(&self) -> &str {
        &self.id
    }

    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }

    fn same_as(&self, other: &Self) -> bool {
        Relation {
            id: other.id.clone(),
            ..self.clone()
        } == *other
    }

    fn same_addition(&self, other: &Self) -> bool {
        self.kind == other.kind && self.from == other.from && self.to == other.to
    }

    fn mark(&mut self, conflict: Conflict) {
        mark_extra(&mut self.extra, conflict);
    }

    fn repoint(&mut self, map: &dyn Fn(&str) -> Option<String>) {
        for end in [&mut self.from, &mut self.to] {
            if let Some(new) = map(end) {
                *end = new;
            }
        }
    }

    fn references(&self) -> Vec<&str> {
        vec![&self.from, &self.to]
    }
}

/// Writes `conflict` under [`CONFLICT_KEY`] among a record's own fields.
fn mark_extra(extra: &mut Map<String, Value>, conflict: Conflict) {
    let value = serde_json::to_value(conflict).unwrap_or(Value::Null);
    extra.insert(CONFLICT_KEY.to_string(), value);
}
