//! Benchmarks of import, export and extraction at corpus scale (issues 11 and 12): a
//! spaCy import and the spaCy, Prodigy, W3C, doccano, Label Studio and CoNLL exports of
//! 27k and 100k annotations (written into files through a buffer, as `export_to` writes
//! them), and extraction over generated news, a 10 MB article and a 3.3 MB book. Each
//! reports its time (criterion; extraction in decimal MB/s) and, once before it, the
//! peak memory it allocates beyond what it was given, against the budget of 4 × the
//! article + 1 KB per annotation. Run with `cargo bench --bench ingest`, or only the
//! extraction with `cargo bench --bench ingest -- extract`.

use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::Duration;

#[path = "../tests/counting_alloc/mod.rs"]
mod counting_alloc;
#[path = "support/extraction_texts.rs"]
mod extraction_texts;
#[path = "support/review_book.rs"]
mod review_book;

use counting_alloc::{peak_of, Counting};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use extraction_texts::{extraction_texts, SENTENCE};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::schema::Schema;
use scholia::domain::store::Store;
use scholia::extract::{extract, RuleSet};
use scholia::formats::apply::{apply_owned, ApplyOptions};
use scholia::formats::export::{export_to, ExportFormat, ExportOptions, ExportSink, StatusFilter};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory `work` had allocated at once beyond what was live before it.
fn peak_during<R>(work: impl FnOnce() -> R) -> usize {
    peak_of(|| black_box(work())).0
}

/// Prints the peak memory of `work` against the budget for `article` bytes and
/// `annotations` annotations.
fn report_peak<R>(what: &str, article: usize, annotations: usize, work: impl FnOnce() -> R) {
    let peak = peak_during(work);
    let budget = 4 * article + 1024 * annotations;
    let mb = |b: usize| b as f64 / 1_048_576.0;
    println!(
        "peak memory, {what}: {:.1} MB (budget {:.1} MB: 4 × {:.1} MB article + 1 KB × {annotations}){}",
        mb(peak),
        mb(budget),
        mb(article),
        if peak > budget { " OVER BUDGET" } else { "" }
    );
}

/// A news-like article of `sentences` sentences, with non-ASCII text in each.
fn article(sentences: usize) -> Document {
    Document::from_text(Path::new("bench.txt"), SENTENCE.repeat(sentences))
}

/// A store of `count` annotations on `doc`, one per "Nazarov", as pending suggestions.
fn store_with(doc: &Document, count: usize) -> Store {
    let annotations = doc
        .text()
        .match_indices("Nazarov")
        .take(count)
        .enumerate()
        .map(|(n, (s, _))| {
            let mut a = Annotation::new(
                format!("a{}", n + 1),
                Kind::Entity,
                "PERSON",
                vec![Span::new(s, s + 7)],
            );
            a.quote = quote_for(doc, &a.spans);
            a
        })
        .collect();
    Store::from_parts(annotations, Vec::new(), Vec::new())
}

/// A spaCy file of `doc` with one entity per "Nazarov".
fn spacy_file(doc: &Document) -> String {
    let ents: Vec<serde_json::Value> = doc
        .text()
        .match_indices("Nazarov")
        .map(|(i, _)| {
            let start = doc.byte_to_char(i).unwrap();
            serde_json::json!({"start": start, "end": start + 7, "label": "PERSON"})
        })
        .collect();
    serde_json::json!({"text": doc.text(), "ents": ents}).to_string()
}

/// Export files written through the buffer a file gets, into nothing.
struct Discarded;

impl ExportSink for Discarded {
    fn file(
        &mut self,
        _name: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut file = BufWriter::new(io::sink());
        write(&mut file)?;
        file.flush()
    }
}

/// Parses a spaCy file and places its one document on `doc` in a new store, as
/// `scholia import` does (the record handed over to be placed, no undo history); the
/// store is given back, so that freeing it is not timed: the command leaves it to the
/// process's exit.
fn import_one(doc: &Document, input: &str) -> Store {
    let mut docs = parse(Format::Spacy, input, &ImportOptions::default()).unwrap();
    let mut store = Store::new();
    store.forget_history();
    let summary = apply_owned(
        doc,
        &mut store,
        docs.swap_remove(0),
        &ApplyOptions::default(),
    );
    assert_eq!(summary.imported, store.annotation_count());
    store
}

/// The CPU time this process has used so far (every thread, user and system).
#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill in.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Prints the CPU time (not wall-clock time, which a loaded machine stretches) of
/// `work`, the median of `runs` runs, and of freeing what it made.
#[cfg(unix)]
fn report_cpu<R>(what: &str, runs: usize, mut work: impl FnMut() -> R) {
    let mut working = Vec::with_capacity(runs);
    let mut freeing = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = cpu_now();
        let made = black_box(work());
        let made_at = cpu_now();
        drop(made);
        working.push(made_at - start);
        freeing.push(cpu_now() - made_at);
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort_unstable();
        times[times.len() / 2].as_secs_f64() * 1000.0
    };
    println!(
        "CPU, {what}: {:.1} ms (median of {runs} runs); freeing what it made, not part of it: {:.1} ms",
        median(&mut working),
        median(&mut freeing)
    );
}

#[cfg(not(unix))]
fn report_cpu<R>(_what: &str, _runs: usize, _work: impl FnMut() -> R) {}

fn imports(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for count in [27_000, 100_000] {
        let doc = article(count);
        let input = spacy_file(&doc);
        report_peak(
            &format!("spaCy import of {count} entities"),
            doc.byte_len(),
            count,
            || import_one(&doc, &input),
        );
        report_cpu(
            &format!("spaCy import of {count} entities (parse + place)"),
            10,
            || import_one(&doc, &input),
        );
        group.throughput(Throughput::Bytes(input.len() as u64));
        // The store is freed after the timing, as the command leaves it to its exit.
        group.bench_function(format!("spaCy {count} entities (parse + place)"), |b| {
            b.iter_with_large_drop(|| import_one(&doc, black_box(&input)))
        });
    }
    group.finish();
}

fn exports(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let schema = Schema::default();
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    for count in [27_000, 100_000] {
        let doc = article(count);
        let store = store_with(&doc, count);
        for format in [
            ExportFormat::Spacy,
            ExportFormat::Prodigy,
            ExportFormat::W3c,
            ExportFormat::Doccano,
            ExportFormat::LabelStudio,
            ExportFormat::Conll,
        ] {
            let run = || export_to(format, &doc, &store, &schema, &options, &mut Discarded);
            report_peak(
                &format!("{format:?} export of {count} annotations"),
                doc.byte_len(),
                count,
                run,
            );
            group.bench_function(format!("{format:?} {count} annotations"), |b| b.iter(run));
        }
    }
    group.finish();
}

fn extraction(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    let rules = RuleSet::default_rules();
    for (name, text) in extraction_texts() {
        let text = text.as_str();
        let found = extract(text, &rules).len();
        report_peak(
            &format!(
                "extract over {name}, {} bytes ({found} suggestions)",
                text.len()
            ),
            text.len(),
            found,
            || extract(text, &rules),
        );
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_function(format!("default rules over {name}"), |b| {
            b.iter(|| extract(black_box(text), &rules))
        });
    }
    group.finish();
}

criterion_group!(benches, imports, exports, extraction);
criterion_main!(benches);
