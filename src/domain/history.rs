//! The steps of the store's one history: what each step changed, of which kind it is,
//! and where the analyst's selection was before and after it, so that undo and redo can
//! bring the selection back.

use super::edit::Edit;

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
    /// Whether this step and `other` change one same annotation, entity or relation.
    pub fn touches(&self, other: &Step) -> bool {
        self.edits.iter().any(|mine| {
            other
                .edits
                .iter()
                .any(|theirs| mine.item() == theirs.item())
        })
    }

    /// Ids of the annotations the step changes, in the order first changed.
    pub fn annotation_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for edit in &self.edits {
            if let (super::edit::Item::Annotation, id) = edit.item() {
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
