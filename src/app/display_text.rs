//! Safe display of untrusted text for the workbench: the core's sanitiser
//! ([`crate::domain::safe_text`]), so the screen and the command line neutralise
//! control, escape and bidi characters with the very same rules.

pub use crate::domain::safe_text::*;
