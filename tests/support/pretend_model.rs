//! An article and the suggestions a pretend model made on it, as a spaCy file: the
//! fixture of the review and model-label tests.

/// An article with a Cyrillic name before the later suggestions, so that code points and
/// bytes differ.
pub const TEXT: &str = "Kazakhstan said on Monday that Delovaya Nedelya had the list. \
Officials in Алматы told Delovaya Nedelya nothing, and Ekspress-K said that four \
Kazakh citizens died.\n";

/// The model's suggestions on [`TEXT`]: (words, label, which occurrence).
pub const SUGGESTIONS: &[(&str, &str, usize)] = &[
    ("Kazakhstan", "GPE", 0),
    ("Monday", "DATE", 0),
    ("Delovaya Nedelya", "ORG", 0),
    ("Алматы", "GPE", 0),
    ("Delovaya Nedelya", "ORG", 1),
    ("Ekspress-K", "ORG", 0),
    ("Kazakh", "ORG", 1),
];

/// The byte offset of the `n`th occurrence of `needle` in [`TEXT`].
pub fn byte_of(needle: &str, n: usize) -> usize {
    TEXT.match_indices(needle).nth(n).unwrap().0
}

/// The code-point offsets of the `n`th occurrence of `needle` in [`TEXT`].
pub fn code_points(needle: &str, n: usize) -> (usize, usize) {
    let start = TEXT[..byte_of(needle, n)].chars().count();
    (start, start + needle.chars().count())
}

/// The suggestions as a spaCy `Doc.to_json()` file (no scores).
pub fn spacy_json() -> String {
    let ents: Vec<String> = SUGGESTIONS
        .iter()
        .map(|(needle, label, n)| {
            let (start, end) = code_points(needle, *n);
            format!(r#"{{"start": {start}, "end": {end}, "label": "{label}"}}"#)
        })
        .collect();
    format!(
        r#"{{"text": {}, "ents": [{}]}}"#,
        serde_json::to_string(TEXT).unwrap(),
        ents.join(", ")
    )
}
