//! A command's failure: one sentence for stderr and an exit code. This is the one place
//! where the typed errors of the layers below become exit codes.

use crate::app::session_error::{OpenError, Unsaved};
use crate::domain::error::DocumentError;
use crate::domain::sidecar::SidecarError;
use crate::tui::TuiError;

use super::exit;

/// Why a command stopped: what to tell the user, and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// The exit code (see [`super::exit`]).
    pub code: i32,
    /// One clear sentence.
    pub message: String,
}

impl Failure {
    /// A failure with exit `code` that says what `error` says.
    fn said(code: i32, error: impl std::fmt::Display) -> Failure {
        Failure {
            code,
            message: error.to_string(),
        }
    }
}

/// The exit code for an article that cannot be opened.
pub fn document_code(e: &DocumentError) -> i32 {
    match e {
        DocumentError::NotFound(_) => exit::NOT_FOUND,
        DocumentError::IsDirectory(_) | DocumentError::NotRegular { .. } => exit::IS_DIRECTORY,
        DocumentError::PermissionDenied(_) => exit::PERMISSION,
        DocumentError::NotUtf8 { .. } => exit::NOT_UTF8,
        DocumentError::Binary { .. } => exit::BINARY,
        DocumentError::TooLarge { .. } => exit::TOO_LARGE,
        DocumentError::Io { .. } => exit::IO,
    }
}

impl From<DocumentError> for Failure {
    fn from(e: DocumentError) -> Self {
        Failure::said(document_code(&e), e)
    }
}

impl From<SidecarError> for Failure {
    fn from(e: SidecarError) -> Self {
        Failure::said(exit::SIDECAR, e)
    }
}

impl From<OpenError> for Failure {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Document(e) => e.into(),
            OpenError::Config(_) | OpenError::Keys { .. } => Failure::said(exit::CONFIG, e),
        }
    }
}

impl From<Unsaved> for Failure {
    fn from(e: Unsaved) -> Self {
        Failure::said(exit::SIDECAR, e)
    }
}

impl From<TuiError> for Failure {
    fn from(e: TuiError) -> Self {
        match e {
            TuiError::Unsaved(e) => e.into(),
            TuiError::Article(e) => e.into(),
            TuiError::Terminal { .. } => Failure::said(exit::IO, e),
        }
    }
}
