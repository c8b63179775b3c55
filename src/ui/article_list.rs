//! The article list of folder mode: a progress line for the folder, a heading with the
//! sort column marked, one row per article (columns that do not fit a narrow terminal
//! are left out, from the right, the name and the state last), and a status line with the
//! filter prompt, a message or the keys.

use std::time::{SystemTime, UNIX_EPOCH};

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use ratatui::Frame;

use crate::app::command::Command;
use crate::app::corpus::{Column, Corpus, Row, LIST_CHROME};
use crate::app::keymap::Context;
use crate::domain::clock;
use crate::domain::safe_text::sanitize_line;

use super::text::{put, put_spans, truncate, width};
use super::Theme;

/// The first second of the year 10000.
const LAST_SHOWN_SECOND: u64 = 253_402_300_800;
/// Columns of the progress bar at most.
const BAR_WIDTH: usize = 20;
/// The name column's fewest columns before other columns are left out.
const NAME_MIN: usize = 16;

/// Draws the article list (the open article is drawn by [`super::draw`]).
pub fn draw(frame: &mut Frame, corpus: &Corpus, theme: &Theme) {
    let buf = frame.buffer_mut();
    let area = buf.area;
    if area.width < 10 || usize::from(area.height) < LIST_CHROME + 1 {
        put(buf, 0, 0, "too small", area.width, theme.error());
        return;
    }
    progress_line(buf, corpus, theme);
    let columns = fitting_columns(usize::from(area.width));
    let name_width = name_width(usize::from(area.width), &columns);
    heading(buf, corpus, &columns, name_width, theme);
    let rows = corpus.view().skip(corpus.top()).take(corpus.page());
    for (i, row) in rows.enumerate() {
        let y = 2 + i as u16;
        let at_cursor = corpus.top() + i == corpus.cursor();
        let style = if at_cursor {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let line = row_line(row, &columns, name_width);
        buf.set_style(ratatui::layout::Rect::new(0, y, area.width, 1), style);
        put(buf, 0, y, &line, area.width, style);
    }
    status_line(buf, corpus, theme);
}

/// `done 3/40 ██████░░░░ · 12 pending suggestions left · reading 20/40`.
fn progress_line(buf: &mut Buffer, corpus: &Corpus, theme: &Theme) {
    let (done, total, pending, read) = corpus.progress();
    let filled = (done * BAR_WIDTH).checked_div(total).unwrap_or(0);
    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(BAR_WIDTH - filled));
    let mut spans = vec![
        (format!("done {done}/{total} "), theme.title()),
        (bar, Style::default()),
        (
            format!(" · {pending} pending suggestion{} left", plural(pending)),
            Style::default(),
        ),
    ];
    if read < total {
        spans.push((format!(" · reading {read}/{total}"), theme.dim()));
    }
    let root = corpus.root().file_name().map_or_else(
        || corpus.root().display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let root = sanitize_line(&root);
    spans.push((format!(" · {root}"), theme.dim()));
    put_spans(buf, 0, 0, buf.area.width, &spans);
}

/// The heading, the sort column marked with ▲ (or ▼ reversed).
fn heading(buf: &mut Buffer, corpus: &Corpus, columns: &[Column], name: usize, theme: &Theme) {
    let (sorted, reversed) = corpus.sort();
    let mark = if reversed { "▼" } else { "▲" };
    let title = |c: Column| {
        if c == sorted {
            format!("{}{mark}", c.title())
        } else {
            c.title().to_string()
        }
    };
    let mut line = pad(&title(Column::Name), name);
    for column in columns {
        line.push(' ');
        line.push_str(&align(&title(*column), cell_width(*column), *column));
    }
    put(buf, 0, 1, &line, buf.area.width, theme.title());
}

/// One article's line.
fn row_line(row: &Row, columns: &[Column], name: usize) -> String {
    let mut line = pad(&sanitize_line(&row.name), name);
    for column in columns {
        line.push(' ');
        line.push_str(&align(&cell(row, *column), cell_width(*column), *column));
    }
    line
}

/// The text of one cell; `…` while the row is being read, `?` if it cannot be.
fn cell(row: &Row, column: Column) -> String {
    if column == Column::Changed {
        return row.changed.map(shown_time).unwrap_or_default();
    }
    let summary = match &row.summary {
        None => return "…".to_string(),
        Some(Err(_)) => return "?".to_string(),
        Some(Ok(summary)) => summary,
    };
    match column {
        Column::Words => summary.words.to_string(),
        Column::Annotations => summary.annotations.to_string(),
        Column::Pending => summary.pending.to_string(),
        Column::Claims => summary.claims.to_string(),
        Column::Sources => summary.sources.to_string(),
        Column::State => summary.progress.word().to_string(),
        Column::Name | Column::Changed => String::new(),
    }
}

/// A last change as `2026-03-04 10:20`; `?` for a time the calendar cannot show (a
/// file stamped before 1970 or after 9999).
fn shown_time(time: SystemTime) -> String {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) if since.as_secs() < LAST_SHOWN_SECOND => {
            let text = clock::seconds(time).replace('T', " ");
            text.get(..16).unwrap_or(&text).to_string()
        }
        _ => "?".to_string(),
    }
}

/// The columns beside the name that fit `width`, left out from the right (the state
/// last).
fn fitting_columns(width: usize) -> Vec<Column> {
    let mut columns: Vec<Column> = Column::ALL[1..].to_vec();
    let drop_order = [
        Column::Changed,
        Column::Sources,
        Column::Claims,
        Column::Words,
        Column::Annotations,
        Column::Pending,
        Column::State,
    ];
    for column in drop_order {
        if name_width(width, &columns) >= NAME_MIN.min(width) {
            break;
        }
        columns.retain(|c| *c != column);
    }
    columns
}

/// The name column's width: what the other columns leave.
fn name_width(width: usize, columns: &[Column]) -> usize {
    let others: usize = columns.iter().map(|c| cell_width(*c) + 1).sum();
    width.saturating_sub(others)
}

/// Columns a cell takes.
fn cell_width(column: Column) -> usize {
    match column {
        Column::Name => NAME_MIN,
        Column::Changed => 16,
        Column::State => 11,
        Column::Annotations => 12,
        other => other.title().len() + 1,
    }
}

/// Text cut or padded to `columns`, to the left.
fn pad(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let fill = columns.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// Numbers to the right, words to the left.
fn align(text: &str, columns: usize, column: Column) -> String {
    match column {
        Column::State | Column::Changed | Column::Name => pad(text, columns),
        _ => {
            let cut = truncate(text, columns);
            format!("{}{cut}", " ".repeat(columns.saturating_sub(width(&cut))))
        }
    }
}

/// The filter prompt, a message, or the keys.
fn status_line(buf: &mut Buffer, corpus: &Corpus, theme: &Theme) {
    let y = buf.area.height - 1;
    let w = buf.area.width;
    if let Some(input) = corpus.filter_input() {
        let text = format!("/{}", sanitize_line(input.text()));
        put(buf, 0, y, &text, w, Style::default());
        let x = (width(&text) as u16).min(w.saturating_sub(1));
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_style(Style::default().add_modifier(Modifier::REVERSED));
        }
        return;
    }
    if let Some((text, error)) = corpus.message() {
        let style = if error {
            theme.error()
        } else {
            Style::default()
        };
        put(buf, 0, y, &sanitize_line(text), w, style);
        return;
    }
    let keymap = corpus.keymap();
    let hints: Vec<String> = [
        (Command::OpenArticle, "open"),
        (Command::SortNext, "sort"),
        (Command::SortReverse, "reverse"),
        (Command::PanelFilter, "filter"),
        (Command::MarkDone, "done"),
        (Command::NextUnfinished, "next unfinished"),
        (Command::Quit, "quit"),
    ]
    .iter()
    .filter_map(|(command, what)| {
        keymap
            .hint_key(Context::List, command)
            .map(|k| format!("{k} {what}"))
    })
    .collect();
    let mut line = hints.join(" · ");
    if !corpus.filter().is_empty() {
        line = format!("filter: {} · {line}", sanitize_line(corpus.filter()));
    }
    put(buf, 0, y, &line, w, theme.dim());
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
