//! The suggestions a collector holds while the rules run: in chunks of a fixed size, so
//! that holding more never copies those already held, with each one's extent beside it
//! so that sorting reads no suggestion's spans. Taken out one at a time when the result
//! is assembled; a chunk is freed as soon as its last suggestion is taken.

use super::suggestion::Suggestion;

/// How many suggestions a chunk holds (a power of two).
const CHUNK: usize = 4096;

/// Suggestions by index, each held until it is taken.
#[derive(Default)]
pub(crate) struct Held {
    chunks: Vec<Vec<Option<Suggestion>>>,
    /// The suggestions still held in each chunk.
    left: Vec<usize>,
    /// Each suggestion's extent, start and end.
    extents: Vec<(usize, usize)>,
}

impl Held {
    /// Holds `suggestion` and returns its index.
    pub(crate) fn push(&mut self, suggestion: Suggestion) -> usize {
        let index = self.extents.len();
        let extent = suggestion.extent();
        self.extents.push((extent.start, extent.end));
        if index.is_multiple_of(CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
            self.left.push(0);
        }
        if let (Some(chunk), Some(left)) = (self.chunks.last_mut(), self.left.last_mut()) {
            chunk.push(Some(suggestion));
            *left += 1;
        }
        index
    }

    /// How many suggestions were pushed.
    pub(crate) fn len(&self) -> usize {
        self.extents.len()
    }

    /// The extent of suggestion `index` (start, end), or an empty one at 0 when there is
    /// no such suggestion.
    pub(crate) fn extent(&self, index: usize) -> (usize, usize) {
        self.extents.get(index).copied().unwrap_or((0, 0))
    }

    /// Every extent, by index.
    pub(crate) fn extents(&self) -> &[(usize, usize)] {
        &self.extents
    }

    /// Suggestion `index`, unless it was taken.
    pub(crate) fn get(&self, index: usize) -> Option<&Suggestion> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)?.as_ref()
    }

    /// The suggestions still held, with their indexes.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &Suggestion)> {
        self.chunks.iter().enumerate().flat_map(|(c, chunk)| {
            chunk
                .iter()
                .enumerate()
                .filter_map(move |(k, s)| Some((c * CHUNK + k, s.as_ref()?)))
        })
    }

    /// The suggestions still held, to change.
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Suggestion> {
        self.chunks.iter_mut().flatten().flatten()
    }

    /// Takes suggestion `index` out; frees its chunk when it was the last one there.
    pub(crate) fn take(&mut self, index: usize) -> Option<Suggestion> {
        let c = index / CHUNK;
        let taken = self.chunks.get_mut(c)?.get_mut(index % CHUNK)?.take()?;
        if let Some(left) = self.left.get_mut(c) {
            *left -= 1;
            if *left == 0 {
                self.chunks[c] = Vec::new();
            }
        }
        Some(taken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    fn at(start: usize) -> Suggestion {
        Suggestion::new(Kind::Entity, "X", Span::new(start, start + 1), "test", 0.5)
    }

    #[test]
    fn suggestions_are_kept_across_chunks_and_taken_once() {
        let mut held = Held::default();
        for i in 0..2 * CHUNK + 3 {
            assert_eq!(held.push(at(i)), i);
        }
        assert_eq!(held.len(), 2 * CHUNK + 3);
        assert_eq!(held.extent(CHUNK + 1), (CHUNK + 1, CHUNK + 2));
        assert_eq!(held.iter().nth(CHUNK).map(|(i, _)| i), Some(CHUNK));
        for i in 0..CHUNK {
            assert!(held.take(i).is_some());
        }
        assert!(held.chunks[0].is_empty(), "an emptied chunk is freed");
        assert!(held.take(0).is_none());
        assert!(held.get(CHUNK).is_some());
        assert_eq!(held.iter().count(), CHUNK + 3);
        assert_eq!(held.iter().next().map(|(i, _)| i), Some(CHUNK));
    }
}
