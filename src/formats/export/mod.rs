//! Exporters (DESIGN §4): one article's annotations written in the formats other tools
//! read, each saying exactly what it cannot hold.
//!
//! [`export`] turns a document and its store into the files of one format
//! ([`Exported::files`], named relative to the output folder after the article's stem)
//! and the list of what it could not hold ([`Exported::dropped`]); [`export_to`] writes
//! the same bytes into an [`ExportSink`] as they are made (a buffered file, a counter),
//! so that the JSON, JSON Lines, CSV, brat and CoNLL writers never hold the file they
//! write: items not written at
//! all, and items written without something the format cannot say (their kind, some
//! attributes, a note). Only `beside` touches the disk: the checks every writer of
//! export files makes (never the article, never an existing file unless asked), used by
//! `commands::export` and the workbench. `docs/formats.md` describes every format's
//! mapping, offset unit and losses.
//!
//! Which annotations are exported is chosen by [`StatusFilter`]: `accepted` (the default)
//! writes accepted annotations only, and the rest is not "left out" but not asked for;
//! `all` asks for every status, and a format that cannot tell a suggestion or a rejection
//! from an accepted annotation leaves those out and says so, rather than writing them as
//! if accepted. Orphans have no place in the article: only the scholia sidecar and the
//! CSV table (which needs no offsets) hold them. Relations and canonical entities follow
//! their annotations: a relation whose end was not asked for is not exported either.

pub mod beside;
mod brat;
mod brat_cues;
pub mod claims;
mod conll;
mod csv;
mod doccano;
mod label_colors;
mod labelstudio;
mod labelstudio_config;
pub mod losses;
mod marks;
mod prodigy;
pub mod registry_csv;
mod report;
mod report_html;
mod report_lines;
mod report_model;
mod scholia;
mod selection;
mod spacy;
pub mod staged;
mod streamed;
mod tokens;
mod w3c;

use std::collections::HashSet;
use std::fmt;
use std::io;
use std::path::Path;
use std::str::FromStr;

use crate::domain::document::Document;
use crate::domain::model::Status;
use crate::domain::schema::Schema;
use crate::domain::sidecar;
use crate::domain::store::Store;
use crate::formats::imported::OffsetUnit;

pub use brat::merge_conf;
pub use tokens::conll_tokens;

/// The formats scholia writes, as `--format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A normalised scholia sidecar (`<stem>.scholia.json`).
    Scholia,
    /// brat standoff: `<stem>.txt`, `<stem>.ann` and `annotation.conf`.
    Brat,
    /// A W3C Web Annotation collection in JSON-LD (`<stem>.w3c.jsonld`).
    W3c,
    /// spaCy `Doc.to_json()` (`<stem>.spacy.json`).
    Spacy,
    /// doccano JSONL with `entities` and `relations` (`<stem>.doccano.jsonl`).
    Doccano,
    /// A Label Studio task list (`<stem>.labelstudio.json`) and the labeling config
    /// that imports it (`<stem>.label_config.xml`).
    LabelStudio,
    /// Prodigy JSONL tasks (`<stem>.prodigy.jsonl`).
    Prodigy,
    /// CoNLL-2003-style IOB2, one token a line (`<stem>.conll`).
    Conll,
    /// The claims table, one row per claim–source link (`<stem>.claims.csv`).
    Csv,
    /// A Markdown report: the article with marked spans and the claims table.
    ReportMarkdown,
    /// A standalone, printable HTML report.
    ReportHtml,
    /// Both reports.
    Report,
}

impl ExportFormat {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [ExportFormat; 12] = [
        ExportFormat::Scholia,
        ExportFormat::Brat,
        ExportFormat::W3c,
        ExportFormat::Spacy,
        ExportFormat::Doccano,
        ExportFormat::LabelStudio,
        ExportFormat::Prodigy,
        ExportFormat::Conll,
        ExportFormat::Csv,
        ExportFormat::ReportMarkdown,
        ExportFormat::ReportHtml,
        ExportFormat::Report,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Scholia => "scholia",
            ExportFormat::Brat => "brat",
            ExportFormat::W3c => "w3c",
            ExportFormat::Spacy => "spacy",
            ExportFormat::Doccano => "doccano",
            ExportFormat::LabelStudio => "labelstudio",
            ExportFormat::Prodigy => "prodigy",
            ExportFormat::Conll => "conll",
            ExportFormat::Csv => "csv",
            ExportFormat::ReportMarkdown => "report-md",
            ExportFormat::ReportHtml => "report-html",
            ExportFormat::Report => "report",
        }
    }

    /// How messages name the format ("brat", "the claims table"…).
    pub fn title(self) -> &'static str {
        match self {
            ExportFormat::Scholia => "the scholia sidecar",
            ExportFormat::Brat => "brat",
            ExportFormat::W3c => "W3C Web Annotation",
            ExportFormat::Spacy => "spaCy",
            ExportFormat::Doccano => "doccano",
            ExportFormat::LabelStudio => "Label Studio",
            ExportFormat::Prodigy => "Prodigy",
            ExportFormat::Conll => "CoNLL",
            ExportFormat::Csv => "the claims table",
            ExportFormat::ReportMarkdown | ExportFormat::ReportHtml | ExportFormat::Report => {
                "the report"
            }
        }
    }

    /// Whether the format writes more than one file per article (then `-o` is a folder
    /// and standard output cannot take it). Label Studio's labeling config, written
    /// beside the tasks, does not count: the tasks alone can go to a file or standard
    /// output.
    pub fn is_multi_file(self) -> bool {
        matches!(self, ExportFormat::Brat | ExportFormat::Report)
    }

    /// Whether the outputs of several articles can follow one another in one stream
    /// (JSON Lines and CoNLL documents).
    pub fn concatenates(self) -> bool {
        matches!(
            self,
            ExportFormat::Doccano | ExportFormat::Prodigy | ExportFormat::Conll
        )
    }

    /// The names of the files written for an article whose stem is `stem`.
    pub fn file_names(self, stem: &str) -> Vec<String> {
        let one = |suffix: &str| vec![format!("{stem}{suffix}")];
        match self {
            ExportFormat::Scholia => one(sidecar::SUFFIX),
            ExportFormat::Brat => vec![
                format!("{stem}.ann"),
                format!("{stem}.txt"),
                brat::CONF_FILE.to_string(),
            ],
            ExportFormat::W3c => one(".w3c.jsonld"),
            ExportFormat::Spacy => one(".spacy.json"),
            ExportFormat::Doccano => one(".doccano.jsonl"),
            ExportFormat::LabelStudio => vec![
                format!("{stem}.labelstudio.json"),
                format!("{stem}.label_config.xml"),
            ],
            ExportFormat::Prodigy => one(".prodigy.jsonl"),
            ExportFormat::Conll => one(".conll"),
            ExportFormat::Csv => one(".claims.csv"),
            ExportFormat::ReportMarkdown => one(".report.md"),
            ExportFormat::ReportHtml => one(".report.html"),
            ExportFormat::Report => {
                vec![format!("{stem}.report.md"), format!("{stem}.report.html")]
            }
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A `--format` value that is not an export format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format \"{0}\" (known: scholia, brat, w3c, spacy, doccano, labelstudio, prodigy, conll, csv, report, report-md, report-html).")]
pub struct UnknownExportFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownExportFormat;

    /// Reads a `--format` value: a [`ExportFormat::name`], case-insensitive, with `-` or
    /// `_` optional (`label-studio`, `report_html`), plus `iob2` for CoNLL and
    /// `web-annotation` for W3C.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = crate::formats::format_key(s);
        let found = match key.as_str() {
            "scholia" | "sidecar" => ExportFormat::Scholia,
            "brat" => ExportFormat::Brat,
            "w3c" | "webannotation" => ExportFormat::W3c,
            "spacy" => ExportFormat::Spacy,
            "doccano" => ExportFormat::Doccano,
            "labelstudio" => ExportFormat::LabelStudio,
            "prodigy" => ExportFormat::Prodigy,
            "conll" | "iob2" => ExportFormat::Conll,
            "csv" => ExportFormat::Csv,
            "reportmd" | "markdown" => ExportFormat::ReportMarkdown,
            "reporthtml" | "html" => ExportFormat::ReportHtml,
            "report" => ExportFormat::Report,
            _ => return Err(UnknownExportFormat(s.to_string())),
        };
        Ok(found)
    }
}

/// Which annotations to export, by review status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Accepted annotations only.
    #[default]
    Accepted,
    /// Every status: pending suggestions, rejections and orphans too, where the format
    /// can hold them (otherwise they are left out and reported).
    All,
}

impl StatusFilter {
    /// Whether annotations of `status` are asked for.
    pub fn admits(self, status: Status) -> bool {
        self == StatusFilter::All || status == Status::Accepted
    }
}

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Which statuses to export.
    pub status: StatusFilter,
    /// Offset unit of doccano and Label Studio (UTF-16 code units unless told code
    /// points); the other formats have a fixed unit.
    pub unit: Option<OffsetUnit>,
}

impl ExportOptions {
    /// The unit doccano and Label Studio write.
    pub fn unit(&self) -> OffsetUnit {
        self.unit.unwrap_or(OffsetUnit::Utf16)
    }
}

/// What of an annotation, relation or entity an export leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// All of it.
    Whole,
    /// Its kind: it reads back as the kind its label stands for.
    Kind,
    /// Its label, written changed (brat and CoNLL labels cannot hold whitespace).
    Label,
    /// Part of its spans (surrounding whitespace trimmed for token-based formats).
    Spans,
    /// Some or all of its attributes.
    Attributes,
    /// Its note.
    Note,
    /// Its links to knowledge bases.
    Links,
}

/// One thing an export cannot hold, with one sentence saying so. It is either not
/// written at all ([`Dropped::is_whole`]), or written but without something the format
/// cannot say: its kind, its label as it is, some attributes, its note or its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The id of the one annotation (`a7`), relation (`r2`) or entity (`e1`) concerned.
    pub id: String,
    /// What of it is left out; `[Part::Whole]` when it is not written at all.
    pub parts: Vec<Part>,
    /// One sentence: `a7 (claim factual): not written: CoNLL cannot hold overlapping
    /// spans.` or `a4 (source publication): written, but brat cannot hold its kind (…).`
    pub message: String,
    /// The kind of loss, shared by every item lost the same way, which the short report
    /// counts on one line (`pending annotations, which spaCy cannot mark as such`); the
    /// reason itself unless [`Dropped::with_loss`] names it for all of them.
    pub loss: String,
}

impl Dropped {
    /// `subject` (an item as messages name it: `a7 (claim factual)`) is not written, for
    /// `reason`.
    pub fn not_written(id: impl Into<String>, subject: &str, reason: &str) -> Dropped {
        Dropped {
            id: id.into(),
            parts: vec![Part::Whole],
            message: format!("{subject}: not written: {reason}."),
            loss: reason.to_string(),
        }
    }

    /// `subject` is written without `parts`, for `reason` (which says what is lost).
    pub fn written_in_part(
        id: impl Into<String>,
        parts: Vec<Part>,
        subject: &str,
        reason: &str,
    ) -> Dropped {
        Dropped {
            id: id.into(),
            parts,
            message: format!("{subject}: written, but {reason}."),
            loss: reason.to_string(),
        }
    }

    /// The same, counted under `loss`: a phrase naming the kind of loss for every item
    /// it befalls, where the reason names this item alone (`its end a5 is left out`).
    pub fn with_loss(self, loss: impl Into<String>) -> Dropped {
        Dropped {
            loss: loss.into(),
            ..self
        }
    }

    /// Whether the item is not written at all (rather than written in part).
    pub fn is_whole(&self) -> bool {
        self.parts.contains(&Part::Whole)
    }
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result of exporting one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exported {
    /// The files: name relative to the output folder (`article.ann`) and content. The
    /// first is the main one, which messages name.
    pub files: Vec<(String, String)>,
    /// Number of annotations written.
    pub annotations: usize,
    /// Number of relations written.
    pub relations: usize,
    /// What was not written, or written in part, one sentence each.
    pub dropped: Vec<Dropped>,
}

impl Exported {
    /// An export that wrote nothing, and the one sentence that says why.
    pub fn failed(message: String) -> Exported {
        Exported {
            dropped: vec![Dropped {
                id: String::new(),
                parts: vec![Part::Whole],
                loss: message.clone(),
                message,
            }],
            ..Exported::default()
        }
    }

    /// What was not written at all.
    pub fn not_written(&self) -> impl Iterator<Item = &Dropped> {
        self.dropped.iter().filter(|d| d.is_whole())
    }

    /// What was written, but without its kind, label, some attributes, note or links;
    /// an item also reported as not written at all is not among them.
    pub fn written_in_part(&self) -> impl Iterator<Item = &Dropped> {
        let whole: HashSet<&str> = self.not_written().map(|d| d.id.as_str()).collect();
        self.dropped
            .iter()
            .filter(move |d| !d.is_whole() && !whole.contains(d.id.as_str()))
    }

    /// How many items (annotations, relations, entities) were not written at all.
    pub fn not_written_count(&self) -> usize {
        distinct_ids(self.not_written())
    }

    /// How many items were written in part (each counted once, whatever it lost).
    pub fn written_in_part_count(&self) -> usize {
        distinct_ids(self.written_in_part())
    }
}

/// The number of different items among `dropped`.
fn distinct_ids<'a>(dropped: impl Iterator<Item = &'a Dropped>) -> usize {
    dropped.map(|d| d.id.as_str()).collect::<HashSet<_>>().len()
}

/// Where an export writes its files, one after the other, in the order of
/// [`ExportFormat::file_names`].
pub trait ExportSink {
    /// Writes the file `name`, whose bytes `write` writes into the writer it is given
    /// (called once).
    fn file(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()>;
}

/// The files of an export held in memory, as [`export`] returns them.
#[derive(Debug, Default)]
pub struct InMemory {
    /// Name and content of each file written, in order.
    pub files: Vec<(String, String)>,
}

impl ExportSink for InMemory {
    fn file(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the export is not UTF-8"))?;
        self.files.push((name.to_string(), text));
        Ok(())
    }
}

/// Writes `text` as the file `name` of `sink`.
fn write_text(sink: &mut dyn ExportSink, name: &str, text: &str) -> io::Result<()> {
    sink.file(name, &mut |w| w.write_all(text.as_bytes()))
}

/// Exports `doc`'s annotations in `store` as `format`, the files held in memory.
pub fn export(
    format: ExportFormat,
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
) -> Exported {
    let mut sink = InMemory::default();
    match export_to(format, doc, store, schema, options, &mut sink) {
        Ok(exported) => Exported {
            files: sink.files,
            ..exported
        },
        Err(e) => Exported::failed(format!("the export could not be written: {e}")),
    }
}

/// Exports `doc`'s annotations in `store` as `format` into `sink`, each file written as
/// it is made; the [`Exported`] returned holds no files (they went to `sink`), only what
/// was written and what was left out. Fails only when `sink` does.
pub fn export_to(
    format: ExportFormat,
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let stem = stem_of(doc);
    let held = match format {
        ExportFormat::Brat => return brat::export(doc, store, schema, options, &stem, sink),
        ExportFormat::W3c => return w3c::export(doc, store, options, &stem, sink),
        ExportFormat::Spacy => return spacy::export(doc, store, schema, options, &stem, sink),
        ExportFormat::Doccano => return doccano::export(doc, store, options, &stem, sink),
        ExportFormat::LabelStudio => {
            return labelstudio::export(doc, store, schema, options, &stem, sink)
        }
        ExportFormat::Prodigy => return prodigy::export(doc, store, options, &stem, sink),
        ExportFormat::Conll => return conll::export(doc, store, schema, options, &stem, sink),
        ExportFormat::Csv => return csv::export(doc, store, options, &stem, sink),
        // The sidecar and the reports are made whole, then written.
        ExportFormat::Scholia => scholia::export(doc, store, options, &stem),
        ExportFormat::ReportMarkdown => report::export(doc, store, schema, options, &stem),
        ExportFormat::ReportHtml => report_html::export(doc, store, schema, options, &stem),
        ExportFormat::Report => {
            let mut both = report::export(doc, store, schema, options, &stem);
            let html = report_html::export(doc, store, schema, options, &stem);
            both.files.extend(html.files);
            both
        }
    };
    for (name, text) in &held.files {
        write_text(sink, name, text)?;
    }
    Ok(Exported {
        files: Vec::new(),
        ..held
    })
}

/// The article's file name without its last extension (`border-incident` for
/// `border-incident.txt`), which names the exported files; `article` when it has none.
pub fn stem_of(doc: &Document) -> String {
    let name = doc.file_name();
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.is_empty() {
        "article".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in ExportFormat::ALL {
            assert_eq!(format.name().parse::<ExportFormat>().ok(), Some(format));
        }
        assert_eq!(
            "Label_Studio".parse::<ExportFormat>().ok(),
            Some(ExportFormat::LabelStudio)
        );
        let err = "xlsx".parse::<ExportFormat>().unwrap_err().to_string();
        assert!(err.contains("xlsx") && err.contains("conll"), "{err}");
    }

    #[test]
    fn file_names_follow_the_stem() {
        assert_eq!(
            ExportFormat::Brat.file_names("a"),
            vec!["a.ann", "a.txt", "annotation.conf"]
        );
        assert_eq!(ExportFormat::Csv.file_names("a"), vec!["a.claims.csv"]);
        let doc = Document::from_text(Path::new("dir/x.y.txt"), String::new());
        assert_eq!(stem_of(&doc), "x.y");
    }
}
