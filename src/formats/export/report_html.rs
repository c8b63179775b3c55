//! The report as one standalone, printable HTML page (`<stem>.report.html`): inline CSS,
//! no scripts, no outside resources, every text HTML-escaped. Spans are `<mark>`
//! elements with a class per kind (`entity`, `claim`, `source`) and per status
//! (`pending`, `rejected`), nested as the spans are, each followed by a small tag
//! naming its labels (so colour is never the only sign); a legend explains them. The
//! content is the Markdown report's (see `report.rs`).

use std::fmt::Write;

use crate::domain::document::Document;
use crate::domain::model::{Kind, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::claims::{source_cell, text_of};
use super::marks::{lay_out, marks, Mark, Step};
use super::report::{attrs_text, describe_source, tag, ReportData};
use super::{ExportFormat, ExportOptions, Exported};

const STYLE: &str = "
body { font-family: Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.6; }
h1, h2 { font-family: Helvetica, Arial, sans-serif; }
.article { white-space: pre-wrap; border: 1px solid #ccc; padding: 1rem; }
mark { color: inherit; padding: 0 1px; border-radius: 2px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.entity { background: #dbeafe; border-bottom: 2px solid #2563eb; }
mark.claim { background: #fef3c7; border-bottom: 2px solid #d97706; }
mark.source { background: #dcfce7; border-bottom: 2px solid #16a34a; }
mark.pending { outline: 1px dashed #555; }
mark.rejected { text-decoration: line-through; opacity: 0.7; }
sup.tag { font-family: Helvetica, Arial, sans-serif; font-size: 0.65em; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin-bottom: 1.5rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; vertical-align: top; text-align: left; }
th { background: #eee; }
@media print { body { margin: 0; max-width: none; } tr, mark { break-inside: avoid; } }
";

/// Exports `<stem>.report.html`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    _schema: &Schema,
    options: &ExportOptions,
    stem: &str,
) -> Exported {
    let data = ReportData::new(doc, store, options);
    let mut html = String::new();
    let title = esc(&format!("Annotations of {}", data.title));
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}.</p>\n",
        esc(&data.summary())
    );
    html.push_str(
        "<p class=\"legend\"><strong>Legend.</strong> <mark class=\"entity\">entity</mark><sup class=\"tag\">type</sup> \
         <mark class=\"claim\">claim</mark><sup class=\"tag\">claim id: kind</sup> \
         <mark class=\"source\">source</mark><sup class=\"tag\">source id: kind</sup> \
         <mark class=\"entity pending\">pending suggestion</mark> \
         <mark class=\"entity rejected\">rejected</mark>. Spans with the same extent share one mark.</p>\n",
    );
    html.push_str("<h2>Article</h2>\n<div class=\"article\">");
    article(&mut html, doc, &data);
    html.push_str("</div>\n");
    claims_table(&mut html, doc, store, &data);
    sources_table(&mut html, doc, store, &data);
    rest(&mut html, doc, &data);
    html.push_str("</body>\n</html>\n");
    Exported {
        files: vec![(ExportFormat::ReportHtml.file_names(stem).remove(0), html)],
        annotations: data.placed.len() + data.orphans.len(),
        relations: data.relation_count,
        dropped: Vec::new(),
    }
}

fn article(html: &mut String, doc: &Document, data: &ReportData<'_>) {
    let text = doc.text();
    let marks = marks(&data.placed);
    for step in lay_out(&marks, text.len()) {
        match step {
            Step::Open(i) => {
                let _ = write!(
                    html,
                    "<mark class=\"{}\" title=\"{}\">",
                    classes(&marks[i]),
                    esc(&tag(&marks[i]))
                );
            }
            Step::Close(i, last) => {
                html.push_str("</mark>");
                if last {
                    let _ = write!(html, "<sup class=\"tag\">{}</sup>", esc(&tag(&marks[i])));
                }
            }
            Step::Text(from, to) => {
                html.push_str(&esc(text[from..to].trim_start_matches('\u{feff}')))
            }
        }
    }
}

/// The classes of a mark: the kinds and non-accepted statuses of its annotations.
fn classes(mark: &Mark<'_>) -> String {
    let mut classes: Vec<&str> = Vec::new();
    for kind in Kind::ALL {
        if mark.annotations.iter().any(|a| a.kind == kind) {
            classes.push(kind.as_str());
        }
    }
    for status in [Status::Pending, Status::Rejected] {
        if mark.annotations.iter().any(|a| a.status == status) {
            classes.push(status.as_str());
        }
    }
    classes.join(" ")
}

fn claims_table(html: &mut String, doc: &Document, store: &Store, data: &ReportData<'_>) {
    html.push_str("<h2>Claims</h2>\n");
    if data.claims.is_empty() {
        html.push_str("<p>No claims.</p>\n");
        return;
    }
    table_head(
        html,
        &[
            "Claim",
            "Text",
            "Stance",
            "Credibility",
            "Sources",
            "Cited",
            "Other links",
            "Other attributes",
            "Note",
        ],
    );
    for row in &data.claims {
        let c = row.claim;
        let mut id = format!("{} {}", c.id, c.label);
        if c.status != Status::Accepted {
            let _ = write!(id, " ({})", c.status);
        }
        let sources: Vec<String> = row
            .sources
            .iter()
            .map(|s| describe_source(doc, store, &s.id))
            .collect();
        table_row(
            html,
            &[
                id,
                row.text.clone(),
                c.attrs.get("stance").cloned().unwrap_or_default(),
                c.attrs.get("credibility").cloned().unwrap_or_default(),
                sources.join("; "),
                row.cited.join("; "),
                row.others.join("; "),
                attrs_text(c, &["stance", "credibility"]),
                c.note.clone().unwrap_or_default(),
            ],
        );
    }
    html.push_str("</tbody></table>\n");
}

fn sources_table(html: &mut String, doc: &Document, store: &Store, data: &ReportData<'_>) {
    if data.sources.is_empty() {
        return;
    }
    html.push_str("<h2>Sources</h2>\n");
    table_head(
        html,
        &[
            "Source",
            "Text",
            "Kind",
            "Entity",
            "Reliability",
            "Other attributes",
            "Note",
        ],
    );
    for s in &data.sources {
        let cell = source_cell(doc, store, &s.id);
        let mut id = s.id.clone();
        if s.status != Status::Accepted {
            let _ = write!(id, " ({})", s.status);
        }
        table_row(
            html,
            &[
                id,
                text_of(doc, s),
                s.label.clone(),
                cell.entity,
                cell.reliability,
                attrs_text(s, &["reliability"]),
                s.note.clone().unwrap_or_default(),
            ],
        );
    }
    html.push_str("</tbody></table>\n");
}

fn rest(html: &mut String, doc: &Document, data: &ReportData<'_>) {
    if !data.entities.is_empty() {
        html.push_str("<h2>Entities</h2>\n");
        table_head(
            html,
            &["Entity", "Name", "Type", "Mentions", "Attributes", "Note"],
        );
        for (e, n) in &data.entities {
            let attrs = e
                .attrs
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            table_row(
                html,
                &[
                    e.id.clone(),
                    e.name.clone(),
                    e.label.clone(),
                    n.to_string(),
                    attrs,
                    e.note.clone().unwrap_or_default(),
                ],
            );
        }
        html.push_str("</tbody></table>\n");
    }
    if !data.other_relations.is_empty() {
        html.push_str("<h2>Other relations</h2>\n<ul>\n");
        for r in &data.other_relations {
            let _ = writeln!(
                html,
                "<li>{}: {} {} → {}</li>",
                esc(&r.id),
                esc(&r.kind),
                esc(&r.from),
                esc(&r.to)
            );
        }
        html.push_str("</ul>\n");
    }
    if !data.annotated.is_empty() {
        html.push_str("<h2>Notes and attributes of entity mentions</h2>\n<ul>\n");
        for a in &data.annotated {
            let mut parts = Vec::new();
            let attrs = attrs_text(a, &[]);
            if !attrs.is_empty() {
                parts.push(attrs);
            }
            if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
                parts.push(format!("note: {note}"));
            }
            let _ = writeln!(
                html,
                "<li>{} {} “{}”: {}</li>",
                esc(&a.id),
                esc(&a.label),
                esc(&text_of(doc, a)),
                esc(&parts.join("; "))
            );
        }
        html.push_str("</ul>\n");
    }
    if !data.orphans.is_empty() {
        html.push_str("<h2>Not placed</h2>\n<p>These annotations have no place in the article (orphans left when it changed).</p>\n<ul>\n");
        for a in &data.orphans {
            let _ = writeln!(
                html,
                "<li>{} {} {}: “{}”</li>",
                esc(&a.id),
                a.kind,
                esc(&a.label),
                esc(&a.quote.exact)
            );
        }
        html.push_str("</ul>\n");
    }
}

fn table_head(html: &mut String, headers: &[&str]) {
    html.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(html, "<th>{}</th>", esc(h));
    }
    html.push_str("</tr></thead><tbody>\n");
}

fn table_row(html: &mut String, cells: &[String]) {
    html.push_str("<tr>");
    for cell in cells {
        let _ = write!(html, "<td>{}</td>", esc(cell).replace('\n', "<br>"));
    }
    html.push_str("</tr>\n");
}

/// Text escaped for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>\"a\" & 'b'"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;"
        );
    }
}
