//! The readable report as Markdown (`<stem>.report.md`), rendered from the report model
//! (`report_model.rs`); `report_html.rs` renders the same model as an HTML page.
//!
//! In Markdown a span is `[[text]]{tag}`; spans with the same extent share one mark, and
//! a mark crossing another is closed and reopened (its tag shown at each close). The
//! article's Markdown characters are escaped; a single line break becomes a hard break.
//! The sources table shows a source's entity and reliability in one column.

use std::fmt::Write;

use crate::domain::document::Document;
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::marks::Step;
use super::report_model::{Body, Fragment, Report, Section, Table};
use super::{ExportFormat, ExportOptions, Exported};

/// Exports `<stem>.report.md`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    _schema: &Schema,
    options: &ExportOptions,
    stem: &str,
) -> Exported {
    let report = Report::new(doc, store, options);
    let mut md = String::new();
    let _ = writeln!(md, "# Annotations of {}\n", inline(&report.title));
    let _ = writeln!(md, "{}.\n", report.summary);
    md.push_str(
        "**Legend.** `[[text]]{tag}` marks a span. The tag is an entity type (`PERSON`), \
         `claim a11: factual` or `source a10: person`; `(pending)` or `(rejected)` follows \
         a suggestion or a rejection. Spans with the same extent share one mark.\n\n",
    );
    md.push_str("## Article\n\n");
    article(&mut md, doc, &report);
    for section in &report.sections {
        write_section(&mut md, section);
    }
    Exported {
        files: vec![(ExportFormat::ReportMarkdown.file_names(stem).remove(0), md)],
        annotations: report.annotations,
        relations: report.relations,
        dropped: Vec::new(),
    }
}

fn article(md: &mut String, doc: &Document, report: &Report<'_>) {
    let text = doc.text();
    let mut line_start = true;
    for step in &report.steps {
        match *step {
            Step::Open(_) => {
                md.push_str("[[");
                line_start = false;
            }
            Step::Close(i, _) => {
                let _ = write!(md, "]]{{{}}}", inline(&report.tags[i]));
            }
            Step::Text(from, to) => escape_article(md, text, from, to, &mut line_start),
        }
    }
    md.push_str("\n\n");
}

/// The article's text from `from` to `to`, Markdown characters escaped, a single line
/// break made a hard break, a BOM and carriage returns left out.
fn escape_article(md: &mut String, text: &str, from: usize, to: usize, line_start: &mut bool) {
    for (i, c) in text[from..to].char_indices() {
        let at = from + i;
        match c {
            '\u{feff}' | '\r' => continue,
            '\n' => {
                let before = text[..at].trim_end_matches('\r').ends_with('\n');
                let after = text[at + 1..].starts_with(['\n', '\r']);
                let edge = at == 0 || at + 1 == text.len();
                if !before && !after && !edge {
                    md.push('\\');
                }
                md.push('\n');
                *line_start = true;
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' => md.push('\\'),
            '#' | '+' | '-' | '=' if *line_start => md.push('\\'),
            _ => {}
        }
        md.push(c);
        *line_start = false;
    }
}

fn write_section(md: &mut String, section: &Section) {
    let _ = write!(md, "## {}\n\n", section.heading);
    if let Some(intro) = section.intro {
        let _ = write!(md, "{intro}\n\n");
    }
    match &section.body {
        Body::Sentence(sentence) => {
            let _ = write!(md, "{sentence}\n\n");
        }
        Body::Table(table) => {
            write_table(md, table);
            md.push('\n');
        }
        Body::List(items) => {
            for item in items {
                md.push_str("- ");
                for fragment in item {
                    match fragment {
                        Fragment::Plain(text) => md.push_str(text),
                        Fragment::Text(text) => md.push_str(&inline(text)),
                    }
                }
                md.push('\n');
            }
            md.push('\n');
        }
    }
}

/// A Markdown table; a joinable pair of columns is shown as one, to keep it narrow.
fn write_table(md: &mut String, table: &Table) {
    let mut headers: Vec<String> = table.columns.iter().map(|c| c.to_string()).collect();
    if let Some(at) = table.joinable {
        headers.splice(at..at + 2, [table.join_header(at)]);
    }
    md.push('|');
    for header in &headers {
        let _ = write!(md, " {header} |");
    }
    md.push_str("\n|");
    md.push_str(&"---|".repeat(headers.len()));
    md.push('\n');
    for row in &table.rows {
        match table.joinable {
            Some(at) => {
                let mut cells = row.clone();
                cells.splice(at..at + 2, [table.join_cells(row, at)]);
                table_row(md, &cells);
            }
            None => table_row(md, row),
        }
    }
}

/// One Markdown table row.
fn table_row(md: &mut String, cells: &[String]) {
    md.push('|');
    for cell in cells {
        let _ = write!(md, " {} |", inline(cell));
    }
    md.push('\n');
}

/// Text safe inside a Markdown line or table cell: special characters escaped, line
/// breaks as `<br>`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\u{feff}' => {}
            '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '{' | '}' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_escapes_markdown_and_breaks() {
        assert_eq!(inline("a|b *c*\nd"), "a\\|b \\*c\\*<br>d");
    }

    #[test]
    fn article_escapes_and_keeps_single_line_breaks() {
        let mut md = String::new();
        let text = "# x_y\nnext\n\n- item";
        let mut start = true;
        escape_article(&mut md, text, 0, text.len(), &mut start);
        assert_eq!(md, "\\# x\\_y\\\nnext\n\n\\- item");
    }
}
