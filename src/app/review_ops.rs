//! Review decisions in the workbench: accept, reject, skip, relabel-and-accept, undo a
//! decision, accept all above a score; after each one the next suggestion is current.

use std::collections::HashSet;
use std::sync::Arc;

use crate::domain::anchor::{clear_mark, is_marked_moved, requote};
use crate::domain::document::Document;
use crate::domain::history::{NotTakenBack, StepKind};
use crate::domain::model::{Annotation, SharedStr, Status};
use crate::domain::store::Store;

use super::command::Command;
use super::focus::focus_on;
use super::grouping;
use super::keymap::Context;
use super::motion::reveal_cursor;
use super::panel;
use super::panel_lists::TabList;
use super::review::{awaits_review, is_rejected_suggestion, AcceptAllAsked, ReviewOrder};
use super::state::{App, Focus, Tab};
use super::tagging::{relabelled, touch};

/// Whether decisions can act on `a`: it awaits review, or it is a rejected suggestion
/// while rejected suggestions are listed (accepting it takes the rejection back).
fn decidable(app: &App, a: &Annotation) -> bool {
    awaits_review(a) || (app.show_rejected && is_rejected_suggestion(a))
}

/// Whether the keys go to the Review tab's list.
fn reviewing_in_panel(app: &App) -> bool {
    app.panel.tab == Tab::Review && app.focus == Focus::Panel
}

/// What the Review tab lists (its filter applied), in order.
fn listed(app: &App) -> Arc<TabList> {
    panel::list(app, Tab::Review)
}

/// The suggestion decisions apply to, always one the analyst can see: with the Review
/// tab focused, its highlighted row; with the article focused, the suggestion under the
/// cursor (the current one when several are, else the innermost).
pub fn current(app: &App) -> Option<String> {
    let listed = if reviewing_in_panel(app) {
        listed(app)
    } else {
        Arc::default()
    };
    current_among(app, &listed)
}

/// [`current`], given the Review tab's list (`listed`; only looked at when the Review
/// tab has the keys).
fn current_among(app: &App, listed: &TabList) -> Option<String> {
    if reviewing_in_panel(app) {
        return listed
            .target(app.panel.selected)
            .filter(|id| app.store.annotation(id).is_some_and(|a| decidable(app, a)))
            .map(str::to_string);
    }
    // The annotation the analyst focused (`;`, `]`) when it can be decided on.
    if let Some(focused) = app.focused_annotation().filter(|a| decidable(app, a)) {
        return Some(focused.id.clone());
    }
    let c = app.cursor;
    let under: Vec<&Annotation> = app
        .store
        .intersecting(c, c + 1)
        .into_iter()
        .filter(|a| decidable(app, a))
        .collect();
    let current = app.review.current.as_ref();
    under
        .iter()
        .find(|a| Some(&a.id) == current)
        .or_else(|| under.iter().min_by_key(|a| a.extent().len()))
        .map(|a| a.id.clone())
}

/// Makes the first suggestion the Review tab lists the one under review, unless the
/// current one still awaits a decision.
pub fn show_first(app: &mut App) {
    let current = app.review.current.as_ref();
    if current.is_some_and(|id| app.store.annotation(id).is_some_and(awaits_review)) {
        return;
    }
    let first = listed(app).target(0).map(str::to_string);
    show(app, first);
}

/// The key that runs `command` where the keys go now, or its name when no key does.
pub fn key_of(app: &App, command: &Command) -> String {
    let context = match app.focus {
        Focus::Article => Context::Article,
        Focus::Panel => Context::Panel,
    };
    app.keymap
        .hint_key(context, command)
        .unwrap_or_else(|| format!(":{command}"))
}

/// Why there is nothing to decide on, for the status line.
fn nothing_to_decide(app: &App, what: &str) -> String {
    if reviewing_in_panel(app) {
        if app.panel.filter(Tab::Review).is_empty() {
            format!("no suggestion to {what}: the Review tab's list is empty")
        } else {
            format!("no suggestion to {what}: none matches the Review tab's filter")
        }
    } else {
        format!(
            "no suggestion to {what} under the cursor ({} moves to the next annotation, {} opens the Review tab)",
            key_of(app, &Command::NextAnnotation),
            key_of(app, &Command::Review)
        )
    }
}

/// Highlights the current suggestion's row when the panel shows the Review tab (when the
/// list does not show it, the highlight stays where it is, within the list).
pub fn highlight_current(app: &mut App) {
    if app.panel.tab == Tab::Review {
        highlight_among(app, &listed(app));
    }
}

/// [`highlight_current`], given the Review tab's list.
fn highlight_among(app: &mut App, listed: &TabList) {
    let current = app.review.current.as_ref();
    let row = current.and_then(|id| listed.position(&app.store, id));
    app.panel.selected =
        row.unwrap_or_else(|| app.panel.selected.min(listed.len().saturating_sub(1)));
}

/// Makes `id` the suggestion under review: cursor on it, centred, and its row
/// highlighted when the panel shows the Review tab.
pub fn show(app: &mut App, id: Option<String>) {
    let listed = if app.panel.tab == Tab::Review {
        listed(app)
    } else {
        Arc::default()
    };
    show_among(app, id, &listed);
}

/// [`show`], given the Review tab's list.
fn show_among(app: &mut App, id: Option<String>, listed: &TabList) {
    app.review.current = id.clone();
    if app.panel.tab == Tab::Review {
        highlight_among(app, listed);
    }
    match id.and_then(|id| app.store.annotation(&id).map(|a| a.extent().start)) {
        Some(start) => {
            app.cursor = start;
            app.anchor = None;
            if let Some(id) = &app.review.current {
                focus_on(app, id.clone());
            }
            reveal_cursor(app);
        }
        // The annotations are not read yet (a Review tab recalled at opening): an
        // empty list says nothing about what is left to review.
        None if app.loading => {}
        None if app.show_rejected => app.say(format!(
            "no rejected suggestions left to revisit ({} lists the queue)",
            key_of(app, &Command::ToggleRejected)
        )),
        None if !app.panel.filter(Tab::Review).is_empty() => {
            app.say("no suggestion left that matches the Review tab's filter")
        }
        None => app.say("no pending suggestions left: all reviewed"),
    }
}

/// What follows a decision on a listed suggestion, read off the Review tab's list
/// before the decision: the rows after it (wrapping), up to the first one the decision
/// leaves alone, which is therefore still listed after it.
#[derive(Debug)]
struct FollowedBy(Option<Vec<String>>);

impl FollowedBy {
    /// The rows after `id` in `before` up to the first not in `changing` (the
    /// annotations the decision is about to change); `None` inside when `id` is not
    /// listed.
    fn read(store: &Store, before: &TabList, id: &str, changing: &HashSet<&str>) -> FollowedBy {
        FollowedBy(before.position(store, id).map(|p| {
            let mut rows = Vec::new();
            for t in (p + 1..before.len())
                .chain(0..p)
                .filter_map(|i| before.target(i))
            {
                rows.push(t.to_string());
                if !changing.contains(t) {
                    break;
                }
            }
            rows
        }))
    }
}

/// Brings up the suggestion that follows a decision on `id`: the next row of the Review
/// tab's list (wrapping) that is still listed, `followed` read off the list before the
/// decision; when `id` was not listed, the next in the queue.
fn move_on(app: &mut App, id: &str, followed: FollowedBy) {
    let now = listed(app);
    let next = match followed.0 {
        None => app.review.next_after(&app.store, Some(id)),
        Some(rows) => rows
            .into_iter()
            .find(|t| now.position(&app.store, t).is_some())
            .or_else(|| {
                now.position(&app.store, id)
                    .is_some()
                    .then(|| id.to_string())
            }),
    };
    show_among(app, next, &now);
}

/// Decides on the current suggestion: a new status and maybe a new label. A moved
/// annotation loses its re-anchoring mark: it has been reviewed. The next visible
/// suggestion comes up.
pub fn decide(app: &mut App, status: Status, label: Option<&str>) {
    let before = listed(app);
    let Some(id) = current_among(app, &before) else {
        let what = if status == Status::Rejected {
            "reject"
        } else {
            "accept"
        };
        return app.complain(nothing_to_decide(app, what));
    };
    let Some(mut after) = app.store.annotation(&id).cloned() else {
        return;
    };
    if !awaits_review(&after) && after.status == status && label.is_none_or(|l| l == after.label) {
        return app.complain(format!("{id} is already {status}"));
    }
    after.status = status;
    reviewed(&app.doc, &mut after);
    let relabelled = label.map_or_else(String::new, |l| relabelled(&after.label, l));
    if let Some(label) = label {
        after.relabel(label);
    }
    touch(app, &mut after);
    // The list before the decision is let go, so that it catches up in place.
    let followed = FollowedBy::read(&app.store, &before, &id, &HashSet::from([id.as_str()]));
    drop(before);
    app.store
        .group_as(StepKind::Decision, |store| store.replace_annotation(after));
    move_on(app, &id, followed);
    if let Some(next) = &app.review.current {
        let text = app
            .store
            .annotation(next)
            .map(|a| format!("{} {}", a.kind, a.label))
            .unwrap_or_default();
        app.say(format!("{id} {status}{relabelled}; next: {next} {text}"));
    } else if !relabelled.is_empty() {
        app.say(format!("{id} {status}{relabelled}"));
    }
}

/// Takes the re-anchoring mark off a moved annotation the analyst decided on, and gives
/// it the quote of where it now is, so that the next change of the article judges it by
/// its new surroundings.
fn reviewed(doc: &Document, a: &mut Annotation) {
    if is_marked_moved(a) {
        clear_mark(a);
        requote(doc, a);
    }
}

/// Skips the current suggestion: it goes to the back of the queue, and the next visible
/// one comes up.
pub fn skip(app: &mut App) {
    let before = listed(app);
    let Some(id) = current_among(app, &before) else {
        return app.complain(nothing_to_decide(app, "skip"));
    };
    let followed = FollowedBy::read(&app.store, &before, &id, &HashSet::from([id.as_str()]));
    drop(before);
    app.review.skipped.insert(id.clone());
    move_on(app, &id, followed);
}

/// Takes back the last review decision, the newest step of the history that is one
/// (see [`crate::domain::store::Store::take_back_last`]): its suggestion is current
/// again. When a later step changed the same annotation, nothing changes and the status
/// line says why.
pub fn undo_decision(app: &mut App) {
    match app.store.take_back_last(StepKind::Decision) {
        Ok(undone) => {
            show(app, undone.annotations.first().cloned());
            app.say("decision taken back");
        }
        Err(NotTakenBack::Nothing) => app.complain("no review decision to take back"),
        Err(NotTakenBack::TouchedLater) => app.complain(
            "the last decision is not taken back: a later change touched the same \
             annotation (u undoes step by step)",
        ),
    }
}

/// Accepts everything awaiting review with the current one's kind and label whose score
/// is at least the current one's. When the current one has no score, which would mean
/// all of its label, it says how many first and asks.
pub fn accept_all(app: &mut App) {
    let Some(id) = current(app) else {
        return app.complain(nothing_to_decide(app, "start accepting from"));
    };
    let Some(pivot) = app.store.annotation(&id).cloned() else {
        return;
    };
    if !awaits_review(&pivot) {
        return app.complain(format!(
            "{id} is {}: accept-all takes pending suggestions ({} lists them again)",
            pivot.status,
            key_of(app, &Command::ToggleRejected)
        ));
    }
    let floor = pivot.score().unwrap_or(f64::NEG_INFINITY);
    let ids: Vec<String> = app
        .store
        .annotations()
        .into_iter()
        .filter(|a| awaits_review(a) && a.kind == pivot.kind && a.label == pivot.label)
        .filter(|a| a.score().unwrap_or(f64::NEG_INFINITY) >= floor)
        .map(|a| a.id.clone())
        .collect();
    if pivot.score().is_some() {
        return accept_these(app, &AcceptAllAsked { ids, pivot: id });
    }
    let question = format!(
        "accept all {} pending {} {} (no scores to choose by)? {}",
        ids.len(),
        pivot.kind,
        pivot.label,
        app.keymap
            .hint_key(Context::Confirm, &Command::Confirm)
            .map_or_else(
                || "No key is bound to confirm, so nothing is accepted".to_string(),
                |key| format!("{key} accepts, any other key keeps them pending"),
            )
    );
    app.review.accept_all_asked = Some(AcceptAllAsked { ids, pivot: id });
    app.say(super::display_text::sanitize_line(&question));
}

/// Accepts the suggestions of an accept-all (those still pending), as one decision, and
/// brings up the next visible one.
pub fn accept_these(app: &mut App, asked: &AcceptAllAsked) {
    let chosen: Vec<Annotation> = asked
        .ids
        .iter()
        .filter_map(|id| app.store.annotation(id))
        .filter(|a| awaits_review(a))
        .cloned()
        .collect();
    let Some(pivot) = app.store.annotation(&asked.pivot).cloned() else {
        return;
    };
    let before = listed(app);
    let changing: HashSet<&str> = chosen.iter().map(|a| a.id.as_str()).collect();
    let followed = FollowedBy::read(&app.store, &before, &pivot.id, &changing);
    drop(before);
    let count = chosen.len();
    // One string for the time of all the annotations accepted.
    let annotator = app.annotator.clone();
    let now = SharedStr::from(crate::domain::clock::now());
    app.store.group_as(StepKind::Decision, |store| {
        for a in &chosen {
            let mut after = a.clone();
            after.status = Status::Accepted;
            reviewed(&app.doc, &mut after);
            after.annotator = Some(annotator.clone());
            after.modified = Some(now.clone());
            store.replace_annotation(after);
        }
    });
    move_on(app, &pivot.id, followed);
    let score = pivot
        .score()
        .map(|s| format!(" with score ≥ {s:.2}"))
        .unwrap_or_default();
    app.say(format!(
        "accepted {count} {} {}{score}",
        pivot.kind, pivot.label
    ));
}

/// Switches between reading order and score order.
pub fn toggle_order(app: &mut App) {
    app.review.order = match app.review.order {
        ReviewOrder::Reading => ReviewOrder::Score,
        ReviewOrder::Score => ReviewOrder::Reading,
    };
    app.say(match app.review.order {
        ReviewOrder::Reading => "review in reading order",
        ReviewOrder::Score => "review by score, highest first",
    });
}

/// Accepts the grouping proposed for the mention under the cursor (or under review).
pub fn accept_grouping(app: &mut App) {
    let id = app
        .focused_annotation()
        .map(|a| a.id.clone())
        .or_else(|| app.review.current.clone());
    let Some(g) = id.and_then(|id| grouping::propose(&app.store, &id)) else {
        return app
            .complain("no grouping to accept here: no other mention looks like the same entity");
    };
    let eid = grouping::accept(&mut app.store, &g);
    app.say(format!(
        "{} mentions are now entity {eid} \"{}\"",
        g.mentions.len(),
        g.name
    ));
    if let Some(first) = g.mentions.first() {
        super::registry_link::offer(app, first);
    }
}
