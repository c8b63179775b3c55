//! What pre-extraction produces: suggestions for the analyst to review.

use crate::domain::model::{Kind, Span};

pub use super::attrs::Attrs;
pub use super::links::{Links, SuggestedLink};
use super::name::Name;
use super::spans::Spans;

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
    pub links: Links,
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
            links: Links::default(),
        }
    }

    /// The same suggestion with one more attribute (which copies its attributes when
    /// they are shared: for tests and one-off suggestions, not for a rule's every match).
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
        self.spans.extent()
    }

    /// The text the suggestion covers, from its first span's start to its last span's
    /// end, or `None` when the spans do not fit `text`.
    pub fn text<'t>(&self, text: &'t str) -> Option<&'t str> {
        let extent = self.extent();
        text.get(extent.start..extent.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_is_small_to_move() {
        assert!(std::mem::size_of::<Suggestion>() <= 112);
    }
}
