//! [`Attrs`]: an annotation's attributes (stance, credibility, quote type, free
//! key/values), a few at most, kept sorted by key in a list. A `BTreeMap` allocates a
//! node of more than 500 bytes for its first entry; a list of one attribute takes 48.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Index;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Attributes by key, in key order, each key once.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Attrs(Vec<(String, String)>);

type Pair = (String, String);

impl Attrs {
    /// No attributes.
    pub fn new() -> Self {
        Attrs(Vec::new())
    }

    fn place(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.place(key).ok().map(|i| &self.0[i].1)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut String> {
        self.place(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.place(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaced.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.place(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, to change; an empty one is put in first when there is none.
    pub fn value_mut(&mut self, key: &str) -> &mut String {
        let i = match self.place(key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key.to_string(), String::new()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Takes `key` out; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        self.place(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Every key and value, in key order.
    pub fn iter(&self) -> Iter<'_> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

/// The attributes as `(key, value)` references, in key order.
pub type Iter<'a> =
    std::iter::Map<std::slice::Iter<'a, Pair>, fn(&'a Pair) -> (&'a String, &'a String)>;

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a String, &'a String);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Attrs {
    type Item = Pair;
    type IntoIter = std::vec::IntoIter<Pair>;

    /// The attributes in key order, taken out.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Pair> for Attrs {
    /// The last value given for a key is kept, as a map's `collect` keeps it.
    fn from_iter<I: IntoIterator<Item = Pair>>(pairs: I) -> Self {
        let mut attrs = Attrs::new();
        for (key, value) in pairs {
            attrs.insert(key, value);
        }
        attrs
    }
}

impl From<BTreeMap<String, String>> for Attrs {
    fn from(map: BTreeMap<String, String>) -> Self {
        // Already in key order, each key once.
        Attrs(map.into_iter().collect())
    }
}

impl Index<&str> for Attrs {
    type Output = String;

    /// The value of `key`; panics when there is none, as a map does.
    fn index(&self, key: &str) -> &String {
        self.get(key).expect("no attribute with this key")
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(d).map(Attrs::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_keeps_keys_in_order_once_and_reads_like_a_map() {
        let mut attrs = Attrs::new();
        assert_eq!(attrs.insert("stance".into(), "denied".into()), None);
        attrs.insert("cue".into(), "сказал".into());
        assert_eq!(
            attrs.insert("stance".into(), "asserted".into()),
            Some("denied".into())
        );
        assert_eq!(attrs.keys().collect::<Vec<_>>(), ["cue", "stance"]);
        assert_eq!(attrs["stance"], "asserted");
        assert!(attrs.contains_key("cue") && !attrs.contains_key("grade"));
        assert_eq!(
            serde_json::to_string(&attrs).unwrap(),
            r#"{"cue":"сказал","stance":"asserted"}"#
        );
        let back: Attrs = serde_json::from_str(r#"{"stance":"asserted","cue":"сказал"}"#).unwrap();
        assert_eq!(back, attrs);
        assert_eq!(attrs.remove("cue"), Some("сказал".into()));
        assert_eq!(attrs.len(), 1);
    }

    #[test]
    fn collecting_keeps_the_last_value_of_a_key() {
        let attrs: Attrs = [("a", "1"), ("b", "2"), ("a", "3")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(attrs.iter().collect::<Vec<_>>().len(), 2);
        assert_eq!(attrs["a"], "3");
    }
}
