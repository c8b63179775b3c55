//! The sidecar: `<article>.scholia.json`, the source of truth for an article's
//! annotations (DESIGN §3, documented field by field in `docs/sidecar.md`).
//!
//! Offsets in the file are Unicode code points; in memory they are bytes. Loading places
//! every annotation on the article (by position, quote, or approximate match) and keeps
//! what cannot be placed as an orphan; saving is atomic and durable, with a stable order
//! so that a change is a small diff.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use super::anchor::{place, Placement};
use super::atomic::write_atomic;
use super::document::Document;
use super::model::{Annotation, Entity, Relation, Span, Status};
use super::store::Store;

/// The format tag this version writes.
pub const FORMAT: &str = "scholia/1";
/// The format version this version reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The suffix added to the article's file name.
pub const SUFFIX: &str = ".scholia.json";
/// Key under which an orphan keeps the spans and status it had before it was lost.
pub const ORPHAN_KEY: &str = "orphan";
/// The largest sidecar scholia reads: 1 GiB.
const MAX_SIDECAR_SIZE: u64 = 1 << 30;

/// The sidecar path of an article: the article's path plus `.scholia.json`.
pub fn path_for(article: &Path) -> PathBuf {
    let mut name = article.as_os_str().to_owned();
    name.push(SUFFIX);
    PathBuf::from(name)
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
    /// Reading or writing failed.
    #[error("{}: {message}", path.display())]
    Io {
        /// The sidecar.
        path: PathBuf,
        /// What failed.
        message: String,
    },
}

/// What happened to the annotations while loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadReport {
    /// The article's hash differs from the one recorded.
    pub article_changed: bool,
    /// Ids found again at another place by exact quote.
    pub moved: Vec<String>,
    /// Ids placed on a similar but not identical text.
    pub approximate: Vec<String>,
    /// Ids that could not be placed and are now orphans.
    pub orphaned: Vec<String>,
    /// Ids of orphans placed again.
    pub recovered: Vec<String>,
}

impl LoadReport {
    /// One line summing up the report, or `None` when nothing moved.
    pub fn summary(&self) -> Option<String> {
        if !self.article_changed
            && self.moved.is_empty()
            && self.approximate.is_empty()
            && self.orphaned.is_empty()
            && self.recovered.is_empty()
        {
            return None;
        }
        Some(format!(
            "{}{} re-anchored, {} approximate, {} orphaned, {} recovered",
            if self.article_changed {
                "the article changed since the sidecar was written: "
            } else {
                ""
            },
            self.moved.len(),
            self.approximate.len(),
            self.orphaned.len(),
            self.recovered.len()
        ))
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

/// Reads and parses the sidecar at `path`; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<SidecarFile>, SidecarError> {
    let io = |e: std::io::Error| SidecarError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    if meta.len() > MAX_SIDECAR_SIZE {
        return Err(SidecarError::Io {
            path: path.to_path_buf(),
            message: format!("the sidecar is {} bytes, over the 1 GiB limit", meta.len()),
        });
    }
    let text = fs::read_to_string(path).map_err(io)?;
    parse(path, &text).map(Some)
}

/// Parses sidecar text; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<SidecarFile, SidecarError> {
    let file: SidecarFile = match serde_json::from_str(text) {
        Ok(file) => file,
        Err(e) => {
            // A newer version may have changed the shape: say so rather than "invalid".
            if let Some(found) = format_tag(text).filter(|f| is_newer(f)) {
                return Err(SidecarError::Newer {
                    path: path.to_path_buf(),
                    found,
                });
            }
            return Err(SidecarError::Parse {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                message: e
                    .to_string()
                    .split(" at line")
                    .next()
                    .unwrap_or("")
                    .to_string(),
            });
        }
    };
    if file.format != FORMAT {
        return Err(if is_newer(&file.format) {
            SidecarError::Newer {
                path: path.to_path_buf(),
                found: file.format,
            }
        } else {
            SidecarError::Foreign {
                path: path.to_path_buf(),
                found: file.format,
            }
        });
    }
    Ok(file)
}

/// Places a parsed sidecar on its article.
pub fn place_on(doc: &Document, file: SidecarFile) -> Loaded {
    let mut report = LoadReport {
        article_changed: file.document.sha256 != doc.sha256(),
        ..LoadReport::default()
    };
    let annotations = file
        .annotations
        .into_iter()
        .map(|a| place_annotation(doc, a, &mut report))
        .collect();
    Loaded {
        store: Store::from_parts(annotations, file.entities, file.relations),
        kept: Kept {
            extra: file.extra,
            document_extra: file.document.extra,
        },
        report,
    }
}

/// Loads the sidecar of `doc` from `path`; `Ok(None)` when there is none.
pub fn load(doc: &Document, path: &Path) -> Result<Option<Loaded>, SidecarError> {
    Ok(read(path)?.map(|file| place_on(doc, file)))
}

fn place_annotation(doc: &Document, mut a: Annotation, report: &mut LoadReport) -> Annotation {
    if a.status == Status::Orphaned {
        let Some((spans, status)) = orphan_origin(&a) else {
            return a;
        };
        if let Some(placed) = place(doc, &spans, &a.quote).spans() {
            a.spans = placed.to_vec();
            a.status = status;
            a.extra.remove(ORPHAN_KEY);
            report.recovered.push(a.id.clone());
        }
        return a;
    }
    match place(doc, &a.spans, &a.quote) {
        Placement::InPlace(spans) => a.spans = spans,
        Placement::Moved(spans) => {
            a.spans = spans;
            report.moved.push(a.id.clone());
        }
        Placement::Approximate(spans) => {
            a.spans = spans;
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
    a
}

/// The code-point spans and status an orphan had before it was lost.
fn orphan_origin(a: &Annotation) -> Option<(Vec<Span>, Status)> {
    let record = a.extra.get(ORPHAN_KEY)?;
    let spans: Vec<Span> = serde_json::from_value(record.get("spans")?.clone()).ok()?;
    let status: Status = serde_json::from_value(record.get("status")?.clone()).ok()?;
    Some((spans, status))
}

/// The sidecar for `store` on `doc` (spans converted to code points, stable order).
/// An orphan's spans are written as they were read: they were never converted to bytes.
pub fn to_file(doc: &Document, store: &Store, kept: &Kept) -> SidecarFile {
    let annotations = store
        .annotations()
        .into_iter()
        .map(|a| {
            let mut a = a.clone();
            if a.status == Status::Orphaned {
                return a;
            }
            a.spans = a
                .spans
                .iter()
                .map(|s| doc.span_to_chars(*s).unwrap_or(*s))
                .collect();
            a
        })
        .collect();
    SidecarFile {
        format: FORMAT.to_string(),
        document: DocumentInfo {
            file: doc.file_name(),
            sha256: doc.sha256().to_string(),
            bytes: doc.byte_len() as u64,
            chars: doc.char_len() as u64,
            extra: kept.document_extra.clone(),
        },
        entities: store.entities().into_iter().cloned().collect(),
        annotations,
        relations: store.relations().into_iter().cloned().collect(),
        extra: kept.extra.clone(),
    }
}

/// The sidecar's text: pretty-printed JSON with a final newline.
pub fn render(file: &SidecarFile) -> String {
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}

/// Saves `store` as the sidecar of `doc` at `path`, atomically and durably.
pub fn save(
    doc: &Document,
    store: &Store,
    kept: &Kept,
    path: &Path,
    follow_symlink: bool,
) -> Result<(), SidecarError> {
    let text = render(&to_file(doc, store, kept));
    write_atomic(path, text.as_bytes(), follow_symlink).map_err(|e| SidecarError::Io {
        path: path.to_path_buf(),
        message: format!("could not save the sidecar: {e}"),
    })
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
