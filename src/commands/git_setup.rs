//! `scholia git-setup [DIR]`: makes git merge sidecars with `scholia merge-driver` in
//! the repository holding DIR: the `.gitattributes` line (shared with the team once
//! committed) and the `merge.scholia.*` settings of this clone. Running it again
//! changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::GitSetupArgs;
use crate::domain::atomic::write_atomic;

use super::exit;
use super::failure::Failure;

/// The `.gitattributes` line that sends sidecars to the driver.
pub const ATTRIBUTES_LINE: &str = "*.scholia.json merge=scholia";
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
    match with_attributes_line(&existing) {
        Some(text) => {
            write_atomic(&attributes, text.as_bytes(), false).map_err(|e| {
                failed(format!(
                    "{} could not be written: {e}",
                    attributes.display()
                ))
            })?;
            let _ = writeln!(out, "added `{ATTRIBUTES_LINE}` to {} (commit it so that the whole team merges sidecars this way)", attributes.display());
        }
        None => {
            let _ = writeln!(
                out,
                "{} already has `{ATTRIBUTES_LINE}`",
                attributes.display()
            );
        }
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

/// The `.gitattributes` text with the driver's line added at the end, or `None` when
/// a line already says it.
fn with_attributes_line(text: &str) -> Option<String> {
    let said = |line: &str| {
        line.split_whitespace()
            .eq(ATTRIBUTES_LINE.split_whitespace())
    };
    if text.lines().any(said) {
        return None;
    }
    let mut text = text.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(ATTRIBUTES_LINE);
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
        assert_eq!(
            with_attributes_line("").as_deref(),
            Some("*.scholia.json merge=scholia\n")
        );
        assert_eq!(
            with_attributes_line("*.txt text").as_deref(),
            Some("*.txt text\n*.scholia.json merge=scholia\n")
        );
        assert_eq!(
            with_attributes_line("*.txt text\n*.scholia.json  merge=scholia\n"),
            None
        );
        assert!(with_attributes_line("*.scholia.json merge=union\n").is_some());
    }
}
