//! A writer that hashes what passes through it, so that a file written as a stream can
//! be recognised later by its SHA-256 without being held whole in memory.

use std::io::{self, Write};

use sha2::{Digest, Sha256};

/// Writes to `inner` and keeps the SHA-256 of every byte written.
pub struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> HashingWriter<W> {
    /// Hashes what is written to `inner`.
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
        }
    }

    /// The lowercase hex SHA-256 of everything written so far.
    pub fn hex_sha256(&self) -> String {
        let digest = self.hasher.clone().finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::hex_sha256;

    #[test]
    fn the_hash_is_the_hash_of_the_bytes_written() {
        let mut out = HashingWriter::new(Vec::new());
        out.write_all("Ахмед said «нет» 👍🏽".as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
        assert_eq!(out.hex_sha256(), hex_sha256(&out.inner));
    }
}
