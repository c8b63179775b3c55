//! `scholia stats --sum`: the lines of `scholia stats --jsonl` read from standard input
//! (from any number of processes, in any order) added up into one line for the corpus,
//! so a corpus counted in shares gives the total one process would.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use serde::Deserialize;
use serde_json::json;

use super::exit;
use super::failure::Failure;
use super::stats_precision::{self, Outcomes, ProducerLabel};
use crate::domain::stats::Counts;

/// One line of `scholia stats --jsonl` (fields it does not know are left alone).
#[derive(Deserialize)]
struct ArticleLine {
    /// Present so that a line of another command is not taken for one of `stats`.
    #[serde(rename = "article")]
    _article: String,
    chars: usize,
    annotations: usize,
    by_kind: BTreeMap<String, usize>,
    by_label: BTreeMap<String, usize>,
    by_status: BTreeMap<String, usize>,
    entities: usize,
    relations: usize,
    suggestions: Vec<SuggestionLine>,
}

/// What became of one producer's suggestions of one label, as `stats --jsonl` writes it.
#[derive(Deserialize)]
struct SuggestionLine {
    by: String,
    model: Option<String>,
    label: String,
    as_is: usize,
    relabelled: usize,
    resized: usize,
    rejected: usize,
    pending: usize,
}

/// The corpus total so far.
#[derive(Default)]
struct Total {
    articles: usize,
    chars: usize,
    counts: Counts,
    suggestions: BTreeMap<ProducerLabel, Outcomes>,
}

/// Adds up the lines of `input` and prints the total as one JSON line on `out`; a
/// line that is not one of `stats --jsonl` is a usage error naming its number.
pub fn run(input: &mut dyn BufRead, out: &mut dyn Write) -> Result<i32, Failure> {
    let mut total = Total::default();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| Failure {
            code: exit::IO,
            message: format!("cannot read standard input: {e}"),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let article: ArticleLine = serde_json::from_str(&line).map_err(|e| Failure {
            code: exit::USAGE,
            message: format!(
                "line {} of standard input is not a line of `scholia stats --jsonl`: {e}",
                n + 1
            ),
        })?;
        total.add(article);
    }
    let _ = writeln!(out, "{}", total.as_json());
    Ok(exit::OK)
}

impl Total {
    fn add(&mut self, line: ArticleLine) {
        self.articles += 1;
        self.chars += line.chars;
        let counts = &mut self.counts;
        counts.annotations += line.annotations;
        counts.entities += line.entities;
        counts.relations += line.relations;
        for (into, from) in [
            (&mut counts.by_kind, line.by_kind),
            (&mut counts.by_label, line.by_label),
            (&mut counts.by_status, line.by_status),
        ] {
            for (key, n) in from {
                *into.entry(key).or_default() += n;
            }
        }
        for s in line.suggestions {
            let key = ProducerLabel {
                by: s.by,
                model: s.model,
                label: s.label,
            };
            let outcomes = self.suggestions.entry(key).or_default();
            outcomes.as_is += s.as_is;
            outcomes.relabelled += s.relabelled;
            outcomes.resized += s.resized;
            outcomes.rejected += s.rejected;
            outcomes.pending += s.pending;
        }
    }

    fn as_json(&self) -> serde_json::Value {
        let c = &self.counts;
        json!({
            "articles": self.articles,
            "chars": self.chars,
            "annotations": c.annotations,
            "by_kind": c.by_kind,
            "by_label": c.by_label,
            "by_status": c.by_status,
            "entities": c.entities,
            "relations": c.relations,
            "suggestions": stats_precision::as_json(&self.suggestions),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(input: &str) -> Result<serde_json::Value, Failure> {
        let mut out = Vec::new();
        run(&mut input.as_bytes(), &mut out)?;
        Ok(serde_json::from_slice(&out).unwrap())
    }

    #[test]
    fn lines_add_up_in_any_order() {
        let a = r#"{"article":"a.txt","chars":10,"annotations":2,"by_kind":{"entity":2,"claim":0},"by_label":{"entity/PERSON":2},"by_status":{"pending":1,"accepted":1},"entities":1,"relations":0,"suggestions":[{"by":"rules","model":null,"label":"PERSON","as_is":1,"relabelled":0,"resized":0,"rejected":0,"pending":1,"decided":1,"precision":1.0}]}"#;
        let b = r#"{"article":"б.txt","chars":5,"annotations":1,"by_kind":{"entity":0,"claim":1},"by_label":{"claim/quote":1},"by_status":{"pending":0,"accepted":0,"rejected":1},"entities":0,"relations":2,"suggestions":[{"by":"rules","model":null,"label":"PERSON","as_is":0,"relabelled":0,"resized":0,"rejected":1,"pending":0}]}"#;
        let total = sum(&format!("{a}\n\n{b}\n")).unwrap();
        assert_eq!(total, sum(&format!("{b}\n{a}\n")).unwrap());
        assert_eq!(total["articles"], 2);
        assert_eq!(total["chars"], 15);
        assert_eq!(total["annotations"], 3);
        assert_eq!(total["by_kind"], json!({"claim": 1, "entity": 2}));
        assert_eq!(
            total["by_status"],
            json!({"accepted": 1, "pending": 1, "rejected": 1})
        );
        assert_eq!(total["relations"], 2);
        let rules = &total["suggestions"][0];
        assert_eq!(
            (rules["as_is"].clone(), rules["rejected"].clone()),
            (json!(1), json!(1))
        );
        assert_eq!(rules["precision"], 0.5);
    }

    #[test]
    fn a_line_of_another_command_is_named() {
        let e = sum("{\"article\":\"a.txt\",\"ok\":true,\"problems\":[]}\n").unwrap_err();
        assert_eq!(e.code, exit::USAGE);
        assert!(
            e.message
                .starts_with("line 1 of standard input is not a line of `scholia stats --jsonl`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn nothing_sums_to_zero_articles() {
        assert_eq!(sum("").unwrap()["articles"], 0);
    }
}
