//! scholia: a keyboard-driven terminal workbench for analysts who tag entities, claims
//! and sources in articles.
//!
//! The library's face is small: open an article, load and save its sidecar, import
//! another tool's file, export, extract suggestions by rule, validate a sidecar. Each is
//! re-exported here and shown below; everything else is internal (see "Modules"). Offsets
//! in memory are UTF-8 bytes; in files they are Unicode code points.
//!
//! # Open a document
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("article.txt");
//! std::fs::write(&path, "Шаукат Султан told AFP.\n")?;
//! let doc = scholia::Document::load(&path, 1 << 20)?;
//! assert_eq!((doc.byte_len(), doc.char_len()), (36, 24));
//! # Ok(()) }
//! ```
//!
//! # Load and save a sidecar
//!
//! ```
//! use scholia::{sidecar, Annotation, Kind, Span, Store};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let article = dir.path().join("article.txt");
//! # std::fs::write(&article, "Shaukat Sultan told AFP.\n")?;
//! let doc = scholia::Document::load(&article, 1 << 20)?;
//! let start = doc.text().find("AFP").unwrap();
//! let mut store = Store::new();
//! store.insert_annotation(Annotation::new(
//!     "a1",
//!     Kind::Source,
//!     "publication",
//!     vec![Span::new(start, start + 3)],
//! ));
//! let path = sidecar::path_for(&article); // article.txt.scholia.json
//! sidecar::save(&doc, &store, &sidecar::Kept::default(), &path, false)?;
//! let loaded = sidecar::load(&doc, &path)?.expect("the sidecar just written");
//! assert_eq!(loaded.store.annotations().len(), 1);
//! # Ok(()) }
//! ```
//!
//! # Import
//!
//! ```
//! use scholia::{ApplyOptions, Format, ImportOptions, Store};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let article = dir.path().join("article.txt");
//! # std::fs::write(&article, "Shaukat Sultan told AFP.\n")?;
//! let doc = scholia::Document::load(&article, 1 << 20)?;
//! let brat = "T1\tPERSON 0 14\tShaukat Sultan\n";
//! let records = scholia::parse(Format::Brat, brat, &ImportOptions::default())?;
//! let record = scholia::pick_record(&doc, &records)?;
//! let mut store = Store::new();
//! let summary = scholia::apply(&doc, &mut store, record, &ApplyOptions::default());
//! assert_eq!(summary.imported, 1);
//! # Ok(()) }
//! ```
//!
//! # Export
//!
//! ```
//! use scholia::{Annotation, ExportFormat, ExportOptions, Kind, Schema, Span, Status, Store};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let article = dir.path().join("article.txt");
//! # std::fs::write(&article, "Shaukat Sultan told AFP.\n")?;
//! let doc = scholia::Document::load(&article, 1 << 20)?;
//! let mut person = Annotation::new("a1", Kind::Entity, "PERSON", vec![Span::new(0, 14)]);
//! person.status = Status::Accepted;
//! let store = Store::from_parts(vec![person], Vec::new(), Vec::new());
//! let options = ExportOptions::default(); // accepted annotations only
//! let exported = scholia::export(ExportFormat::Brat, &doc, &store, &Schema::default(), &options);
//! let (name, text) = &exported.files[0];
//! assert_eq!(name, "article.ann");
//! assert!(text.starts_with("T1\tPERSON 0 14\tShaukat Sultan"));
//! # Ok(()) }
//! ```
//!
//! # Extract
//!
//! ```
//! use scholia::{Kind, RuleSet};
//! let text = "Kazakh border guards said on 19 July 2024 that four men had crossed.";
//! let suggestions = scholia::extract(text, &RuleSet::default());
//! assert!(suggestions.iter().any(|s| s.kind == Kind::Entity && s.label == "DATE"));
//! ```
//!
//! # Validate
//!
//! ```
//! use scholia::{sidecar, Store};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let article = dir.path().join("article.txt");
//! # std::fs::write(&article, "Shaukat Sultan told AFP.\n")?;
//! let doc = scholia::Document::load(&article, 1 << 20)?;
//! let path = sidecar::path_for(&article);
//! sidecar::save(&doc, &Store::new(), &sidecar::Kept::default(), &path, false)?;
//! let file = sidecar::read(&path)?.expect("the sidecar just written");
//! assert!(scholia::validate(&doc, &file).is_empty());
//! # Ok(()) }
//! ```
//!
//! # Modules
//!
//! `domain` is the pure core, `formats` reads and writes other tools' files, `extract`
//! suggests annotations by rule, `app` is the terminal-free workbench. With the default
//! `tui` feature, `ui` draws it, `tui` runs it on the terminal, `commands` are the
//! commands and `cli` is the command line; without it no terminal crate is compiled.
//! These modules are internal: the binary, the tests and the benches use them, and their
//! paths may change. `docs/architecture.md` is the map.

pub use domain::document::Document;
pub use domain::error::DocumentError;
pub use domain::model::{Annotation, Entity, Kind, Relation, Span, Status};
pub use domain::schema::Schema;
pub use domain::sidecar::{self, SidecarError, SidecarFile};
pub use domain::store::Store;
pub use domain::validate::{check as validate, Problem};
pub use extract::{extract, RuleSet, Suggestion};
pub use formats::apply::{apply, pick_record, ApplyError, ApplyOptions, ImportSummary};
pub use formats::export::{export, ExportFormat, ExportOptions, Exported};
pub use formats::{parse, Format, FormatError, ImportOptions};

/// Internal: the terminal-free workbench (state, actions, `update`, the session).
#[doc(hidden)]
pub mod app;
/// Internal: the command line's arguments.
#[cfg(feature = "tui")]
#[doc(hidden)]
pub mod cli;
/// Internal: the commands behind the command line, and their exit codes.
#[cfg(feature = "tui")]
#[doc(hidden)]
pub mod commands;
/// Internal: the pure core. The public part is re-exported above.
#[doc(hidden)]
pub mod domain;
/// Internal: suggestions by rule. The public part is re-exported above.
#[doc(hidden)]
pub mod extract;
/// Internal: other tools' formats. The public part is re-exported above.
#[doc(hidden)]
pub mod formats;
/// Internal: the checks each fuzz target runs, shared with the regression replay.
#[doc(hidden)]
pub mod fuzz_entry;
/// Internal: the terminal shell of the workbench.
#[cfg(feature = "tui")]
#[doc(hidden)]
pub mod tui;
/// Internal: the widgets that draw the workbench.
#[cfg(feature = "tui")]
#[doc(hidden)]
pub mod ui;
