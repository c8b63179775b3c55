//! Key bindings: key sequences → commands, per context, with the defaults of DESIGN §5
//! and overrides from the `[keys]` table of the config.

use std::collections::BTreeMap;

use super::command::{Command, COMMANDS};
use super::key::Key;

/// Where the keys are typed: the two panes, and each prompt drawn over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// The article pane.
    Article,
    /// The side panel.
    Panel,
    /// The key reference (`?`) and the message log: boxes that only scroll.
    Help,
    /// A list to pick from (relabel, stance, grade, merge, links to remove, the palette).
    Picker,
    /// The link picker: a list of targets with a relation type.
    Link,
    /// The claims table.
    ClaimsTable,
    /// The registry screen.
    Registry,
    /// The note editor.
    Note,
    /// The search prompt.
    Search,
    /// The panel's filter prompt.
    Filter,
    /// The question before quitting with changes that would be lost.
    Confirm,
    /// The article list of folder mode (`scholia DIR`).
    List,
}

impl Context {
    /// Every context, in the order the config documentation lists them.
    pub const ALL: [Context; 12] = [
        Context::Article,
        Context::Panel,
        Context::Help,
        Context::Picker,
        Context::Link,
        Context::ClaimsTable,
        Context::Registry,
        Context::Note,
        Context::Search,
        Context::Filter,
        Context::Confirm,
        Context::List,
    ];

    /// The name used in the config (`[keys.article]`, `[keys.picker]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Article => "article",
            Context::Panel => "panel",
            Context::Help => "help",
            Context::Picker => "picker",
            Context::Link => "link",
            Context::ClaimsTable => "claims-table",
            Context::Registry => "registry",
            Context::Note => "note",
            Context::Search => "search",
            Context::Filter => "filter",
            Context::Confirm => "confirm",
            Context::List => "list",
        }
    }

    /// Whether keys here are single keys that interrupt typing (a prompt), rather than
    /// sequences of commands (the panes).
    pub fn is_prompt(self) -> bool {
        !matches!(self, Context::Article | Context::Panel | Context::List)
    }
}

/// The result of feeding a key to the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A whole binding was typed.
    Run(Command),
    /// The keys so far begin a binding: wait for more.
    Pending,
    /// Nothing is bound to these keys.
    Unbound,
}

/// A bad `[keys]` entry in the config.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct KeymapError {
    /// What is wrong, naming the entry.
    pub message: String,
    /// The key as written in the config (for locating its line).
    pub key: String,
}

/// All bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<(Context, Vec<Key>), Command>,
}

impl Keymap {
    /// The default bindings of the command table, with entity types bound to their
    /// schema keys (`entity_keys`: key character → entity type) in the article and panel.
    pub fn defaults(entity_keys: &[(char, String)]) -> Keymap {
        let mut bindings = BTreeMap::new();
        for spec in COMMANDS {
            for (context, keys) in spec.keys {
                // A default that does not parse fails `every_default_key_parses`.
                for keys in keys.iter().filter_map(|k| Key::parse_sequence(k)) {
                    bindings.insert((*context, keys), spec.command.clone());
                }
            }
        }
        for (key, label) in entity_keys {
            for context in [Context::Article, Context::Panel] {
                bindings.insert(
                    (context, vec![Key::char(*key)]),
                    Command::TagEntity(label.clone()),
                );
            }
        }
        Keymap { bindings }
    }

    /// Applies the `[keys]` table of the config: `[keys.article]`, `[keys.panel]` and the
    /// prompts' tables (`[keys.picker]`, `[keys.note]`, ... see [`Context::ALL`]) map a key
    /// sequence to a command name, or to `"none"` to unbind; plain entries directly under
    /// `[keys]` apply to the article.
    pub fn apply_config(&mut self, table: &toml::Table) -> Result<(), KeymapError> {
        for (name, value) in table {
            let context = Context::ALL.into_iter().find(|c| c.name() == name);
            match (context, value) {
                (Some(context), toml::Value::Table(t)) => self.apply_context(context, t)?,
                (_, toml::Value::String(_)) => {
                    let single: toml::Table = [(name.clone(), value.clone())].into_iter().collect();
                    self.apply_context(Context::Article, &single)?;
                }
                _ => {
                    let tables: Vec<String> = Context::ALL
                        .iter()
                        .map(|c| format!("[keys.{}]", c.name()))
                        .collect();
                    return Err(KeymapError {
                        message: format!(
                            "[keys] \"{name}\" should be a command name in quotes, or one of the tables {}",
                            tables.join(", ")
                        ),
                        key: name.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    fn apply_context(&mut self, context: Context, table: &toml::Table) -> Result<(), KeymapError> {
        for (keys_text, value) in table {
            let error = |message: String| KeymapError {
                message,
                key: keys_text.clone(),
            };
            let keys = Key::parse_sequence(keys_text).filter(|k| !k.is_empty()).ok_or_else(|| {
                error(format!("[keys.{}] \"{keys_text}\" is not a key (write keys like \"x\", \"ctrl-s\", \"g g\", \"enter\")", context.name()))
            })?;
            if context.is_prompt() && keys.len() > 1 {
                return Err(error(format!(
                    "[keys.{}] \"{keys_text}\": in a prompt a binding is one key",
                    context.name()
                )));
            }
            let Some(name) = value.as_str() else {
                return Err(error(format!(
                    "[keys.{}] \"{keys_text}\" must name a command in quotes",
                    context.name()
                )));
            };
            if name == "none" {
                self.bindings.remove(&(context, keys));
                continue;
            }
            let command = Command::parse(name).ok_or_else(|| {
                error(format!("[keys.{}] \"{keys_text}\" = \"{name}\": unknown command (the palette, `:`, lists them all)", context.name()))
            })?;
            self.bindings.insert((context, keys), command);
        }
        Ok(())
    }

    /// Looks up the keys typed so far in `context`.
    pub fn lookup(&self, context: Context, keys: &[Key]) -> Lookup {
        if let Some(command) = self.bindings.get(&(context, keys.to_vec())) {
            let longer = self
                .bindings
                .keys()
                .any(|(c, k)| *c == context && k.len() > keys.len() && k.starts_with(keys));
            if !longer {
                return Lookup::Run(command.clone());
            }
        }
        let prefix = self
            .bindings
            .range((context, keys.to_vec())..)
            .take_while(|((c, k), _)| *c == context && k.starts_with(keys))
            .next()
            .is_some();
        if prefix {
            Lookup::Pending
        } else {
            Lookup::Unbound
        }
    }

    /// The key sequences bound to `command` in `context`, as help shows them.
    pub fn keys_for(&self, context: Context, command: &Command) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|((c, _), cmd)| *c == context && *cmd == command)
            .map(|((_, keys), _)| shown(keys))
            .collect()
    }

    /// The key to show for `command` in `context` in a hint: its first default key that is
    /// still bound to it, else the shortest key the config bound to it.
    pub fn hint_key(&self, context: Context, command: &Command) -> Option<String> {
        let bound = |keys: &[Key]| self.bindings.get(&(context, keys.to_vec())) == Some(command);
        let default = command
            .spec()
            .keys_in(context)
            .iter()
            .filter_map(|k| Key::parse_sequence(k))
            .find(|keys| bound(keys))
            .map(|keys| shown(&keys));
        default.or_else(|| {
            self.keys_for(context, command)
                .into_iter()
                .min_by_key(|k| k.chars().count())
        })
    }

    /// Every binding of `context`, for help: (keys as shown, command).
    pub fn bindings(&self, context: Context) -> Vec<(String, Command)> {
        self.bindings
            .iter()
            .filter(|((c, _), _)| *c == context)
            .map(|((_, keys), cmd)| (shown(keys), cmd.clone()))
            .collect()
    }
}

/// A key sequence as help and hints show it (`g g`, `Ctrl-d`).
pub fn shown(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::KeyCode;

    fn keymap() -> Keymap {
        Keymap::defaults(&[('1', "PERSON".to_string())])
    }

    #[test]
    fn sequences_wait_for_their_second_key() {
        let map = keymap();
        assert_eq!(
            map.lookup(Context::Article, &[Key::char('g')]),
            Lookup::Pending
        );
        assert_eq!(
            map.lookup(Context::Article, &[Key::char('g'), Key::char('g')]),
            Lookup::Run(Command::Top)
        );
        assert_eq!(
            map.lookup(Context::Article, &[Key::char('Z')]),
            Lookup::Unbound
        );
        assert_eq!(
            map.lookup(Context::Article, &[Key::char('1')]),
            Lookup::Run(Command::TagEntity("PERSON".into()))
        );
    }

    #[test]
    fn config_rebinds_unbinds_and_rejects_unknown_commands() {
        let mut map = keymap();
        let table: toml::Table = toml::from_str(
            "Z = \"save\"\n[article]\n\"ctrl-x\" = \"quit\"\nq = \"none\"\n[panel]\nJ = \"down\"\n",
        )
        .unwrap();
        map.apply_config(&table).unwrap();
        assert_eq!(
            map.lookup(Context::Article, &[Key::char('Z')]),
            Lookup::Run(Command::Save)
        );
        assert_eq!(
            map.lookup(Context::Article, &[Key::ctrl('x')]),
            Lookup::Run(Command::Quit)
        );
        assert_eq!(
            map.lookup(Context::Article, &[Key::char('q')]),
            Lookup::Unbound
        );
        assert_eq!(
            map.lookup(Context::Panel, &[Key::char('J')]),
            Lookup::Run(Command::Down)
        );
        let bad: toml::Table = toml::from_str("[article]\nx = \"explode\"\n").unwrap();
        let err = map.apply_config(&bad).unwrap_err();
        assert!(err.message.contains("unknown command"), "{}", err.message);
        assert_eq!(err.key, "x");
    }

    #[test]
    fn prompts_are_contexts_the_config_rebinds() {
        let mut map = keymap();
        assert_eq!(
            map.lookup(Context::Picker, &[Key::plain(KeyCode::Enter)]),
            Lookup::Run(Command::Confirm)
        );
        let table: toml::Table = toml::from_str(
            "[picker]\n\"ctrl-y\" = \"confirm\"\nenter = \"none\"\n[confirm]\nY = \"confirm\"\n",
        )
        .unwrap();
        map.apply_config(&table).unwrap();
        assert_eq!(
            map.lookup(Context::Picker, &[Key::plain(KeyCode::Enter)]),
            Lookup::Unbound
        );
        assert_eq!(
            map.hint_key(Context::Picker, &Command::Confirm),
            Some("Ctrl-y".to_string())
        );
        assert_eq!(
            map.hint_key(Context::Confirm, &Command::Confirm),
            Some("y".to_string()),
            "a default still bound comes first"
        );
        let bad: toml::Table = toml::from_str("[pikcer]\nenter = \"confirm\"\n").unwrap();
        let err = map.apply_config(&bad).unwrap_err();
        assert!(err.message.contains("[keys.picker]"), "{}", err.message);
        assert_eq!(err.key, "pikcer");
    }

    #[test]
    fn the_documented_rebinding_example_applies() {
        let doc = include_str!("../../docs/config.md");
        let section = &doc[doc
            .find("## Keys\n")
            .expect("docs/config.md has a Keys section")..];
        let start = section.find("```toml\n").expect("with a TOML example") + 8;
        let len = section[start..].find("```").unwrap();
        let example: toml::Table = toml::from_str(&section[start..start + len]).unwrap();
        let mut map = keymap();
        map.apply_config(example["keys"].as_table().unwrap())
            .unwrap();
        assert_eq!(
            map.lookup(Context::Picker, &[Key::ctrl('y')]),
            Lookup::Run(Command::Confirm)
        );
        assert_eq!(
            map.lookup(Context::Confirm, &[Key::char('y')]),
            Lookup::Unbound
        );
    }

    #[test]
    fn a_key_sequence_in_a_prompt_table_is_an_error() {
        let mut map = keymap();
        let table: toml::Table = toml::from_str("[picker]\n\"g g\" = \"confirm\"\n").unwrap();
        let err = map.apply_config(&table).unwrap_err();
        assert!(err.message.contains("one key"), "{}", err.message);
        assert_eq!(err.key, "g g");
    }
}
