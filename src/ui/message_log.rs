//! The message log (`g m`): every status-line message of the session with its time,
//! newest at the bottom, errors marked with `!`, long ones wrapped whole.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{BorderType, Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::display_text::sanitize_line;
use crate::app::keymap::Context;
use crate::app::message_log::LoggedMessage;
use crate::app::screen::box_height;
use crate::app::state::App;

use super::border;
use super::status;
use super::text::{self, centered, rect_inside};
use super::theme::Theme;

/// Columns of the time and the error mark before a message ("12:04:31 ! ").
const LEAD: usize = 11;

/// Draws the log over `area` (the screen above the status line), with the newest
/// message `back` places from the newest at the bottom.
pub(super) fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, back: usize) {
    let width = area.width.saturating_sub(4).clamp(area.width.min(24), 120);
    let boxed = centered(area, width, box_height(area.height));
    if boxed.is_empty() {
        return;
    }
    Clear.render(boxed, buf);
    border::draw(buf, boxed, BorderType::Plain, theme.focused_border());
    let messages = app.messages();
    if boxed.width >= 5 {
        text::put(
            buf,
            boxed.x + 2,
            boxed.y,
            " Messages (times in UTC) ",
            boxed.width - 4,
            theme.title(),
        );
        if boxed.height > 1 {
            let newest = messages.len().saturating_sub(back);
            let footer = format!(
                " {newest} of {} · {} ",
                messages.len(),
                status::hint_line(&status::prompt_hints(app, Context::Help))
            );
            text::put(
                buf,
                boxed.x + 2,
                boxed.bottom() - 1,
                &footer,
                boxed.width - 4,
                theme.dim(),
            );
        }
    }
    let inner = rect_inside(boxed);
    if inner.is_empty() {
        return;
    }
    if messages.is_empty() {
        text::put(
            buf,
            inner.x + 1,
            inner.y,
            "no messages yet",
            inner.width,
            theme.dim(),
        );
        return;
    }
    let text_width = usize::from(inner.width).saturating_sub(LEAD).max(1);
    // Fill the box from the bottom up, newest shown message last.
    let mut y = inner.bottom();
    let shown = messages.iter().rev().skip(back);
    for message in shown {
        let rows = wrap(&entry_text(message), text_width);
        for (i, row) in rows.iter().enumerate().rev() {
            if y == inner.y {
                return;
            }
            y -= 1;
            let style = if message.error {
                theme.error()
            } else {
                Style::default()
            };
            if i == 0 {
                let lead = format!(
                    "{} {} ",
                    clock(message),
                    if message.error { "!" } else { " " }
                );
                text::put(buf, inner.x, y, &lead, inner.width, theme.dim());
            }
            let x = inner.x + LEAD as u16;
            if x < inner.right() {
                text::put(buf, x, y, row, inner.right() - x, style);
            }
        }
    }
}

/// The message as one line, made safe to draw, with its repeat count.
fn entry_text(message: &LoggedMessage) -> String {
    let text = sanitize_line(&message.text);
    match message.times {
        1 => text,
        n => format!("{text} (×{n})"),
    }
}

/// The time of day the message was said, UTC ("12:04:31").
fn clock(message: &LoggedMessage) -> String {
    let stamp = humantime::format_rfc3339_seconds(message.at).to_string();
    stamp.get(11..19).unwrap_or("--:--:--").to_string()
}

/// `text` in rows of at most `width` columns, broken at spaces where it can be and
/// inside a word (between graphemes) where a word is wider than a row.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    for word in text.split_word_bounds() {
        let row = rows.last_mut().expect("rows start with one");
        let used = text::width(row);
        if used + text::width(word) <= width {
            row.push_str(word);
            continue;
        }
        if word.trim().is_empty() {
            rows.push(String::new());
            continue;
        }
        if text::width(word) <= width {
            rows.push(word.to_string());
            continue;
        }
        for g in word.graphemes(true) {
            let row = rows.last_mut().expect("rows start with one");
            if text::width(row) + text::width(g) > width && !row.is_empty() {
                rows.push(String::new());
            }
            rows.last_mut().expect("rows start with one").push_str(g);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_inside_words_too_wide_for_a_row() {
        assert_eq!(
            wrap("imported three files", 10),
            ["imported ", "three ", "files"]
        );
        assert_eq!(wrap("東京大学東京大学", 6), ["東京大", "学東京", "大学"]);
        assert_eq!(wrap("Нартай Дутбаев", 40), ["Нартай Дутбаев"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
