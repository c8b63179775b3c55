//! Finding, reading and writing `scholia-registry.json` with a sidecar's durability: the
//! file is written atomically; a file that fails to parse (or has a newer format) is
//! never overwritten; every write takes the registry's lock, re-reads the file and
//! applies its change by entry id to what is on disk, so that several workbenches and
//! commands grading different entries never undo each other's work.

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use serde_json::Value;
use thiserror::Error;

use super::super::atomic::write_atomic;
use super::super::error::json_message;
use super::super::lock::{self, Acquired};
use super::super::regular_file::{read_regular_text, ReadError};
use super::file::{EditError, Registry, FORMAT};

/// The registry's file name, at the corpus root.
pub const FILE_NAME: &str = "scholia-registry.json";
/// The largest registry scholia reads: 256 MiB.
pub const MAX_REGISTRY_SIZE: u64 = 256 << 20;
/// How long a write waits for another process's lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(3);
/// How often it tries in that time.
const LOCK_TRIES: u32 = 30;

/// Why the registry cannot be read or written. A registry in any of these states is
/// never overwritten.
#[derive(Debug, Error)]
pub enum RegistryError {
    /// Not valid JSON, or not the shape of a registry.
    #[error("{}:{line}:{column}: the registry cannot be read: {message}; fix it by hand (scholia will not overwrite it)", path.display())]
    Parse {
        /// The registry file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A format this version does not write: newer, or not a registry.
    #[error("{}: \"format\" is \"{found}\", not {FORMAT}; scholia will not overwrite it", path.display())]
    Format {
        /// The registry file.
        path: PathBuf,
        /// The format tag found.
        found: String,
    },
    /// Reading or writing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The registry file.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// Another process holds the registry's lock.
    #[error("{}: the registry is being written by another session ({holder}); try again", path.display())]
    Busy {
        /// The registry file.
        path: PathBuf,
        /// Who holds it.
        holder: String,
    },
    /// There is no registry where one was expected.
    #[error("{}: there is no registry; create one with `scholia registry init`", path.display())]
    Missing {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The edit was refused; nothing was written.
    #[error("{0}")]
    Edit(#[from] EditError),
}

/// The registry file of the corpus rooted at folder `dir`.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// The registry that governs `start` (an article or a folder): the nearest
/// `scholia-registry.json` in `start`'s folder (or `start` itself when it is one) or
/// an ancestor of it; `None` when there is none.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let first = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent()?
    };
    first
        .ancestors()
        .map(path_in)
        .find(|candidate| candidate.is_file())
}

/// Reads and parses the registry at `path`; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Registry>, RegistryError> {
    let io_error = |source| RegistryError::Io {
        path: path.to_path_buf(),
        source,
    };
    let text = match read_regular_text(path, MAX_REGISTRY_SIZE) {
        Ok(text) => text,
        Err(ReadError::Io(e)) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(e.into())),
    };
    parse(path, &text).map(Some)
}

/// Parses registry text; `path` names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Registry, RegistryError> {
    let format_of = || {
        serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|v| v.get("format")?.as_str().map(str::to_string))
    };
    let mut registry: Registry = match serde_json::from_str(text) {
        Ok(registry) => registry,
        Err(e) => {
            if let Some(found) = format_of().filter(|f| f != FORMAT) {
                return Err(RegistryError::Format {
                    path: path.to_path_buf(),
                    found,
                });
            }
            return Err(RegistryError::Parse {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                message: json_message(&e),
            });
        }
    };
    if registry.format != FORMAT {
        return Err(RegistryError::Format {
            path: path.to_path_buf(),
            found: registry.format,
        });
    }
    registry.sort();
    Ok(registry)
}

/// The registry as written: pretty-printed, entries in id order, a final newline.
pub fn render(registry: &Registry) -> String {
    let mut sorted = registry.clone();
    sorted.sort();
    let mut text = serde_json::to_string_pretty(&sorted).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes `registry` to `path` atomically and durably, with no lock and no re-read:
/// for a new registry (`registry init`). Edits go through [`update`].
pub fn write(path: &Path, registry: &Registry) -> Result<(), RegistryError> {
    write_atomic(path, render(registry).as_bytes(), false).map_err(|source| RegistryError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Changes the registry at `path` in the name of `user`: takes its lock (waiting a
/// little for another writer), re-reads the file, applies `edit` to what is on disk,
/// writes it atomically and releases the lock. Returns the registry as written and what
/// `edit` returned. When `edit` fails, or the file cannot be parsed, nothing is written.
pub fn update<T>(
    path: &Path,
    user: &str,
    edit: impl FnOnce(&mut Registry) -> Result<T, EditError>,
) -> Result<(Registry, T), RegistryError> {
    let _lock = hold(path, user)?;
    let mut registry = read(path)?.ok_or_else(|| RegistryError::Missing {
        path: path.to_path_buf(),
    })?;
    let result = edit(&mut registry)?;
    write(path, &registry)?;
    Ok((registry, result))
}

/// Takes the registry's lock, trying again for a while when another process holds it.
fn hold(path: &Path, user: &str) -> Result<lock::Lock, RegistryError> {
    let mut holder = String::new();
    for _ in 0..LOCK_TRIES {
        match lock::acquire(path, user) {
            Ok(Acquired::Held(held)) | Ok(Acquired::TookOver { lock: held, .. }) => {
                return Ok(held)
            }
            Ok(Acquired::Busy(who)) => holder = who,
            Err(e) => {
                return Err(RegistryError::Io {
                    path: path.to_path_buf(),
                    source: e.source,
                })
            }
        }
        thread::sleep(LOCK_WAIT / LOCK_TRIES);
    }
    Err(RegistryError::Busy {
        path: path.to_path_buf(),
        holder,
    })
}

#[cfg(test)]
mod tests {
    use super::super::entry::{EntryKind, Grade};
    use super::*;
    use std::fs;

    fn new_registry(dir: &Path) -> PathBuf {
        let path = path_in(dir);
        let mut r = Registry::new();
        r.add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        r.add("AFP", EntryKind::Source, "publication").unwrap();
        write(&path, &r).unwrap();
        path
    }

    #[test]
    fn the_nearest_registry_above_an_article_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        fs::create_dir_all(&nested).unwrap();
        fs::write(nested.join("x.txt"), "text").unwrap();
        assert_eq!(find_root(&nested.join("x.txt")), None);
        let path = new_registry(dir.path());
        let found = find_root(&nested.join("x.txt")).unwrap();
        assert_eq!(found.canonicalize().unwrap(), path.canonicalize().unwrap());
        let inner = new_registry(&dir.path().join("a"));
        let found = find_root(&nested).unwrap();
        assert_eq!(found.canonicalize().unwrap(), inner.canonicalize().unwrap());
    }

    #[test]
    fn unknown_fields_are_kept_at_every_level() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        let text = r#"{"format": "scholia-registry/1", "team": "desk",
            "entries": [{"id": "r1", "name": "AFP", "kind": "source", "label": "publication",
              "colour": "red", "reliability": {"grade": "B", "source": "desk policy"}}]}"#;
        fs::write(&path, text).unwrap();
        let (written, ()) = update(&path, "ann", |r| {
            r.entries[0].note = Some("wire".into());
            Ok(())
        })
        .unwrap();
        let back: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back["team"], "desk");
        assert_eq!(back["entries"][0]["colour"], "red");
        assert_eq!(back["entries"][0]["reliability"]["source"], "desk policy");
        assert_eq!(back["entries"][0]["note"], "wire");
        assert_eq!(read(&path).unwrap().unwrap(), written);
    }

    #[test]
    fn a_broken_or_newer_registry_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        for text in [
            "{\"format\": \"scholia-registry/1\",\n \"entries\": [oops]}",
            r#"{"format": "scholia-registry/2", "entries": {}}"#,
        ] {
            fs::write(&path, text).unwrap();
            let err = update(&path, "ann", |_| Ok(())).unwrap_err();
            assert!(
                matches!(
                    err,
                    RegistryError::Parse { line: 2, .. } | RegistryError::Format { .. }
                ),
                "{err}"
            );
            assert_eq!(fs::read_to_string(&path).unwrap(), text);
        }
    }

    #[test]
    fn an_outside_change_is_merged_by_id_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_registry(dir.path());
        // This session read the registry; another process then grades r2.
        let mine = read(&path).unwrap().unwrap();
        update(&path, "other", |r| {
            r.set_grade("r2", Some(Grade::new("A", "other", "t")))
        })
        .unwrap();
        let (now, _) = update(&path, "ann", |r| {
            r.set_grade("r1", Some(Grade::new("E", "ann", "t")))
        })
        .unwrap();
        assert_eq!(mine.entry("r2").unwrap().grade(), None);
        assert_eq!(now.entry("r1").unwrap().grade(), Some("E"));
        assert_eq!(now.entry("r2").unwrap().grade(), Some("A"), "kept");
        assert!(!lock::path_for(&path).exists(), "the lock is released");
    }

    #[test]
    fn a_held_lock_makes_a_write_wait_then_give_up_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_registry(dir.path());
        let before = fs::read_to_string(&path).unwrap();
        let _held = hold(&path, "other").unwrap();
        let err = update(&path, "ann", |r| r.set_grade("r1", None)).unwrap_err();
        assert!(matches!(err, RegistryError::Busy { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), before);
    }

    #[test]
    fn a_refused_edit_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_registry(dir.path());
        let before = fs::read_to_string(&path).unwrap();
        let err = update(&path, "ann", |r| r.set_grade("r9", None)).unwrap_err();
        assert_eq!(err.to_string(), "the registry has no entry r9");
        assert_eq!(fs::read_to_string(&path).unwrap(), before);
    }
}
