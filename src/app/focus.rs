//! Which annotation the commands act on when the cursor is on one or more.
//!
//! Annotations under the cursor are listed in one stable order, the *place order*: by
//! start, then the longer first, then claims before sources before entities, then by
//! id. `]` and `[` step through every annotation in that order (several can start at
//! the same character) and make the one they stop on the *focused* annotation; `;`
//! cycles the focus through those under the cursor; tagging focuses the new annotation,
//! a jump from the panel or the review queue the annotation jumped to, undo and redo the
//! annotation they bring back. A focus holds while the annotations under the cursor are
//! the ones it was chosen among: moving onto other ones (or changing them) drops it, and
//! commands act on the innermost annotation under the cursor again. A command that needs
//! a claim or a source takes the only one under the cursor, whatever else lies there;
//! with several, the focused one if of that kind, else it asks.

use std::cmp::Reverse;

use crate::domain::model::{Annotation, Kind, Status};

use super::command::Command;
use super::keymap::Context;
use super::state::App;

/// Where a kind comes among annotations that start and end at the same place.
fn kind_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Claim => 0,
        Kind::Source => 1,
        Kind::Entity => 2,
    }
}

/// The place-order key of `a` at the span of it that starts at `start` and ends at
/// `end`.
fn place_key(a: &Annotation, start: usize, end: usize) -> (usize, Reverse<usize>, u8, &str) {
    (start, Reverse(end), kind_rank(a.kind), a.id.as_str())
}

/// A focus: the annotation chosen, and the annotations under the cursor it was chosen
/// among (in place order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The focused annotation.
    id: String,
    /// The ids under the cursor when it was chosen.
    among: Vec<String>,
}

/// Why no annotation of the kind a command needs could be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoTarget {
    /// None of that kind is under the cursor.
    None,
    /// Several are, and the focus is on none of them: their ids, in place order.
    Several(Vec<String>),
}

impl App {
    /// Whether `a` is drawn and can be acted on (rejected ones only when shown).
    fn shown(&self, a: &Annotation) -> bool {
        self.show_rejected || a.status != Status::Rejected
    }

    /// The annotations under the cursor that are shown, in place order.
    pub fn annotations_under_cursor(&self) -> Vec<&Annotation> {
        let c = self.cursor;
        let mut found: Vec<&Annotation> = self
            .store
            .intersecting(c, c + 1)
            .into_iter()
            .filter(|a| self.shown(a))
            .collect();
        found.sort_by(|a, b| {
            let (ea, eb) = (a.extent(), b.extent());
            place_key(a, ea.start, ea.end).cmp(&place_key(b, eb.start, eb.end))
        });
        found
    }

    /// The annotation commands act on: the focused one while it holds, else the
    /// innermost (shortest) under the cursor, the first in place order on a tie.
    pub fn focused_annotation(&self) -> Option<&Annotation> {
        let under = self.annotations_under_cursor();
        let chosen = self
            .focused
            .as_ref()
            .filter(|chosen| holds(chosen, &under))
            .and_then(|chosen| under.iter().find(|a| a.id == chosen.id));
        chosen
            .or_else(|| under.iter().min_by_key(|a| a.extent().len()))
            .copied()
    }

    /// The annotation a command that needs one of `kinds` acts on: the focused one if of
    /// such a kind, else the only one of them under the cursor.
    pub fn target_of_kind(&self, kinds: &[Kind]) -> Result<&Annotation, NoTarget> {
        self.target_where(|a| kinds.contains(&a.kind))
    }

    /// The annotation a command that needs one that `fits` acts on (a claim, a pending
    /// suggestion): the focused one if it fits, else the only one under the cursor that
    /// does.
    pub fn target_where(
        &self,
        fits: impl Fn(&Annotation) -> bool,
    ) -> Result<&Annotation, NoTarget> {
        if let Some(a) = self.focused_annotation().filter(|a| fits(a)) {
            return Ok(a);
        }
        let fitting: Vec<&Annotation> = self
            .annotations_under_cursor()
            .into_iter()
            .filter(|a| fits(a))
            .collect();
        match fitting.as_slice() {
            [] => Err(NoTarget::None),
            [only] => Ok(only),
            several => Err(NoTarget::Several(
                several.iter().map(|a| a.id.clone()).collect(),
            )),
        }
    }

    /// The key that moves the focus on, as help shows it (or the command's name).
    pub fn focus_key(&self) -> String {
        self.keymap
            .hint_key(Context::Article, &Command::FocusNext)
            .unwrap_or_else(|| format!(":{}", Command::FocusNext.name()))
    }
}

/// Whether a focus still holds over `under`, the annotations under the cursor now.
fn holds(chosen: &Chosen, under: &[&Annotation]) -> bool {
    chosen.among.len() == under.len() && chosen.among.iter().zip(under).all(|(id, a)| *id == a.id)
}

/// Makes `id` the annotation commands act on, among those under the cursor now.
pub fn focus_on(app: &mut App, id: impl Into<String>) {
    let among = app
        .annotations_under_cursor()
        .iter()
        .map(|a| a.id.clone())
        .collect();
    app.focused = Some(Chosen {
        id: id.into(),
        among,
    });
}

/// Drops a focus that no longer holds: the cursor moved onto other annotations, or
/// those under it changed (called after every action).
pub fn forget_if_stale(app: &mut App) {
    let Some(chosen) = &app.focused else {
        return;
    };
    if !holds(chosen, &app.annotations_under_cursor()) {
        app.focused = None;
    }
}

/// `;`: the next annotation under the cursor, in place order, wrapping.
pub fn focus_next(app: &mut App) {
    let under: Vec<String> = app
        .annotations_under_cursor()
        .iter()
        .map(|a| a.id.clone())
        .collect();
    if under.is_empty() {
        return app.complain("no annotation under the cursor ([ and ] move between them)");
    }
    let current = app.focused_annotation().map(|a| a.id.clone());
    let at = current.and_then(|id| under.iter().position(|u| *u == id));
    let next = at.map_or(0, |i| (i + 1) % under.len());
    let id = under[next].clone();
    let said = describe(app, &id);
    focus_on(app, id);
    app.say(format!("{} of {}: {said}", next + 1, under.len()));
}

/// "a2 source PERSON".
fn describe(app: &App, id: &str) -> String {
    app.store.annotation(id).map_or_else(
        || id.to_string(),
        |a| format!("{} {} {}", a.id, a.kind, a.label),
    )
}

/// The stop of `]` (`forward`) or `[` from the cursor and the focus: (where, which).
/// Within the annotations starting at the cursor it steps in place order from the
/// focused one (forward from a focus that started earlier, to the first of them); past
/// them, to the first (or, going back, the last) of the nearest start.
pub fn next_stop(app: &App, forward: bool) -> Option<(usize, String)> {
    let c = app.cursor;
    let here = starting_at(app, c);
    let focused = app.focused_annotation().map(|a| a.id.as_str());
    let step = match focused.and_then(|f| here.iter().position(|id| *id == f)) {
        Some(i) if forward => i.checked_add(1),
        Some(i) => i.checked_sub(1),
        // A focus that started before the cursor comes before what starts here.
        None if forward => Some(0),
        None => None,
    };
    if let Some(id) = step.and_then(|j| here.get(j)) {
        return Some((c, id.to_string()));
    }
    let index = app.store.index();
    let mut at = c;
    loop {
        let (start, _) = if forward {
            index.next_start_after(at)?
        } else {
            index.prev_start_before(at)?
        };
        at = start;
        let group = starting_at(app, at);
        let stop = if forward { group.first() } else { group.last() };
        if let Some(id) = stop {
            return Some((at, id.to_string()));
        }
    }
}

/// Ids of the shown annotations with a span starting at `byte`, in place order.
fn starting_at(app: &App, byte: usize) -> Vec<&str> {
    let mut found: Vec<(&Annotation, usize)> = app
        .store
        .index()
        .starting_at(byte)
        .filter_map(|(end, id)| app.store.annotation(id).map(|a| (a, end)))
        .filter(|(a, _)| app.shown(a))
        .collect();
    found.sort_by(|(a, ea), (b, eb)| place_key(a, byte, *ea).cmp(&place_key(b, byte, *eb)));
    found.into_iter().map(|(a, _)| a.id.as_str()).collect()
}
