//! Wrapping one display row of a segment: word breaks, wide glyphs, tabs, and the free
//! column kept for the cursor at the end of a line.

use std::borrow::Cow;

use compact_str::CompactString;

use super::super::display_text::{display_grapheme, Glyph, GlyphKind, TOO_WIDE_MARK};
use super::clusters::clusters;
use super::wrapper::{note_scanned, Segment, Wrapper};
use super::{Cell, Row};

impl Wrapper<'_> {
    /// Wraps the row starting at `start` (a row start inside `segment`). Without
    /// `build`, only its extent is computed and `cells` stays empty.
    pub(super) fn wrap_row(&self, segment: &Segment, start: usize, build: bool) -> Row {
        let width = self.width;
        // A row holds at most a cell a column (and the free one kept for the cursor).
        let mut cells = if build {
            Vec::with_capacity(usize::from(width) + 1)
        } else {
            Vec::new()
        };
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
        for (offset, g) in clusters(slice) {
            note_scanned(g.len());
            let byte = start + offset;
            if byte == 0 && g == "\u{feff}" {
                continue;
            }
            let glyph = glyph_of(g);
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
                    text: CompactString::from(text),
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
}

/// What to draw for grapheme `g`: a printable ASCII character as itself, one column
/// wide, as [`display_grapheme`] draws it, without asking it.
fn glyph_of(g: &str) -> Glyph<'_> {
    match g.as_bytes() {
        [b' '..=b'~'] => Glyph {
            text: Cow::Borrowed(g),
            width: 1,
            kind: GlyphKind::Normal,
        },
        _ => display_grapheme(g),
    }
}

/// Whether a row may end after grapheme `g`: after whitespace other than no-break spaces.
fn is_break_after(g: &str) -> bool {
    g.chars()
        .next()
        .is_some_and(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_drawn_as_the_sanitiser_draws_it() {
        for b in 0u8..0x80 {
            let s = (b as char).to_string();
            assert_eq!(glyph_of(&s), display_grapheme(&s), "{b:#x}");
        }
    }
}
