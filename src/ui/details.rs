//! The details box: everything about the annotation commands act on and, when several
//! lie under the cursor, the list of them with that one marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::BorderType;

use crate::app::command::Command;
use crate::app::display_text::sanitize_line;
use crate::app::keymap::Context;
use crate::app::panel::{self, name_of};
use crate::app::registry_grade;
use crate::app::state::App;
use crate::domain::model::{Annotation, Status};

use super::border;
use super::status::key_of;
use super::text::{self, rect_inside};
use super::theme::Theme;

/// A line of the box: pieces of text with their styles.
type Line = Vec<(String, Style)>;

/// Draws the details box in `area`.
pub(super) fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    border::draw(buf, area, BorderType::Plain, theme.dim());
    let under = app.annotations_under_cursor();
    if area.width >= 5 {
        let title = if under.len() > 1 {
            format!(" Details · {} here, {} next ", under.len(), app.focus_key())
        } else {
            " Details ".to_string()
        };
        text::put(
            buf,
            area.x + 2,
            area.y,
            &title,
            area.width - 4,
            Style::default(),
        );
    }
    let inner = rect_inside(area);
    if inner.is_empty() {
        return;
    }
    let width = usize::from(inner.width);
    let lines = match app.focused_annotation() {
        Some(a) if under.len() > 1 => {
            let mut lines = listed_lines(app, &under, a, theme);
            lines.extend(annotation_lines(app, a, theme, width).into_iter().skip(1));
            lines
        }
        Some(a) => annotation_lines(app, a, theme, width),
        None => nothing_lines(app, theme),
    };
    let height = usize::from(inner.height);
    for (i, line) in lines.iter().take(height).enumerate() {
        let y = inner.y + i as u16;
        if i + 1 == height && lines.len() > height {
            text::put(buf, inner.x, y, text::ELLIPSIS, inner.width, theme.dim());
        } else {
            text::put_spans(buf, inner.x, y, inner.width, line);
        }
    }
}

/// How many of the annotations under the cursor the list shows at most.
const LISTED: usize = 4;

/// One line per annotation under the cursor (`under`, in place order), `▸` marking
/// `focused`, the one commands act on; past [`LISTED`], the ones around it.
fn listed_lines(
    app: &App,
    under: &[&Annotation],
    focused: &Annotation,
    theme: &Theme,
) -> Vec<Line> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let at = under.iter().position(|a| a.id == focused.id).unwrap_or(0);
    let first = at.saturating_sub(1).min(under.len().saturating_sub(LISTED));
    let mut lines: Vec<Line> = under
        .iter()
        .skip(first)
        .take(LISTED)
        .map(|a| {
            let color = theme.fg(Style::default(), theme.label(&app.schema, a.kind, &a.label));
            let (marker, id_style) = if a.id == focused.id {
                ("▸ ", bold)
            } else {
                ("  ", Style::default())
            };
            vec![
                (marker.to_string(), bold),
                (sanitize_line(&a.id), id_style),
                (format!(" {} {} ", a.kind, sanitize_line(&a.label)), color),
                (format!("«{}»", sanitize_line(&a.quote.exact)), theme.dim()),
            ]
        })
        .collect();
    let hidden = under.len().saturating_sub(LISTED);
    if hidden > 0 {
        lines.push(vec![(format!("  +{hidden} more"), theme.dim())]);
    }
    lines
}

/// What the box says when the cursor is on no annotation.
fn nothing_lines(app: &App, theme: &Theme) -> Vec<Line> {
    let mut hints = Vec::new();
    for (command, what) in [
        (Command::Visual, "select"),
        (Command::TagClaim, "claim"),
        (Command::TagSource, "source"),
        (Command::NextAnnotation, "next"),
    ] {
        if let Some(key) = key_of(app, Context::Article, &command) {
            hints.push(format!("{key} {what}"));
        }
    }
    vec![
        vec![("nothing tagged under the cursor".to_string(), theme.dim())],
        vec![(hints.join(" · "), theme.dim())],
    ]
}

/// The lines about annotation `a` for a box `width` columns wide: quote, identity,
/// spans, origin, attributes, relations, entity, proposed grouping and note.
fn annotation_lines(app: &App, a: &Annotation, theme: &Theme, width: usize) -> Vec<Line> {
    let color = theme.label(&app.schema, a.kind, &a.label);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let dim = theme.dim();
    let mut lines: Vec<Line> = Vec::new();
    lines.push(vec![(
        format!("«{}»", sanitize_line(&a.quote.exact)),
        theme.fg(bold, color),
    )]);
    let status_style = match a.status {
        Status::Accepted => Style::default(),
        Status::Pending => theme.pending(Style::default()),
        Status::Rejected => theme.rejected(Style::default()),
        Status::Orphaned => theme.error(),
    };
    lines.push(vec![
        (sanitize_line(&a.id), bold),
        (" · ".to_string(), dim),
        (
            format!("{} {}", a.kind, sanitize_line(&a.label)),
            theme.fg(Style::default(), color),
        ),
        (" · ".to_string(), dim),
        (a.status.to_string(), status_style),
    ]);
    lines.push(vec![(spans_text(app, a), dim)]);
    lines.push(vec![(origin_text(a), dim)]);
    let attrs: Vec<String> = a
        .attrs
        .iter()
        .map(|(k, v)| format!("{} {}", sanitize_line(k), sanitize_line(v)))
        .collect();
    for packed in pack(&attrs, " · ", width) {
        lines.push(vec![(packed, Style::default())]);
    }
    let outgoing = panel::relations_from(app, &a.id);
    for r in &outgoing {
        lines.push(vec![
            (format!("→ {} ", sanitize_line(&r.kind)), dim),
            (sanitize_line(&name_of(app, &r.to)), Style::default()),
            (format!(" ({})", sanitize_line(&r.to)), dim),
        ]);
    }
    let incoming = panel::relations_to(app, &a.id);
    for r in &incoming {
        lines.push(vec![
            (format!("← {} ", sanitize_line(&r.kind)), dim),
            (sanitize_line(&name_of(app, &r.from)), Style::default()),
            (format!(" ({})", sanitize_line(&r.from)), dim),
        ]);
    }
    let linked = !incoming.is_empty() || !outgoing.is_empty();
    if let Some(entity_id) = &a.entity {
        for packed in pack(&entity_items(app, entity_id), " · ", width) {
            lines.push(vec![(packed, Style::default())]);
        }
    }
    if let Some(g) = app.grouping_proposal_for(&a.id) {
        let key = key_of(app, Context::Article, &Command::AcceptGrouping)
            .unwrap_or_else(|| format!(":{}", Command::AcceptGrouping.name()));
        lines.push(vec![
            (format!("{key}: "), bold),
            (
                format!(
                    "group {} mentions as «{}»",
                    g.mentions.len(),
                    sanitize_line(&g.name)
                ),
                Style::default(),
            ),
        ]);
    }
    if let Some(note) = a.note.as_deref().filter(|n| !n.trim().is_empty()) {
        for (i, line) in note.lines().enumerate() {
            let lead = if i == 0 { "note " } else { "     " };
            lines.push(vec![
                (lead.to_string(), dim),
                (sanitize_line(line), Style::default()),
            ]);
        }
    }
    if let Some(key) = key_of(app, Context::Article, &Command::Unlink).filter(|_| linked) {
        lines.push(vec![(format!("{key}: remove a link"), dim)]);
    }
    lines
}

/// `items` joined by `sep` into lines of at most `width` columns where they fit (an
/// item wider than that gets a line of its own, cut when drawn).
fn pack(items: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && text::width(&line) + text::width(sep) + text::width(item) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// "chars 114–133" (code points, end exclusive), one range per span.
fn spans_text(app: &App, a: &Annotation) -> String {
    let ranges: Vec<String> = a
        .spans
        .iter()
        .map(|s| match app.doc.span_to_chars(*s) {
            Some(c) => format!("{}–{}", c.start, c.end),
            None => format!("bytes {}–{}?", s.start, s.end),
        })
        .collect();
    format!("chars {}", ranges.join(", "))
}

/// "by spacy · model en_core_web_sm · rule r1 · score 0.87 · analyst 2026-03-10", then
/// the side of a disagreement it is a version of, or whose version an adjudication kept.
fn origin_text(a: &Annotation) -> String {
    let o = &a.origin;
    let mut parts = vec![format!("by {}", sanitize_line(&o.by))];
    if let Some(model) = &o.model {
        parts.push(format!("model {}", sanitize_line(model)));
    }
    if let Some(rule) = &o.rule {
        parts.push(format!("rule {}", sanitize_line(rule)));
    }
    if let Some(score) = o.score {
        parts.push(format!("score {score:.2}"));
    }
    if let Some(annotator) = &a.annotator {
        let when = a.modified.as_ref().or(a.created.as_ref());
        let day: String = when
            .map(|w| w.chars().take(10).collect())
            .unwrap_or_default();
        parts.push(sanitize_line(format!("{annotator} {day}").trim_end()));
    }
    if let Some(conflict) = &a.conflict {
        parts.push(format!(
            "{}'s version, to settle ({})",
            sanitize_line(&conflict.side),
            sanitize_line(&conflict.set)
        ));
    }
    if let Some(from) = &o.adjudicated_from {
        parts.push(format!("adjudicated: {}", sanitize_line(from)));
    }
    parts.join(" · ")
}

/// "entity e1 «Bakhtiyor Nazarov»", "reliability C", "3 mentions".
fn entity_items(app: &App, id: &str) -> Vec<String> {
    let Some(e) = app.store.entity(id) else {
        return vec![format!("entity {} (missing)", sanitize_line(id))];
    };
    let mut items = vec![format!(
        "entity {} «{}»",
        sanitize_line(&e.id),
        sanitize_line(&e.name)
    )];
    if let Some(shown) = registry_grade::reliability_of(app, e) {
        items.push(format!("reliability {}", sanitize_line(&shown.describe())));
    }
    items.push(format!("{} mentions", panel::mention_count(app, &e.id)));
    items
}
