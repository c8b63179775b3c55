//! The palette's commands on the open article as a whole, as the command line runs them
//! on files: `export` (pick a format; the files go next to the article), `validate` and
//! `stats`. Export and validation touch the disk, so their handlers ask the session for
//! an effect and the session reports back on the status line (`Session::carry_out`).

use crate::domain::stats::count_store;
use crate::domain::validate::Problem;
use crate::formats::export::beside::{folder_of, same_file};
use crate::formats::export::{stem_of, ExportFormat, Exported};

use super::action::Effect;
use super::command::Command;
use super::display_text::sanitize_line;
use super::picker::{PickItem, Picker};
use super::state::{App, Overlay, Pick};

/// Opens the format picker of `export`; each item names the files it writes and says
/// when it replaces an earlier export.
pub fn export(app: &mut App) {
    let folder = folder_of(app.doc.path());
    let stem = stem_of(&app.doc);
    let items = ExportFormat::ALL
        .into_iter()
        .map(|format| {
            let names = format.file_names(&stem);
            let existing: Vec<&str> = names
                .iter()
                .filter(|name| {
                    let path = folder.join(name);
                    path.exists() && !same_file(&path, app.doc.path())
                })
                .map(String::as_str)
                .collect();
            let replaces = if existing.is_empty() {
                String::new()
            } else {
                format!(" (replaces {})", existing.join(", "))
            };
            PickItem {
                label: format.name().to_string(),
                detail: sanitize_line(&format!("{}{replaces}", names.join(", "))),
                key: None,
                value: Pick::Export(format),
            }
        })
        .collect();
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new("Export the article as", items),
        target: None,
    });
}

/// Asks the session to check the sidecar on disk, as `scholia validate` does.
pub fn validate(_: &mut App, _: &Command, effects: &mut Vec<Effect>) {
    effects.push(Effect::Validate);
}

/// Shows the counts of `scholia stats` for the open article on the status line.
pub fn stats(app: &mut App) {
    let line = count_store(&app.store).one_line();
    app.say(format!("stats: {line}"));
}

/// The status line after validating: valid, or how many problems and the first.
/// `unsaved`: the store holds changes the sidecar does not.
pub fn validation_report(problems: &[Problem], unsaved: bool) -> (String, bool) {
    let note = if unsaved {
        " (changes not yet saved are not in it)"
    } else {
        ""
    };
    let Some(first) = problems.first() else {
        return (format!("validate: the sidecar is valid{note}"), false);
    };
    let first = match &first.id {
        Some(id) => format!("{id}: {}", first.message),
        None => first.message.clone(),
    };
    let count = match problems.len() {
        1 => "1 problem".to_string(),
        n => format!("{n} problems, the first"),
    };
    (
        sanitize_line(&format!("validate: {count}: {first}{note}")),
        true,
    )
}

/// The status line after an export: where the files went and what was left out, or why
/// nothing was written.
pub fn export_report(
    format: ExportFormat,
    exported: &Exported,
    written: Result<Vec<std::path::PathBuf>, String>,
) -> (String, bool) {
    let paths = match written {
        Ok(paths) => paths,
        Err(why) => return (sanitize_line(&format!("export {format}: {why}")), true),
    };
    let Some(main) = paths.first() else {
        return (format!("export {format}: nothing to write"), false);
    };
    let main = std::path::absolute(main).unwrap_or_else(|_| main.clone());
    let more = match paths.len() {
        1 => String::new(),
        2 => " and 1 more file".to_string(),
        n => format!(" and {} more files", n - 1),
    };
    let not_written = exported.not_written().count();
    let in_part = exported.written_in_part().count();
    let first = exported
        .not_written()
        .chain(exported.written_in_part())
        .next()
        .map_or_else(String::new, |first| format!("; the first: {first}"));
    let text = format!(
        "export {format}: wrote {}{more} ({} annotations, {} relations; {not_written} not written, {in_part} written in part{first})",
        main.display(),
        exported.annotations,
        exported.relations,
    );
    (sanitize_line(&text), false)
}
