//! The CPU time of extraction (issue 11), measured on the process's clock (every
//! thread of it: a long text is read on two) so that other work on a shared machine
//! does not count: `extract` over each text of the ingest bench, warmed up, then timed
//! `RUNS` times; prints the median in decimal MB/s of CPU, and the median wall clock. Run with `cargo bench --bench extract_cpu`; `-- NAME` keeps the texts
//! whose name holds NAME, `-- NAME --loop SECONDS` only extracts from them for that
//! long (for a profiler).

use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/extraction_texts.rs"]
mod extraction_texts;
#[path = "support/review_book.rs"]
mod review_book;

use extraction_texts::extraction_texts;
use scholia::extract::{extract, RuleSet};

/// How many timed runs each text gets.
const RUNS: usize = 9;

/// The CPU time this process's threads have used.
fn process_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "the process's CPU clock is readable");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let filter = args.first().filter(|a| !a.starts_with("--")).cloned();
    let loop_for = args
        .iter()
        .position(|a| a == "--loop")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse::<f64>().ok())
        .map(Duration::from_secs_f64);
    let rules = RuleSet::default_rules();
    for (name, text) in extraction_texts() {
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let text = text.as_str();
        if let Some(span) = loop_for {
            let start = Instant::now();
            while start.elapsed() < span {
                black_box(extract(black_box(text), &rules));
            }
            continue;
        }
        let found = extract(text, &rules).len();
        let (mut times, mut walls): (Vec<Duration>, Vec<Duration>) = (0..RUNS)
            .map(|_| {
                let (before, started) = (process_cpu(), Instant::now());
                let result = extract(black_box(text), &rules);
                let spent = (process_cpu() - before, started.elapsed());
                drop(black_box(result));
                spent
            })
            .unzip();
        times.sort();
        walls.sort();
        let median = times[RUNS / 2];
        println!(
            "extract over {name} ({} bytes, {found} suggestions): median {:.1} ms CPU, {:.1} MB/s (runs {:.1}–{:.1} MB/s); wall clock {:.1} ms",
            text.len(),
            median.as_secs_f64() * 1e3,
            text.len() as f64 / median.as_secs_f64() / 1e6,
            text.len() as f64 / times[RUNS - 1].as_secs_f64() / 1e6,
            text.len() as f64 / times[0].as_secs_f64() / 1e6,
            walls[RUNS / 2].as_secs_f64() * 1e3,
        );
    }
}
