//! The workbench's memory per annotation (issue 11), measured by a counting allocator
//! against the budget of 4 × the article + 1 KB per annotation and relation: a session
//! opened on the review benchmark's book (War and Peace's 3.3 MB with 27k pending
//! suggestions, one per 122 bytes; and the burst's 50k suggestions and 20k relations,
//! a tenth of them on a tenth of the text), the Review tab drawn, a few moves and
//! decisions (each decision saves the sidecar). What a session holds per annotation is the annotation
//! itself and a few pointers to it: no index copies an id, a save copies no annotation
//! and does not read the file it wrote back whole, a load does not hold every record
//! twice.
//!
//! `WORKBENCH_MEMORY_PENDING=N` (and `WORKBENCH_MEMORY_RELATIONS=N`) measures a book of
//! that many suggestions (and relations) as dense as the review book's, and prints the
//! figures (`--nocapture`).

#[path = "counting_alloc/mod.rs"]
mod counting_alloc;
#[path = "../benches/support/review_book.rs"]
mod review_book;
mod support;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use counting_alloc::{allocations_of, alone, live, peak_of, Counting};
use scholia::app::layout;
use scholia::ui::{draw, Theme};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes of article per suggestion on the review book: War and Peace's 3.3 MB and 27k
/// entities.
const REVIEW_TEXT_PER_SUGGESTION: usize = 122;
/// The same on the burst's book: 3.3 MB and 50k suggestions.
const BURST_TEXT_PER_SUGGESTION: usize = 66;

/// What a session took at most and holds after a few keys, in bytes, with the budget.
struct Measured {
    peak: usize,
    held: usize,
    budget: usize,
}

/// A session on a book with `suggestions` pending suggestions, one per `density` bytes
/// of text, and `relations` relations between them: its peak and what it holds once the
/// Review tab is drawn and two decisions and a few moves are made.
fn measure(suggestions: usize, density: usize, relations: usize) -> Measured {
    let _one = alone();
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), suggestions * density, suggestions, relations);
    let text = std::fs::metadata(&path).unwrap().len() as usize;
    let before = live();
    let (peak, session) = peak_of(|| {
        let mut s = support::open(&path);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for keys in ["gr", "j", "j", "a", "a", "<tab>", "]", "]"] {
            support::keys(&mut s, keys);
            terminal
                .draw(|f| draw(f, s.app(), &Theme::colored()))
                .unwrap();
        }
        s
    });
    let held = live().saturating_sub(before);
    drop(session);
    let measured = Measured {
        peak,
        held,
        budget: 4 * text + 1024 * (suggestions + relations),
    };
    let per = |bytes: usize| bytes as f64 / (suggestions + relations) as f64;
    eprintln!(
        "{suggestions} pending + {relations} relations on {text} bytes: peak {:.1} MB \
         ({:.0} B each), held {:.1} MB ({:.0} B each), budget {:.1} MB",
        peak as f64 / 1e6,
        per(peak),
        held as f64 / 1e6,
        per(held),
        measured.budget as f64 / 1e6
    );
    measured
}

fn asked(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}

#[test]
fn a_review_of_the_book_peaks_within_the_budget_per_annotation() {
    let m = measure(27_000, REVIEW_TEXT_PER_SUGGESTION, 0);
    assert!(
        m.peak <= m.budget,
        "peak {} bytes, budget {}",
        m.peak,
        m.budget
    );
    // The annotation (its allocation, its id, span and quote context; its label and
    // quoted name shared with the others) and a few pointers to it: the store's, the
    // span index's, the reading order's, the Review list's and the grouping index's.
    // 766 bytes with a label and a quoted name of its own, 712 shared.
    let held = m.held / 27_000;
    assert!(held <= 740, "{held} bytes held per suggestion");
}

#[test]
fn with_relations_a_session_peaks_within_the_budget() {
    let m = measure(5_000, BURST_TEXT_PER_SUGGESTION, 2_000);
    assert!(
        m.peak <= m.budget,
        "peak {} bytes, budget {}",
        m.peak,
        m.budget
    );
}

/// Prints the figures for `WORKBENCH_MEMORY_PENDING` suggestions and
/// `WORKBENCH_MEMORY_RELATIONS` relations (nothing when they are not set).
#[test]
fn measures_the_book_asked_for() {
    if let Some(suggestions) = asked("WORKBENCH_MEMORY_PENDING") {
        measure(
            suggestions,
            REVIEW_TEXT_PER_SUGGESTION,
            asked("WORKBENCH_MEMORY_RELATIONS").unwrap_or(0),
        );
    }
}

/// Laying out a screen of the article makes no allocation per cell: a cell's text (one
/// grapheme, sanitised) is held inline. With a string per cell, 40 rows of 120 cells
/// made 4,800 allocations; now each row makes its list of cells.
#[test]
fn laying_out_a_screen_allocates_per_row_not_per_cell() {
    let _alone = alone();
    let line = "Deputy Minister Назаров told «Время Востока» on 東京 that the guards held. ";
    let text = line.repeat(400);
    let lines = layout::LineIndex::new(&text);
    let (allocations, rows) =
        allocations_of(|| layout::rows_from(&text, lines.starts(), 0, layout::Wrap::new(120), 40));
    let cells: usize = rows.iter().map(|r| r.cells.len()).sum();
    println!(
        "{} rows, {cells} cells: {allocations} allocations",
        rows.len()
    );
    assert_eq!(rows.len(), 40);
    assert!(cells > 4_000, "{cells} cells");
    assert!(
        allocations <= 4 * rows.len(),
        "{allocations} allocations for {} rows of {cells} cells",
        rows.len()
    );
}
