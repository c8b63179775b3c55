//! The workbench's application layer, free of terminal types: the state, the commands,
//! the keymap and `update`, which applies every action. `ui` draws this state and `tui`
//! feeds it keys; a key script can drive it in a test with no terminal at all.
pub mod action;
pub mod article_reports;
pub mod claims_table;
pub mod command;
pub mod corpus;
pub mod display_text;
pub mod focus;
pub mod folder_moves;
pub mod grouping;
pub mod handlers;
pub mod help_lines;
pub mod history;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod link_picker;
pub mod message_log;
pub mod motion;
pub mod panel;
pub mod panel_lists;
pub mod picker;
pub mod prompt_keys;
pub mod requests;
pub mod review;
pub mod review_ops;
pub mod screen;
pub mod search;
pub mod selection;
pub mod session;
pub mod session_error;
pub mod sidecar_writer;
pub mod state;
pub mod tagging;
pub mod text_input;
pub mod update;
