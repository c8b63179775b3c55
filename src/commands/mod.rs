//! The batch commands behind the command line. They print to stdout and stderr and
//! return an exit code; none of them touches the terminal's modes.

pub mod export;
pub mod failure;
pub mod import;
pub mod stats;
pub mod validate;
