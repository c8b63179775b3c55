//! The sidecar: `<article>.scholia.json`, the source of truth for an article's
//! annotations (DESIGN §3, documented field by field in `docs/sidecar.md`).
//!
//! Offsets in the file are Unicode code points; in memory they are bytes. Loading places
//! every annotation on the article (by position, quote, or approximate match) and keeps
//! what cannot be placed as an orphan; saving is atomic and durable, with a stable order
//! so that a change is a small diff.

use std::cell::Cell;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use super::anchor::{mark_moved, place, requote, Placement, Text};
use super::atomic::write_atomic_with;
use super::beside::beside;
use super::disk_stamp::DiskStamp;
use super::document::{CharOffsets, Document};
use super::done::DoneMark;
use super::error::json_message;
use super::hashing_writer::HashingWriter;
use super::model::{intern, Annotation, Entity, Relation, Span, Status};
use super::renumber::{renumber, Renumbering};
use super::schema::SchemaExtension;
use super::store::{Store, StoreSnapshot};

mod annotation_out;
mod file_in;
mod file_out;
mod pretty;

/// The format tag this version writes.
pub const FORMAT: &str = "scholia/1";
/// The format version this version reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The suffix added to the article's file name.
pub const SUFFIX: &str = ".scholia.json";
/// Key under which an orphan keeps the spans and status it had before it was lost.
pub const ORPHAN_KEY: &str = "orphan";
/// The largest sidecar scholia reads: 1 GiB.
pub const MAX_SIDECAR_SIZE: u64 = 1 << 30;

/// The sidecar path of an article: the article's path plus `.scholia.json`.
pub fn path_for(article: &Path) -> PathBuf {
    beside(article, SUFFIX)
}

/// What the sidecar records about its article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The article's file name (no folder).
    pub file: String,
    /// Lowercase hex SHA-256 of the article's bytes.
    pub sha256: String,
    /// Length in bytes.
    pub bytes: u64,
    /// Length in Unicode code points.
    pub chars: u64,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The sidecar file as it is on disk (spans in code points).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SidecarFile {
    /// `scholia/1`.
    pub format: String,
    /// The article it annotates.
    pub document: DocumentInfo,
    /// Canonical entities.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Annotations, in reading order.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Relations between annotations and entities.
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// The analyst marked the article done: who and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<DoneMark>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Why a sidecar cannot be used. A sidecar in any of these states is never overwritten.
#[derive(Debug, Error)]
pub enum SidecarError {
    /// Not valid JSON, or not the shape of a sidecar.
    #[error("{}:{line}:{column}: the sidecar cannot be read: {message}; fix it by hand or move it aside (scholia will not overwrite it)", path.display())]
    Parse {
        /// The sidecar.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Written by a newer scholia.
    #[error("{}: the sidecar has format \"{found}\", newer than this scholia reads ({FORMAT}); upgrade scholia (it will not overwrite the file)", path.display())]
    Newer {
        /// The sidecar.
        path: PathBuf,
        /// The format tag found.
        found: String,
    },
    /// Not a scholia sidecar at all.
    #[error("{}: \"format\" is \"{found}\", not a scholia sidecar ({FORMAT}); it will not be overwritten", path.display())]
    Foreign {
        /// The sidecar.
        path: PathBuf,
        /// The format tag found.
        found: String,
    },
    /// Over the size scholia reads.
    #[error("{}: the sidecar is {size} bytes, over the 1 GiB limit", path.display())]
    TooLarge {
        /// The sidecar.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// Reading it failed.
    #[error("{}: {source}", path.display())]
    Read {
        /// The sidecar.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// The store could not be turned into a sidecar; nothing was written.
    #[error("{}: could not save the sidecar: {source}", path.display())]
    Render {
        /// The sidecar.
        path: PathBuf,
        /// What could not be written.
        #[source]
        source: RenderError,
    },
    /// Writing it failed; the file on disk is as it was.
    #[error("{}: could not save the sidecar: {source}", path.display())]
    Write {
        /// The sidecar.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
}

/// Why a store cannot be written as a sidecar. Saving never writes a sidecar that says
/// something other than the store: it stops with one of these instead.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A span that does not fall on the article's characters cannot be given in code
    /// points.
    #[error("annotation {id} has the span {start}..{end} (bytes), which does not fall on the article's characters; nothing was written")]
    Span {
        /// The annotation.
        id: String,
        /// Start, in bytes.
        start: usize,
        /// End, in bytes.
        end: usize,
    },
    /// The JSON could not be produced.
    #[error("the JSON could not be written ({0}); nothing was written")]
    Json(#[source] serde_json::Error),
}

/// What happened to the annotations while loading (ids in file order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    /// The article's hash differs from the one recorded.
    pub article_changed: bool,
    /// Ids found again, exactly, with all their recorded context: they shifted with the
    /// text.
    pub shifted: Vec<String>,
    /// Ids moved to another occurrence of their words whose context agrees only in part;
    /// they are marked for review.
    pub moved: Vec<String>,
    /// Ids placed on a similar but not identical text.
    pub approximate: Vec<String>,
    /// Ids that could not be placed and are now orphans.
    pub orphaned: Vec<String>,
    /// Ids of orphans placed again.
    pub recovered: Vec<String>,
    /// Records that shared an id with an earlier one and got a new id (ids above are
    /// the new ones).
    pub duplicates: Renumbering,
}

impl LoadReport {
    /// Whether nothing was moved, lost or found again.
    pub fn is_quiet(&self) -> bool {
        self.shifted.is_empty()
            && self.moved.is_empty()
            && self.approximate.is_empty()
            && self.orphaned.is_empty()
            && self.recovered.is_empty()
    }

    /// How many annotations were placed again elsewhere in their own surroundings or on
    /// similar text, or recovered: every re-anchoring but moves to another occurrence.
    pub fn reanchored(&self) -> usize {
        self.shifted.len() + self.approximate.len() + self.recovered.len()
    }

    /// One line summing up the report, or `None` when nothing moved.
    pub fn summary(&self) -> Option<String> {
        if !self.article_changed && self.is_quiet() {
            return None;
        }
        Some(format!(
            "{}{}",
            if self.article_changed {
                "the article changed since the sidecar was written: "
            } else {
                ""
            },
            self.counts()
        ))
    }

    /// The counts, one per kind of outcome: "2 shifted with the text, 1 moved to another
    /// occurrence (to review), 0 approximate, 1 orphaned, 0 recovered".
    fn counts(&self) -> String {
        format!(
            "{} shifted with the text, {} moved to another occurrence (to review), {} approximate, {} orphaned, {} recovered",
            self.shifted.len(),
            self.moved.len(),
            self.approximate.len(),
            self.orphaned.len(),
            self.recovered.len()
        )
    }

    /// One line per annotation that was not in place: "a3: moved to another occurrence
    /// (to review)".
    pub fn details(&self) -> Vec<String> {
        let lists: [(&[String], &str); 5] = [
            (&self.shifted, "shifted with the text"),
            (&self.moved, "moved to another occurrence (to review)"),
            (&self.approximate, "placed on similar text"),
            (&self.orphaned, "orphaned"),
            (&self.recovered, "recovered"),
        ];
        lists
            .iter()
            .flat_map(|(ids, what)| ids.iter().map(move |id| format!("{id}: {what}")))
            .collect()
    }
}

/// A loaded sidecar: the store (byte offsets), what the file kept that scholia does not
/// interpret, and the load report.
#[derive(Debug)]
pub struct Loaded {
    /// The annotations, entities and relations.
    pub store: Store,
    /// The file's own fields, carried through to the next save.
    pub kept: Kept,
    /// What moved or was lost while placing annotations.
    pub report: LoadReport,
}

/// The parts of a sidecar carried from load to save unchanged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    /// Unknown top-level fields.
    pub extra: Map<String, Value>,
    /// Unknown fields of `document`.
    pub document_extra: Map<String, Value>,
}

/// The top-level field holding the labels and attribute values the article's imports
/// added to its schema (see [`SchemaExtension`]).
pub const SCHEMA_KEY: &str = "schema";

impl Kept {
    /// The labels and attribute values the article's imports added to its schema.
    pub fn schema(&self) -> SchemaExtension {
        self.extra
            .get(SCHEMA_KEY)
            .map(SchemaExtension::from_json)
            .unwrap_or_default()
    }

    /// Adds `extension` to the sidecar's `schema` field; whether anything was new.
    pub fn extend_schema(&mut self, extension: &SchemaExtension) -> bool {
        let mut schema = self.schema();
        if !schema.merge(extension) {
            return false;
        }
        self.extra.insert(SCHEMA_KEY.to_string(), schema.to_json());
        true
    }
}

/// Reads and parses the sidecar at `path`, a buffer at a time (it is never held whole);
/// `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<SidecarFile>, SidecarError> {
    Ok(file_in::read_as::<SidecarFile>(path)?.map(|(file, _)| file))
}

/// Parses sidecar text; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<SidecarFile, SidecarError> {
    let file: SidecarFile = intern::scope(|| serde_json::from_str(text))
        .map_err(|e| refused(path, &e, format_tag(text)))?;
    check_format(path, &file.format)?;
    Ok(file)
}

/// Why a sidecar that does not parse (`e`) is refused: a newer format when its `format`
/// field (`tag`) says so, rather than "invalid"; otherwise where and what the error is.
fn refused(path: &Path, e: &serde_json::Error, tag: Option<String>) -> SidecarError {
    if let Some(found) = tag.filter(|f| is_newer(f)) {
        return SidecarError::Newer {
            path: path.to_path_buf(),
            found,
        };
    }
    SidecarError::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: json_message(e),
    }
}

/// Refuses a parsed sidecar whose `format` is not the one this version reads.
fn check_format(path: &Path, format: &str) -> Result<(), SidecarError> {
    if format == FORMAT {
        return Ok(());
    }
    let found = format.to_string();
    Err(if is_newer(format) {
        SidecarError::Newer {
            path: path.to_path_buf(),
            found,
        }
    } else {
        SidecarError::Foreign {
            path: path.to_path_buf(),
            found,
        }
    })
}

/// Places a parsed sidecar on its article. Records sharing an id (a merge leaves them)
/// are all kept: the later ones are renumbered first (see [`renumber`]).
pub fn place_on(doc: &Document, file: SidecarFile) -> Loaded {
    intern::scope(|| place_in_scope(doc, file))
}

/// [`place_on`], inside its interning scope (a quote placed anew shares its text with
/// the others).
fn place_in_scope(doc: &Document, mut file: SidecarFile) -> Loaded {
    let duplicates = renumber(
        &mut file.annotations,
        &mut file.entities,
        &mut file.relations,
    );
    let report = place_each(
        doc,
        &file.document.sha256,
        duplicates,
        &mut file.annotations,
    );
    Loaded {
        store: Store::from_parts(file.annotations, file.entities, file.relations)
            .with_done(file.done),
        kept: Kept {
            extra: file.extra,
            document_extra: file.document.extra,
        },
        report,
    }
}

/// Loads the sidecar of `doc` from `path`; `Ok(None)` when there is none. The file is
/// parsed as it is read, never held whole, and each annotation is read straight into
/// the store's allocation for it.
pub fn load(doc: &Document, path: &Path) -> Result<Option<Loaded>, SidecarError> {
    Ok(file_in::load(doc, path)?.map(|(loaded, _)| loaded))
}

/// [`load`], with the stamp of the file read for the outside-change check (see
/// [`DiskStamp::of_read`]): the bytes are hashed as they are parsed, not read again.
pub fn load_stamped(
    doc: &Document,
    path: &Path,
) -> Result<(Option<Loaded>, DiskStamp), SidecarError> {
    DiskStamp::of_read(path, || {
        Ok(match file_in::load(doc, path)? {
            Some((loaded, sha256)) => (Some(loaded), Some(sha256)),
            None => (None, None),
        })
    })
}

/// Places one annotation on `doc` and records what happened in `report`. One placed in
/// its own surroundings or on similar text takes the quote of where it is now, so it is
/// not placed (and reported) again on the next load; one moved to another occurrence
/// keeps its old quote and is marked for review.
/// Places each of `annotations` on `doc` (a sidecar's, recorded against an article whose
/// SHA-256 was `recorded_sha256`); the load's report, starting with what renumbering
/// did.
fn place_each<'a>(
    doc: &Document,
    recorded_sha256: &str,
    duplicates: Renumbering,
    annotations: impl IntoIterator<Item = &'a mut Annotation>,
) -> LoadReport {
    let mut report = LoadReport {
        article_changed: recorded_sha256 != doc.sha256(),
        duplicates,
        ..LoadReport::default()
    };
    for a in annotations {
        place_annotation(doc, a, &mut report);
    }
    report
}

fn place_annotation(doc: &Document, a: &mut Annotation, report: &mut LoadReport) {
    if a.status == Status::Orphaned {
        let Some((spans, status)) = orphan_origin(a) else {
            return;
        };
        let placement = place(doc, &spans, &a.quote, Text::Changed);
        if let Some(placed) = placement.spans() {
            a.spans = placed.to_vec();
            a.status = status;
            a.extra.remove(ORPHAN_KEY);
            match placement {
                Placement::OtherOccurrence(_) => mark_moved(a),
                Placement::Shifted(_) | Placement::Approximate(_) => {
                    requote(doc, a);
                }
                Placement::InPlace(_) | Placement::Lost => {}
            }
            report.recovered.push(a.id.clone());
        }
        return;
    }
    let text = if report.article_changed {
        Text::Changed
    } else {
        Text::Unchanged
    };
    match place(doc, &a.spans, &a.quote, text) {
        Placement::InPlace(spans) => a.spans = spans,
        Placement::Shifted(spans) => {
            a.spans = spans;
            requote(doc, a);
            report.shifted.push(a.id.clone());
        }
        Placement::OtherOccurrence(spans) => {
            a.spans = spans;
            mark_moved(a);
            report.moved.push(a.id.clone());
        }
        Placement::Approximate(spans) => {
            a.spans = spans;
            requote(doc, a);
            report.approximate.push(a.id.clone());
        }
        Placement::Lost => {
            let record = serde_json::json!({
                "spans": a.spans,
                "status": a.status,
            });
            a.extra.insert(ORPHAN_KEY.to_string(), record);
            a.spans = Vec::new();
            a.status = Status::Orphaned;
            report.orphaned.push(a.id.clone());
        }
    }
}

/// The code-point spans and status an orphan had before it was lost.
fn orphan_origin(a: &Annotation) -> Option<(Vec<Span>, Status)> {
    let record = a.extra.get(ORPHAN_KEY)?;
    let spans: Vec<Span> = serde_json::from_value(record.get("spans")?.clone()).ok()?;
    let status: Status = serde_json::from_value(record.get("status")?.clone()).ok()?;
    Some((spans, status))
}

/// The sidecar for `store` on `doc` (spans converted to code points, stable order). A
/// span that is not on the article's characters is an error, never written as bytes. An
/// orphan's spans are written as they were read: they were never converted to bytes.
pub fn to_file(doc: &Document, store: &Store, kept: &Kept) -> Result<SidecarFile, RenderError> {
    Snapshot::of(doc, store, kept).to_file()
}

/// What the sidecar must say at one revision, taken without copying an annotation (the
/// store's items are shared) so that it costs the key path little, and made into the
/// [`SidecarFile`] ([`Snapshot::to_file`]: ordering, spans to code points) on the
/// thread that writes it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    document: DocumentInfo,
    offsets: CharOffsets,
    store: StoreSnapshot,
    extra: Map<String, Value>,
}

impl Snapshot {
    /// The snapshot of `store` on `doc` (waits for the article's hash).
    pub fn of(doc: &Document, store: &Store, kept: &Kept) -> Snapshot {
        SNAPSHOTS_TAKEN.with(|taken| taken.set(taken.get() + 1));
        Snapshot {
            document: DocumentInfo {
                file: doc.file_name(),
                sha256: doc.sha256().to_string(),
                bytes: doc.byte_len() as u64,
                chars: doc.char_len() as u64,
                extra: kept.document_extra.clone(),
            },
            offsets: doc.char_offsets(),
            store: store.snapshot(),
            extra: kept.extra.clone(),
        }
    }

    /// Writes the sidecar file this snapshot makes ([`Snapshot::to_file`]) at `path`,
    /// as [`write`] does, straight from the shared items: no annotation is copied, only
    /// the spans converted to code points are held beside them. The SHA-256 of the bytes
    /// written; when a span cannot be converted nothing is written.
    pub fn write(&self, path: &Path, follow_symlink: bool) -> Result<String, SidecarError> {
        self.write_stamped(path, follow_symlink, Stamp::Hashed)
            .map(Option::unwrap_or_default)
    }

    /// [`Snapshot::write`], working out the SHA-256 of the bytes written only when
    /// `stamp` asks for it.
    fn write_stamped(
        &self,
        path: &Path,
        follow_symlink: bool,
        stamp: Stamp,
    ) -> Result<Option<String>, SidecarError> {
        FILES_MADE.with(|made| made.set(made.get() + 1));
        let out = file_out::FileOut::of(self).map_err(|source| SidecarError::Render {
            path: path.to_path_buf(),
            source,
        })?;
        write_rendered(path, follow_symlink, stamp, |into| {
            out.write_to(into, file_out::Threads::AsPays)
        })
    }

    /// The sidecar file: the items in their stable order, spans in code points.
    pub fn to_file(&self) -> Result<SidecarFile, RenderError> {
        FILES_MADE.with(|made| made.set(made.get() + 1));
        let annotations = self
            .store
            .annotations_in_order()
            .into_iter()
            .map(|a| {
                let mut a = a.clone();
                if a.status == Status::Orphaned {
                    return Ok(a);
                }
                a.spans = a
                    .spans
                    .iter()
                    .map(|s| {
                        self.offsets
                            .span_to_chars(*s)
                            .ok_or_else(|| RenderError::Span {
                                id: a.id.clone(),
                                start: s.start,
                                end: s.end,
                            })
                    })
                    .collect::<Result<_, _>>()?;
                Ok(a)
            })
            .collect::<Result<_, RenderError>>()?;
        Ok(SidecarFile {
            format: FORMAT.to_string(),
            document: self.document.clone(),
            entities: self
                .store
                .entities_in_order()
                .into_iter()
                .cloned()
                .collect(),
            annotations,
            relations: self
                .store
                .relations_in_order()
                .into_iter()
                .cloned()
                .collect(),
            done: self.store.done.clone(),
            extra: self.extra.clone(),
        })
    }
}

thread_local! {
    static SNAPSHOTS_TAKEN: Cell<usize> = const { Cell::new(0) };
    static FILES_MADE: Cell<usize> = const { Cell::new(0) };
}

/// How many snapshots this thread took and how many sidecar files (every annotation's
/// spans converted, copied into a file or written) it made so far: tests check that the key path takes
/// snapshots and leaves the files to the writer's thread.
pub fn snapshot_work() -> (usize, usize) {
    (SNAPSHOTS_TAKEN.with(Cell::get), FILES_MADE.with(Cell::get))
}

/// The sidecar's text: pretty-printed JSON with a final newline.
pub fn render(file: &SidecarFile) -> Result<String, RenderError> {
    let mut text = serde_json::to_string_pretty(file).map_err(RenderError::Json)?;
    text.push('\n');
    Ok(text)
}

/// Saves `store` as the sidecar of `doc` at `path`, atomically and durably; the SHA-256
/// of the bytes written (so that the writer can recognise its own file later). When the
/// store cannot be rendered faithfully nothing is written.
pub fn save(
    doc: &Document,
    store: &Store,
    kept: &Kept,
    path: &Path,
    follow_symlink: bool,
) -> Result<String, SidecarError> {
    Snapshot::of(doc, store, kept).write(path, follow_symlink)
}

/// [`save`] for a command that writes the sidecar once and exits (`import`,
/// `extract`): the same bytes, without the SHA-256 no later save will ask for (a
/// twentieth of writing a large sidecar).
pub fn save_once(
    doc: &Document,
    store: &Store,
    kept: &Kept,
    path: &Path,
    follow_symlink: bool,
) -> Result<(), SidecarError> {
    Snapshot::of(doc, store, kept)
        .write_stamped(path, follow_symlink, Stamp::Unhashed)
        .map(drop)
}

/// Whether a write works out the SHA-256 of the bytes it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stamp {
    /// The SHA-256 is worked out on the way.
    Hashed,
    /// Nothing is hashed.
    Unhashed,
}

/// Writes `file` at `path` atomically and durably, rendered straight into the temporary
/// file (the same text as [`render`], never held whole in memory); the SHA-256 of the
/// bytes written. When the JSON cannot be produced nothing is replaced.
pub fn write(
    file: &SidecarFile,
    path: &Path,
    follow_symlink: bool,
) -> Result<String, SidecarError> {
    write_rendered(path, follow_symlink, Stamp::Hashed, |out| {
        // The JSON's many small pieces are gathered before they are hashed and written:
        // hashing each one as it comes costs more than writing it.
        render_into(&mut io::BufWriter::with_capacity(1 << 16, out), file)
    })
    .map(Option::unwrap_or_default)
}

/// Writes at `path`, atomically and durably, what `render` writes into the file it is
/// given; the SHA-256 of the bytes written when `stamp` asks for it. When the JSON
/// cannot be produced nothing is replaced.
fn write_rendered(
    path: &Path,
    follow_symlink: bool,
    stamp: Stamp,
    render: impl FnOnce(&mut dyn Write) -> Result<(), RenderFailure>,
) -> Result<Option<String>, SidecarError> {
    let mut sha256 = None;
    let mut unrendered = None;
    let written = write_atomic_with(path, follow_symlink, |out| {
        let rendered = match stamp {
            Stamp::Hashed => {
                let mut out = HashingWriter::new(out);
                let rendered = render(&mut out);
                sha256 = Some(out.hex_sha256());
                rendered
            }
            Stamp::Unhashed => render(out),
        };
        rendered.map_err(|e| match e {
            RenderFailure::Io(e) => e,
            RenderFailure::Json(e) => {
                unrendered = Some(e);
                io::Error::other("the JSON could not be produced")
            }
        })
    });
    match (written, unrendered) {
        (_, Some(e)) => Err(SidecarError::Render {
            path: path.to_path_buf(),
            source: RenderError::Json(e),
        }),
        (Err(source), None) => Err(SidecarError::Write {
            path: path.to_path_buf(),
            source,
        }),
        (Ok(()), None) => Ok(sha256),
    }
}

/// Why a sidecar could not be rendered into a writer.
enum RenderFailure {
    /// Writing failed.
    Io(io::Error),
    /// The JSON could not be produced.
    Json(serde_json::Error),
}

/// Renders `file` into `out` as [`render`] does, final newline included, and flushes it.
fn render_into(out: &mut impl Write, file: &impl Serialize) -> Result<(), RenderFailure> {
    serde_json::to_writer_pretty(&mut *out, file).map_err(|e| {
        if e.is_io() {
            RenderFailure::Io(e.into())
        } else {
            RenderFailure::Json(e)
        }
    })?;
    out.write_all(b"\n")
        .and_then(|()| out.flush())
        .map_err(RenderFailure::Io)
}

fn format_tag(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    value.get("format")?.as_str().map(str::to_string)
}

fn is_newer(tag: &str) -> bool {
    tag.strip_prefix("scholia/")
        .and_then(|v| v.split('.').next()?.parse::<u32>().ok())
        .is_some_and(|v| v > FORMAT_VERSION)
}
