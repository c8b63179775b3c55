//! Identifiers of annotations, entities and relations: a letter and a number (`a12`).

use std::cmp::Ordering;

/// Orders ids naturally: `a2` before `a10`; ids without a number sort by text.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (pa, na) = split(a);
    let (pb, nb) = split(b);
    pa.cmp(pb).then_with(|| na.cmp(&nb)).then_with(|| a.cmp(b))
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
}
