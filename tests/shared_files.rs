//! Files a team shares (DESIGN §7): new sidecars, exports and journals follow the umask;
//! a save keeps the sidecar's mode, owner and group; a temporary file left by a killed
//! save is removed by the next save of that sidecar.

#![cfg(unix)]

mod cli_run;
mod support;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use cli_run::{scholia_in, stderr};
use scholia::domain::{journal, sidecar};
use support::{goto, keys};

const ARTICLE: &str = "Col. Shaukat Sultan told AFP that four of the dead were Kazakh citizens.\n";
const ANN: &str = "T1\tPERSON 5 19\tShaukat Sultan\n";

/// A folder holding `article.txt` and `article.ann`.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, ARTICLE).unwrap();
    fs::write(dir.path().join("article.ann"), ANN).unwrap();
    (dir, article)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Imports `article.ann` into `article.txt` under `umask 022`.
fn import(dir: &Path) {
    let out = scholia_in(dir, "umask 022", &["import", "article.txt", "article.ann"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_new_sidecar_and_a_new_export_follow_the_umask() {
    let (dir, article) = folder();
    import(dir.path());
    assert_eq!(mode(&sidecar::path_for(&article)), 0o644);
    let out = scholia_in(
        dir.path(),
        "umask 022",
        &["export", "article.txt", "--format", "csv", "-o", "out.csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&dir.path().join("out.csv")), 0o644);

    let out = scholia_in(
        dir.path(),
        "umask 027",
        &[
            "export",
            "article.txt",
            "--format",
            "csv",
            "-o",
            "out027.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&dir.path().join("out027.csv")), 0o640);
}

/// The umask of this test process, from `/proc/self/status`.
fn own_umask() -> Option<u32> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Umask:"))?;
    u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
}

#[test]
fn a_new_journal_follows_the_umask() {
    let Some(umask) = own_umask() else {
        return;
    };
    let (_dir, path, mut s) = support::session(ARTICLE);
    // A sidecar that turned into a link after opening: the save is refused, the change
    // stays in the journal.
    let real = path.with_file_name("real.json");
    fs::write(&real, "{}").unwrap();
    std::os::unix::fs::symlink(&real, sidecar::path_for(&path)).unwrap();
    goto(&mut s, "AFP");
    keys(&mut s, "s");
    let journal_path = journal::path_for(&path);
    assert!(journal_path.exists());
    assert_eq!(mode(&journal_path), 0o666 & !umask);
}

#[test]
fn the_lock_file_follows_the_umask_so_teammates_can_read_who_holds_it() {
    let Some(umask) = own_umask() else {
        return;
    };
    let (_dir, path, s) = support::session(ARTICLE);
    let lock = s
        .lock_path()
        .expect("the session holds the lock")
        .to_path_buf();
    assert_eq!(lock, scholia::domain::lock::path_for(&path));
    assert_eq!(mode(&lock), 0o666 & !umask);
}

#[test]
fn a_save_keeps_the_sidecars_mode() {
    let (dir, article) = folder();
    import(dir.path());
    let path = sidecar::path_for(&article);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    fs::write(dir.path().join("article.ann"), "T2\tORG 25 28\tAFP\n").unwrap();
    import(dir.path());
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn a_save_keeps_the_sidecars_owner_and_group() {
    let (dir, article) = folder();
    import(dir.path());
    let path = sidecar::path_for(&article);
    if std::os::unix::fs::chown(&path, Some(1234), Some(1234)).is_err() {
        // Only a privileged user can give a file away; nothing to check otherwise.
        return;
    }
    fs::write(dir.path().join("article.ann"), "T2\tORG 25 28\tAFP\n").unwrap();
    import(dir.path());
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (1234, 1234));
    assert_eq!(
        sidecar::read(&path).unwrap().unwrap().annotations.len(),
        2,
        "the save happened"
    );
}

#[test]
fn a_temporary_file_left_by_a_killed_save_goes_with_the_next_save() {
    let (dir, article) = folder();
    import(dir.path());
    let stale = dir.path().join(".article.txt.scholia.json.Ab12Cd.tmp");
    fs::write(&stale, "{\"half\": ").unwrap();
    let unrelated = dir.path().join(".notes.txt.Ab12Cd.tmp");
    fs::write(&unrelated, "mine").unwrap();
    fs::write(dir.path().join("article.ann"), "T2\tORG 25 28\tAFP\n").unwrap();
    import(dir.path());
    assert!(!stale.exists(), "the stale temporary file is gone");
    assert!(
        unrelated.exists(),
        "another file's temporary file is left alone"
    );
    assert!(sidecar::path_for(&article).exists());
}
