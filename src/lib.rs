//! scholia: a keyboard-driven terminal workbench for analysts who tag entities, claims
//! and sources in articles.
//!
//! `domain` is the pure core, `formats` reads and writes other tools' files, `extract`
//! suggests annotations by rule, `app` is the terminal-free workbench, `ui` draws it,
//! `tui` runs it on the terminal, `commands` are the commands and `cli` is the command
//! line.
pub mod app;
pub mod cli;
pub mod commands;
pub mod domain;
pub mod extract;
pub mod formats;
#[doc(hidden)]
pub mod fuzz_entry;
pub mod tui;
pub mod ui;
