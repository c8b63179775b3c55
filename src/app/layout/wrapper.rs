//! The layout of one text at one geometry ([`Wrapper`]): its lines, the checkpoints
//! that cut a long line into wrap segments, and the segment that holds a byte. Rows are
//! wrapped in `wrap_row.rs` and walked in `rows.rs`.

use unicode_segmentation::UnicodeSegmentation;

use crate::domain::char_boundary::{ceil_char_boundary, floor_char_boundary};

use super::{Wrap, CHECKPOINT_BYTES};

/// One line of the document: where it starts and where its content ends (before the
/// line ending).
#[derive(Debug, Clone, Copy)]
pub(super) struct LineSpan {
    pub(super) index: usize,
    pub(super) start: usize,
    pub(super) content_end: usize,
}

/// A stretch of a line wrapped on its own: from one checkpoint to the next, or to the
/// end of the line (`last`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    pub(super) line: LineSpan,
    /// Which checkpoint of the line the segment starts at.
    pub(super) checkpoint: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) last: bool,
}

/// The layout of one text at one geometry.
pub(super) struct Wrapper<'a> {
    pub(super) text: &'a str,
    lines: &'a [usize],
    pub(super) width: u16,
    pub(super) tab_width: u16,
    checkpoint_bytes: usize,
}

impl<'a> Wrapper<'a> {
    pub(super) fn new(text: &'a str, lines: &'a [usize], wrap: Wrap) -> Self {
        Self::with_checkpoints(text, lines, wrap, CHECKPOINT_BYTES)
    }

    pub(super) fn with_checkpoints(
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

    pub(super) fn line_count(&self) -> usize {
        self.lines.len().max(1)
    }

    /// The start of line `index`, made safe to slice with even if the index does not
    /// match the text.
    pub(super) fn line_start(&self, index: usize) -> usize {
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
    pub(super) fn segment_of(&self, byte: usize) -> (Segment, usize) {
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
    pub(super) fn segment_for_next_row(&self, segment: Segment, next: usize) -> Segment {
        if next < segment.end || (segment.last && next == segment.end) {
            segment
        } else if !segment.last && next == segment.end {
            self.segment(segment.line, segment.checkpoint + 1, next)
        } else {
            self.segment_of(next).0
        }
    }
}

#[cfg(test)]
thread_local! {
    pub(super) static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts bytes of text examined, so tests can check the work per call is bounded.
#[cfg(test)]
pub(super) fn note_scanned(bytes: usize) {
    SCANNED.with(|s| s.set(s.get() + bytes));
}

#[cfg(not(test))]
pub(super) fn note_scanned(_bytes: usize) {}
