//! Changes the registry screen makes to the corpus registry: a grade, the aliases, a
//! merge of two entries. The session applies one to the file under the registry's lock
//! (re-read first, see `domain::registry::update`) and reports the outcome as an action.

use crate::domain::registry::{EditError, Grade, Registry};

use super::display_text::sanitize_line;
use super::state::{App, Overlay};

/// One change to the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryEdit {
    /// Grade the entry (an empty grade clears it).
    Grade {
        /// The entry.
        entry: String,
        /// The grade, or empty.
        grade: String,
    },
    /// Replace the entry's aliases.
    Aliases {
        /// The entry.
        entry: String,
        /// The new aliases.
        aliases: Vec<String>,
    },
    /// Merge entry `gone` into entry `keep`.
    Merge {
        /// The entry that stays.
        keep: String,
        /// The entry that becomes a redirect.
        gone: String,
        /// Whose grade stays when both are graded differently.
        keep_grade_of: Option<String>,
    },
}

impl RegistryEdit {
    /// Applies the change to `registry` in the name of `by` at time `at` (RFC 3339).
    pub fn apply(&self, registry: &mut Registry, by: &str, at: &str) -> Result<(), EditError> {
        match self {
            RegistryEdit::Grade { entry, grade } => {
                let given = (!grade.is_empty()).then(|| Grade::new(grade.as_str(), by, at));
                registry.set_grade(entry, given).map(|_| ())
            }
            RegistryEdit::Aliases { entry, aliases } => {
                let id = registry
                    .resolve(entry)
                    .map(|e| e.id.clone())
                    .ok_or_else(|| EditError::Unknown(entry.clone()))?;
                if let Some(found) = registry.entries.iter_mut().find(|e| e.id == id) {
                    found.aliases = aliases.clone();
                }
                Ok(())
            }
            RegistryEdit::Merge {
                keep,
                gone,
                keep_grade_of,
            } => registry.merge(keep, gone, keep_grade_of.as_deref()),
        }
    }

    /// What the change did, for the status line.
    fn done(&self, registry: &Registry) -> String {
        match self {
            RegistryEdit::Grade { entry, .. } => {
                let grade = registry
                    .resolve(entry)
                    .and_then(|e| e.grade())
                    .map_or("cleared".to_string(), sanitize_line);
                format!(
                    "registry entry {entry} reliability {grade}, in every article of the corpus"
                )
            }
            RegistryEdit::Aliases { entry, aliases } if aliases.is_empty() => {
                format!("registry entry {entry} has no aliases now")
            }
            RegistryEdit::Aliases { entry, aliases } => format!(
                "registry entry {entry} aliases: {}",
                sanitize_line(&aliases.join(", "))
            ),
            RegistryEdit::Merge { keep, gone, .. } => {
                format!("registry entry {gone} merged into {keep} (sidecars pointing at {gone} now mean {keep})")
            }
        }
    }
}

/// Splits the aliases typed in the screen's prompt: comma-separated, trimmed, empty
/// ones and repeats left out.
pub fn parse_aliases(typed: &str) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    for alias in typed.split(',').map(str::trim).filter(|a| !a.is_empty()) {
        if !aliases.iter().any(|a| a == alias) {
            aliases.push(alias.to_string());
        }
    }
    aliases
}

/// The session applied `edit` to the registry file (the registry as written), or could
/// not (why).
pub fn edited(app: &mut App, edit: &RegistryEdit, outcome: Result<Registry, String>) {
    match outcome {
        Ok(registry) => {
            let done = edit.done(&registry);
            let live = registry.live().count();
            if let Some(corpus) = &mut app.registry {
                corpus.registry = registry;
            }
            // A merge leaves one entry fewer: the highlight stays on a row.
            if let Some(Overlay::Registry(screen)) = &mut app.overlay {
                screen.selected = screen.selected.min(live.saturating_sub(1));
            }
            app.say(done);
        }
        Err(why) => app.complain(format!("the registry was not changed: {why}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registry::EntryKind;

    #[test]
    fn aliases_are_split_on_commas_trimmed_and_deduplicated() {
        assert_eq!(
            parse_aliases(" Express K, ,Экспресс-К,Express K "),
            ["Express K", "Экспресс-К"]
        );
        assert!(parse_aliases(" , ").is_empty());
    }

    #[test]
    fn edits_follow_redirects_and_refuse_unknown_entries() {
        let mut r = Registry::new();
        r.add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        r.add("Express K", EntryKind::Source, "publication")
            .unwrap();
        let merge = RegistryEdit::Merge {
            keep: "r1".into(),
            gone: "r2".into(),
            keep_grade_of: None,
        };
        merge.apply(&mut r, "a", "t").unwrap();
        let aliases = RegistryEdit::Aliases {
            entry: "r2".into(),
            aliases: vec!["EK".into()],
        };
        aliases.apply(&mut r, "a", "t").unwrap();
        assert_eq!(r.entry("r1").unwrap().aliases, ["EK"]);
        let grade = RegistryEdit::Grade {
            entry: "r9".into(),
            grade: "B".into(),
        };
        assert!(grade.apply(&mut r, "a", "t").is_err());
    }
}
