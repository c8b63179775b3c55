//! The `annotation.conf` that governs a brat document: the nearest one in its folder or
//! a folder above it, where brat itself looks for it.

use std::path::{Path, PathBuf};

use crate::domain::regular_file::read_regular;

/// The largest `annotation.conf` read: 1 MiB.
const MAX_CONF_SIZE: u64 = 1024 * 1024;

/// The nearest `annotation.conf` beside `file` or in a folder above it, with its text;
/// `None` when there is none. A conf that cannot be read is an error saying why.
pub fn nearest(file: &Path) -> Option<Result<(PathBuf, String), String>> {
    let start = file.canonicalize().ok()?;
    let path = start
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("annotation.conf"))
        .find(|p| p.is_file())?;
    let read = read_regular(&path, MAX_CONF_SIZE)
        .map_err(|e| format!("{}: cannot read it: {e}", path.display()))
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8", path.display()))
        });
    Some(read.map(|text| (path, text)))
}
