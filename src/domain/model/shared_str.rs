//! [`SharedStr`]: an immutable string shared by reference count, for the fields that
//! thousands of annotations hold with the same few values (a label, a quoted mention,
//! a timestamp, an annotator). Cloning one is a count bump, never a copy. Made inside an
//! [`intern::scope`](super::intern::scope) (a sidecar load, an import, an extraction),
//! equal strings share one allocation; outside one, each is its own allocation.
//! It reads and writes as a plain JSON string: the files do not change.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::intern;

/// An immutable string behind a reference count. Compares, orders and hashes as the
/// text it holds, so a map keyed by it is looked up with a `&str`.
#[derive(Clone)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    /// `text`, shared with an equal string made earlier in the current
    /// [`intern::scope`](super::intern::scope), or a new allocation when there is none.
    pub fn new(text: &str) -> Self {
        SharedStr(intern::shared(text).unwrap_or_else(|| Arc::from(text)))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `self` and `other` are one allocation (not only equal text).
    pub fn shares_with(&self, other: &SharedStr) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for SharedStr {
    /// The empty string, one allocation for the whole process (every default quote
    /// holds it until its text is given).
    fn default() -> Self {
        static EMPTY: OnceLock<SharedStr> = OnceLock::new();
        EMPTY.get_or_init(|| SharedStr(Arc::from(""))).clone()
    }
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> Self {
        SharedStr::new(text)
    }
}

impl From<String> for SharedStr {
    /// Shared with an equal string of the current scope (the `String` is dropped), or
    /// moved into its own allocation.
    fn from(text: String) -> Self {
        match intern::shared(&text) {
            Some(shared) => SharedStr(shared),
            None => SharedStr(Arc::from(text)),
        }
    }
}

impl From<SharedStr> for String {
    fn from(text: SharedStr) -> Self {
        text.as_str().to_string()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    /// Read as a string, shared through the current scope: a string the file repeats is
    /// one allocation, and one already seen is not allocated at all.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = SharedStr;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<SharedStr, E> {
                Ok(SharedStr::new(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<SharedStr, E> {
                Ok(SharedStr::from(v))
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::domain::model::intern;

    #[test]
    fn it_compares_orders_and_hashes_as_its_text() {
        let person = SharedStr::from("PERSON");
        assert_eq!(person, "PERSON");
        assert_eq!("PERSON", person);
        assert_eq!(person, "PERSON".to_string());
        assert_eq!(person, SharedStr::from("PERSON".to_string()));
        assert_eq!(SharedStr::from("GPE").cmp(&person), Ordering::Less);
        let counts: HashMap<SharedStr, usize> = [(person.clone(), 2)].into();
        assert_eq!(counts.get("PERSON"), Some(&2), "looked up by &str");
        assert_eq!(format!("{person:?} {person}"), "\"PERSON\" PERSON");
        assert_eq!(&*SharedStr::default(), "");
    }

    #[test]
    fn outside_a_scope_each_string_is_its_own() {
        let (a, b) = (SharedStr::from("Pierre"), SharedStr::from("Pierre"));
        assert!(!a.shares_with(&b));
        assert!(a.clone().shares_with(&a), "a clone is the same allocation");
    }

    #[test]
    fn inside_a_scope_equal_strings_share_one_allocation() {
        let (a, b, c) = intern::scope(|| {
            (
                SharedStr::from("Pierre"),
                SharedStr::from("Pierre".to_string()),
                serde_json::from_str::<SharedStr>(r#""Pierre""#).unwrap(),
            )
        });
        assert!(a.shares_with(&b) && a.shares_with(&c));
    }

    #[test]
    fn it_reads_and_writes_as_a_plain_string_whatever_its_script() {
        for json in [r#""Дмитрий""#, r#""🇰🇿 «Время»""#, r#""a\"b\\c\n""#] {
            let text: SharedStr = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&text).unwrap(), json);
            let from_reader: SharedStr = serde_json::from_reader(json.as_bytes()).unwrap();
            assert_eq!(from_reader, text);
        }
    }
}
