//! The links of a suggestion to others of the same result. A claim has one or two
//! (`attributed_to`, `cites`), held inline by the index they point to, so attaching
//! them allocates nothing; more, or a kind of link the rules do not make, go in a list
//! of their own. Read by value, as [`SuggestedLink`]s.

use crate::domain::model::relation_types;

use super::name::Name;

/// A link from one suggestion to another suggestion of the same result.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SuggestedLink {
    /// The relation type: `attributed_to` (claim → who makes it) or `cites`
    /// (claim → the publication that reported it).
    pub kind: Name,
    /// The index, in the same result, of the suggestion the link points to.
    pub to: usize,
}

/// The kinds of link held inline, by their place here.
const INLINE_KINDS: [&str; 2] = [relation_types::ATTRIBUTED_TO, relation_types::CITES];

/// How many links are held inline.
const INLINE: usize = 2;

/// A suggestion's links, in the order they were attached.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Links(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    /// Up to [`INLINE`] links: each one's kind (its place in [`INLINE_KINDS`]) and target.
    Inline {
        len: u8,
        kinds: [u8; INLINE],
        to: [u32; INLINE],
    },
    /// Any number of links, of any kind. Boxed, so that the pointer is thin and the
    /// links of a suggestion take 16 bytes, not 24, when they are inline.
    #[allow(clippy::box_collection)]
    Listed(Box<Vec<SuggestedLink>>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Inline {
            len: 0,
            kinds: [0; INLINE],
            to: [0; INLINE],
        }
    }
}

impl Links {
    /// Adds `link` after the others.
    pub fn push(&mut self, link: SuggestedLink) {
        if let Repr::Inline { len, kinds, to } = &mut self.0 {
            let n = usize::from(*len);
            let kind = INLINE_KINDS
                .iter()
                .position(|k| std::ptr::eq(*k, link.kind.as_str()) || link.kind == *k);
            if let (true, Some(kind), Ok(target)) = (n < INLINE, kind, u32::try_from(link.to)) {
                // INLINE_KINDS has fewer than 256 kinds.
                kinds[n] = kind as u8;
                to[n] = target;
                *len += 1;
                return;
            }
            let listed: Vec<SuggestedLink> = self.iter().collect();
            self.0 = Repr::Listed(Box::new(listed));
        }
        if let Repr::Listed(list) = &mut self.0 {
            list.push(link);
        }
    }

    /// How many links there are.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Inline { len, .. } => usize::from(*len),
            Repr::Listed(list) => list.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Link `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<SuggestedLink> {
        match &self.0 {
            Repr::Inline { len, kinds, to } if i < usize::from(*len) => Some(SuggestedLink {
                kind: INLINE_KINDS[usize::from(kinds[i])].into(),
                to: to[i] as usize,
            }),
            Repr::Inline { .. } => None,
            Repr::Listed(list) => list.get(i).cloned(),
        }
    }

    /// The links, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            links: self,
            next: 0,
        }
    }
}

impl std::fmt::Debug for Links {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<const N: usize> PartialEq<[SuggestedLink; N]> for Links {
    fn eq(&self, other: &[SuggestedLink; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

/// The links of a [`Links`], in order, by value.
pub struct Iter<'a> {
    links: &'a Links,
    next: usize,
}

impl Iterator for Iter<'_> {
    type Item = SuggestedLink;

    fn next(&mut self) -> Option<SuggestedLink> {
        let link = self.links.get(self.next)?;
        self.next += 1;
        Some(link)
    }
}

impl<'a> IntoIterator for &'a Links {
    type Item = SuggestedLink;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Links {
    type Item = SuggestedLink;
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter {
            links: self,
            next: 0,
        }
    }
}

/// The links of a [`Links`] taken by value, in order.
pub struct IntoIter {
    links: Links,
    next: usize,
}

impl Iterator for IntoIter {
    type Item = SuggestedLink;

    fn next(&mut self) -> Option<SuggestedLink> {
        let link = self.links.get(self.next)?;
        self.next += 1;
        Some(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(kind: &'static str, to: usize) -> SuggestedLink {
        SuggestedLink {
            kind: kind.into(),
            to,
        }
    }

    #[test]
    fn two_links_of_the_rules_kinds_are_inline_and_more_are_listed() {
        let mut links = Links::default();
        assert!(links.is_empty());
        links.push(link("attributed_to", 3));
        links.push(link("cites", 7));
        assert!(matches!(links.0, Repr::Inline { len: 2, .. }));
        assert_eq!(links, [link("attributed_to", 3), link("cites", 7)]);
        links.push(link("cites", 9));
        assert_eq!(links.len(), 3);
        assert_eq!(links.get(2), Some(link("cites", 9)));
        let mut odd = Links::default();
        odd.push(link("mentions", 1));
        assert_eq!(odd.into_iter().collect::<Vec<_>>(), [link("mentions", 1)]);
        assert_eq!(std::mem::size_of::<Links>(), 16);
    }
}
