//! The commands behind the command line. They print to stdout and stderr and return an
//! exit code; only `open` touches the terminal's modes, through `tui`.

pub mod articles;
pub mod at_exit;
pub mod batch;
mod brat_conf;
pub mod exit;
pub mod export;
mod export_report;
pub mod extract;
pub mod failure;
pub mod folder;
pub mod hold;
pub mod import;
pub mod open;
pub mod safe_output;
pub mod stats;
pub mod stats_precision;
pub mod validate;
