//! Cursor motions over the article and keeping the cursor in view.

use std::sync::Arc;

use crate::domain::segment;

use super::command::Command;
use super::focus;
use super::layout::{self, Row, Wrap};
use super::search;
use super::state::App;

/// Moves the cursor for a motion command; false when `command` is not a motion.
pub fn apply(app: &mut App, command: &Command) -> bool {
    let text = app.doc.text();
    let start = app.doc.content_start();
    let end = text.len();
    let c = app.cursor;
    let rows = app.screen.article.height.max(1) as isize;
    let mut keep_goal = false;
    let target = match command {
        Command::Left => segment::prev_grapheme(text, c).max(start),
        Command::Right => segment::next_grapheme(text, c).min(end),
        Command::WordNext => segment::next_word_start(text, c),
        Command::WordPrev => segment::prev_word_start(text, c).max(start),
        Command::WordEnd => segment::prev_grapheme(text, segment::word_end(text, c)).max(c),
        Command::SentenceNext => segment::next_sentence_start(text, c),
        Command::SentencePrev => segment::prev_sentence_start(text, c).max(start),
        Command::ParagraphNext => segment::next_paragraph_start(text, c),
        Command::ParagraphPrev => segment::prev_paragraph_start(text, c).max(start),
        Command::Top => start,
        Command::Bottom => end,
        Command::LineStart => layout::row_at(text, app.doc.line_starts(), c, wrap(app))
            .start
            .max(start),
        Command::LineEnd => {
            let row = layout::row_at(text, app.doc.line_starts(), c, wrap(app));
            if row.last_of_line {
                row.end
            } else {
                row.cells.last().map_or(row.end, |cell| cell.byte)
            }
        }
        Command::Up => {
            keep_goal = true;
            vertical(app, -1)
        }
        Command::Down => {
            keep_goal = true;
            vertical(app, 1)
        }
        Command::HalfPageDown | Command::HalfPageUp | Command::PageDown | Command::PageUp => {
            keep_goal = true;
            let delta = match command {
                Command::HalfPageDown => rows / 2,
                Command::HalfPageUp => -(rows / 2),
                Command::PageDown => rows - 1,
                _ => -(rows - 1),
            };
            let target = vertical(app, delta);
            let w = wrap(app);
            app.top =
                layout::offset_row_start(app.doc.text(), app.doc.line_starts(), app.top, delta, w);
            target
        }
        Command::NextAnnotation | Command::PrevAnnotation => {
            let forward = *command == Command::NextAnnotation;
            return annotation_step(app, forward);
        }
        Command::SearchNext | Command::SearchPrev => {
            search::step(app, *command == Command::SearchNext);
            return true;
        }
        _ => return false,
    };
    if !keep_goal {
        app.goal_column = None;
    }
    app.cursor = target.clamp(start, end);
    true
}

/// The wrap geometry of the article pane.
pub fn wrap(app: &App) -> Wrap {
    Wrap::new(app.screen.article.width.max(1))
}

/// The byte `delta` display rows below (above) the cursor, at the goal column.
fn vertical(app: &mut App, delta: isize) -> usize {
    let text = app.doc.text();
    let lines = app.doc.line_starts();
    let w = wrap(app);
    let row = layout::row_at(text, lines, app.cursor, w);
    let column = *app
        .goal_column
        .get_or_insert_with(|| layout::column_of(&row, app.cursor));
    let target_start = layout::offset_row_start(text, lines, app.cursor, delta, w);
    let target = layout::row_at(text, lines, target_start, w);
    layout::byte_at_column(&target, column)
}

/// Scrolls so that the cursor's row is on screen, keeping a little context.
pub fn scroll_to_cursor(app: &mut App) {
    let text = app.doc.text();
    let lines = app.doc.line_starts();
    let w = wrap(app);
    let height = app.screen.article.height.max(1) as usize;
    let margin = context_rows(height) as isize;
    let cursor_row = layout::row_start_of(text, lines, app.cursor, w);
    app.top = layout::row_start_of(text, lines, app.top, w);
    if cursor_row < app.top {
        app.top = layout::offset_row_start(text, lines, cursor_row, -margin, w);
        return;
    }
    let visible = visible_rows(app);
    let last_ok = visible.len().saturating_sub(1 + margin as usize);
    let position = visible.iter().position(|r| r.start == cursor_row);
    match position {
        Some(p) if p <= last_ok || visible.len() < height => {}
        _ => {
            let back = height as isize - 1 - margin;
            app.top = layout::offset_row_start(text, lines, cursor_row, -back.max(0), w);
            // Near the end the margin below the cursor would be rows past the article.
            clamp_top(app);
        }
    }
}

/// The rows on screen from `app.top`, laid out once for the view: the frame that
/// follows an action draws the rows its cursor check laid out.
pub fn visible_rows(app: &App) -> Arc<[Row]> {
    app.view_rows.rows(
        app.doc.text(),
        app.doc.line_starts(),
        app.top,
        wrap(app),
        usize::from(app.screen.article.height.max(1)),
    )
}

/// Keeps the view's top on a row start and no lower than where the article's last row
/// shows at the bottom of the pane, so that the pane is full when the article can fill
/// it.
pub fn clamp_top(app: &mut App) {
    let height = usize::from(app.screen.article.height.max(1));
    app.top = layout::clamped_top(
        app.doc.text(),
        app.doc.line_starts(),
        app.top,
        height,
        wrap(app),
    );
}

/// Rows of context kept above and below the cursor when the view follows it, on a pane
/// `height` rows high.
fn context_rows(height: usize) -> usize {
    (height / 5).min(3)
}

/// Brings the cursor's row into view the way a search step does in `less` or vim: the
/// view stays where it is when the row is on screen with the rows of context above and
/// below it, and is centred on it otherwise (review, the panel's preview). Stepping
/// through the suggestions of one screen then moves the highlight, not the text under
/// the analyst's eyes, and lays out no rows.
pub fn reveal_cursor(app: &mut App) {
    let height = app.screen.article.height.max(1) as usize;
    let margin = context_rows(height);
    let visible = visible_rows(app);
    let cursor = app.cursor;
    let position = visible
        .iter()
        .position(|r| r.start <= cursor && (cursor < r.end || (r.last_of_line && cursor == r.end)));
    let comfortable = position.is_some_and(|p| {
        let room_above = p >= margin || app.top <= app.doc.content_start();
        let room_below = p + margin < visible.len()
            || visible
                .last()
                .is_some_and(|r| r.end >= app.doc.text().len());
        room_above && room_below
    });
    if !comfortable {
        center_on_cursor(app);
    }
}

/// Puts the cursor's row in the middle of the screen (jumps from the panel and tables).
pub fn center_on_cursor(app: &mut App) {
    let text = app.doc.text();
    let lines = app.doc.line_starts();
    let w = wrap(app);
    let half = (app.screen.article.height / 2) as isize;
    app.top = layout::offset_row_start(text, lines, app.cursor, -half, w);
}

/// `]` and `[`: to the next (previous) annotation in place order, focused.
fn annotation_step(app: &mut App, forward: bool) -> bool {
    match focus::next_stop(app, forward) {
        Some((at, id)) => {
            app.cursor = at;
            app.goal_column = None;
            focus::focus_on(app, id);
        }
        None if forward => app.say("no annotation after the cursor"),
        None => app.say("no annotation before the cursor"),
    }
    true
}
