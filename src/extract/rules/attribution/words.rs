//! The words the attribution rule looks for around a cue: what may stand between a
//! speaker and the cue, what ends or continues a reported clause, what hedges it.

/// Words skipped between a speaker and the cue ("Nazarov also said", "has denied").
pub(super) const SKIPPED_BEFORE_CUE: &[&str] = &[
    "again",
    "also",
    "categorically",
    "could",
    "did",
    "does",
    "earlier",
    "firmly",
    "flatly",
    "further",
    "had",
    "has",
    "have",
    "immediately",
    "later",
    "officially",
    "once",
    "only",
    "previously",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "separately",
    "strongly",
    "subsequently",
    "then",
    "today",
    "will",
    "would",
    "yesterday",
];

/// Forms of "be" that make a cue passive ("it was reported that").
pub(super) const PASSIVE: &[&str] = &["are", "be", "been", "being", "is", "was", "were"];

/// Words that may open the few words between a cue and its "that" ("said on Monday
/// that", "denied reports that").
pub(super) const BEFORE_THAT: &[&str] = &[
    "again",
    "allegations",
    "also",
    "at",
    "claims",
    "during",
    "earlier",
    "in",
    "last",
    "later",
    "on",
    "only",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "report",
    "reports",
    "rumors",
    "rumours",
    "the",
    "this",
    "today",
    "yesterday",
];

/// Words after a cue that do not open a reported clause ("said in", "reported on").
pub(super) const NOT_A_CLAUSE: &[&str] = &[
    "about", "after", "as", "at", "before", "by", "during", "for", "from", "in", "into", "of",
    "on", "over", "so", "that", "through", "to", "under", "with",
];

/// Endings of a description of an anonymous speaker.
pub(super) const ANONYMOUS_ENDINGS: &[&str] = &[
    "asked not to be identified",
    "asked not to be named",
    "declined to be identified",
    "declined to be named",
    "did not want to be named",
    "on condition of anonymity",
    "requested anonymity",
];

/// What follows a comma and ends the reported clause, and whether a later ", and
/// that" may still continue it.
pub(super) const CLAUSE_ENDS: &[(&str, bool)] = &[
    (" according to", false),
    (" adding", false),
    (" although ", true),
    (" and ", false),
    (" because ", true),
    (" but ", false),
    (" contradicting ", false),
    (" saying", false),
    (" since ", true),
    (" though ", true),
    (" whereas ", false),
    (" while ", false),
];

/// What continues a reported clause with a second one from the same speaker.
pub(super) const CONTINUATIONS: &[&str] =
    &[" and also that ", " and that ", " but that ", " и что "];

/// Whether `word` (ASCII letters), inside a claim, hedges it: allegedly, apparently,
/// likely, may, might, perhaps, possibly, probably, reportedly. A match rather than a
/// list, as every word of every claim is looked up.
pub(super) fn is_hedge(word: &[u8]) -> bool {
    matches!(
        word,
        b"allegedly"
            | b"apparently"
            | b"likely"
            | b"may"
            | b"might"
            | b"perhaps"
            | b"possibly"
            | b"probably"
            | b"reportedly"
    )
}

/// Openings that hedge the clause after them ("said it was possible that …").
pub(super) const HEDGED_OPENINGS: &[&str] = &[
    "it is likely that ",
    "it is possible that ",
    "it is probable that ",
    "it was likely that ",
    "it was possible that ",
    "it was probable that ",
];

/// Head nouns of "according to" phrases that name a document.
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
    "data",
    "document",
    "documents",
    "estimates",
    "figures",
    "records",
    "report",
    "reports",
    "statement",
    "statements",
];
