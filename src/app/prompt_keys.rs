//! Keys in a prompt (help, a picker, the note editor, the search and filter prompts, the
//! quit question). Each prompt is a keymap context: a key bound there runs its command
//! with the prompt's meaning (`confirm` picks, searches, keeps the note; `cancel` closes
//! or discards); any other key is typed into the prompt.

use super::action::Effect;
use super::command::Command;
use super::handlers;
use super::key::{Key, KeyCode};
use super::keymap::{Context, Lookup};
use super::search;
use super::state::{App, Overlay, Pick};
use super::tagging;
use super::text_input::TextInput;

/// The keymap context of a prompt.
pub fn context_of(overlay: &Overlay) -> Context {
    match overlay {
        Overlay::Help { .. } => Context::Help,
        Overlay::Picker { .. } => Context::Picker,
        Overlay::Note { .. } => Context::Note,
        Overlay::Search { .. } => Context::Search,
        Overlay::Filter { .. } => Context::Filter,
    }
}

/// The command `key` runs in `context`, if one key alone runs one.
fn bound(app: &App, context: Context, key: Key) -> Option<Command> {
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
    match overlay {
        Overlay::Help { scroll } => {
            let scroll = match command {
                Command::Down => scroll + 1,
                Command::Up => scroll.saturating_sub(1),
                Command::PageDown => scroll + 10,
                Command::PageUp => scroll.saturating_sub(10),
                Command::Cancel | Command::Confirm => return None,
                _ => scroll,
            };
            Some(Overlay::Help { scroll })
        }
        Overlay::Picker { mut picker, target } => {
            match command {
                Command::Cancel => return None,
                Command::Confirm => {
                    let choice = picker.current().map(|i| i.value.clone());
                    return choice.and_then(|choice| choose(app, choice, target, effects));
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
        Overlay::Search { input } => match command {
            Command::Confirm => {
                search::start(app, input.text());
                None
            }
            Command::Cancel => None,
            _ => Some(Overlay::Search { input }),
        },
        Overlay::Filter { input } => match command {
            Command::Confirm => None,
            Command::Cancel => {
                app.panel.filter.clear();
                None
            }
            _ => Some(Overlay::Filter { input }),
        },
    }
}

/// A key no command is bound to in the prompt: typed into it.
fn typed(app: &mut App, overlay: Overlay, key: Key, effects: &mut Vec<Effect>) -> Option<Overlay> {
    match overlay {
        Overlay::Help { scroll } => Some(Overlay::Help { scroll }),
        Overlay::Picker { mut picker, target } => {
            match key.code {
                KeyCode::Backspace => picker.pop(),
                KeyCode::Char(c) if !key.ctrl && !key.alt => {
                    if let Some(item) = picker.by_key(c) {
                        let choice = item.value.clone();
                        return choose(app, choice, target, effects);
                    }
                    picker.push(c);
                }
                _ => {}
            }
            Some(Overlay::Picker { picker, target })
        }
        Overlay::Note { mut input, target } => {
            match key.code {
                KeyCode::Enter => input.insert('\n'),
                _ => edit_input(&mut input, key),
            }
            Some(Overlay::Note { input, target })
        }
        Overlay::Search { mut input } => {
            edit_input(&mut input, key);
            Some(Overlay::Search { input })
        }
        Overlay::Filter { mut input } => {
            edit_input(&mut input, key);
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

/// Carries out a picker's choice; returns the prompt it opens, if any (a merge asking
/// which grade to keep, a palette command that opens a picker).
fn choose(
    app: &mut App,
    choice: Pick,
    target: Option<String>,
    effects: &mut Vec<Effect>,
) -> Option<Overlay> {
    let target = target.unwrap_or_default();
    match choice {
        Pick::Run(command) => handlers::run(app, command, effects),
        Pick::LinkTo(to) => tagging::add_link(app, &target, &to),
        Pick::Relabel(label) => tagging::set_label(app, &target, &label),
        Pick::SetAttr {
            name,
            value,
            on_entity,
        } => tagging::set_attr(app, &target, &name, &value, on_entity),
        Pick::MergeInto(entity) => tagging::merge_into(app, &target, entity),
        Pick::MergeKeeping {
            entity,
            reliability,
        } => tagging::join_entity(app, &target, Some(entity), Some(reliability)),
    }
    app.overlay.take()
}
