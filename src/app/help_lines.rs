//! The lines of the key reference (`?`), worked out from the keymap: every bound command
//! with its keys and description, in sections, then the keys that edit a prompt's text.
//! The app scrolls them (and stops at the last page); `ui` only draws them.

use std::collections::BTreeMap;

use super::command::{Command, Section, COMMANDS};
use super::display_text::sanitize_line;
use super::keymap::Context;
use super::state::App;

/// A line of help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section title.
    Heading(&'static str),
    /// A command: its keys, what it does.
    Binding(String, String),
    /// Space between sections.
    Blank,
}

/// What the commands that edit a prompt's text do there, in the order help lists them.
const TEXT_EDITING: [(Command, &str); 6] = [
    (Command::LineStart, "to the start of the line"),
    (Command::LineEnd, "to the end of the line"),
    (Command::WordPrev, "a word back"),
    (Command::WordNext, "a word forward"),
    (
        Command::DeleteWordBefore,
        "delete the word before the cursor (back to a blank)",
    ),
    (
        Command::DeleteToLineStart,
        "delete from the start of the line to the cursor",
    ),
];

/// What `command` does to the text of a prompt, if it edits it there.
pub fn text_editing_meaning(command: &Command) -> Option<&'static str> {
    TEXT_EDITING
        .iter()
        .find(|(c, _)| c == command)
        .map(|(_, meaning)| *meaning)
}

/// Every bound command's keys in one context, commands in help order.
fn keys_by_command(app: &App, context: Context) -> BTreeMap<usize, (Command, Vec<String>)> {
    let order = |c: &Command| match c {
        Command::TagEntity(_) => None,
        c => Command::all().position(|s| s == c),
    };
    let mut tag_entities: Vec<String> = Vec::new();
    let mut out: BTreeMap<usize, (Command, Vec<String>)> = BTreeMap::new();
    for (keys, command) in app.keymap.bindings(context) {
        let position = match order(&command) {
            Some(p) => p,
            None => {
                let name = command.name();
                let i = tag_entities
                    .iter()
                    .position(|n| *n == name)
                    .unwrap_or_else(|| {
                        tag_entities.push(name);
                        tag_entities.len() - 1
                    });
                // Entity types go right after the other tag commands' slot.
                COMMANDS.len() + i
            }
        };
        out.entry(position)
            .or_insert_with(|| (command.clone(), Vec::new()))
            .1
            .push(keys);
    }
    out
}

/// The help text: for each section, its commands with their article keys, and the
/// panel's keys where they differ; then the keys that edit the text of the search
/// prompt (the same in the filter, the note and a list's query unless rebound).
pub fn help_lines(app: &App) -> Vec<HelpLine> {
    let article = keys_by_command(app, Context::Article);
    let panel = keys_by_command(app, Context::Panel);
    let mut all: Vec<(usize, &Command)> = article
        .iter()
        .chain(panel.iter())
        .map(|(p, (c, _))| (*p, c))
        .collect();
    all.sort_by_key(|(p, _)| *p);
    let mut commands: Vec<(usize, Command)> = Vec::new();
    for (p, c) in all {
        if !commands.iter().any(|(_, seen)| seen == c) {
            commands.push((p, c.clone()));
        }
    }
    let find = |map: &BTreeMap<usize, (Command, Vec<String>)>, c: &Command| {
        map.values()
            .find(|(cmd, _)| cmd == c)
            .map(|(_, keys)| keys.join(", "))
    };
    let mut out = Vec::new();
    for section in Section::ALL {
        let in_section: Vec<&Command> = commands
            .iter()
            .map(|(_, c)| c)
            .filter(|c| c.spec().section == section)
            .collect();
        if in_section.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(section.title()));
        for command in in_section {
            let description = sanitize_line(&command.description());
            let line = match (find(&article, command), find(&panel, command)) {
                (Some(a), Some(p)) if a != p => HelpLine::Binding(
                    sanitize_line(&a),
                    format!("{description} (panel: {})", sanitize_line(&p)),
                ),
                (Some(a), _) => HelpLine::Binding(sanitize_line(&a), description),
                (None, Some(p)) => {
                    HelpLine::Binding(sanitize_line(&p), format!("{description} (panel)"))
                }
                (None, None) => continue,
            };
            out.push(line);
        }
    }
    let editing: Vec<HelpLine> = TEXT_EDITING
        .iter()
        .filter_map(|(command, meaning)| {
            let keys = app.keymap.keys_for(Context::Search, command);
            (!keys.is_empty())
                .then(|| HelpLine::Binding(sanitize_line(&keys.join(", ")), meaning.to_string()))
        })
        .collect();
    if !editing.is_empty() {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(
            "Typing in a prompt (/, filter, note, lists)",
        ));
        out.extend(editing);
    }
    out
}
