//! The commands behind the command line. They print to stdout and stderr and return an
//! exit code; only `open` touches the terminal's modes, through `tui`.

pub mod adjudicate;
pub mod agree;
mod agree_table;
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
pub mod git_setup;
pub mod hold;
pub mod import;
pub mod merge_driver;
pub mod open;
mod progress;
pub mod registry;
pub mod safe_output;
pub mod stats;
pub mod stats_precision;
pub mod stats_sum;
pub mod validate;
