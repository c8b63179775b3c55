//! `update`: the one place the workbench's state changes. Every key, command, resize,
//! paste, mouse event and save result is an [`Action`]; effects that touch the outside
//! world (saving, quitting) come back as [`Effect`]s.

use crate::domain::model::{Kind, Status};
use crate::domain::schema::LabelKind;
use crate::domain::segment;

use super::action::{Action, Effect};
use super::command::Command;
use super::grouping;
use super::key::{Key, KeyCode};
use super::keymap::{Context, Lookup};
use super::layout;
use super::motion::{self, center_on_cursor, scroll_to_cursor};
use super::panel;
use super::picker::{PickItem, Picker};
use super::review;
use super::review_ops;
use super::screen::ScreenLayout;
use super::search;
use super::state::{App, Focus, GroupingCache, Overlay, Pick, SaveState, Tab};
use super::tagging::{self, complain, say, Boundary, Step};
use super::text_input::TextInput;

/// Applies one action to the state and returns what the outside world must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let saving_result = matches!(action, Action::Saved(_));
    match action {
        Action::Key(key) => on_key(app, key, &mut effects),
        Action::Run(command) => run(app, command, &mut effects),
        Action::Paste(text) => paste(app, &text),
        Action::Resize(width, height) => resize(app, width, height),
        Action::Saved(Ok(revision)) => {
            app.saved_revision = revision;
            app.save_state = if app.store.revision() == revision {
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
        Action::Saved(Err(error)) => {
            let why = error.to_string();
            let text = match &app.journal_failed {
                Some(journal) => format!(
                    "NOT SAVED, NOT IN THE RECOVERY JOURNAL ({journal}): could not save: {why}"
                ),
                None => format!("could not save: {why}"),
            };
            complain(app, text);
            app.save_state = SaveState::Failed(why);
            if app.confirm_quit {
                ask_before_quitting(app);
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
            complain(app, report);
        }
        Action::JournalFailed(why) => {
            complain(app, format!("could not write the recovery journal: {why}"));
            app.journal_failed = Some(why);
        }
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
    refresh_grouping(app);
    let dirty = app.store.revision() != app.saved_revision;
    if dirty && app.read_only.is_none() {
        if !saving_result && !effects.contains(&Effect::Save) {
            effects.insert(0, Effect::Save);
        }
        if !matches!(app.save_state, SaveState::Failed(_)) {
            app.save_state = SaveState::Unsaved;
        }
    }
    effects
}

/// Works out the grouping proposal for the annotation under the cursor, unless the
/// cached one is still for the same annotation and store revision.
fn refresh_grouping(app: &mut App) {
    let id = tagging::target_id(app);
    let revision = app.store.revision();
    if app.grouping.id == id && app.grouping.revision == revision {
        return;
    }
    let proposal = id.as_ref().and_then(|id| grouping::propose(&app.store, id));
    app.grouping = GroupingCache {
        revision,
        id,
        proposal,
    };
}

/// Recomputes the screen layout for a size (and the current focus).
pub fn resize(app: &mut App, width: u16, height: u16) {
    app.size = (width, height);
    app.screen = ScreenLayout::new(width, height, app.focus == Focus::Panel);
    if !app.screen.too_small && app.screen.article.width > 0 {
        scroll_to_cursor(app);
    }
}

fn on_key(app: &mut App, key: Key, effects: &mut Vec<Effect>) {
    if app.confirm_quit {
        app.confirm_quit = false;
        if key.code == KeyCode::Char('y') && !key.ctrl && !key.alt {
            app.quit = true;
            effects.push(Effect::Quit);
        } else {
            complain(app, "not quitting: the changes are still unsaved");
        }
        return;
    }
    if let Some(overlay) = app.overlay.take() {
        app.overlay = overlay_key(app, overlay, key, effects);
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
            run(app, command, effects);
        }
        Lookup::Pending => {}
        Lookup::Unbound => {
            let typed = std::mem::take(&mut app.pending_keys);
            if typed.len() == 1 && key.code != KeyCode::Esc {
                say(app, format!("{key} does nothing here (? lists the keys)"));
            }
        }
    }
}

fn is_edit(command: &Command) -> bool {
    matches!(
        command,
        Command::TagEntity(_)
            | Command::TagClaim
            | Command::TagSource
            | Command::Relabel
            | Command::Delete
            | Command::Link
            | Command::Stance
            | Command::Grade
            | Command::Note
            | Command::StartLeft
            | Command::StartLeftChar
            | Command::StartRightChar
            | Command::EndLeftChar
            | Command::EndRightChar
            | Command::StartRight
            | Command::EndLeft
            | Command::EndRight
            | Command::Merge
            | Command::Accept
            | Command::Reject
            | Command::UndoDecision
            | Command::AcceptAll
            | Command::AcceptGrouping
            | Command::Undo
            | Command::Redo
    )
}

/// Runs a named command.
pub fn run(app: &mut App, command: Command, effects: &mut Vec<Effect>) {
    if is_edit(&command) {
        if let Some(why) = &app.read_only {
            let why = why.clone();
            return complain(app, format!("read-only: {why}"));
        }
    }
    if app.focus == Focus::Panel && panel_command(app, &command) {
        return;
    }
    if motion::apply(app, &command) {
        return;
    }
    match command {
        Command::Visual => {
            app.anchor = match app.anchor {
                Some(_) => None,
                None => Some(app.cursor),
            }
        }
        Command::SelectSentence => {
            let text = app.doc.text();
            let sentence = segment::sentence_at(text, app.cursor);
            if sentence.is_empty() {
                return complain(app, "no sentence here");
            }
            app.anchor = Some(sentence.start);
            app.cursor = segment::prev_grapheme(text, sentence.end).max(sentence.start);
        }
        Command::Cancel => {
            app.anchor = None;
            app.pending_keys.clear();
            app.message = None;
        }
        Command::TagEntity(label) => tag_entity(app, &label),
        Command::TagClaim => {
            let label = first_label(app, LabelKind::Claim, "factual");
            tagging::tag(app, Kind::Claim, &label);
        }
        Command::TagSource => {
            let label = tagging::default_source_label(app);
            tagging::tag(app, Kind::Source, &label);
        }
        Command::Relabel => tagging::relabel(app),
        Command::Delete => tagging::delete(app),
        Command::Link => tagging::link(app),
        Command::Stance => tagging::stance(app),
        Command::Grade => tagging::grade(app),
        Command::Note => tagging::note(app),
        Command::StartLeft => tagging::move_boundary(app, Boundary::StartLeft, Step::Word),
        Command::StartRight => tagging::move_boundary(app, Boundary::StartRight, Step::Word),
        Command::EndLeft => tagging::move_boundary(app, Boundary::EndLeft, Step::Word),
        Command::EndRight => tagging::move_boundary(app, Boundary::EndRight, Step::Word),
        Command::StartLeftChar => tagging::move_boundary(app, Boundary::StartLeft, Step::Character),
        Command::StartRightChar => {
            tagging::move_boundary(app, Boundary::StartRight, Step::Character)
        }
        Command::EndLeftChar => tagging::move_boundary(app, Boundary::EndLeft, Step::Character),
        Command::EndRightChar => tagging::move_boundary(app, Boundary::EndRight, Step::Character),
        Command::Merge => tagging::merge(app),
        Command::Review => {
            app.focus = Focus::Panel;
            app.panel.tab = Tab::Review;
            let (w, h) = app.size;
            resize(app, w, h);
            switch_tab(app, 0);
        }
        Command::Accept => review_ops::decide(app, Status::Accepted, None),
        Command::Reject => review_ops::decide(app, Status::Rejected, None),
        Command::Skip => review_ops::skip(app),
        Command::UndoDecision => review_ops::undo_decision(app),
        Command::AcceptAll => review_ops::accept_all(app),
        Command::ToggleReviewOrder => review_ops::toggle_order(app),
        Command::AcceptGrouping => review_ops::accept_grouping(app),
        Command::ToggleRejected => {
            app.show_rejected = !app.show_rejected;
            say(
                app,
                if app.show_rejected {
                    "showing rejected suggestions"
                } else {
                    "rejected suggestions hidden"
                },
            );
        }
        Command::Search => {
            app.overlay = Some(Overlay::Search {
                input: TextInput::line(app.search.as_ref().map_or("", |s| s.pattern.as_str())),
            })
        }
        Command::Undo => {
            if app.store.undo() {
                say(app, "undone (Ctrl-r redoes)");
            } else {
                complain(app, "nothing to undo");
            }
        }
        Command::Redo => {
            if app.store.redo() {
                say(app, "redone");
            } else {
                complain(app, "nothing to redo");
            }
        }
        Command::Save => {
            if let Some(why) = &app.read_only {
                let why = why.clone();
                return complain(app, format!("read-only, not saved: {why}"));
            }
            effects.push(Effect::Save);
        }
        Command::Quit => {
            if unkept(app).is_some() {
                app.confirm_quit = true;
                ask_before_quitting(app);
            } else {
                app.quit = true;
                effects.push(Effect::Quit);
            }
        }
        Command::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Palette => open_palette(app),
        Command::SwitchPane => {
            app.focus = match app.focus {
                Focus::Article => Focus::Panel,
                Focus::Panel => Focus::Article,
            };
            let (w, h) = app.size;
            resize(app, w, h);
        }
        Command::NextTab => switch_tab(app, 1),
        Command::PrevTab => switch_tab(app, -1),
        Command::PanelFilter => {
            app.overlay = Some(Overlay::Filter {
                input: TextInput::line(&app.panel.filter),
            })
        }
        Command::PanelActivate => activate_row(app),
        _ => {}
    }
}

/// Why quitting now would lose changes: they are not saved and the recovery journal
/// failed to take them.
fn unkept(app: &App) -> Option<String> {
    let unsaved = app.read_only.is_none() && app.store.revision() != app.saved_revision;
    app.journal_failed.clone().filter(|_| unsaved)
}

/// Puts the question on the status line: quitting now loses the unsaved changes.
fn ask_before_quitting(app: &mut App) {
    let why = unkept(app).unwrap_or_default();
    complain(
        app,
        format!("quit and lose the unsaved changes? y quits, any other key stays (they are neither saved nor in the recovery journal: {why})"),
    );
}

fn tag_entity(app: &mut App, label: &str) {
    if app.schema.entity_type(label).is_none() {
        return complain(
            app,
            format!("\"{label}\" is not an entity type of the schema"),
        );
    }
    let on_pending = app.anchor.is_none()
        && tagging::target_id(app)
            .and_then(|id| app.store.annotation(&id))
            .is_some_and(review::awaits_review);
    if on_pending || (app.focus == Focus::Panel && app.panel.tab == Tab::Review) {
        let relabel = app.schema.entity_type(label).map(|l| l.name.clone());
        return review_ops::decide(app, Status::Accepted, relabel.as_deref());
    }
    tagging::tag(app, Kind::Entity, label);
}

fn first_label(app: &App, kind: LabelKind, fallback: &str) -> String {
    app.schema
        .labels(kind)
        .first()
        .map_or_else(|| fallback.to_string(), |l| l.name.clone())
}

fn switch_tab(app: &mut App, delta: isize) {
    app.panel.tab = app.panel.tab.step(delta);
    app.panel.selected = 0;
    app.panel.scroll = 0;
    if app.panel.tab == Tab::Review {
        let first = review_ops::current(app);
        review_ops::show(app, first);
    }
}

/// Commands that mean something else in the panel; true when handled.
fn panel_command(app: &mut App, command: &Command) -> bool {
    let count = panel::rows(app, app.panel.tab).len();
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
fn preview_row(app: &mut App) {
    let rows = panel::rows(app, app.panel.tab);
    let Some(target) = rows.get(app.panel.selected).and_then(|r| r.target.clone()) else {
        return;
    };
    if app.panel.tab == Tab::Review {
        app.review.current = Some(target.clone());
    }
    if let Some(a) = app.store.annotation(&target) {
        app.cursor = a.extent().start;
        app.anchor = None;
        if app.screen.article.width > 0 {
            center_on_cursor(app);
        }
    }
}

fn activate_row(app: &mut App) {
    preview_row(app);
    app.focus = Focus::Article;
    let (w, h) = app.size;
    resize(app, w, h);
    center_on_cursor(app);
}

fn open_palette(app: &mut App) {
    let mut commands: Vec<Command> = Command::simple().to_vec();
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

/// Handles a key in a prompt; returns the prompt to keep on screen, if any.
fn overlay_key(
    app: &mut App,
    overlay: Overlay,
    key: Key,
    effects: &mut Vec<Effect>,
) -> Option<Overlay> {
    match overlay {
        Overlay::Help { scroll } => match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter => None,
            KeyCode::Down | KeyCode::Char('j') => Some(Overlay::Help { scroll: scroll + 1 }),
            KeyCode::Up | KeyCode::Char('k') => Some(Overlay::Help {
                scroll: scroll.saturating_sub(1),
            }),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Overlay::Help {
                scroll: scroll + 10,
            }),
            KeyCode::PageUp => Some(Overlay::Help {
                scroll: scroll.saturating_sub(10),
            }),
            _ => Some(Overlay::Help { scroll }),
        },
        Overlay::Picker { mut picker, target } => {
            match key.code {
                KeyCode::Esc => return None,
                KeyCode::Enter => {
                    let choice = picker.current().map(|i| i.value.clone());
                    if let Some(choice) = choice {
                        choose(app, choice, target, effects);
                    }
                    return None;
                }
                KeyCode::Down | KeyCode::Tab => picker.step(1),
                KeyCode::Up | KeyCode::BackTab => picker.step(-1),
                KeyCode::Char('n') if key.ctrl => picker.step(1),
                KeyCode::Char('p') if key.ctrl => picker.step(-1),
                KeyCode::Backspace => picker.pop(),
                KeyCode::Char(c) if !key.ctrl && !key.alt => {
                    if let Some(item) = picker.by_key(c) {
                        let choice = item.value.clone();
                        choose(app, choice, target, effects);
                        return None;
                    }
                    picker.push(c);
                }
                _ => {}
            }
            Some(Overlay::Picker { picker, target })
        }
        Overlay::Note { mut input, target } => {
            match key.code {
                KeyCode::Esc => {
                    tagging::set_note(app, &target, input.text());
                    return None;
                }
                KeyCode::Char('s') if key.ctrl => {
                    tagging::set_note(app, &target, input.text());
                    return None;
                }
                KeyCode::Char('c') if key.ctrl => {
                    say(app, "note discarded");
                    return None;
                }
                KeyCode::Enter => input.insert('\n'),
                _ => edit_input(&mut input, key),
            }
            Some(Overlay::Note { input, target })
        }
        Overlay::Search { mut input } => {
            match key.code {
                KeyCode::Esc => return None,
                KeyCode::Enter => {
                    search::start(app, input.text());
                    return None;
                }
                _ => edit_input(&mut input, key),
            }
            Some(Overlay::Search { input })
        }
        Overlay::Filter { mut input } => {
            match key.code {
                KeyCode::Esc => {
                    app.panel.filter.clear();
                    return None;
                }
                KeyCode::Enter => return None,
                _ => edit_input(&mut input, key),
            }
            app.panel.filter = input.text().to_string();
            app.panel.selected = 0;
            app.panel.scroll = 0;
            Some(Overlay::Filter { input })
        }
    }
}

fn edit_input(input: &mut TextInput, key: Key) {
    match key.code {
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => input.left(),
        KeyCode::Right => input.right(),
        KeyCode::Up => input.up(),
        KeyCode::Down => input.down(),
        KeyCode::Home => input.home(),
        KeyCode::End => input.end(),
        KeyCode::Tab => input.insert('\t'),
        KeyCode::Char(c) if !key.ctrl && !key.alt => input.insert(c),
        _ => {}
    }
}

fn choose(app: &mut App, choice: Pick, target: Option<String>, effects: &mut Vec<Effect>) {
    let target = target.unwrap_or_default();
    match choice {
        Pick::Run(command) => run(app, command, effects),
        Pick::LinkTo(to) => tagging::add_link(app, &target, &to),
        Pick::Relabel(label) => tagging::set_label(app, &target, &label),
        Pick::SetAttr {
            name,
            value,
            on_entity,
        } => tagging::set_attr(app, &target, &name, &value, on_entity),
        Pick::MergeInto(entity) => tagging::merge_into(app, &target, entity),
    }
}

fn paste(app: &mut App, text: &str) {
    match app.overlay.as_mut() {
        Some(Overlay::Note { input, .. }) => input.insert_str(text),
        Some(Overlay::Search { input }) | Some(Overlay::Filter { input }) => input.insert_str(text),
        Some(Overlay::Picker { picker, .. }) => text
            .chars()
            .filter(|c| !c.is_control())
            .for_each(|c| picker.push(c)),
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
