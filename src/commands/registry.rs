//! `scholia registry`: create, add to, list, show, merge and export the corpus's source registry.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use super::exit;
use super::failure::Failure;
use super::safe_output::{SafeOutput, Shape};
use crate::cli::{RegistryAction, RegistryArgs};
use crate::domain::atomic::write_atomic;
use crate::domain::config::annotator::annotator_name;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::registry::{self, EditError, EntryKind, Registry, RegistryError};
use crate::formats::export::registry_csv::to_csv;

/// Runs a registry subcommand; its report goes to standard output.
pub fn run(args: &RegistryArgs) -> Result<i32, Failure> {
    let text = || SafeOutput::new(io::stdout().lock(), Shape::Text);
    match &args.action {
        RegistryAction::Init { dir } => init(dir, &mut text()),
        RegistryAction::List { corpus, jsonl } => {
            let shape = if *jsonl { Shape::Json } else { Shape::Text };
            list(
                corpus,
                *jsonl,
                &mut SafeOutput::new(io::stdout().lock(), shape),
            )
        }
        RegistryAction::Show { id, corpus } => show(
            corpus,
            id,
            &mut SafeOutput::new(io::stdout().lock(), Shape::Json),
        ),
        RegistryAction::Add {
            name,
            kind,
            label,
            aliases,
            external,
            corpus,
        } => add(
            corpus,
            &NewEntry {
                name,
                kind,
                label,
                aliases,
                external,
            },
            &mut text(),
        ),
        RegistryAction::Merge {
            id1,
            id2,
            keep,
            corpus,
        } => merge(corpus, id1, id2, keep.as_deref(), &mut text()),
        RegistryAction::Export {
            format,
            output,
            corpus,
        } => export(corpus, format, output.as_deref()),
    }
}

/// A registry failure as one sentence and an exit code: an unknown id is a usage
/// error, a refused merge a problem in the data, anything else a file error.
pub fn failure(e: RegistryError) -> Failure {
    let code = match &e {
        RegistryError::Edit(EditError::Unknown(_)) => exit::USAGE,
        RegistryError::Edit(_) => exit::PROBLEMS,
        RegistryError::Missing { .. } => exit::NOT_FOUND,
        _ => exit::SIDECAR,
    };
    Failure {
        code,
        message: e.to_string(),
    }
}

/// The registry governing `corpus` and where it is, or a failure saying there is none.
pub fn load(corpus: &Path) -> Result<(PathBuf, Registry), Failure> {
    if !corpus.exists() {
        return Err(Failure {
            code: exit::NOT_FOUND,
            message: format!("{}: no such file or folder", corpus.display()),
        });
    }
    let missing = || {
        failure(RegistryError::Missing {
            path: registry::path_in(corpus),
        })
    };
    let path = registry::find_root(corpus).ok_or_else(missing)?;
    let found = registry::read(&path).map_err(failure)?;
    Ok((path, found.ok_or_else(missing)?))
}

fn init(dir: &Path, out: &mut dyn Write) -> Result<i32, Failure> {
    if !dir.is_dir() {
        return Err(Failure {
            code: exit::NOT_FOUND,
            message: format!("{}: no such folder", dir.display()),
        });
    }
    let path = registry::path_in(dir);
    if path.exists() {
        return Err(Failure {
            code: exit::PROBLEMS,
            message: format!("{}: a registry is already there", path.display()),
        });
    }
    registry::write(&path, &Registry::new()).map_err(failure)?;
    let _ = writeln!(out, "{}: an empty registry", path.display());
    Ok(exit::OK)
}

fn list(corpus: &Path, jsonl: bool, out: &mut dyn Write) -> Result<i32, Failure> {
    let (_, found) = load(corpus)?;
    for e in found.live() {
        if jsonl {
            let _ = writeln!(out, "{}", json!(e));
        } else {
            let _ = writeln!(
                out,
                "{}  {}  {}  {}  {}",
                e.id,
                e.kind,
                e.label,
                e.grade().unwrap_or("-"),
                e.name
            );
        }
    }
    Ok(exit::OK)
}

fn show(corpus: &Path, id: &str, out: &mut dyn Write) -> Result<i32, Failure> {
    let (_, found) = load(corpus)?;
    if found.entry(id).is_none() {
        return Err(failure(EditError::Unknown(id.to_string()).into()));
    }
    let entry = found
        .resolve(id)
        .ok_or_else(|| failure(EditError::Unknown(id.to_string()).into()))?;
    let text = serde_json::to_string_pretty(entry).unwrap_or_default();
    let _ = writeln!(out, "{text}");
    Ok(exit::OK)
}

/// What `registry add` was given.
struct NewEntry<'a> {
    name: &'a str,
    kind: &'a str,
    label: &'a str,
    aliases: &'a [String],
    external: &'a [String],
}

fn add(corpus: &Path, new: &NewEntry, out: &mut dyn Write) -> Result<i32, Failure> {
    let (path, _) = load(corpus)?;
    let usage = |message: String| Failure {
        code: exit::USAGE,
        message,
    };
    if new.name.trim().is_empty() || new.label.trim().is_empty() {
        return Err(usage("an entry needs a name and a label".into()));
    }
    if let Some(bad) = new.external.iter().find(|x| !is_scheme_id(x)) {
        return Err(usage(format!(
            "{bad:?} is not an external id; write it as scheme:id, such as wikidata:Q42"
        )));
    }
    let kind = if new.kind == "entity" {
        EntryKind::Entity
    } else {
        EntryKind::Source
    };
    let (_, id) = registry::update(&path, &user_of(&path), |r| {
        let id = r.add(new.name.trim(), kind, new.label.trim())?;
        if let Some(entry) = r.entries.iter_mut().find(|e| e.id == id) {
            entry.aliases = new.aliases.iter().map(|a| a.trim().to_string()).collect();
            entry.external = new.external.to_vec();
        }
        Ok(id)
    })
    .map_err(failure)?;
    let _ = writeln!(
        out,
        "{id}  {kind}  {}  {}",
        new.label.trim(),
        new.name.trim()
    );
    Ok(exit::OK)
}

/// Whether `text` reads as `scheme:id`, both parts non-empty and without spaces.
fn is_scheme_id(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, id)| {
        !scheme.is_empty() && !id.is_empty() && !text.contains(char::is_whitespace)
    })
}

/// The name that edits of the registry at `path` are recorded under.
fn user_of(path: &Path) -> String {
    let configured = Config::load(&ConfigSources::discover(path))
        .ok()
        .and_then(|c| c.annotator);
    annotator_name(configured.as_deref())
}

fn merge(
    corpus: &Path,
    keep: &str,
    gone: &str,
    grade_of: Option<&str>,
    out: &mut dyn Write,
) -> Result<i32, Failure> {
    let (path, _) = load(corpus)?;
    let (merged, ()) = registry::update(&path, &user_of(&path), |r| r.merge(keep, gone, grade_of))
        .map_err(failure)?;
    let grade = merged
        .entry(keep)
        .and_then(|e| e.grade())
        .unwrap_or("ungraded");
    let _ = writeln!(
        out,
        "{gone} merged into {keep} (grade {grade}); sidecars pointing at {gone} now mean {keep}"
    );
    Ok(exit::OK)
}

fn export(corpus: &Path, format: &str, output: Option<&Path>) -> Result<i32, Failure> {
    let (_, found) = load(corpus)?;
    let data = match format {
        "csv" => to_csv(&found),
        _ => registry::disk::render(&found),
    };
    match output {
        Some(file) => write_atomic(file, data.as_bytes(), false).map_err(|e| Failure {
            code: exit::IO,
            message: format!("{}: {e}", file.display()),
        })?,
        // Into a pipe or a file the data passes as it is; a terminal gets visible marks.
        None if !io::stdout().is_terminal() => {
            let mut out = io::stdout().lock();
            let _ = out.write_all(data.as_bytes());
            let _ = out.flush();
        }
        None => {
            let mut out = SafeOutput::new(io::stdout().lock(), Shape::Text);
            let _ = out.write_all(data.as_bytes());
            let _ = out.flush();
        }
    }
    Ok(exit::OK)
}
