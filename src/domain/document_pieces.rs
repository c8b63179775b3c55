//! A large article read in two pieces (DESIGN §8: the first screen before the work that
//! needs the whole text). The first piece, enough for the first screen, is read before
//! the first frame; the rest after it (the workbench reads it on a thread of its own).
//! `less` reads only what it shows: reading, checking and indexing 10 MB before the
//! first frame made that frame three times slower than `less`'s.
//!
//! The whole file is then checked exactly as [`Document::load`] checks it, so an article
//! that turns out not to be UTF-8 text (a bad byte, a NUL far into the file) is refused
//! with the same sentence. A first piece that is not clean text itself makes the whole
//! file be read at once, for the same reason.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::document::{checked_text, read_error, Document};
use super::error::DocumentError;
use super::regular_file::{open_regular, read_rest, ReadError};

/// How much of an article is read for its first screen, past the place it opens at: four
/// bytes (the longest UTF-8 character) for each of 16,384 cells, a 200 × 80 terminal
/// (120 × 40 needs a third of it). A larger screen shows the piece's end for the moment
/// the rest takes. (A piece of 256 KiB took a fifth of the CPU time before the first
/// frame, 0.5 of 2.4 ms.)
pub const FIRST_PIECE_BYTES: usize = 64 * 1024;

/// An article opened for its first screen.
#[derive(Debug)]
pub enum Opened {
    /// Read whole: it is small, or its first piece was not clean text.
    Whole(Document),
    /// Only its first piece is read so far.
    Begun {
        /// A document over the first piece (see [`Document::is_first_piece`]).
        first: Document,
        /// The rest, to read with [`Rest::read`].
        rest: Rest,
    },
}

/// The rest of an article whose first piece was read: the file, still open, and the bytes
/// read so far.
#[derive(Debug)]
pub struct Rest {
    path: PathBuf,
    file: File,
    bytes: Vec<u8>,
    limit: u64,
}

impl Rest {
    /// Reads the rest of the article and checks the whole of it as [`Document::load`]
    /// does, with the same errors. The hash is not started.
    pub fn read(mut self) -> Result<Document, DocumentError> {
        read_rest(&self.file, &mut self.bytes, self.limit)
            .map_err(|e| read_error(&self.path, e))?;
        let text = checked_text(&self.path, self.bytes)?;
        Ok(Document::from_text_hash_later(&self.path, text))
    }
}

/// Opens the article at `path` (a regular UTF-8 text file of at most `max_size` bytes) for
/// its first screen, which shows code point `reach` (where the last session left the
/// cursor, else 0): reads the file up to [`FIRST_PIECE_BYTES`] past that point. An
/// article under twice that is read whole, and so is one whose first piece is not clean
/// UTF-8 text, so that what is wrong with it is said as [`Document::load`] says it. The
/// hash is not started.
pub fn open_first_piece(path: &Path, max_size: u64, reach: usize) -> Result<Opened, DocumentError> {
    let (file, len) = open_regular(path, max_size).map_err(|e| read_error(path, e))?;
    let mut bytes = Vec::with_capacity(len);
    let mut want = FIRST_PIECE_BYTES.saturating_add(reach);
    while want < len / 2 {
        read_up_to(&file, &mut bytes, want).map_err(|e| read_error(path, e))?;
        if bytes.len() < want {
            // The file is shorter than it said: it is all read.
            break;
        }
        let Some(text) = clean_start(&bytes) else {
            break;
        };
        match more_wanted(text, reach) {
            Some(more) => want = more,
            None => {
                let first = Document::first_piece(path, text.to_string());
                let rest = Rest {
                    path: path.to_path_buf(),
                    file,
                    bytes,
                    limit: max_size,
                };
                return Ok(Opened::Begun { first, rest });
            }
        }
    }
    read_rest(&file, &mut bytes, max_size).map_err(|e| read_error(path, e))?;
    let text = checked_text(path, bytes)?;
    Ok(Opened::Whole(Document::from_text_hash_later(path, text)))
}

/// Reads `file` onto the end of `bytes` until they hold `want` bytes or the file ends.
fn read_up_to(file: &File, bytes: &mut Vec<u8>, want: usize) -> Result<(), ReadError> {
    let missing = want.saturating_sub(bytes.len()) as u64;
    file.take(missing).read_to_end(bytes)?;
    Ok(())
}

/// The text at the start of `bytes` when they start as clean UTF-8 text: no byte-order
/// mark of UTF-16, no NUL, nothing that is not UTF-8 except a character cut at the end.
fn clean_start(bytes: &[u8]) -> Option<&str> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    if memchr::memchr(0, bytes).is_some() {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// `None` when `text` holds code point `reach` and at least half a piece after it (the
/// screen around the cursor); else how many bytes to read in all, which is always more
/// than `text` holds.
fn more_wanted(text: &str, reach: usize) -> Option<usize> {
    match text.char_indices().nth(reach) {
        Some((at, _)) if text.len() - at >= FIRST_PIECE_BYTES / 2 => None,
        Some((at, _)) => Some(at + FIRST_PIECE_BYTES),
        None => {
            // At as many bytes a character as so far; a short guess takes another round.
            let chars = text.chars().count().max(1);
            let missing = (reach - chars.min(reach)).saturating_mul(text.len()) / chars;
            Some(text.len() + missing + FIRST_PIECE_BYTES)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    use crate::domain::document::DEFAULT_MAX_SIZE;

    /// About `bytes` bytes of lines with a character outside ASCII on each.
    fn lines(bytes: usize) -> String {
        let mut text = String::new();
        let mut n = 0;
        while text.len() < bytes {
            text.push_str(&format!("Line {n}: Zoë met Ana in Tashkent 👍🏽.\n"));
            n += 1;
        }
        text
    }

    fn file_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    fn begun(opened: Opened) -> (Document, Rest) {
        match opened {
            Opened::Begun { first, rest } => (first, rest),
            Opened::Whole(_) => panic!("read whole"),
        }
    }

    #[test]
    fn a_large_article_is_read_in_two_pieces_that_make_the_whole() {
        let text = lines(3 * 1024 * 1024);
        let (_dir, path) = file_with(text.as_bytes());
        let (first, rest) = begun(open_first_piece(&path, DEFAULT_MAX_SIZE, 0).unwrap());
        assert!(first.is_first_piece());
        assert!(first.byte_len() >= FIRST_PIECE_BYTES - 3);
        assert!(first.byte_len() <= FIRST_PIECE_BYTES);
        assert!(text.starts_with(first.text()));
        let whole = rest.read().unwrap();
        assert!(!whole.is_first_piece());
        assert_eq!(whole.text(), text);
        assert_eq!(
            whole.line_starts(),
            Document::from_text(&path, text).line_starts()
        );
    }

    #[test]
    fn a_small_article_is_read_whole() {
        let text = lines(FIRST_PIECE_BYTES);
        let (_dir, path) = file_with(text.as_bytes());
        match open_first_piece(&path, DEFAULT_MAX_SIZE, 0).unwrap() {
            Opened::Whole(doc) => assert_eq!(doc.text(), text),
            Opened::Begun { .. } => panic!("read in pieces"),
        }
    }

    #[test]
    fn the_first_piece_reaches_the_place_it_opens_at() {
        let text = lines(8 * 1024 * 1024);
        let (_dir, path) = file_with(text.as_bytes());
        let reach = text.chars().count() / 3;
        let (first, _) = begun(open_first_piece(&path, DEFAULT_MAX_SIZE, reach).unwrap());
        let at = first
            .char_to_byte(reach)
            .expect("the place is in the first piece");
        assert!(first.byte_len() - at >= FIRST_PIECE_BYTES / 2);
        // Past the middle of the file the article is read whole.
        let far = text.chars().count() * 2 / 3;
        assert!(matches!(
            open_first_piece(&path, DEFAULT_MAX_SIZE, far).unwrap(),
            Opened::Whole(_)
        ));
    }

    #[test]
    fn bad_bytes_after_the_first_piece_are_said_as_when_read_whole() {
        let text = lines(2 * 1024 * 1024);
        // A Latin-1 "é" on the last line.
        let bad = text.rfind("Line").unwrap() + 3;
        let mut bytes = text.into_bytes();
        bytes[bad] = 0xE9;
        let (_dir, path) = file_with(&bytes);
        let (_, rest) = begun(open_first_piece(&path, DEFAULT_MAX_SIZE, 0).unwrap());
        let error = rest.read().unwrap_err();
        let whole = Document::load(&path, DEFAULT_MAX_SIZE).unwrap_err();
        assert!(matches!(error, DocumentError::NotUtf8 { offset, .. } if offset == bad));
        assert_eq!(error.to_string(), whole.to_string());
    }

    #[test]
    fn a_nul_after_the_first_piece_is_a_binary_file() {
        let mut bytes = lines(2 * 1024 * 1024).into_bytes();
        let nul = bytes.len() - 1;
        bytes[nul] = 0;
        let (_dir, path) = file_with(&bytes);
        let (_, rest) = begun(open_first_piece(&path, DEFAULT_MAX_SIZE, 0).unwrap());
        assert!(matches!(
            rest.read(),
            Err(DocumentError::Binary { offset, .. }) if offset == nul
        ));
    }

    #[test]
    fn a_first_piece_that_is_not_clean_text_reads_the_whole_file_for_its_sentence() {
        // A bad byte early and a NUL late: the whole file says it is binary, as
        // `Document::load` does.
        let mut bytes = lines(2 * 1024 * 1024).into_bytes();
        bytes[100] = 0xFF;
        let nul = bytes.len() - 1;
        bytes[nul] = 0;
        let (_dir, path) = file_with(&bytes);
        assert!(matches!(
            open_first_piece(&path, DEFAULT_MAX_SIZE, 0),
            Err(DocumentError::Binary { offset, .. }) if offset == nul
        ));
    }

    #[test]
    fn a_file_that_grew_past_the_limit_after_its_first_piece_is_too_large() {
        let text = lines(2 * 1024 * 1024);
        let (_dir, path) = file_with(text.as_bytes());
        let limit = text.len() as u64;
        let (_, rest) = begun(open_first_piece(&path, limit, 0).unwrap());
        let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
        std::io::Write::write_all(&mut file, b"more").unwrap();
        assert!(matches!(
            rest.read(),
            Err(DocumentError::TooLarge { size, .. }) if size == limit + 1
        ));
    }

    #[test]
    fn a_character_cut_by_the_end_of_the_piece_waits_for_the_rest() {
        // Four-byte characters from the start: the piece's end falls inside one unless
        // the piece is a multiple of four, so the text stops before it.
        let text = format!("a{}", "𝄞".repeat(1024 * 1024));
        let (_dir, path) = file_with(text.as_bytes());
        let (first, rest) = begun(open_first_piece(&path, DEFAULT_MAX_SIZE, 0).unwrap());
        assert!(text.starts_with(first.text()));
        assert_eq!(rest.read().unwrap().text(), text);
    }
}
