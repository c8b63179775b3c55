//! The Review tab's list: the review queue in its order (or, with rejected suggestions
//! shown, those), its filter applied. Worked out from every annotation once, then kept
//! up to date by each edit: the annotations the edit changed leave their place and, when
//! still listed, take the place their key gives them (see [`super::sorted_list`]), so a
//! decision costs what it changed and not what the queue holds.

use std::sync::Arc;

use crate::domain::model::Annotation;

use super::panel::matches_filter;
use super::panel_lists::{Entry, TabList};
use super::review::{awaits_review, is_rejected_suggestion, ReviewOrder};
use super::sorted_list::{Listed, SortedList};
use super::state::{App, Tab};

/// The list worked out from every annotation (see [`crate::app::review::Review::queue`]
/// for the order: unskipped first, in the chosen order).
pub fn make(app: &App) -> TabList {
    let filter = app.panel.filter(Tab::Review).to_lowercase();
    let mut total = 0;
    let listed = app
        .store
        .iter_shared_annotations()
        .filter(|a| in_tab(app, a))
        .inspect(|_| total += 1)
        .filter_map(|a| listed(app, a, &filter))
        .collect();
    let by_score = !app.show_rejected && app.review.order == ReviewOrder::Score;
    TabList::sorted(SortedList::new(listed, by_score), total)
}

/// Brings `list` up to date with the edits made after revision `since` and the skips
/// after the first `skipped`: `false` when the store no longer knows those edits (the
/// list must be worked out again).
pub fn catch_up(app: &App, list: &mut TabList, since: u64, skipped: usize) -> bool {
    let Some(changes) = app.store.annotation_changes_since(since) else {
        return false;
    };
    let filter = app.panel.filter(Tab::Review).to_lowercase();
    for change in changes {
        let counted =
            |a: &Option<Arc<Annotation>>| isize::from(a.as_deref().is_some_and(|a| in_tab(app, a)));
        let total_change = counted(&change.after) - counted(&change.before);
        // The list is up to date with the edits before this one: what it lists of
        // the annotation is the version this edit changed.
        let after = change.after.as_ref().and_then(|a| listed(app, a, &filter));
        if !list.put(change.before.as_deref(), after, total_change) {
            return false;
        }
    }
    for id in app.review.skipped.after(skipped) {
        let Some(a) = app.store.shared_annotation(id) else {
            continue;
        };
        if !list.put(Some(a), listed(app, a, &filter), 0) {
            return false;
        }
    }
    true
}

/// Whether the tab lists `a` before its filter: it awaits review, or, with rejected
/// suggestions shown, it is one.
fn in_tab(app: &App, a: &Annotation) -> bool {
    if app.show_rejected {
        is_rejected_suggestion(a)
    } else {
        awaits_review(a)
    }
}

/// How `a` is listed; `None` when it is not (not in the tab, or its row does not show
/// the filter).
fn listed(app: &App, a: &Arc<Annotation>, filter: &str) -> Option<Listed> {
    if !in_tab(app, a) {
        return None;
    }
    if !filter.is_empty()
        && !matches_filter(app, Tab::Review, &Entry::Annotation(a.id.clone()), filter)
    {
        return None;
    }
    Some(Listed {
        annotation: Arc::clone(a),
        last: !app.show_rejected && app.review.skipped.contains(&a.id),
    })
}
