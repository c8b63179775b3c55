//! A command's failure: one sentence for stderr and an exit code.

use crate::domain::error::{exit, DocumentError};
use crate::domain::sidecar::SidecarError;

/// Why a command stopped: what to tell the user, and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// The exit code (see [`crate::domain::error::exit`]).
    pub code: i32,
    /// One clear sentence.
    pub message: String,
}

impl From<DocumentError> for Failure {
    fn from(e: DocumentError) -> Self {
        Failure {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

impl From<SidecarError> for Failure {
    fn from(e: SidecarError) -> Self {
        Failure {
            code: exit::SIDECAR,
            message: e.to_string(),
        }
    }
}
