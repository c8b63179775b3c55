//! The registry screen over the whole screen: a title line, the headings, one line per
//! live entry (the highlighted one reversed, the one marked for a merge starred); Enter
//! replaces the list by the articles mentioning the highlighted entry. The aliases being
//! edited show on the status line, as the search does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use crate::app::keymap::Context;
use crate::app::registry_screen::{self, Asking, RegistryRow, RegistryScreen};
use crate::app::state::App;

use super::overlay;
use super::text;
use super::theme::Theme;

/// The headings, and the width of the columns that have one (0: shares the rest).
const COLUMNS: [(&str, usize); 8] = [
    ("id", 6),
    ("name", 0),
    ("kind", 7),
    ("label", 12),
    ("grade", 6),
    ("aliases", 0),
    ("articles", 9),
    ("mentions", 9),
];

/// Draws the screen in `area` (everything above the status line).
pub(super) fn draw(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    screen: &RegistryScreen,
    theme: &Theme,
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let rows = registry_screen::rows(app);
    let title_style = theme.title().add_modifier(Modifier::REVERSED);
    text::fill(buf, Rect { height: 1, ..area }, title_style);
    let counted = if app.registry_mentions.is_some() {
        ""
    } else {
        " · counting mentions…"
    };
    let title = format!(" Registry · {} entries{counted}", rows.len());
    text::put(buf, area.x, area.y, &title, area.width, title_style);
    if let Some(Asking::Aliases { entry, input }) = &screen.asking {
        let prefix = format!("aliases of {entry}: ");
        overlay::draw_prompt(buf, app, &prefix, input, Context::Filter, theme);
    }
    if area.height < 3 {
        return;
    }
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    match &screen.mentions_of {
        Some(id) => draw_mentions(buf, body, app, id, theme),
        None => draw_entries(buf, body, &rows, screen, theme),
    }
}

/// The entries: headings, then one line each.
fn draw_entries(
    buf: &mut Buffer,
    body: Rect,
    rows: &[RegistryRow],
    screen: &RegistryScreen,
    theme: &Theme,
) {
    let widths = widths(usize::from(body.width));
    let bold = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let headings = COLUMNS.map(|(heading, _)| heading.to_string());
    put_row(buf, body, body.y, &widths, &headings, bold, theme);
    if rows.is_empty() {
        let empty = "no entries (scholia registry merge, extract --from-registry)";
        text::put(buf, body.x + 1, body.y + 1, empty, body.width, theme.dim());
        return;
    }
    let shown = usize::from(body.height - 1);
    let first = if screen.selected >= screen.scroll + shown {
        screen.selected + 1 - shown
    } else {
        screen.scroll.min(screen.selected)
    };
    for (i, row) in rows.iter().enumerate().skip(first).take(shown) {
        let y = body.y + 1 + (i - first) as u16;
        let style = if i == screen.selected {
            text::fill(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..body
                },
                theme.selected_row(),
            );
            theme.selected_row()
        } else {
            Style::default()
        };
        let marked = screen.marked.as_deref() == Some(row.id.as_str());
        let (articles, mentions) = match row.mentions {
            Some((articles, mentions)) => (articles.to_string(), mentions.to_string()),
            None => ("…".to_string(), "…".to_string()),
        };
        let cells = [
            if marked {
                format!("*{}", row.id)
            } else {
                row.id.clone()
            },
            row.name.clone(),
            row.kind.clone(),
            row.label.clone(),
            row.grade.clone(),
            row.aliases.clone(),
            articles,
            mentions,
        ];
        put_row(buf, body, y, &widths, &cells, style, theme);
    }
}

/// The articles mentioning entry `id`, with their counts.
fn draw_mentions(buf: &mut Buffer, body: Rect, app: &App, id: &str, theme: &Theme) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let Some(found) = registry_screen::mentions_of(app, id) else {
        text::put(
            buf,
            body.x + 1,
            body.y,
            "counting mentions…",
            body.width,
            theme.dim(),
        );
        return;
    };
    let total: usize = found.iter().map(|(_, count)| count).sum();
    let heading = format!(
        " {id}: {total} mentions in {} articles (enter or esc: back to the entries)",
        found.len()
    );
    text::put(buf, body.x, body.y, &heading, body.width, bold);
    for (i, (path, count)) in found.iter().enumerate().take(usize::from(body.height - 1)) {
        let line = format!("{count:>8}  {path}");
        text::put(
            buf,
            body.x,
            body.y + 1 + i as u16,
            &line,
            body.width,
            Style::default(),
        );
    }
}

/// The width of each column on a screen `width` wide: the fixed ones as given, the name
/// and the aliases sharing the rest three to two.
fn widths(width: usize) -> [usize; 8] {
    let fixed: usize = COLUMNS.iter().map(|(_, w)| w).sum::<usize>() + COLUMNS.len() - 1;
    let rest = width.saturating_sub(fixed);
    let name = (rest * 3 / 5).max(8);
    let aliases = rest.saturating_sub(name).max(4);
    COLUMNS.map(|(heading, w)| match heading {
        "name" => name,
        "aliases" => aliases,
        _ => w,
    })
}

/// Writes one line: each cell cut to its column's width, separated by a dim bar.
fn put_row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    widths: &[usize; 8],
    cells: &[String; 8],
    style: Style,
    theme: &Theme,
) {
    let mut x = area.x;
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if x >= area.right() {
            break;
        }
        if i > 0 {
            text::put(buf, x, y, "│", 1, theme.dim().patch(style));
            x = x.saturating_add(1);
        }
        let width = u16::try_from(*width)
            .unwrap_or(u16::MAX)
            .min(area.right().saturating_sub(x));
        text::put(buf, x, y, cell, width, style);
        x = x.saturating_add(width);
    }
}
