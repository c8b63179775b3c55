//! The config reader: one or two TOML config files merged into the schema.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| scholia::fuzz_entry::config(data));
