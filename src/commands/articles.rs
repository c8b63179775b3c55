//! The article list of a batch command and its outcome: one article keeps its own exit
//! code; with several, an unreadable one counts as an I/O error (exit 2) and the others
//! go on.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::exit;
use crate::cli::ArticlesArgs;

use super::batch;
use super::failure::Failure;

/// The articles `args` names and lists, folders expanded.
pub fn list(args: &ArticlesArgs) -> Result<Vec<PathBuf>, Failure> {
    batch::select(&batch::Selection {
        inputs: &args.articles,
        glob: &args.glob,
        skip_ignored: !args.no_ignore,
        files_from: args.files_from.as_deref(),
    })
    .map_err(|message| Failure {
        code: exit::IO,
        message,
    })
}

/// Runs `work` over the articles of `args` in parallel and `show` on each result in
/// order; failures are reported on `err`. Returns the exit code: the worst of the
/// codes `show` returns, or the failure's.
pub fn for_each<R: Send>(
    args: &ArticlesArgs,
    err: &mut dyn Write,
    work: impl Fn(&Path) -> Result<R, Failure> + Sync,
    mut show: impl FnMut(&Path, R) -> i32,
) -> Result<i32, Failure> {
    let paths = list(args)?;
    if let [single] = paths.as_slice() {
        let result = work(single)?;
        return Ok(show(single, result));
    }
    let jobs = args.jobs.unwrap_or_else(batch::default_jobs);
    let mut code = exit::OK;
    batch::run(&paths, jobs, &work, |path, result| match result {
        Ok(r) => code = code.max(show(path, r)),
        Err(failure) => {
            let _ = writeln!(err, "scholia: {}", failure.message);
            code = code.max(exit::USAGE);
        }
    });
    Ok(code)
}
