//! Scholia as an analyst feels it: the release binary in a pseudo-terminal (120×40), its
//! screen read through a terminal emulator, beside `less` on the same files in the same
//! run, the two alternating. Prints a markdown table of ratios: spawn → first screen and
//! `G` → last line against `less`; and for scholia alone, key → frame p50/p99 for `j` and
//! `]` on a War-and-Peace-sized book with 27k pending suggestions in the Review tab, a
//! burst of 100 decisions on 50k annotations and 20k relations (no frame later than
//! 0.25 s, every decision on disk after quitting, the sidecar as a synchronous save
//! writes it), CPU while idle and peak memory. Run with `cargo bench --bench pty_vs_less`.
//!
//! `PTY_BENCH=open,review,keys,burst` runs only the sections named (`open`: the bare
//! book and the 10 MB article against `less`; `review`: the first screen of the book
//! with 27k pending suggestions against the bare book, alternating; `keys`: key → frame,
//! idle CPU and memory on it; `burst`: the burst of decisions); `PTY_BENCH_ROUNDS=N`
//! alternates the programs N times instead of 7; `PTY_BENCH_PENDING=N` gives the book
//! N pending suggestions instead of 27k (109000 for the count at which `j` and `]` must
//! cost the same).

#[path = "support/review_book.rs"]
mod review_book;
#[path = "support/side_by_side.rs"]
mod side_by_side;

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};
use serde_json::Value;

use scholia::app::action::Action;
use scholia::app::key::Key;
use scholia::app::session::{JournalChoice, OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::domain::model::Status;
use scholia::domain::sidecar;
use side_by_side::{count_from_env, median};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Programs alternate this many times for each comparison (unless `PTY_BENCH_ROUNDS`
/// says otherwise).
const ROUNDS: usize = 7;

/// How many times the programs alternate.
fn rounds() -> usize {
    count_from_env("PTY_BENCH_ROUNDS", ROUNDS)
}

/// How many pending suggestions the book has.
fn pending() -> usize {
    count_from_env("PTY_BENCH_PENDING", PENDING)
}

/// Whether `PTY_BENCH` asks for `section` (all sections when it is not set).
fn wanted(section: &str) -> bool {
    side_by_side::section_wanted("PTY_BENCH", section)
}
/// Key presses timed for each key's p50/p99.
const KEY_SAMPLES: usize = 300;
/// The size of War and Peace.
const BOOK_BYTES: usize = 3_300_000;
const NEWS_BYTES: usize = 10_000_000;
/// Pending suggestions on the book (unless `PTY_BENCH_PENDING` says otherwise).
const PENDING: usize = 27_000;
const BURST_ANNOTATIONS: usize = 50_000;
const BURST_RELATIONS: usize = 20_000;
const BURST_EDITS: usize = 100;
/// The longest any wait may take before the bench gives up on it.
const DEADLINE: Duration = Duration::from_secs(30);
/// Output that stops for this long has finished drawing its frame.
const QUIET: Duration = Duration::from_millis(25);

/// What the terminal showed, and when each piece of output arrived.
struct Screen {
    parser: vt100::Parser,
    /// When each read of output was processed.
    arrivals: Vec<Instant>,
    ended: bool,
    /// The text waited for, and when the output first showed it: the reader notes it as
    /// it processes the output, so that output which came after (a later frame) is not
    /// taken for it when the waiting thread wakes late.
    watch: Option<(String, Option<Instant>)>,
}

/// One program in a pseudo-terminal.
struct Term {
    child: Box<dyn Child + Send + Sync>,
    writer: File,
    screen: Arc<(Mutex<Screen>, Condvar)>,
    spawned: Instant,
}

impl Term {
    /// Runs `argv` in a pseudo-terminal, watching for `first` (see [`Term::when_shown`])
    /// from before the program starts.
    fn spawn(argv: &[&str], dir: &Path, state: &Path, first: &str) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(argv[0]);
        cmd.args(&argv[1..]);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("SCHOLIA_NO_USER_CONFIG", "1");
        cmd.env("XDG_STATE_HOME", state);
        for name in [
            "LESS",
            "LESSOPEN",
            "LESSCLOSE",
            "NO_COLOR",
            "SCHOLIA_ANNOTATOR",
        ] {
            cmd.env_remove(name);
        }
        let fd = pair.master.as_raw_fd().expect("a unix pseudo-terminal");
        // SAFETY: `fd` is the master's open descriptor, alive for this borrow.
        let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
        let mut reader = File::from(borrowed.try_clone_to_owned().unwrap());
        let writer = File::from(borrowed.try_clone_to_owned().unwrap());
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                arrivals: Vec::new(),
                ended: false,
                watch: Some((first.to_string(), None)),
            }),
            Condvar::new(),
        ));
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        drop(pair.master);
        let sink = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                // The bytes' arrival, before this harness parses them: how long the
                // `vt100` crate takes to read a frame is not the program's time.
                let now = Instant::now();
                let (lock, changed) = &*sink;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.ended = true;
                    changed.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.arrivals.push(now);
                let contents = s.parser.screen().contents();
                if let Some((text, seen @ None)) = &mut s.watch {
                    if contents.contains(text.as_str()) {
                        *seen = Some(now);
                    }
                }
                changed.notify_all();
            }
        });
        Term {
            child,
            writer,
            screen,
            spawned,
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn contents(&self) -> String {
        self.screen.0.lock().unwrap().parser.screen().contents()
    }

    /// Watches the output for `text` from now on (see [`Term::when_shown`]); a screen
    /// that holds it already counts from the last arrival.
    fn watch(&self, text: &str) {
        let mut s = self.screen.0.lock().unwrap();
        if s.watch.as_ref().is_some_and(|(watched, _)| watched == text) {
            return;
        }
        let seen = s
            .parser
            .screen()
            .contents()
            .contains(text)
            .then(|| s.arrivals.last().copied())
            .flatten();
        s.watch = Some((text.to_string(), seen));
    }

    /// Waits until the screen holds `text`; when the output that first showed it
    /// arrived (`None` past the deadline), as the reader noted it if `text` was watched
    /// for before it came.
    fn when_shown(&self, text: &str) -> Option<Instant> {
        self.watch(text);
        let (lock, changed) = &*self.screen;
        let start = Instant::now();
        let mut s = lock.lock().unwrap();
        loop {
            if let Some((_, Some(seen))) = &s.watch {
                return Some(*seen);
            }
            if s.ended || start.elapsed() > DEADLINE {
                return None;
            }
            s = changed.wait_timeout(s, DEADLINE).unwrap().0;
        }
    }

    /// Sends `keys` and waits for the frame they cause: the output that follows them,
    /// up to a pause of [`QUIET`]. How long from the keys to the frame's last byte
    /// (`None`: nothing was drawn before the deadline).
    fn key_to_frame(&mut self, keys: &[u8]) -> Option<Duration> {
        let (lock, changed) = &*self.screen;
        let before = lock.lock().unwrap().arrivals.len();
        let sent = Instant::now();
        self.writer.write_all(keys).unwrap();
        let mut s = lock.lock().unwrap();
        while s.arrivals.len() == before {
            if s.ended || sent.elapsed() > DEADLINE {
                return None;
            }
            s = changed.wait_timeout(s, DEADLINE).unwrap().0;
        }
        loop {
            let last = *s.arrivals.last().unwrap();
            let count = s.arrivals.len();
            s = changed.wait_timeout(s, QUIET).unwrap().0;
            if s.arrivals.len() == count {
                return Some(last - sent);
            }
        }
    }

    /// Sends `keys` without timing them, and lets their frames finish.
    fn press(&mut self, keys: &[u8]) {
        for key in keys {
            self.key_to_frame(&[*key]);
        }
    }

    /// Quits with `q` and waits for the program to end.
    fn quit(mut self) {
        self.writer.write_all(b"q").unwrap();
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        panic!("did not quit:\n{}", self.contents());
    }
}

/// User plus system CPU time of `pid` so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which may hold spaces) start at its closing paren.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// The CPU time the main thread of `pid` (the one that handles keys and draws) used so
/// far, from the scheduler's account in nanoseconds: for each key, what the process
/// spent on it whatever the wait for a core.
fn main_thread_cpu(pid: u32) -> Duration {
    let stat = fs::read_to_string(format!("/proc/{pid}/task/{pid}/schedstat")).unwrap();
    Duration::from_nanos(stat.split(' ').next().unwrap().parse().unwrap())
}

/// The peak resident memory of `pid`, in MB (10⁶ bytes, as the budgets are counted;
/// `/proc` counts in KiB).
fn peak_memory_mb(pid: u32) -> f64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024.0 / 1e6
}

fn percentile(mut xs: Vec<Duration>, p: f64) -> Duration {
    xs.sort();
    xs[((xs.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The words that start the last paragraph of a book written by `review_book`.
fn last_chapter(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let at = text.rfind("Chapter ").unwrap();
    let end = at + text[at..].find('.').unwrap() + 1;
    text[at..end].to_string()
}

/// Runs the programs in turn on one article, `rounds` times.
struct Harness {
    scholia: PathBuf,
    dir: PathBuf,
    spawns: usize,
}

impl Harness {
    /// Runs `program` on `article`, watching for its first screen, which shows `first`.
    fn spawn(&mut self, program: &str, article: &Path, first: &str) -> Term {
        self.spawns += 1;
        // A state folder of its own, so that no run reopens where the last one left off.
        let state = self.dir.join(format!(".state{}", self.spawns));
        let argv = [program, article.to_str().unwrap()];
        Term::spawn(&argv, &self.dir, &state, first)
    }

    /// Median spawn → first screen and `G` → last line of both programs on `article`.
    fn first_screen_and_end(&mut self, article: &Path, first: &str) -> [(Duration, Duration); 2] {
        let last = last_chapter(article);
        let programs = [
            self.scholia.to_str().unwrap().to_string(),
            "less".to_string(),
        ];
        let mut times: [(Vec<Duration>, Vec<Duration>); 2] = Default::default();
        for _ in 0..rounds() {
            for (program, (opens, ends)) in programs.iter().zip(times.iter_mut()) {
                let mut term = self.spawn(program, article, first);
                let shown = term.when_shown(first).expect("a first screen");
                opens.push(shown - term.spawned);
                thread::sleep(Duration::from_millis(100));
                term.watch(&last);
                let sent = Instant::now();
                term.writer.write_all(b"G").unwrap();
                let at_end = term.when_shown(&last).expect("the last line");
                ends.push(at_end.saturating_duration_since(sent));
                term.quit();
            }
        }
        let [s, l] = times;
        [(median(s.0), median(s.1)), (median(l.0), median(l.1))]
    }
}

/// Writes the burst's book: pending suggestions and relations between them.
fn burst_book(dir: &Path) -> PathBuf {
    review_book::write_book(dir, BOOK_BYTES, BURST_ANNOTATIONS, BURST_RELATIONS)
}

/// `json` with every RFC 3339 time replaced by the same text, for comparing two saves
/// made at different moments.
fn without_times(json: &str) -> Value {
    fn blank(v: &mut Value) {
        match v {
            Value::String(s) if s.len() == 20 && s.as_bytes()[10] == b'T' && s.ends_with('Z') => {
                *s = "time".to_string()
            }
            Value::Array(items) => items.iter_mut().for_each(blank),
            Value::Object(map) => map.values_mut().for_each(blank),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_str(json).unwrap();
    blank(&mut v);
    v
}

/// The sidecar a session saving on the key path writes after `keys` on `article`.
fn written_synchronously(article: &Path, keys: &str) -> String {
    let options = OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        journal: JournalChoice::Discard,
        ..OpenOptions::default()
    };
    let mut s = Session::open(article, &options).unwrap();
    // Edits stay in memory (and the journal) until the one render below.
    s.write_in_background(Duration::from_secs(3600), Box::new(|| {}))
        .unwrap();
    s.dispatch(Action::Resize(COLS, ROWS));
    for c in keys.chars() {
        s.dispatch(Action::Key(Key::char(c)));
    }
    let app = s.app();
    sidecar::render(&sidecar::to_file(app.doc(), app.store(), app.kept()).unwrap()).unwrap()
}

struct Row {
    measure: String,
    scholia: String,
    reference: String,
    target: String,
    verdict: String,
}

fn row(measure: &str, scholia: String, reference: String, target: &str, met: bool) -> Row {
    Row {
        measure: measure.to_string(),
        scholia,
        reference,
        target: target.to_string(),
        verdict: if met { "met" } else { "**not met**" }.to_string(),
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn main() {
    let scholia = PathBuf::from(env!("CARGO_BIN_EXE_scholia"));
    if !scholia.exists()
        || std::process::Command::new("less")
            .arg("-V")
            .output()
            .is_err()
    {
        println!(
            "pty_vs_less: skipped (needs {} and less)",
            scholia.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let mut rows = Vec::new();
    let mut h = Harness {
        scholia: scholia.clone(),
        dir: dir.clone(),
        spawns: 0,
    };

    // The bare book and a 10 MB article, against less.
    let bare_dir = dir.join("bare");
    fs::create_dir_all(&bare_dir).unwrap();
    let bare = review_book::write_book(&bare_dir, BOOK_BYTES, 0, 0);
    fs::remove_file(sidecar::path_for(&bare)).unwrap();
    if wanted("open") {
        let [(open_s, end_s), (open_l, end_l)] = h.first_screen_and_end(&bare, "Chapter 1. ");
        rows.push(row(
            "spawn → first screen, 3.3 MB book",
            ms(open_s),
            format!("less {} ({:.1}×)", ms(open_l), ratio(open_s, open_l)),
            "≤ 1.5 × less",
            ratio(open_s, open_l) <= 1.5,
        ));
        rows.push(row(
            "`G` → last line shown, 3.3 MB book",
            ms(end_s),
            format!("less {} ({:.1}×)", ms(end_l), ratio(end_s, end_l)),
            "≤ less",
            end_s <= end_l,
        ));
        let news_dir = dir.join("news");
        fs::create_dir_all(&news_dir).unwrap();
        let news = review_book::write_book(&news_dir, NEWS_BYTES, 0, 0);
        fs::remove_file(sidecar::path_for(&news)).unwrap();
        let [(open_s10, _), (open_l10, _)] = h.first_screen_and_end(&news, "Chapter 1. ");
        rows.push(row(
            "spawn → first screen, 10 MB article",
            ms(open_s10),
            format!("less {} ({:.1}×)", ms(open_l10), ratio(open_s10, open_l10)),
            "≤ 1.5 × less",
            ratio(open_s10, open_l10) <= 1.5,
        ));
    }

    // The book with 27k pending suggestions: scholia alone.
    let pending = pending();
    let book_name = format!("book + {}k pending", pending / 1000);
    let review_dir = dir.join("review");
    fs::create_dir_all(&review_dir).unwrap();
    let book = review_book::write_book(&review_dir, BOOK_BYTES, pending, 0);
    if wanted("review") {
        // The book with and without its suggestions, alternating, so that both see the
        // same load on the machine.
        let mut opens = (Vec::new(), Vec::new());
        for _ in 0..rounds() {
            for (article, times) in [(&book, &mut opens.0), (&bare, &mut opens.1)] {
                let term = h.spawn(scholia.to_str().unwrap(), article, "Chapter 1. ");
                let shown = term.when_shown("Chapter 1. ").expect("a first screen");
                times.push(shown - term.spawned);
                term.quit();
            }
        }
        let (open_review, open_s) = (median(opens.0), median(opens.1));
        rows.push(row(
            &format!("spawn → first screen, {book_name}"),
            ms(open_review),
            format!(
                "bare book {} ({:.1}×)",
                ms(open_s),
                ratio(open_review, open_s)
            ),
            "≤ 1.5 × bare book",
            ratio(open_review, open_s) <= 1.5,
        ));
    }
    if wanted("keys") {
        let mut term = h.spawn(scholia.to_str().unwrap(), &book, "Chapter 1. ");
        term.when_shown("Chapter 1. ").expect("a first screen");
        term.press(b"gr");
        for (key, name, switch) in [
            (b'j', "`j` in the Review tab", None),
            (b']', "`]` to the next annotation", Some(b'\t')),
        ] {
            if let Some(switch) = switch {
                term.press(&[switch]);
            }
            let pid = term.pid();
            let (times, cpu): (Vec<Duration>, Vec<Duration>) = (0..KEY_SAMPLES)
                .map(|_| {
                    let before = main_thread_cpu(pid);
                    let time = term.key_to_frame(&[key]).expect("a frame");
                    (time, main_thread_cpu(pid) - before)
                })
                .unzip();
            let (p50, p99) = (median(times.clone()), percentile(times, 0.99));
            let fine = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1000.0);
            rows.push(row(
                &format!("key → frame, {name}, {book_name} (p50 / p99)"),
                format!("{} / {}", ms(p50), ms(p99)),
                format!(
                    "main thread CPU {} / {} ms",
                    fine(median(cpu.clone())),
                    fine(percentile(cpu, 0.99))
                ),
                "≤ 1 ms / ≤ 4 ms",
                p50 <= Duration::from_millis(1) && p99 <= Duration::from_millis(4),
            ));
        }
        thread::sleep(Duration::from_millis(500));
        let ticks = cpu_ticks(term.pid());
        thread::sleep(Duration::from_secs(2));
        let idle = cpu_ticks(term.pid()) - ticks;
        rows.push(row(
            &format!("CPU while idle for 2 s, {book_name}"),
            format!("{idle} ticks"),
            String::new(),
            "0",
            idle == 0,
        ));
        let peak = peak_memory_mb(term.pid());
        let budget = (4 * BOOK_BYTES + 1024 * pending) as f64 / 1e6;
        rows.push(row(
            &format!("peak memory, {book_name}"),
            format!("{peak:.0} MB"),
            format!("budget {budget:.0} MB"),
            "4 × text + 1 KB per annotation",
            peak <= budget,
        ));
        term.quit();
    }

    // A burst of decisions on 50k annotations and 20k relations.
    if wanted("burst") {
        let burst_dir = dir.join("burst");
        let copy_dir = dir.join("burst-synchronous");
        fs::create_dir_all(&burst_dir).unwrap();
        fs::create_dir_all(&copy_dir).unwrap();
        let burst = burst_book(&burst_dir);
        let copy = copy_dir.join(burst.file_name().unwrap());
        fs::copy(&burst, &copy).unwrap();
        fs::copy(sidecar::path_for(&burst), sidecar::path_for(&copy)).unwrap();
        let mut term = h.spawn(scholia.to_str().unwrap(), &burst, "Chapter 1. ");
        term.when_shown("Chapter 1. ").expect("a first screen");
        // The burst times decisions, not the opening: the first screen comes before the
        // annotations are read, and a key pressed meanwhile waits for them.
        term.when_shown(" ann, ").expect("the annotations loaded");
        term.press(b"gr");
        let times: Vec<Duration> = (0..BURST_EDITS)
            .map(|_| term.key_to_frame(b"a").expect("a frame"))
            .collect();
        let slowest = *times.iter().max().unwrap();
        let peak = peak_memory_mb(term.pid());
        term.quit();
        let written = fs::read_to_string(sidecar::path_for(&burst)).unwrap();
        let on_disk = sidecar::parse(&sidecar::path_for(&burst), &written).unwrap();
        let decided = on_disk
            .annotations
            .iter()
            .filter(|a| a.status != Status::Pending)
            .count();
        let keys = format!("gr{}", "a".repeat(BURST_EDITS));
        let same = without_times(&written) == without_times(&written_synchronously(&copy, &keys));
        rows.push(row(
            "a burst of 100 decisions, 50k annotations + 20k relations: slowest frame",
            ms(slowest),
            format!("p50 {}", ms(median(times))),
            "≤ 250 ms",
            slowest <= Duration::from_millis(250),
        ));
        rows.push(row(
            "the burst on disk after quitting",
            format!(
                "{decided} of {BURST_EDITS} decisions; {}",
                if same {
                    "the same sidecar as a synchronous save"
                } else {
                    "NOT the sidecar a synchronous save writes"
                }
            ),
            String::new(),
            "all, identical",
            decided == BURST_EDITS && same,
        ));
        let budget = (4 * BOOK_BYTES + 1024 * (BURST_ANNOTATIONS + BURST_RELATIONS)) as f64 / 1e6;
        rows.push(row(
            "peak memory, book + 50k annotations + 20k relations",
            format!("{peak:.0} MB"),
            format!("budget {budget:.0} MB"),
            "4 × text + 1 KB per annotation",
            peak <= budget,
        ));
    }

    let cores = thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "\nscholia against less in a {COLS}×{ROWS} pseudo-terminal, {cores} cores, medians of {} alternating runs, {KEY_SAMPLES} presses per key\n",
        rounds()
    );
    println!("| measure | scholia | reference | target | |");
    println!("|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.measure, r.scholia, r.reference, r.target, r.verdict
        );
    }
}
