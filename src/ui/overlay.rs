//! Prompts drawn over the screen: the picker, the note editor (centred boxes that clear
//! what is under them) and the search and filter prompts (on the status line).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{BorderType, Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::app::display_text::{display_grapheme, sanitize_line};
use crate::app::keymap::Context;
use crate::app::panel::name_of;
use crate::app::picker::Picker;
use crate::app::state::App;
use crate::app::text_input::TextInput;

use super::border;
use super::status;
use super::text::{self, centered, rect, rect_inside};
use super::theme::Theme;

/// One drawn glyph of typed text: what to draw, its columns, the byte range it stands
/// for.
struct Glyph {
    text: String,
    width: u16,
    start: usize,
    end: usize,
}

/// The glyphs of `s` (from byte `base` of the input), each made safe to draw.
fn glyphs(s: &str, base: usize) -> Vec<Glyph> {
    s.grapheme_indices(true)
        .map(|(i, g)| {
            let glyph = display_grapheme(g);
            Glyph {
                text: glyph.text.into_owned(),
                width: glyph.width.max(1),
                start: base + i,
                end: base + i + g.len(),
            }
        })
        .collect()
}

/// Whether the cursor byte `cursor` sits on `g`.
fn holds(g: &Glyph, cursor: usize) -> bool {
    g.start <= cursor && cursor < g.end
}

/// A framed, cleared box of at most `width`×`height` centred in `area`, with `title`;
/// returns its inside.
fn boxed(
    buf: &mut Buffer,
    area: Rect,
    width: u16,
    height: u16,
    title: &str,
    theme: &Theme,
) -> Rect {
    let width = width
        .min(area.width.saturating_sub(4))
        .max(area.width.min(20));
    let outer = centered(area, width, height);
    if outer.is_empty() {
        return outer;
    }
    Clear.render(outer, buf);
    border::draw(buf, outer, BorderType::Plain, theme.focused_border());
    if outer.width >= 5 {
        text::put(
            buf,
            outer.x + 2,
            outer.y,
            &format!(" {title} "),
            outer.width - 4,
            theme.title(),
        );
    }
    rect_inside(outer)
}

/// Draws a picker: its title, the query, the visible items with their keys and detail,
/// the highlighted one reversed.
pub(super) fn draw_picker<T: Clone>(
    buf: &mut Buffer,
    area: Rect,
    picker: &Picker<T>,
    theme: &Theme,
) {
    let count = picker.visible_count();
    let height = (count as u16)
        .saturating_add(4)
        .max(5)
        .min(area.height.saturating_sub(2));
    let inner = boxed(buf, area, 72, height, &sanitize_line(&picker.title), theme);
    if inner.is_empty() {
        return;
    }
    let after = text::put(buf, inner.x, inner.y, "> ", inner.width, Style::default());
    let counter = format!("{}/{}", count.min(picker.selected + 1), count);
    let counter_width = text::width(&counter) as u16;
    let query_width = text::width(picker.query()) as u16 + 1;
    let mut query_end = inner.right();
    if inner.width > counter_width + query_width + 4 {
        query_end = inner.right() - counter_width - 1;
        text::put(
            buf,
            inner.right() - counter_width,
            inner.y,
            &counter,
            counter_width,
            theme.dim(),
        );
    }
    put_input(buf, after, inner.y, query_end, picker.query_input(), theme);
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if list.is_empty() {
        return;
    }
    if count == 0 {
        text::put(
            buf,
            list.x + 2,
            list.y,
            "nothing matches",
            list.width.saturating_sub(2),
            theme.dim(),
        );
        return;
    }
    let shown = usize::from(list.height);
    let first = (picker.selected + 1).saturating_sub(shown);
    for (i, item) in picker.visible().enumerate().skip(first).take(shown) {
        let y = list.y + (i - first) as u16;
        let selected = i == picker.selected;
        if selected {
            text::fill(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..list
                },
                theme.selected_row(),
            );
        }
        let key = item
            .key
            .map(|k| format!("[{}] ", sanitize_line(&k.to_string())))
            .unwrap_or_default();
        let label = sanitize_line(&item.label);
        let detail = sanitize_line(&item.detail);
        let pointer = if selected { "› " } else { "  " };
        let spans = vec![
            (
                pointer.to_string(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            (key, Style::default().add_modifier(Modifier::BOLD)),
            (label, Style::default()),
        ];
        let after = text::put_spans(buf, list.x, y, list.width, &spans);
        let detail_width = text::width(&detail) as u16;
        let room = list.right().saturating_sub(after + 2);
        if room > 0 && !detail.is_empty() {
            let x = if detail_width <= room {
                list.right() - detail_width
            } else {
                after + 2
            };
            text::put(buf, x, y, &detail, room, theme.dim());
        }
    }
}

/// A reversed one-column cursor at (`x`, `y`) when it is left of `right`.
fn put_cursor(buf: &mut Buffer, x: u16, y: u16, right: u16, theme: &Theme) {
    if x < right {
        if let Some(c) = buf.cell_mut((x, y)) {
            c.set_symbol(" ").set_style(theme.cursor(Style::default()));
        }
    }
}

/// Draws the note editor for annotation `target`: the text wrapped to the box with a
/// visible cursor, and the keys that end it.
pub(super) fn draw_note(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    input: &TextInput,
    target: &str,
    theme: &Theme,
) {
    let title = format!(
        "Note on {} «{}»",
        sanitize_line(target),
        sanitize_line(&name_of(app, target))
    );
    let height = area.height.saturating_sub(2).clamp(area.height.min(5), 16);
    let inner = boxed(buf, area, 72, height, &title, theme);
    if inner.is_empty() {
        return;
    }
    let text_height = inner.height.saturating_sub(1).max(1);
    let (rows, (cursor_row, cursor_col)) = wrap_note(input, inner.width);
    let first = (cursor_row + 1).saturating_sub(usize::from(text_height));
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(text_height))
    {
        let y = inner.y + (i - first) as u16;
        let mut x = inner.x;
        for g in row {
            let style = if i == cursor_row && holds(g, input.cursor()) {
                theme.cursor(Style::default())
            } else {
                Style::default()
            };
            text::put(buf, x, y, &g.text, g.width, style);
            x += g.width;
        }
        if i == cursor_row && !row.iter().any(|g| holds(g, input.cursor())) {
            put_cursor(buf, inner.x + cursor_col, y, inner.right(), theme);
        }
    }
    if inner.height > 1 {
        text::put(
            buf,
            inner.x,
            inner.bottom() - 1,
            &status::hint_line(&status::prompt_hints(app, Context::Note)),
            inner.width,
            theme.dim(),
        );
    }
}

/// The note's glyphs in rows of at most `width` columns (a new row at each line break),
/// and the cursor's (row, column).
fn wrap_note(input: &TextInput, width: u16) -> (Vec<Vec<Glyph>>, (usize, u16)) {
    let width = width.max(1);
    let cursor = input.cursor();
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut at = (0, 0);
    let mut start = 0;
    for line in input.text().split('\n') {
        let mut row = Vec::new();
        let mut column: u16 = 0;
        for g in glyphs(line, start) {
            if column + g.width > width && column > 0 {
                rows.push(std::mem::take(&mut row));
                column = 0;
            }
            if holds(&g, cursor) {
                at = (rows.len(), column);
            }
            column += g.width;
            row.push(g);
        }
        if cursor == start + line.len() {
            if column >= width {
                rows.push(std::mem::take(&mut row));
                column = 0;
            }
            at = (rows.len(), column);
        }
        rows.push(row);
        start += line.len() + 1;
    }
    (rows, at)
}

/// Draws a one-line prompt (`/pattern` or `filter: text`) over the status line, the
/// text scrolled so the cursor shows, and the prompt's keys at the right while the text
/// leaves room for them.
pub(super) fn draw_prompt(
    buf: &mut Buffer,
    app: &App,
    prefix: &str,
    input: &TextInput,
    context: Context,
    theme: &Theme,
) {
    let area = rect(app.screen.status, buf);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let after_prefix = text::put(buf, area.x, area.y, prefix, area.width, theme.title());
    let hints = status::hint_line(&status::prompt_hints(app, context));
    let hints_width = text::width(&hints) as u16;
    let typed = text::width(input.text()) as u16 + 1;
    let mut right = area.right();
    if !hints.is_empty() && after_prefix + typed + 4 + hints_width <= area.right() {
        right = area.right() - hints_width - 1;
        text::put(buf, right + 1, area.y, &hints, hints_width, theme.dim());
    }
    put_input(buf, after_prefix, area.y, right, input, theme);
}

/// Draws one line of typed text from (`x`, `y`) up to column `right`, scrolled so that
/// the cursor shows, the cursor reversed.
fn put_input(buf: &mut Buffer, x: u16, y: u16, right: u16, input: &TextInput, theme: &Theme) {
    if x >= right {
        return;
    }
    let room = right - x - 1;
    let all = glyphs(input.text(), 0);
    let cursor = input.cursor();
    let upto: u16 = all
        .iter()
        .take_while(|g| g.end <= cursor)
        .map(|g| g.width)
        .sum();
    let mut skip: u16 = upto.saturating_sub(room);
    let mut at = x;
    let mut cursor_drawn = false;
    for g in &all {
        if skip > 0 {
            skip = skip.saturating_sub(g.width);
            continue;
        }
        if at + g.width > right {
            break;
        }
        let style = if holds(g, cursor) {
            cursor_drawn = true;
            theme.cursor(Style::default())
        } else {
            Style::default()
        };
        text::put(buf, at, y, &g.text, g.width, style);
        at += g.width;
    }
    if !cursor_drawn {
        put_cursor(buf, at, y, right, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_wraps_and_finds_its_cursor() {
        let input = TextInput::multiline("abcdef\nxy");
        let (rows, at) = wrap_note(&input, 4);
        let shown: Vec<String> = rows
            .iter()
            .map(|r| r.iter().map(|g| g.text.as_str()).collect())
            .collect();
        assert_eq!(shown, ["abcd", "ef", "xy"]);
        assert_eq!(at, (2, 2));
        let full = TextInput::multiline("abcd");
        let (rows, at) = wrap_note(&full, 4);
        assert_eq!(rows.len(), 2);
        assert_eq!(at, (1, 0));
    }

    #[test]
    fn control_characters_in_a_note_are_drawn_as_marks() {
        let input = TextInput::multiline("a\u{1b}[2Jb");
        let (rows, _) = wrap_note(&input, 40);
        let shown: String = rows[0].iter().map(|g| g.text.as_str()).collect();
        assert_eq!(shown, "a␛[2Jb");
    }
}
