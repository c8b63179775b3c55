//! The documented keys cannot drift from the command table: `docs/keys.md` is generated
//! from it (set `SCHOLIA_WRITE_DOCS=1` to rewrite the file after changing a row), and the
//! README's key table names a key of every command bound in the article or the panel.

use std::fs;
use std::path::Path;

use scholia::app::command::{Section, COMMANDS};
use scholia::app::key::Key;
use scholia::app::keymap::{self, Context};

/// Keys as the config writes them (`g g`, `ctrl-d`), comma-separated.
fn shown(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| {
            assert!(Key::parse_sequence(k).is_some(), "bad key {k}");
            format!("`{k}`")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `docs/keys.md` as the command table says it should be.
fn generated() -> String {
    let mut out = String::from(
        "# Keys\n\n\
         Every command of the workbench with its default keys, generated from the command \
         table in `src/app/command.rs` (a test fails when this file and the table differ). \
         Every key is rebindable in the `[keys]` tables of the config (see \
         [config.md](config.md#keys)); `?` in the workbench shows the keys in force and `:` \
         runs any command by name. Keys are written here as in the config.\n\n\
         Adding a command is one row in that table (its name, help section, whether it \
         edits, its handler, what it does, its default keys per context; the row also declares its `Command` variant) and its handler \
         function; help, the palette, the status-line hints, the keymap and this page follow.\n",
    );
    for section in Section::ALL.into_iter().filter(|s| *s != Section::Prompt) {
        out.push_str(&format!(
            "\n## {}\n\n| command | article | panel | what it does |\n|---|---|---|---|\n",
            section.title()
        ));
        if section == Section::Tag {
            out.push_str(
                "| `tag-entity TYPE` | the type's key (`1`–`9`: PERSON … CARDINAL) | the same | tag the selection or word as an entity of that type (on a suggestion: accept it as that type) |\n",
            );
        }
        for spec in COMMANDS.iter().filter(|s| s.section == section) {
            let edits = if spec.edits { " (edits)" } else { "" };
            out.push_str(&format!(
                "| `{}` | {} | {} | {}{edits} |\n",
                spec.name,
                shown(spec.keys_in(Context::Article)),
                shown(spec.keys_in(Context::Panel)),
                spec.description
            ));
        }
    }
    out.push_str(
        "\n## The article list\n\n\
         Folder mode (`scholia DIR`) lists the folder's articles; its keys are the config's \
         `[keys.list]` table.\n\n\
         | command | keys | what it does there |\n|---|---|---|\n",
    );
    for spec in COMMANDS {
        let keys = spec.keys_in(Context::List);
        if !keys.is_empty() {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                spec.name,
                shown(keys),
                meaning_in_list(spec.name)
            ));
        }
    }
    out.push_str(
        "\n## Prompts\n\n\
         In a prompt the keys below run a command with the prompt's meaning; any other key \
         is typed into it (a list's query, the note, the pattern). Each prompt is a table of \
         the config: `[keys.help]`, `[keys.picker]`, `[keys.link]`, `[keys.claims-table]`, \
         `[keys.registry]`, `[keys.note]`, `[keys.search]`, `[keys.filter]`, `[keys.confirm]`.\n\n\
         | prompt | command | keys | what it does there |\n|---|---|---|---|\n",
    );
    for context in Context::ALL.into_iter().filter(|c| c.is_prompt()) {
        for spec in COMMANDS {
            let keys = spec.keys_in(context);
            if keys.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                context.name(),
                spec.name,
                shown(keys),
                meaning_in_prompt(context, spec.name)
            ));
        }
    }
    out
}

/// What a command does on the article list (`app::corpus`).
fn meaning_in_list(name: &str) -> &'static str {
    match name {
        "up" => "the previous article",
        "down" => "the next article",
        "top" => "the first article",
        "bottom" => "the last article",
        "page-up" => "a screen up",
        "page-down" => "a screen down",
        "cancel" => "clear the filter",
        "sort-next" => "sort by the next column (name, words, annotations, pending, claims, sources, state, last change)",
        "sort-reverse" => "reverse the order",
        "open-article" => "open the article",
        "mark-done" => "mark the article done, or take the mark back",
        "next-unfinished" => "the next article not marked done",
        "undo" => "take back the last done mark set or taken back on the list",
        "panel-filter" => "filter by name (fuzzy) or by state (`done`, `untouched`, `in progress`)",
        "quit" => "quit",
        other => panic!("say what `{other}` does on the article list"),
    }
}

/// What a command does in a prompt (`app::prompt_keys`).
fn meaning_in_prompt(context: Context, name: &str) -> &'static str {
    match (context, name) {
        (Context::Help, "up") => "scroll up a line",
        (Context::Help, "down") => "scroll down a line",
        (Context::Help, "page-up") => "scroll up a page",
        (Context::Help, "page-down") => "scroll down a page",
        (Context::Help, "half-page-up") => "scroll up half a page",
        (Context::Help, "half-page-down") => "scroll down half a page",
        (Context::Help, "cancel") => {
            "close help (or the message log, which scrolls with these keys too)"
        }
        (Context::Search, "up") => {
            "the previous pattern searched for (on an empty prompt: the last one)"
        }
        (Context::Search, "down") => {
            "the next pattern searched for; past the newest, what was typed"
        }
        (
            Context::Picker | Context::Link | Context::Note | Context::Search | Context::Filter,
            "line-start",
        ) => "to the start of the line",
        (
            Context::Picker | Context::Link | Context::Note | Context::Search | Context::Filter,
            "line-end",
        ) => "to the end of the line",
        (
            Context::Picker | Context::Link | Context::Note | Context::Search | Context::Filter,
            "word-prev",
        ) => "to the start of the word before the cursor (letters and digits of any script)",
        (
            Context::Picker | Context::Link | Context::Note | Context::Search | Context::Filter,
            "word-next",
        ) => "to the end of the word after the cursor",
        (
            Context::Picker | Context::Link | Context::Note | Context::Search | Context::Filter,
            "delete-to-line-start",
        ) => "delete from the start of the line to the cursor",
        (
            Context::Picker | Context::Link | Context::Note | Context::Search | Context::Filter,
            "delete-word-before",
        ) => "delete the word before the cursor, back to a blank",
        (Context::Picker, "up") => "previous item",
        (Context::Picker, "down") => "next item",
        (Context::Picker, "confirm") => "choose the highlighted item",
        (Context::Picker, "cancel") => "close the list, choosing nothing",
        (Context::Link, "up") => "previous target",
        (Context::Link, "down") => "next target",
        (Context::Link, "next-link-type") => {
            "the next relation type (after the last: guessed per target)"
        }
        (Context::Link, "prev-link-type") => "the previous relation type",
        (Context::Link, "confirm") => {
            "link to the highlighted target (an existing link: ask to remove it)"
        }
        (Context::Link, "cancel") => "close the picker, linking nothing",
        (Context::ClaimsTable, "up") => "previous claim",
        (Context::ClaimsTable, "down") => "next claim",
        (Context::ClaimsTable, "page-up") => "a screen of claims up",
        (Context::ClaimsTable, "page-down") => "a screen of claims down",
        (Context::ClaimsTable, "top") => "first claim",
        (Context::ClaimsTable, "bottom") => "last claim",
        (Context::ClaimsTable, "sort-next") => "sort by the next column",
        (Context::ClaimsTable, "sort-reverse") => "reverse the order",
        (Context::ClaimsTable, "confirm") => "jump to the claim in the article and close the table",
        (Context::ClaimsTable, "cancel") => "close the table",
        (Context::Registry, "up") => "previous entry",
        (Context::Registry, "down") => "next entry",
        (Context::Registry, "page-up") => "a screen of entries up",
        (Context::Registry, "page-down") => "a screen of entries down",
        (Context::Registry, "top") => "first entry",
        (Context::Registry, "bottom") => "last entry",
        (Context::Registry, "grade") => {
            "grade the entry: the next key is a reliability key (`-` clears, `Esc` keeps it)"
        }
        (Context::Registry, "merge") => {
            "mark the entry; on another entry, merge the marked one into it (graded differently: `1` or `2` says whose grade stays)"
        }
        (Context::Registry, "registry-aliases") => {
            "edit the entry's aliases on one line, comma-separated (`Enter` keeps them)"
        }
        (Context::Registry, "confirm") => {
            "list the articles mentioning the entry, with counts (again: back to the entries)"
        }
        (Context::Registry, "cancel") => "close the mentions, else the screen",
        (Context::Note, "confirm") => "keep the note",
        (Context::Note, "cancel") => "discard the changes to the note",
        (Context::Search, "confirm") => "search",
        (Context::Search, "cancel") => "close the prompt",
        (Context::Filter, "confirm") => "keep the filter",
        (Context::Filter, "cancel") => "clear the filter",
        (Context::Confirm, "confirm") => "quit and lose the unsaved changes (any other key stays)",
        _ => panic!("say what {name} does in the {} prompt", context.name()),
    }
}

fn repo_file(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

#[test]
fn docs_keys_md_is_generated_from_the_command_table() {
    let path = repo_file("docs/keys.md");
    let expected = generated();
    if std::env::var_os("SCHOLIA_WRITE_DOCS").is_some() {
        fs::write(&path, &expected).unwrap();
    }
    let on_disk = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == expected,
        "docs/keys.md differs from the command table; rewrite it with SCHOLIA_WRITE_DOCS=1 cargo test --test docs_keys"
    );
}

#[test]
fn readme_key_table_names_a_key_of_every_command() {
    let readme = fs::read_to_string(repo_file("README.md")).unwrap();
    let start = readme
        .find("## The keys")
        .expect("README has a section The keys");
    let end = readme[start + 1..]
        .find("\n## ")
        .map_or(readme.len(), |e| start + 1 + e);
    let section = &readme[start..end];
    let mentions = |keys: &str| {
        let parsed = Key::parse_sequence(keys).unwrap();
        let spaced = keymap::shown(&parsed);
        let unspaced = spaced.replace(' ', "");
        section.contains(&format!("`{spaced}`"))
            || section.contains(&format!("`{unspaced}`"))
            || (spaced.chars().count() > 1
                && section
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .any(|word| word == spaced))
    };
    let mut missing = Vec::new();
    for spec in COMMANDS {
        for context in [Context::Article, Context::Panel] {
            let keys = spec.keys_in(context);
            if !keys.is_empty() && !keys.iter().any(|k| mentions(k)) {
                missing.push(format!("{} ({})", spec.name, context.name()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README's keys section names no key of: {}",
        missing.join(", ")
    );
    assert!(
        section.contains("docs/keys.md"),
        "README links to docs/keys.md"
    );
}
