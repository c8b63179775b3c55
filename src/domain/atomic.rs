//! Durable, atomic file writes: a temporary file in the same folder, fsync, rename over
//! the target, fsync the folder. Whatever kills the process, the target holds either the
//! old bytes or the new ones, never a mix.
//!
//! Files a team shares stay as the team set them: a new file follows the umask, a
//! replaced file keeps its mode, owner and group (where the system permits), and a
//! temporary file a killed write left beside the target goes with the next write.

use std::collections::BTreeMap;
use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::regular_file::{check_regular, ReadError};

/// The temporary file's name: `.NAME.` + this many random characters + [`TEMP_SUFFIX`].
const TEMP_RANDOM_CHARS: usize = 6;
/// The temporary file's suffix.
const TEMP_SUFFIX: &str = ".tmp";
/// How many bytes are written before the system is asked to start writing them to disk.
const WRITEBACK_BYTES: u64 = 1 << 21;

/// Replaces `path` with `bytes` atomically and durably. A symlink at `path` is refused
/// unless `follow_symlink` is set (then the link's target is replaced); a FIFO, socket,
/// device or folder is never replaced.
pub fn write_atomic(path: &Path, bytes: &[u8], follow_symlink: bool) -> io::Result<()> {
    write_atomic_with(path, follow_symlink, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `fill` straight into a buffered
/// writer on the temporary file, so that a large file is never held whole in memory.
/// When `fill` fails, the temporary file is removed and `path` is left as it was.
pub fn write_atomic_with(
    path: &Path,
    follow_symlink: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(why) = link_refusal(path, follow_symlink) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, why));
    }
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    Staged::fill(&target, fill)?.commit()
}

/// A file's new content written and synced to a temporary file beside it, not yet in
/// its place: [`Staged::commit`] renames it over the file, dropping it removes it. What
/// writes several files, all or none, stages them all before committing any; the
/// content is compared with the file's without holding either in memory
/// ([`Staged::same_as_target`]).
#[derive(Debug)]
pub struct Staged {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    folder: PathBuf,
    prefix: String,
}

impl Staged {
    /// Writes the content `fill` makes for `target` (not followed if it is a link) into
    /// a temporary file in its folder, through a buffer, and syncs it. A file `target`
    /// that is not a regular file is refused now; a replaced file's owner and mode are
    /// given to the temporary file before any byte is written.
    pub fn fill(
        target: &Path,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<Staged> {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => Path::new(".").to_path_buf(),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = temp_prefix(&name);
        let replaced = replaced_regular(target)?;
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(&prefix)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM_CHARS);
        #[cfg(unix)]
        {
            // Asked for 0666, the file gets what the umask leaves, as any new file does.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut temp = builder.tempfile_in(&folder)?;
        if let Some(meta) = &replaced {
            // Before any byte is written, so a private file is never readable by others.
            keep_owner_and_mode(temp.as_file(), meta)?;
        }
        {
            let mut out = BufWriter::new(EarlyWriteback::new(temp.as_file_mut()));
            fill(&mut out)?;
            out.flush()?;
        }
        temp.as_file().sync_all()?;
        Ok(Staged {
            temp,
            target: target.to_path_buf(),
            folder,
            prefix,
        })
    }

    /// Whether the file in place already holds exactly the staged bytes (read in pieces,
    /// never whole; a file that is not a regular file never does).
    pub fn same_as_target(&self) -> bool {
        let Ok(meta) = fs::metadata(&self.target) else {
            return false;
        };
        let Ok(staged) = self.temp.as_file().metadata() else {
            return false;
        };
        if check_regular(&meta).is_err() || meta.len() != staged.len() {
            return false;
        }
        match (File::open(&self.target), File::open(self.temp.path())) {
            (Ok(a), Ok(b)) => same_bytes(a, b).unwrap_or(false),
            _ => false,
        }
    }

    /// Renames the staged file over its target (a symbolic link put there since is
    /// refused, as [`write_atomic`] refuses it) and syncs the folder.
    pub fn commit(self) -> io::Result<()> {
        if let Some(why) = link_refusal(&self.target, false) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, why));
        }
        if let Ok(meta) = fs::symlink_metadata(&self.target) {
            if let Err(ReadError::NotRegular(kind)) = check_regular(&meta) {
                return Err(not_regular(&self.target, kind));
            }
        }
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        remove_stale_temps(&self.folder, &self.prefix);
        sync_folder(&self.folder);
        Ok(())
    }
}

/// The metadata of the regular file `target` that a write replaces, `None` when there
/// is none; an error when `target` is a FIFO, socket, device or folder.
fn replaced_regular(target: &Path) -> io::Result<Option<Metadata>> {
    let Ok(meta) = fs::metadata(target) else {
        return Ok(None);
    };
    match check_regular(&meta) {
        Err(ReadError::NotRegular(kind)) => Err(not_regular(target, kind)),
        _ => Ok(Some(meta)),
    }
}

/// The error for a target that is not a regular file (`kind` says what it is).
fn not_regular(target: &Path, kind: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} is {kind}, not a regular file; scholia replaces only regular files",
            target.display()
        ),
    )
}

/// Whether two readers give the same bytes, compared a block at a time.
fn same_bytes(a: impl io::Read, b: impl io::Read) -> io::Result<bool> {
    use io::Read;
    let (mut a, mut b) = (io::BufReader::new(a), io::BufReader::new(b));
    let (mut x, mut y) = ([0u8; 8192], [0u8; 8192]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y)? == 0);
        }
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

/// Why `path` may not be written: it is a symbolic link and links are not followed.
pub fn link_refusal(path: &Path, follow_symlink: bool) -> Option<String> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    (is_link && !follow_symlink).then(|| {
        format!(
            "{} is a symbolic link; scholia writes through a link only with --follow-symlinks",
            path.display()
        )
    })
}

/// The start of the temporary file names of writes to a file named `name`.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.")
}

/// Whether `file_name` is a temporary file of a write to the target whose temporary
/// names start with `prefix`.
fn is_temp_of(file_name: &str, prefix: &str) -> bool {
    file_name
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM_CHARS && random.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// The temporary files of earlier writes found in each folder this process wrote to,
/// by one look at the folder the first time: a folder of a million articles is read
/// once per run, not once per save.
static LEFT_BEHIND: Mutex<BTreeMap<PathBuf, Vec<String>>> = Mutex::new(BTreeMap::new());

/// Removes the temporary files earlier writes to the same target left when they were
/// killed. Writers of a sidecar are serialised by the article's lock, so a temporary
/// file of the same target found before this process wrote there belongs to a write
/// that died. Best effort: what cannot be removed stays.
fn remove_stale_temps(folder: &Path, prefix: &str) {
    let mut left_behind = LEFT_BEHIND.lock().unwrap_or_else(PoisonError::into_inner);
    let names = left_behind
        .entry(folder.to_path_buf())
        .or_insert_with(|| temp_files_in(folder));
    names.retain(|name| {
        if is_temp_of(name, prefix) {
            let _ = fs::remove_file(folder.join(name));
            false
        } else {
            true
        }
    });
}

/// The names in `folder` of regular files that look like temporary files of a write.
fn temp_files_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with('.') && name.ends_with(TEMP_SUFFIX))
        .collect()
}

/// Gives the new file the owner, group and mode of the file it replaces. Giving a file
/// to another user needs privilege: when that is refused the group alone is tried, and
/// when that is refused too the file stays the writer's.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{fchown, MetadataExt, PermissionsExt};
    let new = file.metadata()?;
    if (new.uid(), new.gid()) != (old.uid(), old.gid())
        && fchown(file, Some(old.uid()), Some(old.gid())).is_err()
    {
        let _ = fchown(file, None, Some(old.gid()));
    }
    // After the owner: changing the owner may clear the set-id bits.
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
}

/// Gives the new file the permissions of the file it replaces.
#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

/// Flushes the folder entry so the rename itself survives a power cut. Best effort: some
/// file systems refuse to open or sync a folder.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// A file being written that asks the system to start writing what it holds to disk
/// every [`WRITEBACK_BYTES`] (on Linux; elsewhere it only writes), so that the disk
/// works while the rest is rendered and the sync at the end waits for the last piece
/// alone, not for the whole file. It changes nothing in what is durable when.
struct EarlyWriteback<'a> {
    file: &'a mut File,
    /// Bytes written.
    written: u64,
    /// Bytes the system was asked to start writing.
    started: u64,
}

impl<'a> EarlyWriteback<'a> {
    fn new(file: &'a mut File) -> Self {
        EarlyWriteback {
            file,
            written: 0,
            started: 0,
        }
    }

    /// Asks the system to start writing the bytes written since the last time.
    #[cfg(target_os = "linux")]
    fn start_writeback(&mut self) {
        use std::os::fd::AsRawFd;
        let (Ok(from), Ok(len)) = (
            libc::off64_t::try_from(self.started),
            libc::off64_t::try_from(self.written - self.started),
        ) else {
            return;
        };
        // SAFETY: the descriptor is the open file this writer borrows; the call only
        // starts the write-out of a range of it and reads no memory of ours. A failure
        // is no harm: the sync at the end writes everything.
        unsafe {
            libc::sync_file_range(
                self.file.as_raw_fd(),
                from,
                len,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
        self.started = self.written;
    }

    #[cfg(not(target_os = "linux"))]
    fn start_writeback(&mut self) {
        self.started = self.written;
    }
}

impl Write for EarlyWriteback<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_BYTES {
            self.start_writeback();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_past_several_writebacks_holds_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let piece: Vec<u8> = (0..=255u8).cycle().take(100_003).collect();
        let pieces = 3 * WRITEBACK_BYTES as usize / piece.len() + 1;
        write_atomic_with(&path, false, |out| {
            (0..pieces).try_for_each(|_| out.write_all(&piece))
        })
        .unwrap();
        assert_eq!(fs::read(&path).unwrap(), piece.repeat(pieces));
    }

    #[test]
    fn replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"one", false).unwrap();
        write_atomic(&path, b"two", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"old", false).unwrap();
        let failed = write_atomic_with(&path, false, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("cannot render"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_staged_file_is_in_place_only_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, "старое".as_bytes(), false).unwrap();
        let same = Staged::fill(&path, |out| out.write_all("старое".as_bytes())).unwrap();
        assert!(same.same_as_target());
        drop(same);
        let staged = Staged::fill(&path, |out| out.write_all("новое 😀".as_bytes())).unwrap();
        assert!(!staged.same_as_target());
        assert_eq!(fs::read_to_string(&path).unwrap(), "старое");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            2,
            "the staged file"
        );
        staged.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "новое 😀");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_longer_or_shorter_file_is_not_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        fs::write(&path, b"abc").unwrap();
        for other in [&b"ab"[..], b"abcd", b"abd"] {
            let staged = Staged::fill(&path, |out| out.write_all(other)).unwrap();
            assert!(!staged.same_as_target(), "{other:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_staged_file_is_not_committed_over_a_link_put_there_since() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, b"old").unwrap();
        let path = dir.path().join("x.json");
        let staged = Staged::fill(&path, |out| out.write_all(b"new")).unwrap();
        std::os::unix::fs::symlink(&real, &path).unwrap();
        assert!(staged.commit().is_err());
        assert_eq!(fs::read(&real).unwrap(), b"old");
    }

    #[test]
    fn names_only_its_own_targets_temporary_files() {
        let prefix = temp_prefix("a.json");
        assert!(is_temp_of(".a.json.Xy12Zq.tmp", &prefix));
        assert!(!is_temp_of(".a.json.Xy12Z.tmp", &prefix));
        assert!(!is_temp_of(".a.json.Xy1-Zq.tmp", &prefix));
        assert!(!is_temp_of(".b.json.Xy12Zq.tmp", &prefix));
        assert!(!is_temp_of("a.json", &prefix));
    }

    #[test]
    fn removes_the_temporary_file_a_killed_write_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        fs::write(&path, b"one").unwrap();
        let stale = dir.path().join(".x.json.Ab12Cd.tmp");
        fs::write(&stale, b"half").unwrap();
        let other = dir.path().join(".y.json.Ab12Cd.tmp");
        fs::write(&other, b"half").unwrap();
        write_atomic(&path, b"two", false).unwrap();
        assert!(!stale.exists());
        assert!(other.exists());
        assert_eq!(fs::read(&path).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"one", false).unwrap();
        if let Some(umask) = process_umask() {
            assert_eq!(mode(&path), 0o666 & !umask);
        }
        for kept in [0o640, 0o600, 0o664] {
            fs::set_permissions(&path, fs::Permissions::from_mode(kept)).unwrap();
            write_atomic(&path, b"two", false).unwrap();
            assert_eq!(mode(&path), kept);
        }
    }

    /// This process's umask, from `/proc/self/status` where there is one.
    #[cfg(unix)]
    fn process_umask() -> Option<u32> {
        let status = fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("Umask:"))?;
        u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
    }

    #[test]
    fn never_replaces_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("out");
        fs::create_dir(&folder).unwrap();
        let error = write_atomic(&folder, b"x", false).unwrap_err();
        assert!(error.to_string().contains("a directory"), "{error}");
        assert!(folder.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn never_replaces_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let error = write_atomic(&fifo, b"x", false).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp file");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlink_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(write_atomic(&link, b"new", false).is_err());
        assert_eq!(fs::read(&real).unwrap(), b"old");
        write_atomic(&link, b"new", true).unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}
