//! Named commands: everything a key, the palette or a key script can ask the workbench to
//! do, and [`COMMANDS`], the one table that says for each its name, description, help
//! section, whether it edits, its default keys in every context and its handler. The
//! keymap, help, the palette, the status-line hints and the documented key tables all read
//! this table; adding a command is one row (which also declares its `Command` variant) and
//! its handler.

use std::fmt;

use super::action::Effect;
use super::adjudication;
use super::article_reports;
use super::claims_table;
use super::focus;
use super::folder_moves;
use super::handlers;
use super::history;
use super::keymap::Context;
use super::link_picker;
use super::registry_link;
use super::registry_screen;
use super::repeat;
use super::review_ops;
use super::state::App;
use super::tagging::{self, Boundary, Step};

/// The part of help a command is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Cursor motions and search.
    Move,
    /// Selections.
    Select,
    /// Creating annotations.
    Tag,
    /// Changing the annotation under the cursor.
    Annotation,
    /// Reviewing suggestions.
    Review,
    /// Everything else.
    Other,
    /// Keys that only mean something in a prompt; not in the palette.
    Prompt,
}

impl Section {
    /// Every section, in help order.
    pub const ALL: [Section; 7] = [
        Section::Move,
        Section::Select,
        Section::Tag,
        Section::Annotation,
        Section::Review,
        Section::Other,
        Section::Prompt,
    ];

    /// The section's heading in help.
    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Move",
            Section::Select => "Select",
            Section::Tag => "Tag",
            Section::Annotation => "Annotation",
            Section::Review => "Review",
            Section::Other => "Other",
            Section::Prompt => "Prompts",
        }
    }
}

/// What running a command does, outside prompts (a prompt gives the prompt commands
/// its own meaning: see `app::prompt_keys`).
#[derive(Clone, Copy)]
pub enum Handler {
    /// Needs only the state.
    State(fn(&mut App)),
    /// Needs the command's argument or asks the outside world for effects.
    Full(fn(&mut App, &Command, &mut Vec<Effect>)),
}

impl fmt::Debug for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Handler")
    }
}

/// One row of the command table.
#[derive(Debug)]
pub struct Spec {
    /// The command.
    pub command: Command,
    /// The name in the config and the palette (`word-next`).
    pub name: &'static str,
    /// Where help lists it.
    pub section: Section,
    /// Whether it changes the annotations (refused when read-only).
    pub edits: bool,
    /// One line saying what it does, for help, the palette and the docs.
    pub description: &'static str,
    /// Its default keys, per context, as written in the config (`ctrl-d`, `g g`).
    pub keys: &'static [(Context, &'static [&'static str])],
    /// What it does.
    pub run: Handler,
}

impl Spec {
    /// The default keys of this command in `context`.
    pub fn keys_in(&self, context: Context) -> &'static [&'static str] {
        self.keys
            .iter()
            .find(|(c, _)| *c == context)
            .map_or(&[], |(_, keys)| keys)
    }

    /// Whether the palette offers it (prompt-only commands it does not).
    pub fn in_palette(&self) -> bool {
        self.section != Section::Prompt
    }
}

/// Whether a row edits: `edits` or `reads`.
macro_rules! edits {
    (edits) => {
        true
    };
    (reads) => {
        false
    };
}

/// Generates [`Command`] and [`COMMANDS`] from the rows: `Variant => name, section,
/// edits|reads, handler, description, [context: keys…, …];`. A plain row declares its
/// variant (documented by its description); a row of a parameterised variant
/// (`MoveBoundary(Boundary::StartLeft, Step::Word) => ...`) names one of the variants
/// declared under `parameterised`.
macro_rules! command_table {
    (parameterised { $($parameterised:tt)* } rows { $($rows:tt)* }) => {
        command_table!(@row [$($parameterised)*] [] $($rows)*);
    };
    (@row [$($variants:tt)*] [$($specs:tt)*]) => {
        /// A named command: everything a key, the palette or a key script can ask for.
        /// Parameterised ones (`tag-entity PERSON`, the boundary moves) carry their
        /// argument.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Command {
            $($variants)*
        }

        /// Every command but `tag-entity` (whose keys come from the schema), in help
        /// order.
        pub static COMMANDS: &[Spec] = &[$($specs)*];
    };
    (@row [$($variants:tt)*] [$($specs:tt)*]
        $variant:ident($($argument:expr),+) => $name:literal, $section:ident, $edits:ident,
        $run:expr, $description:literal, [$( $context:ident: $($key:literal)+ ),*];
        $($rest:tt)*) => {
        command_table!(@row [$($variants)*] [$($specs)* Spec {
            command: Command::$variant($($argument),+),
            name: $name,
            section: Section::$section,
            edits: edits!($edits),
            description: $description,
            keys: &[$( (Context::$context, &[$($key),+]) ),*],
            run: $run,
        },] $($rest)*);
    };
    (@row [$($variants:tt)*] [$($specs:tt)*]
        $variant:ident => $name:literal, $section:ident, $edits:ident,
        $run:expr, $description:literal, [$( $context:ident: $($key:literal)+ ),*];
        $($rest:tt)*) => {
        command_table!(@row [$($variants)* #[doc = $description] $variant,] [$($specs)* Spec {
            command: Command::$variant,
            name: $name,
            section: Section::$section,
            edits: edits!($edits),
            description: $description,
            keys: &[$( (Context::$context, &[$($key),+]) ),*],
            run: $run,
        },] $($rest)*);
    };
}

use Command::*;
use Handler::{Full, State};

command_table! {
parameterised {
    /// Tag the selection (or the word) as an entity of this type.
    TagEntity(String),
    /// Move a boundary of the annotation under the cursor by a word or a character.
    MoveBoundary(Boundary, Step),
    /// Adjudication: keep the version of the side with this number (1: A or ours).
    TakeVersion(u8),
}
rows {
    Left => "left", Move, reads, Full(handlers::motion),
        "cursor one character left", [Article: "h" "left"];
    Right => "right", Move, reads, Full(handlers::motion),
        "cursor one character right", [Article: "l" "right"];
    Up => "up", Move, reads, Full(handlers::motion),
        "one display line up (panel: previous row)",
        [Article: "k" "up", Panel: "k" "up", Help: "k" "up", Picker: "up" "backtab" "ctrl-p",
         Search: "up", Link: "up" "ctrl-p", ClaimsTable: "k" "up", List: "k" "up", Registry: "k" "up"];
    Down => "down", Move, reads, Full(handlers::motion),
        "one display line down (panel: next row)",
        [Article: "j" "down", Panel: "j" "down", Help: "j" "down", Picker: "down" "tab" "ctrl-n",
         Search: "down", Link: "down" "ctrl-n", ClaimsTable: "j" "down", List: "j" "down", Registry: "j" "down"];
    WordNext => "word-next", Move, reads, Full(handlers::motion),
        "start of the next word",
        [Article: "w", Picker: "alt-f", Note: "alt-f", Search: "alt-f", Filter: "alt-f", Link: "alt-f"];
    WordPrev => "word-prev", Move, reads, Full(handlers::motion),
        "start of the previous word",
        [Article: "b", Picker: "alt-b", Note: "alt-b", Search: "alt-b", Filter: "alt-b", Link: "alt-b"];
    WordEnd => "word-end", Move, reads, Full(handlers::motion),
        "end of the word", [Article: "e"];
    SentenceNext => "sentence-next", Move, reads, Full(handlers::motion),
        "start of the next sentence", [Article: ")"];
    SentencePrev => "sentence-prev", Move, reads, Full(handlers::motion),
        "start of the previous sentence", [Article: "("];
    ParagraphNext => "paragraph-next", Move, reads, Full(handlers::motion),
        "start of the next paragraph", [Article: "}"];
    ParagraphPrev => "paragraph-prev", Move, reads, Full(handlers::motion),
        "start of the previous paragraph", [Article: "{"];
    LineStart => "line-start", Move, reads, Full(handlers::motion),
        "start of the display line",
        [Article: "0" "home", Picker: "ctrl-a", Note: "ctrl-a", Search: "ctrl-a", Filter: "ctrl-a", Link: "ctrl-a"];
    LineEnd => "line-end", Move, reads, Full(handlers::motion),
        "end of the display line",
        [Article: "$" "end", Picker: "ctrl-e", Note: "ctrl-e", Search: "ctrl-e", Filter: "ctrl-e", Link: "ctrl-e"];
    Top => "top", Move, reads, Full(handlers::motion),
        "top of the article", [Article: "g g", Panel: "g g", ClaimsTable: "home", List: "g g" "home", Registry: "home"];
    Bottom => "bottom", Move, reads, Full(handlers::motion),
        "end of the article", [Article: "G", Panel: "G", ClaimsTable: "G" "end", List: "G" "end", Registry: "G" "end"];
    HalfPageDown => "half-page-down", Move, reads, Full(handlers::motion),
        "half a screen down", [Article: "ctrl-d", Help: "ctrl-d"];
    HalfPageUp => "half-page-up", Move, reads, Full(handlers::motion),
        "half a screen up", [Article: "ctrl-u", Help: "ctrl-u"];
    PageDown => "page-down", Move, reads, Full(handlers::motion),
        "a screen down",
        [Article: "pgdn" "ctrl-f", Help: "pgdn" "space", ClaimsTable: "pgdn" "ctrl-f" "space",
         List: "pgdn" "ctrl-f", Registry: "pgdn" "ctrl-f" "space"];
    PageUp => "page-up", Move, reads, Full(handlers::motion),
        "a screen up",
        [Article: "pgup" "ctrl-b", Help: "pgup", ClaimsTable: "pgup" "ctrl-b", List: "pgup" "ctrl-b", Registry: "pgup" "ctrl-b"];
    NextAnnotation => "next-annotation", Move, reads, Full(handlers::motion),
        "next annotation", [Article: "]"];
    PrevAnnotation => "prev-annotation", Move, reads, Full(handlers::motion),
        "previous annotation", [Article: "["];
    FocusNext => "focus-next", Move, reads, State(focus::focus_next),
        "act on the next of the annotations under the cursor", [Article: ";"];
    SearchNext => "search-next", Move, reads, Full(handlers::motion),
        "next search match", [Article: "n"];
    SearchPrev => "search-prev", Move, reads, Full(handlers::motion),
        "previous search match", [Article: "N"];
    Visual => "visual", Select, reads, State(handlers::visual),
        "start or stop a selection (extend it with any motion)", [Article: "v"];
    SelectSentence => "select-sentence", Select, reads, State(handlers::select_sentence),
        "select the current sentence", [Article: "V"];
    Cancel => "cancel", Select, reads, State(handlers::cancel),
        "cancel the selection, prompt or pending keys",
        [Article: "esc", Panel: "esc", Help: "esc" "q" "?" "enter", Picker: "esc", Link: "esc",
         ClaimsTable: "esc" "q", Note: "ctrl-c", Search: "esc", Filter: "esc", List: "esc", Registry: "esc" "q"];
    TagClaim => "tag-claim", Tag, edits, State(handlers::tag_claim),
        "tag the selection (or the sentence) as a claim", [Article: "c"];
    TagSource => "tag-source", Tag, edits, State(handlers::tag_source),
        "tag the selection (or the word) as a source", [Article: "s"];
    Repeat => "repeat", Tag, edits, State(repeat::offer_repeats),
        "suggest the other places of the tagged words under the cursor (same kind and label)",
        [Article: "*"];
    Relabel => "relabel", Annotation, edits, State(tagging::relabel),
        "change the label of the annotation under the cursor", [Article: "r"];
    Delete => "delete", Annotation, edits, State(tagging::delete),
        "delete the annotation under the cursor", [Article: "d", Panel: "d"];
    Link => "link", Annotation, edits, State(link_picker::open),
        "link the claim under the cursor to a source, publication, entity or claim",
        [Article: "L"];
    Unlink => "unlink", Annotation, edits, State(link_picker::list),
        "list the links of the annotation under the cursor to remove one", [Article: "D"];
    Stance => "stance", Annotation, edits, State(tagging::stance),
        "set the claim's stance", [Article: "t"];
    Grade => "grade", Annotation, edits, State(tagging::grade),
        "grade: source reliability A–F, claim credibility 1–6 (registry screen: the entry)",
        [Article: "=", Registry: "="];
    Note => "note", Annotation, edits, State(tagging::note),
        "edit the annotation's note", [Article: "i"];
    MoveBoundary(Boundary::StartLeft, Step::Word) => "start-left", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's start a word left",
        [Article: "<"];
    MoveBoundary(Boundary::StartRight, Step::Word) => "start-right", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's start a word right",
        [Article: ">"];
    MoveBoundary(Boundary::EndLeft, Step::Word) => "end-left", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's end a word left",
        [Article: ","];
    MoveBoundary(Boundary::EndRight, Step::Word) => "end-right", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's end a word right",
        [Article: "."];
    MoveBoundary(Boundary::StartLeft, Step::Character) => "start-left-char", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's start a character left",
        [Article: "alt-<"];
    MoveBoundary(Boundary::StartRight, Step::Character) => "start-right-char", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's start a character right",
        [Article: "alt->"];
    MoveBoundary(Boundary::EndLeft, Step::Character) => "end-left-char", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's end a character left",
        [Article: "alt-,"];
    MoveBoundary(Boundary::EndRight, Step::Character) => "end-right-char", Annotation, edits,
        Full(handlers::move_boundary), "move the annotation's end a character right",
        [Article: "alt-."];
    Merge => "merge", Annotation, edits, State(tagging::merge),
        "merge the mention into an entity or a registry entry (registry screen: mark, then merge into)",
        [Article: "m", Registry: "m"];
    LinkRegistry => "link-registry", Annotation, edits, State(registry_link::accept),
        "link the mention to the registry entry named like it", [Article: "K"];
    Review => "review", Review, reads, State(handlers::review),
        "review pending suggestions (the Review tab)", [Article: "g r", Panel: "g r"];
    Accept => "accept", Review, edits, State(handlers::accept),
        "review: accept the suggestion (the highlighted row, or under the cursor)", [Article: "a", Panel: "a"];
    Reject => "reject", Review, edits, State(handlers::reject),
        "review: reject the suggestion (the highlighted row, or under the cursor)", [Article: "x", Panel: "x"];
    Skip => "skip", Review, reads, State(review_ops::skip),
        "review: skip the suggestion", [Article: "space", Panel: "space"];
    UndoDecision => "undo-decision", Review, edits, State(review_ops::undo_decision),
        "review: undo the last decision", [Article: "backspace", Panel: "backspace"];
    AcceptAll => "accept-all", Review, edits, State(review_ops::accept_all),
        "review: accept all of this label at or above this score (asks first without scores)", [Article: "A", Panel: "A"];
    ToggleReviewOrder => "toggle-review-order", Review, reads, State(review_ops::toggle_order),
        "review: reading order or by score", [Article: "o", Panel: "o"];
    AcceptGrouping => "accept-grouping", Review, edits, State(review_ops::accept_grouping),
        "review: accept the proposed entity grouping", [Article: "M", Panel: "M"];
    ToggleRejected => "toggle-rejected", Review, reads, State(handlers::toggle_rejected),
        "show or hide rejected suggestions (the Review tab lists them)", [Article: "R", Panel: "R"];
    Adjudication => "adjudication", Review, reads, State(adjudication::show),
        "adjudication: list the disagreements left to settle (the Adjudication tab)",
        [Article: "g a", Panel: "g a"];
    TakeVersion(1) => "take-1", Review, edits, Full(adjudication::take),
        "adjudication: keep the first side's version (A, or ours), drop the others",
        [Article: "alt-1", Panel: "alt-1"];
    TakeVersion(2) => "take-2", Review, edits, Full(adjudication::take),
        "adjudication: keep the second side's version (B, or theirs), drop the others",
        [Article: "alt-2", Panel: "alt-2"];
    TakeVersion(3) => "take-3", Review, edits, Full(adjudication::take),
        "adjudication: keep the third side's version (C), drop the others",
        [Article: "alt-3", Panel: "alt-3"];
    TakeAll => "take-all", Review, edits, State(adjudication::take_all),
        "adjudication: keep every version (both)", [Article: "+", Panel: "+"];
    TakeNeither => "take-neither", Review, edits, State(adjudication::take_neither),
        "adjudication: keep no version (neither)", [Article: "-", Panel: "-"];
    Search => "search", Move, reads, State(handlers::search),
        "search the article (regular expression)", [Article: "/"];
    Undo => "undo", Other, edits, State(history::undo),
        "undo the last change", [Article: "u", Panel: "u", List: "u"];
    Redo => "redo", Other, edits, State(history::redo),
        "redo the last undone change", [Article: "ctrl-r", Panel: "ctrl-r"];
    Save => "save", Other, reads, Full(handlers::save),
        "save now (scholia also saves after every change)",
        [Article: "ctrl-s", Panel: "ctrl-s"];
    Quit => "quit", Other, reads, Full(handlers::quit),
        "save and quit", [Article: "q" "ctrl-c", Panel: "q" "ctrl-c", List: "q" "ctrl-c"];
    Export => "export", Other, reads, State(article_reports::export),
        "export the article: pick a format, the files go next to it", [];
    Validate => "validate", Other, reads, Full(article_reports::validate),
        "check the sidecar on disk as scholia validate does", [];
    Stats => "stats", Other, reads, State(article_reports::stats),
        "count the annotations by kind and status", [];
    Help => "help", Other, reads, State(handlers::help),
        "show the keys", [Article: "?", Panel: "?"];
    Messages => "messages", Other, reads, State(handlers::messages),
        "show this session's messages, newest last", [Article: "g m", Panel: "g m"];
    Palette => "palette", Other, reads, State(handlers::palette),
        "run any command by name", [Article: ":", Panel: ":"];
    SwitchPane => "switch-pane", Other, reads, State(handlers::switch_pane),
        "move between the article and the panel", [Article: "tab", Panel: "tab"];
    NextTab => "next-tab", Other, reads, State(handlers::next_tab),
        "next panel tab", [Article: "g t", Panel: "l" "right"];
    PrevTab => "prev-tab", Other, reads, State(handlers::prev_tab),
        "previous panel tab", [Article: "g T", Panel: "h" "left"];
    PanelFilter => "panel-filter", Other, reads, State(handlers::panel_filter),
        "filter the tab's list (each tab has its own filter; the article list by name or state)",
        [Panel: "/", List: "/"];
    PanelActivate => "panel-activate", Other, reads, State(handlers::panel_activate),
        "jump to the row's annotation", [Panel: "enter"];
    DeleteToLineStart => "delete-to-line-start", Prompt, reads, Full(handlers::only_in_prompt),
        "delete from the start of the line to the cursor",
        [Picker: "ctrl-u", Note: "ctrl-u", Search: "ctrl-u", Filter: "ctrl-u", Link: "ctrl-u"];
    DeleteWordBefore => "delete-word-before", Prompt, reads, Full(handlers::only_in_prompt),
        "delete the word before the cursor (back to a blank)",
        [Picker: "ctrl-w", Note: "ctrl-w", Search: "ctrl-w", Filter: "ctrl-w", Link: "ctrl-w"];
    ClaimsTable => "claims-table", Other, reads, State(claims_table::open),
        "every claim as a table: stance, credibility, sources, publications, note",
        [Article: "C", Panel: "C"];
    RegistryScreen => "registry-screen", Other, reads, Full(registry_screen::open),
        "the corpus registry: entries, grades, aliases, mentions across the corpus, merges",
        [Article: "g R", Panel: "g R"];
    RegistryAliases => "registry-aliases", Prompt, reads, Full(handlers::only_in_prompt),
        "edit the highlighted registry entry's aliases (comma-separated)", [Registry: "a"];
    NextLinkType => "next-link-type", Prompt, reads, Full(handlers::only_in_prompt),
        "the link picker's next relation type", [Link: "tab"];
    PrevLinkType => "prev-link-type", Prompt, reads, Full(handlers::only_in_prompt),
        "the link picker's previous relation type", [Link: "backtab"];
    SortNext => "sort-next", Prompt, reads, Full(handlers::only_in_prompt),
        "sort the claims table (or the article list) by its next column",
        [ClaimsTable: "s", List: "s"];
    OpenArticle => "open-article", Prompt, reads, Full(handlers::only_in_prompt),
        "open the article under the cursor of the article list", [List: "enter"];
    MarkDone => "mark-done", Other, edits, State(folder_moves::toggle_done),
        "mark the article done, or take the mark back (folder mode shows it)",
        [Article: "g d", Panel: "g d", List: "g d"];
    ArticleList => "article-list", Other, reads, Full(folder_moves::leave),
        "folder mode: back to the article list", [Article: "g l", Panel: "g l"];
    NextArticle => "next-article", Other, reads, Full(folder_moves::leave),
        "folder mode: the next article of the list", [Article: "g n", Panel: "g n"];
    PrevArticle => "prev-article", Other, reads, Full(folder_moves::leave),
        "folder mode: the previous article of the list", [Article: "g p", Panel: "g p"];
    NextUnfinished => "next-unfinished", Other, reads, Full(folder_moves::leave),
        "folder mode: the next article not marked done",
        [Article: "g u", Panel: "g u", List: "g u"];
    SortReverse => "sort-reverse", Prompt, reads, Full(handlers::only_in_prompt),
        "reverse the claims table's (or the article list's) order", [ClaimsTable: "r", List: "S"];
    Confirm => "confirm", Prompt, reads, State(handlers::confirm),
        "take the prompt's choice: pick the item, run the search, keep the filter or note, say yes",
        [Picker: "enter", Link: "enter", ClaimsTable: "enter", Registry: "enter", Note: "esc" "ctrl-s",
         Search: "enter", Filter: "enter", Confirm: "y"];
}
}

/// The row of `tag-entity LABEL`: its keys are the entity types' schema keys.
static TAG_ENTITY: Spec = Spec {
    command: TagEntity(String::new()),
    name: "tag-entity",
    section: Section::Tag,
    edits: true,
    description: "tag the selection or word as",
    keys: &[],
    run: Full(handlers::tag_entity),
};

impl Command {
    /// Every command of the table (all but `tag-entity`), in help order.
    pub fn all() -> impl Iterator<Item = &'static Command> {
        COMMANDS.iter().map(|spec| &spec.command)
    }

    /// This command's row of the table.
    pub fn spec(&self) -> &'static Spec {
        match self {
            TagEntity(_) => &TAG_ENTITY,
            command => COMMANDS
                .iter()
                .find(|spec| spec.command == *command)
                .expect("every command has a row in COMMANDS"),
        }
    }

    /// The name used in the config and the palette (`word-next`, `tag-entity PERSON`).
    pub fn name(&self) -> String {
        match self {
            TagEntity(label) => format!("{} {label}", TAG_ENTITY.name),
            command => command.spec().name.to_string(),
        }
    }

    /// One line saying what the command does, for help and the palette.
    pub fn description(&self) -> String {
        match self {
            TagEntity(label) => format!("{} {label}", TAG_ENTITY.description),
            command => command.spec().description.to_string(),
        }
    }

    /// Parses a command name as written in the config (`word-next`, `tag-entity ORG`).
    pub fn parse(text: &str) -> Option<Command> {
        let text = text.trim();
        if let Some(label) = text.strip_prefix("tag-entity ") {
            let label = label.trim();
            return (!label.is_empty()).then(|| TagEntity(label.to_string()));
        }
        COMMANDS
            .iter()
            .find(|spec| spec.name == text)
            .map(|spec| spec.command.clone())
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
    use crate::app::key::Key;

    #[test]
    fn every_name_parses_back_to_its_own_row() {
        for spec in COMMANDS {
            assert_eq!(Command::parse(spec.name).as_ref(), Some(&spec.command));
            assert!(std::ptr::eq(spec.command.spec(), spec), "{}", spec.name);
            assert!(!spec.description.is_empty(), "{}", spec.name);
        }
        assert_eq!(
            Command::parse("tag-entity GPE"),
            Some(TagEntity("GPE".into()))
        );
        assert_eq!(
            Command::parse("start-left-char"),
            Some(MoveBoundary(Boundary::StartLeft, Step::Character))
        );
        assert_eq!(Command::parse("fly"), None);
    }

    #[test]
    fn every_default_key_parses() {
        for spec in COMMANDS {
            for (context, keys) in spec.keys {
                for keys in *keys {
                    let each_parses = keys.split_whitespace().all(|k| Key::parse(k).is_some());
                    assert!(
                        each_parses && Key::parse_sequence(keys).is_some_and(|k| !k.is_empty()),
                        "default key \"{keys}\" of {} in {} does not parse (one key name per word: \"g g\", \"ctrl-d\")",
                        spec.name,
                        context.name()
                    );
                }
            }
        }
    }

    #[test]
    fn no_default_key_is_bound_twice_in_one_context() {
        let mut seen = std::collections::HashMap::new();
        for spec in COMMANDS {
            for (context, keys) in spec.keys {
                for keys in *keys {
                    let parsed = Key::parse_sequence(keys);
                    if let Some(other) = seen.insert((*context, parsed), spec.name) {
                        panic!(
                            "\"{keys}\" in {} is bound to {other} and {}",
                            context.name(),
                            spec.name
                        );
                    }
                }
            }
        }
    }
}
