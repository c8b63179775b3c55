//! Which articles of a corpus point at which registry entry: every sidecar under the
//! corpus root is read for its entities' `registry` ids. Reading every sidecar is slow
//! on a large corpus, so callers do it once, when they need it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::super::regular_file::read_regular_text;
use super::super::sidecar::{MAX_SIDECAR_SIZE, SUFFIX};

/// The part of a sidecar this scan reads.
#[derive(Deserialize)]
struct Entities {
    #[serde(default)]
    entities: Vec<EntityRef>,
}

/// An entity's registry id, and nothing else of it.
#[derive(Deserialize)]
struct EntityRef {
    #[serde(default)]
    registry: Option<String>,
}

/// The sidecars of a corpus that point at each registry id (as written in them, not
/// resolved through merges), each article once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Usage {
    /// Registry id → the sidecars pointing at it, in path order.
    pub by_entry: BTreeMap<String, Vec<PathBuf>>,
    /// Sidecars that could not be read or parsed (left out of the counts).
    pub unreadable: Vec<PathBuf>,
}

impl Usage {
    /// The sidecars pointing at any of `ids`, each once, leaving out `except`.
    pub fn articles_of(&self, ids: &[&str], except: Option<&Path>) -> Vec<&Path> {
        let mut found: Vec<&Path> = ids
            .iter()
            .filter_map(|id| self.by_entry.get(*id))
            .flatten()
            .map(PathBuf::as_path)
            .filter(|p| Some(*p) != except)
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

/// Scans every sidecar (`*.scholia.json`) in `root` and its subfolders (symbolic links
/// not followed; hidden folders such as `.git` skipped, as the batch commands skip them).
pub fn scan(root: &Path) -> Usage {
    let mut usage = Usage::default();
    for path in sidecars(root) {
        let parsed = read_regular_text(&path, MAX_SIDECAR_SIZE)
            .ok()
            .and_then(|text| serde_json::from_str::<Entities>(&text).ok());
        let Some(parsed) = parsed else {
            usage.unreadable.push(path);
            continue;
        };
        let mut ids: Vec<String> = parsed
            .entities
            .into_iter()
            .filter_map(|e| e.registry)
            .collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            usage.by_entry.entry(id).or_default().push(path.clone());
        }
    }
    usage
}

/// The sidecars (`*.scholia.json`) in `root` and its subfolders (symbolic links not
/// followed), in path order.
pub fn sidecars(root: &Path) -> Vec<PathBuf> {
    let mut folders = vec![root.to_path_buf()];
    let mut sidecars = Vec::new();
    while let Some(folder) = folders.pop() {
        let Ok(listing) = fs::read_dir(&folder) else {
            continue;
        };
        for item in listing.flatten() {
            let Ok(kind) = item.file_type() else { continue };
            let path = item.path();
            let hidden = item.file_name().to_string_lossy().starts_with('.');
            if kind.is_dir() && !hidden {
                folders.push(path);
            } else if kind.is_file() && item.file_name().to_string_lossy().ends_with(SUFFIX) {
                sidecars.push(path);
            }
        }
    }
    sidecars.sort();
    sidecars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_are_counted_once_per_entry_in_subfolders_too() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let one = dir.path().join("a.txt.scholia.json");
        let two = dir.path().join("sub/b.txt.scholia.json");
        fs::write(
            &one,
            r#"{"entities": [{"registry": "r1"}, {"registry": "r1"}, {"registry": "r2"}]}"#,
        )
        .unwrap();
        fs::write(&two, r#"{"entities": [{"registry": "r1"}, {}]}"#).unwrap();
        fs::write(dir.path().join("c.txt.scholia.json"), "{oops").unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        fs::write(
            dir.path().join(".git/d.txt.scholia.json"),
            r#"{"entities": [{"registry": "r1"}]}"#,
        )
        .unwrap();
        let usage = scan(dir.path());
        assert_eq!(usage.by_entry["r1"], [one.clone(), two.clone()]);
        assert_eq!(usage.by_entry["r2"], std::slice::from_ref(&one));
        assert_eq!(usage.unreadable.len(), 1);
        assert_eq!(
            usage.articles_of(&["r1", "r2"], Some(&one)),
            [two.as_path()]
        );
    }
}
