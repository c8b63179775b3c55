//! The sidecar written straight from a [`Snapshot`]'s shared items: the text of the
//! [`SidecarFile`](super::SidecarFile) the snapshot makes, as [`render`](super::render)
//! gives it, without copying an annotation to convert its spans (the converted spans are
//! held beside the annotations instead). The file is written a block at a time, never
//! held whole; a long list of annotations is rendered on two threads, in blocks written
//! in order, which gives the same bytes as one thread.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::mpsc;
use std::thread;

use serde::Serialize;
use serde_json::{Map, Value};

use super::annotation_out::{render_at, AnnotationWriter};
use super::pretty::push_line_break;
use super::{DocumentInfo, RenderError, RenderFailure, Snapshot, FORMAT};
use crate::domain::document::CharOffsets;
use crate::domain::done::DoneMark;
use crate::domain::model::{Annotation, Entity, Relation, Span, Status};

/// How many bytes are gathered before they are written.
const BLOCK_BYTES: usize = 1 << 16;

/// How many annotations one block of a list rendered on two threads holds (about 70 KB
/// of text).
const BLOCK_ANNOTATIONS: usize = 128;

/// The fewest annotations rendered on two threads: below this, starting a thread costs
/// more than it saves.
const TWO_THREADS_FROM: usize = 4 * BLOCK_ANNOTATIONS;

/// On how many threads a list of annotations is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Threads {
    /// On two threads when the list is long and the machine has a second core.
    AsPays,
    /// On the calling thread alone (tests compare it with two).
    #[cfg(test)]
    One,
    /// On two threads, whatever the list's length (tests compare it with one).
    #[cfg(test)]
    Two,
}

/// A sidecar to write, borrowing a snapshot's items: the fields of a `SidecarFile`, in
/// its order, written as it writes them.
pub(super) struct FileOut<'a> {
    document: &'a DocumentInfo,
    entities: Vec<&'a Entity>,
    annotations: AnnotationsOut<'a>,
    relations: Vec<&'a Relation>,
    done: &'a Option<DoneMark>,
    extra: &'a Map<String, Value>,
}

impl<'a> FileOut<'a> {
    /// The sidecar `snapshot` makes: its items in their stable order, spans in code
    /// points; a span not on the article's characters is an error.
    pub(super) fn of(snapshot: &'a Snapshot) -> Result<FileOut<'a>, RenderError> {
        Ok(FileOut {
            document: &snapshot.document,
            entities: snapshot.store.entities_in_order(),
            annotations: AnnotationsOut::convert(
                snapshot.store.annotations_in_order(),
                &snapshot.offsets,
            )?,
            relations: snapshot.store.relations_in_order(),
            done: &snapshot.store.done,
            extra: &snapshot.extra,
        })
    }

    /// Writes the file's text into `out`, final newline included: the fields of a
    /// `SidecarFile` in its order, its unknown fields last, pretty-printed as
    /// `serde_json` does.
    pub(super) fn write_to(
        &self,
        out: &mut dyn Write,
        threads: Threads,
    ) -> Result<(), RenderFailure> {
        let mut buf = Vec::with_capacity(BLOCK_BYTES + BLOCK_BYTES / 4);
        buf.push(b'{');
        field(&mut buf, true, "format", &FORMAT)?;
        field(&mut buf, false, "document", self.document)?;
        field(&mut buf, false, "entities", &self.entities)?;
        key(&mut buf, false, "annotations")?;
        self.annotations.write_to(&mut buf, out, threads)?;
        field(&mut buf, false, "relations", &self.relations)?;
        if let Some(done) = self.done {
            field(&mut buf, false, "done", done)?;
        }
        for (name, value) in self.extra {
            field(&mut buf, false, name, value)?;
        }
        buf.extend_from_slice(b"\n}\n");
        out.write_all(&buf)
            .and_then(|()| out.flush())
            .map_err(RenderFailure::Io)
    }
}

/// Writes the key `name` of the file's top-level object (after a comma unless `first`).
fn key(buf: &mut Vec<u8>, first: bool, name: &str) -> Result<(), RenderFailure> {
    push_line_break(buf, first, 1);
    serde_json::to_writer(&mut *buf, name).map_err(RenderFailure::Json)?;
    buf.extend_from_slice(b": ");
    Ok(())
}

/// Writes the field `name` of the file's top-level object with its `value`.
fn field(
    buf: &mut Vec<u8>,
    first: bool,
    name: &str,
    value: &(impl Serialize + ?Sized),
) -> Result<(), RenderFailure> {
    key(buf, first, name)?;
    render_at(buf, 1, value).map_err(RenderFailure::Json)
}

/// The annotations in their stable order, and the spans each is written with (in code
/// points; an orphan's as they are), one annotation's after another's.
struct AnnotationsOut<'a> {
    annotations: Vec<&'a Annotation>,
    spans: Vec<Span>,
    /// Where the spans of each block's first annotation start in `spans` (a block is
    /// [`BLOCK_ANNOTATIONS`] annotations).
    block_starts: Vec<usize>,
}

impl<'a> AnnotationsOut<'a> {
    fn convert(
        annotations: Vec<&'a Annotation>,
        offsets: &CharOffsets,
    ) -> Result<AnnotationsOut<'a>, RenderError> {
        let mut spans = Vec::with_capacity(annotations.len());
        let mut block_starts = Vec::with_capacity(annotations.len() / BLOCK_ANNOTATIONS + 1);
        for (i, a) in annotations.iter().enumerate() {
            if i % BLOCK_ANNOTATIONS == 0 {
                block_starts.push(spans.len());
            }
            if a.status == Status::Orphaned {
                spans.extend_from_slice(&a.spans);
                continue;
            }
            for s in &a.spans {
                let converted = offsets.span_to_chars(*s).ok_or_else(|| RenderError::Span {
                    id: a.id.clone(),
                    start: s.start,
                    end: s.end,
                })?;
                spans.push(converted);
            }
        }
        Ok(AnnotationsOut {
            annotations,
            spans,
            block_starts,
        })
    }

    /// Writes the list into `buf`, and `buf` into `out` whenever it holds a block.
    fn write_to(
        &self,
        buf: &mut Vec<u8>,
        out: &mut dyn Write,
        threads: Threads,
    ) -> Result<(), RenderFailure> {
        if self.annotations.is_empty() {
            buf.extend_from_slice(b"[]");
            return Ok(());
        }
        buf.push(b'[');
        if self.on_two_threads(threads) {
            out.write_all(buf).map_err(RenderFailure::Io)?;
            buf.clear();
            self.write_on_two_threads(out)?;
        } else {
            let mut writer = AnnotationWriter::default();
            for block in 0..self.block_starts.len() {
                self.render_block(&mut writer, buf, block)
                    .map_err(RenderFailure::Json)?;
                if buf.len() >= BLOCK_BYTES {
                    out.write_all(buf).map_err(RenderFailure::Io)?;
                    buf.clear();
                }
            }
        }
        push_line_break(buf, true, 1);
        buf.push(b']');
        Ok(())
    }

    /// Whether the list is rendered on two threads.
    fn on_two_threads(&self, threads: Threads) -> bool {
        match threads {
            #[cfg(test)]
            Threads::One => false,
            #[cfg(test)]
            Threads::Two => true,
            Threads::AsPays => {
                self.annotations.len() >= TWO_THREADS_FROM
                    && thread::available_parallelism().is_ok_and(|n| n.get() > 1)
            }
        }
    }

    /// Renders the blocks of annotations on a second thread and here, and writes them
    /// into `out` in order, here. Each thread takes the next block no one has taken yet:
    /// this thread takes one only when the block it must write next is not taken, so
    /// that while writing is slow the second thread renders nearly all of them. The
    /// second thread is at most two blocks ahead, and is handed back each block it
    /// rendered to be filled again.
    fn write_on_two_threads(&self, out: &mut dyn Write) -> Result<(), RenderFailure> {
        let blocks = self.block_starts.len();
        let taken = AtomicUsize::new(0);
        thread::scope(|scope| {
            let (rendered, theirs) = mpsc::sync_channel::<Result<Vec<u8>, serde_json::Error>>(2);
            let (give_back, spare) = mpsc::channel::<Vec<u8>>();
            let taken = &taken;
            scope.spawn(move || {
                let mut writer = AnnotationWriter::default();
                loop {
                    let block = taken.fetch_add(1, AtomicOrdering::Relaxed);
                    if block >= blocks {
                        break;
                    }
                    let mut buf = spare.try_recv().unwrap_or_default();
                    buf.clear();
                    let done = self
                        .render_block(&mut writer, &mut buf, block)
                        .map(|()| buf);
                    if rendered.send(done).is_err() {
                        break;
                    }
                }
            });
            let mut writer = AnnotationWriter::default();
            let mut mine = Vec::new();
            for block in 0..blocks {
                let mine_to_render = taken
                    .compare_exchange(
                        block,
                        block + 1,
                        AtomicOrdering::Relaxed,
                        AtomicOrdering::Relaxed,
                    )
                    .is_ok();
                let written = if mine_to_render {
                    mine.clear();
                    self.render_block(&mut writer, &mut mine, block)
                        .map_err(RenderFailure::Json)?;
                    out.write_all(&mine)
                } else {
                    // The second thread took it, and sends its blocks in the order taken.
                    let buf = theirs
                        .recv()
                        .map_err(|_| {
                            RenderFailure::Io(io::Error::other("the second thread stopped"))
                        })?
                        .map_err(RenderFailure::Json)?;
                    let written = out.write_all(&buf);
                    let _ = give_back.send(buf);
                    written
                };
                written.map_err(RenderFailure::Io)?;
            }
            Ok(())
        })
    }

    /// Renders the annotations of block `block` into `buf`, each after the line break
    /// before it.
    fn render_block(
        &self,
        writer: &mut AnnotationWriter,
        buf: &mut Vec<u8>,
        block: usize,
    ) -> Result<(), serde_json::Error> {
        let first = block * BLOCK_ANNOTATIONS;
        let end = (first + BLOCK_ANNOTATIONS).min(self.annotations.len());
        let from = self.block_starts.get(block).copied().unwrap_or_default();
        let mut rest = self.spans.get(from..).unwrap_or_default();
        for (i, annotation) in self.annotations[first..end].iter().enumerate() {
            let (spans, after) = rest.split_at(annotation.spans.len().min(rest.len()));
            push_line_break(buf, first + i == 0, 2);
            writer.write(buf, annotation, spans)?;
            rest = after;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;
    use crate::domain::document::Document;
    use crate::domain::sidecar::{parse, place_on, render, Kept};

    /// An article in three scripts, and a sidecar on it with every kind of field: unknown
    /// fields at each level and inside spans, attributes, notes, a conflict, an orphan,
    /// entities, relations, a done mark, and text that must be escaped.
    fn rich(annotations: usize) -> (Document, String) {
        let line = "Ахмед told \"AFP\"\tin 東京 that 👍🏽 Kabul\\Herat was closed.\n";
        let text = line.repeat(annotations / 4 + 1);
        let chars_per_line = line.chars().count();
        let records: Vec<_> = (0..annotations)
            .map(|i| {
                let at = (i / 4) * chars_per_line;
                let mut a = json!({
                    "id": format!("a{}", i + 1),
                    "kind": (["entity", "claim", "source"][i % 3]),
                    "label": (["PERSON", "ORG", "GPE", "quote \"x\"\n"][i % 4]),
                    "spans": [{"start": at, "end": at + 5}],
                    "quote": {"exact": "Ахмед", "prefix": "", "suffix": " told \"AFP\"\t"},
                    "status": (["pending", "accepted", "rejected"][i % 3]),
                    "origin": {"by": "scholia-rules", "rule": "names", "score": 0.4 + (i % 7) as f64 / 10.0},
                    "created": "2026-12-04T11:13:22Z",
                });
                match i % 9 {
                    0 => a["attrs"] = json!({"role": "official", "n": "2"}),
                    1 => a["note"] = json!("checked \u{1} twice"),
                    2 => a["x-review"] = json!([1, {"deep": [true, null, 2.5]}]),
                    3 => a["spans"][0]["x-weight"] = json!(0.5),
                    4 => a["conflict"] = json!({"set": "b", "side": "ours", "extra": 1}),
                    5 => a["origin"]["run"] = json!("r7"),
                    6 => {
                        a["spans"] = json!([]);
                        a["status"] = json!("orphaned");
                        a["quote"]["exact"] = json!("Zanzibar");
                        a["orphan"] = json!({"spans": [{"start": 10_000_000, "end": 10_000_004}], "status": "pending"});
                    }
                    7 => a["quote"]["x-source"] = json!("wire"),
                    _ => {
                        a["entity"] = json!("e1");
                        a["annotator"] = json!("nadia");
                        a["modified"] = json!("2026-12-05T08:00:00Z");
                        a["spans"] = json!([{"start": at, "end": at + 5}, {"start": at + 12, "end": at + 15}]);
                    }
                }
                a
            })
            .collect();
        let file = json!({
            "format": "scholia/1",
            "document": {"file": "a.txt", "sha256": "", "bytes": 0, "chars": 0, "source_url": "https://example.org/a"},
            "entities": [
                {"id": "e1", "name": "Ахмед", "label": "PERSON", "wikidata": "Q1"},
                {"id": "e10", "name": "AFP", "label": "ORG", "attrs": {"kind": "wire"}},
            ],
            "annotations": records,
            "relations": [
                {"id": "r1", "type": "mentions", "from": "a1", "to": "a2", "weight": 0.5},
                {"id": "r2", "type": "cites", "from": "a3", "to": "e1"},
            ],
            "done": {"by": "nadia", "at": "2026-12-04T12:00:00Z"},
            "project": {"name": "desk 4"},
            "schema": {"labels": ["X"]},
        });
        let doc = Document::from_text(Path::new("a.txt"), text);
        (doc, serde_json::to_string_pretty(&file).unwrap())
    }

    /// The file written by [`FileOut::write_to`] on `threads`, and by the plain path.
    fn written_and_plain(annotations: usize, threads: Threads) -> (String, String) {
        let (doc, text) = rich(annotations);
        let loaded = place_on(&doc, parse(Path::new("a.txt.scholia.json"), &text).unwrap());
        let kept = Kept {
            extra: loaded.kept.extra,
            document_extra: loaded.kept.document_extra,
        };
        let snapshot = Snapshot::of(&doc, &loaded.store, &kept);
        let mut written = Vec::new();
        assert!(FileOut::of(&snapshot)
            .unwrap()
            .write_to(&mut written, threads)
            .is_ok());
        let plain = render(&snapshot.to_file().unwrap()).unwrap();
        (String::from_utf8(written).unwrap(), plain)
    }

    #[test]
    fn one_thread_writes_what_the_plain_path_renders() {
        for count in [0, 1, 2, 9, 40] {
            let (written, plain) = written_and_plain(count, Threads::One);
            for field in ["x-review", "orphan", "x-weight", "conflict", "run"] {
                assert!(
                    count < 9 || written.contains(&format!("\"{field}\"")),
                    "{field}"
                );
            }
            assert_eq!(written, plain, "{count} annotations");
        }
    }

    #[test]
    fn two_threads_write_what_the_plain_path_renders() {
        let odd = 5 * BLOCK_ANNOTATIONS + 17;
        for count in [
            1,
            BLOCK_ANNOTATIONS,
            BLOCK_ANNOTATIONS + 1,
            4 * BLOCK_ANNOTATIONS,
            odd,
        ] {
            let (written, plain) = written_and_plain(count, Threads::Two);
            assert_eq!(written, plain, "{count} annotations");
        }
    }

    #[test]
    fn a_long_list_goes_on_two_threads_only_when_it_pays() {
        let (doc, text) = rich(TWO_THREADS_FROM - 1);
        let loaded = place_on(&doc, parse(Path::new("a.json"), &text).unwrap());
        let snapshot = Snapshot::of(&doc, &loaded.store, &Kept::default());
        let out = FileOut::of(&snapshot).unwrap();
        assert!(!out.annotations.on_two_threads(Threads::AsPays));
        assert!(!out.annotations.on_two_threads(Threads::One));
    }
}
