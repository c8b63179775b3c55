//! Edits: every change to the annotation store is one, and each can be inverted.

use super::model::{Annotation, Entity, Relation};

/// One invertible change: an item goes from `before` to `after` (`None` = absent), so
/// insertion, removal and replacement are the same edit and the inverse swaps the two.
/// Annotations are larger than entities and relations; boxing them would buy nothing here,
/// since every edit in the history is an annotation edit more often than not.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// An annotation is added, removed or replaced.
    Annotation {
        /// The annotation as it was (`None`: it did not exist).
        before: Option<Annotation>,
        /// The annotation as it becomes (`None`: it is removed).
        after: Option<Annotation>,
    },
    /// An entity is added, removed or replaced.
    Entity {
        /// The entity as it was.
        before: Option<Entity>,
        /// The entity as it becomes.
        after: Option<Entity>,
    },
    /// A relation is added, removed or replaced.
    Relation {
        /// The relation as it was.
        before: Option<Relation>,
        /// The relation as it becomes.
        after: Option<Relation>,
    },
}

impl Edit {
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
        }
    }
}
