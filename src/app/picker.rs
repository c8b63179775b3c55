//! A fuzzy-filtered list to pick from: the palette, link targets, links to remove,
//! labels, stances, grades, entities to merge into. The filter is [`FuzzyFilter`]'s.

use super::fuzzy::FuzzyFilter;
use super::text_input::TextInput;

/// One choice.
#[derive(Debug, Clone, PartialEq)]
pub struct PickItem<T> {
    /// What the list shows (and the filter matches).
    pub label: String,
    /// A second, dimmer column (keys, counts, descriptions).
    pub detail: String,
    /// A key that picks this item at once, typed as the first character.
    pub key: Option<char>,
    /// The value picked.
    pub value: T,
}

/// A list with a filter line and a highlighted row.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker<T> {
    /// The title shown above the list.
    pub title: String,
    /// What has been typed to filter.
    query: TextInput,
    items: Vec<PickItem<T>>,
    /// Indexes of the items matching the query, best first.
    visible: Vec<usize>,
    /// The highlighted row among the visible ones.
    pub selected: usize,
}

impl<T: Clone> Picker<T> {
    /// A picker over `items`, in the order given, first one highlighted.
    pub fn new(title: impl Into<String>, items: Vec<PickItem<T>>) -> Self {
        let visible = (0..items.len()).collect();
        Picker {
            title: title.into(),
            query: TextInput::line(""),
            items,
            visible,
            selected: 0,
        }
    }

    /// What has been typed to filter.
    pub fn query(&self) -> &str {
        self.query.text()
    }

    /// The query as an input (its text and cursor), for drawing.
    pub fn query_input(&self) -> &TextInput {
        &self.query
    }

    /// Edits the query (typing, deleting, moving in it) and filters again when its
    /// text changed.
    pub fn edit(&mut self, change: impl FnOnce(&mut TextInput)) {
        let before = self.query.text().to_string();
        change(&mut self.query);
        if self.query.text() != before {
            self.refilter();
        }
    }

    /// The items matching the query, best first.
    pub fn visible(&self) -> impl Iterator<Item = &PickItem<T>> {
        self.visible.iter().map(|&i| &self.items[i])
    }

    /// How many items match.
    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// The highlighted item.
    pub fn current(&self) -> Option<&PickItem<T>> {
        self.visible.get(self.selected).map(|&i| &self.items[i])
    }

    /// The item whose key is `key`, when the query is still empty.
    pub fn by_key(&self, key: char) -> Option<&PickItem<T>> {
        if !self.query.text().is_empty() {
            return None;
        }
        let folded = |k: char| k.to_lowercase().next();
        self.items
            .iter()
            .find(|item| item.key == Some(key))
            .or_else(|| {
                self.items
                    .iter()
                    .find(|item| item.key.and_then(folded) == folded(key))
            })
    }

    /// Highlights the first visible item whose value satisfies `wanted`, if one does.
    pub fn highlight(&mut self, wanted: impl Fn(&T) -> bool) {
        let found = self.visible().position(|item| wanted(&item.value));
        if let Some(at) = found {
            self.selected = at;
        }
    }

    /// Moves the highlight by `delta` rows, wrapping around.
    pub fn step(&mut self, delta: isize) {
        let n = self.visible.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).rem_euclid(n as isize) as usize;
    }

    fn refilter(&mut self) {
        let mut filter = FuzzyFilter::new(self.query.text());
        self.visible = filter.rank(self.items.iter().map(|item| item.label.as_str()));
        self.selected = 0;
    }
}

/// Scores `text` against `query` with [`FuzzyFilter`]: `None` when it does not match,
/// higher for consecutive runs and word starts. For one name; to filter many, build a
/// [`FuzzyFilter`] once.
pub fn fuzzy_score(query: &str, text: &str) -> Option<i64> {
    FuzzyFilter::new(query).score(text).map(i64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str) -> PickItem<String> {
        PickItem {
            label: label.to_string(),
            detail: String::new(),
            key: None,
            value: label.to_string(),
        }
    }

    #[test]
    fn filters_by_subsequence_best_first() {
        let mut p = Picker::new(
            "t",
            vec![item("Shaukat Sultan"), item("AFP"), item("Ekspress-K")],
        );
        p.edit(|q| q.insert_str("su"));
        assert_eq!(p.current().unwrap().label, "Shaukat Sultan");
        p.edit(|q| {
            q.backspace();
            q.backspace();
            q.insert_str("ekk");
        });
        assert_eq!(p.visible_count(), 1);
        p.edit(|q| q.insert('z'));
        assert!(p.current().is_none());
        assert!(fuzzy_score("ДУТ", "Нартай Дутбаев").is_some());
    }

    #[test]
    fn step_wraps() {
        let mut p = Picker::new("t", vec![item("a"), item("b")]);
        p.step(-1);
        assert_eq!(p.current().unwrap().label, "b");
        p.step(1);
        assert_eq!(p.current().unwrap().label, "a");
    }
}
