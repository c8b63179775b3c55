//! Notices: the "too small" screen and the read-only banner.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::display_text::sanitize_line;
use crate::app::screen::{MIN_HEIGHT, MIN_WIDTH};

use super::text;
use super::theme::Theme;

/// Fills `area` with the notice that the terminal is too small, centred, in the
/// longest wording that fits (down to a single `…` on a 1×1 terminal).
pub(super) fn too_small(buf: &mut Buffer, area: Rect, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let (w, h) = (area.width, area.height);
    let candidates = [
        format!("scholia needs at least {MIN_WIDTH}×{MIN_HEIGHT} — this terminal is {w}×{h}"),
        format!("scholia needs {MIN_WIDTH}×{MIN_HEIGHT}, this is {w}×{h}"),
        format!("needs {MIN_WIDTH}×{MIN_HEIGHT}"),
        format!("{MIN_WIDTH}×{MIN_HEIGHT}"),
    ];
    let lines = candidates
        .iter()
        .filter_map(|c| wrap_words(c, usize::from(w)))
        .find(|lines| lines.len() <= usize::from(h))
        .unwrap_or_else(|| vec![text::ELLIPSIS.to_string()]);
    let top = area.y + (h - lines.len() as u16) / 2;
    for (i, line) in lines.iter().enumerate() {
        let width = text::width(line) as u16;
        let x = area.x + w.saturating_sub(width) / 2;
        text::put(buf, x, top + i as u16, line, w, theme.error());
    }
}

/// Breaks `s` into lines of at most `width` columns at spaces; `None` when a word is
/// wider than that.
fn wrap_words(s: &str, width: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if text::width(word) > width {
            return None;
        }
        let needed = text::width(&line) + usize::from(!line.is_empty()) + text::width(word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Some(lines)
}

/// The banner of a read-only session, "read-only: <reason>", at (`x`, `y`) within `max`
/// columns.
pub(super) fn read_only_banner(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    reason: &str,
    theme: &Theme,
) {
    let banner = format!(" read-only: {} ", sanitize_line(reason));
    text::put(buf, x, y, &banner, max, theme.banner());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(w: u16, h: u16) -> String {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        too_small(&mut buf, area, &Theme::plain());
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_notice_fits_any_size() {
        for w in 1..40 {
            for h in 1..10 {
                let shown = screen(w, h);
                assert!(!shown.trim().is_empty(), "{w}×{h}");
            }
        }
        assert_eq!(screen(1, 1), "…");
        assert!(
            screen(29, 7).contains("this terminal is 29×7"),
            "{}",
            screen(29, 7)
        );
        assert!(screen(5, 1).contains("30×8"));
    }
}
