//! What `scholia export` says about one article: what the format could not hold (one
//! line per kind of loss, or one per item with `--verbose`), the line counting what was
//! written, and a notice when nothing was written because nothing is accepted; or all
//! of it as one JSON line with `--jsonl`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::domain::document::Document;
use crate::domain::model::Status;
use crate::domain::schema::Schema;
use crate::domain::store::Store;
use crate::formats::export::losses::{counted, groups, thousands, LossGroup};
use crate::formats::export::{
    export, Dropped, ExportFormat, ExportOptions, Exported, StatusFilter,
};

/// The report of one article's export.
pub struct Report<'a> {
    /// The article.
    pub article: &'a Path,
    /// Where the export went: the paths written, or `standard output`.
    pub destination: &'a str,
    /// What names the loss lines: the main file written, or the article when the export
    /// went to standard output.
    pub prefix: &'a str,
    /// The export.
    pub exported: &'a Exported,
    /// The annotations `--status` did not ask for.
    pub not_asked: usize,
    /// Why nothing was written, when nothing is accepted ([`nothing_accepted`]).
    pub notice: Option<&'a str>,
}

impl Report<'_> {
    /// The lines for stderr: what was lost (every item with `verbose`, else one line
    /// per kind of loss), the notice, and last the count of what was written.
    pub fn lines(&self, verbose: bool) -> Vec<String> {
        let exported = self.exported;
        let losses: Vec<String> = if verbose {
            exported
                .not_written()
                .chain(exported.written_in_part())
                .map(Dropped::to_string)
                .collect()
        } else {
            groups(exported).iter().map(LossGroup::line).collect()
        };
        let mut lines: Vec<String> = losses
            .into_iter()
            .map(|line| format!("{}: {line}", self.prefix))
            .collect();
        if let Some(notice) = self.notice {
            lines.push(format!("{}: {notice}", self.article.display()));
        }
        lines.push(format!(
            "{}: wrote {} ({}, {}; {} not written, {} written in part)",
            self.article.display(),
            self.destination,
            counted(exported.annotations, "annotation", "annotations"),
            counted(exported.relations, "relation", "relations"),
            thousands(exported.not_written_count()),
            thousands(exported.written_in_part_count()),
        ));
        lines
    }

    /// The JSON line of `--jsonl`: the counts, and every item's sentence in full.
    pub fn json(&self) -> serde_json::Value {
        let sentences =
            |items: Vec<&Dropped>| -> Vec<String> { items.iter().map(|d| d.to_string()).collect() };
        serde_json::json!({
            "article": self.article.display().to_string(),
            "wrote": self.destination,
            "annotations": self.exported.annotations,
            "relations": self.exported.relations,
            "not_written_count": self.exported.not_written_count(),
            "written_in_part_count": self.exported.written_in_part_count(),
            "not_written": sentences(self.exported.not_written().collect()),
            "written_in_part": sentences(self.exported.written_in_part().collect()),
            "not_asked": self.not_asked,
            "notice": self.notice,
        })
    }
}

/// How many annotations of `store` `options.status` does not ask for.
pub fn not_asked(store: &Store, options: &ExportOptions) -> usize {
    store
        .annotations()
        .into_iter()
        .filter(|a| !options.status.admits(a.status))
        .count()
}

/// When the default `--status accepted` wrote no annotation because none is accepted
/// while others are there, the sentence that says so and what `--status all` would do
/// (found by exporting them all); else `None`.
pub fn nothing_accepted(
    format: ExportFormat,
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    exported: &Exported,
) -> Option<String> {
    if options.status != StatusFilter::Accepted || exported.annotations > 0 {
        return None;
    }
    let mut by_status: BTreeMap<Status, usize> = BTreeMap::new();
    for a in store.annotations() {
        *by_status.entry(a.status).or_default() += 1;
    }
    if by_status.contains_key(&Status::Accepted) || by_status.is_empty() {
        return None;
    }
    let total: usize = by_status.values().sum();
    let breakdown: Vec<String> = by_status
        .iter()
        .map(|(status, n)| format!("{} {status}", thousands(*n)))
        .collect();
    let all = ExportOptions {
        status: StatusFilter::All,
        ..options.clone()
    };
    let written = export(format, doc, store, schema, &all).annotations;
    let what_all_does = if written == total {
        "--status all writes them, marked with their status".to_string()
    } else if written > 0 {
        format!(
            "--status all writes {} of them, marked with their status, and says why not the others",
            thousands(written)
        )
    } else {
        format!(
            "{} cannot mark them as such and leaves them out even with --status all: review them first, or export to a format that marks suggestions",
            format.title()
        )
    };
    let them = if total == 1 {
        "its one annotation is not accepted".to_string()
    } else {
        format!("none of its {} annotations is accepted", thousands(total))
    };
    Some(format!(
        "no annotation written: {them} ({}), and --status accepted, the default, exports accepted ones only; {what_all_does}.",
        breakdown.join(", ")
    ))
}
