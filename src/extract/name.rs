//! The labels, rule names, link kinds and attributes of suggestions: borrowed from the
//! built-in rules or shared with the user rule that made them, so making a suggestion
//! copies no string the rules already hold.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use crate::domain::model::SharedStr;

/// A string a rule gives a suggestion: a built-in constant, one string of a user rule
/// shared by all its suggestions, or (for text taken from the article, such as a cue)
/// a string of its own. Compares, orders and hashes as the text it holds.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
    Owned(String),
}

impl Name {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
            Repr::Owned(s) => s,
        }
    }
}

impl Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Name {
    fn from(s: &'static str) -> Self {
        Name(Repr::Static(s))
    }
}

impl From<Arc<str>> for Name {
    fn from(s: Arc<str>) -> Self {
        Name(Repr::Shared(s))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name(Repr::Owned(s))
    }
}

impl From<Name> for String {
    fn from(name: Name) -> Self {
        match name.0 {
            Repr::Owned(s) => s,
            _ => name.as_str().to_string(),
        }
    }
}

impl From<Name> for SharedStr {
    /// The annotation's string for the name: inside an
    /// [`intern::scope`](crate::domain::model::intern::scope) (as when suggestions are
    /// added to a store) one for all the suggestions with this name.
    fn from(name: Name) -> Self {
        SharedStr::new(name.as_str())
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Name {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_and_shared_names_compare_by_their_text() {
        let built_in = Name::from("PERSON");
        let shared = Name::from(Arc::<str>::from("PERSON"));
        let owned = Name::from("PERSON".to_string());
        assert_eq!(owned, shared);
        assert_eq!(built_in, shared);
        assert_eq!(shared, "PERSON");
        assert_eq!(Name::from("ORG").cmp(&shared), Ordering::Less);
        assert_eq!(format!("{shared:?} {built_in}"), "\"PERSON\" PERSON");
        assert_eq!(String::from(shared), "PERSON");
    }
}
