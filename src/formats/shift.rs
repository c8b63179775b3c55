//! A file's text that differs from the article's in one place only (a byte-order mark
//! dropped or added, a heading prepended or removed, one passage changed): the text
//! before that place is the same, and the text after it is the same moved by a constant
//! number of bytes. Spans outside the changed place are carried over by that shift in
//! one pass, without searching the article for each quote.

use crate::domain::model::Span;

/// Where a file's text and the article's text agree: a common beginning and a common
/// end, found in one linear pass over both texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    /// Bytes at the start that both texts share.
    common_start: usize,
    /// Where, in the file's text, the shared end begins.
    file_end_from: usize,
    /// Where, in the article's text, the shared end begins.
    article_end_from: usize,
    /// Byte comparisons made to find this (at most the two texts' lengths together).
    pub comparisons: usize,
}

impl Shift {
    /// Compares `file` (the text the file's offsets refer to) with `article`: the
    /// longest common beginning, then the longest common end of what is left, both on
    /// character boundaries.
    pub fn between(file: &str, article: &str) -> Shift {
        let (f, a) = (file.as_bytes(), article.as_bytes());
        let mut comparisons = 0;
        let mut start = 0;
        while start < f.len() && start < a.len() {
            comparisons += 1;
            if f[start] != a[start] {
                break;
            }
            start += 1;
        }
        while !(file.is_char_boundary(start) && article.is_char_boundary(start)) {
            start -= 1;
        }
        let room = f.len().min(a.len()) - start;
        let mut end = 0;
        while end < room {
            comparisons += 1;
            if f[f.len() - 1 - end] != a[a.len() - 1 - end] {
                break;
            }
            end += 1;
        }
        // The shared end holds the same bytes in both texts, so a boundary in one is a
        // boundary in the other.
        while !file.is_char_boundary(f.len() - end) {
            end -= 1;
        }
        Shift {
            common_start: start,
            file_end_from: f.len() - end,
            article_end_from: a.len() - end,
            comparisons,
        }
    }

    /// How many bytes the shared end moved by from the file to the article (negative:
    /// the article's text is shorter before it).
    pub fn offset(&self) -> isize {
        self.article_end_from as isize - self.file_end_from as isize
    }

    /// The byte range of the file's text that the article does not share.
    pub fn changed_in_file(&self) -> Span {
        Span::new(self.common_start, self.file_end_from)
    }

    /// The byte spans on the article for byte spans on the file's text, when every one
    /// lies wholly in the shared beginning or wholly in the shared end; `None` when one
    /// touches the changed place (those are placed by their quote instead).
    pub fn carry(&self, spans: &[Span]) -> Option<Vec<Span>> {
        spans.iter().map(|s| self.carry_one(*s)).collect()
    }

    fn carry_one(&self, span: Span) -> Option<Span> {
        if span.end <= self.common_start {
            Some(span)
        } else if span.start >= self.file_end_from {
            let moved = |b: usize| b - self.file_end_from + self.article_end_from;
            Some(Span::new(moved(span.start), moved(span.end)))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_byte_order_mark_shifts_everything_back_by_its_three_bytes() {
        let shift = Shift::between("\u{feff}Алия Бек said", "Алия Бек said");
        assert_eq!(shift.changed_in_file(), Span::new(0, 3));
        assert_eq!(shift.offset(), -3);
        // "Бек" is bytes 12–18 after the mark, 9–15 without it.
        assert_eq!(
            shift.carry(&[Span::new(12, 18)]),
            Some(vec![Span::new(9, 15)])
        );
    }

    #[test]
    fn a_prefix_added_to_the_article_shifts_forward_and_keeps_what_is_before_it() {
        let shift = Shift::between("Title\nBody 王 text", "Title\nNEW 王\nBody 王 text");
        assert_eq!(shift.changed_in_file(), Span::new(6, 6));
        assert_eq!(shift.carry(&[Span::new(0, 5)]), Some(vec![Span::new(0, 5)]));
        let 王 = "Title\nBody ".len();
        let moved = shift.carry(&[Span::new(王, 王 + 3)]).unwrap();
        assert_eq!(
            &"Title\nNEW 王\nBody 王 text"[moved[0].start..moved[0].end],
            "王"
        );
    }

    #[test]
    fn a_span_over_the_changed_place_is_not_carried() {
        let shift = Shift::between("one two three", "one TWO three");
        assert_eq!(shift.carry(&[Span::new(0, 7)]), None);
        assert_eq!(
            shift.carry(&[Span::new(8, 13)]),
            Some(vec![Span::new(8, 13)])
        );
    }

    #[test]
    fn the_common_parts_end_on_character_boundaries() {
        // "é" (C3 A9) and "è" (C3 A8) share their first byte.
        let shift = Shift::between("café au lait", "cafè au lait");
        assert_eq!(shift.changed_in_file(), Span::new(3, 5));
        assert_eq!(shift.offset(), 0);
    }

    #[test]
    fn finding_the_shift_compares_each_byte_at_most_once() {
        for n in [100, 10_000] {
            let body = "word Бек ".repeat(n);
            let file = format!("\u{feff}{body}");
            let shift = Shift::between(&file, &body);
            assert!(
                shift.comparisons <= file.len() + body.len(),
                "{} comparisons for {} bytes",
                shift.comparisons,
                file.len() + body.len()
            );
        }
    }
}
