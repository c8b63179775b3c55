//! `scholia merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for sidecars
//! (`%O %A %B %P`). Merges the three versions by annotation, entity and relation
//! (`domain::merge3`) and writes the result into OURS, atomically; exit 0 when the
//! merge is clean, 1 when conflicts were recorded for `scholia adjudicate`. A side that
//! is not a sidecar leaves OURS as it was. The corpus registry (PATH ending in
//! `scholia-registry.json`, or a version tagged `scholia-registry/1`) is merged by entry
//! instead (`domain::registry::merge`), its conflicts marked in the entries.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::MergeDriverArgs;
use crate::domain::merge3::{merge, Tally};
use crate::domain::registry::{self, disk::MAX_REGISTRY_SIZE, RegistryError};
use crate::domain::regular_file::read_regular_text;
use crate::domain::sidecar::{self, SidecarError, SidecarFile, MAX_SIDECAR_SIZE, SUFFIX};
use crate::formats::export::losses::counted;

use super::exit;
use super::failure::Failure;

/// Merges, writes OURS and prints a one-line summary on `err`.
pub fn run(args: &MergeDriverArgs, err: &mut dyn Write) -> Result<i32, Failure> {
    let name = args.path.clone().unwrap_or_else(|| args.ours.clone());
    if is_registry(args, &name) {
        return run_registry(args, &name, err);
    }
    let base = read_version(&args.base, &name, "the common ancestor's version")?;
    let ours =
        read_version(&args.ours, &name, "our version")?.ok_or_else(|| empty(&name, "our"))?;
    let theirs =
        read_version(&args.theirs, &name, "their version")?.ok_or_else(|| empty(&name, "their"))?;
    let merged = merge(base.as_ref(), &ours, &theirs);
    sidecar::write(&merged.file, &args.ours, false).map_err(|e| Failure {
        code: exit::SIDECAR,
        message: format!("{}: the merge could not be written: {e}", name.display()),
    })?;
    let settle = format!(
        "settle with `scholia adjudicate {}`",
        article_of(&name).display()
    );
    let _ = writeln!(err, "scholia: {}", summary(&name, &merged.tally, &settle));
    Ok(status(&merged.tally))
}

/// Exit 0 for a clean merge, 1 when conflicts were recorded.
fn status(tally: &Tally) -> i32 {
    if tally.conflicts == 0 {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}

/// Whether the files are the corpus registry: by the name git gives, or by the format
/// tag of one of the versions.
fn is_registry(args: &MergeDriverArgs, name: &Path) -> bool {
    let tagged = |path: &Path| {
        read_regular_text(path, MAX_REGISTRY_SIZE)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .is_some_and(|v| v.get("format").and_then(|f| f.as_str()) == Some(registry::FORMAT))
    };
    name.file_name() == Some(OsStr::new(registry::FILE_NAME))
        || [&args.base, &args.ours, &args.theirs]
            .into_iter()
            .any(|p| tagged(p))
}

/// Merges three versions of the registry by entry and writes OURS.
fn run_registry(args: &MergeDriverArgs, name: &Path, err: &mut dyn Write) -> Result<i32, Failure> {
    let base = read_registry(&args.base, name, "the common ancestor's version")?;
    let ours = read_registry(&args.ours, name, "our version")?.ok_or_else(|| empty(name, "our"))?;
    let theirs =
        read_registry(&args.theirs, name, "their version")?.ok_or_else(|| empty(name, "their"))?;
    let merged = registry::merge::merge(base.as_ref(), &ours, &theirs);
    registry::write(&args.ours, &merged.registry).map_err(|e| Failure {
        code: exit::SIDECAR,
        message: format!("{}: the merge could not be written: {e}", name.display()),
    })?;
    let mut settle = format!(
        "settle the entries marked \"conflict\" in {} by hand",
        name.display()
    );
    if !merged.tally.renumbered.is_empty() {
        settle.push_str(
            "; sidecars of theirs that point at a renumbered entry's old id (its \"renumbered_from\") now mean ours' entry of that id: point them at the new id",
        );
    }
    let _ = writeln!(err, "scholia: {}", summary(name, &merged.tally, &settle));
    Ok(status(&merged.tally))
}

/// One version of the registry; `None` for an empty file.
fn read_registry(
    path: &Path,
    name: &Path,
    version: &str,
) -> Result<Option<registry::Registry>, Failure> {
    let refused = |why: String| Failure {
        code: exit::SIDECAR,
        message: format!(
            "{}: {version} {why}; nothing was merged and the file is as git left it",
            name.display()
        ),
    };
    let text = read_regular_text(path, MAX_REGISTRY_SIZE)
        .map_err(|e| refused(format!("cannot be read ({e})")))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    registry::disk::parse(path, &text).map(Some).map_err(|e| {
        refused(match e {
            RegistryError::Parse {
                line,
                column,
                message,
                ..
            } => format!("is not a registry (line {line}, column {column}: {message})"),
            RegistryError::Format { found, .. } => {
                format!("has the format \"{found}\", not {}", registry::FORMAT)
            }
            other => format!("cannot be merged ({other})"),
        })
    })
}

/// One version of the sidecar; `None` for an empty file (git gives an empty ancestor
/// when both branches added the file).
fn read_version(path: &Path, name: &Path, version: &str) -> Result<Option<SidecarFile>, Failure> {
    let refused = |why: String| Failure {
        code: exit::SIDECAR,
        message: format!(
            "{}: {version} {why}; nothing was merged and the file is as git left it",
            name.display()
        ),
    };
    let text = read_regular_text(path, MAX_SIDECAR_SIZE)
        .map_err(|e| refused(format!("cannot be read ({e})")))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    sidecar::parse(path, &text).map(Some).map_err(|e| {
        refused(match e {
            SidecarError::Parse {
                line,
                column,
                message,
                ..
            } => format!("is not a sidecar (line {line}, column {column}: {message})"),
            other => {
                let message = other.to_string();
                let shown = path.display().to_string();
                let why = message.strip_prefix(&shown).unwrap_or(&message);
                format!("cannot be merged ({})", why.trim_start_matches([':', ' ']))
            }
        })
    })
}

fn empty(name: &Path, whose: &str) -> Failure {
    Failure {
        code: exit::SIDECAR,
        message: format!(
            "{}: {whose} version is empty; nothing was merged and the file is as git left it",
            name.display()
        ),
    }
}

/// "merged report.txt.scholia.json: 2 added on ours, 3 on theirs (1 renumbered: a4 →
/// a5), 1 added on both and kept once, 1 deletion applied, 1 conflict recorded (settle
/// with `scholia adjudicate report.txt`)".
fn summary(name: &Path, tally: &Tally, settle: &str) -> String {
    let mut parts = vec![
        format!("{} added on ours", tally.added_ours),
        format!("{} on theirs", tally.added_theirs),
    ];
    if !tally.renumbered.is_empty() {
        let renamed: Vec<String> = tally
            .renumbered
            .iter()
            .map(|(old, new)| format!("{old} → {new}"))
            .collect();
        parts[1].push_str(&format!(
            " ({} renumbered: {})",
            tally.renumbered.len(),
            renamed.join(", ")
        ));
    }
    parts.push(format!("{} added on both and kept once", tally.kept_once));
    parts.push(counted(
        tally.deleted,
        "deletion applied",
        "deletions applied",
    ));
    let mut conflicts = counted(tally.conflicts, "conflict recorded", "conflicts recorded");
    if tally.conflicts > 0 {
        conflicts.push_str(&format!(" ({settle})"));
    }
    parts.push(conflicts);
    if !tally.fields_kept_ours.is_empty() {
        parts.push(format!(
            "ours kept for the top-level fields both changed: {}",
            tally.fields_kept_ours.join(", ")
        ));
    }
    format!("merged {}: {}", name.display(), parts.join(", "))
}

/// The article a sidecar annotates: its path without `.scholia.json`.
fn article_of(sidecar: &Path) -> PathBuf {
    let text = sidecar.to_string_lossy();
    PathBuf::from(text.strip_suffix(SUFFIX).unwrap_or(&text))
}
