//! `scholia stats`: annotation counts by kind, label and status, and what became of each
//! model's suggestions per label (see [`super::stats_precision`]).

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;

use super::exit;
use crate::cli::ArticlesArgs;
use crate::domain::document::Document;
use crate::domain::model::{Kind, Status};
use crate::domain::renumber::shared_ids;
use crate::domain::safe_text::sanitize_line;
use crate::domain::sidecar;

use super::articles;
use super::failure::Failure;
use super::stats_precision::{self, Outcomes, ProducerLabel};

/// Counts of one article's annotations.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    /// Number of annotations.
    pub annotations: usize,
    /// By kind.
    pub by_kind: BTreeMap<String, usize>,
    /// By kind and label, as `kind/label`.
    pub by_label: BTreeMap<String, usize>,
    /// By status.
    pub by_status: BTreeMap<String, usize>,
    /// Number of canonical entities.
    pub entities: usize,
    /// Number of relations.
    pub relations: usize,
    /// What became of the suggestions, by producer and the label it gave.
    pub suggestions: BTreeMap<ProducerLabel, Outcomes>,
}

/// Prints the counts of every article; exit 1 when a sidecar cannot be read.
pub fn run(args: &ArticlesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let mut unreadable = Vec::new();
    let mut notices = Vec::new();
    let code = articles::for_each(
        args,
        err,
        |article| {
            let doc = Document::load(article, args.max_size)?;
            Ok((
                doc.char_len(),
                sidecar::read(&sidecar::path_for(article)).map(|file| {
                    let shared = file.as_ref().map_or_else(Vec::new, |f| {
                        shared_ids(&f.annotations, &f.entities, &f.relations)
                    });
                    (count(file), shared)
                }),
            ))
        },
        |article, (chars, counts)| {
            let name = article.display().to_string();
            let counts = counts.map(|(counts, shared)| {
                if !shared.is_empty() {
                    notices.push(sanitize_line(&format!(
                        "{}: these ids are shared by more than one record (a merge leaves this; every record is counted, and loading gives the later ones new ids): {}",
                        sidecar::path_for(article).display(),
                        shared.join(", ")
                    )));
                }
                counts
            });
            let counts = match counts {
                Ok(c) => c,
                Err(e) => {
                    unreadable.push(e.to_string());
                    return exit::PROBLEMS;
                }
            };
            let _ = if args.jsonl {
                writeln!(out, "{}", as_json(&name, chars, &counts))
            } else {
                write!(out, "{}", as_text(&name, &counts))
            };
            exit::OK
        },
    )?;
    for line in notices.into_iter().chain(unreadable) {
        let _ = writeln!(err, "scholia: {line}");
    }
    Ok(code)
}

/// Counts the annotations of a sidecar (none when there is no sidecar).
pub fn count(file: Option<sidecar::SidecarFile>) -> Counts {
    let mut counts = Counts::default();
    let Some(file) = file else {
        return counts;
    };
    for kind in Kind::ALL {
        counts.by_kind.insert(kind.to_string(), 0);
    }
    for status in Status::ALL {
        counts.by_status.insert(status.to_string(), 0);
    }
    for a in &file.annotations {
        counts.annotations += 1;
        *counts.by_kind.entry(a.kind.to_string()).or_default() += 1;
        *counts
            .by_label
            .entry(format!("{}/{}", a.kind, a.label))
            .or_default() += 1;
        *counts.by_status.entry(a.status.to_string()).or_default() += 1;
    }
    counts.suggestions = stats_precision::outcomes(&file.annotations);
    counts.entities = file.entities.len();
    counts.relations = file.relations.len();
    counts
}

fn as_json(name: &str, chars: usize, c: &Counts) -> serde_json::Value {
    json!({
        "article": name,
        "chars": chars,
        "annotations": c.annotations,
        "by_kind": c.by_kind,
        "by_label": c.by_label,
        "by_status": c.by_status,
        "entities": c.entities,
        "relations": c.relations,
        "suggestions": stats_precision::as_json(&c.suggestions),
    })
}

fn as_text(name: &str, c: &Counts) -> String {
    let join = |m: &BTreeMap<String, usize>| {
        m.iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "{name}: {} annotations, {} entities, {} relations\n",
        c.annotations, c.entities, c.relations
    );
    if c.annotations > 0 {
        text.push_str(&format!("  by kind:   {}\n", join(&c.by_kind)));
        text.push_str(&format!("  by status: {}\n", join(&c.by_status)));
        text.push_str(&format!("  by label:  {}\n", join(&c.by_label)));
    }
    let suggestions = stats_precision::as_lines(&c.suggestions);
    if !suggestions.is_empty() {
        text.push_str("  suggestions by the label the tool gave (precision = as is / decided):\n");
        for line in suggestions {
            text.push_str(&format!("    {line}\n"));
        }
    }
    text
}
