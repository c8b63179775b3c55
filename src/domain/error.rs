//! Errors of the core, each one clear sentence. The command line gives each its exit
//! code (`commands::exit`); the core never decides one.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::encoding_guess::Guess;
use super::regular_file::OddKind;

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
        "{} is not valid UTF-8 (first bad byte at offset {offset}); {}",
        path.display(), guess.advice(path)
    )]
    NotUtf8 {
        /// The article.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
        /// What the bytes look like instead.
        guess: Guess,
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
    #[error("{}: could not read it: {source}", path.display())]
    Io {
        /// The article.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
}

/// What a JSON parse error says, without serde_json's "at line L column C" (the
/// errors give the place apart).
pub fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.split_once(" at line") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}
