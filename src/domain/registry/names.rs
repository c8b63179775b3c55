//! Finding registry entries by name or alias. Names are compared folded: case and
//! diacritics ignored ("Ekspress-K", "EKSPRESS-K" and "Ékspress-K" are one name),
//! runs of white space as one space.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::file::Registry;

/// Appends `c` folded to `out`: decomposed, combining marks dropped, lowercased. A
/// combining mark folds to nothing.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
        out.extend(d.to_lowercase());
    }
}

/// A name folded for comparison: each character folded (see [`fold_char_into`]), white
/// space trimmed and runs of it made one space.
pub fn fold_name(name: &str) -> String {
    let mut folded = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        for c in word.chars() {
            fold_char_into(c, &mut folded);
        }
    }
    folded
}

/// The live entries of a registry by folded name and alias.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    by_name: HashMap<String, Vec<String>>,
}

impl NameIndex {
    /// The index of `registry`'s live entries (redirects left out).
    pub fn build(registry: &Registry) -> NameIndex {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for entry in registry.live() {
            for name in entry.names() {
                let ids = by_name.entry(fold_name(name)).or_default();
                if !ids.contains(&entry.id) {
                    ids.push(entry.id.clone());
                }
            }
        }
        by_name.remove("");
        NameIndex { by_name }
    }

    /// The ids of the entries named or aliased `name`, in id order of the registry.
    pub fn lookup(&self, name: &str) -> &[String] {
        self.by_name
            .get(&fold_name(name))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::super::entry::EntryKind;
    use super::*;

    #[test]
    fn names_fold_case_diacritics_and_spaces() {
        assert_eq!(fold_name("  Ékspress-K\t Daily "), "ekspress-k daily");
        assert_eq!(fold_name("НАЗАРБАЕВ"), "назарбаев");
        // Decomposed and precomposed forms fold alike.
        assert_eq!(fold_name("Cafe\u{301}"), fold_name("Café"));
    }

    #[test]
    fn lookup_finds_names_and_aliases_of_live_entries_only() {
        let mut r = Registry::new();
        let a = r
            .add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        let b = r
            .add("Express K", EntryKind::Source, "publication")
            .unwrap();
        r.entries[0].aliases.push("Экспресс К".into());
        let index = NameIndex::build(&r);
        assert_eq!(index.lookup("EKSPRESS-K"), std::slice::from_ref(&a));
        assert_eq!(index.lookup("экспресс  к"), std::slice::from_ref(&a));
        assert!(index.lookup("Reuters").is_empty());
        r.merge(&a, &b, None).unwrap();
        let index = NameIndex::build(&r);
        assert_eq!(index.lookup("express k"), [a]);
    }
}
