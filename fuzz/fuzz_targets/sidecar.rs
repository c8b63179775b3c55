//! The sidecar reader: parse, place on the article, save and load again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| scholia::fuzz_entry::sidecar(data));
