//! The format-neutral intermediate every importer parses into (DESIGN §4).
//!
//! A parser reads a foreign file faithfully into [`ImportedDoc`]s: spans stay in the
//! file's own offset unit, ids stay the file's own ids, and anything malformed becomes an
//! [`ImportProblem`] while the rest still imports. Mapping the result onto an article
//! (checking each span against the text, re-anchoring, reporting) is the caller's job.

use super::token_list::TokenList;
use crate::domain::model::Attrs;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::domain::model::{Kind, Origin, SharedStr, Status};
pub use crate::domain::schema::kind_for_label;
use crate::domain::schema::SchemaExtension;
use crate::formats::FormatError;

/// The unit a file counts its offsets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points (brat, spaCy, Prodigy, W3C, older doccano/Label Studio).
    CodePoints,
    /// UTF-16 code units, as JavaScript counts (current doccano and Label Studio).
    Utf16,
}

/// Where a file's spans end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SpanEnd {
    /// One past the last unit (almost every format).
    #[default]
    Exclusive,
    /// On the last unit (CLUENER, some hand-made JSON).
    Inclusive,
}

/// The foreign formats scholia imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// spaCy `Doc.to_json()`.
    Spacy,
    /// brat standoff `.ann`.
    Brat,
    /// doccano JSONL export.
    Doccano,
    /// Label Studio JSON export (tasks with annotations and predictions).
    LabelStudio,
    /// Prodigy JSONL (`db-out`).
    Prodigy,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// CLUENER JSONL (`{"text", "label": {type: {name: [[start, end]]}}}`).
    Cluener,
    /// CoNLL / IOB token lines (`TOKEN … TAG`), aligned to the article.
    Conll,
    /// CoNLL-U (Universal Dependencies): ten tab-separated columns, entity tags in
    /// MISC (`NER=B-PER`) or a named-entity column, aligned to the article.
    Conllu,
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 9] = [
        Format::Spacy,
        Format::Brat,
        Format::Doccano,
        Format::LabelStudio,
        Format::Prodigy,
        Format::W3c,
        Format::Cluener,
        Format::Conll,
        Format::Conllu,
    ];

    /// The name used by `--format` and in `Origin::by`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Spacy => "spacy",
            Format::Brat => "brat",
            Format::Doccano => "doccano",
            Format::LabelStudio => "labelstudio",
            Format::Prodigy => "prodigy",
            Format::W3c => "w3c",
            Format::Cluener => "cluener",
            Format::Conll => "conll",
            Format::Conllu => "conllu",
        }
    }

    /// The unit the format counts offsets in unless told otherwise.
    pub fn default_unit(self) -> OffsetUnit {
        match self {
            Format::Doccano | Format::LabelStudio => OffsetUnit::Utf16,
            Format::Spacy
            | Format::Brat
            | Format::Prodigy
            | Format::W3c
            | Format::Cluener
            | Format::Conll
            | Format::Conllu => OffsetUnit::CodePoints,
        }
    }

    /// Where the format's spans end unless told otherwise.
    pub fn default_end(self) -> SpanEnd {
        match self {
            Format::Cluener => SpanEnd::Inclusive,
            _ => SpanEnd::Exclusive,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = FormatError;

    /// Reads a `--format` value: a [`Format::name`], case-insensitive, with `-` or `_`
    /// allowed inside (`label-studio`, `web_annotation`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = crate::formats::format_key(s);
        match key.as_str() {
            "spacy" => Ok(Format::Spacy),
            "brat" => Ok(Format::Brat),
            "doccano" => Ok(Format::Doccano),
            "labelstudio" => Ok(Format::LabelStudio),
            "prodigy" => Ok(Format::Prodigy),
            "w3c" | "webannotation" => Ok(Format::W3c),
            "cluener" => Ok(Format::Cluener),
            "conll" | "iob" | "bio" => Ok(Format::Conll),
            "conllu" | "ud" => Ok(Format::Conllu),
            _ => Err(FormatError::UnknownFormat(s.to_string())),
        }
    }
}

/// How to read a file, from the command line or the import dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The offset unit, overriding the format's default ([`Format::default_unit`]).
    pub unit: Option<OffsetUnit>,
    /// The key holding the text: Label Studio's `data.<key>` (by default the key the
    /// task's results name, else `text`, else the only text in `data`), and the record
    /// key in doccano and Prodigy (default `text`).
    pub text_key: Option<String>,
    /// The key holding the span list in doccano (default: `label`, then `labels`, then
    /// `entities`) and Prodigy (default `spans`).
    pub label_key: Option<String>,
    /// Where spans end, overriding the format's default ([`Format::default_end`]).
    pub end: Option<SpanEnd>,
}

impl ImportOptions {
    /// The unit to use for `format`.
    pub fn unit_for(&self, format: Format) -> OffsetUnit {
        self.unit.unwrap_or_else(|| format.default_unit())
    }

    /// Where the spans of `format` end.
    pub fn end_for(&self, format: Format) -> SpanEnd {
        self.end.unwrap_or_else(|| format.default_end())
    }

    /// The text key, `text` unless told otherwise.
    pub fn text_key(&self) -> &str {
        self.text_key.as_deref().unwrap_or("text")
    }
}

/// One contiguous piece of an imported annotation, in the document's [`OffsetUnit`],
/// relative to the import's own text when it carries one. End exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImportedSpan {
    /// First unit of the span.
    pub start: usize,
    /// One past the last unit.
    pub end: usize,
}

impl ImportedSpan {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        ImportedSpan { start, end }
    }
}

/// An annotation as the foreign file states it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAnnotation {
    /// Its id in the foreign file (`T3` in brat, a result id in Label Studio), when it
    /// has one; relations refer to it.
    pub source_id: Option<String>,
    /// Entity, claim or source: what the file says when [`Self::kind_stated`], else
    /// what the label's words say ([`kind_for_label`]), which the schema refines when
    /// the annotation is applied (a claim kind such as `factual` is a claim).
    pub kind: Kind,
    /// Whether the file itself says the kind (a spaCy span group `claims`, a Label
    /// Studio region's `meta.kind`, a doccano or Prodigy span's `kind`, a W3C
    /// `scholia:kind` body) rather than only a label.
    pub kind_stated: bool,
    /// The entity type, claim kind or source kind, as the file spells it. May be empty
    /// when the file gives none (a W3C comment without a tag). Shared with the other
    /// annotations of the file that give it (see [`parse`](super::parse)).
    pub label: SharedStr,
    /// The spans, in file order; several for a discontinuous annotation. Empty when the
    /// file locates the annotation only by its quoted text (a W3C TextQuoteSelector
    /// without a TextPositionSelector): the caller then searches for `text`.
    pub spans: Vec<ImportedSpan>,
    /// The text the file says the spans cover.
    pub text: Option<String>,
    /// Text the file says comes just before the span (W3C `prefix`).
    pub prefix: Option<String>,
    /// Text the file says comes just after the span (W3C `suffix`).
    pub suffix: Option<String>,
    /// Pending for model output, accepted for annotations, rejected for rejections.
    pub status: Status,
    /// Who made it: `by` is the format's name; model and score when the file says.
    /// Shared: the annotations of one file often have the very same origin (a spaCy
    /// file's are all `spacy`), which its reader then makes once.
    pub origin: Arc<Origin>,
    /// Attributes (brat A/M lines, W3C bodies) as key/values.
    pub attrs: Attrs,
    /// A note (brat `#` AnnotatorNotes, W3C commenting body).
    pub note: Option<String>,
    /// Links to knowledge bases (brat N normalisations `Wikidata:Q42`, spaCy `kb_id`,
    /// W3C identifying bodies).
    pub links: Vec<String>,
}

impl ImportedAnnotation {
    /// An annotation without spans, text, attributes, note or links, whose kind `kind`
    /// is not stated by the file (see [`Self::kind_stated`]).
    pub fn new(
        kind: Kind,
        label: impl Into<SharedStr>,
        status: Status,
        origin: impl Into<Arc<Origin>>,
    ) -> Self {
        ImportedAnnotation {
            source_id: None,
            kind,
            kind_stated: false,
            label: label.into(),
            spans: Vec::new(),
            text: None,
            prefix: None,
            suffix: None,
            status,
            origin: origin.into(),
            attrs: Attrs::new(),
            note: None,
            links: Vec::new(),
        }
    }

    /// Adds `note` to the note, on a new line when there is one already.
    pub fn add_note(&mut self, note: &str) {
        append_note(&mut self.note, note);
    }

    /// Sets the kind the file states.
    pub fn state_kind(&mut self, kind: Kind) {
        self.kind = kind;
        self.kind_stated = true;
    }
}

/// The kind named `name` in a file (`entity`, `claim`, `source`), if it is one.
pub fn kind_named(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.as_str() == name)
}

/// A relation as the foreign file states it; `from` and `to` are foreign ids
/// ([`ImportedAnnotation::source_id`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRelation {
    /// Its id in the foreign file, when it has one (for brat events: the event's id).
    pub source_id: Option<String>,
    /// The relation type as the file spells it (`attributed_to` for attribution events).
    pub kind: String,
    /// The foreign id it starts from.
    pub from: String,
    /// The foreign id it points to.
    pub to: String,
    /// Attributes (brat A lines on a relation, Label Studio `direction`).
    pub attrs: Attrs,
    /// A note (brat `#` AnnotatorNotes on a relation).
    pub note: Option<String>,
}

impl ImportedRelation {
    /// A relation without attributes or note.
    pub fn new(
        source_id: Option<String>,
        kind: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
    ) -> Self {
        ImportedRelation {
            source_id,
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
            attrs: Attrs::new(),
            note: None,
        }
    }

    /// Adds `note` to the note, on a new line when there is one already.
    pub fn add_note(&mut self, note: &str) {
        append_note(&mut self.note, note);
    }
}

/// Annotations the file says name one and the same thing (a brat `*` line): they become
/// the mentions of one canonical entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEquivalence {
    /// The equivalence type as the file spells it (`Equiv`, `Alias`).
    pub kind: String,
    /// The foreign ids of the mentions, in file order, at least two.
    pub members: Vec<String>,
}

/// Something in the input that could not be imported as it stands; the rest still
/// imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The 1-based line of the input it concerns, when known.
    pub line: Option<usize>,
    /// One clear sentence saying what is wrong and what was done about it.
    pub message: String,
    /// Whether nothing of the file was lost by it (an empty file, a selector ignored
    /// beside one that was used, a value that fell back to its default): a notice, not a
    /// reason for `import` to fail.
    pub harmless: bool,
}

impl ImportProblem {
    /// A problem on `line` (1-based).
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        ImportProblem {
            line: Some(line),
            message: message.into(),
            harmless: false,
        }
    }

    /// A problem not tied to one line.
    pub fn general(message: impl Into<String>) -> Self {
        ImportProblem {
            line: None,
            message: message.into(),
            harmless: false,
        }
    }

    /// The same, marked as losing nothing of the file: a notice.
    pub fn harmless(self) -> Self {
        ImportProblem {
            harmless: true,
            ..self
        }
    }

    /// The notice every importer gives for an input with nothing in it (an empty brat
    /// `.ann` is simply an unannotated document).
    pub fn empty_file() -> Self {
        ImportProblem::general("empty file: there is nothing to import.").harmless()
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// One document read from a foreign file: its text when the file carries it, its
/// annotations and relations, and what could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDoc {
    /// The format it was read from.
    pub format: Format,
    /// Which record of a many-document file (doccano, Label Studio, Prodigy JSONL, a
    /// list of spaCy docs) this is, 0-based; `None` for a one-document format.
    pub record: Option<usize>,
    /// The text the file says it annotates; `None` when the file carries none (brat's
    /// text is the `.txt` beside the `.ann`, W3C points at a source) or when the record
    /// could not be read (see `problems`).
    pub text: Option<String>,
    /// The unit of every span in this document.
    pub unit: OffsetUnit,
    /// Where the file's spans ended as read (the spans here are end exclusive either
    /// way), so a misreading can be named.
    pub ends: SpanEnd,
    /// The tokens, in order, of a file that gives tokens instead of text (CoNLL); the
    /// spans then count these tokens, not characters, and are placed by aligning the
    /// tokens to the article.
    pub tokens: Option<TokenList>,
    /// The annotations, in file order.
    pub annotations: Vec<ImportedAnnotation>,
    /// The relations, in file order.
    pub relations: Vec<ImportedRelation>,
    /// Sets of annotations that name one thing, in file order.
    pub equivalences: Vec<ImportedEquivalence>,
    /// What could not be read, with line numbers where known.
    pub problems: Vec<ImportProblem>,
    /// Facts about the document that are not annotations: spaCy `sents`/`tokens`
    /// counts, the Label Studio task `id`, the W3C target `source`.
    pub meta: BTreeMap<String, String>,
    /// Labels and attribute values the file's project declares (a brat
    /// `annotation.conf`), for the schema of the article it is imported into.
    pub schema: SchemaExtension,
}

impl ImportedDoc {
    /// An empty document of `format` counted in `unit`.
    pub fn new(format: Format, unit: OffsetUnit) -> Self {
        ImportedDoc {
            format,
            record: None,
            text: None,
            unit,
            ends: SpanEnd::Exclusive,
            tokens: None,
            annotations: Vec::new(),
            relations: Vec::new(),
            equivalences: Vec::new(),
            problems: Vec::new(),
            meta: BTreeMap::new(),
            schema: SchemaExtension::default(),
        }
    }

    /// The document an importer returns for an empty input: no annotations and the
    /// problem "empty file".
    pub fn empty_file(format: Format, unit: OffsetUnit) -> Self {
        let mut doc = ImportedDoc::new(format, unit);
        doc.problems.push(ImportProblem::empty_file());
        doc
    }
}

fn append_note(note: &mut Option<String>, more: &str) {
    match note {
        Some(existing) if !existing.is_empty() => {
            existing.push('\n');
            existing.push_str(more);
        }
        _ => *note = Some(more.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>().ok(), Some(format));
        }
        assert_eq!(
            "Label-Studio".parse::<Format>().ok(),
            Some(Format::LabelStudio)
        );
        assert_eq!("web_annotation".parse::<Format>().ok(), Some(Format::W3c));
        assert_eq!("CoNLL-U".parse::<Format>().ok(), Some(Format::Conllu));
        let err = "conll-x".parse::<Format>().unwrap_err().to_string();
        assert!(
            err.contains("conll-x") && err.contains("labelstudio") && err.contains("conllu"),
            "{err}"
        );
    }

    #[test]
    fn units_default_by_format_and_yield_to_options() {
        let mut options = ImportOptions::default();
        assert_eq!(options.unit_for(Format::Doccano), OffsetUnit::Utf16);
        assert_eq!(options.unit_for(Format::Brat), OffsetUnit::CodePoints);
        options.unit = Some(OffsetUnit::CodePoints);
        assert_eq!(
            options.unit_for(Format::LabelStudio),
            OffsetUnit::CodePoints
        );
        assert_eq!(options.text_key(), "text");
    }

    #[test]
    fn notes_accumulate_on_new_lines() {
        let mut a = ImportedAnnotation::new(Kind::Entity, "X", Status::Accepted, Origin::manual());
        a.add_note("one");
        a.add_note("two");
        assert_eq!(a.note.as_deref(), Some("one\ntwo"));
    }

    #[test]
    fn problems_display_with_their_line() {
        assert_eq!(ImportProblem::at(3, "bad.").to_string(), "line 3: bad.");
        assert_eq!(ImportProblem::general("bad.").to_string(), "bad.");
    }
}
