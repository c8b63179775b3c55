//! `update`: the one place the workbench's state changes. Every key, command, resize,
//! paste, mouse event and save result is an [`Action`]; effects that touch the outside
//! world (saving, quitting) come back as [`Effect`]s.

use std::collections::HashMap;
use std::sync::Arc;

use crate::domain::model::Kind;

use super::action::{Action, Effect, WholeArticle};
use super::adjudication;
use super::command::Command;
use super::focus;
use super::grouping::{self, MentionIndex};
use super::handlers;
use super::history;
use super::key::{Key, KeyCode};
use super::keymap::{Context, Lookup};
use super::layout;
use super::motion::{self, scroll_to_cursor};
use super::prompt_keys;
use super::registry_edit;
use super::registry_grade;
use super::requests;
use super::screen::ScreenLayout;
use super::state::{
    App, Focus, GroupingCache, Mentions, Overlay, PanelState, SaveState, Tab, NOT_SAVED,
};
use super::text_input::TextInput;

/// Applies one action to the state and returns what the outside world must do. Whatever
/// it changes in the store is one step of the history.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    history::one_step(app, |app| apply_action(app, action))
}

fn apply_action(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let saving_result = matches!(action, Action::Saved(_));
    // A click or a drag puts the cursor where the analyst points: on screen already.
    let pointed = matches!(action, Action::Click { .. } | Action::Drag { .. });
    let (cursor_before, pane_before) = (app.cursor, app.screen.article);
    match action {
        Action::Key(key) => on_key(app, key, &mut effects),
        Action::Run(command) => handlers::run(app, command, &mut effects),
        Action::Paste(text) => paste(app, &text),
        Action::Resize(width, height) => {
            resize(app, width, height);
            fill_screen(app);
        }
        Action::Saved(Ok(revision)) => {
            // A schema imported while this write was in flight is not in it.
            app.saved_revision = if std::mem::take(&mut app.schema_behind_save) {
                NOT_SAVED
            } else {
                revision
            };
            app.save_state = if app.store.revision() == app.saved_revision {
                // The sidecar holds every change: a journal that failed no longer matters,
                // and a quit waiting for confirmation loses nothing now.
                app.journal_failed = None;
                if std::mem::take(&mut app.confirm_quit) {
                    app.quit = true;
                    effects.push(Effect::Quit);
                }
                SaveState::Saved
            } else {
                SaveState::Unsaved
            };
        }
        Action::SaveStarted => app.save_state = SaveState::Saving,
        Action::Saved(Err(error)) => {
            // Nothing was written: the sidecar stays behind in its schema too, and the
            // next write takes the schema as it is then.
            app.schema_behind_save = false;
            let why = error.to_string();
            let text = match &app.journal_failed {
                Some(journal) => format!(
                    "NOT SAVED, NOT IN THE RECOVERY JOURNAL ({journal}): could not save: {why}"
                ),
                None => format!("could not save: {why}"),
            };
            app.complain(text);
            app.save_state = SaveState::Failed(why);
            if app.confirm_quit {
                handlers::ask_before_quitting(app);
            }
        }
        Action::OutsideChange {
            loaded_revision,
            report,
        } => {
            if let Some(revision) = loaded_revision {
                app.saved_revision = revision;
                app.grouping = GroupingCache::default();
            }
            app.complain(report);
        }
        Action::ReadOnly(why) => app.read_only = Some(why),
        Action::JournalFailed(why) => {
            app.complain(format!("could not write the recovery journal: {why}"));
            app.journal_failed = Some(why);
        }
        Action::Notice { text, error } => requests::notice(app, text, error),
        Action::RegistryUse {
            entry,
            grade,
            others,
        } => registry_grade::registry_use(app, entry, grade, others, &mut effects),
        Action::RegistryGraded { entry, outcome } => registry_grade::graded(app, &entry, outcome),
        Action::RegistryMentions(mentions) => app.registry_mentions = Some(mentions),
        Action::RegistryEdited { edit, outcome } => registry_edit::edited(app, &edit, outcome),
        Action::GoTo(at) => requests::go_to(app, at),
        Action::ShowTab(tab) => handlers::show_tab(app, tab),
        Action::ArticleRead(WholeArticle(doc)) => app.doc = doc,
        Action::AnnotationsLoaded { keep_tab } => {
            app.loading = false;
            // The labels the article's imports added (a brat annotation.conf), kept in
            // its sidecar, join the configuration's.
            let added = app.kept.schema();
            app.schema.extend(&added);
            app.saved_revision = app.store.revision();
            if keep_tab {
                // Shown again, now with its rows (the suggestion under review, if any).
                let tab = app.panel.tab;
                handlers::show_tab(app, tab);
            } else {
                app.panel = PanelState::new(Tab::first_for(&app.store));
            }
        }
        Action::OpenedFromList => app.opened_from_list = true,
        Action::Import {
            source,
            record,
            options,
        } => requests::import(app, &source, &record, &options),
        Action::SchemaRecovered(added) => {
            requests::extend_schema(app, &added);
        }
        Action::Adjudicate(start) => adjudication::start(app, *start),
        Action::Click { x, y } => click(app, x, y, false),
        Action::Drag { x, y } => click(app, x, y, true),
        Action::Scroll(rows) => {
            let text = app.doc.text();
            app.top = layout::offset_row_start(
                text,
                app.doc.line_starts(),
                app.top,
                rows as isize,
                motion::wrap(app),
            );
        }
    }
    focus::forget_if_stale(app);
    let moved = app.cursor != cursor_before || app.screen.article != pane_before;
    if moved && !pointed {
        keep_cursor_in_view(app);
    }
    refresh_grouping(app);
    let dirty = app.store.revision() != app.saved_revision;
    if dirty && app.read_only.is_none() {
        if !saving_result && !effects.contains(&Effect::Save) {
            effects.insert(0, Effect::Save);
        }
        if !matches!(app.save_state, SaveState::Failed(_) | SaveState::Saving) {
            app.save_state = SaveState::Unsaved;
        }
    }
    effects
}

/// Scrolls the article so that the cursor is on screen, once the screen is laid out: the
/// one step after every action that moved the cursor or resized the screen.
fn keep_cursor_in_view(app: &mut App) {
    if !app.screen.too_small && app.screen.article.width > 0 {
        scroll_to_cursor(app);
    }
}

/// After a resize, moves the view up if rows past the article's end would show while
/// rows above are hidden: the screen is filled whenever the article allows. (The cursor
/// is kept in view after every action that changed the screen.)
fn fill_screen(app: &mut App) {
    if !app.screen.too_small && app.screen.article.width > 0 {
        motion::clamp_top(app);
    }
}

/// Works out the grouping proposal for the annotation under the cursor, unless the
/// cached one is still for the same annotation and store version. The mentions it looks
/// among are indexed once per store and kept up to date by its edits, and each name's
/// proposal is worked out once and kept until an edit changes a mention it looks at.
fn refresh_grouping(app: &mut App) {
    let id = app.focused_annotation().map(|a| a.id.clone());
    let version = app.store.version();
    if app.grouping.id == id && app.grouping.version == version {
        return;
    }
    let mut mentions = app.grouping.mentions.take();
    let target = id
        .as_ref()
        .and_then(|id| app.store.annotation(id))
        .filter(|a| a.kind == Kind::Entity);
    let proposal = target.and_then(|target| {
        // The same store, edited since: the index catches up with the edits.
        if let Some(found) = mentions
            .as_mut()
            .filter(|found| found.version.0 == version.0)
        {
            if found.version != version {
                if let Some(touched) = Arc::make_mut(&mut found.index).catch_up(&app.store) {
                    found.version = version;
                    found.proposals.retain(|(label, folded), _| {
                        !touched.contains(&grouping::partners_key(label, folded))
                    });
                }
            }
        }
        let mentions = match &mut mentions {
            Some(found) if found.version == version => found,
            _ => mentions.insert(Mentions {
                version,
                index: Arc::new(MentionIndex::build(&app.store)),
                proposals: HashMap::new(),
            }),
        };
        let name = (
            target.label.to_string(),
            grouping::fold(&target.quote.exact),
        );
        let index = &mentions.index;
        mentions
            .proposals
            .entry(name)
            .or_insert_with(|| grouping::propose_in(&app.store, index, &target.id).map(Arc::new))
            .clone()
    });
    app.grouping = GroupingCache {
        version,
        id,
        proposal,
        mentions,
    };
}

/// Recomputes the screen layout for a size (and the current focus).
pub fn resize(app: &mut App, width: u16, height: u16) {
    app.size = (width, height);
    app.screen = ScreenLayout::new(width, height, app.focus == Focus::Panel);
}

fn on_key(app: &mut App, key: Key, effects: &mut Vec<Effect>) {
    if app.confirm_quit {
        return prompt_keys::answer_quit(app, key, effects);
    }
    if let Some(asked) = app.review.accept_all_asked.take() {
        return prompt_keys::answer_accept_all(app, asked, key);
    }
    if let Some(asked) = app.registry_grade_asked.take() {
        return registry_grade::answer(app, asked, key, effects);
    }
    if let Some(overlay) = app.overlay.take() {
        let kept = prompt_keys::on_key(app, overlay, key, effects);
        // A choice that opens another prompt (the palette running `search`, `help` or
        // `messages`, the question before removing a link) leaves that prompt on screen.
        if app.overlay.is_none() {
            app.overlay = kept;
        }
        return;
    }
    let context = match app.focus {
        Focus::Article => Context::Article,
        Focus::Panel => Context::Panel,
    };
    app.pending_keys.push(key);
    match app.keymap.lookup(context, &app.pending_keys) {
        Lookup::Run(command) => {
            app.pending_keys.clear();
            handlers::run(app, command, effects);
        }
        Lookup::Pending => {}
        Lookup::Unbound => {
            let typed = std::mem::take(&mut app.pending_keys);
            if typed.len() == 1 && key.code != KeyCode::Esc {
                let help = app
                    .keymap
                    .hint_key(context, &Command::Help)
                    .map_or_else(String::new, |help| format!(" ({help} lists the keys)"));
                app.say(format!("{key} does nothing here{help}"));
            }
        }
    }
}

fn paste(app: &mut App, text: &str) {
    match app.overlay.as_mut() {
        Some(Overlay::Note { input, .. }) => input.insert_str(text),
        Some(Overlay::Search { input, .. }) | Some(Overlay::Filter { input }) => {
            input.insert_str(text)
        }
        Some(Overlay::Picker { picker, .. }) => picker.edit(|query| paste_line(query, text)),
        Some(Overlay::Link(link)) => link.picker.edit(|query| paste_line(query, text)),
        _ => {}
    }
}

fn click(app: &mut App, x: u16, y: u16, drag: bool) {
    let area = app.screen.article;
    if x < area.x || y < area.y || x >= area.x + area.width || y >= area.y + area.height {
        return;
    }
    let text = app.doc.text();
    let rows = layout::rows_from(
        text,
        app.doc.line_starts(),
        app.top,
        motion::wrap(app),
        (y - area.y) as usize + 1,
    );
    let Some(row) = rows.last() else { return };
    let byte = layout::byte_at_column(row, x - area.x);
    if drag {
        if app.anchor.is_none() {
            app.anchor = Some(app.cursor);
        }
    } else {
        app.anchor = None;
    }
    app.cursor = byte;
    app.goal_column = None;
    app.focus = Focus::Article;
}

/// Pasted text typed into a one-line query, without its control characters.
fn paste_line(query: &mut TextInput, text: &str) {
    text.chars()
        .filter(|c| !c.is_control())
        .for_each(|c| query.insert(c));
}
