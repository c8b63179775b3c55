//! The CoNLL-U importer (with format detection): parse and apply onto the article.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| scholia::fuzz_entry::import(scholia::formats::Format::Conllu, data));
