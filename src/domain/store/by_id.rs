//! The store's items held once each, found by the id they carry: a set of shared items
//! that hashes and compares them by id, so that no map key copies an id.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use foldhash::fast::RandomState;

use crate::domain::model::{Annotation, Entity, Relation};

/// An item that carries its own id.
pub trait HasId {
    /// The item's id.
    fn id(&self) -> &str;
}

impl HasId for Annotation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Entity {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Relation {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A shared item, equal to another with the same id and found by its id.
#[derive(Debug)]
pub(super) struct ById<T>(pub(super) Arc<T>);

impl<T: HasId> PartialEq for ById<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0.id() == other.0.id()
    }
}

impl<T: HasId> Eq for ById<T> {}

impl<T: HasId> Hash for ById<T> {
    /// Hashed as its id is, so that the set finds it by a `&str`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.id().hash(state);
    }
}

impl<T: HasId> Borrow<str> for ById<T> {
    fn borrow(&self) -> &str {
        self.0.id()
    }
}

/// Items by the id they carry. Hashed with foldhash: a batch command looks up each of
/// tens of thousands of ids several times, and SipHash was a twentieth of its work.
pub(super) type Items<T> = HashSet<ById<T>, RandomState>;
