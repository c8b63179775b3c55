//! Errors of the core, each one clear sentence, each with its own exit code.

use std::path::PathBuf;

use thiserror::Error;

use super::regular_file::OddKind;

/// Exit codes of the `scholia` binary. Documented in the README.
pub mod exit {
    /// Everything went well.
    pub const OK: i32 = 0;
    /// The command ran and found problems in the data (validation, a read-only sidecar).
    pub const PROBLEMS: i32 = 1;
    /// The command line was wrong.
    pub const USAGE: i32 = 2;
    /// The article does not exist.
    pub const NOT_FOUND: i32 = 3;
    /// The article is a directory, or not a regular file (a FIFO, socket or device).
    pub const IS_DIRECTORY: i32 = 4;
    /// The article cannot be read for lack of permission.
    pub const PERMISSION: i32 = 5;
    /// The article is not UTF-8.
    pub const NOT_UTF8: i32 = 6;
    /// The article is a binary file.
    pub const BINARY: i32 = 7;
    /// The article is over the size limit.
    pub const TOO_LARGE: i32 = 8;
    /// A configuration file is wrong.
    pub const CONFIG: i32 = 9;
    /// The sidecar cannot be read or written.
    pub const SIDECAR: i32 = 10;
    /// Any other input/output failure.
    pub const IO: i32 = 11;
}

/// Why an article could not be opened.
#[derive(Debug, Error)]
pub enum DocumentError {
    /// No file at that path.
    #[error("{}: no such file; check the path", .0.display())]
    NotFound(PathBuf),
    /// The path is a folder.
    #[error("{} is a directory, not an article; give the path of a text file", .0.display())]
    IsDirectory(PathBuf),
    /// The file cannot be read.
    #[error("{}: permission denied; check the file's permissions", .0.display())]
    PermissionDenied(PathBuf),
    /// A FIFO, socket or device: only regular files are read.
    #[error("{} is {kind}, not a regular file; scholia reads articles only from regular files", path.display())]
    NotRegular {
        /// The article.
        path: PathBuf,
        /// What it is.
        kind: OddKind,
    },
    /// The bytes are not UTF-8.
    #[error(
        "{} is not valid UTF-8 (first bad byte at offset {offset}); convert it first, e.g. `iconv -f WINDOWS-1251 -t UTF-8 {} > article.txt`",
        path.display(), path.display()
    )]
    NotUtf8 {
        /// The article.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A NUL byte: not a text file.
    #[error("{} looks like a binary file (a NUL byte at offset {offset}); scholia reads plain UTF-8 text", path.display())]
    Binary {
        /// The article.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// Over the size limit.
    #[error("{} is over the limit of {limit} bytes (at least {size} bytes); raise the limit with --max-size if you mean it", path.display())]
    TooLarge {
        /// The article.
        path: PathBuf,
        /// Its size, or as much of it as was read when it holds more than it reports.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Another I/O failure.
    #[error("{}: could not read it: {}", .0.display(), .1)]
    Io(PathBuf, String),
}

impl DocumentError {
    /// The exit code for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            DocumentError::NotFound(_) => exit::NOT_FOUND,
            DocumentError::IsDirectory(_) | DocumentError::NotRegular { .. } => exit::IS_DIRECTORY,
            DocumentError::PermissionDenied(_) => exit::PERMISSION,
            DocumentError::NotUtf8 { .. } => exit::NOT_UTF8,
            DocumentError::Binary { .. } => exit::BINARY,
            DocumentError::TooLarge { .. } => exit::TOO_LARGE,
            DocumentError::Io(..) => exit::IO,
        }
    }
}
