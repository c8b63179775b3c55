//! The claims table over the whole screen: a title line, the headings (the sorted
//! column marked ▲ or ▼), one line per claim, the highlighted one reversed. Columns
//! share the width by what they hold; on a narrow screen the note, then the cited
//! publications, the credibility and the stance give way, so that the claim and its
//! sources always show.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use crate::app::claims_table::{self, ClaimsTable, Column, TableRow};
use crate::app::state::App;

use super::text;
use super::theme::Theme;

/// The narrowest each column is drawn; for the stance and the credibility, whose
/// values are short, also the widest.
fn min_width(column: Column) -> usize {
    match column {
        Column::Claim => 12,
        Column::Stance => 8,
        Column::Credibility => 6,
        Column::Sources => 10,
        Column::Cited => 8,
        Column::Note => 6,
    }
}

/// How many columns of extra width a column gets per round when the width is shared
/// out.
fn share(column: Column) -> usize {
    match column {
        Column::Claim => 3,
        Column::Sources => 2,
        Column::Stance | Column::Credibility => 0,
        Column::Cited | Column::Note => 1,
    }
}

/// The width the claim needs to be worth reading: other columns give way until it has
/// this much.
const CLAIM_READABLE: usize = 16;

/// The columns that give way first on a narrow screen.
const DROPPED_FIRST: [Column; 4] = [
    Column::Note,
    Column::Cited,
    Column::Credibility,
    Column::Stance,
];

/// Draws the claims table in `area` (everything above the status line).
pub(super) fn draw(buf: &mut Buffer, area: Rect, app: &App, table: &ClaimsTable, theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    let rows = claims_table::rows(app, table);
    let arrow = if table.descending { "▼" } else { "▲" };
    let title = format!(
        " Claims · {} · sorted by {} {arrow}",
        rows.len(),
        table.sort.title()
    );
    text::fill(
        buf,
        Rect { height: 1, ..area },
        theme.title().add_modifier(Modifier::REVERSED),
    );
    let after = text::put(
        buf,
        area.x,
        area.y,
        &title,
        area.width,
        theme.title().add_modifier(Modifier::REVERSED),
    );
    let position = format!("{}/{} ", (table.selected + 1).min(rows.len()), rows.len());
    let position_width = text::width(&position) as u16;
    if area.right() > after + position_width {
        text::put(
            buf,
            area.right() - position_width,
            area.y,
            &position,
            position_width,
            theme.title().add_modifier(Modifier::REVERSED),
        );
    }
    if area.height < 2 {
        return;
    }
    let columns = layout(usize::from(area.width), &rows);
    let heading = |c: Column| {
        if c == table.sort {
            format!("{} {arrow}", c.title())
        } else {
            c.title().to_string()
        }
    };
    let bold = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    put_row(buf, area, area.y + 1, &columns, heading, bold, theme);
    let body = Rect {
        y: area.y + 2,
        height: area.height - 2,
        ..area
    };
    if rows.is_empty() {
        text::put(
            buf,
            body.x + 1,
            body.y,
            "no claims",
            body.width,
            theme.dim(),
        );
        return;
    }
    let shown = usize::from(body.height);
    let first = first_shown(table, shown);
    for (i, row) in rows.iter().enumerate().skip(first).take(shown) {
        let y = body.y + (i - first) as u16;
        let style = if i == table.selected {
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
        put_row(buf, area, y, &columns, |c| cell(row, c), style, theme);
    }
}

/// The first row shown: the table's scroll, moved so that the highlighted row shows in
/// `shown` lines.
fn first_shown(table: &ClaimsTable, shown: usize) -> usize {
    if table.selected < table.scroll {
        table.selected
    } else if table.selected >= table.scroll + shown {
        table.selected + 1 - shown
    } else {
        table.scroll
    }
}

/// The text of `row` in `column`.
fn cell(row: &TableRow, column: Column) -> String {
    let at = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
    row.cells[at].clone()
}

/// Writes one line of the table: each column's text cut to its width, separated by a
/// dim bar.
fn put_row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    columns: &[(Column, usize)],
    text_of: impl Fn(Column) -> String,
    style: Style,
    theme: &Theme,
) {
    let mut x = area.x;
    for (i, (column, width)) in columns.iter().enumerate() {
        if i > 0 {
            text::put(buf, x, y, "│", 1, theme.dim().patch(style));
            x = x.saturating_add(1);
        }
        let width = u16::try_from(*width).unwrap_or(u16::MAX);
        text::put(buf, x, y, &text_of(*column), width, style);
        x = x.saturating_add(width);
    }
}

/// Which columns show and how wide, for a screen `width` columns wide: each at least
/// its narrowest (dropping the columns that give way first until they fit), then the
/// rest shared out up to what each column holds, what remains going to the claim.
/// Columns give way until the claim can have [`CLAIM_READABLE`] columns.
fn layout(width: usize, rows: &[TableRow]) -> Vec<(Column, usize)> {
    let mut columns: Vec<Column> = Column::ALL.to_vec();
    let needed = |columns: &[Column]| -> usize {
        columns.iter().map(|c| min_width(*c)).sum::<usize>() + columns.len().saturating_sub(1)
    };
    let readable = CLAIM_READABLE - min_width(Column::Claim);
    for dropped in DROPPED_FIRST {
        if needed(&columns) + readable <= width {
            break;
        }
        columns.retain(|c| *c != dropped);
    }
    let wanted = |c: Column| {
        rows.iter()
            .map(|r| text::width(&cell(r, c)))
            .chain([text::width(c.title()) + 2])
            .max()
            .unwrap_or(0)
            .max(min_width(c))
    };
    let mut sized: Vec<(Column, usize)> = columns
        .iter()
        .map(|c| (*c, min_width(*c).min(width)))
        .collect();
    let mut spare = width.saturating_sub(needed(&columns));
    while spare > 0 {
        let mut grew = false;
        for (column, size) in sized.iter_mut() {
            for _ in 0..share(*column) {
                if spare > 0 && *size < wanted(*column) {
                    *size += 1;
                    spare -= 1;
                    grew = true;
                }
            }
        }
        if !grew {
            break;
        }
    }
    if let Some((_, size)) = sized.iter_mut().find(|(c, _)| *c == Column::Claim) {
        *size += spare;
    }
    sized
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: [&str; 6]) -> TableRow {
        TableRow {
            id: "a1".into(),
            at: Some(0),
            cells: cells.map(String::from),
        }
    }

    #[test]
    fn narrow_screens_keep_the_claim_and_its_sources() {
        let rows = vec![row([
            "at least four of the killed were Kazakh citizens",
            "asserted",
            "3",
            "Shaukat Sultan [B]",
            "Ekspress-K",
            "sketchy",
        ])];
        let narrow: Vec<Column> = layout(40, &rows).into_iter().map(|(c, _)| c).collect();
        assert!(narrow.contains(&Column::Claim) && narrow.contains(&Column::Sources));
        assert!(!narrow.contains(&Column::Note));
        for width in [30, 40, 80, 250] {
            let total: usize = layout(width, &rows)
                .iter()
                .map(|(_, w)| w + 1)
                .sum::<usize>()
                - 1;
            assert!(total <= width, "{total} columns drawn on {width}");
        }
        assert_eq!(layout(250, &rows).len(), 6);
    }
}
