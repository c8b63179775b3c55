//! Interning for the bulk paths (a sidecar load, an import, an extraction, a journal
//! replay): inside [`scope`], every [`SharedStr`](super::SharedStr) made on this thread
//! from a text already made in the scope shares that one allocation, so the 27k labels of
//! an import are a handful of strings and a mention quoted 2,000 times is one.
//!
//! The set of strings seen lives only as long as the outermost scope: it is dropped at
//! its end (the strings live on in the annotations that hold them), so nothing is kept
//! process-wide and two loads share nothing. Nested scopes use the outer one's set.
//! Only what repeats is worth interning: a quote's prefix and suffix (the context
//! around each mention, unique to it) are plain `String`s and never pass through here.

use std::cell::RefCell;
use std::collections::HashSet;
use std::marker::PhantomData;
use std::sync::Arc;

use foldhash::fast::RandomState;

thread_local! {
    /// The set of the current scope on this thread, if one is open.
    static ACTIVE: RefCell<Option<HashSet<Arc<str>, RandomState>>> = const { RefCell::new(None) };
}

/// Runs `work` with interning on for this thread: the strings it makes share their
/// allocations. Inside another scope it is that scope; the set is dropped when the
/// outermost scope ends, even by a panic.
pub fn scope<R>(work: impl FnOnce() -> R) -> R {
    let _scope = Scope::open();
    work()
}

/// An open interning scope, for code that cannot put its work in a closure (one that
/// returns early with `?`): interning is on for this thread until it is dropped, as
/// inside [`scope`].
#[must_use = "the scope closes when this is dropped"]
pub struct Scope {
    /// Whether this scope made the set (it is the outermost) and drops it.
    outermost: bool,
    /// Tied to this thread, as the set is.
    _here: PhantomData<*const ()>,
}

impl Scope {
    /// Opens a scope on this thread (the one already open, when there is one).
    pub fn open() -> Scope {
        let outermost = ACTIVE
            .try_with(|active| {
                let mut active = active.borrow_mut();
                if active.is_some() {
                    return false;
                }
                *active = Some(HashSet::default());
                true
            })
            .unwrap_or(false);
        Scope {
            outermost,
            _here: PhantomData,
        }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if self.outermost {
            // The set is taken out first, so its strings are freed with no borrow held.
            let set = ACTIVE.try_with(|active| active.borrow_mut().take());
            drop(set);
        }
    }
}

/// `text` as the allocation the current scope holds for it (made now if it holds none);
/// `None` outside a scope.
pub(super) fn shared(text: &str) -> Option<Arc<str>> {
    ACTIVE
        .try_with(|active| {
            let mut active = active.borrow_mut();
            let set = active.as_mut()?;
            if let Some(known) = set.get(text) {
                return Some(Arc::clone(known));
            }
            let new: Arc<str> = Arc::from(text);
            set.insert(Arc::clone(&new));
            Some(new)
        })
        .ok()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a scope is open on this thread.
    fn is_active() -> bool {
        ACTIVE.with(|active| active.borrow().is_some())
    }

    #[test]
    fn the_set_lives_as_long_as_the_outermost_scope() {
        assert!(!is_active());
        let (outer, inner) = scope(|| {
            let outer = shared("PERSON").unwrap();
            let inner = scope(|| shared("PERSON").unwrap());
            assert!(is_active(), "still open after the inner scope");
            (outer, inner)
        });
        assert!(
            Arc::ptr_eq(&outer, &inner),
            "a nested scope uses the outer set"
        );
        assert!(!is_active());
        assert_eq!(Arc::strong_count(&outer), 2, "the set let go of its copy");
        assert!(shared("PERSON").is_none(), "no set outside a scope");
    }

    #[test]
    fn two_scopes_share_nothing() {
        let first = scope(|| shared("GPE").unwrap());
        let second = scope(|| shared("GPE").unwrap());
        assert!(!Arc::ptr_eq(&first, &second));
    }

    #[test]
    fn a_panic_closes_the_scope() {
        let caught = std::panic::catch_unwind(|| scope(|| panic!("in the scope")));
        assert!(caught.is_err());
        assert!(!is_active());
    }
}
