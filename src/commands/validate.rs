//! `scholia validate`: one line per problem, exit 1 if any.

use std::io::Write;

use crate::cli::ArticlesArgs;
use crate::domain::document::Document;
use crate::domain::error::exit;
use crate::domain::sidecar;
use crate::domain::validate::check;

use super::failure::Failure;

/// Checks every article's sidecar, printing `file: id: what` for each problem.
pub fn run(args: &ArticlesArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let mut code = exit::OK;
    for article in &args.articles {
        let doc = Document::load(article, args.max_size)?;
        let path = sidecar::path_for(article);
        let shown = path.display().to_string();
        let lines = match sidecar::read(&path) {
            Ok(None) => Vec::new(),
            Ok(Some(file)) => check(&doc, &file)
                .into_iter()
                .map(|p| match p.id {
                    Some(id) => format!("{shown}: {id}: {}", p.message),
                    None => format!("{shown}: {}", p.message),
                })
                .collect(),
            Err(e) => vec![e.to_string()],
        };
        if !lines.is_empty() {
            code = exit::PROBLEMS;
        }
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(code)
}
