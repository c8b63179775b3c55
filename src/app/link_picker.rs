//! The link picker (`L`) and the links list (`D`).
//!
//! The link picker links the claim under the cursor to a source, a publication, an
//! entity or another claim. Each row shows the relation type Enter makes: guessed per
//! target (a publication is `cites`, another source `attributed_to`, a claim
//! `supports`, an entity `mentions`) until a key (Tab) chooses one of the schema's
//! relation types for every row. Rows already linked to the claim are marked
//! (`✓ attributed_to`) and come after the others; picking one again with the same type
//! offers to remove that link. The nearest plausible target comes first: for `cites`
//! the nearest source after the claim (the "claim (Publication, date)" pattern), for
//! `attributed_to` the nearest one before it; with no type chosen, sources before
//! claims and entities.
//!
//! The links list shows every link from or to the annotation under the cursor; picking
//! one removes it, as one step that `u` undoes.

use crate::domain::model::{relation_types, Annotation, Kind, Relation, Span, Status};
use crate::domain::schema::LabelKind;

use super::command::Command;
use super::display_text::sanitize_line;
use super::keymap::Context;
use super::panel::name_of;
use super::picker::{PickItem, Picker};
use super::state::{App, Overlay, Pick};
use super::tagging;

/// The open link picker: the claim it links from, the type chosen for every row (none:
/// each row's guess) and the targets.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkPicker {
    /// The claim the links start from.
    pub claim: String,
    /// The relation type chosen with the type key; `None` while each row uses its guess.
    pub chosen: Option<String>,
    /// The targets, best first.
    pub picker: Picker<LinkChoice>,
}

/// One target of the link picker and the relation type picking it makes.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkChoice {
    /// The annotation or entity linked to.
    pub to: String,
    /// The relation type made (the chosen one, else the guess for this target).
    pub kind: String,
}

/// Something a claim can be linked to, before ranking.
struct Candidate {
    id: String,
    name: String,
    what: String,
    guess: &'static str,
    place: Option<Span>,
}

/// The annotation whose links `D` lists: the focused one under the cursor.
fn focused(app: &mut App) -> Option<Annotation> {
    let found = app.focused_annotation().cloned();
    if found.is_none() {
        app.complain("no annotation under the cursor ([ and ] move between them)");
    }
    found
}

/// Opens the link picker for the claim under the cursor.
pub fn open(app: &mut App) {
    let key = app
        .keymap
        .hint_key(Context::Article, &Command::Link)
        .unwrap_or_else(|| "link".to_string());
    let what = format!("{key} links a claim to its source, publication, entities or other claims");
    let Some(claim) = tagging::target_of(app, &[Kind::Claim], &what, "a claim") else {
        return;
    };
    let picker = build(app, &claim.id, None, "", None);
    if picker.picker.visible_count() == 0 {
        return app
            .complain("nothing to link to: tag a source with s or another claim with c first");
    }
    app.overlay = Some(Overlay::Link(picker));
}

/// The link picker after the type key: the next (`delta` 1) or previous (-1) relation
/// type, the guesses counting as one step of the cycle. The query stays, and so does
/// the highlighted target when the analyst moved to it; otherwise the best target for
/// the new type is highlighted.
pub fn cycle_type(app: &App, picker: &LinkPicker, delta: isize) -> LinkPicker {
    let mut cycle: Vec<Option<String>> = vec![None];
    cycle.extend(
        app.schema
            .labels(LabelKind::Relation)
            .iter()
            .map(|l| Some(l.name.clone())),
    );
    let at = cycle.iter().position(|c| *c == picker.chosen).unwrap_or(0) as isize;
    let next = cycle[(at + delta).rem_euclid(cycle.len() as isize) as usize].clone();
    let highlighted = picker
        .picker
        .current()
        .filter(|_| picker.picker.selected > 0)
        .map(|item| item.value.to.clone());
    build(
        app,
        &picker.claim,
        next,
        picker.picker.query(),
        highlighted.as_deref(),
    )
}

/// Takes the picker's highlighted row: links the claim to it, or, when that very link
/// exists, asks whether to remove it.
pub fn choose(app: &mut App, picker: &LinkPicker) {
    let Some(choice) = picker.picker.current().map(|item| item.value.clone()) else {
        return;
    };
    let existing = app
        .store
        .relations_from(&picker.claim)
        .into_iter()
        .find(|r| r.to == choice.to && r.kind == choice.kind)
        .cloned();
    match existing {
        Some(relation) => offer_removal(app, &relation),
        None => add(app, &picker.claim, &choice.to, &choice.kind),
    }
}

/// Links `from` to `to` with a relation of type `kind`.
fn add(app: &mut App, from: &str, to: &str, kind: &str) {
    let id = app.store.new_relation_id();
    app.store
        .put_relation(Relation::new(id.clone(), kind, from, to));
    app.say(format!(
        "{id}: {from} {} {to} «{}»",
        sanitize_line(kind),
        name_of(app, to)
    ));
}

/// Replaces the link picker by a one-row list whose row removes `relation`.
fn offer_removal(app: &mut App, relation: &Relation) {
    let item = PickItem {
        label: format!(
            "remove the link {}",
            describe(app, relation, &relation.from)
        ),
        detail: sanitize_line(&relation.id),
        key: Some('d'),
        value: Pick::Unlink(relation.id.clone()),
    };
    let (remove, keep) = (
        picker_key(app, Command::Confirm),
        picker_key(app, Command::Cancel),
    );
    let title = format!(
        "{} already has this link: {remove} removes it, {keep} keeps it",
        sanitize_line(&relation.from)
    );
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new(title, vec![item]),
        target: Some(relation.from.clone()),
    });
}

/// Opens the list of the links from and to the annotation under the cursor; picking
/// one removes it.
pub fn list(app: &mut App) {
    let Some(a) = focused(app) else { return };
    let mut relations: Vec<Relation> = app
        .store
        .relations_from(&a.id)
        .into_iter()
        .cloned()
        .collect();
    relations.extend(app.store.relations_to(&a.id).into_iter().cloned());
    if relations.is_empty() {
        let key = app
            .keymap
            .hint_key(Context::Article, &Command::Link)
            .map_or_else(String::new, |k| format!(" ({k} links a claim)"));
        return app.complain(format!("{} has no links{key}", sanitize_line(&a.id)));
    }
    let items = relations
        .iter()
        .enumerate()
        .map(|(i, r)| PickItem {
            label: describe(app, r, &a.id),
            detail: sanitize_line(&r.id),
            key: char::from_digit(i as u32 + 1, 10).filter(|_| i < 9),
            value: Pick::Unlink(r.id.clone()),
        })
        .collect();
    app.overlay = Some(Overlay::Picker {
        picker: Picker::new(
            format!(
                "Links of {}: {} removes the highlighted one",
                sanitize_line(&a.id),
                picker_key(app, Command::Confirm)
            ),
            items,
        ),
        target: Some(a.id),
    });
}

/// The key that runs `command` in a list, as hints show it, or the command's name.
fn picker_key(app: &App, command: Command) -> String {
    app.keymap
        .hint_key(Context::Picker, &command)
        .unwrap_or_else(|| command.name())
}

/// Removes the relation `id` (one step: `u` brings it back).
pub fn remove(app: &mut App, id: &str) {
    let Some(relation) = app.store.relation(id).cloned() else {
        return app.complain(format!("there is no link {}", sanitize_line(id)));
    };
    app.store.remove_relation(id);
    let undo = app
        .keymap
        .hint_key(Context::Article, &Command::Undo)
        .map_or_else(String::new, |k| format!("; {k} undoes"));
    app.say(format!(
        "removed {}: {}{undo}",
        sanitize_line(id),
        describe(app, &relation, &relation.from)
    ));
}

/// A relation as seen from `seen_from`: `attributed_to «Shaukat Sultan»` for a link
/// from it, `a2 «…» supports` for a link to it.
fn describe(app: &App, r: &Relation, seen_from: &str) -> String {
    let kind = sanitize_line(&r.kind);
    if r.from == seen_from {
        format!("{kind} «{}»", name_of(app, &r.to))
    } else {
        format!(
            "← {} «{}» {kind}",
            sanitize_line(&r.from),
            name_of(app, &r.from)
        )
    }
}

/// The link picker for `claim` with relation type `chosen` (none: guessed per row),
/// filtered by `query`, with `highlight` highlighted when it is shown.
fn build(
    app: &App,
    claim: &str,
    chosen: Option<String>,
    query: &str,
    highlight: Option<&str>,
) -> LinkPicker {
    let extent = app
        .store
        .annotation(claim)
        .map(Annotation::extent)
        .unwrap_or(Span::new(0, 0));
    let linked: Vec<&Relation> = app.store.relations_from(claim);
    let mut ranked: Vec<(Rank, Candidate)> = candidates(app, claim)
        .into_iter()
        .map(|c| {
            let kind = chosen.as_deref().unwrap_or(c.guess);
            let rank = Rank {
                linked: linked.iter().any(|r| r.to == c.id),
                unlikely: match chosen.as_deref() {
                    Some(kind) => kind != c.guess,
                    None => !matches!(
                        c.guess,
                        relation_types::ATTRIBUTED_TO | relation_types::CITES
                    ),
                },
                place: place_rank(kind, extent, c.place),
            };
            (rank, c)
        })
        .collect();
    ranked.sort_by_key(|(rank, _)| *rank);
    let items = ranked
        .into_iter()
        .map(|(_, c)| {
            let kind = chosen.clone().unwrap_or_else(|| c.guess.to_string());
            let existing: Vec<String> = linked
                .iter()
                .filter(|r| r.to == c.id)
                .map(|r| sanitize_line(&r.kind))
                .collect();
            let mut detail = Vec::new();
            if !existing.is_empty() {
                detail.push(format!("✓ {}", existing.join(", ")));
            }
            if !existing.contains(&kind) {
                detail.push(format!("→ {}", sanitize_line(&kind)));
            }
            detail.push(c.what);
            PickItem {
                label: c.name,
                detail: detail.join(" · "),
                key: None,
                value: LinkChoice { to: c.id, kind },
            }
        })
        .collect();
    let type_key = app
        .keymap
        .hint_key(Context::Link, &Command::NextLinkType)
        .map_or_else(String::new, |k| format!(" ({k} changes it)"));
    let shown_type = chosen
        .as_deref()
        .map_or_else(|| "guessed per target".to_string(), sanitize_line);
    let mut picker = Picker::new(
        format!(
            "Link {} · type: {shown_type}{type_key}",
            sanitize_line(claim)
        ),
        items,
    );
    picker.edit(|input| input.insert_str(query));
    if let Some(id) = highlight {
        picker.highlight(|choice| choice.to == id);
    }
    LinkPicker {
        claim: claim.to_string(),
        chosen,
        picker,
    }
}

/// Where a target stands in the list: unlinked before linked, then the likely targets
/// (those whose guess is the chosen type; with no type chosen, the sources), then the
/// nearest in the direction the type prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    linked: bool,
    unlikely: bool,
    place: usize,
}

/// How far a target on the side a type does not prefer counts, as a multiple of its
/// distance, and how much it counts on top (bytes): a speaker named after the claim
/// ("…, Sultan said") is still found, after the nearer ones before it.
const WRONG_SIDE: (usize, usize) = (4, 64);

/// How near `place` is to the claim at `claim` for a link of type `kind`, smaller
/// first: `cites` prefers what follows the claim, `attributed_to` what precedes it
/// (the other side counts as further away), other types the nearest either way; what
/// overlaps the claim is nearest of all, and what has no place comes last.
fn place_rank(kind: &str, claim: Span, place: Option<Span>) -> usize {
    let Some(place) = place else {
        return usize::MAX;
    };
    let after = place.start >= claim.end;
    let before = place.end <= claim.start;
    let gap = if after {
        place.start - claim.end
    } else if before {
        claim.start - place.end
    } else {
        0
    };
    let wrong_side = match kind {
        relation_types::CITES => before,
        relation_types::ATTRIBUTED_TO => after,
        _ => false,
    };
    if wrong_side {
        gap.saturating_mul(WRONG_SIDE.0)
            .saturating_add(WRONG_SIDE.1)
    } else {
        gap
    }
}

/// Everything the claim can be linked to, in reading order within each group: sources,
/// other claims, canonical entities that no source stands for, and entity mentions not
/// yet part of one.
fn candidates(app: &App, claim: &str) -> Vec<Candidate> {
    let usable = |a: &&Annotation| a.id != claim && a.status != Status::Rejected;
    let annotations: Vec<&Annotation> =
        app.store.annotations().into_iter().filter(usable).collect();
    let of_kind = |kind: Kind| annotations.iter().copied().filter(move |a| a.kind == kind);
    let mut out: Vec<Candidate> = of_kind(Kind::Source)
        .map(|s| Candidate {
            id: s.id.clone(),
            name: sanitize_line(&s.quote.exact),
            what: format!(
                "{} {}{}",
                sanitize_line(&s.id),
                sanitize_line(&s.label),
                reliability_of(app, s)
            ),
            guess: source_guess(s),
            place: place_of(s),
        })
        .collect();
    out.extend(of_kind(Kind::Claim).map(|c| Candidate {
        id: c.id.clone(),
        name: sanitize_line(&c.quote.exact),
        what: format!("{} claim {}", sanitize_line(&c.id), sanitize_line(&c.label)),
        guess: relation_types::SUPPORTS,
        place: place_of(c),
    }));
    let claim_extent = app.store.annotation(claim).map(Annotation::extent);
    out.extend(app.store.entities().into_iter().filter_map(|e| {
        let mentions = app.store.mentions_of(&e.id);
        if mentions.iter().any(|m| m.kind == Kind::Source) {
            // Its source mentions stand for it (their rows show its reliability).
            return None;
        }
        let nearest = mentions
            .iter()
            .filter_map(|m| place_of(m))
            .min_by_key(|p| claim_extent.map_or(0, |c| c.start.abs_diff(p.start)));
        Some(Candidate {
            id: e.id.clone(),
            name: sanitize_line(&e.name),
            what: format!(
                "{} entity {}",
                sanitize_line(&e.id),
                sanitize_line(&e.label)
            ),
            guess: relation_types::MENTIONS,
            place: nearest,
        })
    }));
    out.extend(
        of_kind(Kind::Entity)
            .filter(|a| a.entity.is_none() && a.status != Status::Pending)
            .map(|a| Candidate {
                id: a.id.clone(),
                name: sanitize_line(&a.quote.exact),
                what: format!("{} {}", sanitize_line(&a.id), sanitize_line(&a.label)),
                guess: relation_types::MENTIONS,
                place: place_of(a),
            }),
    );
    out
}

/// The guessed type of a link to a source: `cites` for a publication, `attributed_to`
/// otherwise.
fn source_guess(source: &Annotation) -> &'static str {
    if source.label == "publication" {
        relation_types::CITES
    } else {
        relation_types::ATTRIBUTED_TO
    }
}

/// An annotation's extent, when it has a place in the article.
fn place_of(a: &Annotation) -> Option<Span> {
    (a.status != Status::Orphaned && !a.spans.is_empty()).then(|| a.extent())
}

/// A source's reliability as ` [B]`: its entity's, else its own.
fn reliability_of(app: &App, source: &Annotation) -> String {
    source
        .entity
        .as_ref()
        .and_then(|e| app.store.entity(e))
        .and_then(|e| e.attrs.get("reliability"))
        .or_else(|| source.attrs.get("reliability"))
        .map(|r| format!(" [{}]", sanitize_line(r)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_prefers_what_follows_and_attributed_to_what_precedes() {
        let claim = Span::new(100, 200);
        let before = Some(Span::new(80, 90));
        let after = Some(Span::new(202, 212));
        let inside = Some(Span::new(150, 160));
        assert!(
            place_rank(relation_types::CITES, claim, after)
                < place_rank(relation_types::CITES, claim, before)
        );
        assert!(
            place_rank(relation_types::ATTRIBUTED_TO, claim, before)
                < place_rank(relation_types::ATTRIBUTED_TO, claim, after)
        );
        assert_eq!(place_rank(relation_types::CITES, claim, inside), 0);
        assert!(
            place_rank(
                relation_types::ATTRIBUTED_TO,
                claim,
                Some(Span::new(60, 70))
            ) < place_rank(relation_types::ATTRIBUTED_TO, claim, after),
            "a speaker further before beats one just after"
        );
        assert!(
            place_rank(relation_types::SUPPORTS, claim, after)
                < place_rank(relation_types::SUPPORTS, claim, before)
        );
        assert_eq!(
            place_rank(relation_types::MENTIONS, claim, None),
            usize::MAX
        );
    }
}
