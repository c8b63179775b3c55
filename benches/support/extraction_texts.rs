//! The texts extraction is measured on, for the ingest bench and the extraction CPU
//! bench. Include it with `#[path]` beside `review_book`, as `crate::review_book`.

use std::path::Path;

/// One sentence of news: a titled name, a cue, a quoted outlet, a date and a
/// nationality, with Cyrillic in it; repeated, a suggestion every 23 bytes.
pub const SENTENCE: &str = "Deputy Interior Minister Bakhtiyor Nazarov told «Время Востока» on March 4 that the Uzbek border guards had not fired first. ";

/// The texts extraction is measured on: generated news with a suggestion every 23
/// bytes, the example article repeated to 10 MB, and a 3.3 MB book of prose (the
/// review benchmark's book: names in every sentence, few cues).
pub fn extraction_texts() -> Vec<(&'static str, String)> {
    let news = SENTENCE.repeat(32_000);
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/border-incident.txt"),
    )
    .unwrap();
    let mut repeated = String::with_capacity(10_000_000 + example.len());
    while repeated.len() < 10_000_000 {
        repeated.push_str(&example);
        repeated.push_str("\n\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let book_path = crate::review_book::write_book(dir.path(), 3_300_000, 0, 0);
    let book = std::fs::read_to_string(book_path).unwrap();
    vec![
        ("4 MB of generated news", news),
        ("the example article repeated to 10 MB", repeated),
        ("a 3.3 MB book", book),
    ]
}
