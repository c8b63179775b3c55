//! `scholia stats`: annotation counts by kind, label and status, and what became of each
//! model's suggestions per label (see [`super::stats_precision`]).

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::json;

use super::exit;
use crate::cli::ArticlesArgs;
use crate::domain::document::Document;
use crate::domain::registry::citations::{cited, Citations};
use crate::domain::registry::{self, Registry};
use crate::domain::renumber::shared_ids;
use crate::domain::safe_text::sanitize_line;
use crate::domain::sidecar;
use crate::domain::stats::{count, Counts};
use crate::formats::export::losses::counted;

use super::articles;
use super::failure::Failure;
use super::stats_precision::{self, Outcomes, ProducerLabel};

/// One article's counts, and what became of each model's suggestions.
#[derive(Debug, Default, PartialEq)]
pub struct ArticleStats {
    /// Counts by kind, label and status.
    pub counts: Counts,
    /// What became of the suggestions, by producer and the label it gave.
    pub suggestions: BTreeMap<ProducerLabel, Outcomes>,
}

/// Prints the counts of every article; exit 1 when a sidecar cannot be read.
pub fn run(args: &ArticlesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let mut unreadable = Vec::new();
    let mut notices = Vec::new();
    let mut citations = Vec::new();
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
                    let entries = file.as_ref().map(cited).unwrap_or_default();
                    (stats_of(file), shared, entries)
                }),
            ))
        },
        |article, (chars, counts)| {
            let name = article.display().to_string();
            let counts = counts.map(|(counts, shared, entries)| {
                citations.push(entries);
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
    let code = match args.articles.first().and_then(|a| registry::find_root(a)) {
        Some(path) => match registry::read(&path) {
            Ok(found) => {
                let found = found.unwrap_or_default();
                let mut corpus = Citations::default();
                for article in &citations {
                    corpus.add(&found, article);
                }
                registry_report(&found, &corpus, args.jsonl, out);
                code
            }
            Err(e) => {
                let _ = writeln!(err, "scholia: {e}");
                code.max(exit::PROBLEMS)
            }
        },
        None => code,
    };
    Ok(code)
}

/// Per live registry entry, how many of the articles read and of their claims cite
/// it: a text table after the articles, or one JSON object per entry.
fn registry_report(found: &Registry, corpus: &Citations, jsonl: bool, out: &mut dyn Write) {
    if !jsonl && found.live().next().is_some() {
        let _ = writeln!(
            out,
            "registry entries (articles, claims attributed to them):"
        );
    }
    for entry in found.live() {
        let (articles, claims) = corpus.by_entry.get(&entry.id).copied().unwrap_or_default();
        let _ = if jsonl {
            writeln!(
                out,
                "{}",
                json!({
                    "registry_entry": entry.id,
                    "name": entry.name,
                    "reliability": entry.grade(),
                    "articles": articles,
                    "claims": claims,
                })
            )
        } else {
            writeln!(
                out,
                "  {} {} [{}]: {}, {}",
                entry.id,
                entry.name,
                entry.grade().unwrap_or("-"),
                counted(articles, "article", "articles"),
                counted(claims, "claim", "claims")
            )
        };
    }
}

/// The stats of a sidecar (none when there is no sidecar).
pub fn stats_of(file: Option<sidecar::SidecarFile>) -> ArticleStats {
    let suggestions = file
        .as_ref()
        .map_or_else(BTreeMap::new, |f| stats_precision::outcomes(&f.annotations));
    ArticleStats {
        counts: count(file),
        suggestions,
    }
}

fn as_json(name: &str, chars: usize, stats: &ArticleStats) -> serde_json::Value {
    let c = &stats.counts;
    json!({
        "article": name,
        "chars": chars,
        "annotations": c.annotations,
        "by_kind": c.by_kind,
        "by_label": c.by_label,
        "by_status": c.by_status,
        "entities": c.entities,
        "relations": c.relations,
        "suggestions": stats_precision::as_json(&stats.suggestions),
    })
}

/// The counts as `scholia stats` prints them, then the suggestions' outcomes.
fn as_text(name: &str, stats: &ArticleStats) -> String {
    let mut text = stats.counts.as_text(name);
    let suggestions = stats_precision::as_lines(&stats.suggestions);
    if !suggestions.is_empty() {
        text.push_str(
            "  suggestions by the label the tool gave (precision = as is / decided):
",
        );
        for line in suggestions {
            text.push_str(&format!(
                "    {line}
"
            ));
        }
    }
    text
}
