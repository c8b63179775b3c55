//! Making and changing annotations from the workbench: tagging the selection or the
//! natural unit, relabelling, deleting, linking, grading, notes, boundaries, merging.

use crate::domain::anchor::{quote_for, requote};
use crate::domain::clock::now;
use crate::domain::grades::{self, CREDIBILITY, RELIABILITY};
use crate::domain::model::{Annotation, Attrs, Entity, Kind, Span, Status};
use crate::domain::schema::{entity_type_of, LabelKind};
use crate::domain::segment;
use crate::domain::source_guess::{guess_source, SourceGuess};

use super::display_text::sanitize_line;
use super::focus::{focus_on, NoTarget};
use super::picker::{PickItem, Picker};
use super::registry_link;
use super::repeat::hint_after_tagging;
use super::state::{App, Overlay, Pick};
use super::text_input::TextInput;

/// Makes an annotation of `kind`/`label` on the selection or the natural unit.
pub fn tag(app: &mut App, kind: Kind, label: &str) {
    let text = app.doc.text();
    let range = match app.selected_range() {
        Some(r) => r,
        None if kind == Kind::Claim => segment::sentence_at(text, app.cursor),
        None => match segment::tag_unit_at(text, app.cursor) {
            Some(r) => r,
            None => {
                return app.complain("no word under the cursor: move onto one, or select with v")
            }
        },
    };
    if range.is_empty() {
        return app.complain("nothing to tag here");
    }
    app.anchor = None;
    let spans = vec![Span::new(range.start, range.end)];
    let existing = app
        .store
        .intersecting(range.start, range.end)
        .into_iter()
        .find(|a| a.kind == kind && a.spans == spans)
        .cloned();
    if let Some(mut same) = existing {
        let relabelled = relabelled(&same.label, label);
        same.relabel(label);
        same.status = Status::Accepted;
        touch(app, &mut same);
        let id = same.id.clone();
        app.store.replace_annotation(same);
        focus_on(app, id.clone());
        app.say(format!("{id} is now {kind} {label}{relabelled}"));
        return registry_link::offer(app, &id);
    }
    let id = app.store.new_annotation_id();
    let mut a = Annotation::new(id.clone(), kind, label, spans);
    a.quote = quote_for(&app.doc, &a.spans);
    a.created = Some(now().into());
    touch(app, &mut a);
    if kind == Kind::Source {
        a.entity = mention_entity(app, &a.spans);
    }
    app.store.insert_annotation(a);
    focus_on(app, id.clone());
    let more = hint_after_tagging(app, &id).map_or_else(String::new, |hint| format!("; {hint}"));
    app.say(format!("{id}: {kind} {label}{more}"));
    registry_link::offer(app, &id);
}

/// The entity of an entity mention covering exactly these spans, if any.
fn mention_entity(app: &App, spans: &[Span]) -> Option<String> {
    let first = spans.first()?;
    app.store
        .intersecting(first.start, first.end)
        .into_iter()
        .find(|a| a.kind == Kind::Entity && a.spans == spans)
        .and_then(|a| a.entity.clone())
}

/// Stamps the annotator and the modification time.
pub fn touch(app: &App, a: &mut Annotation) {
    a.annotator = Some(app.annotator.clone());
    a.modified = Some(now().into());
}

/// The label a new source gets: a publication when it is cited in parentheses, an
/// organisation when it names a ministry, agency, office…, else the source kind of the
/// entity type of the same span if it is tagged, else a person (see
/// `domain::source_guess`). A guess the schema has no kind for falls back to the
/// schema's default.
pub fn default_source_label(app: &App) -> String {
    let text = app.doc.text();
    let range = app
        .selected_range()
        .or_else(|| segment::tag_unit_at(text, app.cursor));
    let guess = range
        .clone()
        .map_or(SourceGuess::Person, |r| guess_source(text, r));
    let has_kind = |name: &str| {
        app.schema
            .labels(LabelKind::Source)
            .iter()
            .any(|l| l.name == name)
    };
    if guess != SourceGuess::Person && has_kind(guess.label()) {
        return guess.label().to_string();
    }
    let entity_label = range.and_then(|r| {
        app.store
            .intersecting(r.start, r.end)
            .into_iter()
            .find(|a| a.kind == Kind::Entity)
            .map(|a| a.label.clone())
    });
    app.schema.default_source_kind(entity_label.as_deref())
}

/// Opens the label picker for the annotation under the cursor.
pub fn relabel(app: &mut App) {
    let Some(a) = target(app) else { return };
    let kind = LabelKind::from(a.kind);
    let items = app
        .schema
        .labels(kind)
        .iter()
        .map(|l| PickItem {
            label: l.name.clone(),
            detail: l.description.clone(),
            key: l.key,
            value: Pick::Relabel(l.name.clone()),
        })
        .collect();
    open_picker(app, format!("Relabel {} {}", a.kind, a.label), items, a.id);
}

/// Deletes the annotation under the cursor (undo brings it back).
pub fn delete(app: &mut App) {
    let Some(a) = target(app) else { return };
    app.store.remove_annotation(&a.id);
    app.say(format!(
        "deleted {} ({} {}); u undoes",
        a.id, a.kind, a.label
    ));
}

/// Opens the stance picker for the claim under the cursor.
pub fn stance(app: &mut App) {
    let Some(a) = target_of(app, &[Kind::Claim], "t sets a claim's stance", "a claim") else {
        return;
    };
    attr_picker(app, &a, "stance", false);
}

/// Opens the grade picker: credibility for a claim, reliability for a source (on its
/// entity when it has one). Other kinds have no grade.
pub fn grade(app: &mut App) {
    let Some(a) = target_of(
        app,
        &[Kind::Claim, Kind::Source],
        "= grades a source's reliability or a claim's credibility",
        "a source or a claim",
    ) else {
        return;
    };
    match a.kind {
        Kind::Claim => attr_picker(app, &a, CREDIBILITY, false),
        _ => {
            let on_entity = a.entity.is_some();
            attr_picker(app, &a, RELIABILITY, on_entity)
        }
    }
}

fn attr_picker(app: &mut App, a: &Annotation, name: &str, on_entity: bool) {
    let Some(def) = app.schema.attribute(name) else {
        return app.complain(format!("the schema has no attribute \"{name}\""));
    };
    let mut items: Vec<PickItem<Pick>> = def
        .values
        .iter()
        .map(|v| PickItem {
            label: v.value.clone(),
            detail: v.description.clone(),
            key: v.key,
            value: Pick::SetAttr {
                name: name.to_string(),
                value: v.value.clone(),
                on_entity,
            },
        })
        .collect();
    items.push(PickItem {
        label: "(clear)".to_string(),
        detail: format!("remove the {name}"),
        key: Some('-'),
        value: Pick::SetAttr {
            name: name.to_string(),
            value: String::new(),
            on_entity,
        },
    });
    let title = format!(
        "{} of {} {}",
        name,
        a.id,
        if on_entity { "(its entity)" } else { "" }
    );
    open_picker(app, title.trim_end().to_string(), items, a.id.clone());
}

/// Sets (or with an empty value clears) an attribute on an annotation or its entity;
/// refuses a grade on a kind it does not belong to.
pub fn set_attr(app: &mut App, id: &str, name: &str, value: &str, on_entity: bool) {
    let Some(mut a) = app.store.annotation(id).cloned() else {
        return;
    };
    if !grades::allowed_on(name, a.kind) {
        return app.complain(format!("a {} has no {name}", a.kind));
    }
    if on_entity {
        if let Some(mut e) = a.entity.as_ref().and_then(|e| app.store.entity(e)).cloned() {
            put_attr(&mut e.attrs, name, value);
            let eid = e.id.clone();
            app.store.put_entity(e);
            // One grade per source entity: a grade the mention kept apart goes.
            if a.attrs.remove(name).is_some() {
                touch(app, &mut a);
                app.store.replace_annotation(a);
            }
            return app.say(format!("{eid} {name} {}", shown(value)));
        }
    }
    put_attr(&mut a.attrs, name, value);
    touch(app, &mut a);
    app.store.replace_annotation(a);
    app.say(format!("{id} {name} {}", shown(value)));
}

fn shown(value: &str) -> &str {
    if value.is_empty() {
        "cleared"
    } else {
        value
    }
}

fn put_attr(attrs: &mut Attrs, name: &str, value: &str) {
    if value.is_empty() {
        attrs.remove(name);
    } else {
        attrs.insert(name.to_string(), value.to_string());
    }
}

/// Opens the note editor on the annotation under the cursor.
pub fn note(app: &mut App) {
    let Some(a) = target(app) else { return };
    app.overlay = Some(Overlay::Note {
        input: TextInput::multiline(a.note.as_deref().unwrap_or("")),
        target: a.id,
    });
}

/// Stores a note (empty removes it).
pub fn set_note(app: &mut App, id: &str, text: &str) {
    let Some(mut a) = app.store.annotation(id).cloned() else {
        return;
    };
    let note = (!text.trim().is_empty()).then(|| text.to_string());
    if a.note == note {
        return;
    }
    a.note = note;
    touch(app, &mut a);
    app.store.replace_annotation(a);
    app.say(format!("note saved on {id}"));
}

/// Which end of an annotation moves, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Boundary {
    /// Start one word left.
    StartLeft,
    /// Start one word right.
    StartRight,
    /// End one word left.
    EndLeft,
    /// End one word right.
    EndRight,
}

/// How far a boundary moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// To the neighbouring word boundary.
    Word,
    /// One character (grapheme).
    Character,
}

/// Moves the start or end of the annotation under the cursor by a word or a character.
pub fn move_boundary(app: &mut App, which: Boundary, step: Step) {
    let Some(mut a) = target(app) else { return };
    let text = app.doc.text();
    let extent = a.extent();
    let (start, end) = match step {
        Step::Word => by_word(
            text,
            app.doc.content_start(),
            which,
            extent.start,
            extent.end,
        ),
        Step::Character => by_character(
            text,
            app.doc.content_start(),
            which,
            extent.start,
            extent.end,
        ),
    };
    if (start, end) == (extent.start, extent.end) {
        return app.complain("the boundary cannot move further that way");
    }
    let first = a
        .spans
        .iter()
        .position(|s| s.start == extent.start)
        .unwrap_or(0);
    let last = a
        .spans
        .iter()
        .position(|s| s.end == extent.end)
        .unwrap_or(0);
    a.keep_producer_text();
    a.spans[first].start = start;
    a.spans[last].end = end;
    a.drop_empty_spans();
    requote(&app.doc, &mut a);
    touch(app, &mut a);
    let id = a.id.clone();
    let shown = sanitize_line(&a.quote.exact);
    app.store.replace_annotation(a);
    app.say(format!("{id}: \"{shown}\""));
}

/// The extent after moving one of its ends to the neighbouring word boundary.
fn by_word(text: &str, floor: usize, which: Boundary, start: usize, end: usize) -> (usize, usize) {
    match which {
        Boundary::StartLeft => (segment::prev_word_start(text, start).max(floor), end),
        Boundary::StartRight => {
            let next = segment::next_word_start(text, start);
            (if next < end { next } else { start }, end)
        }
        Boundary::EndLeft => {
            let last = segment::prev_word_start(text, end);
            let before = segment::prev_word_start(text, last);
            match segment::word_at(text, before) {
                Some(w) if w.end > start && w.end < end => (start, w.end),
                _ => (start, end),
            }
        }
        Boundary::EndRight => {
            // A word may start right at the end (Han characters have no space between
            // them): that one comes first.
            let next = segment::word_at(text, end)
                .filter(|word| word.start == end)
                .map_or_else(|| segment::next_word_start(text, end), |word| word.start);
            match segment::word_at(text, next) {
                Some(w) => (start, w.end),
                None => (start, end),
            }
        }
    }
}

/// The extent after moving one of its ends by one grapheme.
fn by_character(
    text: &str,
    floor: usize,
    which: Boundary,
    start: usize,
    end: usize,
) -> (usize, usize) {
    match which {
        Boundary::StartLeft => (segment::prev_grapheme(text, start).max(floor), end),
        Boundary::StartRight => {
            let next = segment::next_grapheme(text, start);
            (if next < end { next } else { start }, end)
        }
        Boundary::EndLeft => {
            let prev = segment::prev_grapheme(text, end);
            (start, if prev > start { prev } else { end })
        }
        Boundary::EndRight => (start, segment::next_grapheme(text, end).min(text.len())),
    }
}

/// Opens the merge picker: entities of the same type first, then a new one.
pub fn merge(app: &mut App) {
    let Some(a) = target_of(
        app,
        &[Kind::Entity, Kind::Source],
        "m merges a mention into an entity",
        "an entity or a source",
    ) else {
        return;
    };
    let mut entities: Vec<&Entity> = app.store.entities();
    entities.sort_by_key(|e| e.label != a.label);
    let mut items: Vec<PickItem<Pick>> = vec![PickItem {
        label: format!("new entity \"{}\"", sanitize_line(&a.quote.exact)),
        detail: a.label.to_string(),
        key: None,
        value: Pick::MergeInto(None),
    }];
    items.extend(entities.into_iter().map(|e| PickItem {
        label: sanitize_line(&e.name),
        detail: format!(
            "{} {} {} mentions",
            e.id,
            e.label,
            app.store.mentions_of(&e.id).len()
        ),
        key: None,
        value: Pick::MergeInto(Some(e.id.clone())),
    }));
    if items.len() > 1 {
        items.swap(0, 1);
    }
    items.extend(registry_link::merge_items(app, &a));
    open_picker(app, format!("Merge {} into an entity", a.id), items, a.id);
}

/// Makes the annotation a mention of `entity` (or of a new entity named after it). A
/// source entity has one reliability grade: the mention's own moves onto the entity, and
/// when the entity has another, a picker asks which to keep before anything changes.
pub fn merge_into(app: &mut App, id: &str, entity: Option<String>) {
    let Some(a) = app.store.annotation(id) else {
        return;
    };
    let mention_grade = a.attrs.get(RELIABILITY).cloned();
    let entity_grade = entity
        .as_ref()
        .and_then(|e| app.store.entity(e))
        .and_then(|e| e.attrs.get(RELIABILITY))
        .cloned();
    match (entity, mention_grade, entity_grade) {
        (Some(entity), Some(mine), Some(theirs)) if mine != theirs => {
            ask_which_grade(app, id, entity, &theirs, &mine)
        }
        (entity, mine, theirs) => join_entity(app, id, entity, mine.or(theirs)),
    }
}

/// The picker that settles a merge between two reliability grades.
fn ask_which_grade(app: &mut App, id: &str, entity: String, theirs: &str, mine: &str) {
    let items = [
        (theirs, format!("{entity}'s grade")),
        (mine, format!("{id}'s grade")),
    ]
    .into_iter()
    .map(|(grade, whose)| PickItem {
        label: format!("keep {}", sanitize_line(grade)),
        detail: whose,
        key: None,
        value: Pick::MergeKeeping {
            entity: entity.clone(),
            reliability: grade.to_string(),
        },
    })
    .collect();
    open_picker(
        app,
        format!("{id} and {entity} are graded differently: one reliability for both"),
        items,
        id.to_string(),
    );
}

/// Makes `id` a mention of `entity` (a new one when `None`) whose reliability is
/// `reliability`, if any; the mention's own grade is removed.
pub fn join_entity(app: &mut App, id: &str, entity: Option<String>, reliability: Option<String>) {
    let Some(mut a) = app.store.annotation(id).cloned() else {
        return;
    };
    touch(app, &mut a);
    let moved = a.attrs.remove(RELIABILITY).is_some();
    let entity_type = entity_type_of(a.kind, &a.label).to_string();
    let eid = app.store.group(|store| {
        let found = entity.and_then(|e| store.entity(&e).cloned());
        let changed = found.is_none()
            || reliability.as_ref().is_some_and(|grade| {
                found.as_ref().and_then(|e| e.attrs.get(RELIABILITY)) != Some(grade)
            });
        let mut e = found.unwrap_or_else(|| {
            Entity::new(store.new_entity_id(), a.quote.exact.trim(), entity_type)
        });
        if let Some(grade) = &reliability {
            e.attrs.insert(RELIABILITY.to_string(), grade.clone());
        }
        if changed {
            store.put_entity(e.clone());
        }
        a.entity = Some(e.id.clone());
        store.replace_annotation(a);
        e.id
    });
    let grade = match reliability.filter(|_| moved) {
        Some(grade) => format!(
            ", its reliability {} now the entity's",
            sanitize_line(&grade)
        ),
        None => String::new(),
    };
    app.say(format!("{id} is a mention of {eid}{grade}"));
    registry_link::offer(app, id);
}

/// Gives the annotation `id` a new label (accepting it if it was a suggestion).
pub fn set_label(app: &mut App, id: &str, label: &str) {
    let Some(mut a) = app.store.annotation(id).cloned() else {
        return;
    };
    let relabelled = relabelled(&a.label, label);
    a.relabel(label);
    if a.status == Status::Pending {
        a.status = Status::Accepted;
    }
    touch(app, &mut a);
    app.store.replace_annotation(a);
    app.say(format!("{id} is now {label}{relabelled}"));
}

/// What the status line adds about a label change: " (relabelled ORG → NORP)", or
/// nothing when the label stays.
pub fn relabelled(before: &str, after: &str) -> String {
    if before == after {
        String::new()
    } else {
        sanitize_line(&format!(" (relabelled {before} → {after})"))
    }
}

fn open_picker(app: &mut App, title: String, items: Vec<PickItem<Pick>>, target: String) {
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new(title, items),
        target: Some(target),
    });
}

/// The annotation under the cursor that commands act on, or a complaint when there is
/// none.
fn target(app: &mut App) -> Option<Annotation> {
    let found = app.focused_annotation().cloned();
    if found.is_none() {
        app.complain("no annotation under the cursor ([ and ] move between them)");
    }
    found
}

/// The annotation of one of `kinds` under the cursor that a command acts on (see
/// `App::target_of_kind`), or a complaint starting with `what` the command does and
/// naming the `wanted` kind.
pub fn target_of(app: &mut App, kinds: &[Kind], what: &str, wanted: &str) -> Option<Annotation> {
    let why = match app.target_of_kind(kinds) {
        Ok(a) => return Some(a.clone()),
        Err(NoTarget::None) => format!("{what}: put the cursor on {wanted}"),
        Err(NoTarget::Several(ids)) => format!(
            "{what}: {} are under the cursor ({}); {} chooses which",
            ids.len(),
            ids.join(", "),
            app.focus_key()
        ),
    };
    app.complain(why);
    None
}
