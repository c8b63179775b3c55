//! Walking the rows of a text: the row holding a byte, the rows before and after it,
//! runs of rows for drawing, and offsets for scrolling.

use crate::domain::char_boundary::floor_char_boundary;

use super::wrapper::{Segment, Wrapper};
use super::Row;

impl Wrapper<'_> {
    /// The segment holding `byte` and the start of the row holding it.
    pub(super) fn locate(&self, byte: usize) -> (Segment, usize) {
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

    pub(super) fn row_at(&self, byte: usize) -> Row {
        let (segment, start) = self.locate(byte);
        self.wrap_row(&segment, start, true)
    }

    pub(super) fn next_row_start(&self, byte: usize) -> Option<usize> {
        let (segment, start) = self.locate(byte);
        let row = self.wrap_row(&segment, start, false);
        self.next_after(&row)
    }

    pub(super) fn prev_row_start(&self, byte: usize) -> Option<usize> {
        let (_, start) = self.locate(byte);
        if start == 0 {
            return None;
        }
        let before = floor_char_boundary(self.text, start - 1);
        let (_, prev) = self.locate(before);
        (prev < start).then_some(prev)
    }

    pub(super) fn rows_from(&self, byte: usize, count: usize) -> Vec<Row> {
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

    pub(super) fn offset(&self, byte: usize, delta: isize) -> usize {
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
