//! The corpus's source registry, `scholia-registry.json` (DESIGN §11, documented in
//! `docs/registry.md`): canonical sources and entities shared by every article of a
//! corpus, each with its reliability grade, aliases and external ids. A sidecar's entity
//! points at an entry with `registry: "r12"`, so a source graded once is graded in every
//! article.
//!
//! - [`entry`]: one entry, its grade and kind;
//! - [`file`]: the whole file and the edits on it (add, grade, merge by redirect);
//! - [`disk`]: finding it at the corpus root, reading it, and writing it durably under a
//!   lock, re-read first so that a change another process made is never clobbered;
//! - [`merge`]: the three-way merge of two branches' registries, for git;
//! - [`names`]: lookup of entries by name or alias, case and diacritics folded;
//! - [`usage`]: which sidecars of the corpus point at which entry.

pub mod citations;
pub mod disk;
pub mod entry;
pub mod file;
pub mod mentions;
pub mod merge;
pub mod names;
pub mod usage;

pub use disk::{find_root, path_in, read, update, write, RegistryError, FILE_NAME};
pub use entry::{Entry, EntryKind, Grade};
pub use file::{EditError, Registry, FORMAT};
pub use names::{fold_name, NameIndex};
