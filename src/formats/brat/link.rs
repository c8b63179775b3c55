//! Turning the kept lines into the document's relations, attributes, links and notes,
//! once every annotation and event is known: ids resolved, events standing for their
//! trigger (or their claim), attribution events giving claims and sources, equivalences
//! giving canonical entities.

use std::collections::HashSet;

use crate::domain::model::{Attrs, Kind};
use crate::formats::imported::ImportedEquivalence;
use crate::formats::ImportedRelation;

use super::fields::role_name;
use super::names::{
    fragments, lists, ANNOTATOR_NOTES, ATTRIBUTION_ATTRS_KEY, ATTRIBUTION_KEY, ATTRIBUTION_KEYS,
    ATTRIBUTION_NOTES_KEY, CUE_AT_KEY, CUE_KEY, CUE_LABEL_KEY, EVENT_KEY, LINK_NAME_PREFIX,
    NOTE_TYPE_PREFIX, TRIGGER_AT_KEY,
};
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

    /// What an event stands for when another line names it: its trigger, or for an
    /// attribution event its claim.
    fn stands_for(event: &Event) -> Option<String> {
        if event.attribution {
            event
                .args
                .iter()
                .find(|(role, _)| role_name(role) == "content")
                .map(|(_, target)| target.clone())
        } else {
            Some(event.trigger.clone())
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
            id = Self::stands_for(event)?;
        }
        self.annotations.contains_key(&id).then_some(id)
    }

    /// The events `id` leads through back to one it passed, as `E1 → E2 → E1`, when
    /// following what each event stands for goes round in a circle.
    fn cycle(&self, id: &str) -> Option<String> {
        let mut path = vec![id.to_string()];
        while let Some(event) = self.events.get(path.last()?) {
            let next = Self::stands_for(event)?;
            if let Some(at) = path.iter().position(|p| *p == next) {
                let mut circle = path[at..].to_vec();
                circle.push(next);
                return Some(circle.join(" → "));
            }
            path.push(next);
        }
        None
    }

    /// The anchor of `id`, or a problem saying why there is none.
    fn resolve(&mut self, line: usize, owner: &str, id: &str) -> Option<String> {
        let found = self.anchor(id);
        if found.is_none() {
            let why = if self.skipped.contains(id) {
                "which was skipped".to_string()
            } else if let Some(circle) = self.cycle(id) {
                format!("whose trigger leads back round a circle of events ({circle}), so it stands for no text")
            } else {
                "which is not in the file".to_string()
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

    /// Turns a relation, event or equivalence line into relations or an equivalence.
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
                let mut members: Vec<String> = Vec::new();
                for id in &ids {
                    if let Some(member) = self.resolve(line, "the equivalence", id) {
                        if !members.contains(&member) {
                            members.push(member);
                        }
                    }
                }
                if members.len() >= 2 {
                    self.doc
                        .equivalences
                        .push(ImportedEquivalence { kind, members });
                }
            }
            _ => {}
        }
    }

    /// Turns an `E` line into role relations (an event) or a claim, its sources and its
    /// cue (an attribution).
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
            self.mark_trigger(&trigger_anchor, id);
            for (role, target) in args {
                if let Some(to) = self.resolve(line, id, &target) {
                    let index = self.doc.relations.len();
                    self.push_relation(id, &role, trigger_anchor.clone(), to);
                    self.doc.relations[index]
                        .attrs
                        .insert(EVENT_KEY.to_string(), id.to_string());
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
                _ => {
                    // Carries its event's id, as the roles of other events do, so the
                    // export writes it as an argument of the event again.
                    let index = self.doc.relations.len();
                    self.push_relation(id, role, claim.clone(), to);
                    self.doc.relations[index]
                        .attrs
                        .insert(EVENT_KEY.to_string(), id.to_string());
                }
            }
        }
        let cue = cue.filter(|c| *c != claim);
        let trigger = (trigger_anchor != claim).then_some(trigger_anchor);
        let cues: Vec<String> = cue.iter().chain(trigger.iter()).cloned().collect();
        let words = cues.iter().find_map(|c| {
            let text = self.doc.annotations[self.annotations[c]].text.clone()?;
            Some(text).filter(|t| !t.trim().is_empty())
        });
        let Some(words) = words else {
            return;
        };
        let index = self.annotations[&claim];
        if self.doc.annotations[index].attrs.contains_key(CUE_KEY) {
            // A claim reported twice keeps its first cue.
            self.cue_words.push((claim, cues));
            return;
        }
        let mut attrs = vec![(CUE_KEY, words)];
        if let Some(trigger) = &trigger {
            let kind = self.events[id].kind.clone();
            let at = |c: &String| {
                fragments(
                    self.doc.annotations[self.annotations[c]]
                        .spans
                        .iter()
                        .map(|s| (s.start, s.end)),
                )
            };
            attrs.push((ATTRIBUTION_KEY, kind));
            attrs.push((CUE_AT_KEY, at(cue.as_ref().unwrap_or(trigger))));
            if let Some(cue) = cue.as_ref().filter(|c| *c != trigger) {
                let label = self.doc.annotations[self.annotations[cue]]
                    .label
                    .to_string();
                attrs.push((CUE_LABEL_KEY, label));
                if at(trigger) != at(cue) {
                    attrs.push((TRIGGER_AT_KEY, at(trigger)));
                }
            }
        }
        let claim_attrs = &mut self.doc.annotations[index].attrs;
        for (key, value) in attrs {
            claim_attrs.insert(key.to_string(), value);
        }
        self.cue_words.push((claim, cues));
    }

    /// Records on `trigger` that it triggers the event `event`.
    fn mark_trigger(&mut self, trigger: &str, event: &str) {
        let index = self.annotations[trigger];
        let events = self.doc.annotations[index].attrs.value_mut(EVENT_KEY);
        if !events.is_empty() {
            events.push(' ');
        }
        events.push_str(event);
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
                    let owner = Owner::of(self, &id, &target, index, ATTRIBUTION_ATTRS_KEY);
                    let present = self.doc.annotations[index].attrs.contains_key(&name);
                    if !self.kept_apart(line, &owner, present, &name, "the attribute") {
                        return;
                    }
                    let attrs = &mut self.doc.annotations[index].attrs;
                    attrs.insert(name.clone(), value);
                    if owner.on_event {
                        list_in(attrs, ATTRIBUTION_ATTRS_KEY, &name);
                    }
                }
            }
            Item::Link {
                line,
                id,
                target,
                link,
                name,
            } => {
                if self.relations.contains_key(&target) {
                    self.problem(
                        line,
                        format!("{id} links the relation {target}, but only annotations take links; it is skipped."),
                    );
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    let annotation = &mut self.doc.annotations[index];
                    if let Some(name) = name {
                        annotation
                            .attrs
                            .insert(format!("{LINK_NAME_PREFIX}{link}"), name);
                    }
                    annotation.links.push(link);
                }
            }
            Item::Note {
                line,
                id,
                note_type,
                target,
                note,
            } => {
                let attrs = if let Some(relation) = self.relations.get(&target) {
                    let relation = &mut self.doc.relations[*relation];
                    if note_type == ANNOTATOR_NOTES {
                        relation.add_note(&note);
                        return;
                    }
                    &mut relation.attrs
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    let owner = Owner::of(self, &id, &target, index, ATTRIBUTION_NOTES_KEY);
                    let annotation = &self.doc.annotations[index];
                    let present = match note_type == ANNOTATOR_NOTES {
                        true => annotation.note.is_some(),
                        false => annotation
                            .attrs
                            .contains_key(&format!("{NOTE_TYPE_PREFIX}{note_type}")),
                    };
                    if !self.kept_apart(line, &owner, present, &note_type, "a note of type") {
                        return;
                    }
                    let annotation = &mut self.doc.annotations[index];
                    if owner.on_event {
                        list_in(&mut annotation.attrs, ATTRIBUTION_NOTES_KEY, &note_type);
                    }
                    if note_type == ANNOTATOR_NOTES {
                        annotation.add_note(&note);
                        return;
                    }
                    &mut annotation.attrs
                } else {
                    return;
                };
                let key = format!("{NOTE_TYPE_PREFIX}{note_type}");
                match attrs.get_mut(&key) {
                    Some(text) => {
                        text.push('\n');
                        text.push_str(&note);
                    }
                    None => {
                        attrs.insert(key, note);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether an attribute or note `name` from `owner` can go on its annotation without
    /// mixing with one that the other of a claim and its attribution event gave it (brat
    /// keeps them apart, scholia has one claim for both); if not, a problem says so.
    /// `present`: the annotation has `name` already.
    fn kept_apart(
        &mut self,
        line: usize,
        owner: &Owner,
        present: bool,
        name: &str,
        what: &str,
    ) -> bool {
        let clash = match owner.on_event {
            true => present && !owner.listed(name),
            false => owner.listed(name),
        };
        if clash {
            let (id, claim) = (&owner.id, &owner.claim);
            let other = match owner.on_event {
                true => format!("its claim {claim}"),
                false => format!("the attribution event of {claim}"),
            };
            self.problem(
                line,
                format!("{id} gives {} {what} {name}, which {other} has too; scholia keeps one for both, so {id} is skipped.", owner.target),
            );
        }
        !clash
    }

    fn target_annotation(&mut self, line: usize, owner: &str, target: &str) -> Option<usize> {
        let anchor = self.resolve(line, owner, target)?;
        self.annotations.get(&anchor).copied()
    }

    /// Leaves out the annotations that only marked an attribution's cue words (now the
    /// claim's `cue` attributes), unless another line of the file refers to them; a
    /// claim whose cue annotation is kept does not record the cue's position as well,
    /// so that the export does not write it twice.
    pub(super) fn drop_cue_words(&mut self, referred: &HashSet<String>) {
        let mut cues: HashSet<&String> = HashSet::new();
        for (claim, marks) in &self.cue_words {
            if marks.iter().any(|c| referred.contains(c)) {
                if let Some(&index) = self.annotations.get(claim) {
                    let attrs = &mut self.doc.annotations[index].attrs;
                    for key in ATTRIBUTION_KEYS {
                        attrs.remove(key);
                    }
                }
            }
            cues.extend(marks.iter().filter(|c| !referred.contains(*c)));
        }
        if cues.is_empty() {
            return;
        }
        self.doc
            .annotations
            .retain(|a| a.source_id.as_ref().is_none_or(|id| !cues.contains(id)));
        self.annotations.clear();
    }
}

/// Who an attribute or note line gives something to: an annotation, or the
/// attribution event whose claim that annotation is.
struct Owner {
    /// The line's id (`A3`, `#2`).
    id: String,
    /// The id the line names (`T4`, `E1`).
    target: String,
    /// The claim's `T` id.
    claim: String,
    /// Whether the target is an attribution event.
    on_event: bool,
    /// What the claim's attribute listing the event's attributes or notes says.
    list: Option<String>,
}

impl Owner {
    /// The owner of a line `id` naming `target`, which is the annotation `index`; `key`
    /// is the claim attribute listing what its event carries.
    fn of(reader: &Reader, id: &str, target: &str, index: usize, key: &str) -> Owner {
        let annotation = &reader.doc.annotations[index];
        Owner {
            id: id.to_string(),
            target: target.to_string(),
            claim: annotation.source_id.clone().unwrap_or_default(),
            on_event: reader.events.get(target).is_some_and(|e| e.attribution),
            list: annotation.attrs.get(key).cloned(),
        }
    }

    fn listed(&self, name: &str) -> bool {
        lists(self.list.as_ref(), name)
    }
}

/// Adds `name` to the space-separated list under `key`, once.
fn list_in(attrs: &mut Attrs, key: &str, name: &str) {
    let list = attrs.value_mut(key);
    if !lists(Some(list), name) {
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(name);
    }
}
