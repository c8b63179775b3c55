//! Linking mentions to the corpus registry: when a tagged source or entity (or the
//! entity it belongs to) is named like a registry entry, the status line proposes the
//! link and one key (`link-registry`) accepts it; the merge picker of `m` lists registry
//! entries too. Linking points the mention's canonical entity at the entry (a new
//! entity is made when the mention has none), so the entry's grade shows at once.

use crate::domain::model::{Annotation, Entity, Kind};
use crate::domain::registry::{Entry, EntryKind, NameIndex};
use crate::domain::schema::entity_type_of;

use super::command::Command;
use super::display_text::sanitize_line;
use super::keymap::Context;
use super::picker::PickItem;
use super::registry_grade::entry_of;
use super::state::{App, Pick};
use super::tagging::{target_of, touch};

/// The registry entry a mention could be linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProposal {
    /// The entry's id.
    pub entry: String,
    /// The entry's name.
    pub name: String,
}

/// The registry entries of a readable registry, when the corpus has one.
fn entries(app: &App) -> Option<&crate::domain::registry::Registry> {
    app.registry
        .as_ref()
        .filter(|r| r.broken.is_none())
        .map(|r| &r.registry)
}

/// Whether a registry entry of `kind` fits a mention of `kind` (a source entry for a
/// source, an entity entry for an entity).
fn fits(entry: &Entry, kind: Kind) -> bool {
    match entry.kind {
        EntryKind::Source => kind == Kind::Source,
        EntryKind::Entity => kind == Kind::Entity,
    }
}

/// The registry entry annotation `id` could be linked to: one whose name or alias is
/// the mention's text or its entity's name (folded as the registry folds names),
/// entries of the mention's kind first. `None` when the mention's entity already
/// points at the registry, or nothing matches.
pub fn proposal(app: &App, id: &str) -> Option<LinkProposal> {
    let registry = entries(app)?;
    let a = app.store.annotation(id)?;
    if !matches!(a.kind, Kind::Entity | Kind::Source) {
        return None;
    }
    let entity = a.entity.as_deref().and_then(|e| app.store.entity(e));
    if entity.is_some_and(|e| e.registry.is_some()) {
        return None;
    }
    let index = NameIndex::build(registry);
    let names = [
        Some(a.quote.exact.as_str()),
        entity.map(|e| e.name.as_str()),
    ];
    let found: Vec<&Entry> = names
        .into_iter()
        .flatten()
        .flat_map(|name| index.lookup(name))
        .filter_map(|entry| registry.entry(entry))
        .collect();
    let best = found
        .iter()
        .find(|e| fits(e, a.kind))
        .or_else(|| found.first())?;
    Some(LinkProposal {
        entry: best.id.clone(),
        name: best.name.clone(),
    })
}

/// Adds the link proposal for annotation `id`, if there is one, to the status line
/// message: "… · Ekspress-K is registry r3: K links it".
pub fn offer(app: &mut App, id: &str) {
    let Some(found) = proposal(app, id) else {
        return;
    };
    let key = app
        .keymap
        .hint_key(Context::Article, &Command::LinkRegistry)
        .unwrap_or_else(|| Command::LinkRegistry.name());
    let before = app
        .message()
        .map(|m| format!("{} · ", m.text))
        .unwrap_or_default();
    app.say(format!(
        "{before}{} is registry {}: {key} links it",
        sanitize_line(&found.name),
        found.entry
    ));
}

/// Accepts the link proposed for the mention under the cursor.
pub fn accept(app: &mut App) {
    let Some(a) = target_of(
        app,
        &[Kind::Entity, Kind::Source],
        "link-registry links a mention to the registry",
        "an entity or a source",
    ) else {
        return;
    };
    match proposal(app, &a.id) {
        Some(found) => link(app, &a.id, &found.entry),
        None if registry_entity(app, &a).is_some() => {
            app.complain(format!("{} is linked to the registry already", a.id))
        }
        None => app.complain(format!(
            "no registry entry is named \"{}\"",
            sanitize_line(&a.quote.exact)
        )),
    }
}

/// The registry entry the mention's entity points at, if any.
fn registry_entity<'a>(app: &'a App, a: &Annotation) -> Option<&'a Entry> {
    let entity = app.store.entity(a.entity.as_deref()?)?;
    entry_of(app, entity)
}

/// Links annotation `id` to registry entry `entry`: its entity points at the entry; a
/// mention without an entity joins the article's entity for the entry, or a new one
/// named after the entry. One step of the history.
pub fn link(app: &mut App, id: &str, entry: &str) {
    let Some(registry) = entries(app) else {
        return app.complain("the corpus has no readable registry");
    };
    let Some(target) = registry.resolve(entry).cloned() else {
        return app.complain(format!("the registry has no entry {entry}"));
    };
    let Some(mut a) = app.store.annotation(id).cloned() else {
        return;
    };
    let own = a
        .entity
        .as_deref()
        .and_then(|e| app.store.entity(e))
        .cloned();
    let same_entry = |e: &Entity| {
        e.registry
            .as_deref()
            .and_then(|r| registry.resolve(r))
            .is_some_and(|r| r.id == target.id)
    };
    let shared = app
        .store
        .entities()
        .into_iter()
        .find(|e| same_entry(e))
        .map(|e| e.id.clone());
    touch(app, &mut a);
    let entity_type = entity_type_of(a.kind, &a.label).to_string();
    let eid = app.store.group(|store| {
        let eid = match (own, shared) {
            (Some(mut own), _) => {
                own.registry = Some(target.id.clone());
                store.put_entity(own.clone());
                own.id
            }
            (None, Some(shared)) => shared,
            (None, None) => {
                let mut e = Entity::new(store.new_entity_id(), target.name.clone(), entity_type);
                e.registry = Some(target.id.clone());
                store.put_entity(e.clone());
                e.id
            }
        };
        if a.entity.as_deref() != Some(eid.as_str()) {
            a.entity = Some(eid.clone());
            store.replace_annotation(a);
        }
        eid
    });
    let grade = target
        .grade()
        .map(|g| format!(", reliability {}", sanitize_line(g)))
        .unwrap_or_default();
    app.say(format!(
        "{id} ({eid}) is registry {} \"{}\"{grade}",
        target.id,
        sanitize_line(&target.name)
    ));
}

/// The merge picker's rows for the registry's live entries: entries named like the
/// mention first, then those of its kind, each marked as a registry entry.
pub fn merge_items(app: &App, a: &Annotation) -> Vec<PickItem<Pick>> {
    let Some(registry) = entries(app) else {
        return Vec::new();
    };
    let named = proposal(app, &a.id).map(|p| p.entry);
    let mut live: Vec<&Entry> = registry.live().collect();
    live.sort_by_key(|e| (Some(&e.id) != named.as_ref(), !fits(e, a.kind)));
    live.into_iter()
        .map(|e| PickItem {
            label: sanitize_line(&e.name),
            detail: format!(
                "registry {} {} {}{}",
                e.id,
                e.kind,
                sanitize_line(&e.label),
                e.grade()
                    .map(|g| format!(" [{}]", sanitize_line(g)))
                    .unwrap_or_default()
            ),
            key: None,
            value: Pick::MergeRegistry(e.id.clone()),
        })
        .collect()
}
