//! The attributes of a suggestion. Suggestions with the same attributes share one
//! sorted list: a rule builds a list once for each combination it gives (a cue and a
//! stance, a title and a role…) and hands out the same list, so making a suggestion
//! allocates nothing for its attributes.

use std::ops::Index;
use std::sync::Arc;

use super::name::Name;

/// A suggestion's attributes, sorted by name: none, or a list shared with the other
/// suggestions that have the same ones. Changing them copies the list first when it
/// is shared.
#[derive(Clone, Default, PartialEq)]
pub struct Attrs(Option<Arc<Vec<(Name, Name)>>>);

impl Attrs {
    /// The attributes in `pairs`, which are sorted by name without repeats. Allocates:
    /// a rule builds each combination once and clones it for its suggestions.
    pub(crate) fn from_sorted(pairs: Vec<(Name, Name)>) -> Self {
        debug_assert!(pairs.windows(2).all(|w| w[0].0.as_str() < w[1].0.as_str()));
        Attrs((!pairs.is_empty()).then(|| Arc::new(pairs)))
    }

    /// Sets `key` to `value`, replacing what it held.
    pub fn insert(&mut self, key: Name, value: Name) {
        let pairs = Arc::make_mut(self.0.get_or_insert_with(Default::default));
        match pairs.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => pairs[i].1 = value,
            Err(i) => pairs.insert(i, (key, value)),
        }
    }

    /// Sets `key` to `value` unless it already has a value.
    pub fn insert_if_absent(&mut self, key: Name, value: Name) {
        if self.get(&key).is_none() {
            self.insert(key, value);
        }
    }

    /// Adds those of `other` not set here; shares `other`'s list when there are none.
    pub(crate) fn merge(&mut self, other: &Attrs) {
        if self.0.is_none() {
            self.0.clone_from(&other.0);
            return;
        }
        if self.0 == other.0 {
            return;
        }
        for (key, value) in other.iter() {
            self.insert_if_absent(key.clone(), value.clone());
        }
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&Name> {
        let pairs = self.pairs();
        pairs
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &pairs[i].1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs().is_empty()
    }

    /// The attributes, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&Name, &Name)> {
        self.pairs().iter().map(|(k, v)| (k, v))
    }

    fn pairs(&self) -> &[(Name, Name)] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl std::fmt::Debug for Attrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Index<&str> for Attrs {
    type Output = Name;

    /// The value of `key`; panics when it is not set, as a map's index does.
    fn index(&self, key: &str) -> &Name {
        self.get(key).expect("the attribute is set")
    }
}

/// The attributes of an [`Attrs`] by value, by name; copies the names of a shared
/// list one at a time, never the list.
pub struct IntoIter {
    pairs: Option<Arc<Vec<(Name, Name)>>>,
    next: usize,
}

impl Iterator for IntoIter {
    type Item = (Name, Name);

    fn next(&mut self) -> Option<(Name, Name)> {
        let pair = self.pairs.as_deref()?.get(self.next)?.clone();
        self.next += 1;
        Some(pair)
    }
}

impl IntoIterator for Attrs {
    type Item = (Name, Name);
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter {
            pairs: self.0,
            next: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_list_is_copied_before_it_changes() {
        let shared = Attrs::from_sorted(vec![("stance".into(), "asserted".into())]);
        let mut changed = shared.clone();
        changed.insert("cue".into(), "said".into());
        changed.insert_if_absent("stance".into(), "denied".into());
        assert_eq!(shared.iter().count(), 1);
        let keys: Vec<&str> = changed.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["cue", "stance"]);
        assert_eq!(changed["stance"], "asserted");
        let mut empty = Attrs::default();
        assert!(empty.is_empty());
        empty.merge(&shared);
        assert_eq!(empty, shared);
        let pairs: Vec<(Name, Name)> = changed.into_iter().collect();
        assert_eq!(pairs.len(), 2);
        assert_eq!(std::mem::size_of::<Attrs>(), 8);
    }
}
