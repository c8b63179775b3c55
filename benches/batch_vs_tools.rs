//! The batch commands beside the tools they are measured against, on the same files in
//! the same run, the programs alternating: `scholia import` of a spaCy file beside
//! Python's `json.load` of that file (user + system CPU, the issue's ≤ 1.5 × Python),
//! and `scholia extract` beside `rg` counting the matches of comparable ASCII patterns
//! (wall clock, the issue's ≥ 50 MB/s), each command with its peak memory against the
//! budget of 4 × the text + 1 KB per annotation, on a first run and on a run again into
//! the sidecar the first one wrote, and the time of writing that sidecar's bytes alone
//! and syncing them (the disk's share). Prints a markdown table. Run with
//! `cargo bench --bench batch_vs_tools`; `BATCH_BENCH_ROUNDS=N` alternates N times
//! instead of 7; `BATCH_BENCH=import,extract` runs only the sections named;
//! `BATCH_BENCH_KEEP=DIR` writes the extraction texts into `DIR` and leaves them there,
//! with their sidecars, for a profiler. A tool that is not installed (`python3`, `rg`) is
//! left out of its row.

#[path = "support/review_book.rs"]
mod review_book;

#[path = "support/extraction_texts.rs"]
mod extraction_texts;

#[path = "support/side_by_side.rs"]
mod side_by_side;

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use side_by_side::{count_from_env, median, section_wanted};

/// Programs alternate this many times for each comparison (unless `BATCH_BENCH_ROUNDS`
/// says otherwise).
const ROUNDS: usize = 7;
/// The size of War and Peace.
const BOOK_BYTES: usize = 3_300_000;
/// The entity counts imported: the issue's (War and Peace's 27k spaCy entities) and
/// four times as many.
const IMPORTS: [usize; 2] = [27_000, 100_000];
/// What `rg` looks for in place of the rules: capitalised names and reporting cues.
const RG_PATTERN: &str = r"[A-Z][a-z]+( [A-Z][a-z]+)*|\b(said|says|told|according to|reported|announced|claimed|denied)\b";

/// How many times the programs alternate.
fn rounds() -> usize {
    count_from_env("BATCH_BENCH_ROUNDS", ROUNDS)
}

/// One run of a program, as the kernel accounted for it.
struct Run {
    wall: Duration,
    /// User + system CPU.
    cpu: Duration,
    /// Peak resident memory, in MB (10⁶ bytes, as the budgets are counted).
    peak_mb: f64,
    stdout: String,
}

/// Runs `program` with `args` in `dir` and waits for it; `None` when it cannot be
/// started (not installed). Panics when it fails: the figures would mean nothing.
///
/// The program is started by this bench started again as [`measure`]: a child's peak
/// memory as the kernel reports it counts the memory of the process it was forked
/// from, and this one holds the texts and files the runs read.
fn run(program: &OsStr, args: &[&OsStr], dir: &Path) -> Option<Run> {
    let out = Command::new(std::env::current_exe().unwrap())
        .arg(MEASURE)
        .arg(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let measured = stderr.lines().last().unwrap_or("");
    if measured == NOT_STARTED {
        return None;
    }
    let numbers: Vec<u64> = measured
        .strip_prefix("measured ")
        .unwrap_or_else(|| panic!("{program:?} {args:?} failed: {stderr}"))
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    Some(Run {
        wall: Duration::from_nanos(numbers[0]),
        cpu: Duration::from_nanos(numbers[1]),
        // Linux counts the maximum resident set in KiB.
        peak_mb: numbers[2] as f64 * 1024.0 / 1e6,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    })
}

/// The argument that starts this bench as [`measure`].
const MEASURE: &str = "--measure";
/// What [`measure`] says when the program cannot be started.
const NOT_STARTED: &str = "not started";

/// Runs the program named by the arguments after [`MEASURE`], its standard output
/// passed on, its standard error dropped, and says on standard error
/// `measured WALL_NS CPU_NS PEAK_KIB`, or [`NOT_STARTED`]. Exits 1 when the program
/// fails.
fn measure(program: &OsStr, args: &[std::ffi::OsString]) -> ! {
    let start = Instant::now();
    let Ok(child) = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        eprintln!("{NOT_STARTED}");
        std::process::exit(0);
    };
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; `status` and `usage` are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        eprintln!("exit status {status}");
        std::process::exit(1);
    }
    let nanos = |t: libc::timeval| t.tv_sec as u128 * 1_000_000_000 + t.tv_usec as u128 * 1000;
    eprintln!(
        "measured {} {} {}",
        wall.as_nanos(),
        nanos(usage.ru_utime) + nanos(usage.ru_stime),
        usage.ru_maxrss
    );
    std::process::exit(0);
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**not met**"
    }
}

/// The budget for a command's memory: 4 × the text + 1 KB per annotation, in MB.
fn budget_mb(text_bytes: usize, annotations: usize) -> f64 {
    (4 * text_bytes + 1000 * annotations) as f64 / 1e6
}

/// The book and a spaCy file of its first `count` name mentions, as a model would
/// find them, in `dir`: made from the pending suggestions the review bench's book
/// comes with. Returns the article's and the spaCy file's paths.
fn book_with_spacy(dir: &Path, count: usize) -> (PathBuf, PathBuf) {
    let article = review_book::write_book(dir, BOOK_BYTES, count, 0);
    let sidecar = dir.join("book.txt.scholia.json");
    let written: Value = serde_json::from_slice(&fs::read(&sidecar).unwrap()).unwrap();
    fs::remove_file(&sidecar).unwrap();
    let ents: Vec<Value> = written["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let span = &a["spans"][0];
            json!({"start": span["start"], "end": span["end"], "label": a["label"]})
        })
        .collect();
    assert_eq!(ents.len(), count);
    let text = fs::read_to_string(&article).unwrap();
    let spacy = dir.join("book.spacy.json");
    fs::write(&spacy, json!({"text": text, "ents": ents}).to_string()).unwrap();
    (article, spacy)
}

/// `scholia import` beside `python3`'s `json.load`, for each of [`IMPORTS`].
fn imports(scholia: &OsStr, rounds: usize) {
    for count in IMPORTS {
        let dir = tempfile::tempdir().unwrap();
        let (article, spacy) = book_with_spacy(dir.path(), count);
        let sidecar = dir.path().join("book.txt.scholia.json");
        let file_mb = fs::metadata(&spacy).unwrap().len() as f64 / 1e6;
        let import = [OsStr::new("import"), article.as_os_str(), spacy.as_os_str()];
        let load = "import json, sys; json.load(open(sys.argv[1]))";
        let python = [OsStr::new("-c"), OsStr::new(load), spacy.as_os_str()];
        let (mut ours, mut theirs, mut peak) = (Vec::new(), Vec::new(), 0.0f64);
        for _ in 0..rounds {
            let _ = fs::remove_file(&sidecar);
            let scholia_run = run(scholia, &import, dir.path()).unwrap();
            peak = peak.max(scholia_run.peak_mb);
            ours.push(scholia_run.cpu);
            if let Some(python_run) = run(OsStr::new("python3"), &python, dir.path()) {
                theirs.push(python_run.cpu);
            }
        }
        // The last import's sidecar is there: import the file again into it.
        let again = run(scholia, &import, dir.path()).unwrap().peak_mb;
        let what = format!(
            "`scholia import`, {}k spaCy entities ({file_mb:.1} MB file): user + system CPU",
            count / 1000
        );
        let ours = median(ours);
        if theirs.is_empty() {
            println!(
                "| {what} | {} | (no python3) | ≤ 1.5 × Python | |",
                ms(ours)
            );
        } else {
            let theirs = median(theirs);
            let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
            println!(
                "| {what} | {} | Python `json.load` {} ({ratio:.2}×) | ≤ 1.5 × Python | {} |",
                ms(ours),
                ms(theirs),
                verdict(ratio <= 1.5)
            );
        }
        let budget = budget_mb(BOOK_BYTES, count);
        println!(
            "| peak memory, that import / again into its sidecar | {peak:.0} / {again:.0} MB | budget {budget:.0} MB | 4 × text + 1 KB per annotation | {} |",
            verdict(peak.max(again) <= budget)
        );
    }
}

/// `scholia extract` beside `rg --count-matches` of [`RG_PATTERN`], on each text
/// extraction is measured on.
fn extractions(scholia: &OsStr, rounds: usize) {
    let kept = std::env::var_os("BATCH_BENCH_KEEP").map(PathBuf::from);
    for (number, (name, text)) in extraction_texts::extraction_texts().into_iter().enumerate() {
        let temporary = tempfile::tempdir().unwrap();
        let dir = kept.as_deref().unwrap_or(temporary.path());
        fs::create_dir_all(dir).unwrap();
        let article = dir.join(format!("text{number}.txt"));
        fs::write(&article, &text).unwrap();
        let sidecar = dir.join(format!("text{number}.txt.scholia.json"));
        let extract = [OsStr::new("extract"), article.as_os_str()];
        let grep = [
            OsStr::new("--count-matches"),
            OsStr::new(RG_PATTERN),
            article.as_os_str(),
        ];
        let (mut ours, mut cpu, mut theirs, mut peak) =
            (Vec::new(), Vec::new(), Vec::new(), 0.0f64);
        let mut report = String::new();
        for _ in 0..rounds {
            let _ = fs::remove_file(&sidecar);
            let scholia_run = run(scholia, &extract, dir).unwrap();
            peak = peak.max(scholia_run.peak_mb);
            ours.push(scholia_run.wall);
            cpu.push(scholia_run.cpu);
            report = scholia_run.stdout;
            if let Some(rg_run) = run(OsStr::new("rg"), &grep, dir) {
                theirs.push(rg_run.wall);
            }
        }
        let again = run(scholia, &extract, dir).unwrap().peak_mb;
        let suggestions = suggestion_count(&report);
        let sidecar_mb = fs::metadata(&sidecar).unwrap().len() as f64 / 1e6;
        let what = format!(
            "`scholia extract`, {name} ({suggestions} suggestions, a {sidecar_mb:.0} MB sidecar): wall clock (CPU)"
        );
        let (ours, cpu) = (median(ours), median(cpu));
        let speed = mb_per_s(text.len(), ours);
        let reference = if theirs.is_empty() {
            "(no rg)".to_string()
        } else {
            format!("`rg` {:.0} MB/s", mb_per_s(text.len(), median(theirs)))
        };
        println!(
            "| {what} | {speed:.0} MB/s: {} ({}) | {reference} | ≥ 50 MB/s | {} |",
            ms(ours),
            ms(cpu),
            verdict(speed >= 50.0)
        );
        let synced = synced_write(&fs::read(&sidecar).unwrap(), dir, rounds);
        println!(
            "| the same {sidecar_mb:.0} MB written alone and synced, as `dd conv=fsync` | {} | | | the disk's ceiling for the command: {:.0} MB/s of text |",
            ms(synced),
            mb_per_s(text.len(), synced)
        );
        let budget = budget_mb(text.len(), suggestions);
        println!(
            "| peak memory, that extraction / again into its sidecar | {peak:.0} / {again:.0} MB | budget {budget:.0} MB | 4 × text + 1 KB per annotation | {} |",
            verdict(peak.max(again) <= budget)
        );
    }
}

/// The median time of writing `bytes` to a new file in `dir` and syncing it, as
/// `dd conv=fsync` would: what any program that keeps a sidecar that large pays.
fn synced_write(bytes: &[u8], dir: &Path, rounds: usize) -> Duration {
    let path = dir.join("synced-write.tmp");
    let times = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut file = fs::File::create(&path).unwrap();
            file.write_all(bytes).unwrap();
            file.sync_all().unwrap();
            let took = start.elapsed();
            fs::remove_file(&path).unwrap();
            took
        })
        .collect();
    median(times)
}

/// The number of suggestions `scholia extract` reports ("FILE: N suggestions, ...").
fn suggestion_count(report: &str) -> usize {
    report
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no suggestion count in {report:?}"))
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == MEASURE) && args.len() > 2 {
        measure(&args[2], &args[3..]);
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and only
    // checks that this builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let scholia = OsStr::new(env!("CARGO_BIN_EXE_scholia"));
    let rounds = rounds();
    println!(
        "\nscholia's batch commands beside Python and rg, {} cores, medians of {rounds} alternating runs\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("| measure | scholia | reference | target | |");
    println!("|---|---|---|---|---|");
    if section_wanted("BATCH_BENCH", "import") {
        imports(scholia, rounds);
    }
    if section_wanted("BATCH_BENCH", "extract") {
        extractions(scholia, rounds);
    }
}
