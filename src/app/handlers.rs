//! What each command does in the article and the panel: the handlers the command table
//! (`app::command::COMMANDS`) names. They change the state only when `update` runs them;
//! prompts give their commands their own meaning in `app::prompt_keys`.

use crate::domain::model::{Kind, Status};
use crate::domain::schema::LabelKind;
use crate::domain::segment;

use super::action::Effect;
use super::command::{Command, Handler};
use super::focus;
use super::keymap::Context;
use super::motion::{self, center_on_cursor, reveal_cursor};
use super::panel;
use super::picker::{PickItem, Picker};
use super::review;
use super::review_ops;
use super::search::Recall;
use super::state::{App, Focus, Overlay, Pick, Tab};
use super::tagging;
use super::text_input::TextInput;
use super::update::resize;

/// Runs a named command: refuses an edit when read-only, else calls its handler.
pub fn run(app: &mut App, command: Command, effects: &mut Vec<Effect>) {
    let spec = command.spec();
    if spec.edits {
        if let Some(why) = &app.read_only {
            let why = why.clone();
            return app.complain(format!("read-only: {why}"));
        }
    }
    match spec.run {
        Handler::State(handler) => handler(app),
        Handler::Full(handler) => handler(app, &command, effects),
    }
}

/// Cursor motions; in the panel the vertical ones move between rows.
pub fn motion(app: &mut App, command: &Command, _: &mut Vec<Effect>) {
    if app.focus == Focus::Panel && panel_command(app, command) {
        return;
    }
    motion::apply(app, command);
}

/// Starts or stops a visual selection.
pub fn visual(app: &mut App) {
    app.anchor = match app.anchor {
        Some(_) => None,
        None => Some(app.cursor),
    }
}

/// Selects the sentence under the cursor.
pub fn select_sentence(app: &mut App) {
    let text = app.doc.text();
    let sentence = segment::sentence_at(text, app.cursor);
    if sentence.is_empty() {
        return app.complain("no sentence here");
    }
    app.anchor = Some(sentence.start);
    app.cursor = segment::prev_grapheme(text, sentence.end).max(sentence.start);
}

/// Drops the selection, the pending keys and the message.
pub fn cancel(app: &mut App) {
    app.anchor = None;
    app.pending_keys.clear();
    app.clear_message();
}

/// A prompt's own command run outside its prompt (from the palette or a key bound in
/// the article): it means nothing here.
pub fn only_in_prompt(app: &mut App, command: &Command, _: &mut Vec<Effect>) {
    app.complain(format!("{command} works only in its prompt"));
}

/// Opens the message log at its newest message.
pub fn messages(app: &mut App) {
    app.overlay = Some(Overlay::Messages { back: 0 });
}

/// Outside a prompt there is nothing to confirm.
pub fn confirm(app: &mut App) {
    app.say("nothing to confirm");
}

/// Tags the selection or word as an entity type, or accepts the suggestion under the
/// cursor with that type.
pub fn tag_entity(app: &mut App, command: &Command, _: &mut Vec<Effect>) {
    let Command::TagEntity(label) = command else {
        return;
    };
    if app.schema.entity_type(label).is_none() {
        return app.complain(format!("\"{label}\" is not an entity type of the schema"));
    }
    let on_pending = app.anchor.is_none() && app.target_where(review::awaits_review).is_ok();
    if on_pending || (app.focus == Focus::Panel && app.panel.tab == Tab::Review) {
        let relabel = app.schema.entity_type(label).map(|l| l.name.clone());
        return review_ops::decide(app, Status::Accepted, relabel.as_deref());
    }
    tagging::tag(app, Kind::Entity, label);
}

/// Tags the selection or sentence as a claim of the schema's first kind.
pub fn tag_claim(app: &mut App) {
    let label = first_label(app, LabelKind::Claim, "factual");
    tagging::tag(app, Kind::Claim, &label);
}

/// Tags the selection or word as a source.
pub fn tag_source(app: &mut App) {
    let label = tagging::default_source_label(app);
    tagging::tag(app, Kind::Source, &label);
}

/// Moves a boundary of the annotation under the cursor.
pub fn move_boundary(app: &mut App, command: &Command, _: &mut Vec<Effect>) {
    if let Command::MoveBoundary(which, step) = command {
        tagging::move_boundary(app, *which, *step);
    }
}

/// Opens the Review tab on the current suggestion.
pub fn review(app: &mut App) {
    app.focus = Focus::Panel;
    app.panel.tab = Tab::Review;
    let (w, h) = app.size;
    resize(app, w, h);
    switch_tab(app, 0);
}

/// Accepts the current suggestion.
pub fn accept(app: &mut App) {
    review_ops::decide(app, Status::Accepted, None);
}

/// Rejects the current suggestion.
pub fn reject(app: &mut App) {
    review_ops::decide(app, Status::Rejected, None);
}

/// Shows or hides rejected suggestions; while they are shown the Review tab lists them
/// instead of the queue, so that one can be accepted after all.
pub fn toggle_rejected(app: &mut App) {
    app.show_rejected = !app.show_rejected;
    if app.panel.tab == Tab::Review {
        app.panel.selected = 0;
        app.panel.scroll = 0;
        preview_row(app);
    }
    app.say(if app.show_rejected {
        format!(
            "showing rejected suggestions: the Review tab lists them ({} accepts one after all)",
            review_ops::key_of(app, &Command::Accept)
        )
    } else {
        "rejected suggestions hidden: the Review tab lists the queue".to_string()
    });
}

/// Opens the search prompt, empty (Up recalls the earlier patterns).
pub fn search(app: &mut App) {
    app.overlay = Some(Overlay::Search {
        input: TextInput::line(""),
        recall: Recall::default(),
    })
}

/// Asks for a save now.
pub fn save(app: &mut App, _: &Command, effects: &mut Vec<Effect>) {
    if let Some(why) = &app.read_only {
        let why = why.clone();
        return app.complain(format!("read-only, not saved: {why}"));
    }
    effects.push(Effect::Save);
}

/// Quits, or asks first when quitting would lose changes.
pub fn quit(app: &mut App, _: &Command, effects: &mut Vec<Effect>) {
    if unkept(app).is_some() {
        app.confirm_quit = true;
        ask_before_quitting(app);
    } else {
        app.quit = true;
        effects.push(Effect::Quit);
    }
}

/// Why quitting now would lose changes: they are not saved and the recovery journal
/// failed to take them.
fn unkept(app: &App) -> Option<String> {
    let unsaved = app.read_only.is_none() && app.store.revision() != app.saved_revision;
    app.journal_failed.clone().filter(|_| unsaved)
}

/// Puts the question on the status line: quitting now loses the unsaved changes. The
/// key named is the one bound to `confirm` in the confirm context.
pub fn ask_before_quitting(app: &mut App) {
    let why = unkept(app).unwrap_or_default();
    let yes = app
        .keymap
        .hint_key(Context::Confirm, &Command::Confirm)
        .map_or_else(
            || "no key is bound to confirm, so scholia stays".to_string(),
            |key| format!("{key} quits, any other key stays"),
        );
    app.complain(format!("quit and lose the unsaved changes? {yes} (they are neither saved nor in the recovery journal: {why})"),
    );
}

/// Opens the key reference.
pub fn help(app: &mut App) {
    app.overlay = Some(Overlay::Help { scroll: 0 });
}

/// Moves the keys between the article and the panel.
pub fn switch_pane(app: &mut App) {
    app.focus = match app.focus {
        Focus::Article => Focus::Panel,
        Focus::Panel => Focus::Article,
    };
    let (w, h) = app.size;
    resize(app, w, h);
}

/// The next panel tab.
pub fn next_tab(app: &mut App) {
    switch_tab(app, 1);
}

/// The previous panel tab.
pub fn prev_tab(app: &mut App) {
    switch_tab(app, -1);
}

/// Opens the panel's filter prompt.
pub fn panel_filter(app: &mut App) {
    app.overlay = Some(Overlay::Filter {
        input: TextInput::line(app.panel.filter(app.panel.tab)),
    })
}

/// Filters the shown tab's rows by `text` and highlights the first row that matches
/// (in the Review tab it becomes the suggestion under review).
pub fn filter_panel(app: &mut App, text: &str) {
    app.panel.set_filter(text);
    app.panel.selected = 0;
    app.panel.scroll = 0;
    preview_row(app);
}

/// Jumps to the selected row's annotation and gives the keys to the article.
pub fn panel_activate(app: &mut App) {
    preview_row(app);
    app.focus = Focus::Article;
    let (w, h) = app.size;
    resize(app, w, h);
    center_on_cursor(app);
}

fn first_label(app: &App, kind: LabelKind, fallback: &str) -> String {
    app.schema
        .labels(kind)
        .first()
        .map_or_else(|| fallback.to_string(), |l| l.name.clone())
}

fn switch_tab(app: &mut App, delta: isize) {
    let tabs: Vec<Tab> = app.tabs().collect();
    let at = tabs.iter().position(|&t| t == app.panel.tab).unwrap_or(0) as isize;
    show_tab(
        app,
        tabs[(at + delta).rem_euclid(tabs.len() as isize) as usize],
    );
}

/// Shows panel tab `tab` from its first row (the Review tab on the current suggestion).
pub fn show_tab(app: &mut App, tab: Tab) {
    if !app.tabs().any(|shown| shown == tab) {
        return;
    }
    app.panel.tab = tab;
    app.panel.selected = 0;
    app.panel.scroll = 0;
    if app.panel.tab == Tab::Review {
        // The suggestion under review stays current when the list shows it.
        let list = panel::list(app, Tab::Review);
        let current = app.review.current.as_deref();
        let at = current
            .and_then(|id| list.position(&app.store, id))
            .unwrap_or(0);
        let shown = list.target(at).map(str::to_string);
        review_ops::show(app, shown);
    }
}

/// Commands that mean something else in the panel; true when handled.
fn panel_command(app: &mut App, command: &Command) -> bool {
    let count = panel::list(app, app.panel.tab).len();
    let selected = app.panel.selected;
    let new = match command {
        Command::Down => (selected + 1).min(count.saturating_sub(1)),
        Command::Up => selected.saturating_sub(1),
        Command::Top => 0,
        Command::Bottom => count.saturating_sub(1),
        Command::HalfPageDown | Command::PageDown => (selected + 10).min(count.saturating_sub(1)),
        Command::HalfPageUp | Command::PageUp => selected.saturating_sub(10),
        _ => return false,
    };
    app.panel.selected = new;
    preview_row(app);
    true
}

/// Moves the article's cursor to the selected row's annotation, keeping the panel focus.
pub(crate) fn preview_row(app: &mut App) {
    let list = panel::list(app, app.panel.tab);
    let Some(target) = list.target(app.panel.selected).map(str::to_string) else {
        return;
    };
    if app.panel.tab == Tab::Review {
        app.review.current = Some(target.clone());
    }
    if let Some(a) = app.store.annotation(&target) {
        app.cursor = a.extent().start;
        app.anchor = None;
        focus::focus_on(app, target);
        if app.screen.article.width > 0 {
            reveal_cursor(app);
        }
    }
}

/// Opens the palette: every command of the table outside prompts, then one
/// `tag-entity` per entity type, each with its article keys.
pub fn palette(app: &mut App) {
    let mut commands: Vec<Command> = super::command::COMMANDS
        .iter()
        .filter(|spec| spec.in_palette())
        .map(|spec| spec.command.clone())
        .collect();
    commands.extend(
        app.schema
            .labels(LabelKind::Entity)
            .iter()
            .map(|l| Command::TagEntity(l.name.clone())),
    );
    let items = commands
        .into_iter()
        .map(|c| {
            let keys = app.keymap.keys_for(Context::Article, &c).join(" ");
            PickItem {
                label: c.name(),
                detail: format!(
                    "{}{}",
                    c.description(),
                    if keys.is_empty() {
                        String::new()
                    } else {
                        format!("  [{keys}]")
                    }
                ),
                key: None,
                value: Pick::Run(c),
            }
        })
        .collect();
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new("Command", items),
        target: None,
    });
}
