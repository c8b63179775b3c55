//! Why a session could not open, save or end cleanly: typed errors that keep their
//! causes. They say what happened; the exit codes are the command line's business
//! (`commands::failure`), never decided here.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::domain::config::ConfigError;
use crate::domain::error::DocumentError;
use crate::domain::sidecar::SidecarError;

use super::keymap::KeymapError;

/// Why a session could not be opened at all.
#[derive(Debug, Error)]
pub enum OpenError {
    /// The article cannot be opened.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// A configuration file is wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A `[keys]` entry of the configuration is wrong.
    #[error("{place}{source}")]
    Keys {
        /// `file:line: ` of the entry when it could be found, else empty.
        place: String,
        /// What is wrong with it.
        #[source]
        source: KeymapError,
    },
}

/// Why a save did not write the sidecar. The sidecar on disk is left as it was.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The session cannot write (why).
    #[error("read-only: {0}")]
    ReadOnly(String),
    /// Whether another program changed the sidecar could not be checked.
    #[error("{}: could not check whether another program changed the sidecar ({source}); it is not overwritten", path.display())]
    Check {
        /// The sidecar.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// Another program changed the sidecar and the new file cannot be read.
    #[error("another program changed the sidecar and it cannot be read, so it is not overwritten (your changes stay in this session until it can be): {0}")]
    Reload(#[source] SidecarError),
    /// Another program changed the sidecar, some unsaved steps no longer fit it, and
    /// they could not be written beside the journal.
    #[error("another program changed the sidecar and {} of this session no longer fit it, but they could not be kept beside the journal ({source}); the sidecar is not overwritten", steps_text(*.steps))]
    KeepAside {
        /// How many steps no longer fit.
        steps: usize,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// Another program changed the sidecar and some unsaved steps no longer fit it;
    /// with no journal there is nowhere to keep them.
    #[error("another program changed the sidecar and {} of this session no longer fit it; the sidecar is not overwritten", steps_text(*.steps))]
    NoRoomAside {
        /// How many steps no longer fit.
        steps: usize,
    },
    /// Writing the sidecar failed.
    #[error(transparent)]
    Write(#[from] SidecarError),
}

/// Two save failures are the same when they say the same thing (an I/O error has no
/// equality of its own); actions are compared in tests.
impl PartialEq for SaveError {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

/// A session ended with changes the sidecar does not hold.
#[derive(Debug, Error)]
#[error("could not save the changes: {why}; {journal}")]
pub struct Unsaved {
    /// Why the last save failed.
    pub why: String,
    /// Where the changes are now.
    pub journal: JournalHolds,
}

/// Whether the recovery journal holds the changes a session could not save.
#[derive(Debug, Error)]
pub enum JournalHolds {
    /// The journal took every one of them.
    #[error("they are kept in the recovery journal {} and will be offered when the article is opened again", .0.display())]
    Everything(PathBuf),
    /// Writing the journal failed too (why).
    #[error("the recovery journal could not take them either ({0}), so they are lost")]
    Failed(String),
    /// The session keeps no journal.
    #[error("there is no recovery journal, so they are lost")]
    Nothing,
}

/// `1 unsaved step`, `3 unsaved steps`.
pub(crate) fn steps_text(n: usize) -> String {
    format!("{n} unsaved step{}", if n == 1 { "" } else { "s" })
}
