//! The workbench's side of the store's one history: every command is one step that
//! remembers the selection before and after it; undo and redo bring that selection back
//! and scroll to it. (Taking back the last review decision is in `review_ops`.)

use crate::domain::char_boundary::floor_char_boundary;
use crate::domain::history::{Marker, Restored, StepKind};

use super::command::Command;
use super::focus::focus_on;
use super::keymap::Context;
use super::motion::scroll_to_cursor;
use super::review_ops;
use super::state::App;

/// The selection as it is now.
pub fn marker(app: &App) -> Marker {
    Marker {
        anchor: app.anchor,
        head: app.cursor,
    }
}

/// Runs one command as one step of the history: whatever it changes in the store undoes
/// and redoes at once, with the selection before and after it.
pub fn one_step<R>(app: &mut App, command: impl FnOnce(&mut App) -> R) -> R {
    app.store.open_step(Some(marker(app)));
    let result = command(app);
    app.store.close_step(Some(marker(app)));
    result
}

/// Undoes the last step and brings back the selection from before it; an undone review
/// decision makes its suggestion the one under review again.
pub fn undo(app: &mut App) {
    match app.store.undo() {
        Some(undone) => {
            if undone.kind == StepKind::Decision {
                app.review.current = undone.annotations.first().cloned();
                review_ops::highlight_current(app);
            }
            restore(app, &undone);
            let redo = app
                .keymap
                .hint_key(Context::Article, &Command::Redo)
                .map_or_else(String::new, |key| format!(" ({key} redoes)"));
            app.say(format!("undone: {}{redo}", undone.kind.describe()));
        }
        None => app.complain("nothing to undo"),
    }
}

/// Redoes the last undone step and brings back the selection from after it.
pub fn redo(app: &mut App) {
    match app.store.redo() {
        Some(redone) => {
            restore(app, &redone);
            app.say(format!("redone: {}", redone.kind.describe()));
        }
        None => app.complain("nothing to redo"),
    }
}

/// Puts the selection where the step left it (or, for a step made outside a command, the
/// cursor on the first annotation it changed), focuses the first annotation it changed
/// that is under the cursor, and scrolls to it.
fn restore(app: &mut App, step: &Restored) {
    let selection = step.selection.or_else(|| {
        let first = step.annotations.first()?;
        let start = app.store.annotation(first)?.extent().start;
        Some(Marker {
            anchor: None,
            head: start,
        })
    });
    let Some(selection) = selection else {
        return;
    };
    let text = app.doc.text();
    app.cursor = floor_char_boundary(text, selection.head);
    app.anchor = selection.anchor.map(|at| floor_char_boundary(text, at));
    let c = app.cursor;
    let back = step.annotations.iter().find(|id| {
        app.store
            .annotation(id)
            .is_some_and(|a| a.intersects(c, c + 1))
    });
    if let Some(id) = back {
        focus_on(app, id.clone());
    }
    if !app.screen.too_small && app.screen.article.width > 0 {
        scroll_to_cursor(app);
    }
}
