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
//!   glyph wider than the whole row is drawn as
//!   [`TOO_WIDE_MARK`](super::display_text::TOO_WIDE_MARK).
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
//!
//! The work is split by concern: `wrapper.rs` finds lines, checkpoints and segments,
//! `wrap_row.rs` wraps one row (splitting it into clusters with `clusters.rs`), `rows.rs`
//! walks from row to row; the functions below are the only way in.

use compact_str::CompactString;

use super::display_text::GlyphKind;

mod clusters;
mod rows;
#[cfg(test)]
mod tests;
mod wrap_row;
mod wrapper;

use wrapper::Wrapper;

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
    pub text: CompactString,
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

thread_local! {
    static ROWS_LAID_OUT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many rows were laid out with their cells (to be drawn) in this thread so far.
/// Tests and benchmarks read it to check that a frame lays out the rows on screen once.
pub fn rows_laid_out() -> usize {
    ROWS_LAID_OUT.with(std::cell::Cell::get)
}

/// Counts `rows` rows laid out with their cells (see [`rows_laid_out`]).
fn count_laid_out(rows: usize) {
    ROWS_LAID_OUT.with(|n| n.set(n.get() + rows));
}

/// Lays out up to `count` rows, starting with the row that holds `byte` (normally a row
/// start). Fewer rows come back only at the end of the document.
pub fn rows_from(text: &str, lines: &[usize], byte: usize, wrap: Wrap, count: usize) -> Vec<Row> {
    let rows = Wrapper::new(text, lines, wrap).rows_from(byte, count);
    count_laid_out(rows.len());
    rows
}

/// The start of the display row holding `byte` (clamped into the text; a byte inside a
/// line ending belongs to the end of its line).
pub fn row_start_of(text: &str, lines: &[usize], byte: usize, wrap: Wrap) -> usize {
    Wrapper::new(text, lines, wrap).locate(byte).1
}

/// The display row holding `byte`, with its cells.
pub fn row_at(text: &str, lines: &[usize], byte: usize, wrap: Wrap) -> Row {
    count_laid_out(1);
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

/// The top of a view `height` rows high whose first row holds `top`, moved up only as
/// far as it takes for no row past the end of `text` to show while rows above are
/// hidden. Every line is a row or more, so with more lines after the top's row than the
/// view has rows (one of them perhaps the empty line after a final line break) the
/// end is out of view and nothing near it is laid out: the common case costs the top's
/// row alone.
pub fn clamped_top(text: &str, lines: &[usize], top: usize, height: usize, wrap: Wrap) -> usize {
    let start = row_start_of(text, lines, top, wrap);
    let lines_after = lines.len() - lines.partition_point(|&s| s <= start);
    if lines_after > height {
        return start;
    }
    let back = isize::try_from(height).unwrap_or(isize::MAX) - 1;
    start.min(offset_row_start(text, lines, text.len(), -back, wrap))
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
