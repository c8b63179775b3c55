//! One row of the article list: what a stat of the file gives at once (name, size, last
//! change), and the summary once the background reader (or a closed session) gives it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::article_summary::Summary;
use crate::domain::sidecar;

/// One article of the folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The article's path.
    pub path: PathBuf,
    /// Its name relative to the folder opened (`/`-separated as the system writes it).
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The later of the article's and its sidecar's last change, if known.
    pub changed: Option<SystemTime>,
    /// Its counts and progress, once read (`Err`: why they could not be).
    pub summary: Option<Result<Summary, String>>,
}

impl Row {
    /// Stats `path` (and its sidecar) for a row named relative to `root`; no file is
    /// read.
    pub fn stat(root: &Path, path: PathBuf) -> Row {
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let meta = std::fs::metadata(&path).ok();
        let sidecar_changed = std::fs::metadata(sidecar::path_for(&path))
            .and_then(|m| m.modified())
            .ok();
        let changed = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .max(sidecar_changed);
        Row {
            name,
            bytes: meta.map_or(0, |m| m.len()),
            changed,
            path,
            summary: None,
        }
    }

    /// The summary, when it has been read.
    pub fn read(&self) -> Option<&Summary> {
        self.summary.as_ref().and_then(|s| s.as_ref().ok())
    }
}
