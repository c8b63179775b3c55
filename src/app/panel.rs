//! The rows of each panel tab, derived from the store on demand.

use std::collections::BTreeMap;

use crate::domain::anchor::is_marked_moved;
use crate::domain::model::{relation_types, Annotation, Kind, Status};

use super::display_text::sanitize_line;
use super::review::{awaits_review, is_rejected_suggestion, Review};
use super::state::{App, Tab};

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

/// The rows a tab shows and how many it has before its filter.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownRows {
    /// The rows that match the tab's filter.
    pub rows: Vec<PanelRow>,
    /// How many rows the tab has without its filter.
    pub total: usize,
}

/// The rows of `tab`, filtered by the tab's filter.
pub fn rows(app: &App, tab: Tab) -> Vec<PanelRow> {
    shown(app, tab).rows
}

/// The rows of `tab` that match its filter, and how many there are without it.
pub fn shown(app: &App, tab: Tab) -> ShownRows {
    let all = match tab {
        Tab::Entities => entity_rows(app),
        Tab::Claims => claim_rows(app),
        Tab::Sources => source_rows(app),
        Tab::Review => review_rows(app),
        Tab::Orphans => orphan_rows(app),
    };
    let total = all.len();
    let filter = app.panel.filter(tab).to_lowercase();
    if filter.is_empty() {
        return ShownRows { rows: all, total };
    }
    let rows = all
        .into_iter()
        .filter(|r| {
            r.text.to_lowercase().contains(&filter) || r.detail.to_lowercase().contains(&filter)
        })
        .collect();
    ShownRows { rows, total }
}

/// How many rows each tab has (unfiltered), for the tab titles.
pub fn counts(app: &App) -> BTreeMap<&'static str, usize> {
    let mut counts: BTreeMap<&'static str, usize> =
        ["claims", "sources", "entities", "pending", "orphans"]
            .into_iter()
            .map(|k| (k, 0))
            .collect();
    for a in app.store.iter_annotations() {
        let shown = match a.status {
            Status::Accepted | Status::Pending => true,
            Status::Rejected => app.show_rejected,
            Status::Orphaned => false,
        };
        if shown {
            let key = match a.kind {
                Kind::Claim => "claims",
                Kind::Source => "sources",
                Kind::Entity => "entities",
            };
            *counts.entry(key).or_default() += 1;
        }
        if awaits_review(a) {
            *counts.entry("pending").or_default() += 1;
        }
        if a.status == Status::Orphaned {
            *counts.entry("orphans").or_default() += 1;
        }
    }
    counts
}

fn visible(app: &App) -> Vec<&Annotation> {
    app.store
        .annotations()
        .into_iter()
        .filter(|a| match a.status {
            Status::Accepted => true,
            Status::Pending => true,
            Status::Rejected => app.show_rejected,
            Status::Orphaned => false,
        })
        .collect()
}

fn entity_rows(app: &App) -> Vec<PanelRow> {
    let mut groups: BTreeMap<(String, String), (String, Vec<&Annotation>)> = BTreeMap::new();
    for a in visible(app).into_iter().filter(|a| a.kind == Kind::Entity) {
        let (key, name) = match a.entity.as_ref().and_then(|e| app.store.entity(e)) {
            Some(e) => (format!("\u{0}{}", e.id), e.name.clone()),
            None => (
                a.quote.exact.trim().to_lowercase(),
                a.quote.exact.trim().to_string(),
            ),
        };
        groups
            .entry((a.label.clone(), key))
            .or_insert_with(|| (name, Vec::new()))
            .1
            .push(a);
    }
    groups
        .into_iter()
        .map(|((label, key), (name, mentions))| {
            let pending = mentions
                .iter()
                .filter(|a| a.status == Status::Pending)
                .count();
            let linked = if key.starts_with('\u{0}') { " ⛓" } else { "" };
            PanelRow {
                text: sanitize_line(&name),
                detail: sanitize_line(&format!(
                    "{label} ×{}{}{linked}",
                    mentions.len(),
                    if pending > 0 {
                        format!(" ({pending} pending)")
                    } else {
                        String::new()
                    }
                )),
                target: mentions.first().map(|a| a.id.clone()),
                label: Some((Kind::Entity, label)),
                current: false,
            }
        })
        .collect()
}

fn claim_rows(app: &App) -> Vec<PanelRow> {
    visible(app)
        .into_iter()
        .filter(|a| a.kind == Kind::Claim)
        .map(|a| {
            let mut detail = vec![a.id.clone()];
            if let Some(s) = a.attrs.get("stance") {
                detail.push(s.clone());
            }
            if let Some(c) = a.attrs.get("credibility") {
                detail.push(format!("cred {c}"));
            }
            for r in app.store.relations_from(&a.id) {
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
                label: Some((Kind::Claim, a.label.clone())),
                current: false,
            }
        })
        .collect()
}

fn source_rows(app: &App) -> Vec<PanelRow> {
    visible(app)
        .into_iter()
        .filter(|a| a.kind == Kind::Source)
        .map(|a| {
            let entity = a.entity.as_ref().and_then(|e| app.store.entity(e));
            let reliability = entity
                .and_then(|e| e.attrs.get("reliability"))
                .or_else(|| a.attrs.get("reliability"))
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default();
            let claims = app.store.relations_to(&a.id).len();
            PanelRow {
                text: sanitize_line(&a.quote.exact),
                detail: sanitize_line(&format!(
                    "{} {}{reliability} · {claims} claims",
                    a.id, a.label
                )),
                target: Some(a.id.clone()),
                label: Some((Kind::Source, a.label.clone())),
                current: false,
            }
        })
        .collect()
}

/// The review queue; with rejected suggestions shown, the rejected suggestions instead,
/// so that they can be revisited.
fn review_rows(app: &App) -> Vec<PanelRow> {
    let listed = if app.show_rejected {
        app.store
            .annotations()
            .into_iter()
            .filter(|a| is_rejected_suggestion(a))
            .collect()
    } else {
        app.review.queue(&app.store)
    };
    listed
        .into_iter()
        .map(|a| PanelRow {
            text: sanitize_line(&a.quote.exact),
            detail: sanitize_line(&format!(
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
            label: Some((a.kind, a.label.clone())),
            current: app.review.current.as_deref() == Some(a.id.as_str()),
        })
        .collect()
}

fn orphan_rows(app: &App) -> Vec<PanelRow> {
    app.store
        .annotations()
        .into_iter()
        .filter(|a| a.status == Status::Orphaned)
        .map(|a| PanelRow {
            text: sanitize_line(&a.quote.exact),
            detail: sanitize_line(&format!(
                "{} {} {} · could not be placed",
                a.id, a.kind, a.label
            )),
            target: None,
            label: Some((a.kind, a.label.clone())),
            current: false,
        })
        .collect()
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
    let (done, total) = Review::progress(&app.store);
    format!("{done}/{total} reviewed")
}
