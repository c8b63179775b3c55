//! `scholia agree`'s table for a terminal: one row per label, then the links, stance
//! and grades. Undefined figures are `n/a`. Labels come from files: the caller writes
//! the table through the safe output, which shows control characters as marks.

use std::fmt::Write as _;

use crate::domain::agreement::{GradeFigures, LabelFigures};

use super::agree::AgreeOutput;

/// The figures as a table.
pub fn as_table(output: &AgreeOutput) -> String {
    let report = output.report;
    let analysts = output.analysts.len();
    let letters: Vec<String> = (0..analysts).map(letter).collect();
    let mut t = String::new();
    let which = if output.status == "all" {
        "accepted and pending annotations"
    } else {
        "accepted annotations only"
    };
    let _ = writeln!(
        t,
        "Agreement of {analysts} analysts on {} ({} tokens); {which}.",
        plural(output.articles, "article"),
        report.tokens
    );
    for (l, name) in letters.iter().zip(&output.analysts) {
        let _ = writeln!(t, "  {l}  {name}");
    }
    if report.pairs > 1 {
        let _ = writeln!(
            t,
            "F1, links, stance and grades: the mean over the {} pairs of analysts.",
            report.pairs
        );
    }
    t.push('\n');
    let rows: Vec<&LabelFigures> = std::iter::once(&report.overall)
        .chain(&report.labels)
        .collect();
    let width = rows
        .iter()
        .map(|r| shown_label(r).chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    let kappa = if analysts == 2 {
        "Cohen κ"
    } else {
        "Fleiss κ"
    };
    let _ = write!(t, "{:<width$}", "label");
    for l in &letters {
        let _ = write!(t, " {l:>4}");
    }
    let _ = writeln!(t, "  exact F1  overlap F1  {kappa:>8}         α");
    for row in rows {
        let _ = write!(t, "{:<width$}", shown_label(row));
        for n in &row.annotations {
            let _ = write!(t, " {n:>4}");
        }
        let k = row.cohen_kappa.or(row.fleiss_kappa);
        let _ = writeln!(
            t,
            "  {:>8}  {:>10}  {:>8}  {:>8}",
            figure(row.exact_f1),
            figure(row.overlap_f1),
            figure(k),
            figure(row.krippendorff_alpha)
        );
    }
    t.push('\n');
    let links: Vec<String> = letters
        .iter()
        .zip(&report.links.links)
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let _ = writeln!(
        t,
        "Links claim → source: {}; F1 {}",
        links.join(", "),
        figure(report.links.f1)
    );
    let _ = writeln!(
        t,
        "Stance ({}): κ {}, same {}",
        plural(report.stance.compared, "matched claim"),
        figure(report.stance.kappa),
        figure(report.stance.exact)
    );
    grade_line(&mut t, "Credibility", &report.credibility);
    grade_line(&mut t, "Reliability", &report.reliability);
    t
}

fn grade_line(t: &mut String, name: &str, g: &GradeFigures) {
    let _ = writeln!(
        t,
        "{name} ({}): weighted κ {} linear, {} quadratic; exact {}, within one {}",
        plural(g.compared, "pair"),
        figure(g.kappa_linear),
        figure(g.kappa_quadratic),
        figure(g.exact),
        figure(g.within_one)
    );
}

/// `all` for the overall row, else the label.
fn shown_label(row: &LabelFigures) -> &str {
    if row.label == "*" {
        "all"
    } else {
        &row.label
    }
}

/// A figure with three decimals, `n/a` when undefined.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

/// `A`, `B`, … `Z`, then `A2`, `B2`…
fn letter(i: usize) -> String {
    let c = char::from(b'A' + (i % 26) as u8);
    match i / 26 {
        0 => c.to_string(),
        n => format!("{c}{}", n + 1),
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
