//! The lock file `<article>.scholia.lock`: one writing session per article (DESIGN §7).
//!
//! The file holds JSON `{user, host, pid, started}`. It is created whole and atomically
//! (written to a temporary file, then moved into place only if no lock exists), so a
//! second scholia never sees it half-written. A second session is told who holds the
//! article and opens read-only; a lock left by a process that is gone on this host is
//! taken over. The lock is removed when its [`Lock`] is dropped.

use std::fmt;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The suffix added to the article's file name.
pub const SUFFIX: &str = ".scholia.lock";

/// The lock file path of an article: the article's path plus `.scholia.lock`.
pub fn path_for(article: &Path) -> PathBuf {
    let mut name = article.as_os_str().to_owned();
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    /// Login name.
    pub user: String,
    /// Host name.
    pub host: String,
    /// Process id.
    pub pid: u32,
    /// When the session started, RFC 3339 UTC.
    pub started: String,
}

impl Owner {
    /// This process: `$USER` (or `$USERNAME`), the host name, the process id, now.
    pub fn current() -> Owner {
        let user = ["USER", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "unknown".to_string());
        Owner {
            user,
            host: host_name(),
            pid: std::process::id(),
            started: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
        }
    }
}

impl fmt::Display for Owner {
    /// `USER@HOST (pid N) since TIME`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}@{} (pid {}) since {}",
            self.user, self.host, self.pid, self.started
        )
    }
}

/// The host name: `/etc/hostname`, else `$HOSTNAME`, else `localhost`.
pub fn host_name() -> String {
    fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "localhost".to_string())
}

/// Whether process `pid` of this host is running. On Linux, by `/proc`; elsewhere scholia
/// cannot tell without new dependencies and assumes it is.
pub fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// A held lock; dropping it removes the lock file (if it is still this one).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    owner: Owner,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who holds it (this process).
    pub fn owner(&self) -> &Owner {
        &self.owner
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the file only if it is still ours: never another session's lock.
        if read_owner(&self.path).ok().as_ref() == Some(&self.owner) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The outcome of asking for the lock.
#[derive(Debug)]
pub enum Acquired {
    /// The lock is ours.
    Held(Lock),
    /// The lock is ours; it was left by a process of this host that is gone.
    TookOver {
        /// Our lock.
        lock: Lock,
        /// Who left the stale one.
        stale: Owner,
    },
    /// Another session holds the article; one sentence saying who
    /// (`held by USER@HOST (pid N) since TIME`).
    Busy(String),
}

/// The lock file could not be created.
#[derive(Debug, Error)]
#[error("{}: could not create the lock file: {source}", path.display())]
pub struct LockError {
    /// The lock file.
    pub path: PathBuf,
    /// What failed.
    pub source: io::Error,
}

/// Takes the lock of `article` for this process.
pub fn acquire(article: &Path) -> Result<Acquired, LockError> {
    acquire_at(&path_for(article), Owner::current(), process_alive)
}

/// Takes the lock at `path` for `owner`; `alive` tells whether a pid of this host runs.
pub fn acquire_at(
    path: &Path,
    owner: Owner,
    alive: impl Fn(u32) -> bool,
) -> Result<Acquired, LockError> {
    let error = |source| LockError {
        path: path.to_path_buf(),
        source,
    };
    let mut stale = None;
    // Twice at most: once, and once more after removing a stale lock.
    for _ in 0..2 {
        if create(path, &owner).map_err(error)? {
            let lock = Lock {
                path: path.to_path_buf(),
                owner,
            };
            return Ok(match stale {
                Some(stale) => Acquired::TookOver { lock, stale },
                None => Acquired::Held(lock),
            });
        }
        let holder = match read_owner(path) {
            Ok(holder) => holder,
            // Removed between our attempt and this read: try again.
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => {
                return Ok(Acquired::Busy(format!(
                    "the lock file {} cannot be read ({e}); delete it if no other scholia has the article open",
                    path.display()
                )))
            }
        };
        if holder.host != owner.host {
            return Ok(Acquired::Busy(format!(
                "held by {holder}; delete {} if that session is gone",
                path.display()
            )));
        }
        if alive(holder.pid) {
            // Without /proc a lock of a session that crashed cannot be told from a live one.
            let hint = if cfg!(target_os = "linux") {
                String::new()
            } else {
                format!("; delete {} if that session is gone", path.display())
            };
            return Ok(Acquired::Busy(format!("held by {holder}{hint}")));
        }
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(error(e)),
        }
        stale = Some(holder);
    }
    let holder = read_owner(path)
        .map(|h| h.to_string())
        .unwrap_or_else(|_| "another session".to_string());
    Ok(Acquired::Busy(format!("held by {holder}")))
}

/// Creates the lock file holding `owner`, whole; false when a lock file exists.
fn create(path: &Path, owner: &Owner) -> io::Result<bool> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".scholia-lock.")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    let mut text = serde_json::to_string(owner).map_err(io::Error::other)?;
    text.push('\n');
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e.error),
    }
}

/// Reads who holds the lock at `path`.
pub fn read_owner(path: &Path) -> io::Result<Owner> {
    let text = fs::read_to_string(path)?;
    serde_json::from_str(&text).map_err(|e| io::Error::new(ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(host: &str, pid: u32) -> Owner {
        Owner {
            user: "ana".to_string(),
            host: host.to_string(),
            pid,
            started: "2026-01-02T03:04:05Z".to_string(),
        }
    }

    fn held(a: Acquired) -> Lock {
        match a {
            Acquired::Held(lock) => lock,
            other => panic!("expected the lock, got {other:?}"),
        }
    }

    #[test]
    fn second_taker_is_told_who_holds_it_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        let first = held(acquire_at(&path, owner("box", 10), |_| true).unwrap());
        assert_eq!(read_owner(&path).unwrap(), owner("box", 10));
        match acquire_at(&path, owner("box", 11), |_| true).unwrap() {
            Acquired::Busy(why) => {
                assert_eq!(why, "held by ana@box (pid 10) since 2026-01-02T03:04:05Z")
            }
            other => panic!("{other:?}"),
        }
        drop(first);
        assert!(!path.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "no temp file");
        held(acquire_at(&path, owner("box", 11), |_| true).unwrap());
    }

    #[test]
    fn a_lock_of_a_gone_process_on_this_host_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        std::mem::forget(held(acquire_at(&path, owner("box", 10), |_| true).unwrap()));
        match acquire_at(&path, owner("box", 11), |pid| pid != 10).unwrap() {
            Acquired::TookOver { lock, stale } => {
                assert_eq!(stale.pid, 10);
                assert_eq!(lock.owner().pid, 11);
                assert_eq!(read_owner(&path).unwrap().pid, 11);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_lock_of_another_host_is_never_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        std::mem::forget(held(acquire_at(&path, owner("far", 10), |_| true).unwrap()));
        match acquire_at(&path, owner("box", 11), |_| false).unwrap() {
            Acquired::Busy(why) => assert!(why.starts_with("held by ana@far (pid 10)"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dropping_a_lock_leaves_a_lock_that_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        let ours = held(acquire_at(&path, owner("box", 10), |_| true).unwrap());
        fs::write(&path, serde_json::to_string(&owner("box", 12)).unwrap()).unwrap();
        drop(ours);
        assert_eq!(read_owner(&path).unwrap().pid, 12);
    }

    #[test]
    fn an_unreadable_lock_makes_the_session_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        fs::write(&path, "garbage").unwrap();
        match acquire_at(&path, owner("box", 11), |_| false).unwrap() {
            Acquired::Busy(why) => assert!(why.contains("cannot be read"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "garbage");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_a_huge_pid_is_not() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(u32::MAX - 1));
    }
}
