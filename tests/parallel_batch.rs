//! The batch commands fanned out over processes (`xargs -P 2`, as GNU parallel or a
//! cluster scheduler would) give the same output as one process over the same folder:
//! `extract`, `stats` and `export` on a generated folder of small articles, every JSON
//! line whole, and `stats --sum` adds the per-article lines of either up to the same
//! corpus total. The order of lines across processes is not defined, so both sides are
//! compared sorted; each process's own lines come in its input order.
//!
//! The folder has `SCHOLIA_PARALLEL_ARTICLES` articles (default 400, so the test stays
//! quick in a debug build); the ignored `ten_thousand_articles_through_xargs` runs the
//! 10,000 of docs/scale.md.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Articles per `xargs` command line: several processes per run even in a small folder.
const PER_PROCESS: usize = 150;

fn scholia() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scholia"));
    command.env("SCHOLIA_NO_USER_CONFIG", "1");
    command
}

/// Whether `xargs` can be run here.
fn has_xargs() -> bool {
    Command::new("xargs")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The text of generated article `i`: a dated statement by a titled official, cited
/// to a newspaper, a denial, and non-ASCII names, varied with `i`.
fn article_text(i: usize) -> String {
    const NAMES: [&str; 5] = [
        "Aidar Nurlanov",
        "Gulnara Sadykova",
        "Erlan Żółkiewski",
        "Марат Абенов",
        "Dana Öztürk",
    ];
    const PAPERS: [&str; 3] = ["Ekspress-K", "Vestnik Alaya", "Kursiv"];
    let name = NAMES[i % NAMES.len()];
    let other = NAMES[(i / 5) % NAMES.len()];
    let paper = PAPERS[i % PAPERS.len()];
    let day = 1 + i % 28;
    format!(
        "Report {i}.\n\nOn July {day}, 2024, Minister {name} said that the budget for region {i} would grow by {pct} percent ({paper}, July {day}).\n\nDeputy Minister {other} denied that the figures were final, according to {paper}. \"We will publish them in {month},\" {other} told reporters in Almaty.\n",
        pct = i % 17 + 2,
        month = ["March", "April", "May"][i % 3],
    )
}

/// Writes `count` articles into `root/corpus`, a hundred per sub-folder, and returns
/// their paths relative to `root`, sorted.
fn generate(root: &Path, count: usize) -> Vec<PathBuf> {
    let mut paths = Vec::with_capacity(count);
    for i in 0..count {
        let relative = PathBuf::from(format!("corpus/part{:03}/a{i:05}.txt", i / 100));
        let path = root.join(&relative);
        if i % 100 == 0 {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
        }
        fs::write(path, article_text(i)).unwrap();
        paths.push(relative);
    }
    paths.sort();
    paths
}

/// The output of one `scholia ARGS corpus` run in `root`.
fn one_process(root: &Path, args: &[&str]) -> Output {
    let out = scholia()
        .current_dir(root)
        .args(args)
        .arg("corpus")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The output of `xargs -P 2 -n PER_LINE scholia ARGS` in `root` fed `lines`.
fn through_xargs(root: &Path, lines: &[String], per_line: usize, args: &[&str]) -> Output {
    let mut child = Command::new("xargs")
        .current_dir(root)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .args(["-P", "2", "-n", &per_line.to_string()])
        .arg(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = lines.join("\n") + "\n";
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert!(
        out.status.success(),
        "xargs {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The lines of `out`'s stdout, each checked to be one whole JSON value, sorted.
fn sorted_json_lines(out: &Output) -> Vec<String> {
    let text = String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for line in &lines {
        assert!(
            serde_json::from_str::<serde_json::Value>(line).is_ok(),
            "a line is not whole JSON (interleaved?): {line}"
        );
    }
    lines.sort();
    lines
}

/// The total `scholia stats --sum` makes of the lines `jsonl`.
fn sum(jsonl: &[u8]) -> serde_json::Value {
    let mut child = scholia()
        .args(["stats", "--sum"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = jsonl.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("one JSON line")
}

/// Splits `paths` into list files of `PER_PROCESS` lines in `root`, as a scheduler
/// hands out shares of a corpus, and returns the lists' names.
fn write_lists(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    paths
        .chunks(PER_PROCESS)
        .enumerate()
        .map(|(n, chunk)| {
            let name = format!("list.{n:04}");
            let lines: Vec<String> = chunk.iter().map(|p| p.display().to_string()).collect();
            fs::write(root.join(&name), lines.join("\n") + "\n").unwrap();
            name
        })
        .collect()
}

/// Runs extract, stats and export on `count` articles in one process and through
/// `xargs -P 2`, and compares.
fn same_output_as_one_process(count: usize) {
    if !has_xargs() {
        eprintln!("skipped: xargs is absent");
        return;
    }
    let one = tempfile::tempdir().unwrap();
    let many = tempfile::tempdir().unwrap();
    let paths = generate(one.path(), count);
    assert_eq!(generate(many.path(), count), paths);
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();

    // extract: arguments from xargs, one worker thread per process.
    let extract = ["extract", "--jsonl", "--jobs", "1"];
    let single = sorted_json_lines(&one_process(one.path(), &extract));
    let fanned = sorted_json_lines(&through_xargs(many.path(), &names, PER_PROCESS, &extract));
    assert_eq!(single.len(), count);
    assert!(
        single[0].contains("\"added\":") && !single[0].contains("\"added\":0,"),
        "the generated articles get suggestions: {}",
        single[0]
    );
    assert_eq!(fanned, single, "extract");

    // stats: each process reads a list file, as a scheduler's task would.
    let lists = write_lists(many.path(), &paths);
    let single_out = one_process(one.path(), &["stats", "--jsonl"]);
    let fanned_out = through_xargs(
        many.path(),
        &lists,
        1,
        &["stats", "--jsonl", "--jobs", "1", "--files-from"],
    );
    let single = sorted_json_lines(&single_out);
    assert_eq!(single.len(), count);
    assert_eq!(sorted_json_lines(&fanned_out), single, "stats");
    let total = sum(&single_out.stdout);
    assert_eq!(total["articles"], count);
    assert!(
        total["annotations"].as_u64() > Some(count as u64),
        "{total}"
    );
    assert_eq!(sum(&fanned_out.stdout), total, "stats --sum");

    // export: every process writes its articles' documents to the shared stdout...
    let export = ["export", "-f", "doccano", "-o", "-"];
    let single = sorted_json_lines(&one_process(one.path(), &export));
    let fanned = sorted_json_lines(&through_xargs(many.path(), &names, PER_PROCESS, &export));
    assert_eq!(single.len(), count);
    assert_eq!(fanned, single, "export to stdout");
    // ...or its files beside each article, pending suggestions and all.
    let export = ["export", "-f", "prodigy", "--status", "all", "--jsonl"];
    let single = sorted_json_lines(&one_process(one.path(), &export));
    let fanned = sorted_json_lines(&through_xargs(many.path(), &names, PER_PROCESS, &export));
    assert_eq!(fanned, single, "export reports");
    let written = exported_files(one.path());
    assert_eq!(written.len(), count);
    assert!(written.values().all(|text| text.contains("\"spans\":[{")));
    assert_eq!(exported_files(many.path()), written, "exported files");
}

/// The exported files under `root/corpus` (neither article nor sidecar), by path.
fn exported_files(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    for part in fs::read_dir(root.join("corpus")).unwrap() {
        for file in fs::read_dir(part.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".txt") && !name.contains(".scholia.") {
                let text = fs::read_to_string(&path).unwrap();
                files.insert(path.strip_prefix(root).unwrap().to_path_buf(), text);
            }
        }
    }
    files
}

#[test]
fn extract_stats_and_export_through_xargs_match_one_process() {
    let count = std::env::var("SCHOLIA_PARALLEL_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    same_output_as_one_process(count);
}

#[test]
#[ignore = "10,000 articles: a minute or more in a debug build"]
fn ten_thousand_articles_through_xargs() {
    same_output_as_one_process(10_000);
}

#[test]
fn a_share_listed_on_standard_input_skips_what_ignore_files_exclude() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 3);
    fs::write(dir.path().join("corpus/.ignore"), "a00001.txt\n").unwrap();
    let articles = |extra: &[&str]| -> Vec<String> {
        let mut child = scholia()
            .current_dir(dir.path())
            .args(["stats", "--jsonl", "--files-from", "-"])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"corpus\n").unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        sorted_json_lines(&out)
            .iter()
            .map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                value["article"].as_str().unwrap().to_string()
            })
            .collect()
    };
    assert_eq!(
        articles(&[]),
        ["corpus/part000/a00000.txt", "corpus/part000/a00002.txt"]
    );
    assert_eq!(articles(&["--no-ignore"]).len(), 3);
}
