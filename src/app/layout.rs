//! Word-wrapping of the article into display rows, computed only for the rows asked for.
//!
//! The document is a `&str` plus the byte offsets of its line starts (see [`LineIndex`];
//! `domain::document` keeps the same list). Nothing here walks the whole document: every
//! call wraps at most one wrap segment (below) plus the rows it returns.
//!
//! Rules:
//! - A line ends at LF or CRLF; the ending is not drawn. A bare CR is drawn as `␍`. Text
//!   ending with a line ending has a last, empty line after it. An empty line is one
//!   empty row.
//! - Rows wrap at word boundaries: after whitespace (not after a no-break space), and
//!   before or after a wide (CJK, emoji) glyph. A word longer than the row is broken at a
//!   grapheme boundary. Leading whitespace of a continuation row is kept (it is text the
//!   cursor must be able to reach).
//! - No row is wider than the width; a wide glyph never straddles the right edge, and a
//!   glyph wider than the whole row is drawn as [`TOO_WIDE_MARK`].
//! - A tab expands to the next multiple of `tab_width` columns counted from the row
//!   start, clipped at the right edge.
//! - The cursor can sit at the end of each line: the last row of a line always keeps one
//!   free column for it (the end of the line wraps as if followed by a one-column glyph).
//!   So a line whose last word ends exactly at the right edge moves that word to a new
//!   row, or, when the row holds one word only, is followed by an empty row.
//! - A BOM at byte 0 is covered by the first row but has no cell and is not drawn.
//! - Width 0 is treated as 1, tab width 0 as 1.
//!
//! Bounded work on very long lines: a line is cut into wrap segments at checkpoints,
//! one every [`CHECKPOINT_BYTES`] bytes from the line start, moved forward to the next
//! grapheme boundary (found by segmenting the 128 bytes on either side of it; when no
//! boundary is found there, the checkpoint stays where it is and splits an unusually
//! long cluster). Wrapping restarts at each checkpoint, so finding the row that holds a byte
//! wraps at most one segment, whatever the length of the line. The visible compromise:
//! about every 4 KB of a long line one row ends early, at the checkpoint, even though the
//! next word would have fitted.

use unicode_segmentation::UnicodeSegmentation;

use crate::domain::char_boundary::{ceil_char_boundary, floor_char_boundary};

use super::display_text::{display_grapheme, GlyphKind, TOO_WIDE_MARK};

/// Tab stops every this many columns unless told otherwise.
pub const DEFAULT_TAB_WIDTH: u16 = 8;

/// Wrapping restarts at a checkpoint every this many bytes of a line (see module doc).
pub const CHECKPOINT_BYTES: usize = 4096;

/// The byte offsets of the starts of the lines of a text: 0, and one past every LF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line starts, as the layout functions take them.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }
}

/// The geometry rows are wrapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    /// Columns per row (0 is treated as 1).
    pub width: u16,
    /// Columns between tab stops (0 is treated as 1).
    pub tab_width: u16,
}

impl Wrap {
    /// `width` columns with tab stops every [`DEFAULT_TAB_WIDTH`] columns.
    pub fn new(width: u16) -> Self {
        Wrap {
            width,
            tab_width: DEFAULT_TAB_WIDTH,
        }
    }
}

/// One drawn grapheme cluster of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Byte offset of the grapheme cluster in the document.
    pub byte: usize,
    /// Length of the cluster in bytes.
    pub len: usize,
    /// What to draw: sanitized, exactly `width` columns wide (a tab: `width` spaces).
    pub text: String,
    /// Columns covered, at least 1.
    pub width: u16,
    /// How the UI should style it.
    pub kind: GlyphKind,
}

/// One display row: a byte range of one line and the cells drawn for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Byte offset where the row starts (a grapheme boundary).
    pub start: usize,
    /// Byte offset where the row ends: the next row's start, or for the last row of a
    /// line the start of the line ending (the cursor may sit there).
    pub end: usize,
    /// The cells, left to right, covering `start..end` (a BOM at byte 0 has none).
    pub cells: Vec<Cell>,
    /// Whether the row starts a line.
    pub first_of_line: bool,
    /// Whether the row ends a line; it then has a free column for the cursor at `end`.
    pub last_of_line: bool,
    /// The 0-based line the row belongs to.
    pub line: usize,
}

impl Row {
    /// Columns covered by the cells.
    pub fn width(&self) -> u16 {
        self.cells.iter().map(|c| c.width).sum()
    }
}

/// Lays out up to `count` rows, starting with the row that holds `byte` (normally a row
/// start). Fewer rows come back only at the end of the document.
pub fn rows_from(text: &str, lines: &[usize], byte: usize, wrap: Wrap, count: usize) -> Vec<Row> {
    Wrapper::new(text, lines, wrap).rows_from(byte, count)
}

/// The start of the display row holding `byte` (clamped into the text; a byte inside a
/// line ending belongs to the end of its line).
pub fn row_start_of(text: &str, lines: &[usize], byte: usize, wrap: Wrap) -> usize {
    Wrapper::new(text, lines, wrap).locate(byte).1
}

/// The display row holding `byte`, with its cells.
pub fn row_at(text: &str, lines: &[usize], byte: usize, wrap: Wrap) -> Row {
    Wrapper::new(text, lines, wrap).row_at(byte)
}

/// The start of the row before the row holding `row_start`, or `None` on the first row.
pub fn prev_row_start(text: &str, lines: &[usize], row_start: usize, wrap: Wrap) -> Option<usize> {
    Wrapper::new(text, lines, wrap).prev_row_start(row_start)
}

/// The start of the row after the row holding `row_start`, or `None` on the last row.
pub fn next_row_start(text: &str, lines: &[usize], row_start: usize, wrap: Wrap) -> Option<usize> {
    Wrapper::new(text, lines, wrap).next_row_start(row_start)
}

/// The start of the row `delta` rows below (negative: above) the row holding `byte`,
/// stopping at the first or last row: for scrolling and page motions. Costs one wrap
/// segment per line or segment crossed upwards, one row per row crossed downwards.
pub fn offset_row_start(
    text: &str,
    lines: &[usize],
    byte: usize,
    delta: isize,
    wrap: Wrap,
) -> usize {
    Wrapper::new(text, lines, wrap).offset(byte, delta)
}

/// The column at which `byte` is drawn in `row`: the first column of the cell holding
/// it, or the row's width for a byte at or past its end (the end-of-line cursor).
pub fn column_of(row: &Row, byte: usize) -> u16 {
    let mut column: u16 = 0;
    for cell in &row.cells {
        if byte < cell.byte + cell.len {
            return column;
        }
        column = column.saturating_add(cell.width);
    }
    column
}

/// The byte the cursor lands on at `column` of `row`: the start of the cell covering
/// that column; past the last cell, the end of the line for a line's last row, else the
/// last cell (the row's end belongs to the next row).
pub fn byte_at_column(row: &Row, column: u16) -> usize {
    let mut left: u16 = 0;
    for cell in &row.cells {
        let right = left.saturating_add(cell.width);
        if column < right {
            return cell.byte;
        }
        left = right;
    }
    match row.cells.last() {
        Some(cell) if !row.last_of_line => cell.byte,
        _ => row.end,
    }
}

/// One line of the document: where it starts and where its content ends (before the
/// line ending).
#[derive(Debug, Clone, Copy)]
struct LineSpan {
    index: usize,
    start: usize,
    content_end: usize,
}

/// A stretch of a line wrapped on its own: from one checkpoint to the next, or to the
/// end of the line (`last`).
#[derive(Debug, Clone, Copy)]
struct Segment {
    line: LineSpan,
    /// Which checkpoint of the line the segment starts at.
    checkpoint: usize,
    start: usize,
    end: usize,
    last: bool,
}

/// The layout of one text at one geometry.
struct Wrapper<'a> {
    text: &'a str,
    lines: &'a [usize],
    width: u16,
    tab_width: u16,
    checkpoint_bytes: usize,
}

impl<'a> Wrapper<'a> {
    fn new(text: &'a str, lines: &'a [usize], wrap: Wrap) -> Self {
        Self::with_checkpoints(text, lines, wrap, CHECKPOINT_BYTES)
    }

    fn with_checkpoints(
        text: &'a str,
        lines: &'a [usize],
        wrap: Wrap,
        checkpoint_bytes: usize,
    ) -> Self {
        Wrapper {
            text,
            lines,
            width: wrap.width.max(1),
            tab_width: wrap.tab_width.max(1),
            checkpoint_bytes: checkpoint_bytes.max(16),
        }
    }

    fn line_count(&self) -> usize {
        self.lines.len().max(1)
    }

    /// The start of line `index`, made safe to slice with even if the index does not
    /// match the text.
    fn line_start(&self, index: usize) -> usize {
        if index == 0 {
            return 0;
        }
        let start = self.lines.get(index).copied().unwrap_or(self.text.len());
        floor_char_boundary(self.text, start)
    }

    fn line(&self, index: usize) -> LineSpan {
        let start = self.line_start(index);
        let bytes = self.text.as_bytes();
        let mut content_end = self.text.len();
        if index + 1 < self.line_count() {
            content_end = self.line_start(index + 1).max(start);
            if content_end > start && bytes[content_end - 1] == b'\n' {
                content_end -= 1;
                if content_end > start && bytes[content_end - 1] == b'\r' {
                    content_end -= 1;
                }
            }
        }
        LineSpan {
            index,
            start,
            content_end,
        }
    }

    /// The line holding `byte`, and `byte` clamped into that line's content.
    fn line_of(&self, byte: usize) -> (LineSpan, usize) {
        let byte = floor_char_boundary(self.text, byte);
        let index = self
            .lines
            .partition_point(|&start| start <= byte)
            .saturating_sub(1)
            .min(self.line_count() - 1);
        let line = self.line(index);
        (
            line,
            byte.clamp(line.start, line.content_end.max(line.start)),
        )
    }

    /// Checkpoint `k` of `line` (checkpoint 0 is the line start), or `None` past the end.
    fn checkpoint(&self, line: &LineSpan, k: usize) -> Option<usize> {
        if k == 0 {
            return Some(line.start);
        }
        let target = line
            .start
            .checked_add(k.checked_mul(self.checkpoint_bytes)?)?;
        if target >= line.content_end {
            return None;
        }
        let at = ceil_char_boundary(self.text, target);
        if at >= line.content_end {
            return None;
        }
        // 128 bytes on either side at the default spacing.
        let window = self.checkpoint_bytes / 32;
        let low = floor_char_boundary(self.text, at.saturating_sub(window).max(line.start));
        let high = ceil_char_boundary(self.text, (at + window).min(line.content_end));
        let around = &self.text[low..high];
        note_scanned(around.len());
        let boundary = around
            .grapheme_indices(true)
            .map(|(i, _)| low + i)
            .find(|&p| p >= at);
        Some(boundary.unwrap_or(at))
    }

    /// The wrap segment holding `byte`, and `byte` clamped into its line's content.
    fn segment_of(&self, byte: usize) -> (Segment, usize) {
        let (line, byte) = self.line_of(byte);
        let mut k = (byte - line.start) / self.checkpoint_bytes;
        let start = loop {
            match self.checkpoint(&line, k) {
                Some(at) if at <= byte => break at,
                _ => k -= 1,
            }
        };
        (self.segment(line, k, start), byte)
    }

    /// The segment of `line` starting at its checkpoint `k`, which is at `start`.
    fn segment(&self, line: LineSpan, k: usize, start: usize) -> Segment {
        let next = self.checkpoint(&line, k + 1);
        Segment {
            line,
            checkpoint: k,
            start,
            end: next.unwrap_or(line.content_end),
            last: next.is_none(),
        }
    }

    /// The segment holding the row start `next` that follows a row of `segment`.
    fn segment_for_next_row(&self, segment: Segment, next: usize) -> Segment {
        if next < segment.end || (segment.last && next == segment.end) {
            segment
        } else if !segment.last && next == segment.end {
            self.segment(segment.line, segment.checkpoint + 1, next)
        } else {
            self.segment_of(next).0
        }
    }

    /// The segment holding `byte` and the start of the row holding it.
    fn locate(&self, byte: usize) -> (Segment, usize) {
        let (segment, byte) = self.segment_of(byte);
        let mut start = segment.start;
        loop {
            let row = self.wrap_row(&segment, start, false);
            if byte < row.end || row.last_of_line || row.end <= start {
                return (segment, start);
            }
            start = row.end;
        }
    }

    /// Wraps the row starting at `start` (a row start inside `segment`). Without
    /// `build`, only its extent is computed and `cells` stays empty.
    fn wrap_row(&self, segment: &Segment, start: usize, build: bool) -> Row {
        let width = self.width;
        let mut cells = Vec::new();
        let mut column: u16 = 0;
        let mut cell_count = 0;
        // The latest place the row may end at, (byte, cells before it), and the one
        // before that.
        let mut last_break: Option<(usize, usize)> = None;
        let mut earlier_break: Option<(usize, usize)> = None;
        let mut set_break = |at: (usize, usize)| {
            if last_break.is_some_and(|(byte, _)| byte != at.0) {
                earlier_break = last_break;
            }
            last_break = Some(at);
        };
        // Only a line index that does not match the text can put `start` past the end.
        let segment_end = segment.end.max(start);
        let slice = self.text.get(start..segment_end).unwrap_or("");
        let mut row = Row {
            start,
            end: segment_end,
            cells: Vec::new(),
            first_of_line: start == segment.line.start,
            last_of_line: false,
            line: segment.line.index,
        };
        for (offset, g) in slice.grapheme_indices(true) {
            note_scanned(g.len());
            let byte = start + offset;
            if byte == 0 && g == "\u{feff}" {
                continue;
            }
            let glyph = display_grapheme(g);
            let (mut text, mut glyph_width, mut kind) = (glyph.text, glyph.width, glyph.kind);
            if kind == GlyphKind::Tab {
                let to_stop = self.tab_width - column % self.tab_width;
                glyph_width = to_stop.min(width.saturating_sub(column)).max(1);
                text = " ".repeat(usize::from(glyph_width)).into();
            } else if glyph_width > width {
                text = TOO_WIDE_MARK.to_string().into();
                glyph_width = 1;
                kind = GlyphKind::Mark;
            }
            let wide = kind == GlyphKind::Normal && glyph_width > 1;
            if wide && cell_count > 0 {
                set_break((byte, cell_count));
            }
            if u32::from(column) + u32::from(glyph_width) > u32::from(width) {
                let (end, keep) = last_break.unwrap_or((byte, cell_count));
                cells.truncate(keep);
                row.end = end;
                row.cells = cells;
                return row;
            }
            if build {
                cells.push(Cell {
                    byte,
                    len: g.len(),
                    text: text.into_owned(),
                    width: glyph_width,
                    kind,
                });
            }
            cell_count += 1;
            column += glyph_width;
            if wide || is_break_after(g) {
                set_break((byte + g.len(), cell_count));
            }
        }
        if segment.last {
            if column < width {
                row.last_of_line = true;
            } else if let Some((end, keep)) = [last_break, earlier_break]
                .into_iter()
                .flatten()
                .find(|&(end, _)| end < segment.end)
            {
                cells.truncate(keep);
                row.end = end;
            }
        }
        row.cells = cells;
        row
    }

    /// The start of the row after `row`, or `None` after the last row of the text.
    fn next_after(&self, row: &Row) -> Option<usize> {
        if !row.last_of_line {
            return (row.end > row.start).then_some(row.end);
        }
        let next_line = row.line + 1;
        if next_line >= self.line_count() {
            return None;
        }
        let start = self.line_start(next_line);
        (start > row.end.max(row.start)).then_some(start)
    }

    fn row_at(&self, byte: usize) -> Row {
        let (segment, start) = self.locate(byte);
        self.wrap_row(&segment, start, true)
    }

    fn next_row_start(&self, byte: usize) -> Option<usize> {
        let (segment, start) = self.locate(byte);
        let row = self.wrap_row(&segment, start, false);
        self.next_after(&row)
    }

    fn prev_row_start(&self, byte: usize) -> Option<usize> {
        let (_, start) = self.locate(byte);
        if start == 0 {
            return None;
        }
        let before = floor_char_boundary(self.text, start - 1);
        let (_, prev) = self.locate(before);
        (prev < start).then_some(prev)
    }

    fn rows_from(&self, byte: usize, count: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(count.min(1024));
        let (mut segment, mut start) = self.locate(byte);
        while rows.len() < count {
            let row = self.wrap_row(&segment, start, true);
            let next = self.next_after(&row);
            rows.push(row);
            let Some(next) = next else { break };
            segment = self.segment_for_next_row(segment, next);
            start = next;
        }
        rows
    }

    fn offset(&self, byte: usize, delta: isize) -> usize {
        let (mut segment, mut start) = self.locate(byte);
        let mut remaining = delta.unsigned_abs();
        if delta >= 0 {
            while remaining > 0 {
                let row = self.wrap_row(&segment, start, false);
                let Some(next) = self.next_after(&row) else {
                    break;
                };
                segment = self.segment_for_next_row(segment, next);
                start = next;
                remaining -= 1;
            }
            return start;
        }
        while remaining > 0 && start > 0 {
            let starts = self.row_starts_before(start);
            let Some(&first) = starts.first() else { break };
            if starts.len() >= remaining {
                return starts[starts.len() - remaining];
            }
            remaining -= starts.len();
            start = first;
        }
        start
    }

    /// The starts of the rows of the segment just before `start` (a row start > 0), in
    /// order, up to the row that ends at `start`.
    fn row_starts_before(&self, start: usize) -> Vec<usize> {
        let before = floor_char_boundary(self.text, start - 1);
        let (segment, byte) = self.segment_of(before);
        let mut starts = Vec::new();
        let mut at = segment.start;
        loop {
            if at >= start {
                break;
            }
            starts.push(at);
            let row = self.wrap_row(&segment, at, false);
            if byte < row.end || row.last_of_line || row.end <= at {
                break;
            }
            at = row.end;
        }
        starts
    }
}

/// Whether a row may end after grapheme `g`: after whitespace other than no-break spaces.
fn is_break_after(g: &str) -> bool {
    g.chars()
        .next()
        .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

#[cfg(test)]
thread_local! {
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts bytes of text examined, so tests can check the work per call is bounded.
#[cfg(test)]
fn note_scanned(bytes: usize) {
    SCANNED.with(|s| s.set(s.get() + bytes));
}

#[cfg(not(test))]
fn note_scanned(_bytes: usize) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::display_text::{BIDI_MARK, INVISIBLE_MARK};
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    fn scanned_during(f: impl FnOnce()) -> usize {
        SCANNED.with(|s| s.set(0));
        f();
        SCANNED.with(|s| s.get())
    }

    /// The rows of `text` at `width` as strings of their drawn cells.
    fn drawn(text: &str, width: u16) -> Vec<String> {
        let index = LineIndex::new(text);
        rows_from(text, index.starts(), 0, Wrap::new(width), usize::MAX)
            .iter()
            .map(|row| row.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    /// Whether `s` holds nothing a terminal would act on or reorder by.
    fn is_inert(s: &str) -> bool {
        s.chars().all(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    '\u{202a}'..='\u{202e}'
                        | '\u{2066}'..='\u{2069}'
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{61c}'
                        | '\u{feff}'
                        | '\u{200b}'
                )
        })
    }

    /// Checks every invariant of the layout of `text` at one geometry.
    fn check_layout(text: &str, wrap: Wrap, checkpoint_bytes: usize) {
        let index = LineIndex::new(text);
        let w = Wrapper::with_checkpoints(text, index.starts(), wrap, checkpoint_bytes);
        let width = wrap.width.max(1);
        let rows = w.rows_from(0, usize::MAX);
        assert!(!rows.is_empty());

        let mut rebuilt = String::new();
        for (i, row) in rows.iter().enumerate() {
            rebuilt.push_str(&text[row.start..row.end]);
            assert_eq!(row.first_of_line, i == 0 || rows[i - 1].last_of_line);
            if let Some(next) = rows.get(i + 1) {
                if row.last_of_line {
                    let ending = &text[row.end..next.start];
                    assert!(ending == "\n" || ending == "\r\n", "ending {ending:?}");
                    rebuilt.push_str(ending);
                    assert_eq!(next.line, row.line + 1);
                } else {
                    assert_eq!(next.start, row.end);
                    assert!(row.end > row.start);
                    assert_eq!(next.line, row.line);
                }
            }
            let mut at = row.start;
            if at == 0 && text.starts_with('\u{feff}') {
                at = 3;
            }
            for cell in &row.cells {
                assert_eq!(cell.byte, at);
                at += cell.len;
                assert!(cell.width >= 1);
                assert_eq!(cell.text.width(), usize::from(cell.width), "{cell:?}");
                assert!(is_inert(&cell.text), "{cell:?}");
            }
            assert_eq!(at.max(row.start), row.end);
            assert!(row.width() <= width, "{row:?} wider than {width}");
            if row.last_of_line {
                assert!(row.width() < width, "no room for the cursor: {row:?}");
            }
        }
        assert_eq!(rebuilt, text);
        let last = rows.last().unwrap();
        assert!(last.last_of_line);
        assert_eq!(last.end, text.len());

        let mut b = 0;
        while b <= text.len() {
            let expected = rows.iter().rev().find(|r| r.start <= b).unwrap();
            assert_eq!(w.locate(b).1, expected.start, "row start of byte {b}");
            assert_eq!(&w.row_at(b), expected);
            b += text[b..].chars().next().map_or(1, char::len_utf8);
        }

        for (i, row) in rows.iter().enumerate() {
            let prev = i.checked_sub(1).map(|p| rows[p].start);
            let next = rows.get(i + 1).map(|r| r.start);
            assert_eq!(w.prev_row_start(row.start), prev, "prev of row {i}");
            assert_eq!(w.next_row_start(row.start), next, "next of row {i}");
            for delta in [-7isize, -2, -1, 0, 1, 3, 9] {
                let target = (i as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
                assert_eq!(w.offset(row.start, delta), rows[target].start);
            }
            for cell in &row.cells {
                assert_eq!(byte_at_column(row, column_of(row, cell.byte)), cell.byte);
            }
            for column in 0..=width {
                let byte = byte_at_column(row, column);
                assert!(column_of(row, byte) <= column);
            }
            if row.last_of_line {
                assert_eq!(byte_at_column(row, width), row.end);
            }
        }
        for i in (0..rows.len()).step_by(3) {
            let end = (i + 4).min(rows.len());
            assert_eq!(w.rows_from(rows[i].start, 4), rows[i..end]);
        }
    }

    #[test]
    fn line_index_finds_line_starts() {
        assert_eq!(LineIndex::new("").starts(), &[0]);
        assert_eq!(LineIndex::new("a\nbc\r\nd\n").starts(), &[0, 2, 6, 8]);
    }

    #[test]
    fn wraps_after_whitespace() {
        assert_eq!(
            drawn("the quick brown fox", 10),
            ["the quick ", "brown fox"]
        );
    }

    #[test]
    fn breaks_a_word_longer_than_the_row() {
        assert_eq!(drawn("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(drawn("xy abcdefghij", 4), ["xy ", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn keeps_a_column_for_the_cursor_at_the_end_of_a_line() {
        assert_eq!(drawn("ab cd", 5), ["ab ", "cd"]);
        assert_eq!(drawn("abcd", 4), ["abcd", ""]);
        assert_eq!(drawn("abc", 4), ["abc"]);
    }

    #[test]
    fn line_endings_end_rows_and_are_not_drawn() {
        let text = "ab\r\ncd\n\nx\ry\n";
        let index = LineIndex::new(text);
        let rows = rows_from(text, index.starts(), 0, Wrap::new(10), 99);
        let ranges: Vec<_> = rows.iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(ranges, [(0, 2), (4, 6), (7, 7), (8, 11), (12, 12)]);
        assert_eq!(drawn(text, 10), ["ab", "cd", "", "x␍y", ""]);
        assert_eq!(row_start_of(text, index.starts(), 3, Wrap::new(10)), 0);
    }

    #[test]
    fn wide_glyphs_never_straddle_the_edge() {
        assert_eq!(drawn("中文中文", 5), ["中文", "中文"]);
        assert_eq!(drawn("ab中文", 5), ["ab中", "文"]);
        assert_eq!(drawn("中", 1), ["⋯", ""]);
        assert_eq!(
            drawn("👨\u{200d}👩\u{200d}👧👍🏽", 4),
            ["👨\u{200d}👩\u{200d}👧", "👍🏽"]
        );
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        let text = "a\tbc\td";
        let index = LineIndex::new(text);
        let row = row_at(text, index.starts(), 0, Wrap::new(40));
        let widths: Vec<u16> = row.cells.iter().map(|c| c.width).collect();
        assert_eq!(widths, [1, 7, 1, 1, 6, 1]);
        assert_eq!(row.cells[1].kind, GlyphKind::Tab);
        assert_eq!(row.cells[1].text, " ".repeat(7));
        let narrow = row_at(text, index.starts(), 0, Wrap::new(5));
        assert_eq!(narrow.width(), 5);
        let four = Wrap {
            width: 40,
            tab_width: 4,
        };
        assert_eq!(row_at(text, index.starts(), 0, four).width(), 9);
    }

    #[test]
    fn untrusted_controls_are_marks() {
        assert_eq!(drawn("\x1b[2Jx", 20), ["␛[2Jx"]);
        assert_eq!(drawn("\x1b]0;x\x07", 20), ["␛]0;x␇"]);
        assert_eq!(drawn("ab\u{202e}cd", 20), [format!("ab{BIDI_MARK}cd")]);
        assert_eq!(drawn("a\u{200b}b", 20), [format!("a{INVISIBLE_MARK}b")]);
        let text = "x\n\u{301}";
        let index = LineIndex::new(text);
        let row = row_at(text, index.starts(), 2, Wrap::new(20));
        assert_eq!(row.cells[0].text, "◌\u{301}");
        assert_eq!(row.cells[0].kind, GlyphKind::Mark);
    }

    #[test]
    fn bom_at_the_start_is_not_drawn() {
        let text = "\u{feff}ab";
        assert_eq!(drawn(text, 10), ["ab"]);
        let index = LineIndex::new(text);
        let row = row_at(text, index.starts(), 0, Wrap::new(10));
        assert_eq!((row.start, row.end, row.cells[0].byte), (0, 5, 3));
        assert_eq!(column_of(&row, 0), 0);
        assert_eq!(byte_at_column(&row, 0), 3);
    }

    #[test]
    fn degenerate_widths_do_not_panic_or_loop() {
        for width in [0, 1] {
            for text in ["", "a", "中\t👍🏽 x\r\n\u{301}", "\t\t"] {
                check_layout(
                    text,
                    Wrap {
                        width,
                        tab_width: 0,
                    },
                    CHECKPOINT_BYTES,
                );
            }
        }
    }

    #[test]
    fn columns_follow_cells() {
        let text = "a中b";
        let index = LineIndex::new(text);
        let row = row_at(text, index.starts(), 0, Wrap::new(10));
        assert_eq!(column_of(&row, 0), 0);
        assert_eq!(column_of(&row, 1), 1);
        assert_eq!(column_of(&row, 2), 1);
        assert_eq!(column_of(&row, 4), 3);
        assert_eq!(column_of(&row, 5), 4);
        assert_eq!(byte_at_column(&row, 2), 1);
        assert_eq!(byte_at_column(&row, 3), 4);
        assert_eq!(byte_at_column(&row, 9), 5);
    }

    #[test]
    fn checkpoints_restart_the_wrap_and_stay_on_grapheme_boundaries() {
        let text = "é".repeat(3000);
        let decomposed = "e\u{301}".repeat(3000);
        for text in [text, decomposed] {
            let index = LineIndex::new(&text);
            for row in rows_from(&text, index.starts(), 0, Wrap::new(70), usize::MAX) {
                assert!(row.cells.iter().all(|c| !c.text.starts_with('◌')));
            }
        }
    }

    #[test]
    fn samples_of_many_scripts_lay_out_consistently() {
        let samples = [
            "The quick brown fox jumps over the lazy dog.\nSecond line\r\n\r\nend",
            "Съешь же ещё этих мягких французских булок, да выпей чаю.",
            "مرحبا بالعالم، هذا نص عربي للاختبار.\u{202e}abc\u{202c}",
            "日本語のテキストと中文文本，混合English words。",
            "family 👨\u{200d}👩\u{200d}👧 thumbs 👍🏽👍🏿 flags 🇫🇷🇩🇪 ❤\u{fe0f}",
            "Zalgo: z\u{301}\u{302}\u{303}a\u{304}\u{305} \u{301}lone",
            "col1\tcol2\t\tcol3\n\tindented",
            "esc \x1b[2J clear, title \x1b]0;x\x07 and \x7f del \u{85} nel",
            "\u{feff}bom then text\u{feff}inner \u{ad}soft\u{200b}zwsp",
            "",
            "\n",
            "\r\n\r\n",
        ];
        for text in samples {
            for width in [1, 2, 3, 5, 8, 13, 40, 200] {
                for checkpoint_bytes in [16, 64, CHECKPOINT_BYTES] {
                    check_layout(text, Wrap::new(width), checkpoint_bytes);
                }
            }
        }
    }

    #[test]
    fn work_per_call_is_bounded_on_a_ten_megabyte_line() {
        let prose = "lorem ipsum dolor sit amet, ".repeat(10 * 1024 * 1024 / 28);
        let cjk = "中文文本".repeat(10 * 1024 * 1024 / 12);
        let marks = format!("a{}", "\u{301}".repeat(5 * 1024 * 1024));
        let flags = "🇫🇷".repeat(10 * 1024 * 1024 / 8);
        // A few segments (the one holding the start, checkpoint look-ups) on top of the
        // text the rows themselves cover.
        let bound = 8 * CHECKPOINT_BYTES;
        for text in [prose, cjk, marks, flags] {
            let index = LineIndex::new(&text);
            let lines = index.starts();
            let wrap = Wrap::new(80);
            let middle = text.len() / 2;
            let mut covered = 0;
            let scanned = scanned_during(|| {
                let rows = rows_from(&text, lines, middle, wrap, 50);
                assert_eq!(rows.len(), 50);
                covered = rows[49].end - rows[0].start;
            });
            assert!(
                scanned < covered + bound,
                "rows_from scanned {scanned} bytes, covered {covered}, text {:?}",
                text.chars().take(3).collect::<String>()
            );
            let scanned = scanned_during(|| {
                let start = row_start_of(&text, lines, middle, wrap);
                assert!(start <= middle && middle - start < 2 * CHECKPOINT_BYTES);
                let next = next_row_start(&text, lines, start, wrap).unwrap();
                assert_eq!(prev_row_start(&text, lines, next, wrap), Some(start));
            });
            assert!(scanned < 2 * bound, "row motion scanned {scanned} bytes");
            let scanned = scanned_during(|| {
                let up = offset_row_start(&text, lines, middle, -100, wrap);
                let down = offset_row_start(&text, lines, up, 100, wrap);
                assert_eq!(down, row_start_of(&text, lines, middle, wrap));
                covered = middle - up;
            });
            assert!(
                scanned < 3 * covered + 2 * bound,
                "scrolling scanned {scanned} bytes"
            );
        }
    }

    const PIECES: &[&str] = &[
        "a",
        "word",
        "longerword",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "é",
        "e\u{301}",
        "\u{301}",
        "Привет",
        "مرحبا",
        "中文",
        "日本",
        "👍🏽",
        "👨\u{200d}👩\u{200d}👧",
        "🇫🇷",
        "\x1b[2J",
        "\x1b]0;x\x07",
        "\u{202e}",
        "\u{200b}",
        "\u{feff}",
        "\u{ad}",
        "\u{85}",
        "\x7f",
        "\u{a0}",
        "\u{200d}",
        ".",
        ",",
    ];

    fn text_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::collection::vec(prop::sample::select(PIECES), 0..80)
                .prop_map(|pieces| pieces.concat()),
            1 => any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn layout_invariants_hold(
            text in text_strategy(),
            width in 1u16..=200,
            tab_width in 1u16..=8,
            checkpoint_bytes in prop::sample::select(vec![16usize, 40, 64, 128, CHECKPOINT_BYTES]),
        ) {
            check_layout(&text, Wrap { width, tab_width }, checkpoint_bytes);
        }

        #[test]
        fn a_line_index_that_does_not_match_never_panics_or_loops(
            text in text_strategy(),
            lines in prop::collection::vec(0usize..400, 0..12),
            width in 1u16..=12,
        ) {
            let wrap = Wrap::new(width);
            let rows = rows_from(&text, &lines, 0, wrap, text.len() + 10);
            prop_assert!(rows.len() <= text.len() + 1);
            for row in &rows {
                prop_assert!(row.start <= row.end && row.end <= text.len());
                prop_assert!(text.get(row.start..row.end).is_some());
            }
            for byte in (0..text.len() + 3).step_by(7) {
                let start = row_start_of(&text, &lines, byte, wrap);
                prop_assert!(text.get(start..).is_some());
                let _ = prev_row_start(&text, &lines, byte, wrap);
                let _ = next_row_start(&text, &lines, byte, wrap);
                let _ = offset_row_start(&text, &lines, byte, -3, wrap);
                let _ = offset_row_start(&text, &lines, byte, 3, wrap);
                let row = row_at(&text, &lines, byte, wrap);
                prop_assert!(row.width() <= width);
            }
        }

        #[test]
        fn narrow_layout_invariants_hold(
            text in text_strategy(),
            width in 1u16..=6,
        ) {
            check_layout(&text, Wrap::new(width), 16);
        }
    }
}
