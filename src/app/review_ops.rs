//! Review decisions in the workbench: accept, reject, skip, relabel-and-accept, undo a
//! decision, accept all above a score; after each one the next suggestion is current.

use crate::domain::anchor::{clear_mark, is_marked_moved, quote_for};
use crate::domain::document::Document;
use crate::domain::history::{NotTakenBack, StepKind};
use crate::domain::model::{Annotation, Status};

use super::focus::focus_on;
use super::grouping;
use super::motion::center_on_cursor;
use super::review::{awaits_review, ReviewOrder};
use super::state::{App, Focus, Tab};
use super::tagging::touch;

/// The suggestion decisions apply to: the one awaiting review under the cursor, else
/// the current one of the review queue, else the first in the queue.
pub fn current(app: &App) -> Option<String> {
    let reviewing = app.panel.tab == Tab::Review && app.focus == Focus::Panel;
    let pending = |id: &String| app.store.annotation(id).is_some_and(awaits_review);
    let under_cursor = app.target_where(awaits_review).ok().map(|a| a.id.clone());
    let queued = app.review.current.clone().filter(pending);
    if reviewing {
        queued.or(under_cursor)
    } else {
        under_cursor.or(queued)
    }
    .or_else(|| app.review.next_after(&app.store, None))
}

/// Makes `id` the suggestion under review: cursor on it, centred.
pub fn show(app: &mut App, id: Option<String>) {
    app.review.current = id.clone();
    match id.and_then(|id| app.store.annotation(&id).map(|a| a.extent().start)) {
        Some(start) => {
            app.cursor = start;
            app.anchor = None;
            if let Some(id) = &app.review.current {
                focus_on(app, id.clone());
            }
            center_on_cursor(app);
        }
        None => app.say("no pending suggestions left: all reviewed"),
    }
}

/// Decides on the current suggestion: a new status and maybe a new label. A moved
/// annotation loses its re-anchoring mark: it has been reviewed.
pub fn decide(app: &mut App, status: Status, label: Option<&str>) {
    let Some(id) = current(app) else {
        return app.complain("no pending suggestion to decide on");
    };
    let Some(mut after) = app.store.annotation(&id).cloned() else {
        return;
    };
    after.status = status;
    reviewed(&app.doc, &mut after);
    if let Some(label) = label {
        after.label = label.to_string();
    }
    touch(app, &mut after);
    app.store
        .group_as(StepKind::Decision, |store| store.replace_annotation(after));
    let next = app.review.next_after(&app.store, Some(&id));
    show(app, next);
    if let Some(next) = &app.review.current {
        let text = app
            .store
            .annotation(next)
            .map(|a| format!("{} {}", a.kind, a.label))
            .unwrap_or_default();
        app.say(format!("{id} {status}; next: {next} {text}"));
    }
}

/// Takes the re-anchoring mark off a moved annotation the analyst decided on, and gives
/// it the quote of where it now is, so that the next change of the article judges it by
/// its new surroundings.
fn reviewed(doc: &Document, a: &mut Annotation) {
    if is_marked_moved(a) {
        clear_mark(a);
        a.quote = quote_for(doc, &a.spans);
    }
}

/// Skips the current suggestion: it goes to the back of the queue.
pub fn skip(app: &mut App) {
    let Some(id) = current(app) else {
        return app.complain("no pending suggestion to skip");
    };
    app.review.skipped.insert(id.clone());
    let next = app.review.next_after(&app.store, Some(&id));
    show(app, next);
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
/// is at least the current one's.
pub fn accept_all(app: &mut App) {
    let Some(id) = current(app) else {
        return app.complain("no pending suggestion to start from");
    };
    let Some(pivot) = app.store.annotation(&id).cloned() else {
        return;
    };
    let floor = pivot.score().unwrap_or(f64::NEG_INFINITY);
    let chosen: Vec<Annotation> = app
        .store
        .annotations()
        .into_iter()
        .filter(|a| awaits_review(a) && a.kind == pivot.kind && a.label == pivot.label)
        .filter(|a| a.score().unwrap_or(f64::NEG_INFINITY) >= floor)
        .cloned()
        .collect();
    let count = chosen.len();
    let annotator = app.annotator.clone();
    let now = crate::domain::clock::now();
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
    let next = app.review.next_after(&app.store, Some(&id));
    show(app, next);
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
}
