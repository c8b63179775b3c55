//! Reading an input file safely (DESIGN §7): only a regular file is read, its kind is
//! checked before it is opened (opening a FIFO would block), and never more than the
//! size limit plus one byte is read, whatever length the file reports.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OddKind {
    /// A folder.
    Directory,
    /// A named pipe: reading it waits for a writer, maybe forever.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device such as `/dev/zero` or a terminal: it may never end.
    CharDevice,
    /// A block device such as a disk.
    BlockDevice,
    /// Anything else that is not a regular file.
    Other,
}

impl fmt::Display for OddKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OddKind::Directory => "a directory",
            OddKind::Fifo => "a FIFO (named pipe)",
            OddKind::Socket => "a socket",
            OddKind::CharDevice => "a character device",
            OddKind::BlockDevice => "a block device",
            OddKind::Other => "not a regular file",
        })
    }
}

/// Why a file was not read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The operating system refused (missing file, permission, ...).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// Not a regular file.
    #[error("it is {0}, not a regular file, and scholia reads only regular files")]
    NotRegular(OddKind),
    /// More bytes than the limit.
    #[error("it is over the {limit}-byte limit (at least {size} bytes)")]
    TooLarge {
        /// The size known: the reported length, or the bytes read when the file holds
        /// more than it reports.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
}

impl From<ReadError> for io::Error {
    /// The error as an I/O error of the fitting kind, for callers that speak `io`.
    fn from(e: ReadError) -> io::Error {
        match e {
            ReadError::Io(e) => e,
            ReadError::NotRegular(_) => io::Error::new(io::ErrorKind::InvalidInput, e.to_string()),
            ReadError::TooLarge { .. } => {
                io::Error::new(io::ErrorKind::FileTooLarge, e.to_string())
            }
        }
    }
}

/// Reads the regular file at `path` (a symlink is followed), refusing anything else and
/// any file of more than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, limit)?;
    let mut bytes = Vec::with_capacity(len);
    read_rest(&file, &mut bytes, limit)?;
    Ok(bytes)
}

/// Opens the regular file at `path` (a symlink is followed) for reading, refusing
/// anything else and a file that reports more than `limit` bytes; with the length it
/// reports (at most `limit`), to size the buffer it is read into.
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, usize), ReadError> {
    let meta = fs::metadata(path)?;
    check_regular(&meta)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = File::open(path)?;
    // The path may have been replaced between the check and the open.
    let opened = file.metadata()?;
    check_regular(&opened)?;
    let len = usize::try_from(opened.len().min(limit)).unwrap_or(0);
    Ok((file, len))
}

/// Reads what is left of `file` onto the end of `bytes`, which must hold what was read
/// of it before: never more than `limit` bytes in all, plus one to tell a file over the
/// limit, whatever length the file reports.
pub fn read_rest(file: &File, bytes: &mut Vec<u8>, limit: u64) -> Result<(), ReadError> {
    let so_far = bytes.len() as u64;
    let room = limit.saturating_add(1).saturating_sub(so_far);
    file.take(room).read_to_end(bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit });
    }
    Ok(())
}

/// Reads the regular file at `path` as UTF-8 text of at most `limit` bytes; a file that
/// is not UTF-8 is an [`io::ErrorKind::InvalidData`] error.
pub fn read_regular_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_regular(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Whether `meta` describes a regular file; else what it is.
pub fn check_regular(meta: &Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular(odd_kind(&kind)))
}

#[cfg(unix)]
fn odd_kind(kind: &fs::FileType) -> OddKind {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        OddKind::Directory
    } else if kind.is_fifo() {
        OddKind::Fifo
    } else if kind.is_socket() {
        OddKind::Socket
    } else if kind.is_char_device() {
        OddKind::CharDevice
    } else if kind.is_block_device() {
        OddKind::BlockDevice
    } else {
        OddKind::Other
    }
}

#[cfg(not(unix))]
fn odd_kind(kind: &fs::FileType) -> OddKind {
    if kind.is_dir() {
        OddKind::Directory
    } else {
        OddKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_regular(&path, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&path, 9),
            Err(ReadError::TooLarge { size: 10, limit: 9 })
        ));
    }

    #[test]
    fn refuses_a_directory_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_regular(dir.path(), 10).unwrap_err();
        assert!(matches!(error, ReadError::NotRegular(OddKind::Directory)));
        assert!(error.to_string().contains("a directory"), "{error}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_a_character_device_without_reading_it() {
        let zero = Path::new("/dev/zero");
        if !zero.exists() {
            return;
        }
        assert!(matches!(
            read_regular(zero, 10),
            Err(ReadError::NotRegular(OddKind::CharDevice))
        ));
    }

    /// A file that reports a length of 0 and holds more (as files under /proc do) is
    /// still read no further than the limit.
    #[cfg(target_os = "linux")]
    #[test]
    fn never_reads_past_the_limit_whatever_the_reported_length() {
        let status = Path::new("/proc/self/status");
        if !status.exists() {
            return;
        }
        assert_eq!(fs::metadata(status).unwrap().len(), 0);
        match read_regular(status, 16) {
            Err(ReadError::TooLarge {
                size: 17,
                limit: 16,
            }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_fifo_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read_regular(&fifo, 10).map(|_| ()));
        });
        let result = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading a FIFO must not block");
        assert!(matches!(result, Err(ReadError::NotRegular(OddKind::Fifo))));
    }

    #[test]
    fn text_that_is_not_utf8_is_invalid_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.txt");
        fs::write(&path, b"caf\xe9").unwrap();
        match read_regular_text(&path, 100) {
            Err(ReadError::Io(e)) => {
                assert_eq!(e.kind(), io::ErrorKind::InvalidData);
                assert!(e.to_string().contains("offset 3"), "{e}");
            }
            other => panic!("{other:?}"),
        }
    }
}
