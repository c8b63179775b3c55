//! Putting already sanitized strings on the screen: cut to a display width (never
//! overflowing, never splitting a wide glyph), with every write checked against the
//! buffer so that no size of terminal can make drawing panic.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::screen::Area;

/// Shown where text was cut.
pub const ELLIPSIS: &str = "…";

/// The columns `s` covers.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` columns, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push_str(ELLIPSIS);
    out
}

/// The screen rectangle of an app area, clipped to the buffer.
pub fn rect(area: Area, buf: &Buffer) -> Rect {
    Rect::new(area.x, area.y, area.width, area.height).intersection(buf.area)
}

/// The inside of a one-cell frame around `area`.
pub fn rect_inside(area: Rect) -> Rect {
    Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(1),
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
}

/// A rectangle of `width`×`height` centred in `outer` (clipped to it).
pub fn centered(outer: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(outer.width);
    let height = height.min(outer.height);
    Rect::new(
        outer.x + (outer.width - width) / 2,
        outer.y + (outer.height - height) / 2,
        width,
        height,
    )
}

/// Writes `s` at (`x`, `y`), cut with `…` to at most `max` columns and to the buffer's
/// edge; returns the column after the last one written.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() || x >= area.right() {
        return x;
    }
    let room = max.min(area.right() - x);
    let fitted = truncate(s, usize::from(room));
    buf.set_stringn(x, y, &fitted, usize::from(room), style).0
}

/// Writes pieces of text side by side from (`x`, `y`) within `max` columns; the piece
/// that does not fit is cut with `…` and the rest left out. Returns the column after the
/// last one written.
pub fn put_spans(buf: &mut Buffer, x: u16, y: u16, max: u16, spans: &[(String, Style)]) -> u16 {
    let end = x.saturating_add(max);
    let mut at = x;
    let mut expected = 0;
    for (text, style) in spans {
        if at >= end {
            break;
        }
        expected += width(text);
        at = put(buf, at, y, text, end - at, *style);
        if usize::from(at - x) < expected {
            break;
        }
    }
    at
}

/// Paints `style` over every cell of `area` (clipped to the buffer).
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area.intersection(buf.area), style);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_and_keeps_wide_glyphs_whole() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語です", 6), "日本…");
        assert_eq!(truncate("日本語です", 4), "日…");
        assert_eq!(truncate("日本語", 1), "…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn writes_never_leave_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        assert_eq!(put(&mut buf, 3, 0, "hello", 10, Style::default()), 5);
        assert_eq!(put(&mut buf, 9, 0, "x", 10, Style::default()), 9);
        assert_eq!(put(&mut buf, 0, 4, "x", 10, Style::default()), 0);
        assert_eq!(buf[(3, 0)].symbol(), "h");
        assert_eq!(buf[(4, 0)].symbol(), "…");
        let spans = vec![
            ("ab".to_string(), Style::default()),
            ("cdef".to_string(), Style::default()),
            ("gh".to_string(), Style::default()),
        ];
        assert_eq!(put_spans(&mut buf, 0, 0, 5, &spans), 5);
        assert_eq!(buf[(4, 0)].symbol(), "…");
    }
}
