//! The status line: mode, keys typed so far, the message or the keys that matter now,
//! and on the right the save state, the counts and the file. While the annotations are
//! read after the first screen, it says so instead of the hints and the counts.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use crate::app::command::Command;
use crate::app::display_text::sanitize_line;
use crate::app::keymap::Context;
use crate::app::panel;
use crate::app::prompt_keys;
use crate::app::review::awaits_review;
use crate::app::state::{App, Focus, Overlay, SaveState, Tab};
use crate::domain::model::Kind;
use crate::domain::schema::LabelKind;

use super::text::{self, rect};
use super::theme::Theme;

/// The key shown for `command` in `context`: its first default key still bound to it,
/// else the shortest key the config bound to it.
pub(super) fn key_of(app: &App, context: Context, command: &Command) -> Option<String> {
    app.keymap
        .hint_key(context, command)
        .map(|k| sanitize_line(&k))
}

/// The keys of two commands as one hint (`↑ ↓`, `j k`), as far as they are bound.
pub(super) fn keys_of_pair(
    app: &App,
    context: Context,
    first: &Command,
    second: &Command,
) -> Option<String> {
    let keys: Vec<String> = [first, second]
        .into_iter()
        .filter_map(|c| key_of(app, context, c))
        .collect();
    (!keys.is_empty()).then(|| keys.join(" "))
}

/// The mode's name: a prompt's, else PANEL, VISUAL, or NORMAL (READ-ONLY when the
/// session cannot save).
fn mode_name(app: &App) -> &'static str {
    match &app.overlay {
        Some(Overlay::Help { .. }) => "HELP",
        Some(Overlay::Messages { .. }) => "MESSAGES",
        Some(Overlay::Picker { .. }) => "PICK",
        Some(Overlay::Note { .. }) => "NOTE",
        Some(Overlay::Search { .. }) => "SEARCH",
        Some(Overlay::Filter { .. }) => "FILTER",
        Some(Overlay::Link(_)) => "LINK",
        Some(Overlay::Claims(_)) => "CLAIMS",
        Some(Overlay::Registry(_)) => "REGISTRY",
        None if app.focus == Focus::Panel => "PANEL",
        None if app.anchor.is_some() => "VISUAL",
        None if app.read_only.is_some() => "READ-ONLY",
        None => "NORMAL",
    }
}

/// Draws the status line in `app.screen.status`.
pub(super) fn draw(buf: &mut Buffer, app: &App, theme: &Theme) {
    let area = rect(app.screen.status, buf);
    if area.is_empty() {
        return;
    }
    let width = area.width;
    let mut left = vec![(
        format!(" {} ", mode_name(app)),
        theme.title().add_modifier(Modifier::REVERSED),
    )];
    if !app.pending_keys.is_empty() {
        let typed: Vec<String> = app
            .pending_keys
            .iter()
            .map(|k| sanitize_line(&k.to_string()))
            .collect();
        left.push((
            format!(" {}…", typed.join(" ")),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    let left_end = text::put_spans(buf, area.x, area.y, width, &left);
    let middle = Middle::of(app, theme);
    let middle_width = middle.width();
    let free = usize::from(area.right().saturating_sub(left_end));
    let budget = free
        .saturating_sub(middle_width + 2)
        .max(usize::from(width) / 3);
    let right = right_side(app, theme, budget);
    let right_width: usize = right.iter().map(|(t, _)| text::width(t)).sum();
    let right_x = area.right().saturating_sub(right_width as u16);
    if right_x > left_end {
        text::put_spans(buf, right_x, area.y, area.right() - right_x, &right);
    }
    let middle_end = if right_x > left_end + 1 {
        right_x - 1
    } else {
        area.right()
    };
    if middle_end > left_end + 1 {
        middle.draw(buf, left_end + 1, area.y, middle_end - left_end - 1, theme);
    }
}

/// The save state, then as room allows the counts and the file name, within `budget`
/// columns.
fn right_side(app: &App, theme: &Theme, budget: usize) -> Vec<(String, Style)> {
    let save = match (&app.read_only, &app.save_state) {
        (Some(_), _) => ("read-only".to_string(), theme.banner()),
        (None, SaveState::Saved) => ("saved".to_string(), theme.dim()),
        (None, SaveState::Saving) => ("saving…".to_string(), theme.dim()),
        (None, SaveState::Unsaved) => (
            "unsaved".to_string(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        (None, SaveState::Failed(why)) => {
            (format!("FAILED: {}", sanitize_line(why)), theme.error())
        }
    };
    let save_width = text::width(&save.0);
    let save = (
        text::truncate(&save.0, budget.max(12).min(save_width)),
        save.1,
    );
    let counts = if app.loading() {
        "loading…".to_string()
    } else {
        let pending = panel::counts(app).pending;
        format!("{} ann, {pending} pending", app.store.annotation_count())
    };
    let file = sanitize_line(&app.doc.file_name());
    let sep = (" │ ".to_string(), theme.dim());
    let mut used = text::width(&save.0) + 1;
    let mut out = vec![save, (" ".to_string(), Style::default())];
    if used + text::width(&counts) + 3 <= budget {
        used += text::width(&counts) + 3;
        out.insert(0, sep.clone());
        out.insert(0, (counts, theme.dim()));
    }
    if used + text::width(&file) + 3 <= budget {
        out.insert(0, sep);
        out.insert(0, (file, Style::default()));
    }
    out
}

/// The middle of the status line: the message if there is one (errors in the error
/// style and after `!`), else the keys that matter in this mode.
enum Middle {
    /// A message, cut to fit; when cut, it ends with the key of the message log
    /// (`g m more`), if one is bound.
    Message(String, Style, Option<String>),
    /// Key hints, (key, what), shown whole or not at all.
    Hints(Vec<(String, String)>),
}

impl Middle {
    fn of(app: &App, theme: &Theme) -> Middle {
        match &app.message {
            Some(m) => {
                let log = key_of(app, Context::Article, &Command::Messages);
                if m.error {
                    Middle::Message(format!("! {}", sanitize_line(&m.text)), theme.error(), log)
                } else {
                    Middle::Message(sanitize_line(&m.text), Style::default(), log)
                }
            }
            // The keys wait for the annotations: no hints until they can be used.
            None if app.loading() => {
                Middle::Message("loading annotations…".to_string(), theme.dim(), None)
            }
            None => Middle::Hints(hints(app)),
        }
    }

    /// Columns it needs to show whole.
    fn width(&self) -> usize {
        match self {
            Middle::Message(text, _, _) => text::width(text),
            Middle::Hints(hints) => hints
                .iter()
                .map(|(k, w)| text::width(k) + 1 + text::width(w) + 2)
                .sum::<usize>()
                .saturating_sub(2),
        }
    }

    /// Draws it from (`x`, `y`) within `max` columns.
    fn draw(&self, buf: &mut Buffer, x: u16, y: u16, max: u16, theme: &Theme) {
        match self {
            Middle::Message(text, style, log) => {
                let more = log.as_ref().map(|key| (key.clone(), " more".to_string()));
                match more {
                    Some((key, what))
                        if text::width(text) > usize::from(max)
                            && usize::from(max) > text::width(&key) + what.len() + 12 =>
                    {
                        let hint_width = (text::width(&key) + what.len() + 1) as u16;
                        let cut = text::truncate(text, usize::from(max - hint_width));
                        let spans = vec![
                            (cut, *style),
                            (" ".to_string(), Style::default()),
                            (key, Style::default().add_modifier(Modifier::BOLD)),
                            (what, theme.dim()),
                        ];
                        text::put_spans(buf, x, y, max, &spans);
                    }
                    _ => {
                        text::put(buf, x, y, text, max, *style);
                    }
                }
            }
            Middle::Hints(hints) => {
                let end = x.saturating_add(max);
                let mut at = x;
                for (i, (key, what)) in hints.iter().enumerate() {
                    let gap = if i == 0 { 0 } else { 2 };
                    let needed = gap + text::width(key) + 1 + text::width(what);
                    if usize::from(end - at) < needed {
                        break;
                    }
                    let spans = vec![
                        (" ".repeat(gap), Style::default()),
                        (key.clone(), Style::default().add_modifier(Modifier::BOLD)),
                        (format!(" {what}"), theme.dim()),
                    ];
                    at = text::put_spans(buf, at, y, end - at, &spans);
                }
            }
        }
    }
}

/// (keys, what they do) for the mode, from the keys actually bound.
fn hints(app: &App) -> Vec<(String, String)> {
    if let Some(overlay) = &app.overlay {
        return prompt_hints(app, prompt_keys::context_of(overlay));
    }
    if app.focus == Focus::Panel {
        let mut commands = vec![
            (Command::PanelActivate, "jump"),
            (Command::NextTab, "tab"),
            (Command::PanelFilter, "filter"),
        ];
        if app.panel.tab == Tab::Review {
            commands.extend([
                (Command::Accept, "accept"),
                (Command::Reject, "reject"),
                (Command::Skip, "skip"),
                (Command::ToggleReviewOrder, "order"),
            ]);
        }
        commands.extend([(Command::SwitchPane, "article"), (Command::Help, "help")]);
        return bound(app, Context::Panel, &commands);
    }
    let entity = entity_keys(app).map(|keys| (keys, "entity".to_string()));
    if app.anchor.is_some() {
        let mut out: Vec<(String, String)> = entity.into_iter().collect();
        out.extend(bound(
            app,
            Context::Article,
            &[
                (Command::TagClaim, "claim"),
                (Command::TagSource, "source"),
                (Command::Cancel, "cancel"),
            ],
        ));
        return out;
    }
    let target = app.focused_annotation();
    let pending_here = app.target_where(awaits_review).is_ok();
    let mut out = match target {
        Some(_) if pending_here => bound(
            app,
            Context::Article,
            &[
                (Command::Accept, "accept"),
                (Command::Reject, "reject"),
                (Command::Skip, "skip"),
                (Command::Relabel, "relabel"),
            ],
        ),
        Some(_) => {
            let mut c = vec![(Command::Relabel, "relabel"), (Command::Delete, "delete")];
            if app.annotations_under_cursor().len() > 1 {
                c.insert(0, (Command::FocusNext, "next here"));
            }
            if app.target_of_kind(&[Kind::Claim]).is_ok() {
                c.extend([(Command::Link, "link"), (Command::Stance, "stance")]);
            }
            if app.target_of_kind(&[Kind::Claim, Kind::Source]).is_ok() {
                c.push((Command::Grade, "grade"));
            }
            c.push((Command::Note, "note"));
            bound(app, Context::Article, &c)
        }
        None => {
            let mut out = bound(app, Context::Article, &[(Command::Visual, "select")]);
            out.extend(entity);
            out.extend(bound(
                app,
                Context::Article,
                &[(Command::TagClaim, "claim"), (Command::TagSource, "source")],
            ));
            out
        }
    };
    if panel::counts(app).pending > 0 {
        out.extend(bound(app, Context::Article, &[(Command::Review, "review")]));
    }
    out.extend(bound(
        app,
        Context::Article,
        &[
            (Command::NextAnnotation, "next"),
            (Command::SwitchPane, "panel"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
    ));
    out
}

/// (keys, what they do) in a prompt, from the prompt's context of the keymap.
pub(super) fn prompt_hints(app: &App, context: Context) -> Vec<(String, String)> {
    let pair = |first: Command, second: Command, what: &str| {
        keys_of_pair(app, context, &first, &second).map(|k| (k, what.to_string()))
    };
    let mut out = Vec::new();
    match context {
        Context::Help => {
            out.extend(pair(Command::Down, Command::Up, "scroll"));
            out.extend(pair(Command::HalfPageDown, Command::HalfPageUp, "page"));
            out.extend(bound(app, context, &[(Command::Cancel, "close")]));
        }
        Context::Picker => {
            out.push(("type".to_string(), "filter".to_string()));
            out.extend(pair(Command::Up, Command::Down, "choose"));
            out.extend(bound(
                app,
                context,
                &[(Command::Confirm, "pick"), (Command::Cancel, "cancel")],
            ));
        }
        Context::Link => {
            out.push(("type".to_string(), "filter".to_string()));
            out.extend(pair(Command::Up, Command::Down, "choose"));
            out.extend(pair(
                Command::NextLinkType,
                Command::PrevLinkType,
                "relation type",
            ));
            out.extend(bound(
                app,
                context,
                &[(Command::Confirm, "link"), (Command::Cancel, "cancel")],
            ));
        }
        Context::ClaimsTable => {
            out.extend(pair(Command::Down, Command::Up, "move"));
            out.extend(bound(
                app,
                context,
                &[
                    (Command::SortNext, "sort"),
                    (Command::SortReverse, "reverse"),
                    (Command::Confirm, "go to the claim"),
                    (Command::Cancel, "close"),
                ],
            ));
        }
        Context::Registry => {
            out.extend(pair(Command::Down, Command::Up, "move"));
            out.extend(bound(
                app,
                context,
                &[
                    (Command::Grade, "grade"),
                    (Command::RegistryAliases, "aliases"),
                    (Command::Merge, "merge"),
                    (Command::Confirm, "mentions"),
                    (Command::Cancel, "close"),
                ],
            ));
        }
        Context::Note => out.extend(bound(
            app,
            context,
            &[(Command::Confirm, "save"), (Command::Cancel, "discard")],
        )),
        Context::Search => {
            out.extend(bound(
                app,
                context,
                &[(Command::Confirm, "search"), (Command::Cancel, "cancel")],
            ));
            out.extend(pair(Command::Up, Command::Down, "history"));
            out.extend(bound(
                app,
                context,
                &[(Command::DeleteWordBefore, "delete word")],
            ));
            out.extend(bound(
                app,
                context,
                &[(Command::DeleteToLineStart, "clear")],
            ));
        }
        Context::Filter => out.extend(bound(
            app,
            context,
            &[(Command::Confirm, "keep"), (Command::Cancel, "clear")],
        )),
        Context::Confirm => out.extend(bound(app, context, &[(Command::Confirm, "quit")])),
        Context::Article | Context::Panel | Context::List => {}
    }
    out
}

/// Hints as one line: `j k scroll · Esc close`.
pub(super) fn hint_line(hints: &[(String, String)]) -> String {
    hints
        .iter()
        .map(|(key, what)| format!("{key} {what}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// (key, what) for each command that has a key in `context`.
pub(super) fn bound(
    app: &App,
    context: Context,
    commands: &[(Command, &str)],
) -> Vec<(String, String)> {
    commands
        .iter()
        .filter_map(|(command, what)| key_of(app, context, command).map(|k| (k, what.to_string())))
        .collect()
}

/// The entity type keys as one hint, "1–9".
fn entity_keys(app: &App) -> Option<String> {
    let keys: Vec<char> = app
        .schema
        .labels(LabelKind::Entity)
        .iter()
        .filter_map(|l| l.key)
        .collect();
    let shown = match keys.as_slice() {
        [] => return None,
        [one] => one.to_string(),
        [first, .., last] => format!("{first}–{last}"),
    };
    Some(sanitize_line(&shown))
}
