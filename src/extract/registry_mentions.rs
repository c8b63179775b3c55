//! Mentions of the source registry's entries in an article (`scholia extract
//! --from-registry`): every live entry's name and aliases, matched as whole words with
//! case and diacritics folded (as the registry's own lookup folds them), one
//! Aho-Corasick automaton over them all. Each mention becomes a pending annotation
//! whose kind and label come from the entry and whose entity is the article's entity
//! for that entry (created, with `registry` set, when the article has none), so that
//! accepting it links the mention to the registry and its grade.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::domain::anchor::quote_for;
use crate::domain::document::Document;
use crate::domain::merge::Batch;
use crate::domain::model::{intern, Annotation, Entity, Kind, Origin, Span, Status};
use crate::domain::registry::names::fold_char_into;
use crate::domain::registry::{fold_name, Entry, EntryKind, Registry};
use crate::domain::store::Store;

use super::error::ExtractError;
use super::text::is_whole_word;
use super::to_store::Added;

/// The origin tool of registry suggestions.
pub const ORIGIN: &str = "scholia-registry";
/// The score a registry suggestion carries: the name is the analyst's own.
const SCORE: f64 = 1.0;

/// The registry's names, compiled for matching.
#[derive(Debug, Clone)]
pub struct RegistryNames {
    automaton: AhoCorasick,
    /// For each pattern, the entries (indexes into `entries`) that bear that name.
    owners: Vec<Vec<usize>>,
    entries: Vec<Entry>,
}

/// One mention of a registry entry found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryMention {
    /// The entry's id.
    pub entry: String,
    /// Where, UTF-8 byte offsets into the text.
    pub span: Span,
}

impl RegistryNames {
    /// Compiles the names and aliases of `registry`'s live entries.
    pub fn new(registry: &Registry) -> Result<RegistryNames, ExtractError> {
        let entries: Vec<Entry> = registry.live().cloned().collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            for name in entry.names() {
                let folded = fold_name(name);
                if folded.is_empty() {
                    continue;
                }
                match patterns.iter().position(|p| *p == folded) {
                    Some(at) if !owners[at].contains(&i) => owners[at].push(i),
                    Some(_) => {}
                    None => {
                        patterns.push(folded);
                        owners.push(vec![i]);
                    }
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| ExtractError::Registry(e.to_string()))?;
        Ok(RegistryNames {
            automaton,
            owners,
            entries,
        })
    }

    /// The entry with id `id`.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The whole-word mentions of any entry in `text`, in reading order; where several
    /// names overlap, the leftmost longest wins.
    pub fn find(&self, text: &str) -> Vec<RegistryMention> {
        let folded = FoldedText::new(text);
        let haystack = folded.text.as_str();
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < haystack.len() {
            let Some(m) = self
                .automaton
                .find(Input::new(haystack).span(pos..haystack.len()))
            else {
                break;
            };
            let span = folded
                .start_of(m.start())
                .zip(folded.end_of(m.end()))
                .filter(|(s, e)| is_whole_word(text, *s, *e));
            match span {
                Some((start, end)) => {
                    for &owner in &self.owners[m.pattern().as_usize()] {
                        found.push(RegistryMention {
                            entry: self.entries[owner].id.clone(),
                            span: Span::new(start, end),
                        });
                    }
                    pos = m.end();
                }
                None => {
                    pos = m.start()
                        + haystack[m.start()..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                }
            }
        }
        found
    }
}

/// A text folded character by character, with where each original character's folded
/// form starts.
struct FoldedText {
    text: String,
    /// (folded offset, original offset) of each original character, in order.
    starts: Vec<(usize, usize)>,
    original_len: usize,
}

impl FoldedText {
    fn new(original: &str) -> FoldedText {
        let mut text = String::with_capacity(original.len());
        let mut starts = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            starts.push((text.len(), at));
            fold_char_into(c, &mut text);
        }
        FoldedText {
            text,
            starts,
            original_len: original.len(),
        }
    }

    /// The original offset where a match starting at folded `pos` starts: the first
    /// character whose folded form starts there.
    fn start_of(&self, pos: usize) -> Option<usize> {
        let i = self.starts.partition_point(|(f, _)| *f < pos);
        self.starts
            .get(i)
            .filter(|(f, _)| *f == pos)
            .map(|(_, o)| *o)
    }

    /// The original offset where a match ending at folded `pos` ends: after the last
    /// character that folds to nothing there (a combining mark stays with its letter).
    fn end_of(&self, pos: usize) -> Option<usize> {
        if pos == self.text.len() {
            return Some(self.original_len);
        }
        let i = self.starts.partition_point(|(f, _)| *f <= pos);
        let (f, o) = *self.starts.get(i.checked_sub(1)?)?;
        (f == pos).then_some(o)
    }
}

/// Adds `mentions` of `names`' entries to `store` as pending annotations on `doc`, each
/// pointing at the article's entity for its entry (created when missing, with
/// `registry` set: one per entry per article), as one undoable step. A mention the store
/// already holds (same kind, label and spans, whatever its status) is not added again.
/// Labels and quoted names are interned ([`intern::scope`]): one string for all the
/// mentions that give the same.
pub fn add_mentions(
    doc: &Document,
    store: &mut Store,
    names: &RegistryNames,
    mentions: Vec<RegistryMention>,
) -> Added {
    intern::scope(|| add_in_scope(doc, store, names, mentions))
}

/// [`add_mentions`], inside its interning scope.
fn add_in_scope(
    doc: &Document,
    store: &mut Store,
    names: &RegistryNames,
    mentions: Vec<RegistryMention>,
) -> Added {
    store.group(|store| {
        let mut annotations = Vec::with_capacity(mentions.len());
        for mention in mentions {
            let Some(entry) = names.entry(&mention.entry) else {
                continue;
            };
            let entity = entity_for(store, entry);
            let kind = match entry.kind {
                EntryKind::Source => Kind::Source,
                EntryKind::Entity => Kind::Entity,
            };
            let mut a = Annotation::new("", kind, entry.label.clone(), vec![mention.span]);
            a.quote = quote_for(doc, &a.spans);
            a.status = Status::Pending;
            a.origin = Origin {
                rule: Some(entry.id.clone()),
                score: Some(SCORE),
                ..Origin::tool(ORIGIN)
            }
            .shared();
            a.entity = Some(entity);
            annotations.push(Arc::new(a));
        }
        let report = store.merge(Batch {
            annotations,
            relations: Vec::new(),
        });
        Added {
            annotations: report.added,
            present: report.present,
            relations: report.relations,
        }
    })
}

/// The id of the store's entity for `entry`, created when there is none.
fn entity_for(store: &mut Store, entry: &Entry) -> String {
    let existing = store
        .entities()
        .into_iter()
        .find(|e| e.registry.as_deref() == Some(entry.id.as_str()))
        .map(|e| e.id.clone());
    existing.unwrap_or_else(|| {
        let mut entity = Entity::new(
            store.new_entity_id(),
            entry.name.clone(),
            entry.label.clone(),
        );
        entity.registry = Some(entry.id.clone());
        let id = entity.id.clone();
        store.put_entity(entity);
        id
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn registry() -> Registry {
        let mut r = Registry::new();
        r.add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        r.entries[0].aliases.push("Экспресс К".into());
        r.add("Nursultan Nazarbaev", EntryKind::Entity, "PERSON")
            .unwrap();
        r.entries[1].aliases.push("Nazarbaev".into());
        r
    }

    #[test]
    fn names_and_aliases_match_whole_words_case_and_diacritics_folded() {
        let names = RegistryNames::new(&registry()).unwrap();
        // Precomposed and decomposed diacritics, Cyrillic in capitals, a longer name
        // over its alias, and a name inside a longer word left alone.
        let text = "«ЭКСПРЕСС К» said Nursultan Nazárbaev; Ekspress-Kz no; e\u{301}kspress-k.";
        let found = names.find(text);
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|m| (m.entry.as_str(), &text[m.span.start..m.span.end]))
            .collect();
        assert_eq!(
            shown,
            [
                ("r1", "ЭКСПРЕСС К"),
                ("r2", "Nursultan Nazárbaev"),
                ("r1", "e\u{301}kspress-k"),
            ]
        );
    }

    #[test]
    fn mentions_become_pending_on_one_entity_per_entry_once() {
        let text = "Ekspress-K reported it; later Ekspress-K denied it. Nazarbaev spoke.";
        let doc = Document::from_text(Path::new("a.txt"), text.to_string());
        let names = RegistryNames::new(&registry()).unwrap();
        let mut store = Store::new();
        let added = add_mentions(&doc, &mut store, &names, names.find(text));
        assert_eq!(added.annotations, 3);
        let entities = store.entities();
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].registry.as_deref(), Some("r1"));
        let sources: Vec<&Annotation> = store
            .annotations()
            .into_iter()
            .filter(|a| a.kind == Kind::Source)
            .collect();
        assert_eq!(sources.len(), 2);
        assert!(sources.iter().all(|a| a.status == Status::Pending
            && a.label == "publication"
            && a.entity.as_deref() == Some(entities[0].id.as_str())));
        let again = add_mentions(&doc, &mut store, &names, names.find(text));
        assert_eq!((again.annotations, again.present), (0, 3));
        assert_eq!(store.entities().len(), 2, "no second entity per entry");
    }
}
