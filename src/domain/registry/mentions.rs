//! How often each registry entry is mentioned across a corpus: for every sidecar under
//! the corpus root, the annotations (rejected ones left out) whose entity points at a
//! registry id. Reading every sidecar is slow on a large corpus, so callers do it once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::super::regular_file::read_regular_text;
use super::super::sidecar::MAX_SIDECAR_SIZE;
use super::file::Registry;
use super::usage::sidecars;

/// The part of a sidecar this scan reads.
#[derive(Deserialize)]
struct Sidecar {
    #[serde(default)]
    entities: Vec<EntityRef>,
    #[serde(default)]
    annotations: Vec<AnnotationRef>,
}

/// An entity's id and registry id.
#[derive(Deserialize)]
struct EntityRef {
    #[serde(default)]
    id: String,
    #[serde(default)]
    registry: Option<String>,
}

/// An annotation's entity and status.
#[derive(Deserialize)]
struct AnnotationRef {
    #[serde(default)]
    entity: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

/// The mentions of each registry id (as written in the sidecars, not resolved through
/// merges): per sidecar, how many annotations point at it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MentionCounts {
    /// Registry id → (sidecar, mentions in it), in path order.
    pub by_entry: BTreeMap<String, Vec<(PathBuf, usize)>>,
    /// Sidecars that could not be read or parsed (left out of the counts).
    pub unreadable: Vec<PathBuf>,
}

impl MentionCounts {
    /// The articles that mention the live entry `id` or an entry merged into it, with
    /// their counts, in path order (an article pointing at both counted once, summed).
    pub fn of(&self, registry: &Registry, id: &str) -> Vec<(&Path, usize)> {
        let mut found: BTreeMap<&Path, usize> = BTreeMap::new();
        for (written, articles) in &self.by_entry {
            if registry.resolve(written).is_none_or(|e| e.id != id) {
                continue;
            }
            for (path, count) in articles {
                *found.entry(path.as_path()).or_default() += count;
            }
        }
        found.into_iter().collect()
    }
}

/// Counts the mentions of registry entries in every sidecar in `root` and its
/// subfolders.
pub fn scan(root: &Path) -> MentionCounts {
    let mut mentions = MentionCounts::default();
    for path in sidecars(root) {
        let parsed = read_regular_text(&path, MAX_SIDECAR_SIZE)
            .ok()
            .and_then(|text| serde_json::from_str::<Sidecar>(&text).ok());
        let Some(parsed) = parsed else {
            mentions.unreadable.push(path);
            continue;
        };
        let entry_of: HashMap<&str, &str> = parsed
            .entities
            .iter()
            .filter_map(|e| Some((e.id.as_str(), e.registry.as_deref()?)))
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &parsed.annotations {
            if a.status.as_deref() == Some("rejected") {
                continue;
            }
            if let Some(entry) = a.entity.as_deref().and_then(|e| entry_of.get(e)) {
                *counts.entry(entry).or_default() += 1;
            }
        }
        for (entry, count) in counts {
            mentions
                .by_entry
                .entry(entry.to_string())
                .or_default()
                .push((path.clone(), count));
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::super::entry::EntryKind;
    use super::*;
    use std::fs;

    #[test]
    fn mentions_are_counted_per_article_through_merges_without_rejected_ones() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let one = dir.path().join("a.txt.scholia.json");
        let two = dir.path().join("sub/b.txt.scholia.json");
        fs::write(
            &one,
            r#"{"entities": [{"id": "e1", "registry": "r1"}, {"id": "e2", "registry": "r2"}],
                "annotations": [{"entity": "e1"}, {"entity": "e1", "status": "pending"},
                                {"entity": "e1", "status": "rejected"}, {"entity": "e2"}, {}]}"#,
        )
        .unwrap();
        fs::write(
            &two,
            r#"{"entities": [{"id": "e1", "registry": "r2"}], "annotations": [{"entity": "e1"}]}"#,
        )
        .unwrap();
        fs::write(dir.path().join("c.txt.scholia.json"), "{oops").unwrap();
        let mentions = scan(dir.path());
        assert_eq!(mentions.by_entry["r1"], [(one.clone(), 2)]);
        assert_eq!(mentions.unreadable.len(), 1);
        let mut r = Registry::new();
        r.add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        r.add("Express K", EntryKind::Source, "publication")
            .unwrap();
        assert_eq!(mentions.of(&r, "r1"), [(one.as_path(), 2)]);
        r.merge("r1", "r2", None).unwrap();
        assert_eq!(
            mentions.of(&r, "r1"),
            [(one.as_path(), 3), (two.as_path(), 1)]
        );
        assert!(mentions.of(&r, "r2").is_empty());
    }
}
