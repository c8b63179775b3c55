//! Running a command over many articles: folders expanded recursively (filtered by a
//! glob and the folders' ignore files), files worked on in parallel, results delivered
//! in input order as they finish, with a progress bar on a terminal and none when piped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, MutexGuard};
use std::thread;

use globset::{GlobBuilder, GlobMatcher};
use ignore::{WalkBuilder, WalkState};

use super::progress;

/// How many results may wait for an earlier one before workers pause: bounds memory
/// when one article is slow.
const WINDOW_PER_JOB: usize = 8;

/// The articles named on the command line: files as given, folders walked recursively
/// for files whose name matches `glob` (sorted; hidden entries, sidecars and what
/// `.gitignore` and `.ignore` files exclude are skipped).
pub fn expand(inputs: &[PathBuf], glob: &str) -> Result<Vec<PathBuf>, String> {
    select(&Selection {
        inputs,
        glob,
        skip_ignored: true,
        files_from: None,
    })
}

/// Which articles a batch command works on.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    /// Articles and folders of articles, as given on the command line.
    pub inputs: &'a [PathBuf],
    /// Which file names of a folder are articles (`*`, `?`, `[abc]`, `{a,b}`).
    pub glob: &'a str,
    /// Whether a folder's files that its `.gitignore` or `.ignore` files exclude are
    /// skipped.
    pub skip_ignored: bool,
    /// A file listing more articles or folders, one per line (`-`: standard input).
    pub files_from: Option<&'a Path>,
}

/// The articles of `selection`: the inputs, then the listed paths, folders expanded
/// in place, each folder's files in sorted order.
pub fn select(selection: &Selection) -> Result<Vec<PathBuf>, String> {
    let matcher =
        glob_matcher(selection.glob).map_err(|e| format!("--glob {}: {e}", selection.glob))?;
    let listed = match selection.files_from {
        Some(list) => read_list(list)?,
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for input in selection.inputs.iter().chain(&listed) {
        if input.is_dir() {
            let mut found = walk(input, &matcher, selection.skip_ignored)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// The matcher of file names for `glob`, or why it is not a glob.
pub fn glob_matcher(glob: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
        .map(|glob| glob.compile_matcher())
        .map_err(|e| e.kind().to_string())
}

/// The paths a list file names, one per line (blank lines skipped).
fn read_list(list: &Path) -> Result<Vec<PathBuf>, String> {
    let text = if list.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin().lock())
            .map_err(|e| format!("cannot read the list of articles from standard input: {e}"))?
    } else {
        std::fs::read_to_string(list)
            .map_err(|e| format!("{}: cannot read the list of articles: {e}", list.display()))?
    };
    Ok(text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(PathBuf::from)
        .collect())
}

/// The files under `dir` whose name `matcher` matches, in no particular order, walked
/// in parallel. Symbolic links are not followed; the machine's global git excludes are
/// not read, so every machine of a cluster selects the same files.
fn walk(dir: &Path, matcher: &GlobMatcher, skip_ignored: bool) -> Result<Vec<PathBuf>, String> {
    let found = Mutex::new(Vec::new());
    let failure = Mutex::new(None);
    WalkBuilder::new(dir)
        .hidden(true)
        .parents(skip_ignored)
        .ignore(skip_ignored)
        .git_ignore(skip_ignored)
        .git_exclude(skip_ignored)
        .git_global(false)
        .follow_links(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| match entry {
                Ok(entry) => {
                    let name = entry.file_name().to_string_lossy();
                    if entry.file_type().is_some_and(|kind| kind.is_file())
                        && !name.contains(".scholia.")
                        && matcher.is_match(name.as_ref())
                    {
                        lock(&found).push(entry.into_path());
                    }
                    WalkState::Continue
                }
                Err(e) => {
                    lock(&failure).get_or_insert(e);
                    WalkState::Quit
                }
            })
        });
    match failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(format!(
            "{}: cannot read the folder: {}",
            dir.display(),
            e.io_error()
                .map_or_else(|| e.to_string(), |io| io.to_string())
        )),
        None => Ok(found.into_inner().unwrap_or_else(|p| p.into_inner())),
    }
}

/// The value behind `mutex`, even if a thread panicked holding it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
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
    let progress = progress::bar(paths.len());
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
                progress.suspend(|| sink(&paths[cursor], result));
                cursor += 1;
                progress.set_position(cursor as u64);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The files `glob` selects in `names` (created in a fresh folder), relative.
    fn selected(names: &[&str], glob: &str, skip_ignored: bool) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let inputs = [dir.path().to_path_buf()];
        let found = select(&Selection {
            inputs: &inputs,
            glob,
            skip_ignored,
            files_from: None,
        })
        .unwrap();
        found
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn globs_match_names() {
        let names = [
            "report.txt",
            "report.txt.scholia.json",
            "a.md",
            "acbd",
            "Доклад.txt",
            "sub/deep.md",
        ];
        assert_eq!(
            selected(&names, "*.txt", true),
            ["report.txt", "Доклад.txt"]
        );
        assert_eq!(
            selected(&names, "*.{txt,md}", true),
            ["a.md", "report.txt", "sub/deep.md", "Доклад.txt"]
        );
        assert_eq!(selected(&names, "r??ort*", true), ["report.txt"]);
        assert!(selected(&names, "a*b", true).is_empty());
        assert_eq!(selected(&names, "[ab]*", true), ["a.md", "acbd"]);
    }

    #[test]
    fn a_bad_glob_is_one_sentence() {
        let inputs = [PathBuf::from(".")];
        let e = select(&Selection {
            inputs: &inputs,
            glob: "*.{txt",
            skip_ignored: true,
            files_from: None,
        })
        .unwrap_err();
        assert!(e.starts_with("--glob *.{txt: "), "{e}");
    }

    #[test]
    fn ignore_files_exclude_unless_asked_not_to() {
        let names = [".ignore", "a.txt", "export/a.txt", "drafts/b.txt", "c.txt"];
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("export")).unwrap();
        std::fs::create_dir_all(dir.path().join("drafts")).unwrap();
        for name in names {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::write(dir.path().join(".ignore"), "export/\nc.txt\n").unwrap();
        let inputs = [dir.path().to_path_buf()];
        let relative = |skip_ignored| -> Vec<String> {
            select(&Selection {
                inputs: &inputs,
                glob: "*.txt",
                skip_ignored,
                files_from: None,
            })
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect()
        };
        assert_eq!(relative(true), ["a.txt", "drafts/b.txt"]);
        assert_eq!(
            relative(false),
            ["a.txt", "c.txt", "drafts/b.txt", "export/a.txt"]
        );
    }

    #[test]
    fn a_list_file_adds_articles_and_folders_in_its_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("f")).unwrap();
        for name in ["z.txt", "f/b.txt", "f/a.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let list = dir.path().join("list");
        let lines = format!(
            "{}\n\n{}\n",
            dir.path().join("z.txt").display(),
            dir.path().join("f").display()
        );
        std::fs::write(&list, lines).unwrap();
        let found = select(&Selection {
            inputs: &[],
            glob: "*.txt",
            skip_ignored: true,
            files_from: Some(&list),
        })
        .unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["z.txt", "f/a.txt", "f/b.txt"]);
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
