//! The key reference, generated from the keymap: every bound command with its keys and
//! description, in sections, scrollable.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::command::{Command, Section, COMMANDS};
use crate::app::display_text::sanitize_line;
use crate::app::keymap::Context;
use crate::app::state::App;

use super::status;
use super::text::{self, centered, rect_inside};
use super::theme::Theme;

/// A line of help.
enum HelpLine {
    /// A section title.
    Heading(&'static str),
    /// A command: its keys, what it does.
    Binding(String, String),
    /// Space between sections.
    Blank,
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
/// panel's keys where they differ.
fn lines(app: &App) -> Vec<HelpLine> {
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
    out
}

/// Draws the help box over `area` (the screen above the status line), from line
/// `scroll` (clamped so the box stays full).
pub(super) fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, scroll: usize) {
    let width = area.width.saturating_sub(4).clamp(area.width.min(24), 88);
    let height = area.height.saturating_sub(2).max(area.height.min(3));
    let boxed = centered(area, width, height);
    if boxed.is_empty() {
        return;
    }
    Clear.render(boxed, buf);
    Block::bordered()
        .border_style(theme.focused_border())
        .render(boxed, buf);
    let lines = lines(app);
    let inner = rect_inside(boxed);
    let shown = usize::from(inner.height);
    let first = scroll.min(lines.len().saturating_sub(shown));
    if boxed.width >= 5 {
        text::put(
            buf,
            boxed.x + 2,
            boxed.y,
            " Keys ",
            boxed.width - 4,
            theme.title(),
        );
        if boxed.height > 1 {
            let last = (first + shown).min(lines.len());
            let position = format!(
                " {}–{} of {} · {} ",
                first + 1,
                last,
                lines.len(),
                status::hint_line(&status::prompt_hints(app, Context::Help))
            );
            text::put(
                buf,
                boxed.x + 2,
                boxed.bottom() - 1,
                &position,
                boxed.width - 4,
                theme.dim(),
            );
        }
    }
    if inner.is_empty() {
        return;
    }
    let key_width = lines
        .iter()
        .map(|l| match l {
            HelpLine::Binding(keys, _) => text::width(keys),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .min(usize::from(inner.width) / 3)
        .min(18);
    for (i, line) in lines.iter().skip(first).take(shown).enumerate() {
        let y = inner.y + i as u16;
        match line {
            HelpLine::Heading(title) => {
                text::put(
                    buf,
                    inner.x + 1,
                    y,
                    title,
                    inner.width.saturating_sub(1),
                    theme.title(),
                );
            }
            HelpLine::Binding(keys, description) => {
                let keys = text::truncate(keys, key_width);
                let pad = " ".repeat(key_width - text::width(&keys) + 2);
                let spans = vec![
                    ("  ".to_string(), Style::default()),
                    (keys, Style::default().add_modifier(Modifier::BOLD)),
                    (pad, Style::default()),
                    (description.clone(), Style::default()),
                ];
                text::put_spans(buf, inner.x, y, inner.width, &spans);
            }
            HelpLine::Blank => {}
        }
    }
}
