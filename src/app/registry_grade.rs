//! The corpus registry in the workbench: an entity that points at a registry entry shows
//! the entry's grade (marked as the registry's), and grading its source grades the
//! entry, after asking when other articles of the corpus use it. Reading the sidecars to
//! count those articles and writing the registry are effects the session carries out;
//! their outcomes come back as actions.

use std::path::PathBuf;

use crate::domain::grades::RELIABILITY;
use crate::domain::model::Entity;
use crate::domain::registry::{Entry, Registry};

use super::action::Effect;
use super::command::Command;
use super::key::Key;
use super::keymap::Context;
use super::prompt_keys::bound;
use super::state::App;

/// The registry of the article's corpus, as the session last read or wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusRegistry {
    /// The registry file.
    pub path: PathBuf,
    /// Its entries.
    pub registry: Registry,
    /// Why it cannot be written (it failed to parse, or has a newer format): its
    /// entries are then unknown and nothing is graded in it.
    pub broken: Option<String>,
}

/// A registry grade waiting for the analyst to confirm it, because other articles use
/// the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeAsked {
    /// The entry.
    pub entry: String,
    /// The grade (empty: clear it).
    pub grade: String,
}

/// A grade as shown: its value and whether it comes from the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownGrade {
    /// The grade.
    pub grade: String,
    /// The registry entry it comes from, if it does.
    pub entry: Option<String>,
}

impl ShownGrade {
    /// "B", or "B (registry r1)".
    pub fn describe(&self) -> String {
        match &self.entry {
            Some(id) => format!("{} (registry {id})", self.grade),
            None => self.grade.clone(),
        }
    }
}

/// The live registry entry `entity` points at, when the corpus has a readable registry.
pub fn entry_of<'a>(app: &'a App, entity: &Entity) -> Option<&'a Entry> {
    let corpus = app.registry.as_ref().filter(|r| r.broken.is_none())?;
    corpus.registry.resolve(entity.registry.as_deref()?)
}

/// The reliability shown for `entity`: its registry entry's grade when the entry is
/// graded, else the entity's own.
pub fn reliability_of(app: &App, entity: &Entity) -> Option<ShownGrade> {
    if let Some(entry) = entry_of(app, entity) {
        if let Some(grade) = entry.grade() {
            return Some(ShownGrade {
                grade: grade.to_string(),
                entry: Some(entry.id.clone()),
            });
        }
    }
    entity.attrs.get(RELIABILITY).map(|grade| ShownGrade {
        grade: grade.clone(),
        entry: None,
    })
}

/// Grading annotation `id`'s entity when it points at a registry entry: asks the
/// session to count the articles that use the entry (the answer comes back as
/// [`registry_use`]). False when the entity points at no registry entry (the grade then
/// goes on the entity as before).
pub fn grade(app: &mut App, id: &str, value: &str, effects: &mut Vec<Effect>) -> bool {
    let Some(entity) = app
        .store
        .annotation(id)
        .and_then(|a| a.entity.as_ref())
        .and_then(|e| app.store.entity(e))
    else {
        return false;
    };
    let Some(pointed) = entity.registry.clone() else {
        return false;
    };
    let Some(corpus) = &app.registry else {
        return false;
    };
    if let Some(why) = &corpus.broken {
        app.complain(format!(
            "the registry cannot be written, so {pointed} keeps its grade: {why}"
        ));
        return true;
    }
    let Some(entry) = corpus.registry.resolve(&pointed) else {
        app.complain(format!(
            "{} points at registry entry {pointed}, which the registry does not have",
            entity.id
        ));
        return true;
    };
    if app.read_only.is_some() {
        app.complain("read-only: the registry is not graded from this session");
        return true;
    }
    effects.push(Effect::CountRegistryUse {
        entry: entry.id.clone(),
        grade: value.to_string(),
    });
    true
}

/// The session counted `others` other articles that use `entry`: grade it now when
/// there are none, else ask first.
pub fn registry_use(
    app: &mut App,
    entry: String,
    grade: String,
    others: usize,
    effects: &mut Vec<Effect>,
) {
    if others == 0 {
        effects.push(Effect::GradeRegistry { entry, grade });
        return;
    }
    let articles = if others == 1 { "article" } else { "articles" };
    let change = if grade.is_empty() {
        "clear its grade".to_string()
    } else {
        format!("grade it {grade}")
    };
    app.say(format!(
        "registry entry {entry} is used in {others} other {articles}: {change} in all of them? (y/n)"
    ));
    app.registry_grade_asked = Some(GradeAsked { entry, grade });
}

/// The analyst's answer to the question [`registry_use`] asked.
pub fn answer(app: &mut App, asked: GradeAsked, key: Key, effects: &mut Vec<Effect>) {
    if bound(app, Context::Confirm, key) == Some(Command::Confirm) {
        effects.push(Effect::GradeRegistry {
            entry: asked.entry,
            grade: asked.grade,
        });
    } else {
        app.say(format!("registry entry {} keeps its grade", asked.entry));
    }
}

/// The session wrote the registry (the file as written), or could not (why).
pub fn graded(app: &mut App, entry: &str, outcome: Result<Registry, String>) {
    match outcome {
        Ok(registry) => {
            let grade = registry
                .entry(entry)
                .and_then(Entry::grade)
                .unwrap_or("cleared")
                .to_string();
            if let Some(corpus) = &mut app.registry {
                corpus.registry = registry;
            }
            app.say(format!(
                "registry entry {entry} reliability {grade}, in every article of the corpus"
            ));
        }
        Err(why) => app.complain(format!("registry entry {entry} was not graded: {why}")),
    }
}
