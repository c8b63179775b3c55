//! Which version of a file a session last read or wrote, so that it can tell, cheaply,
//! whether another program (`git pull`, a script) has replaced the file since: the size,
//! modification time and file identity first, and the SHA-256 of the content only when
//! those differ (a `touch`, or a checkout that wrote the same bytes, is no change).

use std::fs::{self, Metadata};
use std::io::{self, ErrorKind, Read};
use std::path::Path;
use std::time::SystemTime;

use super::hashing_writer::HashingWriter;
use super::regular_file::{open_regular, ReadError};
use super::sidecar::MAX_SIDECAR_SIZE;

/// What `fs::metadata` says about a file, enough to notice most replacements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    bytes: u64,
    modified: Option<SystemTime>,
    /// Device and inode: an atomic replacement makes a new file.
    identity: Option<(u64, u64)>,
}

impl FileMeta {
    fn of(meta: &Metadata) -> FileMeta {
        FileMeta {
            bytes: meta.len(),
            modified: meta.modified().ok(),
            identity: identity(meta),
        }
    }
}

#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &Metadata) -> Option<(u64, u64)> {
    None
}

/// The version of a file last read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskStamp {
    /// There was no file.
    Absent,
    /// A file with this content (`meta`: how it looked then, when known for sure).
    File {
        /// Size, modification time and identity; `None` forces a look at the content.
        meta: Option<FileMeta>,
        /// Lowercase hex SHA-256 of the content.
        sha256: String,
    },
    /// The file changed while it was being read: whatever is on disk counts as changed.
    Unknown,
}

/// How the file on disk compares with a stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    /// The same content (the stamp to keep, refreshed when only the metadata moved).
    Same(DiskStamp),
    /// Another content, or a file where there was none.
    Changed,
    /// The file is gone.
    Deleted,
}

impl DiskStamp {
    /// Stamps the file at `path` as it is now (reading it through to hash it, a piece
    /// at a time: never held whole in memory).
    pub fn take(path: &Path) -> io::Result<DiskStamp> {
        let Some(meta) = metadata(path)? else {
            return Ok(DiskStamp::Absent);
        };
        let sha256 = hash_regular(path, MAX_SIDECAR_SIZE)?;
        Ok(stamp(path, meta, &sha256))
    }

    /// Stamps the file at `path` just written with the content whose SHA-256 is
    /// `sha256`. If the file no longer holds that content (another program wrote in
    /// between), the stamp keeps the content written and no metadata, so that the next
    /// [`DiskStamp::compare`] sees the change.
    pub fn written(path: &Path, sha256: &str) -> DiskStamp {
        let sha256 = sha256.to_string();
        match DiskStamp::take(path) {
            Ok(DiskStamp::File { meta, sha256: now }) if now == sha256 => {
                DiskStamp::File { meta, sha256 }
            }
            _ => DiskStamp::File { meta: None, sha256 },
        }
    }

    /// Stamps the file at `path` around `read`, which reads it through and gives the
    /// SHA-256 of the bytes it read (`None`: there was no file to read), so that the
    /// file is not read a second time to be stamped. When the file changed while `read`
    /// ran, the stamp is [`DiskStamp::Unknown`].
    pub fn of_read<T, E>(
        path: &Path,
        read: impl FnOnce() -> Result<(T, Option<String>), E>,
    ) -> Result<(T, DiskStamp), E> {
        let before = metadata(path).ok().flatten().map(|m| FileMeta::of(&m));
        let (value, sha256) = read()?;
        let after = metadata(path).ok().flatten().map(|m| FileMeta::of(&m));
        let stamp = match (sha256, before, after) {
            (None, None, None) => DiskStamp::Absent,
            (Some(sha256), Some(before), Some(after)) if before == after => DiskStamp::File {
                meta: Some(after),
                sha256,
            },
            _ => DiskStamp::Unknown,
        };
        Ok((value, stamp))
    }

    /// Compares the file at `path` with this stamp: the metadata first, the content's
    /// hash only when the metadata differs.
    pub fn compare(&self, path: &Path) -> io::Result<OnDisk> {
        let sha256 = match (self, metadata(path)?) {
            (DiskStamp::Absent, None) => return Ok(OnDisk::Same(DiskStamp::Absent)),
            (DiskStamp::Absent | DiskStamp::Unknown, Some(_)) => return Ok(OnDisk::Changed),
            (_, None) => return Ok(OnDisk::Deleted),
            (DiskStamp::File { meta, sha256 }, Some(now)) => {
                if meta.as_ref() == Some(&FileMeta::of(&now)) {
                    return Ok(OnDisk::Same(self.clone()));
                }
                sha256
            }
        };
        match DiskStamp::take(path)? {
            DiskStamp::File { meta, sha256: now } if &now == sha256 => {
                Ok(OnDisk::Same(DiskStamp::File { meta, sha256: now }))
            }
            DiskStamp::Absent => Ok(OnDisk::Deleted),
            _ => Ok(OnDisk::Changed),
        }
    }
}

/// The stamp of a file whose content hashed to `sha256`, with `meta` taken before it was
/// read: kept only if the file still looks the same after the read.
fn stamp(path: &Path, meta: Metadata, sha256: &str) -> DiskStamp {
    let before = FileMeta::of(&meta);
    let after = metadata(path).ok().flatten().map(|m| FileMeta::of(&m));
    DiskStamp::File {
        meta: (after.as_ref() == Some(&before)).then_some(before),
        sha256: sha256.to_string(),
    }
}

/// The lowercase hex SHA-256 of the regular file at `path`, read a piece at a time;
/// a file of more than `limit` bytes is refused as reading it whole would refuse it.
fn hash_regular(path: &Path, limit: u64) -> io::Result<String> {
    let (file, _) = open_regular(path, limit)?;
    let mut hashed = HashingWriter::new(io::sink());
    let read = io::copy(&mut file.take(limit.saturating_add(1)), &mut hashed)?;
    if read > limit {
        return Err(ReadError::TooLarge { size: read, limit }.into());
    }
    Ok(hashed.hex_sha256())
}

/// The file's metadata; `None` when there is no file.
fn metadata(path: &Path) -> io::Result<Option<Metadata>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::hex_sha256;

    #[test]
    fn the_hash_read_in_pieces_is_the_hash_of_the_whole_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &content).unwrap();
        let DiskStamp::File { sha256, .. } = DiskStamp::take(&path).unwrap() else {
            panic!("a file");
        };
        assert_eq!(sha256, hex_sha256(&content));
    }

    #[test]
    fn an_untouched_file_is_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "one").unwrap();
        let stamp = DiskStamp::take(&path).unwrap();
        assert_eq!(stamp.compare(&path).unwrap(), OnDisk::Same(stamp.clone()));
    }

    #[test]
    fn a_replaced_file_is_changed_even_with_the_same_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "one").unwrap();
        let stamp = DiskStamp::take(&path).unwrap();
        let other = dir.path().join("other");
        fs::write(&other, "two").unwrap();
        fs::rename(&other, &path).unwrap();
        assert_eq!(stamp.compare(&path).unwrap(), OnDisk::Changed);
    }

    #[test]
    fn the_same_bytes_written_again_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "one").unwrap();
        let stamp = DiskStamp::take(&path).unwrap();
        let other = dir.path().join("other");
        fs::write(&other, "one").unwrap();
        fs::rename(&other, &path).unwrap();
        let OnDisk::Same(fresh) = stamp.compare(&path).unwrap() else {
            panic!("same content");
        };
        assert_ne!(fresh, stamp, "the metadata is refreshed");
        assert_eq!(fresh.compare(&path).unwrap(), OnDisk::Same(fresh.clone()));
    }

    #[test]
    fn a_file_appearing_or_vanishing_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let none = DiskStamp::take(&path).unwrap();
        assert_eq!(none, DiskStamp::Absent);
        assert_eq!(
            none.compare(&path).unwrap(),
            OnDisk::Same(DiskStamp::Absent)
        );
        fs::write(&path, "one").unwrap();
        assert_eq!(none.compare(&path).unwrap(), OnDisk::Changed);
        let stamp = DiskStamp::written(&path, &hex_sha256(b"one"));
        fs::remove_file(&path).unwrap();
        assert_eq!(stamp.compare(&path).unwrap(), OnDisk::Deleted);
    }

    #[test]
    fn a_write_overtaken_by_another_is_not_taken_for_ours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "theirs").unwrap();
        let stamp = DiskStamp::written(&path, &hex_sha256(b"ours"));
        assert_eq!(stamp.compare(&path).unwrap(), OnDisk::Changed);
    }

    #[test]
    fn a_file_read_through_is_stamped_with_the_hash_of_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "one").unwrap();
        let (_, stamp) =
            DiskStamp::of_read(&path, || Ok::<_, io::Error>(((), Some(hex_sha256(b"one")))))
                .unwrap();
        assert!(matches!(&stamp, DiskStamp::File { meta: Some(_), .. }));
        assert_eq!(stamp, DiskStamp::take(&path).unwrap());
        let absent = dir.path().join("none.json");
        let (_, stamp) = DiskStamp::of_read(&absent, || Ok::<_, io::Error>(((), None))).unwrap();
        assert_eq!(stamp, DiskStamp::Absent);
    }

    #[test]
    fn a_file_changed_while_read_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        fs::write(&path, "one").unwrap();
        let (_, stamp) = DiskStamp::of_read(&path, || {
            fs::write(dir.path().join("other"), "two")?;
            fs::rename(dir.path().join("other"), &path)?;
            Ok::<_, io::Error>(((), Some(hex_sha256(b"one"))))
        })
        .unwrap();
        assert_eq!(stamp, DiskStamp::Unknown);
        assert_eq!(stamp.compare(&path).unwrap(), OnDisk::Changed);
    }

    #[test]
    fn a_file_appearing_while_read_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let (_, stamp) = DiskStamp::of_read(&path, || {
            fs::write(&path, "one")?;
            Ok::<_, io::Error>(((), None))
        })
        .unwrap();
        assert_eq!(stamp, DiskStamp::Unknown);
    }
}
