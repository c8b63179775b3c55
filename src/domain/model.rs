//! The annotation model: annotations, entities and relations (DESIGN §2).
//!
//! Spans hold UTF-8 byte offsets into the document text while in memory; the sidecar
//! and the formats convert them to code points (or UTF-16 units) at their boundary.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod annotation_record;
mod attrs;
mod extra_fields;
pub mod intern;
mod shared_str;
pub(crate) mod unknown_fields;

pub use annotation_record::WithSpans;
pub use attrs::Attrs;
pub use extra_fields::ExtraFields;
pub use shared_str::SharedStr;
use unknown_fields::deserialize_keeping_unknown;

/// What an annotation marks: a thing named in the text, an assertion, or who carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person, organisation, place, date… (the label is an entity type).
    Entity,
    /// An assertion made in the text (the label is a claim kind).
    Claim,
    /// Who makes or carries a claim (the label is a source kind or an entity type).
    Source,
}

impl Kind {
    /// The name used in files and commands.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Claim => "claim",
            Kind::Source => "source",
        }
    }

    /// Every kind, in display order.
    pub const ALL: [Kind; 3] = [Kind::Entity, Kind::Claim, Kind::Source];
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an annotation stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Confirmed by the analyst (or made by hand).
    Accepted,
    /// A suggestion from a model, a rule or an import, not yet reviewed.
    Pending,
    /// A suggestion the analyst turned down; kept for audit.
    Rejected,
    /// Could not be re-anchored after the article changed; kept, never deleted.
    Orphaned,
}

impl Status {
    /// The name used in files and commands.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Pending => "pending",
            Status::Rejected => "rejected",
            Status::Orphaned => "orphaned",
        }
    }

    /// Every status, in display order.
    pub const ALL: [Status; 4] = [
        Status::Accepted,
        Status::Pending,
        Status::Rejected,
        Status::Orphaned,
    ];
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One contiguous piece of an annotation. In memory: UTF-8 byte offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte (or code point, in a file) of the span.
    pub start: usize,
    /// One past the last byte (or code point, in a file).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Whether the span shares at least one position with `start..end`.
    pub fn intersects(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    /// Number of units the span covers.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The quoted text of an annotation with some context, for re-anchoring after the
/// article changes (the W3C TextQuoteSelector). `exact` runs from the first span's start
/// to the last span's end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The text covered, from the first span's start to the last span's end. Shared: a
    /// name mentioned 2,000 times is one string when a load, an import or an extraction
    /// makes its quotes (see [`intern`]).
    pub exact: SharedStr,
    /// Up to [`QUOTE_CONTEXT`] code points before the quote (absent in a file: empty).
    /// Its own string, not interned: the context of each mention is unique to it.
    pub prefix: String,
    /// Up to [`QUOTE_CONTEXT`] code points after the quote (absent in a file: empty).
    /// Its own string, not interned, as the prefix.
    pub suffix: String,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_unknown!(Quote, "a quote", {
    exact: "exact",
    prefix: "prefix" = String::new(),
    suffix: "suffix" = String::new(),
});

/// How many code points of context a [`Quote`] keeps on each side.
pub const QUOTE_CONTEXT: usize = 32;

/// Who or what made an annotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Origin {
    /// `manual` for the analyst, otherwise the tool (`spacy`, `brat`, `scholia-rules`…).
    pub by: String,
    /// The model or model version that produced it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The rule that produced it (built-in extraction), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The producer's confidence, 0–1, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The label the producer gave, kept once the analyst changes it (absent: the
    /// annotation still has the producer's label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The text the producer marked, kept once the analyst moves a boundary (absent:
    /// the boundaries are the producer's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    /// Whose version an adjudication kept: a side of the conflict (`A`, `B`… for the
    /// sidecars compared, in command-line order; `ours` or `theirs` for a merge), or
    /// every side joined by `+` when they agreed (`A+B`). Absent: never adjudicated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudicated_from: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_unknown!(Origin, "an origin", {
    by: "by",
    model: "model" = None,
    rule: "rule" = None,
    score: "score" = None,
    label: "label" = None,
    exact: "exact" = None,
    adjudicated_from: "adjudicated_from" = None,
});

impl Origin {
    /// The origin of an annotation made by hand.
    pub fn manual() -> Self {
        Origin::tool("manual")
    }

    /// The origin of an annotation made by hand, shared: every annotation made with
    /// [`Annotation::new`] starts with it, without an origin made and dropped for each.
    pub fn manual_shared() -> Arc<Origin> {
        static MANUAL: OnceLock<Arc<Origin>> = OnceLock::new();
        Arc::clone(MANUAL.get_or_init(|| Arc::new(Origin::manual())))
    }

    /// The origin of an annotation produced by `tool`.
    pub fn tool(tool: &str) -> Self {
        Origin {
            by: tool.to_string(),
            model: None,
            rule: None,
            score: None,
            label: None,
            exact: None,
            adjudicated_from: None,
            extra: ExtraFields::new(),
        }
    }

    /// Whether the analyst made it by hand.
    pub fn is_manual(&self) -> bool {
        self.by == "manual"
    }

    /// This origin, to give to an annotation: one of the [`ORIGINS_SHARED`] distinct
    /// origins given last on this thread when it equals one of them, so that the
    /// thousands of annotations an import, an extraction or a sidecar gives a few origins
    /// (a tool and a handful of scores or rules, in any order) hold each once.
    pub fn shared(self) -> Arc<Origin> {
        thread_local! {
            static RECENT: RefCell<VecDeque<Arc<Origin>>> = const { RefCell::new(VecDeque::new()) };
        }
        RECENT.with(|recent| {
            let mut recent = recent.borrow_mut();
            // The score first: it tells most origins of one tool apart at once.
            if let Some(same) = recent
                .iter()
                .find(|given| given.score == self.score && ***given == self)
            {
                return Arc::clone(same);
            }
            if recent.len() == ORIGINS_SHARED {
                recent.pop_back();
            }
            let shared = Arc::new(self);
            recent.push_front(Arc::clone(&shared));
            shared
        })
    }
}

/// How many of the distinct origins given last [`Origin::shared`] looks among.
pub const ORIGINS_SHARED: usize = 64;

impl Default for Origin {
    fn default() -> Self {
        Origin::manual()
    }
}

/// A marked piece of the article: an entity mention, a claim or a source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "annotation_record::AnnotationRecord")]
pub struct Annotation {
    /// Unique within the sidecar (`a1`, `a2`…).
    pub id: String,
    /// Entity, claim or source.
    pub kind: Kind,
    /// Entity type, claim kind or source kind. Shared: the annotations a load, an import
    /// or an extraction makes hold each label once (see [`intern`]).
    pub label: SharedStr,
    /// One or more spans, in order; more than one for a discontinuous annotation.
    pub spans: Vec<Span>,
    /// Fields this version does not know inside each span object, by position in
    /// `spans` (empty when no span has any); written back inside the same span.
    pub span_extra: Vec<Map<String, Value>>,
    /// The quoted text with context.
    pub quote: Quote,
    /// Review status.
    pub status: Status,
    /// Who or what made it; shared by the annotations with the same origin (an import
    /// gives thousands the same one). Change it with [`Annotation::origin_mut`].
    pub origin: Arc<Origin>,
    /// Stance, credibility, quote type, anonymity and free key/values.
    pub attrs: Attrs,
    /// The analyst's note.
    pub note: Option<String>,
    /// The canonical entity this mention belongs to.
    pub entity: Option<String>,
    /// Who made or last changed it (shared, as the label: a few analysts).
    pub annotator: Option<SharedStr>,
    /// When it was made (RFC 3339, UTC; shared, as the label: an import gives all it
    /// adds one time).
    pub created: Option<SharedStr>,
    /// When it was last changed (RFC 3339, UTC; shared, as the label).
    pub modified: Option<SharedStr>,
    /// Set by `scholia merge-driver` when two branches changed this annotation
    /// differently: both versions are kept, each marked, until adjudicated.
    pub conflict: Option<Box<Conflict>>,
    /// Fields this version does not know, kept as they were.
    pub extra: ExtraFields,
}

/// One side of a merge conflict on an annotation: the versions that disagree share a
/// `set`, and `side` says which branch each came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Names the group of versions that disagree (`k1`, `k2`…), unique in the sidecar.
    pub set: String,
    /// Which branch this version came from: `ours` or `theirs`.
    pub side: String,
    /// The id the annotation had in the common ancestor, when it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: ExtraFields,
}

impl Annotation {
    /// A new annotation with the given kind, label and spans (put in reading order),
    /// accepted, made by hand. The caller fills in the quote (see `anchor::quote_for`).
    pub fn new(
        id: impl Into<String>,
        kind: Kind,
        label: impl Into<SharedStr>,
        mut spans: Vec<Span>,
    ) -> Self {
        spans.sort_unstable();
        Annotation {
            id: id.into(),
            kind,
            label: label.into(),
            spans,
            span_extra: Vec::new(),
            quote: Quote::default(),
            status: Status::Accepted,
            origin: Origin::manual_shared(),
            attrs: Attrs::new(),
            note: None,
            entity: None,
            annotator: None,
            created: None,
            modified: None,
            conflict: None,
            extra: ExtraFields::new(),
        }
    }

    /// From the first span's start to the last span's end.
    pub fn extent(&self) -> Span {
        let start = self.spans.iter().map(|s| s.start).min().unwrap_or(0);
        let end = self.spans.iter().map(|s| s.end).max().unwrap_or(start);
        Span::new(start, end)
    }

    /// Whether any span shares a position with `start..end`.
    pub fn intersects(&self, start: usize, end: usize) -> bool {
        self.spans.iter().any(|s| s.intersects(start, end))
    }

    /// Removes the spans that cover nothing, with their unknown fields.
    pub fn drop_empty_spans(&mut self) {
        if !self.span_extra.is_empty() {
            let mut extra = std::mem::take(&mut self.span_extra).into_iter();
            self.span_extra = self
                .spans
                .iter()
                .map(|s| (s, extra.next().unwrap_or_default()))
                .filter(|(s, _)| !s.is_empty())
                .map(|(_, e)| e)
                .collect();
        }
        self.spans.retain(|s| !s.is_empty());
    }

    /// The origin to change (a copy of it first when other annotations share it).
    pub fn origin_mut(&mut self) -> &mut Origin {
        Arc::make_mut(&mut self.origin)
    }

    /// The producer's score, when it has one.
    pub fn score(&self) -> Option<f64> {
        self.origin.score
    }

    /// Gives the annotation a new label. The first time the label of an annotation a
    /// tool made changes, the tool's label is kept in `origin.label`.
    pub fn relabel(&mut self, label: &str) {
        if self.label == label {
            return;
        }
        let before = std::mem::replace(&mut self.label, label.into());
        if !self.origin.is_manual() && self.origin.label.is_none() {
            self.origin_mut().label = Some(before.into());
        }
    }

    /// Call before the boundaries change: the first time they change on an annotation a
    /// tool made, the text the tool marked is kept in `origin.exact`.
    pub fn keep_producer_text(&mut self) {
        if !self.origin.is_manual() && self.origin.exact.is_none() {
            let exact = self.quote.exact.to_string();
            self.origin_mut().exact = Some(exact);
        }
    }

    /// The label the producer gave: `origin.label`, or the label when it never changed.
    pub fn producer_label(&self) -> &str {
        self.origin.label.as_deref().unwrap_or(&self.label)
    }

    /// Whether the analyst moved the boundaries the producer gave.
    pub fn resized(&self) -> bool {
        self.origin
            .exact
            .as_ref()
            .is_some_and(|exact| *exact != *self.quote.exact)
    }
}

/// A canonical thing that several mentions point to. Source reliability lives here so it
/// follows the source across mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Unique within the sidecar (`e1`, `e2`…).
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// The entity type.
    pub label: String,
    /// Reliability and free key/values.
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    pub attrs: Attrs,
    /// The analyst's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The id of the corpus registry entry this entity is (`scholia-registry.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_unknown!(Entity, "an entity", {
    id: "id",
    name: "name",
    label: "label",
    attrs: "attrs" = Attrs::new(),
    note: "note" = None,
    registry: "registry" = None,
});

impl Entity {
    /// A new entity with no attributes.
    pub fn new(id: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Self {
        Entity {
            id: id.into(),
            name: name.into(),
            label: label.into(),
            attrs: Attrs::new(),
            note: None,
            registry: None,
            extra: ExtraFields::new(),
        }
    }
}

/// A typed link between two annotations (or an annotation and an entity).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// Unique within the sidecar (`r1`, `r2`…).
    pub id: String,
    /// `attributed_to`, `cites`, `mentions`, `supports`, `contradicts` or a schema type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The id the relation starts from (usually a claim).
    pub from: String,
    /// The id the relation points to.
    pub to: String,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: ExtraFields,
}

deserialize_keeping_unknown!(Relation, "a relation", {
    id: "id",
    kind: "type",
    from: "from",
    to: "to",
});

impl Relation {
    /// A new relation.
    pub fn new(
        id: impl Into<String>,
        kind: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
    ) -> Self {
        Relation {
            id: id.into(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            extra: ExtraFields::new(),
        }
    }
}

/// The relation types scholia knows by default.
pub mod relation_types {
    /// Claim → the source who makes it.
    pub const ATTRIBUTED_TO: &str = "attributed_to";
    /// Claim → the publication or source that reported it.
    pub const CITES: &str = "cites";
    /// Claim → an entity it mentions.
    pub const MENTIONS: &str = "mentions";
    /// Claim → a claim it supports.
    pub const SUPPORTS: &str = "supports";
    /// Claim → a claim it contradicts.
    pub const CONTRADICTS: &str = "contradicts";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion() -> Annotation {
        let mut a = Annotation::new("a1", Kind::Entity, "ORG", vec![Span::new(0, 10)]);
        a.quote.exact = "the Kazakh".into();
        a.origin = Origin {
            score: Some(0.9),
            ..Origin::tool("spacy")
        }
        .shared();
        a
    }

    #[test]
    fn a_tool_s_label_and_marked_text_are_kept_once_and_never_overwritten() {
        let mut a = suggestion();
        a.relabel("ORG");
        assert_eq!(a.origin.label, None, "no change, nothing kept");
        a.relabel("NORP");
        a.relabel("GPE");
        assert_eq!(a.label, "GPE");
        assert_eq!(a.origin.label.as_deref(), Some("ORG"));
        assert_eq!(a.producer_label(), "ORG");
        assert_eq!(a.origin.score, Some(0.9));
        a.keep_producer_text();
        a.quote.exact = "Kazakh".into();
        a.keep_producer_text();
        assert_eq!(a.origin.exact.as_deref(), Some("the Kazakh"));
        assert!(a.resized());
        a.quote.exact = "the Kazakh".into();
        assert!(!a.resized(), "moved back to what the tool marked");
    }

    #[test]
    fn origins_given_in_turn_are_each_held_once() {
        let scored = |score: usize| {
            Origin {
                score: Some(score as f64 / 100.0),
                ..Origin::tool("spacy")
            }
            .shared()
        };
        let first: Vec<Arc<Origin>> = (0..ORIGINS_SHARED).map(scored).collect();
        let again: Vec<Arc<Origin>> = (0..ORIGINS_SHARED).map(scored).collect();
        assert!(first.iter().zip(&again).all(|(a, b)| Arc::ptr_eq(a, b)));
        let other = Origin {
            rule: Some("quote".into()),
            ..(*first[0]).clone()
        }
        .shared();
        assert!(!Arc::ptr_eq(&other, &first[0]), "equal origins only");
    }

    #[test]
    fn nothing_is_kept_on_an_annotation_made_by_hand() {
        let mut a = suggestion();
        a.origin = Origin::manual_shared();
        a.relabel("NORP");
        a.keep_producer_text();
        assert_eq!(*a.origin, Origin::manual());
        assert_eq!(a.producer_label(), "NORP");
    }

    #[test]
    fn the_kept_fields_round_trip_and_null_reads_as_absent() {
        let mut a = suggestion();
        a.relabel("NORP");
        a.keep_producer_text();
        let json = serde_json::to_value(&a.origin).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"by": "spacy", "score": 0.9, "label": "ORG", "exact": "the Kazakh"})
        );
        let back: Origin = serde_json::from_value(json).unwrap();
        assert_eq!(back, *a.origin);
        let null: Origin =
            serde_json::from_str(r#"{"by": "spacy", "label": null, "exact": null}"#).unwrap();
        assert_eq!(null, Origin::tool("spacy"));
    }
}
