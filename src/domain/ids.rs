//! Identifiers of annotations, entities and relations: a letter and a number (`a12`).

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt::Write;

use foldhash::fast::RandomState;

/// Orders ids naturally: `a2` before `a10`; ids without a number sort by text.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    natural_key(a).cmp(&natural_key(b))
}

/// What [`natural_cmp`] compares, worked out once: for sorting many ids with
/// `sort_by_cached_key` instead of splitting each id at every comparison.
pub fn natural_key(id: &str) -> (&str, Option<u64>, &str) {
    let (head, number) = split(id);
    (head, number, id)
}

/// The number at the end of an id with the given prefix (`a12` → 12).
pub fn number(id: &str, prefix: &str) -> Option<u64> {
    id.strip_prefix(prefix)?.parse().ok()
}

fn split(id: &str) -> (&str, Option<u64>) {
    let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (head, tail) = id.split_at(id.len() - digits);
    (head, tail.parse().ok())
}

/// Hands out ids with one prefix that no id in use has: one more than the largest
/// number in use, and once that would pass `u64::MAX`, the smallest number from 1 up
/// that no id uses. Never the same id twice.
#[derive(Debug, Clone)]
pub struct IdCounter {
    prefix: String,
    /// The next number above every number in use; `None` once past `u64::MAX`.
    next: Option<u64>,
    /// Numbers in use when the counter was made, and those given out once `next` is
    /// exhausted, consulted then. The numbers counted up to `u64::MAX` are not kept
    /// (handing out thousands of ids at once stores none of them): they are all above
    /// the numbers in use, and a free number below them always comes first.
    taken: HashSet<u64, RandomState>,
    /// No number below this one is free.
    lowest_free: u64,
}

impl IdCounter {
    /// A counter for ids `prefix` + number, avoiding every id in `ids`.
    pub fn new<'a>(prefix: &str, ids: impl IntoIterator<Item = &'a str>) -> Self {
        let taken: HashSet<u64, RandomState> = ids
            .into_iter()
            .filter_map(|id| number(id, prefix))
            .collect();
        let next = match taken.iter().max() {
            Some(max) => max.checked_add(1),
            None => Some(1),
        };
        IdCounter {
            prefix: prefix.to_string(),
            next,
            taken,
            lowest_free: 1,
        }
    }

    /// The next fresh id.
    pub fn next_id(&mut self) -> String {
        let n = match self.next {
            Some(n) => {
                self.next = n.checked_add(1);
                n
            }
            None => {
                let n = self.smallest_free();
                self.taken.insert(n);
                n
            }
        };
        let mut id = String::with_capacity(self.prefix.len() + 20);
        id.push_str(&self.prefix);
        // Writing a number into a `String` cannot fail.
        let _ = write!(id, "{n}");
        id
    }

    /// The smallest number from 1 up not in use. There always is one below the numbers
    /// counted up: a store cannot hold `u64::MAX` ids.
    fn smallest_free(&mut self) -> u64 {
        while self.taken.contains(&self.lowest_free) {
            self.lowest_free += 1;
        }
        self.lowest_free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_numbers_naturally() {
        let mut ids = vec!["a10", "a2", "e1", "a1", "x"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, vec!["a1", "a2", "a10", "e1", "x"]);
        assert_eq!(number("a12", "a"), Some(12));
        assert_eq!(number("e12", "a"), None);
    }

    #[test]
    fn the_counter_follows_the_largest_number() {
        let mut ids = IdCounter::new("a", ["a9", "a2", "e40", "x"]);
        assert_eq!(ids.next_id(), "a10");
        assert_eq!(ids.next_id(), "a11");
        assert_eq!(IdCounter::new("r", []).next_id(), "r1");
    }

    #[test]
    fn past_the_largest_number_the_counter_takes_the_smallest_free_one() {
        let max = format!("a{}", u64::MAX);
        let mut ids = IdCounter::new("a", [max.as_str(), "a1", "a2", "a4"]);
        assert_eq!(ids.next_id(), "a3");
        assert_eq!(ids.next_id(), "a5");
        assert_eq!(ids.next_id(), "a6");
    }

    #[test]
    fn the_counter_reaches_the_largest_number_then_wraps_to_free_ones() {
        let near = format!("a{}", u64::MAX - 1);
        let mut ids = IdCounter::new("a", [near.as_str(), "a1"]);
        assert_eq!(ids.next_id(), format!("a{}", u64::MAX));
        assert_eq!(ids.next_id(), "a2");
    }
}
