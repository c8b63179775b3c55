//! Named commands: everything a key, the palette or a key script can ask the workbench to
//! do. Help and the palette are generated from this list.

use std::fmt;

/// A named command. Parameterised ones (`tag-entity PERSON`) carry their argument.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Command {
    /// Cursor one character (grapheme) left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor one display line up (in the panel: previous row).
    Up,
    /// Cursor one display line down (in the panel: next row).
    Down,
    /// Start of the next word.
    WordNext,
    /// Start of the previous word.
    WordPrev,
    /// End of the word.
    WordEnd,
    /// Start of the next sentence.
    SentenceNext,
    /// Start of the previous sentence.
    SentencePrev,
    /// Start of the next paragraph.
    ParagraphNext,
    /// Start of the previous paragraph.
    ParagraphPrev,
    /// Start of the display line.
    LineStart,
    /// End of the display line.
    LineEnd,
    /// Top of the article.
    Top,
    /// End of the article.
    Bottom,
    /// Half a screen down.
    HalfPageDown,
    /// Half a screen up.
    HalfPageUp,
    /// A screen down.
    PageDown,
    /// A screen up.
    PageUp,
    /// To the next annotation.
    NextAnnotation,
    /// To the previous annotation.
    PrevAnnotation,
    /// To the next search match.
    SearchNext,
    /// To the previous search match.
    SearchPrev,
    /// Start or stop a visual selection.
    Visual,
    /// Select the current sentence.
    SelectSentence,
    /// Cancel the selection, the prompt or the pending keys.
    Cancel,
    /// Tag the selection (or the word) as an entity of this type.
    TagEntity(String),
    /// Tag the selection (or the sentence) as a claim.
    TagClaim,
    /// Tag the selection (or the word) as a source.
    TagSource,
    /// Change the label of the annotation under the cursor.
    Relabel,
    /// Delete the annotation under the cursor.
    Delete,
    /// Link the claim under the cursor to a source.
    Link,
    /// Set the stance of the claim under the cursor.
    Stance,
    /// Grade: reliability of a source, credibility of a claim.
    Grade,
    /// Edit the note of the annotation under the cursor.
    Note,
    /// Move the annotation's start one word left.
    StartLeft,
    /// Move the annotation's start one word right.
    StartRight,
    /// Move the annotation's end one word left.
    EndLeft,
    /// Move the annotation's end one word right.
    EndRight,
    /// Move the annotation's start one character left.
    StartLeftChar,
    /// Move the annotation's start one character right.
    StartRightChar,
    /// Move the annotation's end one character left.
    EndLeftChar,
    /// Move the annotation's end one character right.
    EndRightChar,
    /// Merge the mention under the cursor into an entity.
    Merge,
    /// Open the Review tab on the current suggestion.
    Review,
    /// Accept the current suggestion.
    Accept,
    /// Reject the current suggestion.
    Reject,
    /// Skip the current suggestion.
    Skip,
    /// Undo the last review decision.
    UndoDecision,
    /// Accept every pending suggestion of this label at or above this score.
    AcceptAll,
    /// Review in reading order or by score.
    ToggleReviewOrder,
    /// Accept the proposed grouping of mentions into one entity.
    AcceptGrouping,
    /// Show or hide rejected suggestions.
    ToggleRejected,
    /// Search the article with a regular expression.
    Search,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Save now (scholia also saves after every change).
    Save,
    /// Save and quit.
    Quit,
    /// Show the keys.
    Help,
    /// Run any command by name.
    Palette,
    /// Move between the article and the panel.
    SwitchPane,
    /// Next panel tab.
    NextTab,
    /// Previous panel tab.
    PrevTab,
    /// Filter the panel's list.
    PanelFilter,
    /// Jump to the panel row's annotation.
    PanelActivate,
}

/// Every command without an argument, in the order help lists them.
const SIMPLE: &[Command] = &[
    Command::Left,
    Command::Right,
    Command::Up,
    Command::Down,
    Command::WordNext,
    Command::WordPrev,
    Command::WordEnd,
    Command::SentenceNext,
    Command::SentencePrev,
    Command::ParagraphNext,
    Command::ParagraphPrev,
    Command::LineStart,
    Command::LineEnd,
    Command::Top,
    Command::Bottom,
    Command::HalfPageDown,
    Command::HalfPageUp,
    Command::PageDown,
    Command::PageUp,
    Command::NextAnnotation,
    Command::PrevAnnotation,
    Command::SearchNext,
    Command::SearchPrev,
    Command::Visual,
    Command::SelectSentence,
    Command::Cancel,
    Command::TagClaim,
    Command::TagSource,
    Command::Relabel,
    Command::Delete,
    Command::Link,
    Command::Stance,
    Command::Grade,
    Command::Note,
    Command::StartLeft,
    Command::StartRight,
    Command::EndLeft,
    Command::EndRight,
    Command::StartLeftChar,
    Command::StartRightChar,
    Command::EndLeftChar,
    Command::EndRightChar,
    Command::Merge,
    Command::Review,
    Command::Accept,
    Command::Reject,
    Command::Skip,
    Command::UndoDecision,
    Command::AcceptAll,
    Command::ToggleReviewOrder,
    Command::AcceptGrouping,
    Command::ToggleRejected,
    Command::Search,
    Command::Undo,
    Command::Redo,
    Command::Save,
    Command::Quit,
    Command::Help,
    Command::Palette,
    Command::SwitchPane,
    Command::NextTab,
    Command::PrevTab,
    Command::PanelFilter,
    Command::PanelActivate,
];

impl Command {
    /// Every command without an argument, in help order.
    pub fn simple() -> &'static [Command] {
        SIMPLE
    }

    /// The name used in the config and the palette (`word-next`, `tag-entity PERSON`).
    pub fn name(&self) -> String {
        let base = match self {
            Command::Left => "left",
            Command::Right => "right",
            Command::Up => "up",
            Command::Down => "down",
            Command::WordNext => "word-next",
            Command::WordPrev => "word-prev",
            Command::WordEnd => "word-end",
            Command::SentenceNext => "sentence-next",
            Command::SentencePrev => "sentence-prev",
            Command::ParagraphNext => "paragraph-next",
            Command::ParagraphPrev => "paragraph-prev",
            Command::LineStart => "line-start",
            Command::LineEnd => "line-end",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::HalfPageDown => "half-page-down",
            Command::HalfPageUp => "half-page-up",
            Command::PageDown => "page-down",
            Command::PageUp => "page-up",
            Command::NextAnnotation => "next-annotation",
            Command::PrevAnnotation => "prev-annotation",
            Command::SearchNext => "search-next",
            Command::SearchPrev => "search-prev",
            Command::Visual => "visual",
            Command::SelectSentence => "select-sentence",
            Command::Cancel => "cancel",
            Command::TagEntity(label) => return format!("tag-entity {label}"),
            Command::TagClaim => "tag-claim",
            Command::TagSource => "tag-source",
            Command::Relabel => "relabel",
            Command::Delete => "delete",
            Command::Link => "link",
            Command::Stance => "stance",
            Command::Grade => "grade",
            Command::Note => "note",
            Command::StartLeft => "start-left",
            Command::StartRight => "start-right",
            Command::EndLeft => "end-left",
            Command::EndRight => "end-right",
            Command::StartLeftChar => "start-left-char",
            Command::StartRightChar => "start-right-char",
            Command::EndLeftChar => "end-left-char",
            Command::EndRightChar => "end-right-char",
            Command::Merge => "merge",
            Command::Review => "review",
            Command::Accept => "accept",
            Command::Reject => "reject",
            Command::Skip => "skip",
            Command::UndoDecision => "undo-decision",
            Command::AcceptAll => "accept-all",
            Command::ToggleReviewOrder => "toggle-review-order",
            Command::AcceptGrouping => "accept-grouping",
            Command::ToggleRejected => "toggle-rejected",
            Command::Search => "search",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::Save => "save",
            Command::Quit => "quit",
            Command::Help => "help",
            Command::Palette => "palette",
            Command::SwitchPane => "switch-pane",
            Command::NextTab => "next-tab",
            Command::PrevTab => "prev-tab",
            Command::PanelFilter => "panel-filter",
            Command::PanelActivate => "panel-activate",
        };
        base.to_string()
    }

    /// One line saying what the command does, for help and the palette.
    pub fn description(&self) -> String {
        let text = match self {
            Command::Left => "cursor one character left",
            Command::Right => "cursor one character right",
            Command::Up => "one display line up (panel: previous row)",
            Command::Down => "one display line down (panel: next row)",
            Command::WordNext => "start of the next word",
            Command::WordPrev => "start of the previous word",
            Command::WordEnd => "end of the word",
            Command::SentenceNext => "start of the next sentence",
            Command::SentencePrev => "start of the previous sentence",
            Command::ParagraphNext => "start of the next paragraph",
            Command::ParagraphPrev => "start of the previous paragraph",
            Command::LineStart => "start of the display line",
            Command::LineEnd => "end of the display line",
            Command::Top => "top of the article",
            Command::Bottom => "end of the article",
            Command::HalfPageDown => "half a screen down",
            Command::HalfPageUp => "half a screen up",
            Command::PageDown => "a screen down",
            Command::PageUp => "a screen up",
            Command::NextAnnotation => "next annotation",
            Command::PrevAnnotation => "previous annotation",
            Command::SearchNext => "next search match",
            Command::SearchPrev => "previous search match",
            Command::Visual => "start or stop a selection (extend it with any motion)",
            Command::SelectSentence => "select the current sentence",
            Command::Cancel => "cancel the selection, prompt or pending keys",
            Command::TagEntity(label) => return format!("tag the selection or word as {label}"),
            Command::TagClaim => "tag the selection (or the sentence) as a claim",
            Command::TagSource => "tag the selection (or the word) as a source",
            Command::Relabel => "change the label of the annotation under the cursor",
            Command::Delete => "delete the annotation under the cursor",
            Command::Link => "link the claim under the cursor to a source",
            Command::Stance => "set the claim's stance",
            Command::Grade => "grade: source reliability A–F, claim credibility 1–6",
            Command::Note => "edit the annotation's note",
            Command::StartLeft => "move the annotation's start a word left",
            Command::StartRight => "move the annotation's start a word right",
            Command::EndLeft => "move the annotation's end a word left",
            Command::EndRight => "move the annotation's end a word right",
            Command::StartLeftChar => "move the annotation's start a character left",
            Command::StartRightChar => "move the annotation's start a character right",
            Command::EndLeftChar => "move the annotation's end a character left",
            Command::EndRightChar => "move the annotation's end a character right",
            Command::Merge => "merge the mention into an entity",
            Command::Review => "review pending suggestions (the Review tab)",
            Command::Accept => "review: accept the suggestion",
            Command::Reject => "review: reject the suggestion",
            Command::Skip => "review: skip the suggestion",
            Command::UndoDecision => "review: undo the last decision",
            Command::AcceptAll => "review: accept all of this label at or above this score",
            Command::ToggleReviewOrder => "review: reading order or by score",
            Command::AcceptGrouping => "review: accept the proposed entity grouping",
            Command::ToggleRejected => "show or hide rejected suggestions",
            Command::Search => "search the article (regular expression)",
            Command::Undo => "undo the last change",
            Command::Redo => "redo the last undone change",
            Command::Save => "save now (scholia also saves after every change)",
            Command::Quit => "save and quit",
            Command::Help => "show the keys",
            Command::Palette => "run any command by name",
            Command::SwitchPane => "move between the article and the panel",
            Command::NextTab => "next panel tab",
            Command::PrevTab => "previous panel tab",
            Command::PanelFilter => "filter the panel's list",
            Command::PanelActivate => "jump to the row's annotation",
        };
        text.to_string()
    }

    /// Parses a command name as written in the config (`word-next`, `tag-entity ORG`).
    pub fn parse(text: &str) -> Option<Command> {
        let text = text.trim();
        if let Some(label) = text.strip_prefix("tag-entity ") {
            let label = label.trim();
            return (!label.is_empty()).then(|| Command::TagEntity(label.to_string()));
        }
        SIMPLE.iter().find(|c| c.name() == text).cloned()
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back() {
        for c in Command::simple() {
            assert_eq!(Command::parse(&c.name()).as_ref(), Some(c));
            assert!(!c.description().is_empty());
        }
        assert_eq!(
            Command::parse("tag-entity GPE"),
            Some(Command::TagEntity("GPE".into()))
        );
        assert_eq!(Command::parse("fly"), None);
    }
}
