//! scholia: a keyboard-driven terminal workbench for analysts who tag entities, claims
//! and sources in articles.
//!
//! `domain` is the pure core; `commands` are the batch commands; `cli` is the command
//! line.
pub mod cli;
pub mod commands;
pub mod domain;
pub mod extract;
