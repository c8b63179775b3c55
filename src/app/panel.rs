//! The rows of each panel tab. What a tab lists is kept in [`super::panel_lists`] until
//! the store or a setting it depends on changes; rows, which cost sanitising and
//! formatting, are made only for the entries drawn.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::domain::anchor::is_marked_moved;
use crate::domain::model::{relation_types, Annotation, Kind, Relation, Status};

use super::adjudication;
use super::display_text::{safe_line, safe_owned_line, sanitize_line};
use super::panel_lists::{Counts, EntityGroup, Entry, Links, ListKey, TabList};
use super::registry_grade;
use super::review_list;
use super::state::{App, Tab};
use super::tally::Tally;
/// One row of the panel's list.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelRow {
    /// The main text (already safe to draw).
    pub text: String,
    /// The dimmer detail column (already safe to draw).
    pub detail: String,
    /// The annotation Enter jumps to.
    pub target: Option<String>,
    /// Kind and label, for the colour.
    pub label: Option<(Kind, String)>,
    /// Whether this is the suggestion under review.
    pub current: bool,
}

/// How much work the panel did in this thread so far: rows made and lists and counts
/// worked out. Tests and benchmarks read it to check that a frame makes rows for what
/// it shows only and that keys which change nothing listed work nothing out again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PanelWork {
    /// Rows made for drawing or for a command.
    pub rows_made: usize,
    /// Tab lists worked out (each walks the annotations).
    pub lists_made: usize,
    /// Counts and link indexes worked out (each walks the annotations or relations).
    pub counts_made: usize,
    /// Kept lists, counts or links copied to be brought up to date, because something
    /// still held the old one (each copies every entry).
    pub lists_copied: usize,
}

thread_local! {
    static WORK: Cell<PanelWork> = Cell::new(PanelWork::default());
}

/// The panel's work in this thread so far (see [`PanelWork`]).
pub fn work() -> PanelWork {
    WORK.with(Cell::get)
}

fn count_work(add: impl FnOnce(&mut PanelWork)) {
    WORK.with(|work| {
        let mut now = work.get();
        add(&mut now);
        work.set(now);
    });
}

/// Counts a kept list, counts or links copied (see [`PanelWork::lists_copied`]).
pub(super) fn count_copy() {
    count_work(|w| w.lists_copied += 1);
}

/// What `tab` lists, its filter applied (kept until something it depends on changes;
/// the Review tab's list catches up with edits).
pub fn list(app: &App, tab: Tab) -> Arc<TabList> {
    let key = ListKey {
        store: app.store.version(),
        show_rejected: app.show_rejected,
        order: app.review.order,
        skipped: app.review.skipped.len(),
        filter: app.panel.filter(tab).to_lowercase(),
    };
    app.panel_lists.list(
        tab,
        key,
        |list, (since, skipped)| {
            tab == Tab::Review && review_list::catch_up(app, list, since, skipped)
        },
        || make_list(app, tab),
    )
}

/// The rows of the entries `start..start + count` of `tab`'s list.
pub fn window(app: &App, tab: Tab, list: &TabList, start: usize, count: usize) -> Vec<PanelRow> {
    let entries = list.window(start, count);
    count_work(|w| w.rows_made += entries.len());
    entries.iter().map(|e| row(app, tab, e)).collect()
}

/// Every row of `tab`, filtered by the tab's filter (a whole list's worth of rows: for
/// tests and exports, not for drawing).
pub fn rows(app: &App, tab: Tab) -> Vec<PanelRow> {
    let list = list(app, tab);
    window(app, tab, &list, 0, list.len())
}

fn make_list(app: &App, tab: Tab) -> TabList {
    count_work(|w| w.lists_made += 1);
    let all = match tab {
        Tab::Entities => entity_groups(app),
        Tab::Claims => of_kind(app, Kind::Claim),
        Tab::Sources => of_kind(app, Kind::Source),
        Tab::Review => return review_list::make(app),
        Tab::Orphans => orphan_entries(app),
        Tab::Adjudication => adjudication::entries(app),
    };
    let total = all.len();
    let filter = app.panel.filter(tab).to_lowercase();
    if filter.is_empty() {
        return TabList::new(all, total);
    }
    let matching = all
        .into_iter()
        .filter(|entry| matches_filter(app, tab, entry, &filter))
        .collect();
    TabList::new(matching, total)
}

/// Whether the row of `entry` in `tab` shows `filter` (lowercase; empty: every row).
pub(super) fn matches_filter(app: &App, tab: Tab, entry: &Entry, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let r = row(app, tab, entry);
    r.text.to_lowercase().contains(filter) || r.detail.to_lowercase().contains(filter)
}

/// The row of one entry of `tab`.
fn row(app: &App, tab: Tab, entry: &Entry) -> PanelRow {
    match entry {
        Entry::Group(group) => entity_row(group),
        Entry::Annotation(id) => {
            let Some(a) = app.store.annotation(id) else {
                return PanelRow {
                    text: format!("{} (missing)", sanitize_line(id)),
                    detail: String::new(),
                    target: None,
                    label: None,
                    current: false,
                };
            };
            match tab {
                Tab::Claims => claim_row(app, a),
                Tab::Sources => source_row(app, a),
                Tab::Review => review_row(app, a),
                Tab::Adjudication => adjudication::row(app, a),
                // The Entities tab lists groups, never single annotations.
                Tab::Orphans | Tab::Entities => orphan_row(a),
            }
        }
    }
}

/// How many rows each tab has (unfiltered), for the tab titles and the status line, and
/// how far the review is (kept until the store changes).
pub fn counts(app: &App) -> Counts {
    app.panel_lists.counts(
        app.store.version(),
        app.show_rejected,
        |tally, since| tally.catch_up(&app.store, since),
        || {
            count_work(|w| w.counts_made += 1);
            Tally::of(&app.store, app.show_rejected)
        },
    )
}

/// The relations starting at annotation `id`, by id.
pub fn relations_from<'a>(app: &'a App, id: &str) -> Vec<&'a Relation> {
    let links = links(app);
    relations(app, links.from.get(id))
}

/// The relations pointing to annotation `id`, by id.
pub fn relations_to<'a>(app: &'a App, id: &str) -> Vec<&'a Relation> {
    let links = links(app);
    relations(app, links.to.get(id))
}

/// How many annotations are mentions of entity `id`.
pub fn mention_count(app: &App, id: &str) -> usize {
    links(app).mentions.get(id).copied().unwrap_or(0)
}

fn relations<'a>(app: &'a App, ids: Option<&Vec<String>>) -> Vec<&'a Relation> {
    ids.into_iter()
        .flatten()
        .filter_map(|id| app.store.relation(id))
        .collect()
}

/// Who links to whom (kept up to date by the store's edits).
fn links(app: &App) -> Arc<Links> {
    app.panel_lists.links(
        app.store.version(),
        |links, since| links.catch_up(&app.store, since),
        || {
            count_work(|w| w.counts_made += 1);
            Links::build(&app.store)
        },
    )
}

fn visible(app: &App) -> impl Iterator<Item = &Annotation> {
    app.store
        .annotations()
        .into_iter()
        .filter(|a| match a.status {
            Status::Accepted => true,
            Status::Pending => true,
            Status::Rejected => app.show_rejected,
            Status::Orphaned => false,
        })
}

fn entity_groups(app: &App) -> Vec<Entry> {
    let mut groups: BTreeMap<(String, String), EntityGroup> = BTreeMap::new();
    for a in visible(app).filter(|a| a.kind == Kind::Entity) {
        let (key, name) = match a.entity.as_ref().and_then(|e| app.store.entity(e)) {
            Some(e) => (format!("\u{0}{}", e.id), e.name.clone()),
            None => (
                a.quote.exact.trim().to_lowercase(),
                a.quote.exact.trim().to_string(),
            ),
        };
        let linked = key.starts_with('\u{0}');
        let group = groups
            .entry((a.label.to_string(), key))
            .or_insert_with(|| EntityGroup {
                label: a.label.to_string(),
                name,
                linked,
                mentions: 0,
                pending: 0,
                first: Some(a.id.clone()),
            });
        group.mentions += 1;
        if a.status == Status::Pending {
            group.pending += 1;
        }
    }
    groups
        .into_values()
        .map(|group| Entry::Group(Box::new(group)))
        .collect()
}

fn entity_row(group: &EntityGroup) -> PanelRow {
    let EntityGroup {
        label,
        name,
        linked,
        mentions,
        pending,
        first,
    } = group;
    let linked = if *linked { " ⛓" } else { "" };
    let pending = if *pending > 0 {
        format!(" ({pending} pending)")
    } else {
        String::new()
    };
    PanelRow {
        text: sanitize_line(name),
        detail: sanitize_line(&format!("{label} ×{mentions}{pending}{linked}")),
        target: first.clone(),
        label: Some((Kind::Entity, label.clone())),
        current: false,
    }
}

fn of_kind(app: &App, kind: Kind) -> Vec<Entry> {
    visible(app)
        .filter(|a| a.kind == kind)
        .map(|a| Entry::Annotation(a.id.clone()))
        .collect()
}

fn claim_row(app: &App, a: &Annotation) -> PanelRow {
    let mut detail = vec![a.id.clone()];
    if let Some(s) = a.attrs.get("stance") {
        detail.push(s.clone());
    }
    if let Some(c) = a.attrs.get("credibility") {
        detail.push(format!("cred {c}"));
    }
    for r in relations_from(app, &a.id) {
        let arrow = if r.kind == relation_types::CITES {
            "cites"
        } else {
            "←"
        };
        detail.push(format!("{arrow} {}", name_of(app, &r.to)));
    }
    PanelRow {
        text: sanitize_line(&a.quote.exact),
        detail: sanitize_line(&detail.join(" · ")),
        target: Some(a.id.clone()),
        label: Some((Kind::Claim, a.label.to_string())),
        current: false,
    }
}

fn source_row(app: &App, a: &Annotation) -> PanelRow {
    let entity = a.entity.as_ref().and_then(|e| app.store.entity(e));
    let reliability = entity
        .and_then(|e| registry_grade::reliability_of(app, e))
        .map(|shown| shown.describe())
        .or_else(|| a.attrs.get("reliability").cloned())
        .map(|r| format!(" [{r}]"))
        .unwrap_or_default();
    let claims = relations_to(app, &a.id).len();
    PanelRow {
        text: sanitize_line(&a.quote.exact),
        detail: sanitize_line(&format!(
            "{} {}{reliability} · {claims} claims",
            a.id, a.label
        )),
        target: Some(a.id.clone()),
        label: Some((Kind::Source, a.label.to_string())),
        current: false,
    }
}

fn review_row(app: &App, a: &Annotation) -> PanelRow {
    PanelRow {
        text: safe_line(&a.quote.exact).into_owned(),
        detail: safe_owned_line(format!(
            "{} {}{} {}{}",
            a.kind,
            a.label,
            a.score().map(|s| format!(" {s:.2}")).unwrap_or_default(),
            a.origin.by,
            if a.status == Status::Rejected {
                " · rejected"
            } else if is_marked_moved(a) {
                " · moved to other words when the article changed"
            } else {
                ""
            }
        )),
        target: Some(a.id.clone()),
        label: Some((a.kind, a.label.to_string())),
        current: app.review.current.as_deref() == Some(a.id.as_str()),
    }
}

fn orphan_entries(app: &App) -> Vec<Entry> {
    app.store
        .annotations()
        .into_iter()
        .filter(|a| a.status == Status::Orphaned)
        .map(|a| Entry::Annotation(a.id.clone()))
        .collect()
}

fn orphan_row(a: &Annotation) -> PanelRow {
    PanelRow {
        text: sanitize_line(&a.quote.exact),
        detail: sanitize_line(&format!(
            "{} {} {} · could not be placed",
            a.id, a.kind, a.label
        )),
        target: None,
        label: Some((a.kind, a.label.to_string())),
        current: false,
    }
}

/// A short name for an annotation or entity id.
pub fn name_of(app: &App, id: &str) -> String {
    if let Some(a) = app.store.annotation(id) {
        return sanitize_line(&a.quote.exact);
    }
    if let Some(e) = app.store.entity(id) {
        return sanitize_line(&e.name);
    }
    format!("{id} (missing)")
}

/// The progress line of the Review tab: "37/123 reviewed".
pub fn review_progress(app: &App) -> String {
    let Counts {
        decided,
        reviewable,
        ..
    } = counts(app);
    format!("{decided}/{reviewable} reviewed")
}
