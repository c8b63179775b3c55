//! Edits: every change to the annotation store is one, and each can be inverted.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::done::DoneMark;
use super::model::{Annotation, Entity, Relation};

/// One invertible change: an item goes from `before` to `after` (`None` = absent), so
/// insertion, removal and replacement are the same edit and the inverse swaps the two.
/// Items are shared with the store (`Arc`): the undo history holds the versions the
/// store held or holds, never copies of them.
///
/// Serialized (in the recovery journal) as `{"item": "annotation", "before": …,
/// "after": …}`, spans in bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Edit {
    /// An annotation is added, removed or replaced.
    Annotation {
        /// The annotation as it was (`None`: it did not exist).
        before: Option<Arc<Annotation>>,
        /// The annotation as it becomes (`None`: it is removed).
        after: Option<Arc<Annotation>>,
    },
    /// An entity is added, removed or replaced.
    Entity {
        /// The entity as it was.
        before: Option<Arc<Entity>>,
        /// The entity as it becomes.
        after: Option<Arc<Entity>>,
    },
    /// A relation is added, removed or replaced.
    Relation {
        /// The relation as it was.
        before: Option<Arc<Relation>>,
        /// The relation as it becomes.
        after: Option<Arc<Relation>>,
    },
    /// The article's done mark is set, taken back or replaced.
    Done {
        /// The mark as it was.
        before: Option<DoneMark>,
        /// The mark as it becomes.
        after: Option<DoneMark>,
    },
}

/// Which store an edited item lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// An annotation.
    Annotation,
    /// An entity.
    Entity,
    /// A relation.
    Relation,
    /// The article's done mark (its id is empty: there is one).
    Done,
}

impl Edit {
    /// The item this edit changes: its store and its id.
    pub fn item(&self) -> (Item, &str) {
        fn id_of<'a, T>(
            before: &'a Option<T>,
            after: &'a Option<T>,
            id: fn(&T) -> &str,
        ) -> &'a str {
            before.as_ref().or(after.as_ref()).map_or("", id)
        }
        match self {
            Edit::Annotation { before, after } => {
                (Item::Annotation, id_of(before, after, |a| &a.id))
            }
            Edit::Entity { before, after } => (Item::Entity, id_of(before, after, |e| &e.id)),
            Edit::Relation { before, after } => (Item::Relation, id_of(before, after, |r| &r.id)),
            Edit::Done { .. } => (Item::Done, ""),
        }
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::Annotation { before, after } => Edit::Annotation {
                before: after,
                after: before,
            },
            Edit::Entity { before, after } => Edit::Entity {
                before: after,
                after: before,
            },
            Edit::Relation { before, after } => Edit::Relation {
                before: after,
                after: before,
            },
            Edit::Done { before, after } => Edit::Done {
                before: after,
                after: before,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    #[test]
    fn round_trips_through_json() {
        let edits = vec![
            Edit::Annotation {
                before: None,
                after: Some(Arc::new(Annotation::new(
                    "a1",
                    Kind::Claim,
                    "factual",
                    vec![Span::new(3, 9)],
                ))),
            },
            Edit::Entity {
                before: Some(Arc::new(Entity::new("e1", "Sultan", "PERSON"))),
                after: None,
            },
            Edit::Relation {
                before: None,
                after: Some(Arc::new(Relation::new("r1", "attributed_to", "a1", "a2"))),
            },
        ];
        let text = serde_json::to_string(&edits).unwrap();
        assert!(
            text.starts_with(r#"[{"item":"annotation","before":null"#),
            "{text}"
        );
        let back: Vec<Edit> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, edits);
    }
}
