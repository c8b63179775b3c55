//! Replays the fuzz regression corpus (`fuzz/regressions/<target>/`) through the same
//! entry points the fuzz targets use, so a normal `cargo test` on the stable toolchain
//! keeps every input that once broke a reader from breaking it again.
//!
//! With `SCHOLIA_FUZZ_CORPUS` set to a folder laid out the same way (such as
//! `fuzz/corpus`), it replays that folder instead: a debug build checks for integer
//! overflow, which the optimised fuzz build does not.

use std::fs;
use std::path::{Path, PathBuf};

use scholia::formats::Format;
use scholia::fuzz_entry;

/// The inputs kept for `target` in `fuzz/<kept>/` (or `SCHOLIA_FUZZ_CORPUS`), sorted by
/// name.
fn inputs(kept: &str, target: &str) -> Vec<PathBuf> {
    let corpus = match std::env::var_os("SCHOLIA_FUZZ_CORPUS") {
        Some(folder) => PathBuf::from(folder),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz")
            .join(kept),
    };
    let folder = corpus.join(target);
    let mut inputs: Vec<PathBuf> = match fs::read_dir(&folder) {
        Ok(entries) => entries
            .map(|e| e.expect("a readable entry").path())
            .collect(),
        Err(e) => panic!("{}: {e}", folder.display()),
    };
    inputs.sort();
    assert!(!inputs.is_empty(), "{} holds no input", folder.display());
    inputs
}

/// Runs `entry` on every input of `fuzz/regressions/<target>/`, naming the one that
/// fails.
fn replay(target: &str, entry: impl Fn(&[u8])) {
    replay_kept("regressions", target, entry);
}

/// Runs `entry` on every input of `fuzz/<kept>/<target>/`, naming the one that fails.
fn replay_kept(kept: &str, target: &str, entry: impl Fn(&[u8])) {
    for path in inputs(kept, target) {
        let data = fs::read(&path).expect("a readable input");
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| entry(&data)));
        assert!(result.is_ok(), "{} fails again", path.display());
    }
}

#[test]
fn sidecar_regressions_hold() {
    replay("sidecar", fuzz_entry::sidecar);
}

#[test]
fn journal_regressions_hold() {
    replay("journal", fuzz_entry::journal);
}

#[test]
fn config_regressions_hold() {
    replay("config", fuzz_entry::config);
}

#[test]
fn spacy_regressions_hold() {
    replay("import_spacy", |data| {
        fuzz_entry::import(Format::Spacy, data)
    });
}

#[test]
fn brat_regressions_hold() {
    replay("import_brat", |data| fuzz_entry::import(Format::Brat, data));
}

#[test]
fn doccano_regressions_hold() {
    replay("import_doccano", |data| {
        fuzz_entry::import(Format::Doccano, data)
    });
}

#[test]
fn labelstudio_regressions_hold() {
    replay("import_labelstudio", |data| {
        fuzz_entry::import(Format::LabelStudio, data)
    });
}

#[test]
fn prodigy_regressions_hold() {
    replay("import_prodigy", |data| {
        fuzz_entry::import(Format::Prodigy, data)
    });
}

#[test]
fn w3c_regressions_hold() {
    replay("import_w3c", |data| fuzz_entry::import(Format::W3c, data));
}
