//! The report as one standalone, printable HTML page (`<stem>.report.html`): inline CSS,
//! no scripts, no outside resources, every text HTML-escaped. Spans are `<mark>`
//! elements with a class per kind (`entity`, `claim`, `source`) and per status
//! (`pending`, `rejected`), nested as the spans are, each followed by a small tag
//! naming its labels (so colour is never the only sign); a legend explains them. It
//! renders the report model (`report_model.rs`), as the Markdown report does.

use std::fmt::Write;

use crate::domain::document::Document;
use crate::domain::model::{Kind, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::marks::{Mark, Step};
use super::report_model::{Body, Fragment, Report, Section};
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
    let report = Report::new(doc, store, options);
    let mut html = String::new();
    let title = esc(&format!("Annotations of {}", report.title));
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}.</p>\n",
        esc(&report.summary)
    );
    html.push_str(
        "<p class=\"legend\"><strong>Legend.</strong> <mark class=\"entity\">entity</mark><sup class=\"tag\">type</sup> \
         <mark class=\"claim\">claim</mark><sup class=\"tag\">claim id: kind</sup> \
         <mark class=\"source\">source</mark><sup class=\"tag\">source id: kind</sup> \
         <mark class=\"entity pending\">pending suggestion</mark> \
         <mark class=\"entity rejected\">rejected</mark>. Spans with the same extent share one mark.</p>\n",
    );
    html.push_str("<h2>Article</h2>\n<div class=\"article\">");
    article(&mut html, doc, &report);
    html.push_str("</div>\n");
    for section in &report.sections {
        write_section(&mut html, section);
    }
    html.push_str("</body>\n</html>\n");
    Exported {
        files: vec![(ExportFormat::ReportHtml.file_names(stem).remove(0), html)],
        annotations: report.annotations,
        relations: report.relations,
        dropped: Vec::new(),
    }
}

fn article(html: &mut String, doc: &Document, report: &Report<'_>) {
    let text = doc.text();
    for step in &report.steps {
        match *step {
            Step::Open(i) => {
                let _ = write!(
                    html,
                    "<mark class=\"{}\" title=\"{}\">",
                    classes(&report.marks[i]),
                    esc(&report.tags[i])
                );
            }
            Step::Close(i, last) => {
                html.push_str("</mark>");
                if last {
                    let _ = write!(html, "<sup class=\"tag\">{}</sup>", esc(&report.tags[i]));
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

fn write_section(html: &mut String, section: &Section) {
    let _ = writeln!(html, "<h2>{}</h2>", esc(section.heading));
    if let Some(intro) = section.intro {
        let _ = writeln!(html, "<p>{}</p>", esc(intro));
    }
    match &section.body {
        Body::Sentence(sentence) => {
            let _ = writeln!(html, "<p>{}</p>", esc(sentence));
        }
        Body::Table(table) => {
            table_head(html, &table.columns);
            for row in &table.rows {
                table_row(html, row);
            }
            html.push_str("</tbody></table>\n");
        }
        Body::List(items) => {
            html.push_str("<ul>\n");
            for item in items {
                html.push_str("<li>");
                for Fragment::Plain(text) | Fragment::Text(text) in item {
                    html.push_str(&esc(text));
                }
                html.push_str("</li>\n");
            }
            html.push_str("</ul>\n");
        }
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
