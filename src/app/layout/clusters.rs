//! The grapheme clusters of a stretch of text, as `unicode-segmentation` finds them,
//! with a shortcut for ASCII: an ASCII character followed by another is a cluster of its
//! own (the only rule that joins two ASCII characters is CR LF), so most of a Latin text
//! is split without the segmentation tables. Anything else, and the last ASCII
//! character before a non-ASCII one (which may be a combining mark that joins it), goes
//! through the segmentation, started afresh at a cluster boundary, where it finds the
//! same next boundary as when it runs through the whole text.

use unicode_segmentation::UnicodeSegmentation;

/// The clusters of `text`: (offset in `text`, cluster), in order.
pub(super) fn clusters(text: &str) -> Clusters<'_> {
    Clusters { text, at: 0 }
}

/// See [`clusters`].
pub(super) struct Clusters<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let at = self.at;
        let &first = bytes.get(at)?;
        let alone = first.is_ascii()
            && bytes
                .get(at + 1)
                .is_none_or(|&next| next.is_ascii() && !(first == b'\r' && next == b'\n'));
        let len = if alone {
            1
        } else {
            self.text[at..].graphemes(true).next().map_or(1, str::len)
        };
        self.at = at + len;
        Some((at, &self.text[at..at + len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_segmentation(text: &str) {
        let ours: Vec<_> = clusters(text).collect();
        let theirs: Vec<_> = text.grapheme_indices(true).collect();
        assert_eq!(ours, theirs, "{text:?}");
    }

    #[test]
    fn splits_as_unicode_segmentation_does() {
        for text in [
            "",
            "plain ascii text",
            "a\r\nb\rc\n",
            "e\u{301}a\u{301}\u{302} x",
            "🇫🇷🇩🇪🇫 a🇫🇷",
            "👨\u{200d}👩\u{200d}👧x👍🏽",
            "क्षि ab",
            "\u{600}a",
            "\x1b[2J\u{200b}\u{feff}",
        ] {
            same_as_segmentation(text);
        }
    }

    proptest! {
        #[test]
        fn splits_any_text_as_unicode_segmentation_does(text in any::<String>()) {
            same_as_segmentation(&text);
        }

        #[test]
        fn splits_mixed_text_as_unicode_segmentation_does(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "a", " ", "\r", "\n", "\u{301}", "\u{200d}", "🇫", "👨", "क", "\u{94d}",
                    "\u{600}", "\u{1100}", "\u{1161}", "é", "\t",
                ]),
                0..40,
            )
        ) {
            same_as_segmentation(&pieces.concat());
        }
    }
}
