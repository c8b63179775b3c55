//! The report as one standalone, printable HTML page (`<stem>.report.html`): inline CSS,
//! no scripts, no outside resources, every text HTML-escaped. It renders the report
//! model (`report_model.rs`), as the Markdown report does.
//!
//! Spans are `<mark>` elements nested as the spans are, each followed by a small tag
//! naming its labels, so colour is never the only sign. A mark's background and
//! underline take its label's colour (`label_colors.rs`); the underline's style says the
//! kind (solid entity, double claim, dashed source), an outline a pending suggestion,
//! a strike-through a rejection; the legend lists every label shown with its colour.
//!
//! Mixed scripts: each line of the article is its own block whose direction follows its
//! first strong letter (`dir="auto"`), so an Arabic or Hebrew line reads right to left;
//! marks and tags are isolated (`unicode-bidi: isolate`), so a tagged name and its tag
//! stay where they are in the line, and table cells take their own direction too.
//!
//! Print: headings stay with what follows them, table rows are not cut across pages,
//! the table header repeats, and the claim text column gets most of the width (a
//! claim's other links, other attributes and note go on a line under its row).

use std::collections::HashMap;
use std::fmt::Write;

use crate::domain::document::Document;
use crate::domain::model::{Kind, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;

use super::label_colors::{annotation_color, Rgb};
use super::marks::{Mark, Step};
use super::report_lines::Lines;
use super::report_model::{Body, Fragment, Report, Section, Table};
use super::{ExportFormat, ExportOptions, Exported};

const STYLE: &str = "
body { font-family: Georgia, 'Times New Roman', serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.6; background: #fff; }
h1, h2 { font-family: Helvetica, Arial, sans-serif; break-after: avoid; page-break-after: avoid; }
.article { border: 1px solid #ccc; padding: 1rem; }
.line { white-space: pre-wrap; min-height: 1.6em; }
mark { color: inherit; background: transparent; padding: 0 1px; border-radius: 2px; border-bottom: 2px solid #555; unicode-bidi: isolate; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.claim { border-bottom: 3px double #555; }
mark.source { border-bottom-style: dashed; }
mark.pending { outline: 1px dashed #555; }
mark.rejected { text-decoration: line-through; opacity: 0.7; }
.tag { font-family: Helvetica, Arial, sans-serif; font-size: 0.65em; color: #444; unicode-bidi: isolate; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin-bottom: 1.5rem; }
thead { display: table-header-group; break-after: avoid; }
tbody, tr { break-inside: avoid; page-break-inside: avoid; }
tbody:first-of-type tr:first-child { break-before: avoid; page-break-before: avoid; }
tr.below td { border-top: none; font-size: 0.95em; }
span.below { margin-inline-end: 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; vertical-align: top; text-align: start; }
th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
th.wide { width: 45%; }
@media print { body { margin: 0; max-width: none; } }
";

/// How much of a label's colour a mark's background keeps.
const TINT: f32 = 0.22;

/// Exports `<stem>.report.html`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    stem: &str,
) -> Exported {
    let report = Report::new(doc, store, options);
    let colors = Colors::of(&report, schema);
    let mut html = String::new();
    let title = esc(&format!("Annotations of {}", report.title));
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<h1 dir=\"auto\">{title}</h1>\n<p>{}.</p>\n",
        colors.style(),
        esc(&report.summary)
    );
    legend(&mut html, &colors);
    html.push_str("<h2>Article</h2>\n<div class=\"article\">");
    article(&mut html, doc, &report, &colors);
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

/// The colours of the labels on the marks, in order of first appearance; a mark takes
/// the colour of its first annotation's label.
struct Colors {
    /// Each label shown: its kind, name and colour class (an index into `distinct`).
    labels: Vec<(Kind, String, usize)>,
    /// The distinct colours.
    distinct: Vec<Rgb>,
    /// The colour class of each mark, by the mark's index.
    of_mark: Vec<usize>,
}

impl Colors {
    fn of(report: &Report<'_>, schema: &Schema) -> Colors {
        let mut colors = Colors {
            labels: Vec::new(),
            distinct: Vec::new(),
            of_mark: Vec::new(),
        };
        let mut class_of: HashMap<Rgb, usize> = HashMap::new();
        for mark in &report.marks {
            let mut first = None;
            for a in &mark.annotations {
                let rgb = annotation_color(schema, a.kind, &a.label);
                let next = colors.distinct.len();
                let class = *class_of.entry(rgb).or_insert(next);
                if class == next {
                    colors.distinct.push(rgb);
                }
                if !colors
                    .labels
                    .iter()
                    .any(|(k, l, _)| *k == a.kind && *l == a.label)
                {
                    colors.labels.push((a.kind, a.label.to_string(), class));
                }
                first.get_or_insert(class);
            }
            colors.of_mark.push(first.unwrap_or(0));
        }
        colors
    }

    /// One CSS rule per colour class.
    fn style(&self) -> String {
        let mut css = String::new();
        for (i, rgb) in self.distinct.iter().enumerate() {
            let _ = writeln!(
                css,
                "mark.c{i} {{ background: {}; border-bottom-color: {rgb}; }}",
                rgb.tint(TINT)
            );
        }
        css
    }
}

/// The legend: what underlines and outlines mean, and every label shown in its colour.
fn legend(html: &mut String, colors: &Colors) {
    html.push_str(
        "<p class=\"legend\"><strong>Legend.</strong> Underlined: \
         <mark class=\"entity\">entity</mark><sup class=\"tag\">type</sup> \
         <mark class=\"claim\">claim</mark><sup class=\"tag\">claim id: kind</sup> \
         <mark class=\"source\">source</mark><sup class=\"tag\">source id: kind</sup> \
         <mark class=\"entity pending\">pending suggestion</mark> \
         <mark class=\"entity rejected\">rejected</mark>. Spans with the same extent share one mark",
    );
    if !colors.labels.is_empty() {
        html.push_str(", coloured by its first label:");
        for (kind, label, class) in &colors.labels {
            let _ = write!(
                html,
                " <mark class=\"{} c{class}\">{}</mark>",
                kind.as_str(),
                esc(label)
            );
        }
    }
    html.push_str(".</p>\n");
}

/// The article, one block per line, its marks closed at each line's end and opened again
/// on the next line.
fn article(html: &mut String, doc: &Document, report: &Report<'_>, colors: &Colors) {
    let text = doc.text();
    let mut lines = Lines::new(html);
    for step in &report.steps {
        match *step {
            Step::Open(i) => lines.open(i, open_tag(report, colors, i)),
            Step::Close(i, last) => {
                let tag = format!("<sup class=\"tag\">{}</sup>", esc(&report.tags[i]));
                lines.close(i, last.then_some(tag));
            }
            Step::Text(from, to) => {
                let piece = text[from..to].trim_start_matches('\u{feff}');
                for (n, part) in piece.split('\n').enumerate() {
                    if n > 0 {
                        lines.break_line();
                    }
                    lines.text(&esc(&part.replace('\r', "")));
                }
            }
        }
    }
    lines.finish();
}

/// The opening tag of mark `i`.
fn open_tag(report: &Report<'_>, colors: &Colors, i: usize) -> String {
    format!(
        "<mark class=\"{} c{}\" title=\"{}\">",
        classes(&report.marks[i]),
        colors.of_mark[i],
        esc(&report.tags[i])
    )
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
        Body::Table(table) => write_table(html, table),
        Body::List(items) => {
            html.push_str("<ul>\n");
            for item in items {
                html.push_str("<li dir=\"auto\">");
                for Fragment::Plain(text) | Fragment::Text(text) in item {
                    html.push_str(&esc(text));
                }
                html.push_str("</li>\n");
            }
            html.push_str("</ul>\n");
        }
    }
}

/// A table; the wide column's header says so, for the style to give it the width. The
/// columns from [`Table::below`] on are not columns here: each row's cells of them go on
/// a line of their own under the row (`Note: …`), the two rows one `<tbody>` that a
/// page break does not cut.
fn write_table(html: &mut String, table: &Table) {
    let shown = table.below.unwrap_or(table.columns.len());
    html.push_str("<table><thead><tr>");
    for (i, header) in table.columns[..shown].iter().enumerate() {
        let class = if table.wide == Some(i) {
            " class=\"wide\""
        } else {
            ""
        };
        let _ = write!(html, "<th{class}>{}</th>", esc(header));
    }
    html.push_str("</tr></thead>\n");
    for row in &table.rows {
        html.push_str("<tbody><tr>");
        for cell in &row[..shown] {
            let _ = write!(html, "<td dir=\"auto\">{}</td>", cell_html(cell));
        }
        html.push_str("</tr>");
        let below: Vec<String> = table.columns[shown..]
            .iter()
            .zip(&row[shown..])
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(header, cell)| {
                format!(
                    "<span class=\"below\"><strong>{}:</strong> <bdi>{}</bdi></span>",
                    esc(header),
                    cell_html(cell)
                )
            })
            .collect();
        if !below.is_empty() {
            let _ = write!(
                html,
                "<tr class=\"below\"><td colspan=\"{shown}\">{}</td></tr>",
                below.join(" ")
            );
        }
        html.push_str("</tbody>\n");
    }
    html.push_str("</table>\n");
}

/// A cell's text escaped, its line breaks kept.
fn cell_html(cell: &str) -> String {
    esc(cell).replace('\n', "<br>")
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
    use crate::domain::model::{Annotation, Relation, Span};
    use std::path::Path;

    const TEXT: &str =
        "Officials in Kabul confirmed it.\nقال الوزير أحمد سعيد للصحفيين إن الحدود مغلقة.\n";

    fn span(needle: &str) -> Span {
        let start = TEXT.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    /// The report on `TEXT`: GPE Kabul, PERSON on the Arabic name, a claim in the
    /// Arabic line attributed to a source on the name, and one in the English line.
    fn html() -> String {
        let doc = Document::from_text(Path::new("a.txt"), TEXT.to_string());
        let ann = |id: &str, kind, label: &str, text: &str| {
            Annotation::new(id, kind, label, vec![span(text)])
        };
        let mut claim = ann("a4", Kind::Claim, "factual", "الحدود مغلقة");
        claim.attrs.insert("stance".into(), "asserted".into());
        claim.note = Some("Unconfirmed.".into());
        let store = Store::from_parts(
            vec![
                ann("a1", Kind::Entity, "GPE", "Kabul"),
                ann("a2", Kind::Entity, "PERSON", "أحمد سعيد"),
                ann("a3", Kind::Source, "person", "أحمد سعيد"),
                claim,
                ann("a5", Kind::Claim, "opinion", "confirmed it"),
            ],
            Vec::new(),
            vec![Relation::new("r1", "attributed_to", "a4", "a3")],
        );
        let options = ExportOptions::default();
        export(&doc, &store, &Schema::default(), &options, "a").files[0]
            .1
            .clone()
    }

    #[test]
    fn each_line_takes_its_own_direction_and_marks_and_tags_are_isolated() {
        let html = html();
        assert!(
            html.contains("<div class=\"line\" dir=\"auto\">قال الوزير <mark"),
            "{html}"
        );
        assert!(html.contains("<div class=\"line\" dir=\"auto\">Officials in "));
        for rule in [
            "mark { color: inherit; background: transparent; padding: 0 1px; border-radius: 2px; border-bottom: 2px solid #555; unicode-bidi: isolate;",
            ".tag { font-family: Helvetica, Arial, sans-serif; font-size: 0.65em; color: #444; unicode-bidi: isolate; }",
        ] {
            assert!(html.contains(rule), "{rule}");
        }
        assert!(
            html.contains("<td dir=\"auto\">الحدود مغلقة</td>"),
            "{html}"
        );
    }

    #[test]
    fn labels_have_their_own_colours_listed_in_the_legend() {
        let html = html();
        let schema = Schema::default();
        let gpe = annotation_color(&schema, Kind::Entity, "GPE");
        let person = annotation_color(&schema, Kind::Entity, "PERSON");
        assert_ne!(gpe, person);
        assert!(html.contains(&format!(
            "mark.c0 {{ background: {}; border-bottom-color: {gpe}; }}",
            gpe.tint(TINT)
        )));
        assert!(html.contains(&format!(
            "mark.c2 {{ background: {}; border-bottom-color: {person}; }}",
            person.tint(TINT)
        )));
        assert!(html.contains("<mark class=\"entity c0\" title=\"GPE\">Kabul</mark>"));
        assert!(html.contains(
            "<mark class=\"entity source c2\" title=\"PERSON; source a3: person\">أحمد سعيد</mark>"
        ));
        for legend in [
            "<mark class=\"entity c0\">GPE</mark>",
            "<mark class=\"entity c2\">PERSON</mark>",
            "<mark class=\"source c2\">person</mark>",
            "<mark class=\"claim c1\">opinion</mark>",
        ] {
            assert!(html.contains(legend), "{legend} in {html}");
        }
    }

    #[test]
    fn print_keeps_headings_with_what_follows_and_the_claim_text_gets_the_width() {
        let html = html();
        for rule in [
            "h1, h2 { font-family: Helvetica, Arial, sans-serif; break-after: avoid;",
            "tbody, tr { break-inside: avoid;",
            "tbody:first-of-type tr:first-child { break-before: avoid;",
            "thead { display: table-header-group;",
            "th.wide { width: 45%; }",
        ] {
            assert!(html.contains(rule), "{rule}");
        }
        // The claims table: no empty column (no credibility, cited, other links or other
        // attributes in this article), the text column is the wide one, and the note
        // goes on a line under its claim's row.
        assert!(html.contains(
            "<h2>Claims</h2>\n<table><thead><tr><th>Claim</th><th class=\"wide\">Text</th><th>Stance</th><th>Sources</th></tr></thead>\n<tbody><tr><td dir=\"auto\">a5 opinion</td>"
        ), "{html}");
        assert!(html.contains(
            "<tr class=\"below\"><td colspan=\"4\"><span class=\"below\"><strong>Note:</strong> <bdi>Unconfirmed.</bdi></span></td></tr></tbody>"
        ), "{html}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>\"a\" & 'b'"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;"
        );
    }
}
