//! Exit codes of the `scholia` binary, documented in the README. Only the command
//! line decides them: the layers below return typed errors.

/// Everything went well.
pub const OK: i32 = 0;
/// The command ran and found problems in the data (validation, a read-only sidecar).
pub const PROBLEMS: i32 = 1;
/// The command line was wrong.
pub const USAGE: i32 = 2;
/// The article does not exist.
pub const NOT_FOUND: i32 = 3;
/// The article is a directory, or not a regular file (a FIFO, socket or device).
pub const IS_DIRECTORY: i32 = 4;
/// The article cannot be read for lack of permission.
pub const PERMISSION: i32 = 5;
/// The article is not UTF-8.
pub const NOT_UTF8: i32 = 6;
/// The article is a binary file.
pub const BINARY: i32 = 7;
/// The article is over the size limit.
pub const TOO_LARGE: i32 = 8;
/// A configuration file is wrong.
pub const CONFIG: i32 = 9;
/// The sidecar cannot be read or written.
pub const SIDECAR: i32 = 10;
/// Any other input/output failure.
pub const IO: i32 = 11;
