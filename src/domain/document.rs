//! The article: its text decoded exactly as UTF-8, its hash and its indexes (DESIGN §2).
//!
//! Only what the first screen needs is worked out before a document is handed over (the
//! text and its line starts); the hash is worked out on a thread of its own and the offset
//! index on the first conversion, so an article shows as soon as it is read. The workbench
//! reads a large article in two pieces (`document_pieces`): a document over the first
//! piece draws the first screen while the rest is read.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use super::article_hash::ArticleHash;
use super::encoding_guess;
use super::error::DocumentError;
use super::model::Span;
use super::offsets::OffsetIndex;
use super::regular_file::{read_regular, OddKind, ReadError};

/// The largest article scholia opens unless told otherwise: 256 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// The byte-order mark, which counts as character 0 but is never shown.
const BOM: char = '\u{feff}';

/// An article, read-only: scholia never modifies it.
#[derive(Debug)]
pub struct Document {
    path: PathBuf,
    text: Arc<String>,
    hash: ArticleHash,
    /// Built on the first conversion between offset units.
    offsets: OnceLock<Arc<OffsetIndex>>,
    line_starts: Vec<usize>,
    /// The text is only the first piece of the article (see [`Document::is_first_piece`]).
    first_piece: bool,
}

impl Document {
    /// Reads the article at `path`, refusing what is not a regular UTF-8 text file of at
    /// most `max_size` bytes (a FIFO or a device is refused before it is opened, and no
    /// more than `max_size` + 1 bytes are read). An empty file is an empty document.
    pub fn load(path: &Path, max_size: u64) -> Result<Document, DocumentError> {
        let doc = Document::load_hash_later(path, max_size)?;
        doc.hash.start_working();
        Ok(doc)
    }

    /// Reads the article at `path` as [`Document::load`] does, without starting to work
    /// out its hash: the first screen's processor is the article's, and the hash starts
    /// with `hash().start_working()` (or is worked out when first asked for).
    pub fn load_hash_later(path: &Path, max_size: u64) -> Result<Document, DocumentError> {
        let bytes = read_regular(path, max_size).map_err(|e| read_error(path, e))?;
        let text = checked_text(path, bytes)?;
        Ok(Document::from_text_hash_later(path, text))
    }

    /// A document over text already in memory (an import's text, a test). Its hash is
    /// worked out on a thread of its own, its offset index on the first conversion.
    pub fn from_text(path: &Path, text: String) -> Document {
        let doc = Document::from_text_hash_later(path, text);
        doc.hash.start_working();
        doc
    }

    /// A document over `text` whose hash is not being worked out yet.
    pub(super) fn from_text_hash_later(path: &Path, text: String) -> Document {
        let text = Arc::new(text);
        let hash = ArticleHash::later(Arc::clone(&text));
        let line_starts = line_starts(&text);
        Document {
            path: path.to_path_buf(),
            text,
            hash,
            offsets: OnceLock::new(),
            line_starts,
            first_piece: false,
        }
    }

    /// A document over `text`, the first piece of the article at `path` whose rest is
    /// still being read.
    pub(super) fn first_piece(path: &Path, text: String) -> Document {
        Document {
            first_piece: true,
            ..Document::from_text_hash_later(path, text)
        }
    }

    /// Whether the text is only the first piece of the article, read for its first
    /// screen while the rest is read: its offsets are the article's, but its length,
    /// its line count and its hash are the piece's, not the article's.
    pub fn is_first_piece(&self) -> bool {
        self.first_piece
    }

    /// The path the article was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The article's file name, as the sidecar records it.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The whole text, BOM included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The lowercase hex SHA-256 of the article's bytes (waits for the thread working it
    /// out, the first time, if it has not finished).
    pub fn sha256(&self) -> &str {
        debug_assert!(!self.first_piece, "the hash of a first piece was asked for");
        self.hash.get()
    }

    /// The article's hash, to hand to a writer that needs it later (it is shared, not
    /// worked out again).
    pub fn hash(&self) -> &ArticleHash {
        debug_assert!(!self.first_piece, "the hash of a first piece was asked for");
        &self.hash
    }

    /// The offset index, built the first time it is asked for.
    fn offsets(&self) -> &OffsetIndex {
        self.shared_offsets()
    }

    fn shared_offsets(&self) -> &Arc<OffsetIndex> {
        self.offsets
            .get_or_init(|| Arc::new(OffsetIndex::new(&self.text)))
    }

    /// What converts byte offsets to code points, shared rather than copied, for a
    /// thread of its own (the sidecar writer's).
    pub fn char_offsets(&self) -> CharOffsets {
        CharOffsets {
            text: Arc::clone(&self.text),
            index: Arc::clone(self.shared_offsets()),
        }
    }

    /// Length in bytes.
    pub fn byte_len(&self) -> usize {
        self.text.len()
    }

    /// Length in Unicode code points.
    pub fn char_len(&self) -> usize {
        self.offsets().char_len()
    }

    /// Length in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.offsets().utf16_len()
    }

    /// The first byte that is shown: past the BOM when there is one.
    pub fn content_start(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        }
    }

    /// Byte offsets at which each line starts (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// The 0-based line holding `byte`.
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    }

    /// The text of `span` (byte offsets), or `None` if it is not a valid range of the text.
    pub fn slice(&self, span: Span) -> Option<&str> {
        if span.start > span.end {
            return None;
        }
        self.text.get(span.start..span.end)
    }

    /// Byte offset → code point offset.
    pub fn byte_to_char(&self, byte: usize) -> Option<usize> {
        self.offsets().byte_to_char(&self.text, byte)
    }

    /// Code point offset → byte offset.
    pub fn char_to_byte(&self, ch: usize) -> Option<usize> {
        self.offsets().char_to_byte(&self.text, ch)
    }

    /// Byte offset → UTF-16 code unit offset.
    pub fn byte_to_utf16(&self, byte: usize) -> Option<usize> {
        self.offsets().byte_to_utf16(&self.text, byte)
    }

    /// UTF-16 code unit offset → byte offset.
    pub fn utf16_to_byte(&self, unit: usize) -> Option<usize> {
        self.offsets().utf16_to_byte(&self.text, unit)
    }

    /// A span in bytes → the same span in code points.
    pub fn span_to_chars(&self, span: Span) -> Option<Span> {
        Some(Span::new(
            self.byte_to_char(span.start)?,
            self.byte_to_char(span.end)?,
        ))
    }

    /// A span in code points → the same span in bytes.
    pub fn span_from_chars(&self, span: Span) -> Option<Span> {
        if span.start > span.end {
            return None;
        }
        Some(Span::new(
            self.char_to_byte(span.start)?,
            self.char_to_byte(span.end)?,
        ))
    }
}

/// Byte offsets → code points for one article, to be sent to another thread (see
/// [`Document::char_offsets`]).
#[derive(Debug, Clone)]
pub struct CharOffsets {
    text: Arc<String>,
    index: Arc<OffsetIndex>,
}

impl CharOffsets {
    /// A span in bytes → the same span in code points, as [`Document::span_to_chars`].
    pub fn span_to_chars(&self, span: Span) -> Option<Span> {
        Some(Span::new(
            self.index.byte_to_char(&self.text, span.start)?,
            self.index.byte_to_char(&self.text, span.end)?,
        ))
    }
}

/// What went wrong reading the article at `path`, as one sentence about the article.
pub(super) fn read_error(path: &Path, e: ReadError) -> DocumentError {
    let path = path.to_path_buf();
    match e {
        ReadError::Io(e) => match e.kind() {
            ErrorKind::NotFound => DocumentError::NotFound(path),
            ErrorKind::PermissionDenied => DocumentError::PermissionDenied(path),
            ErrorKind::IsADirectory => DocumentError::IsDirectory(path),
            _ => DocumentError::Io { path, source: e },
        },
        ReadError::NotRegular(OddKind::Directory) => DocumentError::IsDirectory(path),
        ReadError::NotRegular(kind) => DocumentError::NotRegular { path, kind },
        ReadError::TooLarge { size, limit } => DocumentError::TooLarge { path, size, limit },
    }
}

/// The article's bytes as its text, refusing UTF-16 (a byte-order mark), a binary file
/// (a NUL byte anywhere) and bytes that are not UTF-8, in that order.
pub(super) fn checked_text(path: &Path, bytes: Vec<u8>) -> Result<String, DocumentError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DocumentError::NotUtf8 {
            path: path.to_path_buf(),
            offset: 0,
            guess: encoding_guess::guess(&bytes),
        });
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DocumentError::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| DocumentError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
        guess: encoding_guess::guess(e.as_bytes()),
    })
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::File::create(&path).unwrap().write_all(bytes).unwrap();
        path
    }

    #[test]
    fn reads_text_exactly_with_bom_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "a.txt",
            "\u{feff}Привет\r\nworld 👍🏽\n".as_bytes(),
        );
        let doc = Document::load(&path, DEFAULT_MAX_SIZE).unwrap();
        assert_eq!(doc.text(), "\u{feff}Привет\r\nworld 👍🏽\n");
        assert_eq!(doc.content_start(), 3);
        assert_eq!(doc.char_len(), 1 + 6 + 2 + 6 + 2 + 1);
        assert_eq!(doc.byte_to_char(3), Some(1));
        assert_eq!(doc.line_starts(), &[0, 17, 32]);
        assert_eq!(doc.line_of(20), 1);
        assert_eq!(doc.sha256().len(), 64);
    }

    #[test]
    fn empty_file_is_an_empty_document() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "e.txt", b"");
        let doc = Document::load(&path, DEFAULT_MAX_SIZE).unwrap();
        assert_eq!(doc.byte_len(), 0);
        assert_eq!(doc.line_starts(), &[0]);
    }

    #[test]
    fn refuses_bad_input_with_the_right_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        assert!(matches!(
            Document::load(&missing, DEFAULT_MAX_SIZE),
            Err(DocumentError::NotFound(_))
        ));
        assert!(matches!(
            Document::load(dir.path(), DEFAULT_MAX_SIZE),
            Err(DocumentError::IsDirectory(_))
        ));
        let latin1 = write(dir.path(), "l.txt", b"caf\xe9 noir");
        match Document::load(&latin1, DEFAULT_MAX_SIZE) {
            Err(DocumentError::NotUtf8 { offset, .. }) => assert_eq!(offset, 3),
            other => panic!("{other:?}"),
        }
        let binary = write(dir.path(), "b.bin", b"PK\x03\x04\x00\x00");
        assert!(matches!(
            Document::load(&binary, DEFAULT_MAX_SIZE),
            Err(DocumentError::Binary { offset: 4, .. })
        ));
        let big = write(dir.path(), "big.txt", b"0123456789");
        assert!(matches!(
            Document::load(&big, 5),
            Err(DocumentError::TooLarge { size: 10, .. })
        ));
    }

    /// Files under /proc report a length of 0 and hold more: the limit still holds.
    #[cfg(target_os = "linux")]
    #[test]
    fn never_reads_past_the_limit_whatever_the_reported_length() {
        let status = Path::new("/proc/self/status");
        if !status.exists() {
            return;
        }
        assert!(matches!(
            Document::load(status, 16),
            Err(DocumentError::TooLarge {
                size: 17,
                limit: 16,
                ..
            })
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_a_device_as_not_a_regular_file() {
        let zero = Path::new("/dev/zero");
        if !zero.exists() {
            return;
        }
        let error = Document::load(zero, 16).unwrap_err();
        assert!(
            matches!(error, DocumentError::NotRegular { .. }),
            "{error:?}"
        );
    }

    #[test]
    fn span_conversions_round_trip_on_non_ascii() {
        let doc = Document::from_text(Path::new("x"), "日本 émoji 👩‍💻 end".to_string());
        let chars = Span::new(9, 12);
        let bytes = doc.span_from_chars(chars).unwrap();
        assert_eq!(doc.slice(bytes), Some("👩‍💻"));
        assert_eq!(doc.span_to_chars(bytes), Some(chars));
        assert_eq!(doc.span_from_chars(Span::new(5, 99)), None);
    }
}
