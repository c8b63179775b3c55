//! Writing an export's files to disk the way `scholia export` does: an existing file
//! that already holds the content is left alone, the article itself is never
//! overwritten, another existing file only when asked to, and every write is atomic.

use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::atomic::write_atomic;
use crate::domain::regular_file::read_regular;

use super::Exported;

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

/// Writes the files of `exported` next to `article`, replacing earlier exports
/// (`overwrite`) but never the article. The paths of the files, all of which now hold
/// the export; or why nothing was written.
pub fn write_beside(
    article: &Path,
    exported: &Exported,
    overwrite: bool,
) -> Result<Vec<PathBuf>, String> {
    let folder = folder_of(article);
    let mut plan = Vec::new();
    for (name, content) in &exported.files {
        let path = folder.join(name);
        match plan_file(&path, holds(&path, content), article, overwrite) {
            FilePlan::Unchanged => {}
            FilePlan::Write => plan.push((path.clone(), content)),
            FilePlan::Refuse(why) => return Err(why),
        }
    }
    for (path, content) in plan {
        write_atomic(&path, content.as_bytes(), false)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(exported
        .files
        .iter()
        .map(|(name, _)| folder.join(name))
        .collect())
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

    fn exported(files: &[(&str, &str)]) -> Exported {
        Exported {
            files: files
                .iter()
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .collect(),
            ..Exported::default()
        }
    }

    #[test]
    fn files_go_next_to_the_article_and_replace_earlier_exports_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "text").unwrap();
        fs::write(dir.path().join("a.ann"), "old").unwrap();
        let export = exported(&[("a.ann", "T1\n"), ("annotation.conf", "[entities]\n")]);
        let refused = write_beside(&article, &export, false).unwrap_err();
        assert!(refused.contains("a.ann exists"), "{refused}");
        assert!(
            !dir.path().join("annotation.conf").exists(),
            "nothing written"
        );
        let written = write_beside(&article, &export, true).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.ann")).unwrap(),
            "T1\n"
        );
        // The same content again: nothing to write, not even without overwrite.
        assert!(write_beside(&article, &export, false).is_ok());
    }

    #[test]
    fn the_article_itself_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        fs::write(&article, "text").unwrap();
        let refused = write_beside(&article, &exported(&[("a.txt", "other")]), true).unwrap_err();
        assert!(refused.contains("the article itself"), "{refused}");
        assert_eq!(fs::read_to_string(&article).unwrap(), "text");
    }
}
