//! scholia: a keyboard-driven terminal workbench for analysts who tag entities, claims
//! and sources in articles.
pub mod app;
pub mod domain;
