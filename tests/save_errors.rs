//! Saving never writes a sidecar that says something other than the store: what cannot
//! be written faithfully is an error, and the file on disk stays as it was.

use std::error::Error;
use std::fs;
use std::path::Path;

use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, Kept, SidecarError};
use scholia::domain::store::Store;

const TEXT: &str = "Шаукат Султан told AFP.\n";

fn doc_in(dir: &Path) -> Document {
    let path = dir.join("a.txt");
    fs::write(&path, TEXT).unwrap();
    Document::load(&path, 1 << 20).unwrap()
}

/// A store whose one annotation starts inside the two bytes of `Ш`.
fn store_with_a_split_character() -> Store {
    let broken = Annotation::new("a1", Kind::Source, "person", vec![Span::new(1, 12)]);
    Store::from_parts(vec![broken], Vec::new(), Vec::new())
}

#[test]
fn a_span_off_the_characters_is_an_error_not_bytes_written_as_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path());
    let path = sidecar::path_for(&dir.path().join("a.txt"));
    let result = sidecar::save(
        &doc,
        &store_with_a_split_character(),
        &Kept::default(),
        &path,
        false,
    );
    let err = result.expect_err("a span inside a character must not be saved");
    assert!(
        matches!(err, SidecarError::Render { .. }),
        "unexpected error: {err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("a1"), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
    assert!(err.source().is_some(), "the cause is kept as the source");
    assert!(!path.exists(), "no sidecar was written");
}

#[test]
fn a_failed_render_leaves_the_earlier_sidecar_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path());
    let path = sidecar::path_for(&dir.path().join("a.txt"));
    sidecar::save(&doc, &Store::new(), &Kept::default(), &path, false).unwrap();
    let before = fs::read(&path).unwrap();
    let result = sidecar::save(
        &doc,
        &store_with_a_split_character(),
        &Kept::default(),
        &path,
        false,
    );
    assert!(result.is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_write_failure_keeps_the_io_error_as_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path());
    let path = dir.path().join("no such folder").join("a.txt.scholia.json");
    let err = sidecar::save(&doc, &Store::new(), &Kept::default(), &path, false).unwrap_err();
    let source = err.source().expect("an I/O source");
    assert!(
        source.downcast_ref::<std::io::Error>().is_some(),
        "{source:?}"
    );
}

#[test]
fn the_scholia_export_leaves_out_a_span_off_the_characters_and_says_so() {
    use scholia::domain::schema::Schema;
    use scholia::formats::export::{export, ExportFormat, ExportOptions, StatusFilter};
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path());
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let exported = export(
        ExportFormat::Scholia,
        &doc,
        &store_with_a_split_character(),
        &Schema::default(),
        &options,
    );
    let (_, text) = &exported.files[0];
    let file = sidecar::parse(Path::new("x.scholia.json"), text).unwrap();
    assert!(file.annotations.is_empty(), "{text}");
    assert_eq!(exported.dropped.len(), 1, "{:?}", exported.dropped);
    assert_eq!(exported.dropped[0].id, "a1");
}
