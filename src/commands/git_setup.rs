//! `scholia git-setup [DIR]`: makes git merge sidecars and the corpus registry with
//! `scholia merge-driver` in the repository holding DIR: the `.gitattributes` line (shared with the team once
//! committed) and the `merge.scholia.*` settings of this clone. Running it again
//! changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::GitSetupArgs;
use crate::domain::atomic::write_atomic;

use super::exit;
use super::failure::Failure;

/// The `.gitattributes` lines that send sidecars and the corpus registry to the driver.
pub const ATTRIBUTES_LINES: [&str; 2] = [
    "*.scholia.json merge=scholia",
    "scholia-registry.json merge=scholia",
];
/// The `git config` settings of the driver: key and value.
pub const SETTINGS: [(&str, &str); 2] = [
    ("merge.scholia.name", "scholia sidecar merge"),
    ("merge.scholia.driver", "scholia merge-driver %O %A %B %P"),
];

/// Sets the repository up and says on `out` what it did.
pub fn run(args: &GitSetupArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let root = PathBuf::from(git(&dir, &["rev-parse", "--show-toplevel"])?.trim_end());
    let attributes = root.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(failed(format!(
                "{} cannot be read: {e}",
                attributes.display()
            )))
        }
    };
    let mut text = existing.clone();
    for line in ATTRIBUTES_LINES {
        match with_attributes_line(&text, line) {
            Some(longer) => {
                text = longer;
                let _ = writeln!(out, "added `{line}` to {} (commit it so that the whole team merges sidecars this way)", attributes.display());
            }
            None => {
                let _ = writeln!(out, "{} already has `{line}`", attributes.display());
            }
        }
    }
    if text != existing {
        write_atomic(&attributes, text.as_bytes(), false).map_err(|e| {
            failed(format!(
                "{} could not be written: {e}",
                attributes.display()
            ))
        })?;
    }
    for (key, value) in SETTINGS {
        let current = git(&root, &["config", "--get", key]).ok();
        if current.as_deref().map(str::trim_end) == Some(value) {
            let _ = writeln!(out, "git config {key} is already \"{value}\"");
        } else {
            git(&root, &["config", key, value])?;
            let _ = writeln!(out, "set git config {key} to \"{value}\"");
        }
    }
    Ok(exit::OK)
}

/// The `.gitattributes` text with `wanted` added at the end, or `None` when a line
/// already says it.
fn with_attributes_line(text: &str, wanted: &str) -> Option<String> {
    let said = |line: &str| line.split_whitespace().eq(wanted.split_whitespace());
    if text.lines().any(said) {
        return None;
    }
    let mut text = text.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(wanted);
    text.push('\n');
    Some(text)
}

/// Runs `git ARGS` in `dir`; its standard output, or a failure saying what went wrong.
fn git(dir: &Path, args: &[&str]) -> Result<String, Failure> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| failed(format!("git could not be run ({e}); is it installed?")))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("fatal: ");
        return Err(failed(format!(
            "git {} failed in {}: {said}",
            args.join(" "),
            dir.display()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn failed(message: String) -> Failure {
    Failure {
        code: exit::IO,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_added_once_after_what_is_there() {
        let line = ATTRIBUTES_LINES[0];
        assert_eq!(
            with_attributes_line("", line).as_deref(),
            Some("*.scholia.json merge=scholia\n")
        );
        assert_eq!(
            with_attributes_line("*.txt text", line).as_deref(),
            Some("*.txt text\n*.scholia.json merge=scholia\n")
        );
        assert_eq!(
            with_attributes_line("*.txt text\n*.scholia.json  merge=scholia\n", line),
            None
        );
        assert!(with_attributes_line("*.scholia.json merge=union\n", line).is_some());
    }

    #[test]
    fn the_registry_line_is_added_beside_the_sidecars_line_once() {
        let mut text = "*.scholia.json merge=scholia\n".to_string();
        for line in ATTRIBUTES_LINES {
            if let Some(longer) = with_attributes_line(&text, line) {
                text = longer;
            }
        }
        assert_eq!(
            text,
            "*.scholia.json merge=scholia\nscholia-registry.json merge=scholia\n"
        );
        assert!(ATTRIBUTES_LINES
            .iter()
            .all(|line| with_attributes_line(&text, line).is_none()));
    }
}
