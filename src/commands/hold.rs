//! Batch commands that write a sidecar take the article's lock for the time of the
//! write, so they never race a workbench session on the same article.

use std::path::Path;

use super::exit;
use crate::domain::config::annotator::annotator_name;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::lock::{self, Acquired, Lock};

use super::failure::Failure;

/// Takes the lock of `article` in the annotator's name, or fails naming who holds it.
pub fn hold(article: &Path) -> Result<Lock, Failure> {
    // The config only names the lock's holder here: a config the command does not
    // otherwise read does not stop it (the name then comes from the environment).
    let configured = Config::load(&ConfigSources::discover(article))
        .ok()
        .and_then(|config| config.annotator);
    match lock::acquire(article, &annotator_name(configured.as_deref())) {
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
