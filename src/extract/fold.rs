//! Lowercased text with a map back to the original offsets, for case-insensitive
//! gazetteer matching. Lowercasing can change a character's byte length ("İ" becomes
//! "i̇", the Kelvin sign "K" becomes "k"), so offsets are mapped, never assumed equal.

/// One character whose lowercase form differs in length (or in number of characters)
/// from the original.
#[derive(Debug, Clone, Copy)]
struct Shift {
    /// Where its lowercase form starts in the folded text.
    folded: usize,
    /// The byte length of its lowercase form.
    folded_len: usize,
    /// Where it starts in the original text.
    orig: usize,
    /// Its byte length in the original text.
    orig_len: usize,
}

/// The text lowercased character by character, with the places where lengths differ.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    /// The lowercased text.
    pub text: String,
    shifts: Vec<Shift>,
}

/// Lowercases `s` character by character, the same way [`Folded::new`] does.
pub(crate) fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

impl Folded {
    /// Lowercases `text`, remembering where lengths change.
    pub(crate) fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        for (orig, c) in text.char_indices() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
                continue;
            }
            let start = folded.len();
            let mut count = 0;
            for lower in c.to_lowercase() {
                folded.push(lower);
                count += 1;
            }
            let folded_len = folded.len() - start;
            if folded_len != c.len_utf8() || count != 1 {
                shifts.push(Shift {
                    folded: start,
                    folded_len,
                    orig,
                    orig_len: c.len_utf8(),
                });
            }
        }
        Folded {
            text: folded,
            shifts,
        }
    }

    /// The original offset of folded offset `pos`, or `None` when `pos` falls inside
    /// the lowercase form of one original character.
    pub(crate) fn to_original(&self, pos: usize) -> Option<usize> {
        let after = self.shifts.partition_point(|s| s.folded <= pos);
        let Some(shift) = after.checked_sub(1).map(|i| self.shifts[i]) else {
            return Some(pos);
        };
        if pos == shift.folded {
            Some(shift.orig)
        } else if pos < shift.folded + shift.folded_len {
            None
        } else {
            Some(shift.orig + shift.orig_len + (pos - shift.folded - shift.folded_len))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_cyrillic_keep_offsets() {
        let text = "Президент НАЗАРБАЕВ said";
        let folded = Folded::new(text);
        assert_eq!(folded.text, "президент назарбаев said");
        let at = folded.text.find("назарбаев").unwrap();
        assert_eq!(
            folded.to_original(at),
            Some(text.find("НАЗАРБАЕВ").unwrap())
        );
    }

    #[test]
    fn length_changes_are_mapped_back() {
        // U+0130 (2 bytes) lowercases to "i" + U+0307 (3 bytes); the Kelvin sign
        // (3 bytes) lowercases to "k" (1 byte).
        let text = "\u{130}stanbul \u{212A}abul Astana";
        let folded = Folded::new(text);
        let astana = folded.text.find("astana").unwrap();
        assert_eq!(
            folded.to_original(astana),
            Some(text.find("Astana").unwrap())
        );
        assert_eq!(folded.to_original(folded.text.len()), Some(text.len()));
        let kabul = folded.text.find("kabul").unwrap();
        assert_eq!(
            folded.to_original(kabul),
            Some(text.find('\u{212A}').unwrap())
        );
        assert_eq!(
            folded.to_original(kabul + 1),
            Some(text.find("abul").unwrap())
        );
        // Inside the two-character lowercase form of U+0130.
        assert_eq!(folded.to_original(1), None);
        assert_eq!(fold("\u{130}"), "i\u{307}");
    }
}
