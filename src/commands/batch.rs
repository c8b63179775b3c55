//! Running a command over many articles: folders expanded recursively (filtered by a
//! glob), files worked on in parallel, results delivered in input order as they finish,
//! with a progress bar on a terminal and none when piped.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::thread;

/// How many results may wait for an earlier one before workers pause: bounds memory
/// when one article is slow.
const WINDOW_PER_JOB: usize = 8;

/// The articles named on the command line: files as given, folders walked recursively
/// for files whose name matches `glob` (sorted, hidden entries and sidecars skipped).
pub fn expand(inputs: &[PathBuf], glob: &str) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, glob, &mut found)
                .map_err(|e| format!("{}: cannot read the folder: {e}", input.display()))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, glob: &str, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), glob, found)?;
        } else if kind.is_file() && !name.contains(".scholia.") && glob_match(glob, &name) {
            found.push(entry.path());
        }
    }
    Ok(())
}

/// Matches a file name against a glob with `*` (any run), `?` (one character) and
/// `{a,b}` alternatives.
pub fn glob_match(glob: &str, name: &str) -> bool {
    if let (Some(open), Some(close)) = (glob.find('{'), glob.find('}')) {
        if open < close {
            let (head, rest) = glob.split_at(open);
            let tail = &rest[close - open + 1..];
            return rest[1..close - open]
                .split(',')
                .any(|alt| glob_match(&format!("{head}{alt}{tail}"), name));
        }
    }
    let g: Vec<char> = glob.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut gi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == n[ni]) {
            gi += 1;
            ni += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ni));
            gi += 1;
        } else if let Some((sg, sn)) = star {
            gi = sg + 1;
            ni = sn + 1;
            star = Some((sg, sn + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

/// Runs `work` on every path with `jobs` threads and hands each result to `sink` in
/// input order, as soon as it and all before it are done.
pub fn run<R, W, S>(paths: &[PathBuf], jobs: usize, work: W, mut sink: S)
where
    R: Send,
    W: Fn(&Path) -> R + Sync,
    S: FnMut(&Path, R),
{
    let jobs = jobs.clamp(1, paths.len().max(1));
    let next = AtomicUsize::new(0);
    let emitted = Mutex::new(0usize);
    let moved_on = Condvar::new();
    let window = jobs * WINDOW_PER_JOB;
    let progress = Progress::new(paths.len());
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, emitted, moved_on, work) = (&next, &emitted, &moved_on, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= paths.len() {
                    break;
                }
                {
                    let mut done = emitted.lock().unwrap_or_else(|p| p.into_inner());
                    while i >= *done + window {
                        done = moved_on.wait(done).unwrap_or_else(|p| p.into_inner());
                    }
                }
                if tx.send((i, work(&paths[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut cursor = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&cursor) {
                sink(&paths[cursor], result);
                cursor += 1;
                progress.show(cursor);
                *emitted.lock().unwrap_or_else(|p| p.into_inner()) = cursor;
                moved_on.notify_all();
            }
        }
        progress.finish();
    });
}

/// The number of worker threads to use by default: the machine's cores.
pub fn default_jobs() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal and there is
/// more than one article.
struct Progress {
    total: usize,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress {
            total,
            shown: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, done: usize) {
        if !self.shown {
            return;
        }
        let width = 30;
        let filled = done * width / self.total.max(1);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {done}/{} articles",
            "#".repeat(filled),
            "-".repeat(width - filled),
            self.total
        );
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.shown {
            let _ = writeln!(std::io::stderr());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names() {
        assert!(glob_match("*.txt", "report.txt"));
        assert!(!glob_match("*.txt", "report.txt.scholia.json"));
        assert!(glob_match("*.{txt,md}", "a.md"));
        assert!(glob_match("r??ort*", "report.txt"));
        assert!(glob_match("*", "Доклад.txt"));
        assert!(!glob_match("a*b", "acbd"));
    }

    #[test]
    fn results_come_in_input_order() {
        let paths: Vec<PathBuf> = (0..200).map(|i| PathBuf::from(format!("{i}"))).collect();
        let mut seen = Vec::new();
        run(
            &paths,
            4,
            |p| {
                let n: u64 = p.to_string_lossy().parse().unwrap();
                std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 500));
                n
            },
            |_, n| seen.push(n),
        );
        assert_eq!(seen, (0..200).collect::<Vec<u64>>());
    }

    #[test]
    fn folders_are_walked_for_matching_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub/.hidden")).unwrap();
        for name in [
            "a.txt",
            "sub/b.txt",
            "sub/c.md",
            "a.txt.scholia.json",
            "sub/.hidden/d.txt",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = expand(&[dir.path().to_path_buf()], "*.txt").unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, vec!["a.txt", "sub/b.txt"]);
    }
}
