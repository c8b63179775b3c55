//! The layers import only downwards (docs/architecture.md): the core never names the
//! workbench or a terminal crate, the workbench never names the terminal side, and only
//! the commands decide exit codes.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The lines of the files under `src/<layer>` that use one of `forbidden`, as
/// `file:line: text`.
fn uses(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let mut found = Vec::new();
    for file in sources(&root) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if forbidden.iter().any(|f| code.contains(f)) {
                found.push(format!("{}:{}: {code}", file.display(), n + 1));
            }
        }
    }
    found
}

#[test]
fn the_core_names_neither_the_workbench_nor_a_terminal_crate() {
    let forbidden = [
        "crate::app",
        "crate::ui",
        "crate::tui",
        "crate::cli",
        "crate::commands",
        "ratatui",
        "crossterm",
    ];
    for layer in ["domain", "formats", "extract"] {
        let found = uses(layer, &forbidden);
        assert!(found.is_empty(), "{layer}:\n{}", found.join("\n"));
    }
}

#[test]
fn the_workbench_does_not_reach_up_to_the_terminal_or_the_commands() {
    let found = uses(
        "app",
        &[
            "crate::ui",
            "crate::tui",
            "crate::cli",
            "crate::commands",
            "ratatui",
            "crossterm",
        ],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn only_the_commands_decide_exit_codes() {
    for layer in ["domain", "formats", "extract", "app", "ui", "tui"] {
        let found = uses(layer, &["commands::", "exit::", "exit_code"]);
        assert!(found.is_empty(), "{layer}:\n{}", found.join("\n"));
    }
}
