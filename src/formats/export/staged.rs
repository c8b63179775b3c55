//! The files of one article's export, made before any is put in place, none held whole
//! in memory: each is written through a buffer into a temporary file beside where it
//! goes (`scholia export` and the workbench then check them all and put all or none in
//! place), except a
//! brat `annotation.conf`, which is small and is merged with the project's and with the
//! other articles' before it is written, and the one file for standard output, which
//! is spooled to an unnamed temporary file until the articles before it are out.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use super::ExportSink;
use crate::domain::atomic::Staged;
use crate::domain::regular_file::{check_regular, ReadError};

/// The name of brat's configuration file, which several articles' exports share.
pub const CONF: &str = "annotation.conf";

/// One file of an article's export, made but not yet in its place.
#[derive(Debug)]
pub struct MadeFile {
    /// The name the format gives it (`article.ann`).
    pub name: String,
    /// Where it goes; `None` for standard output.
    pub path: Option<PathBuf>,
    /// Its content.
    pub content: Made,
}

/// Where the content of a [`MadeFile`] is.
#[derive(Debug)]
pub enum Made {
    /// In a temporary file beside its destination, synced.
    Staged(Staged),
    /// In memory (a brat `annotation.conf`).
    Held(String),
    /// In an unnamed temporary file, at its start (for standard output).
    Spooled(File),
    /// Not kept: standard output takes one file, and this is another.
    Skipped,
    /// Not made: its destination cannot be written, for this reason (a folder, a FIFO).
    Unwritable(String),
}

impl MadeFile {
    /// Whether the file in place already holds exactly this content.
    pub fn already_there(&self) -> bool {
        match (&self.content, &self.path) {
            (Made::Staged(staged), _) => staged.same_as_target(),
            (Made::Held(text), Some(path)) => super::beside::holds(path, text),
            _ => false,
        }
    }
}

/// An [`ExportSink`] that makes each file where it goes: into `folder` (the first file
/// to `main` when given), or for standard output when there is no folder.
#[derive(Debug)]
pub struct Staging {
    folder: Option<PathBuf>,
    main: Option<PathBuf>,
    /// The files made, in the order the format wrote them (the first is the main one).
    pub files: Vec<MadeFile>,
}

impl Staging {
    /// Files that go into `folder`, the first of them to `main` when given.
    pub fn into_folder(folder: PathBuf, main: Option<PathBuf>) -> Staging {
        Staging {
            folder: Some(folder),
            main,
            files: Vec::new(),
        }
    }

    /// The first file for standard output (the others are skipped).
    pub fn for_stdout() -> Staging {
        Staging {
            folder: None,
            main: None,
            files: Vec::new(),
        }
    }
}

impl ExportSink for Staging {
    fn file(
        &mut self,
        name: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let first = self.files.is_empty();
        let (path, content) = match &self.folder {
            None if first => (None, Made::Spooled(spool(write)?)),
            None => {
                write(&mut io::sink())?;
                (None, Made::Skipped)
            }
            Some(folder) => {
                let path = match (&self.main, first) {
                    (Some(main), true) => main.clone(),
                    _ => folder.join(name),
                };
                let content = made_at(&path, name, write)?;
                (Some(path), content)
            }
        };
        self.files.push(MadeFile {
            name: name.to_string(),
            path,
            content,
        });
        Ok(())
    }
}

/// The content `write` makes for the file `name` at `path`.
fn made_at(
    path: &Path,
    name: &str,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Made> {
    if let Some(why) = unwritable(path) {
        write(&mut io::sink())?;
        return Ok(Made::Unwritable(why));
    }
    if name == CONF {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        let text =
            String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        return Ok(Made::Held(text));
    }
    Staged::fill(path, |out| write(out))
        .map(Made::Staged)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))
}

/// Why nothing can be written at `path`: something other than a regular file is there.
fn unwritable(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    match check_regular(&meta) {
        Err(ReadError::NotRegular(kind)) => Some(format!(
            "cannot write {}: it is {kind}, not a regular file; scholia replaces only regular files",
            path.display()
        )),
        _ => None,
    }
}

/// The bytes `write` makes, in an unnamed temporary file, rewound.
fn spool(write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<File> {
    let mut file = tempfile::tempfile()?;
    {
        let mut out = BufWriter::new(&mut file);
        write(&mut out)?;
        out.flush()?;
    }
    file.rewind()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn make(sink: &mut Staging, name: &str, text: &str) {
        sink.file(name, &mut |out| out.write_all(text.as_bytes()))
            .unwrap();
    }

    #[test]
    fn files_are_made_beside_their_destination_and_not_put_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("chosen.ann");
        let mut sink = Staging::into_folder(dir.path().to_path_buf(), Some(main.clone()));
        make(&mut sink, "a.ann", "T1\tPER 0 4\tМаша\n");
        make(&mut sink, CONF, "[entities]\nPER\n");
        assert_eq!(sink.files[0].path.as_deref(), Some(main.as_path()));
        assert!(!main.exists(), "not in place before it is committed");
        assert!(matches!(&sink.files[1].content, Made::Held(t) if t == "[entities]\nPER\n"));
        let Made::Staged(staged) = sink.files.remove(0).content else {
            panic!("staged")
        };
        staged.commit().unwrap();
        assert_eq!(fs::read_to_string(&main).unwrap(), "T1\tPER 0 4\tМаша\n");
    }

    #[test]
    fn a_file_dropped_before_it_is_committed_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Staging::into_folder(dir.path().to_path_buf(), None);
        make(&mut sink, "a.json", "{}");
        drop(sink);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn standard_output_gets_the_first_file_only() {
        let mut sink = Staging::for_stdout();
        make(&mut sink, "a.jsonl", "{\"text\":\"😀\"}\n");
        make(&mut sink, "b.conf", "x");
        let Made::Spooled(mut file) = sink.files.remove(0).content else {
            panic!("spooled")
        };
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        assert_eq!(text, "{\"text\":\"😀\"}\n");
        assert!(matches!(sink.files[0].content, Made::Skipped));
    }

    #[test]
    fn a_folder_where_a_file_goes_is_unwritable() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("a.ann")).unwrap();
        let mut sink = Staging::into_folder(dir.path().to_path_buf(), None);
        make(&mut sink, "a.ann", "T1\n");
        assert!(
            matches!(&sink.files[0].content, Made::Unwritable(why) if why.contains("directory"))
        );
    }

    #[test]
    fn a_file_already_holding_the_content_is_recognised() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.ann"), "T1\tÉ\n").unwrap();
        fs::write(dir.path().join("b.ann"), "T1\tE\n").unwrap();
        let mut sink = Staging::into_folder(dir.path().to_path_buf(), None);
        make(&mut sink, "a.ann", "T1\tÉ\n");
        make(&mut sink, "b.ann", "T1\tÉ\n");
        make(&mut sink, "c.ann", "T1\tÉ\n");
        let there: Vec<bool> = sink.files.iter().map(MadeFile::already_there).collect();
        assert_eq!(there, [true, false, false]);
    }
}
