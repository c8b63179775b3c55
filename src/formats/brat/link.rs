//! Turning the kept lines into the document's relations, attributes, links and notes,
//! once every annotation and event is known: ids resolved, events standing for their
//! trigger (or their claim), attribution events giving claims and sources.

use std::collections::HashSet;

use crate::domain::model::Kind;
use crate::formats::ImportedRelation;

use super::fields::role_name;
use super::{Event, Item, Reader};

impl Reader {
    /// Gives the Source and Content annotations of attribution events their kinds.
    pub(super) fn mark_attributions(&mut self) {
        let mut events: Vec<&Event> = self.events.values().filter(|e| e.attribution).collect();
        events.sort_by_key(|e| e.line);
        let mut kinds = Vec::new();
        for event in events {
            for (role, target) in &event.args {
                let kind = match role_name(role).as_str() {
                    "source" => Kind::Source,
                    "content" => Kind::Claim,
                    _ => continue,
                };
                kinds.push((target.clone(), kind));
            }
        }
        for (target, kind) in kinds {
            if let Some(index) = self
                .anchor(&target)
                .and_then(|id| self.annotations.get(&id))
            {
                self.doc.annotations[*index].kind = kind;
            }
        }
    }

    /// The `T` id an id stands for: itself for a `T`, the trigger (or for an attribution
    /// event the claim) for an `E`.
    fn anchor(&self, id: &str) -> Option<String> {
        let mut id = id.to_string();
        let mut seen = HashSet::new();
        while let Some(event) = self.events.get(&id) {
            if !seen.insert(id.clone()) {
                return None;
            }
            let next = if event.attribution {
                event
                    .args
                    .iter()
                    .find(|(role, _)| role_name(role) == "content")
                    .map(|(_, target)| target.clone())
            } else {
                Some(event.trigger.clone())
            };
            id = next?;
        }
        self.annotations.contains_key(&id).then_some(id)
    }

    /// The anchor of `id`, or a problem saying why there is none.
    fn resolve(&mut self, line: usize, owner: &str, id: &str) -> Option<String> {
        let found = self.anchor(id);
        if found.is_none() {
            let why = if self.skipped.contains(id) {
                "which was skipped"
            } else {
                "which is not in the file"
            };
            self.problem(
                line,
                format!("{owner} refers to {id}, {why}; {owner} is skipped."),
            );
        }
        found
    }

    fn push_relation(&mut self, source_id: &str, kind: &str, from: String, to: String) {
        self.doc.relations.push(ImportedRelation::new(
            Some(source_id.to_string()),
            kind,
            from,
            to,
        ));
    }

    /// Turns a relation, event or equivalence line into relations.
    pub(super) fn link(&mut self, item: Item) {
        match item {
            Item::Relation {
                line,
                id,
                kind,
                args,
            } => {
                let from = self.resolve(line, &id, &args[0].1);
                let to = self.resolve(line, &id, &args[1].1);
                if let (Some(from), Some(to)) = (from, to) {
                    if self.known_id(line, &id) {
                        return;
                    }
                    self.relations.insert(id.clone(), self.doc.relations.len());
                    self.push_relation(&id, &kind, from, to);
                }
            }
            Item::Event { id } => self.event_relations(&id),
            Item::Equiv { line, kind, ids } => {
                let resolved: Vec<Option<String>> = ids
                    .iter()
                    .map(|id| self.resolve(line, "the equivalence", id))
                    .collect();
                if let Some(Some(first)) = resolved.first().cloned() {
                    for other in resolved.into_iter().skip(1).flatten() {
                        self.doc.relations.push(ImportedRelation::new(
                            None,
                            kind.clone(),
                            first.clone(),
                            other,
                        ));
                    }
                }
            }
            _ => {}
        }
    }

    /// Turns an `E` line into relations.
    fn event_relations(&mut self, id: &str) {
        let Some(event) = self.events.get(id) else {
            return;
        };
        let (line, attribution) = (event.line, event.attribution);
        let trigger = event.trigger.clone();
        let args = event.args.clone();
        let Some(trigger_anchor) = self.resolve(line, id, &trigger) else {
            return;
        };
        if !attribution {
            for (role, target) in args {
                if let Some(to) = self.resolve(line, id, &target) {
                    self.push_relation(id, &role, trigger_anchor.clone(), to);
                }
            }
            return;
        }
        let Some(claim) = self.anchor(id) else {
            self.problem(
                line,
                format!("{id} has a Content that is not in the file; the attribution is skipped."),
            );
            return;
        };
        let mut cue = None;
        for (role, target) in &args {
            let Some(to) = self.resolve(line, id, target) else {
                continue;
            };
            match role_name(role).as_str() {
                "content" => {}
                "source" => self.push_relation(id, "attributed_to", claim.clone(), to),
                "cue" => cue = Some(to),
                _ => self.push_relation(id, role, claim.clone(), to),
            }
        }
        let cue = cue.or((trigger_anchor != claim).then_some(trigger_anchor));
        if let Some(cue) = cue {
            self.push_relation(id, "cue", claim, cue);
        }
    }

    /// Attaches an attribute, link or note line to its target.
    pub(super) fn target(&mut self, item: Item) {
        match item {
            Item::Attribute {
                line,
                id,
                name,
                target,
                value,
            } => {
                if let Some(relation) = self.relations.get(&target) {
                    self.doc.relations[*relation].attrs.insert(name, value);
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    self.doc.annotations[index].attrs.insert(name, value);
                }
            }
            Item::Link {
                line,
                id,
                target,
                link,
            } => {
                if self.relations.contains_key(&target) {
                    self.problem(
                        line,
                        format!("{id} links the relation {target}, but only annotations take links; it is skipped."),
                    );
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    self.doc.annotations[index].links.push(link);
                }
            }
            Item::Note {
                line,
                id,
                target,
                note,
            } => {
                if let Some(relation) = self.relations.get(&target) {
                    self.doc.relations[*relation].add_note(&note);
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    self.doc.annotations[index].add_note(&note);
                }
            }
            _ => {}
        }
    }

    fn target_annotation(&mut self, line: usize, owner: &str, target: &str) -> Option<usize> {
        let anchor = self.resolve(line, owner, target)?;
        self.annotations.get(&anchor).copied()
    }
}
