//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their
//! regression corpus (`tests/fuzz_regressions.rs`) on the stable toolchain.
//!
//! Each function takes arbitrary bytes, feeds them to one reader the way scholia does,
//! and panics only when a promise is broken: a reader panicked, or what it accepted does
//! not hold up (a span outside the article or off a character boundary, a saved sidecar
//! that does not load back the same, a schema with two labels on one key). Errors are
//! the expected answer to bad input and are only formatted, never asserted on.
//!
//! Inputs that carry an article start with it: the bytes up to the first NUL byte are
//! the article's text, the rest is the file. Without a NUL the article is [`ARTICLE`].

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use crate::domain::config::Config;
use crate::domain::document::Document;
use crate::domain::journal;
use crate::domain::model::Status;
use crate::domain::schema::{LabelColor, LabelKind, Schema};
use crate::domain::sidecar::{self, Kept};
use crate::domain::store::Store;
use crate::domain::validate;
use crate::formats::apply::{apply, pick_record, ApplyOptions};
use crate::formats::{self, Format, ImportOptions, OffsetUnit, SpanEnd};

/// The article used when an input does not bring its own.
pub const ARTICLE: &str = "Minister Anna Berg said on Monday that the border at Narva \
would reopen. \u{201c}We are ready,\u{201d} she told Reuters. Ça va — 😀 fin.\n";

/// The path the fuzzed article and its files are named after in messages.
const ARTICLE_PATH: &str = "article.txt";

/// The sidecar reader: parses the file, places it on the article, then saves and loads
/// it again. Placed annotations must lie on the article; the second load must give the
/// same annotations, entities and relations as the first.
pub fn sidecar(data: &[u8]) {
    let (doc, text) = article_and_file(data);
    let path = sidecar::path_for(doc.path());
    let file = match sidecar::parse(&path, &text) {
        Ok(file) => file,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let loaded = sidecar::place_on(&doc, file);
    let _ = loaded.report.summary();
    assert_placed(&doc, &loaded.store);
    let saved = match sidecar::to_file(&doc, &loaded.store, &loaded.kept)
        .and_then(|file| sidecar::render(&file))
    {
        Ok(saved) => saved,
        Err(e) => panic!("a placed store does not render: {e}"),
    };
    let again = match sidecar::parse(&path, &saved) {
        Ok(file) => sidecar::place_on(&doc, file),
        Err(e) => panic!("a saved sidecar does not load: {e}\n{saved}"),
    };
    assert_eq!(
        loaded.store.annotations(),
        again.store.annotations(),
        "annotations change between a save and the next load"
    );
    assert_eq!(loaded.store.entities(), again.store.entities());
    assert_eq!(loaded.store.relations(), again.store.relations());
    assert_eq!(loaded.kept, again.kept);
}

/// The recovery journal reader: inspects the file as the journal of the article (with
/// no sidecar) and replays it onto an empty store. What a replay puts in the store must
/// lie on the article.
pub fn journal(data: &[u8]) {
    let (doc, text) = article_and_file(data);
    let mut file = match tempfile::NamedTempFile::new() {
        Ok(file) => file,
        Err(e) => panic!("cannot create a temporary journal: {e}"),
    };
    if let Err(e) = file.write_all(text.as_bytes()) {
        panic!("cannot write a temporary journal: {e}");
    }
    let found = match journal::inspect(file.path(), doc.sha256(), None) {
        Ok(Some(found)) => found,
        Ok(None) => panic!("the journal just written is not found"),
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let mut store = Store::new();
    match journal::replay(&mut store, &doc, &found) {
        Ok(_) => assert_placed(&doc, &store),
        Err(e) => {
            let _ = e.to_string();
            assert_eq!(
                store.annotation_count(),
                0,
                "a refused replay changed the store"
            );
        }
    }
}

/// The config reader: merges the input as one config file, or two (split at the first
/// NUL: the user's file, then the project's). A schema accepted must be one the
/// workbench can use: named labels with a colour, no name or key used twice in a kind.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut config = Config::default();
    for (n, part) in text.splitn(2, '\0').enumerate() {
        let path = Path::new(if n == 0 {
            "config.toml"
        } else {
            ".scholia.toml"
        });
        let before = config.clone();
        if let Err(e) = config.merge_text(path, part) {
            let _ = e.to_string();
            assert_eq!(
                config, before,
                "a config file that failed changed the config"
            );
            return;
        }
        assert_usable(&config.schema);
    }
}

/// One importer: detects the format (as `import` does without `--format`), parses the
/// file as `format` and puts the record for the article onto an empty store. What
/// the import adds must lie on the article, and saved as its sidecar pass `validate`.
pub fn import(format: Format, data: &[u8]) {
    let (options, rest) = match data.split_first() {
        Some((first, rest)) => (options_from(*first), rest),
        None => (ImportOptions::default(), data),
    };
    let (doc, text) = article_and_file(rest);
    let _ = formats::detect("import.json", &text);
    let docs = match formats::parse(format, &text, &options) {
        Ok(docs) => docs,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    assert!(
        !docs.is_empty(),
        "a parse that succeeded returned no document"
    );
    let record = match pick_record(&doc, &docs) {
        Ok(record) => record,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let mut store = Store::new();
    let summary = apply(&doc, &mut store, record, &ApplyOptions::default());
    let _ = (summary.line(), summary.details());
    assert_placed(&doc, &store);
    let file = match sidecar::to_file(&doc, &store, &Kept::default()) {
        Ok(file) => file,
        Err(e) => panic!("an imported store does not render: {e}"),
    };
    let problems = validate::check(&doc, &file);
    assert!(
        problems.is_empty(),
        "an import does not validate: {problems:?}"
    );
    assert_eq!(
        store.annotation_count(),
        summary.imported,
        "the summary does not count what was imported"
    );
}

/// Import options picked by the input's first byte: the offset unit and the keys.
fn options_from(byte: u8) -> ImportOptions {
    ImportOptions {
        unit: match byte % 3 {
            0 => None,
            1 => Some(OffsetUnit::CodePoints),
            _ => Some(OffsetUnit::Utf16),
        },
        text_key: (byte & 0x10 != 0).then(|| "content".to_string()),
        end: (byte & 0x40 != 0).then_some(SpanEnd::Inclusive),
        label_key: (byte & 0x20 != 0).then(|| "entities".to_string()),
    }
}

/// The article and the file an input holds (see the module comment); invalid UTF-8 is
/// replaced, as the readers only ever see text.
fn article_and_file(data: &[u8]) -> (Document, String) {
    let (article, file) = match data.iter().position(|b| *b == 0) {
        Some(nul) => (
            String::from_utf8_lossy(&data[..nul]).into_owned(),
            &data[nul + 1..],
        ),
        None => (ARTICLE.to_string(), data),
    };
    let doc = Document::from_text(Path::new(ARTICLE_PATH), article);
    (doc, String::from_utf8_lossy(file).into_owned())
}

/// Every annotation in `store` that is not an orphan has spans, each a range of
/// `doc`'s text on character boundaries.
fn assert_placed(doc: &Document, store: &Store) {
    for a in store.iter_annotations() {
        if a.status == Status::Orphaned {
            continue;
        }
        assert!(!a.spans.is_empty(), "annotation {} has no spans", a.id);
        for span in &a.spans {
            assert!(
                doc.slice(*span).is_some(),
                "annotation {} has span {}..{}, not a range of the {}-byte article",
                a.id,
                span.start,
                span.end,
                doc.byte_len()
            );
        }
    }
}

/// The schema has named labels with a colour and no name or key used twice in a kind,
/// and attributes whose names and values are distinct.
fn assert_usable(schema: &Schema) {
    for kind in LabelKind::ALL {
        let mut names = HashSet::new();
        let mut keys = HashSet::new();
        for label in schema.labels(kind) {
            assert!(
                !label.name.is_empty(),
                "a {} label has no name",
                kind.name()
            );
            assert!(names.insert(&label.name), "label {} twice", label.name);
            if let Some(key) = label.key {
                assert!(keys.insert(key), "key {key:?} twice in {}", kind.name());
            }
            assert!(
                LabelColor::parse(&label.color).is_some(),
                "label {} has colour {:?}",
                label.name,
                label.color
            );
        }
    }
    let mut names = HashSet::new();
    for attr in &schema.attributes {
        assert!(names.insert(&attr.name), "attribute {} twice", attr.name);
        let mut values = HashSet::new();
        let mut keys = HashSet::new();
        for value in &attr.values {
            assert!(values.insert(&value.value), "value {} twice", value.value);
            if let Some(key) = value.key {
                assert!(keys.insert(key), "key {key:?} twice in {}", attr.name);
            }
        }
    }
}
