//! A book-sized article with many pending suggestions, as after importing a model's
//! entities: for the review benchmark and the test that counts the panel's work.

use std::path::{Path, PathBuf};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Origin, Relation, Span, Status};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

/// Names the paragraphs mention, with the label a model would give them.
const NAMES: [(&str, &str); 12] = [
    ("Natasha", "PERSON"),
    ("Pierre Bezukhov", "PERSON"),
    ("Andrei", "PERSON"),
    ("Moscow", "GPE"),
    ("Smolensk", "GPE"),
    ("Kutuzov", "PERSON"),
    ("Bonaparte", "PERSON"),
    ("the Rostovs", "ORG"),
    ("Petersburg", "GPE"),
    ("Denisov", "PERSON"),
    ("the Emperor", "PERSON"),
    ("Borodino", "GPE"),
];

/// One paragraph, varied by its number: sixteen name mentions in about 500 bytes.
fn paragraph(n: usize) -> String {
    let name = |k: usize| NAMES[(n * 7 + k * 5) % NAMES.len()].0;
    format!(
        "Chapter {n}. {} wrote to {} from {} that {} had left {} before dawn. \
         {} and {} said nothing, but {} remembered how {} looked at {} in {}. \
         Nobody in {} doubted that {} would answer {}; {} waited for {} until the \
         candles burned down, and the letter went unanswered.\n\n",
        name(0),
        name(1),
        name(2),
        name(3),
        name(4),
        name(5),
        name(6),
        name(7),
        name(8),
        name(9),
        name(10),
        name(11),
        name(12),
        name(13),
        name(14),
        name(15),
    )
}

/// Writes an article of about `bytes` bytes with `suggestions` pending suggestions on
/// its names (from its start, a model's scores varied) and `relations` relations, each
/// between two of them (`a1` → `a2`, `a3` → `a4`…), and their sidecar. Returns the
/// article's path.
pub fn write_book(dir: &Path, bytes: usize, suggestions: usize, relations: usize) -> PathBuf {
    let path = dir.join("book.txt");
    let mut text = String::with_capacity(bytes + 1024);
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        text.push_str(&paragraph(n));
    }
    std::fs::write(&path, &text).unwrap();
    let doc = Document::load(&path, 1 << 30).unwrap();
    let mut found: Vec<(usize, &str, &str)> = NAMES
        .iter()
        .flat_map(|&(name, label)| {
            text.match_indices(name)
                .map(move |(at, _)| (at, name, label))
        })
        .collect();
    found.sort_unstable();
    assert!(
        found.len() >= suggestions,
        "a book of {bytes} bytes names only {} times",
        found.len()
    );
    let annotations: Vec<Annotation> = found
        .into_iter()
        .take(suggestions)
        .enumerate()
        .map(|(i, (at, name, label))| {
            let mut a = Annotation::new(
                format!("a{}", i + 1),
                Kind::Entity,
                label,
                vec![Span::new(at, at + name.len())],
            );
            a.status = Status::Pending;
            a.origin = Origin::tool("spacy").shared();
            a.origin_mut().score = Some(0.5 + (i % 50) as f64 / 100.0);
            a.quote = quote_for(&doc, &a.spans);
            a
        })
        .collect();
    let relations = (0..relations)
        .map(|i| {
            Relation::new(
                format!("r{}", i + 1),
                "mentions",
                format!("a{}", 2 * i + 1),
                format!("a{}", 2 * i + 2),
            )
        })
        .collect();
    let store = Store::from_parts(annotations, Vec::new(), relations);
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&path),
        false,
    )
    .unwrap();
    path
}
