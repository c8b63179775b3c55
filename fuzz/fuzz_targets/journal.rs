//! The recovery journal reader: inspect and replay onto an empty store.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| scholia::fuzz_entry::journal(data));
