//! Durable, atomic file writes: a temporary file in the same folder, fsync, rename over
//! the target, fsync the folder. Whatever kills the process, the target holds either the
//! old bytes or the new ones, never a mix.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `bytes` atomically and durably. A symlink at `path` is refused
/// unless `follow_symlink` is set (then the link's target is replaced).
pub fn write_atomic(path: &Path, bytes: &[u8], follow_symlink: bool) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            if !follow_symlink {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{} is a symbolic link; scholia does not write through links unless told to (--follow-symlinks)",
                        path.display()
                    ),
                ));
            }
            fs::canonicalize(path)?
        }
        _ => path.to_path_buf(),
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(&target) {
        // Keep the permissions the analyst gave the file.
        let _ = fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(&target).map_err(|e| e.error)?;
    sync_folder(&folder);
    Ok(())
}

/// Flushes the folder entry so the rename itself survives a power cut. Best effort: some
/// file systems refuse to open or sync a folder.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"one", false).unwrap();
        write_atomic(&path, b"two", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
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
