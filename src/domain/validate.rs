//! Checks a sidecar against its article without changing either: offsets in range,
//! quotes matching the text, references pointing to existing ids, the article's hash.

use std::collections::HashSet;
use std::path::Path;

use super::document::Document;
use super::model::{Span, Status};
use super::sidecar::{self, SidecarFile};

/// One thing wrong in a sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The annotation, entity or relation concerned, if any.
    pub id: Option<String>,
    /// One clear sentence.
    pub message: String,
}

impl Problem {
    /// A problem of one item.
    pub fn of(id: &str, message: String) -> Self {
        Problem {
            id: Some(id.to_string()),
            message,
        }
    }

    /// A problem of the whole sidecar.
    pub fn general(message: String) -> Self {
        Problem { id: None, message }
    }
}

/// Every problem of the sidecar at `path` as the sidecar of `doc`: one that cannot be
/// read is one problem saying why; a missing sidecar has none. What `scholia validate`
/// prints and the workbench's `validate` command shows.
pub fn check_sidecar(doc: &Document, path: &Path) -> Vec<Problem> {
    match sidecar::read(path) {
        Ok(None) => Vec::new(),
        Ok(Some(file)) => check(doc, &file),
        Err(e) => {
            let shown = path.display().to_string();
            let message = e.to_string();
            let message = message
                .strip_prefix(&format!("{shown}:"))
                .or_else(|| message.strip_prefix(&format!("{shown} ")))
                .map_or(message.clone(), |m| m.trim_start().to_string());
            vec![Problem::general(message)]
        }
    }
}

/// Every problem found in `file` as the sidecar of `doc`, in file order.
pub fn check(doc: &Document, file: &SidecarFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    if file.document.sha256 != doc.sha256() {
        problems.push(Problem::general(
            "the article changed since the sidecar was written (SHA-256 differs); open it in scholia to re-anchor the annotations".to_string(),
        ));
    }
    if file.document.file != doc.file_name() {
        problems.push(Problem::general(format!(
            "the sidecar names the article \"{}\", not \"{}\"",
            file.document.file,
            doc.file_name()
        )));
    }
    let mut ids = HashSet::new();
    let all_ids = file
        .annotations
        .iter()
        .map(|a| a.id.as_str())
        .chain(file.entities.iter().map(|e| e.id.as_str()))
        .chain(file.relations.iter().map(|r| r.id.as_str()));
    for id in all_ids {
        if !ids.insert(id) {
            problems.push(Problem::of(
                id,
                "this id is used more than once (a merge can leave this); scholia keeps every record and gives the later ones new ids when it loads the sidecar".to_string(),
            ));
        }
    }
    let entity_ids: HashSet<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    for a in &file.annotations {
        check_spans(
            doc,
            a.status,
            &a.spans,
            &a.quote.exact,
            &a.id,
            &mut problems,
        );
        if let Some(entity) = &a.entity {
            if !entity_ids.contains(entity.as_str()) {
                problems.push(Problem::of(
                    &a.id,
                    format!("links to entity \"{entity}\", which does not exist"),
                ));
            }
        }
    }
    for r in &file.relations {
        for (end, target) in [("from", &r.from), ("to", &r.to)] {
            if !ids.contains(target.as_str()) {
                problems.push(Problem::of(
                    &r.id,
                    format!(
                        "relation {} points {end} \"{target}\", which does not exist",
                        r.kind
                    ),
                ));
            }
        }
    }
    problems
}

fn check_spans(
    doc: &Document,
    status: Status,
    spans: &[Span],
    exact: &str,
    id: &str,
    problems: &mut Vec<Problem>,
) {
    if status == Status::Orphaned {
        return;
    }
    if spans.is_empty() {
        problems.push(Problem::of(id, "has no spans".to_string()));
        return;
    }
    let chars = doc.char_len();
    for s in spans {
        if s.start > s.end {
            problems.push(Problem::of(
                id,
                format!("span {}–{} ends before it starts", s.start, s.end),
            ));
            return;
        }
        if s.end > chars {
            problems.push(Problem::of(
                id,
                format!(
                    "span {}–{} runs past the end of the article ({chars} characters)",
                    s.start, s.end
                ),
            ));
            return;
        }
    }
    let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end).max().unwrap_or(0);
    let found = doc
        .span_from_chars(Span::new(start, end))
        .and_then(|b| doc.slice(b))
        .unwrap_or("");
    if !exact.is_empty() && found != exact {
        problems.push(Problem::of(
            id,
            format!(
                "the quote does not match the text at {start}–{end}: the sidecar says \"{}\", the article has \"{}\"",
                shorten(exact),
                shorten(found)
            ),
        ));
    }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = s.chars().take(MAX).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out.escape_debug().to_string()
}
