//! The lock file `<article>.scholia.lock`: one writing session per article (DESIGN §7).
//!
//! The file holds JSON `{user, host, pid, started, pid_start}`. It is created whole and
//! atomically (written to a temporary file, then moved into place only if no lock
//! exists), so a second scholia never sees it half-written. A second session is told who
//! holds the article and opens read-only; a lock left by a process that is gone on this
//! host is taken over. A process is gone when its pid does not exist, is a zombie, or
//! (when the lock records `pid_start`) belongs to a process that started at another
//! time: the pid was reused. The lock is removed when its [`Lock`] is dropped.

use std::fmt;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::beside::beside;
use super::clock;
use super::regular_file::read_regular_text;

/// The suffix added to the article's file name.
pub const SUFFIX: &str = ".scholia.lock";
/// The largest lock file read: an owner record is a few hundred bytes.
const MAX_LOCK_SIZE: u64 = 64 * 1024;

/// The lock file path of an article: the article's path plus `.scholia.lock`.
pub fn path_for(article: &Path) -> PathBuf {
    beside(article, SUFFIX)
}

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    /// Who: the annotator's name (see `config::annotator::annotator_name`).
    pub user: String,
    /// Host name.
    pub host: String,
    /// Process id.
    pub pid: u32,
    /// When the session started, RFC 3339 UTC.
    pub started: String,
    /// When process `pid` started, in clock ticks after the host booted (Linux: field 22
    /// of `/proc/PID/stat`), so that a reused pid is not taken for the holder. Absent in
    /// locks of older versions and on other systems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_start: Option<u64>,
}

impl Owner {
    /// This process, for `user`: the host name, the process id, now.
    pub fn current(user: &str) -> Owner {
        let user = user.to_string();
        let pid = std::process::id();
        Owner {
            user,
            host: host_name(),
            pid,
            started: clock::now(),
            pid_start: process_start(pid),
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

/// Whether process `pid` of this host is running: it exists and is not a zombie, and,
/// when `started` is given, it started then (clock ticks after boot) — else the pid was
/// reused by another process. On Linux, by `/proc`; elsewhere scholia cannot tell without
/// new dependencies and assumes it is.
pub fn process_alive(pid: u32, started: Option<u64>) -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(text) => match ProcessStat::parse(&text) {
            Some(stat) => !stat.zombie && started.is_none_or(|t| t == stat.start),
            // A format this code does not know: the process is there.
            None => true,
        },
        Err(e) if e.kind() == ErrorKind::NotFound => false,
        // Hidden or unreadable: as before start times were recorded, by its folder.
        Err(_) => Path::new(&format!("/proc/{pid}")).exists(),
    }
}

/// When process `pid` of this host started, in clock ticks after boot; `None` when that
/// cannot be told (not Linux, or no such process).
pub fn process_start(pid: u32) -> Option<u64> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    ProcessStat::parse(&text).map(|stat| stat.start)
}

/// What scholia reads in `/proc/PID/stat`.
#[derive(Debug, PartialEq, Eq)]
struct ProcessStat {
    /// State `Z`: it ended and waits for its parent to collect it.
    zombie: bool,
    /// Field 22, `starttime`: clock ticks after boot.
    start: u64,
}

impl ProcessStat {
    /// Parses the line `PID (COMM) STATE PPID ...`; the command name may hold spaces and
    /// parentheses, so the fields are counted from its last `)`.
    fn parse(text: &str) -> Option<ProcessStat> {
        let (_, rest) = text.rsplit_once(')')?;
        let mut fields = rest.split_ascii_whitespace();
        // Fields 3 (state) onwards; starttime is field 22.
        let state = fields.next()?;
        let start = fields.nth(22 - 4)?.parse().ok()?;
        Some(ProcessStat {
            zombie: state == "Z",
            start,
        })
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

/// Takes the lock of `article` for this process, in the name of `user` (the annotator).
pub fn acquire(article: &Path, user: &str) -> Result<Acquired, LockError> {
    acquire_at(&path_for(article), Owner::current(user), holder_alive)
}

/// Whether the process that holds a lock of this host still runs (see [`process_alive`]).
pub fn holder_alive(holder: &Owner) -> bool {
    process_alive(holder.pid, holder.pid_start)
}

/// Takes the lock at `path` for `owner`; `alive` tells whether the holder of a lock of
/// this host still runs.
pub fn acquire_at(
    path: &Path,
    owner: Owner,
    alive: impl Fn(&Owner) -> bool,
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
        if alive(&holder) {
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".scholia-lock.").suffix(".tmp");
    #[cfg(unix)]
    {
        // Readable as the umask allows, so a teammate's scholia can say who holds it.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
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
    let text = read_regular_text(path, MAX_LOCK_SIZE)?;
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
            pid_start: None,
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
        match acquire_at(&path, owner("box", 11), |h| h.pid != 10).unwrap() {
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
        assert!(process_alive(std::process::id(), None));
        assert!(!process_alive(u32::MAX - 1, None));
    }

    #[test]
    fn the_stat_line_is_read_past_a_command_name_with_spaces_and_parentheses() {
        let line = "4242 (my (odd) name) Z 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 \
                    20 0 1 0 987654 1000 10 18446744073709551615\n";
        assert_eq!(
            ProcessStat::parse(line),
            Some(ProcessStat {
                zombie: true,
                start: 987654
            })
        );
        assert_eq!(ProcessStat::parse("4242 (cut"), None);
        assert_eq!(ProcessStat::parse("4242 (short) S 1 2"), None);
    }

    #[test]
    fn a_lock_of_an_older_version_without_a_start_time_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        let old = r#"{"user":"ana","host":"box","pid":10,"started":"2026-01-02T03:04:05Z"}"#;
        fs::write(&path, old).unwrap();
        assert_eq!(read_owner(&path).unwrap(), owner("box", 10));
        let text = serde_json::to_string(&owner("box", 10)).unwrap();
        assert!(!text.contains("pid_start"), "{text}");
    }

    /// This process as a lock holder of this host, started at `pid_start`.
    #[cfg(target_os = "linux")]
    fn this_process(pid_start: Option<u64>) -> Owner {
        Owner {
            pid_start,
            ..Owner::current("analyst")
        }
    }

    /// Another session of this host asking for the lock at `path`.
    #[cfg(target_os = "linux")]
    fn ask(path: &Path) -> Acquired {
        let asker = Owner {
            pid: 1,
            ..Owner::current("analyst")
        };
        acquire_at(path, asker, holder_alive).unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_lock_of_this_process_with_its_real_start_time_is_busy() {
        let me = Owner::current("analyst");
        assert!(me.pid_start.is_some(), "the start time is recorded");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        let _held = held(acquire_at(&path, me, |_| true).unwrap());
        assert!(matches!(ask(&path), Acquired::Busy(_)));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_old_lock_of_a_running_process_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        std::mem::forget(held(
            acquire_at(&path, this_process(None), |_| true).unwrap(),
        ));
        assert!(matches!(ask(&path), Acquired::Busy(_)));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_live_pid_that_started_at_another_time_was_reused_and_its_lock_is_stale() {
        let real = process_start(std::process::id()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.scholia.lock");
        let reused = this_process(Some(real + 1));
        std::mem::forget(held(acquire_at(&path, reused, |_| true).unwrap()));
        match ask(&path) {
            Acquired::TookOver { stale, .. } => assert_eq!(stale.pid_start, Some(real + 1)),
            other => panic!("{other:?}"),
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_zombies_lock_is_stale() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let zombie = || {
            fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|t| ProcessStat::parse(&t))
                .is_some_and(|stat| stat.zombie)
        };
        while !zombie() {
            assert!(std::time::Instant::now() < deadline, "never a zombie");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let start = process_start(pid);
        assert!(start.is_some());
        for pid_start in [start, None] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.txt.scholia.lock");
            let holder = Owner {
                pid,
                pid_start,
                ..Owner::current("analyst")
            };
            std::mem::forget(held(acquire_at(&path, holder, |_| true).unwrap()));
            match ask(&path) {
                Acquired::TookOver { stale, .. } => assert_eq!(stale.pid, pid),
                other => panic!("{pid_start:?}: {other:?}"),
            }
        }
        child.wait().unwrap();
    }
}
