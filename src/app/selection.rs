//! The visual selection as one value, so that what is tagged and what is drawn are the
//! same range.

use std::ops::Range;

use crate::domain::segment;

use super::state::App;

/// A visual selection: where it was started and where the cursor is now (both byte
/// offsets on grapheme boundaries; either may come first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection was started.
    pub anchor: usize,
    /// The end that moves with the cursor.
    pub head: usize,
}

impl Selection {
    /// The byte range of `text` it covers, the grapheme under the later end included (as
    /// in vim), trimmed of surrounding white space; `None` when it covers only white
    /// space. This is both what a tag command tags and what the article pane highlights.
    pub fn range(self, text: &str) -> Option<Range<usize>> {
        let (a, b) = (self.anchor.min(self.head), self.anchor.max(self.head));
        let a = a.min(text.len());
        let b = segment::next_grapheme(text, b).min(text.len()).max(a);
        let covered = &text[a..b];
        let start = a + (covered.len() - covered.trim_start().len());
        let end = a + covered.trim_end().len();
        (start < end).then_some(start..end)
    }
}

impl App {
    /// The visual selection, when selecting.
    pub fn selection(&self) -> Option<Selection> {
        self.anchor.map(|anchor| Selection {
            anchor,
            head: self.cursor,
        })
    }

    /// The range the visual selection covers (see [`Selection::range`]), when selecting
    /// something other than white space.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        self.selection()?.range(self.doc.text())
    }
}

#[cfg(test)]
mod tests {
    use super::Selection;

    #[test]
    fn a_selection_includes_the_grapheme_under_its_later_end_and_drops_white_space() {
        let text = "one  two three";
        let s = Selection { anchor: 3, head: 7 };
        assert_eq!(s.range(text), Some(5..8));
        let backwards = Selection { anchor: 7, head: 3 };
        assert_eq!(backwards.range(text), Some(5..8));
        assert_eq!(Selection { anchor: 3, head: 4 }.range(text), None);
    }
}
