//! Where the parts of a brat file that scholia's model has no field of its own for are
//! kept on annotations and relations, so that the brat export writes them back as they
//! were. The importer ([`crate::formats::brat`]) and the exporter share these names.

use crate::domain::model::Attrs;

/// Prefix of the attribute holding the name a normalisation gave a link: the `N` line
/// `N1\tReference T5 Wikipedia:64488\tCarlos Salinas de Gortari` gives the link
/// `Wikipedia:64488` and the attribute `link_name:Wikipedia:64488` =
/// `Carlos Salinas de Gortari` (empty when the line names nothing).
pub const LINK_NAME_PREFIX: &str = "link_name:";

/// Prefix of the attribute holding a note of a type other than `AnnotatorNotes`: the
/// line `#1\tLemma T3\tсказать` gives the attribute `note:Lemma` = `сказать` (several
/// lines of one type are joined by line breaks).
pub const NOTE_TYPE_PREFIX: &str = "note:";

/// The note type brat gives the analyst's note (scholia's `note` field).
pub const ANNOTATOR_NOTES: &str = "AnnotatorNotes";

/// The attribute of an event's trigger annotation listing the file's ids of the events
/// it triggers (`E2`, or `E2 E5` for a trigger shared by two events); each role
/// relation of an event carries the same key with its event's id.
pub const EVENT_KEY: &str = "event";

/// The attribute of a canonical entity made from a `*` line: the equivalence type
/// (`Equiv`, `Alias`).
pub const EQUIVALENCE_KEY: &str = "equivalence";

/// The equivalence type written for a canonical entity that did not come from a `*`
/// line.
pub const DEFAULT_EQUIVALENCE: &str = "Equiv";

/// The attribute of a claim holding the words that report it ("said", "told"), from
/// the `Cue` argument (or the trigger) of an attribution event, as the built-in
/// extraction rules also record it.
pub const CUE_KEY: &str = "cue";

/// The attribute of a claim holding the type of the attribution event it came from
/// (`Attribution`, `Attribution-no-source`), when the event had a trigger of its own.
pub const ATTRIBUTION_KEY: &str = "attribution";

/// The attribute of a claim holding where its cue words are: the article's code points,
/// `start end`, fragments joined by `;` as in a `T` line (`16 20`).
pub const CUE_AT_KEY: &str = "cue_at";

/// The attribute of a claim whose attribution event had a `Cue` argument apart from its
/// trigger: that argument's label (usually `Cue`). Its trigger is then on the cue words
/// too, unless [`TRIGGER_AT_KEY`] says where.
pub const CUE_LABEL_KEY: &str = "cue_label";

/// The attribute of a claim whose attribution event's trigger was not on its cue words:
/// where the trigger was, as [`CUE_AT_KEY`].
pub const TRIGGER_AT_KEY: &str = "trigger_at";

/// The attributes that say how a claim was reported in a brat attribution event; the
/// brat export writes them back as the event's trigger and `Cue` lines, not as `A`
/// lines.
pub const ATTRIBUTION_KEYS: [&str; 4] =
    [ATTRIBUTION_KEY, CUE_AT_KEY, CUE_LABEL_KEY, TRIGGER_AT_KEY];

/// The attribute of a claim naming the attributes (space-separated) that its brat
/// attribution event carried rather than its own `T` line: `A3\tNegated E1` on the event
/// gives the claim `Negated` = `true` and `attribution_attrs` = `Negated`, so the export
/// writes `Negated` on the event again.
pub const ATTRIBUTION_ATTRS_KEY: &str = "attribution_attrs";

/// The attribute of a claim naming the note types (space-separated) that its brat
/// attribution event carried: `#2\tAnnotatorNotes E1\t…` on the event gives the claim
/// its note and `attribution_notes` = `AnnotatorNotes` (a `Lemma` note, its `note:Lemma`
/// attribute and `Lemma`), so the export writes the note on the event again.
pub const ATTRIBUTION_NOTES_KEY: &str = "attribution_notes";

/// Whether `list` (names separated by spaces, as the values of
/// [`ATTRIBUTION_ATTRS_KEY`] and [`ATTRIBUTION_NOTES_KEY`]) names `name`.
pub fn lists(list: Option<&String>, name: &str) -> bool {
    list.is_some_and(|l| l.split(' ').any(|n| n == name))
}

/// `start end;start end` of `spans`, as a `T` line writes its fragments.
pub fn fragments(spans: impl IntoIterator<Item = (usize, usize)>) -> String {
    spans
        .into_iter()
        .map(|(start, end)| format!("{start} {end}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The link name an annotation's attributes give `link`, if any.
pub fn link_name<'a>(attrs: &'a Attrs, link: &str) -> Option<&'a str> {
    attrs
        .get(&format!("{LINK_NAME_PREFIX}{link}"))
        .map(String::as_str)
}
