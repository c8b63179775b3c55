//! The sidecar read as a stream (DESIGN §8, memory): parsed a buffer at a time as it is
//! read, never held whole, its bytes hashed on the way (the outside-change check needs
//! their SHA-256, and gets it without reading the file a second time). A load reads each
//! annotation straight into the shared allocation the store keeps it in, so that no
//! list of whole records is held beside the store's. Its strings are interned as they
//! are read ([`intern::scope`]): a label or a quoted name is one string for the file.

use std::fmt;
use std::fs::File;
use std::io::{BufReader, ErrorKind, Read};
use std::path::Path;
use std::sync::Arc;

use serde::de::{DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{
    check_format, place_each, refused, DocumentInfo, Kept, Loaded, SidecarError, MAX_SIDECAR_SIZE,
};
use crate::domain::document::Document;
use crate::domain::done::DoneMark;
use crate::domain::hashing_reader::HashingReader;
use crate::domain::model::{intern, Annotation, Entity, Relation};
use crate::domain::regular_file::{open_regular, ReadError};
use crate::domain::renumber::renumber_shared;
use crate::domain::store::Store;

/// How much of the file is read at a time.
const BUFFER: usize = 64 * 1024;

/// A sidecar to load: the fields of a [`SidecarFile`](super::SidecarFile), each
/// annotation read into its shared allocation.
#[derive(Deserialize)]
pub(super) struct FileIn {
    format: String,
    document: DocumentInfo,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default, deserialize_with = "shared_annotations")]
    annotations: Vec<Arc<Annotation>>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    done: Option<DoneMark>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// Reads the annotations each straight into its `Arc` (serde's own `Arc` reads a `Box`
/// first and copies it into a new allocation).
fn shared_annotations<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Arc<Annotation>>, D::Error> {
    struct Shared;
    impl<'de> Visitor<'de> for Shared {
        type Value = Vec<Arc<Annotation>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(a) = seq.next_element::<Annotation>()? {
                all.push(Arc::new(a));
            }
            Ok(all)
        }
    }
    d.deserialize_seq(Shared)
}

/// A record that says which format it is in: the `format` field of a sidecar.
pub(super) trait Tagged {
    /// The format tag.
    fn format(&self) -> &str;
}

impl Tagged for FileIn {
    fn format(&self) -> &str {
        &self.format
    }
}

impl Tagged for super::SidecarFile {
    fn format(&self) -> &str {
        &self.format
    }
}

/// Reads and parses the sidecar at `path` as a stream, with the SHA-256 of its bytes;
/// `Ok(None)` when there is none. Only a regular file of at most [`MAX_SIDECAR_SIZE`]
/// bytes is read; one that is not JSON, not a sidecar or of a newer format is refused
/// as [`super::parse`] refuses its text.
pub(super) fn read_as<T: DeserializeOwned + Tagged>(
    path: &Path,
) -> Result<Option<(T, String)>, SidecarError> {
    let Some(file) = open(path)? else {
        return Ok(None);
    };
    let mut input = HashingReader::new(file.take(MAX_SIDECAR_SIZE.saturating_add(1)));
    let parsed: Result<T, _> =
        intern::scope(|| serde_json::from_reader(BufReader::with_capacity(BUFFER, &mut input)));
    if input.bytes_read() > MAX_SIDECAR_SIZE {
        return Err(SidecarError::TooLarge {
            path: path.to_path_buf(),
            size: input.bytes_read(),
        });
    }
    let file = match parsed {
        Ok(file) => file,
        Err(e) if e.is_io() => {
            return Err(SidecarError::Read {
                path: path.to_path_buf(),
                source: e.into(),
            })
        }
        Err(e) => return Err(refused(path, &e, format_tag(path))),
    };
    check_format(path, file.format())?;
    Ok(Some((file, input.hex_sha256())))
}

/// Loads the sidecar of `doc` from `path` as a stream (see [`super::load`]), with the
/// SHA-256 of its bytes; `Ok(None)` when there is none.
pub(super) fn load(doc: &Document, path: &Path) -> Result<Option<(Loaded, String)>, SidecarError> {
    // One scope for reading and placing: a quote placed anew shares the strings read.
    intern::scope(|| load_in_scope(doc, path))
}

/// [`load`], inside its interning scope.
fn load_in_scope(doc: &Document, path: &Path) -> Result<Option<(Loaded, String)>, SidecarError> {
    let Some((mut file, sha256)) = read_as::<FileIn>(path)? else {
        return Ok(None);
    };
    let duplicates = renumber_shared(
        &mut file.annotations,
        &mut file.entities,
        &mut file.relations,
    );
    let annotations = file.annotations.iter_mut().map(Arc::make_mut);
    let report = place_each(doc, &file.document.sha256, duplicates, annotations);
    let loaded = Loaded {
        store: Store::from_shared_parts(file.annotations, file.entities, file.relations)
            .with_done(file.done),
        kept: Kept {
            extra: file.extra,
            document_extra: file.document.extra,
        },
        report,
    };
    Ok(Some((loaded, sha256)))
}

/// Opens the sidecar at `path` for reading; `None` when there is none.
fn open(path: &Path) -> Result<Option<File>, SidecarError> {
    match open_regular(path, MAX_SIDECAR_SIZE) {
        Ok((file, _)) => Ok(Some(file)),
        Err(ReadError::Io(e)) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(ReadError::TooLarge { size, .. }) => Err(SidecarError::TooLarge {
            path: path.to_path_buf(),
            size,
        }),
        Err(e) => Err(SidecarError::Read {
            path: path.to_path_buf(),
            source: e.into(),
        }),
    }
}

/// The `format` field of the JSON file at `path`, read again as a stream (its other
/// fields skipped), when the file is JSON and the field a string: a sidecar that does
/// not parse may be of a newer format.
fn format_tag(path: &Path) -> Option<String> {
    #[derive(Deserialize)]
    struct Tag {
        format: String,
    }
    let file = open(path).ok()??;
    let input = file.take(MAX_SIDECAR_SIZE.saturating_add(1));
    let tag: Tag = serde_json::from_reader(BufReader::with_capacity(BUFFER, input)).ok()?;
    Some(tag.format)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::super::{load, load_stamped, read};
    use super::*;
    use crate::domain::disk_stamp::DiskStamp;

    const DOCUMENT: &str = r#""document": {"file": "a.txt", "sha256": "", "bytes": 0, "chars": 0}"#;

    fn written(dir: &Path, content: &[u8]) -> std::path::PathBuf {
        let path = dir.join("a.txt.scholia.json");
        fs::write(&path, content).unwrap();
        path
    }

    #[test]
    fn a_broken_file_is_refused_with_its_line_and_column_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let broken = "{\n  \"format\": \"scholia/1\",\n  \"document\": {\"file\": \"x\",,}\n}\n";
        let path = written(dir.path(), broken.as_bytes());
        match read(&path) {
            Err(
                e @ SidecarError::Parse {
                    line: 3,
                    column: 28,
                    ..
                },
            ) => {
                assert!(
                    e.to_string().contains(":3:28: the sidecar cannot be read"),
                    "{e}"
                );
                let text = super::super::parse(&path, broken).unwrap_err();
                assert_eq!(e.to_string(), text.to_string(), "as the text is refused");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn a_newer_or_foreign_file_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let newer = written(dir.path(), br#"{"format": "scholia/2", "document": 5}"#);
        assert!(matches!(
            read(&newer),
            Err(SidecarError::Newer { found, .. }) if found == "scholia/2"
        ));
        let shaped = format!(r#"{{"format": "scholia/3", {DOCUMENT}}}"#);
        let newer = written(dir.path(), shaped.as_bytes());
        assert!(matches!(read(&newer), Err(SidecarError::Newer { .. })));
        let foreign = format!(r#"{{"format": "brat", {DOCUMENT}}}"#);
        let foreign = written(dir.path(), foreign.as_bytes());
        assert!(matches!(read(&foreign), Err(SidecarError::Foreign { .. })));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_parse_error_with_their_place() {
        let dir = tempfile::tempdir().unwrap();
        let content = format!(r#"{{"format": "scholia/1", {DOCUMENT}, "note": "caf@"}}"#)
            .replace('@', "\u{0}")
            .into_bytes()
            .into_iter()
            .map(|b| if b == 0 { 0xe9 } else { b })
            .collect::<Vec<u8>>();
        let path = written(dir.path(), &content);
        match read(&path) {
            Err(e @ SidecarError::Parse { line: 1, .. }) => {
                assert!(e.to_string().contains("will not overwrite"), "{e}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_folder_is_refused_and_no_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a.txt.scholia.json");
        fs::create_dir(&folder).unwrap();
        match read(&folder) {
            Err(e @ SidecarError::Read { .. }) => {
                assert!(e.to_string().contains("a directory"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        assert!(read(&dir.path().join("none.scholia.json"))
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_streamed_load_is_stamped_with_the_hash_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "Ахмед said no.").unwrap();
        let doc = Document::load(&article, 1 << 20).unwrap();
        let content = format!(
            r#"{{"format": "scholia/1", {DOCUMENT}, "annotations": [
                {{"id": "a1", "kind": "entity", "label": "PERSON",
                  "spans": [{{"start": 0, "end": 5}}], "quote": {{"exact": "Ахмед"}},
                  "status": "pending", "origin": {{"by": "spacy"}}, "seen": true}}],
              "later": [1, 2]}}"#
        );
        let path = written(dir.path(), content.as_bytes());
        let (loaded, stamp) = load_stamped(&doc, &path).unwrap();
        let loaded = loaded.unwrap();
        assert_eq!(stamp, DiskStamp::take(&path).unwrap());
        let a1 = loaded.store.annotation("a1").unwrap();
        assert_eq!(doc.slice(a1.spans[0]), Some("Ахмед"));
        assert!(a1.extra.contains_key("seen"), "unknown fields are kept");
        assert!(loaded.kept.extra.contains_key("later"));
        assert!(loaded.report.article_changed);
        let (none, stamp) = load_stamped(&doc, &dir.path().join("b.json")).unwrap();
        assert!(none.is_none());
        assert_eq!(stamp, DiskStamp::Absent);
        assert!(load(&doc, &dir.path().join("b.json")).unwrap().is_none());
    }

    /// Two mentions of a Cyrillic name under a label with an emoji, by one analyst at
    /// one time: a load holds each string once, a second load shares nothing with the
    /// first, and the file written again is the very same bytes.
    #[test]
    fn a_load_holds_each_label_quote_time_and_analyst_once_and_writes_them_back_as_they_were() {
        use crate::domain::anchor::quote_for;
        use crate::domain::model::{Kind, Span};
        use crate::domain::sidecar::{save, Kept};

        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let text = "Алматы 🇰🇿 and Алматы again.";
        fs::write(&article, text).unwrap();
        let doc = Document::load(&article, 1 << 20).unwrap();
        let second = text.rfind("Алматы").unwrap();
        let annotations = [0, second].into_iter().enumerate().map(|(i, at)| {
            let span = Span::new(at, at + "Алматы".len());
            let mut a = Annotation::new(format!("a{}", i + 1), Kind::Entity, "ГОРОД 🏙", vec![span]);
            a.quote = quote_for(&doc, &a.spans);
            a.created = Some("2026-12-04T09:00:00Z".into());
            a.annotator = Some("Дина 👩".into());
            a
        });
        let store = Store::from_parts(annotations.collect(), Vec::new(), Vec::new());
        let path = dir.path().join("a.txt.scholia.json");
        save(&doc, &store, &Kept::default(), &path, false).unwrap();
        let loaded = load(&doc, &path).unwrap().unwrap();
        let all = loaded.store.annotations();
        let [a1, a2] = all[..] else {
            panic!("two annotations")
        };
        assert_eq!((&*a1.label, &*a1.quote.exact), ("ГОРОД 🏙", "Алматы"));
        assert!(a1.label.shares_with(&a2.label));
        assert!(a1.quote.exact.shares_with(&a2.quote.exact));
        let (created, annotator) = (
            |a: &Annotation| a.created.clone(),
            |a: &Annotation| a.annotator.clone(),
        );
        assert!(created(a1).unwrap().shares_with(&created(a2).unwrap()));
        assert!(annotator(a1).unwrap().shares_with(&annotator(a2).unwrap()));
        let again = load(&doc, &path).unwrap().unwrap();
        let other = &again.store.annotations()[0];
        assert!(
            !a1.label.shares_with(&other.label),
            "no set outlives a load"
        );
        assert!(!a1.quote.exact.shares_with(&other.quote.exact));
        let rewritten = dir.path().join("b.txt.scholia.json");
        save(&doc, &loaded.store, &loaded.kept, &rewritten, false).unwrap();
        assert_eq!(fs::read(&rewritten).unwrap(), fs::read(&path).unwrap());
    }
}
