//! Mentions that look like one entity: same words up to case, a possessive 's and
//! diacritics, or a surname that repeats a full name. Offered as one entity; one key
//! accepts the grouping.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::domain::model::{Annotation, Entity, Kind, Status};
use crate::domain::store::Store;

/// A proposed grouping of mentions into one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// The mentions (annotation ids), in reading order.
    pub mentions: Vec<String>,
    /// The entity they join, if one of them already has one.
    pub entity: Option<String>,
    /// The name the entity gets: the longest mention.
    pub name: String,
    /// The entity type.
    pub label: String,
}

/// Folds a mention for comparison: decomposed, marks dropped, lowercase, possessive and
/// punctuation at the ends removed, white space collapsed.
pub fn fold(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut words: Vec<&str> = plain.split_whitespace().collect();
    if let Some(last) = words.last_mut() {
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(stem) = last.strip_suffix(suffix) {
                *last = stem;
                break;
            }
        }
    }
    words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The entity mentions a grouping can take (accepted or pending), by label and the
/// folded last word of their words, each with its folded words, in reading order: so
/// that proposing a grouping looks only at mentions that end with the same word.
#[derive(Debug, Default, PartialEq)]
pub struct MentionIndex {
    by_last_word: HashMap<(String, String), Vec<(String, String)>>,
}

impl MentionIndex {
    /// The index of the mentions in `store`.
    pub fn build(store: &Store) -> MentionIndex {
        let mut by_last_word: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
        let mentions = store
            .annotations()
            .into_iter()
            .filter(|a| a.kind == Kind::Entity)
            .filter(|a| matches!(a.status, Status::Accepted | Status::Pending));
        for a in mentions {
            let Some(last) = a.quote.exact.split_whitespace().next_back() else {
                continue;
            };
            by_last_word
                .entry((a.label.clone(), fold(last)))
                .or_default()
                .push((a.id.clone(), fold(&a.quote.exact)));
        }
        MentionIndex { by_last_word }
    }
}

/// The grouping proposed for the mention `id`, when it has partners not yet joined.
pub fn propose(store: &Store, id: &str) -> Option<Grouping> {
    propose_in(store, &MentionIndex::build(store), id)
}

/// [`propose`], given the store's [`MentionIndex`].
pub fn propose_in(store: &Store, index: &MentionIndex, id: &str) -> Option<Grouping> {
    let target = store.annotation(id)?;
    if target.kind != Kind::Entity {
        return None;
    }
    let key = fold(&target.quote.exact);
    if key.is_empty() {
        return None;
    }
    // Every partner ends with the same folded word (equal names, or a surname that is
    // the last word of the full name).
    let last_word = key.rsplit(' ').next().unwrap_or("").to_string();
    let members: Vec<&Annotation> = index
        .by_last_word
        .get(&(target.label.clone(), last_word))
        .into_iter()
        .flatten()
        .filter(|(_, folded)| same_entity(&key, folded, &target.label))
        .filter_map(|(id, _)| store.annotation(id))
        .collect();
    if members.len() < 2 {
        return None;
    }
    let entity = members.iter().find_map(|a| a.entity.clone());
    let joined = members
        .iter()
        .all(|a| a.entity.is_some() && a.entity == entity);
    if joined {
        return None;
    }
    let name = members
        .iter()
        .map(|a| a.quote.exact.trim())
        .max_by_key(|t| t.chars().count())
        .unwrap_or("")
        .to_string();
    Some(Grouping {
        mentions: members.iter().map(|a| a.id.clone()).collect(),
        entity,
        name,
        label: target.label.clone(),
    })
}

fn same_entity(a: &str, b: &str, label: &str) -> bool {
    if a == b {
        return true;
    }
    if label != "PERSON" {
        return false;
    }
    // A surname alone repeats a full name: "Sultan" and "Shaukat Sultan".
    let surname = |short: &str, long: &str| {
        !short.contains(' ') && long.contains(' ') && long.rsplit(' ').next() == Some(short)
    };
    surname(a, b) || surname(b, a)
}

/// Applies a grouping: creates the entity if needed and links every mention, as one step.
pub fn accept(store: &mut Store, grouping: &Grouping) -> String {
    store.group(|store| {
        let eid = match &grouping.entity {
            Some(e) => e.clone(),
            None => {
                let eid = store.new_entity_id();
                store.put_entity(Entity::new(
                    eid.clone(),
                    grouping.name.clone(),
                    grouping.label.clone(),
                ));
                eid
            }
        };
        for id in &grouping.mentions {
            if let Some(mut a) = store.annotation(id).cloned() {
                if a.entity.as_deref() != Some(eid.as_str()) {
                    a.entity = Some(eid.clone());
                    store.replace_annotation(a);
                }
            }
        }
        eid
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Span;

    fn mention(store: &mut Store, id: &str, text: &str, start: usize) {
        let mut a = Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + text.len())],
        );
        a.quote.exact = text.to_string();
        store.insert_annotation(a);
    }

    #[test]
    fn folds_case_possessives_and_diacritics() {
        assert_eq!(fold("Nazarov's"), "nazarov");
        assert_eq!(fold("NAZAROV’s"), "nazarov");
        assert_eq!(fold("Zoë  Café"), "zoe cafe");
        assert_eq!(fold("Назарбаев"), fold("НАЗАРБАЕВ"));
    }

    #[test]
    fn groups_surnames_with_full_names() {
        let mut store = Store::new();
        mention(&mut store, "a1", "Shaukat Sultan", 0);
        mention(&mut store, "a2", "Sultan", 50);
        mention(&mut store, "a3", "Sultan's", 90);
        mention(&mut store, "a4", "Dutbayev", 120);
        let g = propose(&store, "a2").unwrap();
        assert_eq!(g.mentions, vec!["a1", "a2", "a3"]);
        assert_eq!(g.name, "Shaukat Sultan");
        let eid = accept(&mut store, &g);
        assert_eq!(store.mentions_of(&eid).len(), 3);
        assert_eq!(propose(&store, "a2"), None);
        assert_eq!(propose(&store, "a4"), None);
        store.undo();
        assert!(store.entities().is_empty());
    }
}
