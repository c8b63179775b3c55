//! The side panel: the tab bar with counts, the list of the tab's rows (scrolled so the
//! selected row shows) and, below, the details of the annotation under the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::BorderType;

use crate::app::adjudication;
use crate::app::command::Command;
use crate::app::display_text::{safe_line, sanitize_line};
use crate::app::keymap::Context;
use crate::app::panel::{self, PanelRow};
use crate::app::panel_lists::Counts;
use crate::app::review::ReviewOrder;
use crate::app::state::{App, Focus, Tab};
use crate::domain::model::Kind;

use super::border;
use super::details;
use super::text::{self, rect};
use super::theme::Theme;

/// Draws the panel in `app.screen.panel` (nothing when that is empty).
pub(super) fn draw(buf: &mut Buffer, app: &App, theme: &Theme) {
    let area = rect(app.screen.panel, buf);
    if area.is_empty() {
        return;
    }
    draw_tabs(buf, Rect { height: 1, ..area }, app, theme);
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    let details_height = details_height(body.height);
    let list = Rect {
        height: body.height - details_height,
        ..body
    };
    draw_list(buf, list, app, theme);
    let details = Rect {
        y: list.bottom(),
        height: details_height,
        ..body
    };
    details::draw(buf, details, app, theme);
}

/// Rows given to the details box out of the panel's `height` below the tabs.
fn details_height(height: u16) -> u16 {
    if height >= 16 {
        (height * 2 / 5).clamp(8, 14)
    } else if height >= 9 {
        height / 2
    } else {
        0
    }
}

/// The count shown beside a tab's title, out of `panel::counts`.
fn count(counts: &Counts, tab: Tab) -> usize {
    match tab {
        Tab::Entities => counts.entities,
        Tab::Claims => counts.claims,
        Tab::Sources => counts.sources,
        Tab::Review => counts.pending,
        Tab::Orphans => counts.orphans,
        Tab::Adjudication => counts.conflicts,
    }
}

fn short_title(tab: Tab) -> &'static str {
    match tab {
        Tab::Entities => "Ent",
        Tab::Claims => "Clm",
        Tab::Sources => "Src",
        Tab::Review => "Rev",
        Tab::Orphans => "Orph",
        Tab::Adjudication => "Adj",
    }
}

/// The tab bar: every tab with its count, the shown one in brackets; shorter titles, or
/// only the shown tab, when the panel is narrow.
fn draw_tabs(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let active = app.panel.tab;
    let counts = panel::counts(app);
    let active_style = theme.title().add_modifier(Modifier::REVERSED);
    let tabs = |title: fn(Tab) -> &'static str| -> Vec<(String, Style)> {
        app.tabs()
            .map(|tab| {
                let label = format!("{} {}", title(tab), count(&counts, tab));
                if tab == active {
                    (format!("[{label}]"), active_style)
                } else {
                    (format!(" {label} "), theme.dim())
                }
            })
            .collect()
    };
    let width =
        |spans: &[(String, Style)]| spans.iter().map(|(t, _)| text::width(t)).sum::<usize>();
    let mut spans = tabs(Tab::title);
    if width(&spans) > usize::from(area.width) {
        spans = tabs(short_title);
    }
    if width(&spans) > usize::from(area.width) {
        spans = vec![
            ("‹ ".to_string(), theme.dim()),
            (
                format!("[{} {}]", active.title(), count(&counts, active)),
                active_style,
            ),
            (" ›".to_string(), theme.dim()),
        ];
    }
    text::put_spans(buf, area.x, area.y, area.width, &spans);
}

/// The list box: a title (tab, review progress and order, filter), the visible rows.
fn draw_list(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Panel;
    let (border_type, border_style) = if focused {
        (BorderType::Thick, theme.focused_border())
    } else {
        (BorderType::Plain, theme.dim())
    };
    border::draw(buf, area, border_type, border_style);
    let tab = app.panel.tab;
    let list = panel::list(app, tab);
    if area.width >= 5 {
        let title = format!(" {} ", list_title(app, list.len(), list.total()));
        let style = if focused {
            theme.title()
        } else {
            Style::default()
        };
        text::put(buf, area.x + 2, area.y, &title, area.width - 4, style);
    }
    let inner = text::rect_inside(area);
    if inner.is_empty() {
        return;
    }
    if list.is_empty() {
        text::put(
            buf,
            inner.x + 1,
            inner.y,
            &empty_text(app),
            inner.width.saturating_sub(1),
            theme.dim(),
        );
        return;
    }
    let height = usize::from(inner.height);
    let len = list.len();
    let selected = app.panel.selected.min(len - 1);
    let first = first_shown(app.panel.scroll, selected, height, len);
    let rows = panel::window(app, tab, &list, first, height);
    for (i, row) in (first..).zip(&rows) {
        let y = inner.y + (i - first) as u16;
        let line = Rect {
            y,
            height: 1,
            ..inner
        };
        draw_row(buf, line, row, i == selected, focused, app, theme);
    }
    if len > height && inner.width > 12 && area.height > 1 {
        let position = format!(" {}/{} ", selected + 1, len);
        let width = text::width(&position) as u16;
        text::put(
            buf,
            area.right().saturating_sub(width + 2),
            area.bottom() - 1,
            &position,
            width,
            theme.dim(),
        );
    }
}

/// The first row shown: the app's scroll, moved as little as needed to show the
/// selected row, and not past the point where the list's end leaves rows empty.
fn first_shown(scroll: usize, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut first = scroll.min(selected);
    if selected >= first + height {
        first = selected + 1 - height;
    }
    first.min(len.saturating_sub(height))
}

/// The list box's title: the tab, its filter with how many rows match it, then the
/// review's progress and order (or that it lists the rejected suggestions).
fn list_title(app: &App, matching: usize, total: usize) -> String {
    let tab = app.panel.tab;
    let mut title = tab.title().to_string();
    let filter = app.panel.filter(tab);
    if !filter.is_empty() {
        title = format!(
            "{title} · filter: {} ({matching} of {total})",
            sanitize_line(filter)
        );
    }
    if tab == Tab::Review && app.show_rejected {
        let back = app
            .keymap
            .hint_key(Context::Panel, &Command::ToggleRejected)
            .map(|key| format!(" · {key} lists the queue again"))
            .unwrap_or_default();
        title = format!("{title} · rejected suggestions{back}");
    } else if tab == Tab::Review {
        let order = match app.review.order {
            ReviewOrder::Reading => "reading order",
            ReviewOrder::Score => "by score",
        };
        title = format!("{title} · {} · {order}", panel::review_progress(app));
    } else if tab == Tab::Adjudication {
        title = format!("{title} · {}", adjudication::progress(app));
    }
    title
}

fn empty_text(app: &App) -> String {
    if app.loading() {
        // Not "no claims yet": the sidecar has not been read.
        return "loading annotations…".to_string();
    }
    if !app.panel.filter(app.panel.tab).is_empty() {
        return "nothing matches the filter".to_string();
    }
    if app.panel.tab == Tab::Review && app.show_rejected {
        return "no rejected suggestions".to_string();
    }
    match app.panel.tab {
        Tab::Entities => "no entities yet",
        Tab::Claims => "no claims yet",
        Tab::Sources => "no sources yet",
        Tab::Review => "no pending suggestions",
        Tab::Orphans => "no orphans: every annotation is placed",
        Tab::Adjudication => "every disagreement is settled",
    }
    .to_string()
}

/// One row: a pointer (`›` selected, `»` under review), the kind letter in the label's
/// colour, the text and, dimmer, the detail (right-aligned when both fit).
fn draw_row(
    buf: &mut Buffer,
    line: Rect,
    row: &PanelRow,
    selected: bool,
    focused: bool,
    app: &App,
    theme: &Theme,
) {
    if selected && focused {
        text::fill(buf, line, theme.selected_row());
    }
    let pointer = if selected {
        "›"
    } else if row.current {
        "»"
    } else {
        " "
    };
    text::put(
        buf,
        line.x,
        line.y,
        pointer,
        1,
        Style::default().add_modifier(Modifier::BOLD),
    );
    if let Some((kind, label)) = &row.label {
        let letter = match kind {
            Kind::Entity => "E",
            Kind::Claim => "C",
            Kind::Source => "S",
        };
        let color = theme.label(&app.schema, *kind, label);
        let style = theme.fg(Style::default().add_modifier(Modifier::BOLD), color);
        text::put(buf, line.x + 1, line.y, letter, 1, style);
    }
    if line.width <= 3 {
        return;
    }
    let room = usize::from(line.width - 3);
    let text_style = if row.current {
        Style::default().add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    };
    // The rows are meant to arrive sanitized; sanitizing again costs little and keeps a
    // label or id from a hostile sidecar off the terminal if one slips through.
    let row_text = safe_line(&row.text);
    let row_detail = safe_line(&row.detail);
    let text_width = text::width(&row_text);
    let detail_width = text::width(&row_detail);
    let x = line.x + 3;
    if text_width + 2 + detail_width <= room {
        text::put(buf, x, line.y, &row_text, room as u16, text_style);
        let dx = (room - detail_width) as u16;
        text::put(
            buf,
            x + dx,
            line.y,
            &row_detail,
            detail_width as u16,
            theme.dim(),
        );
        return;
    }
    let detail_least = detail_width.min(room / 3);
    let text_room = text_width.min(room.saturating_sub(detail_least + 1));
    text::put(buf, x, line.y, &row_text, text_room as u16, text_style);
    let detail_room = room.saturating_sub(text_room + 1);
    if detail_room > 0 {
        let dx = (text_room + 1) as u16;
        text::put(
            buf,
            x + dx,
            line.y,
            &row_detail,
            detail_room as u16,
            theme.dim(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_row_is_always_in_view() {
        assert_eq!(first_shown(0, 0, 10, 100), 0);
        assert_eq!(first_shown(0, 9, 10, 100), 0);
        assert_eq!(first_shown(0, 10, 10, 100), 1);
        assert_eq!(first_shown(50, 20, 10, 100), 20);
        assert_eq!(first_shown(5, 7, 10, 100), 5);
        assert_eq!(first_shown(95, 99, 10, 100), 90);
        assert_eq!(first_shown(3, 3, 10, 5), 0);
        assert_eq!(first_shown(0, 0, 0, 5), 0);
    }
}
