//! Writing an export's files to disk the way `scholia export` does: an existing file
//! that already holds the content is left alone, the article itself is never
//! overwritten, another existing file only when asked to, and every write is atomic.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::atomic::write_atomic;
use crate::domain::regular_file::read_regular;

use super::staged::{Made, MadeFile, Staging};
use super::{ExportSink, Exported};

/// What to do with one file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilePlan {
    /// The file already holds exactly this content: nothing to write.
    Unchanged,
    /// Write it.
    Write,
    /// Do not write it, for this reason (one sentence).
    Refuse(String),
}

/// What to do with the export file `path`, which already holds the new content when
/// `same` (see [`holds`]), for `article`; `overwrite` allows replacing an existing file
/// other than the article.
pub fn plan_file(path: &Path, same: bool, article: &Path, overwrite: bool) -> FilePlan {
    if same {
        FilePlan::Unchanged
    } else if same_file(path, article) {
        FilePlan::Refuse(format!(
            "{} is the article itself; scholia never overwrites an article",
            path.display()
        ))
    } else if !overwrite && fs::symlink_metadata(path).is_ok() {
        FilePlan::Refuse(format!(
            "{} exists; scholia does not overwrite it without --force",
            path.display()
        ))
    } else {
        FilePlan::Write
    }
}

/// Whether the file `path` holds exactly `content`. Reads no more than the content: a
/// longer file differs anyway, and an odd file (a FIFO) is never opened.
pub fn holds(path: &Path, content: &str) -> bool {
    read_regular(path, content.len() as u64).is_ok_and(|bytes| bytes == content.as_bytes())
}

/// Makes an export with `export` into files next to `article`, each written as it is
/// made into a temporary file beside it ([`Staging`]), then puts them in place,
/// replacing earlier exports (`overwrite`) but never the article: all of them or none.
/// What the export wrote and left out, and the paths of its files, all of which now
/// hold it; or why nothing was written.
pub fn write_beside(
    article: &Path,
    overwrite: bool,
    export: impl FnOnce(&mut dyn ExportSink) -> io::Result<Exported>,
) -> (Exported, Result<Vec<PathBuf>, String>) {
    let mut staging = Staging::into_folder(folder_of(article), None);
    let exported = match export(&mut staging) {
        Ok(exported) => exported,
        Err(e) => {
            let why = format!("the export could not be written: {e}");
            return (Exported::failed(why.clone()), Err(why));
        }
    };
    (exported, put_in_place(article, staging.files, overwrite))
}

/// Puts the files made for `article` in place, all or none; their paths.
fn put_in_place(
    article: &Path,
    files: Vec<MadeFile>,
    overwrite: bool,
) -> Result<Vec<PathBuf>, String> {
    let paths: Vec<PathBuf> = files.iter().filter_map(|f| f.path.clone()).collect();
    let mut plan = Vec::new();
    for file in files {
        let Some(path) = file.path.clone() else {
            continue;
        };
        match plan_file(&path, file.already_there(), article, overwrite) {
            FilePlan::Unchanged => {}
            FilePlan::Write => plan.push((path, file.content)),
            FilePlan::Refuse(why) => return Err(why),
        }
    }
    for (path, content) in plan {
        let put = match content {
            Made::Staged(staged) => staged.commit(),
            Made::Held(text) => write_atomic(&path, text.as_bytes(), false),
            Made::Unwritable(why) => return Err(why),
            Made::Spooled(_) | Made::Skipped => Ok(()),
        };
        put.map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(paths)
}

/// The folder holding `path` (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `files` beside `article` as an export that makes them.
    fn write(
        article: &Path,
        files: &[(&str, &str)],
        overwrite: bool,
    ) -> Result<Vec<PathBuf>, String> {
        write_beside(article, overwrite, |sink| {
            for (name, content) in files {
                sink.file(name, &mut |out| out.write_all(content.as_bytes()))?;
            }
            Ok(Exported::default())
        })
        .1
    }

    #[test]
    fn files_go_next_to_the_article_and_replace_earlier_exports_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "text").unwrap();
        fs::write(dir.path().join("a.ann"), "old").unwrap();
        let export = [
            ("a.ann", "T1\tPER 0 4\tМаша\n"),
            ("annotation.conf", "[entities]\n"),
        ];
        let refused = write(&article, &export, false).unwrap_err();
        assert!(refused.contains("a.ann exists"), "{refused}");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "nothing written, no temporary file left");
        let written = write(&article, &export, true).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.ann")).unwrap(),
            "T1\tPER 0 4\tМаша\n"
        );
        // The same content again: nothing to write, not even without overwrite.
        assert!(write(&article, &export, false).is_ok());
    }

    #[test]
    fn the_article_itself_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "text").unwrap();
        let refused = write(&article, &[("a.txt", "other")], true).unwrap_err();
        assert!(refused.contains("the article itself"), "{refused}");
        assert_eq!(fs::read_to_string(&article).unwrap(), "text");
    }

    #[test]
    fn an_export_that_fails_writes_nothing_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "text").unwrap();
        let (exported, written) = write_beside(&article, true, |sink| {
            sink.file("a.ann", &mut |out| {
                out.write_all(b"T1")?;
                Err(io::Error::other("disk full"))
            })?;
            Ok(Exported::default())
        });
        assert!(written.unwrap_err().contains("disk full"));
        assert_eq!(exported.not_written().count(), 1);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the article"
        );
    }
}
