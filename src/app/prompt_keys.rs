//! Keys in a prompt (help, the message log, a picker, the link picker, the claims table,
//! the note editor, the search and filter prompts, the quit and accept-all questions). The
//! prompts with text (a picker's or the link picker's query, the note, the search and the
//! filter) share the editing commands (Ctrl-A/E, Alt-B/F, Ctrl-U/W by default); the
//! message log scrolls with the help's keys. Each prompt is a keymap context: a key bound
//! there runs its command
//! with the prompt's meaning (`confirm` picks, searches, keeps the note; `cancel` closes
//! or discards); any other key is typed into the prompt.

use super::action::Effect;
use super::claims_table;
use super::command::Command;
use super::handlers;
use super::help_lines::help_lines;
use super::key::{Key, KeyCode};
use super::keymap::{Context, Lookup};
use super::link_picker;
use super::registry_grade;
use super::registry_link;
use super::registry_screen;
use super::review::AcceptAllAsked;
use super::review_ops;
use super::screen::box_text_rows;
use super::search;
use super::state::{App, Overlay, Pick};
use super::tagging;
use super::text_input::TextInput;
use crate::domain::grades::RELIABILITY;

/// The keymap context of a prompt.
pub fn context_of(overlay: &Overlay) -> Context {
    match overlay {
        Overlay::Help { .. } | Overlay::Messages { .. } => Context::Help,
        Overlay::Picker { .. } => Context::Picker,
        Overlay::Note { .. } => Context::Note,
        Overlay::Search { .. } => Context::Search,
        Overlay::Filter { .. } => Context::Filter,
        Overlay::Link(_) => Context::Link,
        Overlay::Claims(_) => Context::ClaimsTable,
        Overlay::Registry(screen) => registry_screen::context(screen),
    }
}

/// The command `key` runs in `context`, if one key alone runs one.
pub(crate) fn bound(app: &App, context: Context, key: Key) -> Option<Command> {
    match app.keymap.lookup(context, &[key]) {
        Lookup::Run(command) => Some(command),
        Lookup::Pending | Lookup::Unbound => None,
    }
}

/// Answers the quit question: the `confirm` key quits, any other key stays.
pub fn answer_quit(app: &mut App, key: Key, effects: &mut Vec<Effect>) {
    app.confirm_quit = false;
    if bound(app, Context::Confirm, key) == Some(Command::Confirm) {
        app.quit = true;
        effects.push(Effect::Quit);
    } else {
        app.complain("not quitting: the changes are still unsaved");
    }
}

/// Answers the accept-all question: the `confirm` key accepts, any other key keeps the
/// suggestions pending.
pub fn answer_accept_all(app: &mut App, asked: AcceptAllAsked, key: Key) {
    if bound(app, Context::Confirm, key) == Some(Command::Confirm) {
        review_ops::accept_these(app, &asked);
    } else {
        app.say("nothing accepted: the suggestions stay pending");
    }
}

/// Handles a key in a prompt; returns the prompt to keep on screen, if any.
pub fn on_key(
    app: &mut App,
    overlay: Overlay,
    key: Key,
    effects: &mut Vec<Effect>,
) -> Option<Overlay> {
    match bound(app, context_of(&overlay), key) {
        Some(command) => run(app, overlay, &command, effects),
        None => typed(app, overlay, key, effects),
    }
}

/// Runs a command bound in a prompt, with that prompt's meaning.
fn run(
    app: &mut App,
    overlay: Overlay,
    command: &Command,
    effects: &mut Vec<Effect>,
) -> Option<Overlay> {
    if let Some(edit) = text_edit(command) {
        return Some(edit_text(app, overlay, edit));
    }
    match overlay {
        Overlay::Help { scroll } => {
            let last = help_lines(app).len().saturating_sub(page(app));
            let scroll = match scrolled(app, command, scroll) {
                Some(scroll) => scroll.min(last),
                None => return None,
            };
            Some(Overlay::Help { scroll })
        }
        Overlay::Messages { back } => {
            // Scrolling up the log goes back in time: the commands count from the newest.
            let oldest = app.messages().len().saturating_sub(1);
            let back = match command {
                Command::Up => back + 1,
                Command::Down => back.saturating_sub(1),
                Command::PageUp => back + page(app),
                Command::PageDown => back.saturating_sub(page(app)),
                Command::HalfPageUp => back + half_page(app),
                Command::HalfPageDown => back.saturating_sub(half_page(app)),
                Command::Cancel | Command::Confirm => return None,
                _ => back,
            };
            Some(Overlay::Messages {
                back: back.min(oldest),
            })
        }
        Overlay::Picker { mut picker, target } => {
            match command {
                Command::Cancel => return None,
                Command::Confirm => {
                    let choice = picker.current().map(|i| i.value.clone());
                    if let Some(choice) = choice {
                        choose(app, choice, target, effects);
                    }
                    // A command chosen in the palette may open a prompt of its own.
                    return app.overlay.take();
                }
                Command::Down => picker.step(1),
                Command::Up => picker.step(-1),
                _ => {}
            }
            Some(Overlay::Picker { picker, target })
        }
        Overlay::Note { input, target } => match command {
            Command::Confirm => {
                tagging::set_note(app, &target, input.text());
                None
            }
            Command::Cancel => {
                app.say("note discarded");
                None
            }
            _ => Some(Overlay::Note { input, target }),
        },
        Overlay::Search {
            mut input,
            mut recall,
        } => match command {
            Command::Confirm => {
                search::start(app, input.text());
                None
            }
            Command::Cancel => None,
            Command::Up | Command::Down => {
                let recalled = if *command == Command::Up {
                    recall.older(&app.search_history, input.text())
                } else {
                    recall.newer(&app.search_history)
                };
                if let Some(text) = recalled {
                    input.set_text(&text);
                }
                Some(Overlay::Search { input, recall })
            }
            _ => Some(Overlay::Search { input, recall }),
        },
        Overlay::Filter { input } => match command {
            Command::Confirm => None,
            Command::Cancel => {
                handlers::filter_panel(app, "");
                None
            }
            _ => Some(Overlay::Filter { input }),
        },
        Overlay::Link(mut link) => {
            match command {
                Command::Cancel => return None,
                Command::Confirm => {
                    link_picker::choose(app, &link);
                    return None;
                }
                Command::Down => link.picker.step(1),
                Command::Up => link.picker.step(-1),
                Command::NextLinkType => link = link_picker::cycle_type(app, &link, 1),
                Command::PrevLinkType => link = link_picker::cycle_type(app, &link, -1),
                _ => {}
            }
            Some(Overlay::Link(link))
        }
        Overlay::Claims(table) => {
            claims_table::on_command(app, table, command).map(Overlay::Claims)
        }
        Overlay::Registry(screen) => {
            registry_screen::on_command(app, screen, command, effects).map(Overlay::Registry)
        }
    }
}

/// The help's first line after a scroll command; `None` when the command closes it.
fn scrolled(app: &App, command: &Command, scroll: usize) -> Option<usize> {
    Some(match command {
        Command::Down => scroll + 1,
        Command::Up => scroll.saturating_sub(1),
        Command::PageDown => scroll + page(app),
        Command::PageUp => scroll.saturating_sub(page(app)),
        Command::HalfPageDown => scroll + half_page(app),
        Command::HalfPageUp => scroll.saturating_sub(half_page(app)),
        Command::Cancel | Command::Confirm => return None,
        _ => scroll,
    })
}

/// Rows of text a full-screen box shows (help, the message log): what a page scrolls.
fn page(app: &App) -> usize {
    usize::from(box_text_rows(app.size.1)).max(1)
}

fn half_page(app: &App) -> usize {
    (page(app) / 2).max(1)
}

/// The change a command makes to a prompt's text, if it edits text.
fn text_edit(command: &Command) -> Option<fn(&mut TextInput)> {
    Some(match command {
        Command::LineStart => TextInput::home,
        Command::LineEnd => TextInput::end,
        Command::WordPrev => TextInput::word_left,
        Command::WordNext => TextInput::word_right,
        Command::DeleteToLineStart => TextInput::delete_to_line_start,
        Command::DeleteWordBefore => TextInput::delete_word_before,
        _ => return None,
    })
}

/// Applies `change` to the text of the prompt, if it has text (a list's query, the
/// note, the search or the filter); the filter applies at once.
fn edit_text(app: &mut App, overlay: Overlay, change: impl FnOnce(&mut TextInput)) -> Overlay {
    match overlay {
        Overlay::Picker { mut picker, target } => {
            picker.edit(change);
            Overlay::Picker { picker, target }
        }
        Overlay::Note { mut input, target } => {
            change(&mut input);
            Overlay::Note { input, target }
        }
        Overlay::Search { mut input, recall } => {
            change(&mut input);
            Overlay::Search { input, recall }
        }
        Overlay::Filter { mut input } => {
            change(&mut input);
            handlers::filter_panel(app, input.text());
            Overlay::Filter { input }
        }
        Overlay::Link(mut link) => {
            link.picker.edit(change);
            Overlay::Link(link)
        }
        Overlay::Registry(mut screen) => {
            registry_screen::edit_text(&mut screen, change);
            Overlay::Registry(screen)
        }
        other @ (Overlay::Help { .. } | Overlay::Messages { .. } | Overlay::Claims(_)) => other,
    }
}

/// A key no command is bound to in the prompt: typed into it.
fn typed(app: &mut App, overlay: Overlay, key: Key, effects: &mut Vec<Effect>) -> Option<Overlay> {
    match overlay {
        Overlay::Picker { picker, target } => {
            if let Some(c) = key.typed_char() {
                if let Some(item) = picker.by_key(c) {
                    let choice = item.value.clone();
                    choose(app, choice, target, effects);
                    return app.overlay.take();
                }
            }
            let overlay = Overlay::Picker { picker, target };
            Some(edit_text(app, overlay, |input| edit_input(input, key)))
        }
        Overlay::Registry(screen) => Some(Overlay::Registry(registry_screen::typed(
            app, screen, key, effects,
        ))),
        Overlay::Note { mut input, target } if key.code == KeyCode::Enter => {
            input.insert('\n');
            Some(Overlay::Note { input, target })
        }
        other => Some(edit_text(app, other, |input| edit_input(input, key))),
    }
}

/// A key typed into a prompt's text: a character, or an editing key no command holds.
pub(crate) fn edit_input(input: &mut TextInput, key: Key) {
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

/// Carries out a picker's choice; returns the prompt it opens, if any (a merge asking
/// which grade to keep, a palette command that opens a picker).
fn choose(app: &mut App, choice: Pick, target: Option<String>, effects: &mut Vec<Effect>) {
    let target = target.unwrap_or_default();
    match choice {
        Pick::Run(command) => handlers::run(app, command, effects),
        Pick::Unlink(relation) => link_picker::remove(app, &relation),
        Pick::Relabel(label) => tagging::set_label(app, &target, &label),
        Pick::SetAttr {
            name,
            value,
            on_entity,
        } => {
            let in_registry = on_entity
                && name == RELIABILITY
                && registry_grade::grade(app, &target, &value, effects);
            if !in_registry {
                tagging::set_attr(app, &target, &name, &value, on_entity)
            }
        }
        Pick::MergeInto(entity) => tagging::merge_into(app, &target, entity),
        Pick::MergeRegistry(entry) => registry_link::link(app, &target, &entry),
        Pick::Export(format) => effects.push(Effect::Export(format)),
        Pick::MergeKeeping {
            entity,
            reliability,
        } => tagging::join_entity(app, &target, Some(entity), Some(reliability)),
    }
}
