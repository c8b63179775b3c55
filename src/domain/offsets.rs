//! Conversions between the three offset units scholia meets (DESIGN §2): UTF-8 byte
//! offsets (used inside the program), Unicode code points (the sidecar, brat, spaCy,
//! Prodigy) and UTF-16 code units (doccano, Label Studio). This is the one place these
//! conversions live.
//!
//! The index keeps a checkpoint every 64 code points, so a lookup is a binary search plus a
//! scan of at most that many characters, whatever the length of the text. An all-ASCII
//! text needs no checkpoints: every conversion is the identity.

/// Code points between two checkpoints: the most characters one lookup scans.
const CHECKPOINT_INTERVAL: usize = 64;

/// Checkpoints of one text: where every [`CHECKPOINT_INTERVAL`]-th code point starts, in
/// UTF-8 bytes and in UTF-16 code units. Checkpoint `k` is code point `k * INTERVAL`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Checkpoints {
    bytes: Vec<usize>,
    units: Vec<usize>,
}

/// An index for converting offsets in one text between UTF-8 bytes, code points and
/// UTF-16 code units.
///
/// The index does not own the text: the methods that need it take it as `text`, which must
/// be the text the index was built from. A text of another length is refused (`None`); a
/// different text of the same length gives meaningless answers but never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetIndex {
    byte_len: usize,
    char_len: usize,
    utf16_len: usize,
    /// Empty for an all-ASCII text, where all three units coincide.
    checkpoints: Checkpoints,
}

/// Where a scan starts: a checkpoint's code point, byte and UTF-16 offsets.
#[derive(Debug, Clone, Copy)]
struct Position {
    ch: usize,
    byte: usize,
    unit: usize,
}

impl OffsetIndex {
    /// Builds the index of `text` in one pass.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return OffsetIndex {
                byte_len: text.len(),
                char_len: text.len(),
                utf16_len: text.len(),
                checkpoints: Checkpoints::default(),
            };
        }
        let mut checkpoints = Checkpoints::default();
        let mut char_len = 0;
        let mut unit = 0;
        // Byte by byte rather than char by char: in UTF-8 a code point starts at every
        // byte that is not a continuation byte (`10xxxxxx`), and takes two UTF-16 units
        // exactly when it takes four bytes (its first byte is `11110xxx`).
        for (byte, &b) in text.as_bytes().iter().enumerate() {
            if b & 0xC0 == 0x80 {
                continue;
            }
            if char_len % CHECKPOINT_INTERVAL == 0 {
                checkpoints.bytes.push(byte);
                checkpoints.units.push(unit);
            }
            char_len += 1;
            unit += 1 + usize::from(b >= 0xF0);
        }
        OffsetIndex {
            byte_len: text.len(),
            char_len,
            utf16_len: unit,
            checkpoints,
        }
    }

    /// The length of the text in Unicode code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The length of the text in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_len
    }

    /// The code-point offset of the UTF-8 byte offset `byte`; `None` when `byte` is past
    /// the end or inside a character.
    pub fn byte_to_char(&self, text: &str, byte: usize) -> Option<usize> {
        self.check_byte(text, byte)?;
        if self.is_ascii() {
            return Some(byte);
        }
        let from = self.position_at_byte(byte);
        let chars = text.get(from.byte..byte)?.chars().count();
        Some(from.ch + chars)
    }

    /// The UTF-8 byte offset of the code-point offset `ch`; `None` past the end.
    /// `ch == char_len()` gives `text.len()`.
    pub fn char_to_byte(&self, text: &str, ch: usize) -> Option<usize> {
        self.check_len(text)?;
        if ch > self.char_len {
            return None;
        }
        if self.is_ascii() {
            return Some(ch);
        }
        let from = self.position_at_char(ch);
        let rest = text.get(from.byte..)?;
        match rest.char_indices().nth(ch - from.ch) {
            Some((offset, _)) => Some(from.byte + offset),
            None => (ch == self.char_len).then_some(self.byte_len),
        }
    }

    /// The UTF-16 offset of the UTF-8 byte offset `byte`; `None` when `byte` is past the end
    /// or inside a character.
    pub fn byte_to_utf16(&self, text: &str, byte: usize) -> Option<usize> {
        self.check_byte(text, byte)?;
        if self.is_ascii() {
            return Some(byte);
        }
        let from = self.position_at_byte(byte);
        let units: usize = text
            .get(from.byte..byte)?
            .chars()
            .map(char::len_utf16)
            .sum();
        Some(from.unit + units)
    }

    /// The UTF-8 byte offset of the UTF-16 offset `unit`; `None` past the end or between
    /// the two halves of a surrogate pair.
    pub fn utf16_to_byte(&self, text: &str, unit: usize) -> Option<usize> {
        self.check_len(text)?;
        if unit > self.utf16_len {
            return None;
        }
        if self.is_ascii() {
            return Some(unit);
        }
        self.scan_to_unit(text, unit).map(|p| p.byte)
    }

    /// The UTF-16 offset of the code-point offset `ch`; `None` past the end.
    pub fn char_to_utf16(&self, text: &str, ch: usize) -> Option<usize> {
        self.check_len(text)?;
        if ch > self.char_len {
            return None;
        }
        if self.is_ascii() {
            return Some(ch);
        }
        let from = self.position_at_char(ch);
        let units: usize = text
            .get(from.byte..)?
            .chars()
            .take(ch - from.ch)
            .map(char::len_utf16)
            .sum();
        Some(from.unit + units)
    }

    /// The code-point offset of the UTF-16 offset `unit`; `None` past the end or between
    /// the two halves of a surrogate pair.
    pub fn utf16_to_char(&self, text: &str, unit: usize) -> Option<usize> {
        self.check_len(text)?;
        if unit > self.utf16_len {
            return None;
        }
        if self.is_ascii() {
            return Some(unit);
        }
        self.scan_to_unit(text, unit).map(|p| p.ch)
    }

    /// Whether all three units coincide (the text is ASCII, so it has no checkpoints).
    fn is_ascii(&self) -> bool {
        self.checkpoints.bytes.is_empty()
    }

    /// `Some(())` when `text` has the indexed length.
    fn check_len(&self, text: &str) -> Option<()> {
        (text.len() == self.byte_len).then_some(())
    }

    /// `Some(())` when `byte` is a character boundary of `text`, the indexed text.
    fn check_byte(&self, text: &str, byte: usize) -> Option<()> {
        self.check_len(text)?;
        text.is_char_boundary(byte).then_some(())
    }

    /// The checkpoint `k` as a position.
    fn checkpoint(&self, k: usize) -> Position {
        Position {
            ch: k * CHECKPOINT_INTERVAL,
            byte: self.checkpoints.bytes[k],
            unit: self.checkpoints.units[k],
        }
    }

    /// The last checkpoint at or before code point `ch` (which is at most `char_len`).
    fn position_at_char(&self, ch: usize) -> Position {
        let k = (ch / CHECKPOINT_INTERVAL).min(self.checkpoints.bytes.len() - 1);
        self.checkpoint(k)
    }

    /// The last checkpoint at or before byte offset `byte`.
    fn position_at_byte(&self, byte: usize) -> Position {
        let k = self.checkpoints.bytes.partition_point(|&b| b <= byte);
        self.checkpoint(k.saturating_sub(1))
    }

    /// Scans from the last checkpoint at or before UTF-16 offset `unit` (at most
    /// `utf16_len`) to the character starting there; `None` inside a surrogate pair.
    fn scan_to_unit(&self, text: &str, unit: usize) -> Option<Position> {
        let k = self.checkpoints.units.partition_point(|&u| u <= unit);
        let mut at = self.checkpoint(k.saturating_sub(1));
        let rest = text.get(at.byte..)?;
        for c in rest.chars() {
            if at.unit >= unit {
                break;
            }
            at.ch += 1;
            at.byte += c.len_utf8();
            at.unit += c.len_utf16();
        }
        (at.unit == unit).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The byte offset of every code point, plus the end: the naive reference.
    fn char_starts(text: &str) -> Vec<usize> {
        text.char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect()
    }

    /// The UTF-16 offset of every code point, plus the end: the naive reference.
    fn unit_starts(text: &str) -> Vec<usize> {
        let mut units = vec![0];
        let mut total = 0;
        for c in text.chars() {
            total += c.encode_utf16(&mut [0u16; 2]).len();
            units.push(total);
        }
        units
    }

    /// Checks every conversion of `text`, at every offset up to a little past the end,
    /// against the naive reference built from `char_indices` and `encode_utf16`.
    fn check_against_reference(text: &str) {
        let index = OffsetIndex::new(text);
        let bytes = char_starts(text);
        let units = unit_starts(text);
        let char_len = bytes.len() - 1;
        let utf16_len = text.encode_utf16().count();
        assert_eq!(index.char_len(), char_len);
        assert_eq!(index.utf16_len(), utf16_len);
        assert_eq!(units.last(), Some(&utf16_len));

        for byte in 0..=text.len() + 2 {
            let ch = bytes.iter().position(|&b| b == byte);
            assert_eq!(index.byte_to_char(text, byte), ch, "byte_to_char({byte})");
            let unit = ch.map(|c| units[c]);
            assert_eq!(
                index.byte_to_utf16(text, byte),
                unit,
                "byte_to_utf16({byte})"
            );
        }
        for ch in 0..=char_len + 2 {
            assert_eq!(
                index.char_to_byte(text, ch),
                bytes.get(ch).copied(),
                "char_to_byte({ch})"
            );
            assert_eq!(
                index.char_to_utf16(text, ch),
                units.get(ch).copied(),
                "char_to_utf16({ch})"
            );
        }
        for unit in 0..=utf16_len + 2 {
            let ch = units.iter().position(|&u| u == unit);
            assert_eq!(index.utf16_to_char(text, unit), ch, "utf16_to_char({unit})");
            let byte = ch.map(|c| bytes[c]);
            assert_eq!(
                index.utf16_to_byte(text, unit),
                byte,
                "utf16_to_byte({unit})"
            );
        }
        for ch in 0..=char_len {
            let byte = index.char_to_byte(text, ch).expect("in range");
            assert_eq!(index.byte_to_char(text, byte), Some(ch));
            let unit = index.char_to_utf16(text, ch).expect("in range");
            assert_eq!(index.utf16_to_char(text, unit), Some(ch));
            assert_eq!(index.utf16_to_byte(text, unit), Some(byte));
            assert_eq!(index.byte_to_utf16(text, byte), Some(unit));
        }
    }

    /// Pieces that stress the three units: astral emoji, ZWJ sequences, skin tones,
    /// combining marks, CJK, Cyrillic, Arabic, CRLF and a BOM.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-zA-Z0-9 .,]{1,8}",
            2 => any::<char>().prop_map(String::from),
            1 => Just("\r\n".to_owned()),
            1 => Just("👩‍👩‍👧‍👦".to_owned()),
            1 => Just("👍🏽".to_owned()),
            1 => Just("🇰🇿".to_owned()),
            1 => Just("e\u{301}\u{323}".to_owned()),
            1 => Just("漢字かな".to_owned()),
            1 => Just("Казахстан".to_owned()),
            1 => Just("مرحبا؟".to_owned()),
            1 => Just("𝄞".to_owned()),
            1 => Just("\u{feff}".to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn conversions_agree_with_reference(pieces in prop::collection::vec(piece(), 0..120)) {
            check_against_reference(&pieces.concat());
        }

        #[test]
        fn arbitrary_strings_agree_with_reference(text in any::<String>()) {
            check_against_reference(&text);
        }
    }

    #[test]
    fn empty_text() {
        let index = OffsetIndex::new("");
        assert_eq!(index.char_len(), 0);
        assert_eq!(index.utf16_len(), 0);
        assert_eq!(index.byte_to_char("", 0), Some(0));
        assert_eq!(index.char_to_byte("", 0), Some(0));
        assert_eq!(index.utf16_to_byte("", 0), Some(0));
        assert_eq!(index.byte_to_char("", 1), None);
        assert_eq!(index.char_to_utf16("", 1), None);
    }

    #[test]
    fn ascii_is_the_identity() {
        let text = "Col. J. R. Smith said\r\nno.";
        let index = OffsetIndex::new(text);
        assert_eq!(index.char_len(), text.len());
        for i in 0..=text.len() {
            assert_eq!(index.byte_to_char(text, i), Some(i));
            assert_eq!(index.char_to_byte(text, i), Some(i));
            assert_eq!(index.utf16_to_char(text, i), Some(i));
        }
        assert_eq!(index.char_to_byte(text, text.len() + 1), None);
    }

    #[test]
    fn astral_character_takes_two_units() {
        let text = "a😀b";
        let index = OffsetIndex::new(text);
        assert_eq!((index.char_len(), index.utf16_len()), (3, 4));
        assert_eq!(index.byte_to_utf16(text, 5), Some(3));
        assert_eq!(
            index.utf16_to_byte(text, 2),
            None,
            "inside the surrogate pair"
        );
        assert_eq!(
            index.utf16_to_char(text, 2),
            None,
            "inside the surrogate pair"
        );
        assert_eq!(index.utf16_to_char(text, 3), Some(2));
        assert_eq!(index.byte_to_char(text, 2), None, "inside the emoji");
        assert_eq!(index.char_to_utf16(text, 3), Some(4));
    }

    #[test]
    fn zwj_sequence_counts_every_code_point() {
        let text = "👩‍👩‍👧";
        let index = OffsetIndex::new(text);
        assert_eq!(index.char_len(), 5);
        assert_eq!(index.utf16_len(), 8);
        assert_eq!(index.char_to_byte(text, 1), Some(4));
        assert_eq!(index.char_to_utf16(text, 2), Some(3));
    }

    #[test]
    fn reference_article_apostrophe() {
        // The reference article's first non-ASCII character (’) is at code point 213.
        let text = format!("{}’s", "x".repeat(213));
        let index = OffsetIndex::new(&text);
        assert_eq!(index.char_to_byte(&text, 213), Some(213));
        assert_eq!(index.char_to_byte(&text, 214), Some(216));
        assert_eq!(index.byte_to_char(&text, 214), None);
        assert_eq!(index.byte_to_utf16(&text, 216), Some(214));
    }

    #[test]
    fn another_text_of_another_length_is_refused() {
        let index = OffsetIndex::new("Казахстан");
        assert_eq!(index.byte_to_char("Kazakhstan", 0), None);
        assert_eq!(index.char_to_byte("Kazakhstan", 0), None);
        assert_eq!(index.utf16_to_char("Kazakhstan", 0), None);
    }

    #[test]
    fn long_text_lookups_use_the_index() {
        let text = "Kazakh nationals — Қазақстан 👍🏽 漢字.\r\n".repeat(50_000);
        let index = OffsetIndex::new(&text);
        let chars = index.char_len();
        let started = std::time::Instant::now();
        for i in 0..20_000 {
            let ch = i * 97 % chars;
            let byte = index.char_to_byte(&text, ch).expect("in range");
            assert_eq!(index.byte_to_char(&text, byte), Some(ch));
            let unit = index.byte_to_utf16(&text, byte).expect("boundary");
            assert_eq!(index.utf16_to_byte(&text, unit), Some(byte));
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "lookups must not scan the whole text"
        );
    }
}
