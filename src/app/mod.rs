//! Terminal-free application state and the computations the UI draws from.
pub mod display_text;
pub mod layout;
