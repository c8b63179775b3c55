//! The pure core: documents, offsets, annotations, anchoring, the sidecar, the label
//! schema and the sanitiser for untrusted text. Nothing here knows about the terminal.
pub mod anchor;
pub mod atomic;
pub mod beside;
pub mod clock;
pub mod config;
pub mod disk_stamp;
pub mod document;
pub mod edit;
pub mod error;
pub mod ids;
pub mod journal;
pub mod lock;
pub mod merge;
pub mod model;
pub mod offsets;
pub mod reapply;
pub mod regular_file;
pub mod renumber;
pub mod safe_text;
pub mod schema;
pub mod segment;
pub mod sidecar;
pub mod span_check;
pub mod span_index;
pub mod store;
pub mod validate;
