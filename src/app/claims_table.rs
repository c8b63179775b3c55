//! The claims table (`C`): every claim on one screen with its stance, credibility,
//! sources and their reliability, the publications it cites and its note. The cells are
//! those of the CSV claims export, built by the same code
//! (`formats::export::claims`). A key cycles the column it is sorted by, another
//! reverses the order; Enter jumps to the highlighted claim in the article.

use crate::domain::model::Status;
use crate::formats::export::claims::{claim_rows, ClaimRow};
use crate::formats::export::StatusFilter;

use super::command::Command;
use super::display_text::sanitize_line;
use super::motion::center_on_cursor;
use super::requests;
use super::state::{App, Focus};
use super::update::resize;

/// The table's columns, in the order drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The claim's text; sorted by its place in the article.
    Claim,
    /// Its stance.
    Stance,
    /// Its credibility (1–6).
    Credibility,
    /// Who makes it, each with its reliability.
    Sources,
    /// The publications it cites.
    Cited,
    /// The analyst's note.
    Note,
}

impl Column {
    /// Every column, in the order drawn and cycled by the sort key.
    pub const ALL: [Column; 6] = [
        Column::Claim,
        Column::Stance,
        Column::Credibility,
        Column::Sources,
        Column::Cited,
        Column::Note,
    ];

    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            Column::Claim => "claim",
            Column::Stance => "stance",
            Column::Credibility => "cred",
            Column::Sources => "sources",
            Column::Cited => "cites",
            Column::Note => "note",
        }
    }

    fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// The open claims table: how it is sorted and which row is highlighted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsTable {
    /// The column the rows are sorted by.
    pub sort: Column,
    /// Whether the order is reversed.
    pub descending: bool,
    /// The highlighted row.
    pub selected: usize,
    /// The first row shown.
    pub scroll: usize,
}

/// One claim as the table shows it: every cell sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The claim's id.
    pub id: String,
    /// Where it starts in the article (bytes), `None` for an orphan.
    pub at: Option<usize>,
    /// The cells, one per [`Column::ALL`].
    pub cells: [String; 6],
}

/// Opens the table on the claim under the cursor, if any, sorted by place.
pub fn open(app: &mut App) {
    let mut table = ClaimsTable {
        sort: Column::Claim,
        descending: false,
        selected: 0,
        scroll: 0,
    };
    let rows = rows(app, &table);
    if rows.is_empty() {
        return app.complain("no claims yet: select one and tag it with c");
    }
    let cursor = app.cursor();
    table.selected = rows
        .iter()
        .rposition(|r| r.at.is_some_and(|at| at <= cursor))
        .unwrap_or(0);
    keep_in_view(app, &mut table);
    app.overlay = Some(super::state::Overlay::Claims(table));
}

/// The rows, sorted as `table` says: empty cells last whichever the direction, ties in
/// reading order. Rejected claims only when rejected annotations are shown.
pub fn rows(app: &App, table: &ClaimsTable) -> Vec<TableRow> {
    let mut rows: Vec<TableRow> = claim_rows(&app.doc, &app.store, StatusFilter::All)
        .iter()
        .filter(|r| app.show_rejected || r.claim.status != Status::Rejected)
        .map(row)
        .collect();
    let column = table.sort.index();
    if table.sort != Column::Claim {
        rows.sort_by(|a, b| {
            let (x, y) = (&a.cells[column], &b.cells[column]);
            let order = x.to_lowercase().cmp(&y.to_lowercase());
            match (x.is_empty(), y.is_empty()) {
                (false, false) if table.descending => order.reverse(),
                (false, false) => order,
                (empty, _) => empty.cmp(&y.is_empty()),
            }
        });
    } else if table.descending {
        rows.reverse();
    }
    rows
}

/// The table's row for a claim of the export's claims table.
fn row(r: &ClaimRow<'_>) -> TableRow {
    let attr = |name: &str| sanitize_line(r.claim.attrs.get(name).map_or("", String::as_str));
    let sources: Vec<String> = r
        .sources
        .iter()
        .map(|s| {
            let name = if s.text.is_empty() { &s.id } else { &s.text };
            if s.reliability.is_empty() {
                sanitize_line(name)
            } else {
                format!(
                    "{} [{}]",
                    sanitize_line(name),
                    sanitize_line(&s.reliability)
                )
            }
        })
        .collect();
    TableRow {
        id: r.claim.id.clone(),
        at: r.offsets.map(|_| r.claim.extent().start),
        cells: [
            sanitize_line(&r.text),
            attr("stance"),
            attr("credibility"),
            sources.join("; "),
            sanitize_line(&r.cited.join("; ")),
            sanitize_line(r.claim.note.as_deref().unwrap_or("")),
        ],
    }
}

/// How many rows fit under the table's title and headings, above the status line.
pub fn page_rows(app: &App) -> usize {
    usize::from(app.size.1).saturating_sub(3).max(1)
}

/// Runs a command in the open table; returns the table to keep on screen, if any.
pub fn on_command(app: &mut App, mut table: ClaimsTable, command: &Command) -> Option<ClaimsTable> {
    let count = rows(app, &table).len();
    let last = count.saturating_sub(1);
    let page = page_rows(app);
    match command {
        Command::Cancel => return None,
        Command::Confirm => return jump(app, table),
        Command::Down => table.selected = (table.selected + 1).min(last),
        Command::Up => table.selected = table.selected.saturating_sub(1),
        Command::PageDown | Command::HalfPageDown => {
            table.selected = (table.selected + page).min(last)
        }
        Command::PageUp | Command::HalfPageUp => {
            table.selected = table.selected.saturating_sub(page)
        }
        Command::Top => table.selected = 0,
        Command::Bottom => table.selected = last,
        Command::SortNext => resort(app, &mut table, |t| {
            let next = (t.sort.index() + 1) % Column::ALL.len();
            t.sort = Column::ALL[next];
            t.descending = false;
        }),
        Command::SortReverse => resort(app, &mut table, |t| t.descending = !t.descending),
        _ => {}
    }
    keep_in_view(app, &mut table);
    Some(table)
}

/// Changes the order, keeping the highlighted claim highlighted.
fn resort(app: &mut App, table: &mut ClaimsTable, change: impl FnOnce(&mut ClaimsTable)) {
    let id = rows(app, table).get(table.selected).map(|r| r.id.clone());
    change(table);
    let rows = rows(app, table);
    table.selected = id
        .and_then(|id| rows.iter().position(|r| r.id == id))
        .unwrap_or(0);
    let direction = if table.descending { "▼" } else { "▲" };
    app.say(format!(
        "claims sorted by {} {direction}",
        table.sort.title()
    ));
}

/// Scrolls so that the highlighted row is shown.
fn keep_in_view(app: &App, table: &mut ClaimsTable) {
    let page = page_rows(app);
    if table.selected < table.scroll {
        table.scroll = table.selected;
    } else if table.selected >= table.scroll + page {
        table.scroll = table.selected + 1 - page;
    }
}

/// Closes the table on the highlighted claim in the article; an orphan has no place, so
/// the table stays.
fn jump(app: &mut App, table: ClaimsTable) -> Option<ClaimsTable> {
    let row = rows(app, &table).into_iter().nth(table.selected)?;
    let Some(at) = row.at else {
        app.complain(format!(
            "{} is orphaned: it has no place in the article (the Orphans tab lists it)",
            row.id
        ));
        return Some(table);
    };
    requests::go_to(app, at);
    app.focus = Focus::Article;
    let (w, h) = app.size;
    resize(app, w, h);
    center_on_cursor(app);
    app.say(format!("{}: {}", row.id, row.cells[0]));
    None
}
