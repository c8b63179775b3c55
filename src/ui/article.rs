//! The article pane: its frame, the gutter of annotation markers and the visible rows.
//!
//! Only the rows on screen are laid out, once per view (`motion::visible_rows`: the
//! frame after a key draws the rows its cursor check laid out), and the store is asked
//! once for the annotations touching them. Each cell is styled by the annotations that
//! cover it (see [`Theme`] for the markers), then by the matches of the last search
//! (found once per search, looked up here for the rows on screen), the selection and the
//! cursor.

use std::cmp::Reverse;
use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::app::display_text::{sanitize_line, GlyphKind};
use crate::app::layout::{Cell, Row};
use crate::app::motion;
use crate::app::state::{App, Focus};
use crate::domain::model::{Kind, Span, Status};

use super::border;
use super::notice;
use super::text::{self, rect};
use super::theme::Theme;

/// An annotation shown in the visible rows.
struct Mark {
    kind: Kind,
    status: Status,
    color: Option<Color>,
    extent: Span,
    current: bool,
    /// A version of a disagreement not yet settled.
    disputed: bool,
}

/// The annotations shown in the visible rows and their spans, by start.
struct Marks {
    marks: Vec<Mark>,
    /// (start, end, index into `marks`), sorted by start.
    spans: Vec<(usize, usize, usize)>,
}

impl Marks {
    /// Queries the store once for `start..end`: rejected suggestions only when asked
    /// for, orphans never (their positions are stale).
    fn collect(app: &App, start: usize, end: usize, theme: &Theme) -> Marks {
        let mut marks = Vec::new();
        let mut spans = Vec::new();
        let current = app.review.current.as_deref();
        for a in app.store.intersecting(start, end.max(start + 1)) {
            let shown = match a.status {
                Status::Accepted | Status::Pending => true,
                Status::Rejected => app.show_rejected,
                Status::Orphaned => false,
            };
            if !shown {
                continue;
            }
            let index = marks.len();
            spans.extend(
                a.spans
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.start, s.end, index)),
            );
            marks.push(Mark {
                kind: a.kind,
                status: a.status,
                color: theme.label(&app.schema, a.kind, &a.label),
                extent: a.extent(),
                current: current == Some(a.id.as_str()),
                disputed: a.conflict.is_some(),
            });
        }
        spans.sort_unstable();
        Marks { marks, spans }
    }
}

/// Walks the spans along cells in reading order, keeping those that cover the cell.
struct Sweep<'a> {
    spans: &'a [(usize, usize, usize)],
    next: usize,
    /// (end, mark) of the spans begun and not yet ended.
    active: Vec<(usize, usize)>,
}

impl<'a> Sweep<'a> {
    fn new(spans: &'a [(usize, usize, usize)]) -> Self {
        Sweep {
            spans,
            next: 0,
            active: Vec::new(),
        }
    }

    /// The marks covering `start..end`; calls must come in increasing `start` order.
    fn covering(&mut self, start: usize, end: usize) -> &[(usize, usize)] {
        while let Some(&(s, e, m)) = self.spans.get(self.next) {
            if s >= end {
                break;
            }
            self.active.push((e, m));
            self.next += 1;
        }
        self.active.retain(|(e, _)| *e > start);
        &self.active
    }
}

/// Draws the article's frame, the read-only banner, the gutter and the visible rows.
pub(super) fn draw(buf: &mut Buffer, app: &App, theme: &Theme) {
    let frame = rect(app.screen.article_frame, buf);
    if frame.is_empty() {
        return;
    }
    draw_frame(buf, frame, app, theme);
    let area = rect(app.screen.article, buf);
    if area.is_empty() {
        return;
    }
    let rows = motion::visible_rows(app);
    // A buffer smaller than the screen laid out shows the first rows.
    let rows = &rows[..rows.len().min(usize::from(area.height))];
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let marks = Marks::collect(app, first.start, last.end, theme);
    let selection = app.selected_range();
    let matches = app
        .search
        .as_ref()
        .map_or(&[][..], |s| s.matches_between(first.start, last.end));
    let mut next_match = 0;
    let gutter = rect(app.screen.gutter, buf);
    let mut sweep = Sweep::new(&marks.spans);
    for (i, row) in rows.iter().enumerate() {
        let y = area.y + i as u16;
        if !gutter.is_empty() {
            draw_gutter(buf, gutter.x, y, row, &marks, theme);
        }
        let mut x = area.x;
        for cell in &row.cells {
            let mut style = cell_style(
                cell,
                sweep.covering(cell.byte, cell.byte + cell.len),
                &marks,
                theme,
            );
            while matches.get(next_match).is_some_and(|m| m.1 <= cell.byte) {
                next_match += 1;
            }
            if matches
                .get(next_match)
                .is_some_and(|m| m.0 < cell.byte + cell.len)
            {
                style = theme.search_match(style);
            }
            if selection.as_ref().is_some_and(|s| s.contains(&cell.byte)) {
                style = theme.selection(style);
            }
            if cell.byte <= app.cursor && app.cursor < cell.byte + cell.len {
                style = theme.cursor(style);
            }
            put_cell(buf, x, y, area.right(), cell, style);
            x = x.saturating_add(cell.width);
        }
        if row.last_of_line && app.cursor == row.end && x < area.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol(" ").set_style(theme.cursor(Style::default()));
            }
        }
    }
    let tilde_x = if gutter.is_empty() { area.x } else { gutter.x };
    for i in rows.len()..usize::from(area.height) {
        text::put(buf, tilde_x, area.y + i as u16, "~", 1, theme.dim());
    }
}

/// The frame with the file name on top, the read-only banner beside it and the
/// cursor's line at the bottom.
fn draw_frame(buf: &mut Buffer, frame: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Article;
    let (border_type, border_style) = if focused {
        (BorderType::Thick, theme.focused_border())
    } else {
        (BorderType::Plain, theme.dim())
    };
    border::draw(buf, frame, border_type, border_style);
    if frame.width < 5 {
        return;
    }
    let room = frame.width - 4;
    let name = format!(" {} ", sanitize_line(&app.doc.file_name()));
    // With a read-only banner beside it, the name gets a third of the edge (at least
    // 8 columns) and the banner the rest.
    let name_room = match &app.read_only {
        Some(_) => (room / 3).max(8).min(room),
        None => room,
    };
    let title_style = if focused {
        theme.title()
    } else {
        Style::default()
    };
    let after = text::put(buf, frame.x + 2, frame.y, &name, name_room, title_style);
    if let Some(reason) = &app.read_only {
        let end = frame.right() - 2;
        if after + 1 < end {
            notice::read_only_banner(buf, after + 1, frame.y, end - after - 1, reason, theme);
        }
    }
    let line = app.doc.line_of(app.cursor) + 1;
    // Of an article still being read, only the first piece's lines are counted yet.
    let position = if app.doc.is_first_piece() {
        format!(" line {line}/… ")
    } else {
        format!(" line {line}/{} ", app.doc.line_starts().len())
    };
    let width = text::width(&position) as u16;
    if frame.height > 1 && width + 4 <= frame.width {
        let x = frame.right() - 2 - width;
        text::put(buf, x, frame.bottom() - 1, &position, width, theme.dim());
    }
}

/// The style of one cell from the annotations covering it: the kind markers of them
/// all, the colour and status of the innermost one (on equal extents an entity before a
/// source before a claim), a reversed cell where two of one
/// kind overlap, the review's current suggestion and the versions of a disagreement.
fn cell_style(cell: &Cell, covering: &[(usize, usize)], marks: &Marks, theme: &Theme) -> Style {
    let mut style = Style::default();
    let covering = || covering.iter().map(|(_, m)| &marks.marks[*m]);
    if let Some(inner) =
        covering().min_by_key(|m| (m.extent.len(), precedence(m.kind), Reverse(m.extent.start)))
    {
        let mut per_kind = [0usize; 3];
        for m in covering() {
            style = style.add_modifier(theme.kind_modifier(m.kind));
            per_kind[kind_index(m.kind)] += 1;
        }
        style = theme.fg(style, inner.color);
        style = match inner.status {
            Status::Pending => theme.pending(style),
            Status::Rejected => theme.rejected(style),
            Status::Accepted | Status::Orphaned => style,
        };
        if per_kind.iter().any(|n| *n >= 2) {
            style = theme.overlap(style);
        }
        if covering().any(|m| m.current) {
            style = theme.review_current(style);
        }
        if covering().any(|m| m.disputed) {
            style = theme.disputed(style);
        }
    }
    if cell.kind == GlyphKind::Mark {
        style = theme.mark(style);
    }
    style
}

/// Which kind's colour shows when two annotations cover the same text.
fn precedence(kind: Kind) -> u8 {
    match kind {
        Kind::Entity => 0,
        Kind::Source => 1,
        Kind::Claim => 2,
    }
}

fn kind_index(kind: Kind) -> usize {
    match kind {
        Kind::Entity => 0,
        Kind::Claim => 1,
        Kind::Source => 2,
    }
}

/// Puts one laid-out cell at (`x`, `y`): a tab as spaces, a wide glyph in its first
/// column with the columns it covers emptied.
fn put_cell(buf: &mut Buffer, x: u16, y: u16, right: u16, cell: &Cell, style: Style) {
    if x >= right || x.saturating_add(cell.width) > right {
        return;
    }
    if cell.kind == GlyphKind::Tab {
        for dx in 0..cell.width {
            if let Some(c) = buf.cell_mut((x + dx, y)) {
                c.set_symbol(" ").set_style(style);
            }
        }
        return;
    }
    let Some(c) = buf.cell_mut((x, y)) else {
        return;
    };
    c.set_symbol(&cell.text).set_style(style);
    // A one-byte cell one column wide is a printable ASCII character: its width is
    // the terminal's too.
    let ascii = cell.text.len() == 1 && cell.width == 1;
    if !ascii && text::width(&cell.text) != usize::from(cell.width) {
        if let Some(forced) = NonZeroU16::new(cell.width) {
            c.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
    }
    for dx in 1..cell.width {
        if let Some(c) = buf.cell_mut((x + dx, y)) {
            c.reset();
        }
    }
}

/// The gutter of one row: the kind letter of the first annotation starting on it (the
/// longest of those starting first; on a tie a claim, then a source, then an entity),
/// (`E`/`C`/`S`, lower case while pending), `+` when more start there, and `│` on rows
/// inside an annotation that started above.
fn draw_gutter(buf: &mut Buffer, x: u16, y: u16, row: &Row, marks: &Marks, theme: &Theme) {
    let mut starting: Vec<&Mark> = marks
        .marks
        .iter()
        .filter(|m| m.extent.start >= row.start && m.extent.start < row.end.max(row.start + 1))
        .collect();
    starting.sort_by_key(|m| {
        let rank = match m.kind {
            Kind::Claim => 0,
            Kind::Source => 1,
            Kind::Entity => 2,
        };
        (m.extent.start, Reverse(m.extent.len()), rank)
    });
    let Some(first) = starting.first() else {
        let inside = marks
            .marks
            .iter()
            .filter(|m| m.extent.start < row.start && m.extent.end > row.start)
            .min_by_key(|m| m.extent.len());
        if let Some(m) = inside {
            text::put(buf, x, y, "│", 1, theme.fg(theme.dim(), m.color));
        }
        return;
    };
    let letter = match (first.kind, first.status) {
        (Kind::Entity, Status::Pending) => "e",
        (Kind::Claim, Status::Pending) => "c",
        (Kind::Source, Status::Pending) => "s",
        (Kind::Entity, _) => "E",
        (Kind::Claim, _) => "C",
        (Kind::Source, _) => "S",
    };
    let mut style = theme.fg(Style::default().add_modifier(Modifier::BOLD), first.color);
    style = match first.status {
        Status::Pending => theme.pending(style),
        Status::Rejected => theme.rejected(style),
        Status::Accepted | Status::Orphaned => style,
    };
    text::put(buf, x, y, letter, 1, style);
    if starting.len() > 1 {
        text::put(buf, x + 1, y, "+", 1, theme.dim());
    }
}
