//! Memory of loading a sidecar (issue 11), measured by a counting allocator: the file is
//! parsed as it is read, a buffer at a time, and each annotation is read straight into
//! the allocation the store keeps it in. So a load takes at most a little more than what
//! it keeps (never the file itself, never a second list of the records), and what it
//! keeps is within the budget of 1 KB per annotation. Before, the 42.7 MB sidecar of
//! 77k suggestions was held whole while it was parsed, beside the records parsed from it.
//! Labels and quoted text are interned as they are read: 20k suggestions on 12 names
//! took 11.0 allocations and held 482 bytes each with a string of each for each, 9.0
//! and 428 with one for each label and name.
//!
//! `SIDECAR_LOAD_MEMORY=N` measures a sidecar of N pending suggestions and prints the
//! figures (`--nocapture`).

#[path = "counting_alloc/mod.rs"]
mod counting_alloc;
#[path = "../benches/support/review_book.rs"]
mod review_book;

use counting_alloc::{allocations_of, alone, live, peak_of, Counting};
use scholia::domain::document::Document;
use scholia::domain::sidecar;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes of article per suggestion, as on the review benchmark's book.
const TEXT_PER_SUGGESTION: usize = 122;

/// What a load of a sidecar took at most and what it keeps, in bytes, with the size of
/// the file and the allocations it made.
struct Measured {
    peak: usize,
    held: usize,
    file: usize,
    allocations: usize,
}

/// Loads the sidecar of a book with `suggestions` pending suggestions.
fn measure(suggestions: usize) -> Measured {
    let _one = alone();
    let dir = tempfile::tempdir().unwrap();
    let article = review_book::write_book(
        dir.path(),
        suggestions * TEXT_PER_SUGGESTION,
        suggestions,
        0,
    );
    let doc = Document::load(&article, 1 << 30).unwrap();
    // The article's hash is the article's, worked out before the load is measured.
    let _ = doc.sha256();
    let path = sidecar::path_for(&article);
    let file = std::fs::metadata(&path).unwrap().len() as usize;
    let before = live();
    let (allocations, (peak, loaded)) =
        allocations_of(|| peak_of(|| sidecar::load(&doc, &path).unwrap().unwrap()));
    let held = live().saturating_sub(before);
    assert_eq!(loaded.store.annotations().len(), suggestions);
    drop(loaded);
    let per = |bytes: usize| bytes / suggestions;
    eprintln!(
        "{suggestions} pending in a sidecar of {:.1} MB ({} B each): load peak {:.1} MB \
         ({} B each), held {:.1} MB ({} B each), {:.2} allocations each",
        file as f64 / 1e6,
        per(file),
        peak as f64 / 1e6,
        per(peak),
        held as f64 / 1e6,
        per(held),
        allocations as f64 / suggestions as f64,
    );
    Measured {
        peak,
        held,
        file,
        allocations,
    }
}

#[test]
fn a_load_holds_neither_the_file_nor_its_records_twice() {
    let suggestions = 20_000;
    let m = measure(suggestions);
    // Beyond what it keeps, a load takes the read buffer and the list of pointers it
    // hands to the store: far less than the file.
    let transient = m.peak.saturating_sub(m.held);
    assert!(
        transient <= m.file / 8,
        "the load took {transient} bytes beyond the {} it keeps, for a file of {} bytes",
        m.held,
        m.file
    );
    assert!(
        m.peak <= 1024 * suggestions,
        "the load peaked at {} bytes, over 1 KB for each of {suggestions} annotations",
        m.peak
    );
}

#[test]
fn a_load_holds_each_label_and_quoted_name_once() {
    let suggestions = 20_000;
    let m = measure(suggestions);
    let (allocations, held) = (
        m.allocations as f64 / suggestions as f64,
        m.held / suggestions,
    );
    assert!(
        allocations <= 10.0,
        "{allocations:.2} allocations per annotation"
    );
    assert!(held <= 450, "{held} bytes held per annotation");
}

/// Prints the figures for `SIDECAR_LOAD_MEMORY` suggestions (nothing when it is not
/// set).
#[test]
fn measures_the_sidecar_asked_for() {
    if let Some(suggestions) = std::env::var("SIDECAR_LOAD_MEMORY")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        measure(suggestions);
    }
}
