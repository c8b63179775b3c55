//! What the session, the command line and tests ask of the workbench from outside a key
//! press: a notice on the status line, a cursor position, an import.

use crate::domain::schema::SchemaExtension;
use crate::domain::segment;
use crate::formats::apply::{apply, ApplyOptions};
use crate::formats::imported::ImportedDoc;

use super::review_ops;
use super::state::{App, SaveState, Tab, NOT_SAVED};

/// Shows `text` on the status line, as a problem when `error`.
pub fn notice(app: &mut App, text: String, error: bool) {
    if error {
        app.complain(text);
    } else {
        app.say(text);
    }
}

/// Puts the cursor at byte offset `at`, kept inside the article's content and moved back
/// to the start of the grapheme holding it.
pub fn go_to(app: &mut App, at: usize) {
    let text = app.doc.text();
    let at = at.clamp(app.doc.content_start(), text.len());
    app.cursor = if at < text.len() {
        segment::prev_grapheme(text, segment::next_grapheme(text, at)).max(app.doc.content_start())
    } else {
        at
    };
    app.goal_column = None;
}

/// Adds `added` to the workbench's schema and to the sidecar's; whether the sidecar's
/// changed (it is then behind, whatever the store says).
pub fn extend_schema(app: &mut App, added: &SchemaExtension) -> bool {
    app.schema.extend(added);
    if !app.kept.extend_schema(added) {
        return false;
    }
    // No edit of the store says that the sidecar's schema changed: the sidecar is
    // marked as behind, so that it is saved even when nothing else changes.
    app.saved_revision = NOT_SAVED;
    // A write in flight took its snapshot before this.
    app.schema_behind_save |= app.save_state == SaveState::Saving;
    true
}

/// Merges `record` into the store, its kinds read through the workbench's schema unless
/// `options` names one, reports it on the status line under `source`, and shows the
/// Review tab, the cursor on the first suggestion, when anything was imported.
pub fn import(app: &mut App, source: &str, record: &ImportedDoc, options: &ApplyOptions) {
    // The labels and values the file's project declares (a brat annotation.conf) join
    // the schema, and the sidecar keeps them for the next session; the recovery journal
    // keeps them until it does.
    if extend_schema(app, &record.schema) {
        app.schema_to_journal.merge(&record.schema);
    }
    let options = ApplyOptions {
        schema: Some(options.schema.clone().unwrap_or_else(|| app.schema.clone())),
        ..options.clone()
    };
    let summary = apply(&app.doc, &mut app.store, record, &options);
    if summary.imported > 0 {
        app.panel.tab = Tab::Review;
        review_ops::show_first(app);
    }
    notice(
        app,
        format!("{source}: {}", summary.line()),
        summary.stopped.is_some() || !summary.rejected.is_empty(),
    );
}
