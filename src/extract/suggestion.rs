//! What pre-extraction produces: suggestions for the analyst to review.

use std::ops::Index;

use crate::domain::model::{Kind, Span};

use super::name::Name;
use super::spans::Spans;

/// A link from one suggestion to another suggestion of the same result.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SuggestedLink {
    /// The relation type: `attributed_to` (claim → who makes it) or `cites`
    /// (claim → the publication that reported it).
    pub kind: Name,
    /// The index, in the same result, of the suggestion the link points to.
    pub to: usize,
}

/// A suggestion's attributes, sorted by name. Most suggestions have none or one, so a
/// sorted list costs one small allocation where a map cost a node of several hundred
/// bytes per suggestion. Values are [`Name`]s: the fixed values of the rules
/// (`asserted`, `indirect`…) are borrowed, and a value shared by many suggestions (a
/// cue) is held once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs(Vec<(Name, Name)>);

impl Attrs {
    /// The attributes in `pairs`, which are sorted by name without repeats.
    pub(crate) fn from_sorted(pairs: Vec<(Name, Name)>) -> Self {
        debug_assert!(pairs.windows(2).all(|w| w[0].0.as_str() < w[1].0.as_str()));
        Attrs(pairs)
    }

    /// Sets `key` to `value`, replacing what it held.
    pub fn insert(&mut self, key: Name, value: Name) {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }

    /// Sets `key` to `value` unless it already has a value.
    pub fn insert_if_absent(&mut self, key: Name, value: Name) {
        if let Err(i) = self.0.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            self.0.insert(i, (key, value));
        }
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&Name> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// The attributes, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&Name, &Name)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Index<&str> for Attrs {
    type Output = Name;

    /// The value of `key`; panics when it is not set, as a map's index does.
    fn index(&self, key: &str) -> &Name {
        self.get(key).expect("the attribute is set")
    }
}

impl IntoIterator for Attrs {
    type Item = (Name, Name);
    type IntoIter = std::vec::IntoIter<(Name, Name)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// A span the rules think worth tagging, with what they think it is. The analyst
/// reviews it later; nothing here is accepted yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Entity, claim or source.
    pub kind: Kind,
    /// The entity type (`PERSON`, `DATE`…), claim kind (`factual`, `quote`) or source
    /// kind (`person`, `publication`…).
    pub label: Name,
    /// The spans it covers, UTF-8 byte offsets into the text, end exclusive (one, held
    /// inline, for all but discontinuous claims).
    pub spans: Spans,
    /// The name of the rule that made it (`citation`, `title-name`, a user rule's name…).
    pub rule: Name,
    /// The rule's confidence, 0–1, fixed per rule.
    pub score: f64,
    /// Attributes: `stance`, `quote_type`, `title`, `anonymity`, `cue`…
    pub attrs: Attrs,
    /// Links from this suggestion to others of the same result.
    pub links: Vec<SuggestedLink>,
}

impl Suggestion {
    /// A suggestion covering one span, with no attributes and no links.
    pub fn new(
        kind: Kind,
        label: impl Into<Name>,
        span: Span,
        rule: impl Into<Name>,
        score: f64,
    ) -> Self {
        Suggestion {
            kind,
            label: label.into(),
            spans: span.into(),
            rule: rule.into(),
            score,
            attrs: Attrs::default(),
            links: Vec::new(),
        }
    }

    /// The same suggestion with one more attribute.
    pub fn with_attr(mut self, key: &'static str, value: impl Into<Name>) -> Self {
        self.attrs.insert(key.into(), value.into());
        self
    }

    /// The same suggestion with `attrs` as its attributes.
    pub(crate) fn with_attrs(mut self, attrs: Attrs) -> Self {
        self.attrs = attrs;
        self
    }

    /// From the first span's start to the last span's end.
    pub fn extent(&self) -> Span {
        let start = self.spans.iter().map(|s| s.start).min().unwrap_or(0);
        let end = self.spans.iter().map(|s| s.end).max().unwrap_or(start);
        Span::new(start, end)
    }

    /// The text the suggestion covers, from its first span's start to its last span's
    /// end, or `None` when the spans do not fit `text`.
    pub fn text<'t>(&self, text: &'t str) -> Option<&'t str> {
        let extent = self.extent();
        text.get(extent.start..extent.end)
    }
}
