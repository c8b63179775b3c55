//! The article's SHA-256, worked out on a thread of its own while the article is set up
//! and its first screen drawn (DESIGN §8: the first screen before the work that needs the
//! whole text). Only comparing with the sidecar and the journal, and writing them, need
//! the hash; the first of those to ask waits for it, so no sidecar or journal is ever
//! written with a hash that was not worked out from the article's bytes.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread::{self, JoinHandle};

use super::document::hex_sha256;

/// The lowercase hex SHA-256 of an article, shared by the document and the writers of
/// its sidecar and journal (cloning shares it, it is not worked out again). A workbench
/// opened in the terminal starts it only after the first frame (see
/// [`ArticleHash::later`]), so that it takes no processor from that frame.
#[derive(Clone)]
pub struct ArticleHash {
    shared: Arc<Shared>,
}

struct Shared {
    /// The hash, once known.
    value: OnceLock<String>,
    /// The thread working it out, until someone takes its answer.
    job: Mutex<Option<JoinHandle<String>>>,
    /// The bytes, to work the hash out here when the thread could not be started (or
    /// ended without an answer); `None` for a hash known from the start.
    text: Option<Arc<String>>,
}

impl ArticleHash {
    /// Starts working out the hash of `text` on a thread of its own.
    pub fn start(text: Arc<String>) -> ArticleHash {
        let hash = ArticleHash::later(text);
        hash.start_working();
        hash
    }

    /// The hash of `text`, not worked out yet: [`ArticleHash::start_working`] starts
    /// its thread, and the first [`ArticleHash::get`] before that works it out there.
    pub fn later(text: Arc<String>) -> ArticleHash {
        ArticleHash {
            shared: Arc::new(Shared {
                value: OnceLock::new(),
                job: Mutex::new(None),
                text: Some(text),
            }),
        }
    }

    /// Starts working out the hash on a thread of its own, unless it is known or being
    /// worked out already.
    pub fn start_working(&self) {
        let Some(text) = &self.shared.text else {
            return;
        };
        let mut job = self
            .shared
            .job
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if job.is_some() || self.shared.value.get().is_some() {
            return;
        }
        let for_job = Arc::clone(text);
        *job = thread::Builder::new()
            .name("article-hash".to_string())
            .spawn(move || hex_sha256(for_job.as_bytes()))
            .ok();
    }

    /// A hash already known (read from a file, or a test's).
    pub fn known(hex: &str) -> ArticleHash {
        let value = OnceLock::new();
        let _ = value.set(hex.to_string());
        ArticleHash {
            shared: Arc::new(Shared {
                value,
                job: Mutex::new(None),
                text: None,
            }),
        }
    }

    /// The hash, waiting for its thread the first time if it has not finished.
    pub fn get(&self) -> &str {
        self.shared.value.get_or_init(|| {
            let job = self
                .shared
                .job
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            job.and_then(|job| job.join().ok())
                .or_else(|| self.shared.text.as_ref().map(|t| hex_sha256(t.as_bytes())))
                .unwrap_or_default()
        })
    }
}

impl From<&str> for ArticleHash {
    fn from(hex: &str) -> ArticleHash {
        ArticleHash::known(hex)
    }
}

impl fmt::Debug for ArticleHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shared.value.get() {
            Some(hex) => f.debug_tuple("ArticleHash").field(hex).finish(),
            None => f.write_str("ArticleHash(being worked out)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_works_out_the_hash_of_the_bytes() {
        let hash = ArticleHash::start(Arc::new("Zoë".to_string()));
        assert_eq!(hash.get(), hex_sha256("Zoë".as_bytes()));
        // Asking again, or through a clone, gives the same answer without a thread.
        assert_eq!(hash.clone().get(), hash.get());
    }

    #[test]
    fn a_hash_for_later_is_worked_out_when_asked_for_or_started() {
        let asked = ArticleHash::later(Arc::new("Zoë".to_string()));
        assert_eq!(asked.get(), hex_sha256("Zoë".as_bytes()));
        let started = ArticleHash::later(Arc::new("Ana".to_string()));
        started.start_working();
        started.start_working();
        assert_eq!(started.get(), hex_sha256("Ana".as_bytes()));
    }

    #[test]
    fn a_known_hash_is_given_back_as_it_is() {
        assert_eq!(ArticleHash::from("abc").get(), "abc");
    }
}
