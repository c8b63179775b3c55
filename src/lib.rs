//! scholia: a keyboard-driven terminal workbench for analysts who tag entities, claims
//! and sources in articles.
pub mod domain;
pub mod formats;
