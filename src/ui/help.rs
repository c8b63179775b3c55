//! The key reference (its lines come from `app::help_lines`), scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{BorderType, Clear, Widget};

use crate::app::help_lines::{help_lines, HelpLine};
use crate::app::keymap::Context;
use crate::app::screen::box_height;
use crate::app::state::App;

use super::border;
use super::status;
use super::text::{self, centered, rect_inside};
use super::theme::Theme;

/// Draws the help box over `area` (the screen above the status line), from line
/// `scroll` (clamped so the box stays full).
pub(super) fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, scroll: usize) {
    let width = area.width.saturating_sub(4).clamp(area.width.min(24), 88);
    let height = box_height(area.height);
    let boxed = centered(area, width, height);
    if boxed.is_empty() {
        return;
    }
    Clear.render(boxed, buf);
    border::draw(buf, boxed, BorderType::Plain, theme.focused_border());
    let lines = help_lines(app);
    let inner = rect_inside(boxed);
    let shown = usize::from(inner.height);
    let first = scroll.min(lines.len().saturating_sub(shown));
    if boxed.width >= 5 {
        text::put(
            buf,
            boxed.x + 2,
            boxed.y,
            " Keys ",
            boxed.width - 4,
            theme.title(),
        );
        if boxed.height > 1 {
            let last = (first + shown).min(lines.len());
            let position = format!(
                " {}–{} of {} · {} ",
                first + 1,
                last,
                lines.len(),
                status::hint_line(&status::prompt_hints(app, Context::Help))
            );
            text::put(
                buf,
                boxed.x + 2,
                boxed.bottom() - 1,
                &position,
                boxed.width - 4,
                theme.dim(),
            );
        }
    }
    if inner.is_empty() {
        return;
    }
    let key_width = lines
        .iter()
        .map(|l| match l {
            HelpLine::Binding(keys, _) => text::width(keys),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width) / 3)
        .min(18);
    for (i, line) in lines.iter().skip(first).take(shown).enumerate() {
        let y = inner.y + i as u16;
        match line {
            HelpLine::Heading(title) => {
                text::put(
                    buf,
                    inner.x + 1,
                    y,
                    title,
                    inner.width.saturating_sub(1),
                    theme.title(),
                );
            }
            HelpLine::Binding(keys, description) => {
                let keys = text::truncate(keys, key_width);
                let pad = " ".repeat(key_width - text::width(&keys) + 2);
                let spans = vec![
                    ("  ".to_string(), Style::default()),
                    (keys, Style::default().add_modifier(Modifier::BOLD)),
                    (pad, Style::default()),
                    (description.clone(), Style::default()),
                ];
                text::put_spans(buf, inner.x, y, inner.width, &spans);
            }
            HelpLine::Blank => {}
        }
    }
}
