//! The registry screen: the corpus registry's live entries over the whole screen, with
//! their kind, label, grade, aliases and mentions across the corpus (counted once per
//! session, in the background, when the screen first opens; "…" until then). Keys grade an entry, edit its aliases (one
//! comma-separated line), merge a marked entry into the highlighted one (asking whose
//! grade stays when both are graded differently); Enter lists the articles mentioning
//! the entry. Every change goes to the registry file through an effect.

use std::path::Path;

use crate::domain::grades::RELIABILITY;
use crate::domain::registry::Entry;
use crate::domain::sidecar::SUFFIX;

use super::action::Effect;
use super::command::Command;
use super::display_text::sanitize_line;
use super::key::{Key, KeyCode};
use super::keymap::Context;
use super::registry_edit::{parse_aliases, RegistryEdit};
use super::state::{App, Overlay};
use super::text_input::TextInput;

/// What the screen asks before it changes the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asking {
    /// The grade of this entry: the next key typed is one (a reliability key, `-` clears).
    Grade(String),
    /// This entry's aliases, edited as one comma-separated line.
    Aliases {
        /// The entry.
        entry: String,
        /// The line being edited.
        input: TextInput,
    },
    /// Whose grade stays when `gone` merges into `keep` (`1`: keep's, `2`: gone's).
    KeepGrade {
        /// The entry that stays.
        keep: String,
        /// The entry merged into it.
        gone: String,
    },
}

/// The open registry screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistryScreen {
    /// The highlighted row.
    pub selected: usize,
    /// The first row shown.
    pub scroll: usize,
    /// The entry marked to be merged into another.
    pub marked: Option<String>,
    /// The entry whose mentions are listed, when they are.
    pub mentions_of: Option<String>,
    /// The question on screen, if any.
    pub asking: Option<Asking>,
}

/// One entry as the screen shows it: every cell sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryRow {
    /// The entry's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `source` or `entity`.
    pub kind: String,
    /// Its label.
    pub label: String,
    /// Its grade, or empty.
    pub grade: String,
    /// Its aliases, joined by commas.
    pub aliases: String,
    /// Articles and mentions across the corpus, once counted.
    pub mentions: Option<(usize, usize)>,
}

/// Opens the screen at once; the first time in a session, asks the session to count
/// the mentions of every entry across the corpus (in the background).
pub fn open(app: &mut App, _: &Command, effects: &mut Vec<Effect>) {
    let Some(corpus) = &app.registry else {
        return app.complain(
            "this article's folder has no scholia-registry.json (scholia registry init makes one)",
        );
    };
    if let Some(why) = &corpus.broken {
        let why = why.clone();
        return app.complain(format!("the registry cannot be read: {why}"));
    }
    if app.registry_mentions.is_none() {
        effects.push(Effect::CountRegistryMentions);
    }
    app.overlay = Some(Overlay::Registry(RegistryScreen::default()));
}

/// The live entries, in id order.
fn entries(app: &App) -> Vec<&Entry> {
    app.registry
        .as_ref()
        .map(|c| c.registry.live().collect())
        .unwrap_or_default()
}

/// The screen's rows: the live entries in id order.
pub fn rows(app: &App) -> Vec<RegistryRow> {
    entries(app)
        .into_iter()
        .map(|e| RegistryRow {
            id: sanitize_line(&e.id),
            name: sanitize_line(&e.name),
            kind: e.kind.to_string(),
            label: sanitize_line(&e.label),
            grade: sanitize_line(e.grade().unwrap_or("")),
            aliases: sanitize_line(&e.aliases.join(", ")),
            mentions: mentions_of(app, &e.id)
                .map(|found| (found.len(), found.iter().map(|(_, count)| count).sum())),
        })
        .collect()
}

/// The articles mentioning entry `id` (or an entry merged into it) and how often, once
/// counted: each article's path relative to the corpus root (its sidecar's, less the
/// sidecar suffix), sanitised.
pub fn mentions_of(app: &App, id: &str) -> Option<Vec<(String, usize)>> {
    let corpus = app.registry.as_ref()?;
    let mentions = app.registry_mentions.as_ref()?;
    let root = corpus.path.parent().unwrap_or(Path::new(""));
    Some(
        mentions
            .of(&corpus.registry, id)
            .into_iter()
            .map(|(path, count)| {
                let shown = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
                let article = shown.strip_suffix(SUFFIX).unwrap_or(&shown);
                (sanitize_line(article), count)
            })
            .collect(),
    )
}

/// How many rows fit under the title and the headings, above the status line.
pub fn page_rows(app: &App) -> usize {
    usize::from(app.size.1).saturating_sub(3).max(1)
}

/// The keymap context of the screen: its own, or a prompt's while it asks.
pub fn context(screen: &RegistryScreen) -> Context {
    match screen.asking {
        None => Context::Registry,
        Some(Asking::Aliases { .. }) => Context::Filter,
        Some(Asking::Grade(_) | Asking::KeepGrade { .. }) => Context::Picker,
    }
}

/// Runs a command bound in the screen; returns the screen to keep, if any.
pub fn on_command(
    app: &mut App,
    mut screen: RegistryScreen,
    command: &Command,
    effects: &mut Vec<Effect>,
) -> Option<RegistryScreen> {
    if let Some(asking) = screen.asking.take() {
        answer(app, asking, command, effects);
        return Some(screen);
    }
    let last = entries(app).len().saturating_sub(1);
    let page = page_rows(app);
    let current = entries(app).get(screen.selected).map(|e| e.id.clone());
    match command {
        Command::Cancel if screen.mentions_of.is_some() => screen.mentions_of = None,
        Command::Cancel => return None,
        Command::Confirm => {
            screen.mentions_of = match screen.mentions_of {
                Some(_) => None,
                None => current,
            }
        }
        Command::Down => screen.selected = (screen.selected + 1).min(last),
        Command::Up => screen.selected = screen.selected.saturating_sub(1),
        Command::PageDown => screen.selected = (screen.selected + page).min(last),
        Command::PageUp => screen.selected = screen.selected.saturating_sub(page),
        Command::Top => screen.selected = 0,
        Command::Bottom => screen.selected = last,
        Command::Grade | Command::RegistryAliases | Command::Merge => {
            if let Some(entry) = current.filter(|_| writable(app)) {
                ask(app, &mut screen, command, entry, effects);
            }
        }
        _ => {}
    }
    if screen.mentions_of.is_some() {
        screen.mentions_of = entries(app).get(screen.selected).map(|e| e.id.clone());
    }
    keep_in_view(app, &mut screen);
    Some(screen)
}

/// Whether the registry can be changed from this session; else says why not.
fn writable(app: &mut App) -> bool {
    if let Some(why) = app.registry.as_ref().and_then(|c| c.broken.clone()) {
        app.complain(format!("the registry cannot be written: {why}"));
        return false;
    }
    if app.read_only.is_some() {
        app.complain("read-only: the registry is not changed from this session");
        return false;
    }
    true
}

/// Starts the change `command` asks for on `entry`.
fn ask(
    app: &mut App,
    screen: &mut RegistryScreen,
    command: &Command,
    entry: String,
    effects: &mut Vec<Effect>,
) {
    match command {
        Command::Grade => {
            let keys = grade_keys(app);
            app.say(format!("grade {entry}: {keys}, - clears, esc keeps it"));
            screen.asking = Some(Asking::Grade(entry));
        }
        Command::RegistryAliases => {
            let aliases = entries(app)
                .into_iter()
                .find(|e| e.id == entry)
                .map(|e| e.aliases.join(", "))
                .unwrap_or_default();
            app.say(format!(
                "aliases of {entry}, separated by commas (enter keeps them, esc cancels)"
            ));
            screen.asking = Some(Asking::Aliases {
                entry,
                input: TextInput::line(&aliases),
            });
        }
        _ => merge(app, screen, entry, effects),
    }
}

/// The reliability keys of the schema, as a hint ("a b c d e f").
fn grade_keys(app: &App) -> String {
    app.schema
        .attribute(RELIABILITY)
        .map(|def| {
            def.values
                .iter()
                .filter_map(|v| v.key)
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// The merge key: marks the highlighted entry, or merges the marked one into it.
fn merge(app: &mut App, screen: &mut RegistryScreen, keep: String, effects: &mut Vec<Effect>) {
    let Some(gone) = screen.marked.take() else {
        app.say(format!(
            "{keep} marked: highlight the entry to merge it into and press the merge key again"
        ));
        screen.marked = Some(keep);
        return;
    };
    if gone == keep {
        return app.say(format!("{keep} no longer marked"));
    }
    let grade_of = |id: &str| {
        entries(app)
            .into_iter()
            .find(|e| e.id == id)
            .and_then(|e| e.grade().map(str::to_string))
    };
    match (grade_of(&keep), grade_of(&gone)) {
        (Some(a), Some(b)) if a != b => {
            app.say(format!(
                "{keep} is graded {a} and {gone} {b}: 1 keeps {a}, 2 keeps {b}, esc cancels the merge",
                a = sanitize_line(&a),
                b = sanitize_line(&b)
            ));
            screen.asking = Some(Asking::KeepGrade { keep, gone });
        }
        _ => effects.push(Effect::EditRegistry(RegistryEdit::Merge {
            keep,
            gone,
            keep_grade_of: None,
        })),
    }
}

/// A command while the screen asks: confirms the aliases, anything else but typing
/// cancels.
fn answer(app: &mut App, asking: Asking, command: &Command, effects: &mut Vec<Effect>) {
    match (asking, command) {
        (Asking::Aliases { entry, input }, Command::Confirm) => {
            effects.push(Effect::EditRegistry(RegistryEdit::Aliases {
                entry,
                aliases: parse_aliases(input.text()),
            }))
        }
        (Asking::KeepGrade { keep, .. }, _) => app.say(format!("nothing merged into {keep}")),
        (Asking::Aliases { entry, .. } | Asking::Grade(entry), _) => {
            app.say(format!("registry entry {entry} unchanged"))
        }
    }
}

/// A key no command is bound to while the screen is open: typed into its question.
pub fn typed(
    app: &mut App,
    mut screen: RegistryScreen,
    key: Key,
    effects: &mut Vec<Effect>,
) -> RegistryScreen {
    let typed = key.typed_char();
    match screen.asking.take() {
        Some(Asking::Aliases { entry, mut input }) => {
            match key.code {
                KeyCode::Backspace => input.backspace(),
                KeyCode::Delete => input.delete(),
                KeyCode::Left => input.left(),
                KeyCode::Right => input.right(),
                KeyCode::Home => input.home(),
                KeyCode::End => input.end(),
                KeyCode::Char(c) if !key.ctrl && !key.alt => input.insert(c),
                _ => {}
            }
            screen.asking = Some(Asking::Aliases { entry, input });
        }
        Some(Asking::Grade(entry)) => {
            let grade = match typed {
                Some('-') => Some(String::new()),
                Some(c) => app
                    .schema
                    .attribute(RELIABILITY)
                    .and_then(|def| def.value_by_key(c))
                    .map(|v| v.value.clone()),
                None => None,
            };
            match grade {
                Some(grade) => {
                    effects.push(Effect::EditRegistry(RegistryEdit::Grade { entry, grade }))
                }
                None => app.say(format!("registry entry {entry} unchanged")),
            }
        }
        Some(Asking::KeepGrade { keep, gone }) => {
            let keep_grade_of = match typed {
                Some('1') => Some(keep.clone()),
                Some('2') => Some(gone.clone()),
                _ => None,
            };
            match keep_grade_of {
                Some(whose) => effects.push(Effect::EditRegistry(RegistryEdit::Merge {
                    keep,
                    gone,
                    keep_grade_of: Some(whose),
                })),
                None => app.say(format!("nothing merged into {keep}")),
            }
        }
        None => {}
    }
    screen
}

/// Applies a text-editing command to the aliases being edited, if they are.
pub fn edit_text(screen: &mut RegistryScreen, change: impl FnOnce(&mut TextInput)) {
    if let Some(Asking::Aliases { input, .. }) = &mut screen.asking {
        change(input);
    }
}

/// Scrolls so that the highlighted row is shown.
fn keep_in_view(app: &App, screen: &mut RegistryScreen) {
    let page = page_rows(app);
    if screen.selected < screen.scroll {
        screen.scroll = screen.selected;
    } else if screen.selected >= screen.scroll + page {
        screen.scroll = screen.selected + 1 - page;
    }
}
