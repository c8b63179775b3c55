//! `scholia validate`: one line per problem, exit 1 if any that is not only a warning.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::exit;
use crate::cli::ArticlesArgs;
use crate::domain::document::Document;
use crate::domain::sidecar;
use crate::domain::validate::{check_sidecar, Problem};

use super::articles;
use super::failure::Failure;

/// Checks every article's sidecar, printing `file: id: what` for each problem and
/// `file: id: warning: what` for each warning (or one JSON object per article with
/// `--jsonl`).
pub fn run(args: &ArticlesArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    articles::for_each(
        args,
        err,
        |article| problems_of(article, args.max_size),
        |article, (shown, problems)| {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| {
                    let what = if p.warning { "warning: " } else { "" };
                    match &p.id {
                        Some(id) => format!("{shown}: {id}: {what}{}", p.message),
                        None => format!("{shown}: {what}{}", p.message),
                    }
                })
                .collect();
            let ok = problems.iter().all(|p| p.warning);
            if args.jsonl {
                let items: Vec<_> = problems
                    .iter()
                    .map(|p| json!({"id": p.id, "message": p.message, "warning": p.warning}))
                    .collect();
                let line =
                    json!({"article": article.display().to_string(), "ok": ok, "problems": items});
                let _ = writeln!(out, "{line}");
            } else {
                for line in lines {
                    let _ = writeln!(out, "{line}");
                }
            }
            if ok {
                exit::OK
            } else {
                exit::PROBLEMS
            }
        },
    )
}

/// The sidecar's name as shown, and its problems (an unreadable sidecar is one).
fn problems_of(article: &Path, max_size: u64) -> Result<(String, Vec<Problem>), Failure> {
    let doc = Document::load(article, max_size)?;
    let path = sidecar::path_for(article);
    Ok((path.display().to_string(), check_sidecar(&doc, &path)))
}
