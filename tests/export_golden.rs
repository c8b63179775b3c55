//! Every export format writes the same bytes, and reports the same losses, as the golden
//! files recorded before the writers were made to serialise straight into their buffer
//! (#12): the shared export fixture (Cyrillic and emoji, a claim across a line break,
//! overlaps, every status, relations, an entity, a note) by status and offset unit, and
//! the example article with its sidecar. Regenerate the golden files (only when the
//! output is meant to change) with `SCHOLIA_WRITE_GOLDEN=1 cargo test --test export_golden`.

mod export_support;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use scholia::domain::document::Document;
use scholia::domain::schema::Schema;
use scholia::domain::sidecar;
use scholia::domain::store::Store;
use scholia::formats::export::{export, ExportFormat, ExportOptions, StatusFilter};
use scholia::formats::imported::OffsetUnit;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export_golden")
}

/// Compares `actual` with the golden file `name`, or writes it when asked to.
fn check(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("SCHOLIA_WRITE_GOLDEN").is_some() {
        fs::create_dir_all(golden_dir()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the golden file {}: {e}", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\nexpected: {:?}\nactual:   {:?}",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

type Statuses<'a> = &'a [(&'a str, StatusFilter)];
type Units<'a> = &'a [(&'a str, Option<OffsetUnit>)];

/// Every file of each of `formats` of `doc` and `store` by status and unit, under
/// `tag`, with the report of what each export left out.
fn check_formats(
    tag: &str,
    (doc, store): (&Document, &Store),
    formats: &[ExportFormat],
    statuses: Statuses<'_>,
    units: Units<'_>,
) {
    let schema = Schema::default();
    for &format in formats {
        for &(status_name, status) in statuses {
            for &(unit_name, unit) in units {
                let with_unit = matches!(format, ExportFormat::Doccano | ExportFormat::LabelStudio);
                if unit.is_some() && !with_unit {
                    continue;
                }
                let exported = export(format, doc, store, &schema, &ExportOptions { status, unit });
                let run = format!("{tag}.{}.{status_name}.{unit_name}", format.name());
                for (name, content) in &exported.files {
                    check(&format!("{run}.{name}"), content);
                }
                let mut report = format!(
                    "annotations {} relations {}\n",
                    exported.annotations, exported.relations
                );
                for d in &exported.dropped {
                    writeln!(report, "{} {:?} [{}] {}", d.id, d.parts, d.loss, d.message).unwrap();
                }
                check(&format!("{run}.report.txt"), &report);
            }
        }
    }
}

#[test]
fn the_export_fixture_writes_what_it_wrote_before() {
    let doc = export_support::document();
    let store = export_support::store(&doc);
    check_formats(
        "fixture",
        (&doc, &store),
        &ExportFormat::ALL,
        &[
            ("accepted", StatusFilter::Accepted),
            ("all", StatusFilter::All),
        ],
        &[
            ("default", None),
            ("codepoints", Some(OffsetUnit::CodePoints)),
        ],
    );
}

#[test]
fn the_example_article_writes_what_it_wrote_before() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let article = examples.join("border-incident.txt");
    let doc = Document::load(&article, u64::MAX).unwrap();
    let loaded = sidecar::load(&doc, &sidecar::path_for(&article))
        .unwrap()
        .expect("the example has a sidecar");
    // Every annotation of the example is accepted and its text is ASCII: one run each.
    let formats = ExportFormat::ALL.into_iter().filter(|f| {
        !matches!(
            f,
            ExportFormat::ReportMarkdown | ExportFormat::ReportHtml | ExportFormat::Report
        )
    });
    check_formats(
        "border-incident",
        (&doc, &loaded.store),
        &formats.collect::<Vec<_>>(),
        &[("all", StatusFilter::All)],
        &[("default", None)],
    );
}
