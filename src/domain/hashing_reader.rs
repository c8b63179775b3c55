//! A reader that hashes and counts what passes through it, so that a file parsed as a
//! stream is known by its SHA-256 and size without being held whole or read twice.

use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// Reads from `inner`, keeping the SHA-256 and the count of every byte read.
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    read: u64,
}

impl<R: Read> HashingReader<R> {
    /// Hashes what is read from `inner`.
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
            read: 0,
        }
    }

    /// How many bytes were read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// The lowercase hex SHA-256 of everything read so far.
    pub fn hex_sha256(&self) -> String {
        let digest = self.hasher.clone().finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.hasher.update(&buf[..read]);
        self.read += read as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::hex_sha256;

    #[test]
    fn the_hash_and_count_are_those_of_the_bytes_read() {
        let content = "Ахмед said «нет» 👍🏽\n".repeat(1000);
        let mut input = HashingReader::new(content.as_bytes());
        let mut small = [0u8; 7];
        let first = input.read(&mut small).unwrap();
        let mut rest = Vec::new();
        input.read_to_end(&mut rest).unwrap();
        assert_eq!(first + rest.len(), content.len());
        assert_eq!(input.bytes_read(), content.len() as u64);
        assert_eq!(input.hex_sha256(), hex_sha256(content.as_bytes()));
    }
}
