//! The steps of the store's one history: what each step changed, of which kind it is,
//! and where the analyst's selection was before and after it, so that undo and redo can
//! bring the selection back.

use std::collections::HashSet;

use super::edit::{Edit, Item};

/// A selection in the article: `head` is where the cursor is, `anchor` the other end
/// when a range is selected. Offsets into the article text as the workbench counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marker {
    /// The fixed end of a selected range (`None`: no range, only the cursor).
    pub anchor: Option<usize>,
    /// Where the cursor is.
    pub head: usize,
}

/// What a step of the history did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StepKind {
    /// An edit made by hand: tagging, relabelling, deleting, linking, a note…
    #[default]
    Edit,
    /// A review decision: accepting or rejecting suggestions.
    Decision,
    /// Suggestions brought in at once, by an import or an extraction.
    Import,
}

impl StepKind {
    /// The kind in a few words, for the status line.
    pub fn describe(self) -> &'static str {
        match self {
            StepKind::Edit => "edit",
            StepKind::Decision => "review decision",
            StepKind::Import => "import",
        }
    }
}

/// One step of the history: the edits one command made, undone and redone together.
#[derive(Debug, Clone, Default)]
pub struct Step {
    /// What the step did.
    pub kind: StepKind,
    /// The edits in the order they were applied.
    pub edits: Vec<Edit>,
    /// The selection before the step (`None`: the step came from outside a command).
    pub before: Option<Marker>,
    /// The selection after the step.
    pub after: Option<Marker>,
}

impl Step {
    /// Whether any of the `later` steps changes an annotation, entity or relation this
    /// step changes.
    pub fn touched_by<'a>(&self, mut later: impl Iterator<Item = &'a Step>) -> bool {
        let mine: HashSet<(Item, &str)> = self.edits.iter().map(Edit::item).collect();
        later.any(|step| step.edits.iter().any(|edit| mine.contains(&edit.item())))
    }

    /// Ids of the annotations the step changes, in the order first changed.
    pub fn annotation_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for edit in &self.edits {
            if let (Item::Annotation, id) = edit.item() {
                if !ids.iter().any(|known| known == id) {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    }
}

/// What an undo, a redo or a take-back did, for the workbench to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The kind of the step undone or redone.
    pub kind: StepKind,
    /// The selection to bring back: before the step for an undo, after it for a redo
    /// (`None`: the step came from outside a command).
    pub selection: Option<Marker>,
    /// The annotations the step changed, in the order first changed.
    pub annotations: Vec<String>,
}

impl Restored {
    pub(super) fn undone(step: &Step) -> Self {
        Restored {
            kind: step.kind,
            selection: step.before,
            annotations: step.annotation_ids(),
        }
    }

    pub(super) fn redone(step: &Step) -> Self {
        Restored {
            kind: step.kind,
            selection: step.after,
            annotations: step.annotation_ids(),
        }
    }
}

/// Why the last step of a kind was not taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotTakenBack {
    /// No step of that kind is in the history.
    Nothing,
    /// A later step changed an item the step changed: undoing it alone would write a
    /// stale state over that later change.
    TouchedLater,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Annotation, Kind, Span, Status};
    use crate::domain::store::Store;
    use std::sync::Arc;

    fn pending(id: &str, start: usize) -> Annotation {
        let mut a = Annotation::new(
            id,
            Kind::Entity,
            "PERSON",
            vec![Span::new(start, start + 5)],
        );
        a.status = Status::Pending;
        a
    }

    fn decide(store: &mut Store, id: &str, status: Status) {
        let mut a = store.annotation(id).cloned().unwrap();
        a.status = status;
        store.group_as(StepKind::Decision, |s| s.replace_annotation(a));
    }

    fn relabel(store: &mut Store, id: &str, label: &str) {
        let mut a = store.annotation(id).cloned().unwrap();
        a.label = label.into();
        store.replace_annotation(a);
    }

    fn status(store: &Store, id: &str) -> Status {
        store.annotation(id).unwrap().status
    }

    #[test]
    fn a_step_remembers_its_kind_and_the_selection_before_and_after() {
        let mut store = Store::from_parts(vec![pending("a1", 0)], vec![], vec![]);
        let before = Marker {
            anchor: Some(2),
            head: 4,
        };
        let after = Marker {
            anchor: None,
            head: 9,
        };
        store.open_step(Some(before));
        decide(&mut store, "a1", Status::Accepted);
        store.close_step(Some(after));
        let undone = store.undo().unwrap();
        assert_eq!(
            undone.kind,
            StepKind::Decision,
            "the inner group names the kind"
        );
        assert_eq!(undone.selection, Some(before));
        assert_eq!(undone.annotations, vec!["a1".to_string()]);
        assert_eq!(store.redo().unwrap().selection, Some(after));
    }

    #[test]
    fn a_step_with_no_edits_leaves_the_history_alone() {
        let mut store = Store::from_parts(vec![pending("a1", 0)], vec![], vec![]);
        decide(&mut store, "a1", Status::Accepted);
        store.undo();
        store.open_step(None);
        store.close_step(None);
        assert!(store.can_redo(), "an empty step does not clear redo");
        assert!(store.undo().is_none());
    }

    #[test]
    fn a_merged_batch_is_one_import_step() {
        use crate::domain::merge::Batch;
        let mut store = Store::new();
        store.merge(Batch {
            annotations: [pending("x", 0), pending("y", 10)].map(Arc::new).into(),
            relations: Vec::new(),
        });
        let undone = store.undo().unwrap();
        assert_eq!(undone.kind, StepKind::Import);
        assert_eq!(undone.annotations.len(), 2);
        assert_eq!(store.annotation_count(), 0);
    }

    #[test]
    fn taking_back_the_newest_decision_is_an_undo() {
        let mut store = Store::from_parts(vec![pending("a1", 0)], vec![], vec![]);
        decide(&mut store, "a1", Status::Accepted);
        assert!(store.take_back_last(StepKind::Decision).is_ok());
        assert_eq!(status(&store, "a1"), Status::Pending);
        assert!(store.redo().is_some(), "it can be redone like any undo");
        assert_eq!(status(&store, "a1"), Status::Accepted);
    }

    #[test]
    fn a_decision_under_a_later_edit_of_another_annotation_is_taken_back_alone() {
        let mut store =
            Store::from_parts(vec![pending("a1", 0), pending("a2", 10)], vec![], vec![]);
        decide(&mut store, "a1", Status::Rejected);
        relabel(&mut store, "a2", "ORG");
        let undone = store.take_back_last(StepKind::Decision).unwrap();
        assert_eq!(undone.annotations, vec!["a1".to_string()]);
        assert_eq!(status(&store, "a1"), Status::Pending);
        assert_eq!(
            store.annotation("a2").unwrap().label,
            "ORG",
            "the edit stays"
        );
        assert!(store.undo().is_some());
        assert_eq!(store.annotation("a2").unwrap().label, "PERSON");
        assert!(store.undo().is_none(), "the decision left the history");
    }

    #[test]
    fn a_decision_under_a_later_edit_of_the_same_annotation_is_not_taken_back() {
        let mut store = Store::from_parts(vec![pending("a1", 0)], vec![], vec![]);
        decide(&mut store, "a1", Status::Accepted);
        relabel(&mut store, "a1", "ORG");
        assert_eq!(
            store.take_back_last(StepKind::Decision),
            Err(NotTakenBack::TouchedLater)
        );
        let a1 = store.annotation("a1").unwrap();
        assert_eq!((a1.status, a1.label.as_str()), (Status::Accepted, "ORG"));
    }

    #[test]
    fn an_undone_decision_is_not_taken_back_again() {
        let mut store = Store::from_parts(vec![pending("a1", 0)], vec![], vec![]);
        decide(&mut store, "a1", Status::Accepted);
        store.undo();
        relabel(&mut store, "a1", "ORG");
        assert_eq!(
            store.take_back_last(StepKind::Decision),
            Err(NotTakenBack::Nothing)
        );
        assert_eq!(store.annotation("a1").unwrap().label, "ORG");
    }
}
