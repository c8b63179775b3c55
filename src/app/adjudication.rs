//! The adjudication view: the disagreements between analysts (or the conflicts a merge
//! left) listed in the Adjudication tab, each settled by a key — take one side's
//! version, every version, or none — as one undoable step.

use crate::domain::adjudication::{open_sets, settle, Choice, Working};
use crate::domain::disagreement::{compared, differences, Difference};
use crate::domain::model::Annotation;

use super::action::Effect;
use super::command::Command;
use super::display_text::sanitize_line;
use super::handlers;
use super::panel::{self, PanelRow};
use super::panel_lists::Entry;
use super::review_ops::key_of;
use super::state::{App, Focus, Tab};

/// How many sides have a key of their own (`take-1` … `take-3`); more are settled
/// with both, neither or by hand.
const MOST_KEYED: usize = 3;

/// An adjudication in progress: the sides and how many conflict sets it started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjudication {
    /// The sides, in the order the keys take them (`A`, `B`… or `ours`, `theirs`).
    pub sides: Vec<String>,
    /// What each side is (a sidecar's file name, or the branch of a merge).
    pub names: Vec<String>,
    /// How many conflict sets there were when it started.
    pub total: usize,
}

/// How an adjudication starts: its sides and, when it compares sidecars, the working
/// sidecar that replaces the store's contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    /// The sides, in the order the keys take them.
    pub sides: Vec<String>,
    /// What each side is.
    pub names: Vec<String>,
    /// The working sidecar (`None`: settle the conflicts the store already has).
    pub working: Option<Working>,
}

/// Starts the adjudication: puts the working sidecar in the store (one undoable step),
/// shows the Adjudication tab on the first disagreement.
pub fn start(app: &mut App, start: Start) {
    if let Some(working) = start.working {
        replace_contents(app, working);
    }
    let total = open_sets(&app.store).len();
    app.adjudication = Some(Adjudication {
        sides: start.sides,
        names: start.names,
        total,
    });
    handlers::show_tab(app, Tab::Adjudication);
    app.focus = Focus::Panel;
    handlers::preview_row(app);
    let sides = app.adjudication.as_ref().map_or(0, |a| a.sides.len());
    let takes: Vec<String> = (1..=sides.min(MOST_KEYED))
        .map(|n| {
            let side = app
                .adjudication
                .as_ref()
                .map_or("", |a| a.sides[n - 1].as_str());
            format!("{} {side}", key_of(app, &Command::TakeVersion(n as u8)))
        })
        .collect();
    let names: Vec<String> = app.adjudication.as_ref().map_or(Vec::new(), |a| {
        a.sides
            .iter()
            .zip(&a.names)
            .filter(|(side, name)| side != name)
            .map(|(side, name)| format!("{side} {name}"))
            .collect()
    });
    app.say(format!(
        "{total} disagreement{} to settle: {}, {} both, {} neither{}",
        if total == 1 { "" } else { "s" },
        takes.join(", "),
        key_of(app, &Command::TakeAll),
        key_of(app, &Command::TakeNeither),
        if names.is_empty() {
            String::new()
        } else {
            format!(" · {}", names.join(", "))
        }
    ));
}

/// Replaces every annotation, entity and relation of the store with `working`'s.
fn replace_contents(app: &mut App, working: Working) {
    let store = &mut app.store;
    let annotations: Vec<String> = store.annotations().iter().map(|a| a.id.clone()).collect();
    for id in annotations {
        store.remove_annotation(&id);
    }
    let entities: Vec<String> = store.entities().iter().map(|e| e.id.clone()).collect();
    for id in entities {
        store.remove_entity(&id);
    }
    let relations: Vec<String> = store.relations().iter().map(|r| r.id.clone()).collect();
    for id in relations {
        store.remove_relation(&id);
    }
    for entity in working.entities {
        store.put_entity(entity);
    }
    for annotation in working.annotations {
        store.insert_annotation(annotation);
    }
    for relation in working.relations {
        store.put_relation(relation);
    }
}

/// Shows the Adjudication tab.
pub fn show(app: &mut App) {
    if app.adjudication.is_none() {
        return app.complain("no adjudication: open one with scholia adjudicate ARTICLE [A B…]");
    }
    handlers::show_tab(app, Tab::Adjudication);
    handlers::preview_row(app);
}

/// Takes the version of the side the command numbers (1: the first).
pub fn take(app: &mut App, command: &Command, _: &mut Vec<Effect>) {
    let Command::TakeVersion(n) = command else {
        return;
    };
    let Some(adjudication) = &app.adjudication else {
        return app.complain("no adjudication: open one with scholia adjudicate ARTICLE [A B…]");
    };
    let Some(side) = adjudication.sides.get(usize::from(*n).saturating_sub(1)) else {
        return app.complain(format!(
            "there is no side {n}: this adjudication has {}",
            adjudication.sides.join(", ")
        ));
    };
    let side = side.clone();
    decide(app, Choice::Take(side));
}

/// Keeps every version of the disagreement.
pub fn take_all(app: &mut App) {
    decide(app, Choice::All);
}

/// Keeps no version of the disagreement.
pub fn take_neither(app: &mut App) {
    decide(app, Choice::Neither);
}

/// Settles the disagreement of the highlighted row (in the Adjudication tab) or under
/// the cursor, then shows the next one.
fn decide(app: &mut App, choice: Choice) {
    if app.adjudication.is_none() {
        return app.complain("no adjudication: open one with scholia adjudicate ARTICLE [A B…]");
    }
    let Some(set) = current_set(app) else {
        return app.complain(
            "no disagreement here: pick one in the Adjudication tab or put the cursor on one",
        );
    };
    let kept = settle(&mut app.store, &set, &choice);
    let what = match &choice {
        Choice::Take(side) if kept == 0 => format!("{side} has none: dropped"),
        Choice::Take(side) => format!("took {side}'s version"),
        Choice::All => format!("kept all {kept} versions"),
        Choice::Neither => "dropped every version".to_string(),
    };
    let progress = progress(app);
    app.say(format!("{what} · {progress}"));
    if app.panel.tab == Tab::Adjudication {
        let len = panel::list(app, Tab::Adjudication).len();
        app.panel.selected = app.panel.selected.min(len.saturating_sub(1));
        handlers::preview_row(app);
    }
}

/// The conflict set of the highlighted row, when the panel has the keys on the
/// Adjudication tab; else of the annotation under the cursor.
fn current_set(app: &App) -> Option<String> {
    let set_of = |id: &str| {
        app.store
            .annotation(id)
            .and_then(|a| a.conflict.as_ref())
            .map(|c| c.set.clone())
    };
    if app.focus == Focus::Panel && app.panel.tab == Tab::Adjudication {
        let list = panel::list(app, Tab::Adjudication);
        return list.target(app.panel.selected).and_then(set_of);
    }
    let at = app.cursor;
    app.store
        .intersecting(at, at + 1)
        .into_iter()
        .find_map(|a| a.conflict.as_ref().map(|c| c.set.clone()))
}

/// How far the adjudication is: "3/7 decided".
pub fn progress(app: &App) -> String {
    let total = app.adjudication.as_ref().map_or(0, |a| a.total);
    let open = panel::list(app, Tab::Adjudication).total();
    format!("{}/{total} decided", total.saturating_sub(open))
}

/// The Adjudication tab's entries: each open conflict set, by its first version.
pub fn entries(app: &App) -> Vec<Entry> {
    open_sets(&app.store)
        .into_iter()
        .filter_map(|set| set.versions.into_iter().next())
        .map(Entry::Annotation)
        .collect()
}

/// The row of the set whose first version is `first`: how its versions differ and the
/// words, then each side's label (and words, when the boundaries differ).
pub fn row(app: &App, first: &Annotation) -> PanelRow {
    let set = first.conflict.as_ref().map(|c| c.set.as_str());
    let versions: Vec<&Annotation> = app
        .store
        .annotations()
        .into_iter()
        .filter(|a| a.conflict.as_ref().map(|c| c.set.as_str()) == set)
        .collect();
    let sides = app.adjudication.as_ref().map_or(2, |a| a.sides.len());
    let target = |to: &str| match app.store.annotation(to).and_then(|a| a.conflict.as_ref()) {
        Some(c) => format!("set {}", c.set),
        None => to.to_string(),
    };
    let compared: Vec<_> = versions
        .iter()
        .filter_map(|a| compared(&app.store, &a.id, target))
        .collect();
    let found = differences(&compared, sides);
    let side = |a: &Annotation| {
        a.conflict
            .as_ref()
            .map_or("", |c| c.side.as_str())
            .to_string()
    };
    let kinds: Vec<String> = found
        .iter()
        .map(|d| match d {
            Difference::Missing => {
                let present: Vec<String> = versions.iter().map(|a| side(a)).collect();
                format!("only in {}", present.join("+"))
            }
            other => other.as_str().to_string(),
        })
        .collect();
    let agreed = versions.len() == 1 && side(first).contains('+');
    let kinds = if agreed || kinds.is_empty() {
        format!("agreed by {}", side(first))
    } else {
        kinds.join(", ")
    };
    let boundaries = found.contains(&Difference::Boundaries);
    let detail: Vec<String> = versions
        .iter()
        .map(|a| {
            let words = if boundaries {
                format!(" «{}»", a.quote.exact)
            } else {
                String::new()
            };
            format!("{} {}{words}", side(a), a.label)
        })
        .collect();
    PanelRow {
        text: sanitize_line(&format!("{kinds} · {}", first.quote.exact)),
        detail: sanitize_line(&detail.join(" | ")),
        target: Some(first.id.clone()),
        label: Some((first.kind, first.label.to_string())),
        current: false,
    }
}
