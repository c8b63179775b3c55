//! The registry file as a whole, and the edits made on it. Entries are never deleted: a
//! merged entry stays as a redirect (`merged_into`), so every sidecar that points at it
//! still finds its source without being rewritten.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use super::entry::{Entry, EntryKind, Grade};

/// The format tag this version reads and writes.
pub const FORMAT: &str = "scholia-registry/1";

/// The registry: canonical entries shared by the articles of a corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    /// `scholia-registry/1`.
    pub format: String,
    /// The entries, ordered by id (`r2` before `r10`).
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            format: FORMAT.to_string(),
            entries: Vec::new(),
            extra: Map::new(),
        }
    }
}

/// Why an edit of the registry was refused; the registry is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// No entry has this id.
    #[error("the registry has no entry {0}")]
    Unknown(String),
    /// The entry was merged into another; edit that one.
    #[error("{0} was merged into {1}; use {1}")]
    Merged(String, String),
    /// An entry cannot be merged into itself.
    #[error("{0} and {1} are the same entry")]
    Same(String, String),
    /// Both entries are graded, differently, and no side was chosen.
    #[error("{keep} is graded {keep_grade} and {gone} {gone_grade}: choose whose grade to keep (--keep {keep} or --keep {gone})")]
    GradeConflict {
        /// The entry that stays.
        keep: String,
        /// Its grade.
        keep_grade: String,
        /// The entry merged into it.
        gone: String,
        /// Its grade.
        gone_grade: String,
    },
    /// The chosen grade belongs to neither entry.
    #[error("--keep must name {0} or {1}")]
    NotInMerge(String, String),
    /// No new id is left (the numbering overflowed).
    #[error("the registry has run out of ids")]
    OutOfIds,
}

/// The number of an id `rN`, when it has that shape.
fn id_number(id: &str) -> Option<u64> {
    id.strip_prefix('r')?.parse().ok()
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// The entry with id `id` itself, redirect or not.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    fn entry_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.id == id)
    }

    /// The entry a sidecar pointing at `id` means: `id`'s entry, or the entry it was
    /// merged into (followed through several merges; a loop of redirects gives `None`).
    pub fn resolve(&self, id: &str) -> Option<&Entry> {
        let mut entry = self.entry(id)?;
        for _ in 0..=self.entries.len() {
            match &entry.merged_into {
                None => return Some(entry),
                Some(next) => entry = self.entry(next)?,
            }
        }
        None
    }

    /// The entries that are not redirects, in id order.
    pub fn live(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.merged_into.is_none())
    }

    /// The id the next entry gets: one past the largest `rN` in use.
    pub fn next_id(&self) -> Result<String, EditError> {
        let largest = self
            .entries
            .iter()
            .filter_map(|e| id_number(&e.id))
            .max()
            .unwrap_or(0);
        let next = largest.checked_add(1).ok_or(EditError::OutOfIds)?;
        Ok(format!("r{next}"))
    }

    /// Adds a new entry and returns its id.
    pub fn add(&mut self, name: &str, kind: EntryKind, label: &str) -> Result<String, EditError> {
        let id = self.next_id()?;
        self.entries.push(Entry::new(id.clone(), name, kind, label));
        self.sort();
        Ok(id)
    }

    /// Sets (or with `None` clears) the grade of the entry `id` means (following
    /// redirects) and returns that entry's id.
    pub fn set_grade(&mut self, id: &str, grade: Option<Grade>) -> Result<String, EditError> {
        let target = self.live_id(id)?;
        if let Some(entry) = self.entry_mut(&target) {
            entry.reliability = grade;
        }
        Ok(target)
    }

    /// The id of the live entry `id` means, or why there is none.
    fn live_id(&self, id: &str) -> Result<String, EditError> {
        self.entry(id)
            .ok_or_else(|| EditError::Unknown(id.to_string()))?;
        self.resolve(id)
            .map(|e| e.id.clone())
            .ok_or_else(|| EditError::Unknown(id.to_string()))
    }

    /// Merges entry `gone` into entry `keep`: `keep` gains `gone`'s name and aliases as
    /// aliases and its external ids; a grade only `gone` has moves over; when both are
    /// graded differently, `keep_grade_of` (one of the two ids) says whose grade stays,
    /// else the merge is refused. `gone` stays as a redirect to `keep`.
    pub fn merge(
        &mut self,
        keep: &str,
        gone: &str,
        keep_grade_of: Option<&str>,
    ) -> Result<(), EditError> {
        for id in [keep, gone] {
            let entry = self
                .entry(id)
                .ok_or_else(|| EditError::Unknown(id.to_string()))?;
            if let Some(into) = &entry.merged_into {
                return Err(EditError::Merged(id.to_string(), into.clone()));
            }
        }
        if keep == gone {
            return Err(EditError::Same(keep.to_string(), gone.to_string()));
        }
        if let Some(choice) = keep_grade_of {
            if choice != keep && choice != gone {
                return Err(EditError::NotInMerge(keep.to_string(), gone.to_string()));
            }
        }
        let kept = self.entry(keep).cloned().ok_or(EditError::OutOfIds)?;
        let merged = self.entry(gone).cloned().ok_or(EditError::OutOfIds)?;
        let grade = match (&kept.reliability, &merged.reliability) {
            (Some(a), Some(b)) if a.grade != b.grade => match keep_grade_of {
                Some(choice) if choice == gone => Some(b.clone()),
                Some(_) => Some(a.clone()),
                None => {
                    return Err(EditError::GradeConflict {
                        keep: keep.to_string(),
                        keep_grade: a.grade.clone(),
                        gone: gone.to_string(),
                        gone_grade: b.grade.clone(),
                    })
                }
            },
            (Some(a), _) => Some(a.clone()),
            (None, b) => b.clone(),
        };
        let entry = self.entry_mut(keep).ok_or(EditError::OutOfIds)?;
        for name in merged.names() {
            if name != entry.name && !entry.aliases.iter().any(|a| a == name) {
                entry.aliases.push(name.to_string());
            }
        }
        for id in &merged.external {
            if !entry.external.contains(id) {
                entry.external.push(id.clone());
            }
        }
        if entry.note.is_none() {
            entry.note = merged.note.clone();
        }
        entry.reliability = grade;
        let redirect = self.entry_mut(gone).ok_or(EditError::OutOfIds)?;
        redirect.merged_into = Some(keep.to_string());
        Ok(())
    }

    /// Puts the entries in id order (`r2` before `r10`, other ids after, by text), the
    /// order the file is written in.
    pub fn sort(&mut self) {
        self.entries
            .sort_by(|a, b| match (id_number(&a.id), id_number(&b.id)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.id.cmp(&b.id),
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Registry {
        let mut r = Registry::new();
        r.add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        r.add("Express K", EntryKind::Source, "publication")
            .unwrap();
        r
    }

    #[test]
    fn ids_count_up_in_numeric_order() {
        let mut r = Registry::new();
        for _ in 0..10 {
            r.add("x", EntryKind::Entity, "ORG").unwrap();
        }
        let ids: Vec<&str> = r.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.last(), Some(&"r10"));
        assert_eq!(ids[1], "r2");
        r.entries[0].id = format!("r{}", u64::MAX);
        assert_eq!(r.next_id(), Err(EditError::OutOfIds));
    }

    #[test]
    fn a_merge_unions_names_and_leaves_a_redirect() {
        let mut r = two();
        r.entries[1].aliases.push("Ekspress K".into());
        r.entries[1].external.push("wikidata:Q1".into());
        r.merge("r1", "r2", None).unwrap();
        let kept = r.entry("r1").unwrap();
        assert_eq!(kept.aliases, ["Express K", "Ekspress K"]);
        assert_eq!(kept.external, ["wikidata:Q1"]);
        assert_eq!(r.resolve("r2").unwrap().id, "r1");
        assert_eq!(r.live().count(), 1);
        assert_eq!(
            r.merge("r1", "r2", None),
            Err(EditError::Merged("r2".into(), "r1".into()))
        );
        assert_eq!(r.set_grade("r2", None), Ok("r1".to_string()));
    }

    #[test]
    fn differing_grades_refuse_a_merge_unless_one_is_chosen() {
        let mut r = two();
        r.set_grade("r1", Some(Grade::new("B", "ann", "t")))
            .unwrap();
        r.set_grade("r2", Some(Grade::new("E", "ann", "t")))
            .unwrap();
        let before = r.clone();
        assert!(matches!(
            r.merge("r1", "r2", None),
            Err(EditError::GradeConflict { .. })
        ));
        assert_eq!(r, before, "a refused merge changes nothing");
        assert_eq!(
            r.merge("r1", "r2", Some("r9")),
            Err(EditError::NotInMerge("r1".into(), "r2".into()))
        );
        r.merge("r1", "r2", Some("r2")).unwrap();
        assert_eq!(r.entry("r1").unwrap().grade(), Some("E"));
    }

    #[test]
    fn a_loop_of_redirects_resolves_to_nothing() {
        let mut r = two();
        r.entries[0].merged_into = Some("r2".into());
        r.entries[1].merged_into = Some("r1".into());
        assert!(r.resolve("r1").is_none());
        assert_eq!(
            r.set_grade("r1", None),
            Err(EditError::Unknown("r1".into()))
        );
    }
}
