//! [`ExtraFields`]: the fields of a record this version does not know, kept as they were
//! (DESIGN §3), in eight bytes when there are none — which is nearly always. A
//! `serde_json::Map` takes 72 bytes even empty, and an annotation carries four of them
//! (its own, its quote's, its origin's and its conflict's): 288 of its bytes for fields
//! that are almost never there, on every one of tens of thousands of annotations.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Unknown fields of a record, in file order; a map only once one is kept.
#[derive(Clone, Default)]
pub struct ExtraFields(Option<Box<Map<String, Value>>>);

/// What an [`ExtraFields`] holding nothing reads as.
static NONE: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);

impl ExtraFields {
    /// No unknown fields.
    pub fn new() -> Self {
        ExtraFields(None)
    }
}

impl Deref for ExtraFields {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        self.0.as_deref().unwrap_or(&NONE)
    }
}

impl DerefMut for ExtraFields {
    /// The map, made on first use.
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<Map<String, Value>> for ExtraFields {
    fn from(map: Map<String, Value>) -> Self {
        ExtraFields((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl<'a> IntoIterator for &'a ExtraFields {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.deref().iter()
    }
}

impl PartialEq for ExtraFields {
    /// Equal when they hold the same fields: no map and an empty one are the same.
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for ExtraFields {}

impl fmt::Debug for ExtraFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for ExtraFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ExtraFields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Map::deserialize(d).map(ExtraFields::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn it_is_one_pointer_and_reads_as_an_empty_map_until_written() {
        assert_eq!(std::mem::size_of::<ExtraFields>(), 8);
        let mut extra = ExtraFields::new();
        assert!(extra.is_empty());
        assert_eq!(extra, ExtraFields::from(Map::new()));
        extra.insert("reviewed".into(), json!(true));
        assert_eq!(extra["reviewed"], true);
        assert_eq!(
            serde_json::to_value(&extra).unwrap(),
            json!({"reviewed": true})
        );
        extra.remove("reviewed");
        assert_eq!(extra, ExtraFields::new(), "an emptied map equals none");
    }

    #[test]
    fn it_round_trips_in_file_order() {
        let read: ExtraFields = serde_json::from_str(r#"{"z": 1, "a": [2]}"#).unwrap();
        let keys: Vec<&String> = read.keys().collect();
        assert_eq!(keys, ["z", "a"]);
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"z":1,"a":[2]}"#);
    }
}
