//! Batch commands that write a sidecar take the article's lock for the time of the
//! write, so they never race a workbench session on the same article.

use std::path::Path;

use super::exit;
use crate::domain::lock::{self, Acquired, Lock};

use super::failure::Failure;

/// Takes the lock of `article`, or fails naming who holds it.
pub fn hold(article: &Path) -> Result<Lock, Failure> {
    match lock::acquire(article) {
        Ok(Acquired::Held(lock)) | Ok(Acquired::TookOver { lock, .. }) => Ok(lock),
        Ok(Acquired::Busy(who)) => Err(Failure {
            code: exit::PROBLEMS,
            message: format!(
                "{} is open in scholia ({who}); close it there first",
                article.display()
            ),
        }),
        Err(e) => Err(Failure {
            code: exit::IO,
            message: e.to_string(),
        }),
    }
}
