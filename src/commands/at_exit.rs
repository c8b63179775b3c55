//! Leaving a batch command's largest structures to the process's exit.

/// Hands `value` to the process's exit instead of freeing it, when `alone` says that
/// the command works on one article and exits right after: freeing a store of tens of
/// thousands of annotations (and the imported records, the suggestions, the article)
/// piece by piece is a noticeable share of an `import`, `extract` or `export`, and the
/// exit returns all of the memory at once. Over a corpus each article's structures are
/// freed as usual, so that memory does not grow with the number of articles. Nothing
/// that must run on drop (a lock, a file) may be passed here.
pub fn leave_to_exit<T>(value: T, alone: bool) {
    if alone {
        std::mem::forget(value);
    }
}
