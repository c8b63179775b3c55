//! Key bindings: key sequences → commands, per context, with the defaults of DESIGN §5
//! and overrides from the `[keys]` table of the config.

use std::collections::BTreeMap;

use super::command::Command;
use super::key::{Key, KeyCode};

/// Where the keys are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// The article pane.
    Article,
    /// The side panel.
    Panel,
}

impl Context {
    /// The name used in the config (`[keys.article]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Article => "article",
            Context::Panel => "panel",
        }
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

const ARTICLE_DEFAULTS: &[(&str, &str)] = &[
    ("h", "left"),
    ("left", "left"),
    ("l", "right"),
    ("right", "right"),
    ("j", "down"),
    ("down", "down"),
    ("k", "up"),
    ("up", "up"),
    ("w", "word-next"),
    ("b", "word-prev"),
    ("e", "word-end"),
    (")", "sentence-next"),
    ("(", "sentence-prev"),
    ("}", "paragraph-next"),
    ("{", "paragraph-prev"),
    ("0", "line-start"),
    ("home", "line-start"),
    ("$", "line-end"),
    ("end", "line-end"),
    ("g g", "top"),
    ("G", "bottom"),
    ("ctrl-d", "half-page-down"),
    ("ctrl-u", "half-page-up"),
    ("pgdn", "page-down"),
    ("ctrl-f", "page-down"),
    ("pgup", "page-up"),
    ("ctrl-b", "page-up"),
    ("]", "next-annotation"),
    ("[", "prev-annotation"),
    ("n", "search-next"),
    ("N", "search-prev"),
    ("v", "visual"),
    ("V", "select-sentence"),
    ("esc", "cancel"),
    ("c", "tag-claim"),
    ("s", "tag-source"),
    ("r", "relabel"),
    ("d", "delete"),
    ("L", "link"),
    ("t", "stance"),
    ("=", "grade"),
    ("i", "note"),
    ("<", "start-left"),
    (">", "start-right"),
    (",", "end-left"),
    (".", "end-right"),
    ("alt-<", "start-left-char"),
    ("alt->", "start-right-char"),
    ("alt-,", "end-left-char"),
    ("alt-.", "end-right-char"),
    ("m", "merge"),
    ("g r", "review"),
    ("a", "accept"),
    ("x", "reject"),
    ("space", "skip"),
    ("backspace", "undo-decision"),
    ("A", "accept-all"),
    ("o", "toggle-review-order"),
    ("M", "accept-grouping"),
    ("R", "toggle-rejected"),
    ("/", "search"),
    ("u", "undo"),
    ("ctrl-r", "redo"),
    ("ctrl-s", "save"),
    ("q", "quit"),
    ("ctrl-c", "quit"),
    ("?", "help"),
    (":", "palette"),
    ("tab", "switch-pane"),
    ("g t", "next-tab"),
    ("g T", "prev-tab"),
];

const PANEL_DEFAULTS: &[(&str, &str)] = &[
    ("j", "down"),
    ("down", "down"),
    ("k", "up"),
    ("up", "up"),
    ("l", "next-tab"),
    ("right", "next-tab"),
    ("h", "prev-tab"),
    ("left", "prev-tab"),
    ("g g", "top"),
    ("G", "bottom"),
    ("enter", "panel-activate"),
    ("g r", "review"),
    ("/", "panel-filter"),
    ("esc", "cancel"),
    ("tab", "switch-pane"),
    ("a", "accept"),
    ("x", "reject"),
    ("space", "skip"),
    ("backspace", "undo-decision"),
    ("A", "accept-all"),
    ("o", "toggle-review-order"),
    ("M", "accept-grouping"),
    ("R", "toggle-rejected"),
    ("d", "delete"),
    ("u", "undo"),
    ("ctrl-r", "redo"),
    ("ctrl-s", "save"),
    ("q", "quit"),
    ("ctrl-c", "quit"),
    ("?", "help"),
    (":", "palette"),
];

impl Keymap {
    /// The default bindings, with entity types bound to their schema keys
    /// (`entity_keys`: key character → entity type).
    pub fn defaults(entity_keys: &[(char, String)]) -> Keymap {
        let mut bindings = BTreeMap::new();
        for (context, table) in [
            (Context::Article, ARTICLE_DEFAULTS),
            (Context::Panel, PANEL_DEFAULTS),
        ] {
            for (keys, name) in table {
                if let (Some(keys), Some(command)) =
                    (Key::parse_sequence(keys), Command::parse(name))
                {
                    bindings.insert((context, keys), command);
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

    /// Applies the `[keys]` table of the config: `[keys.article]` and `[keys.panel]` map
    /// a key sequence to a command name, or to `"none"` to unbind; plain entries directly
    /// under `[keys]` apply to the article.
    pub fn apply_config(&mut self, table: &toml::Table) -> Result<(), KeymapError> {
        for (name, value) in table {
            match (name.as_str(), value) {
                ("article", toml::Value::Table(t)) => self.apply_context(Context::Article, t)?,
                ("panel", toml::Value::Table(t)) => self.apply_context(Context::Panel, t)?,
                (_, toml::Value::String(_)) => {
                    let single: toml::Table = [(name.clone(), value.clone())].into_iter().collect();
                    self.apply_context(Context::Article, &single)?;
                }
                _ => {
                    return Err(KeymapError {
                        message: format!("[keys] \"{name}\" should be a command name in quotes, or a table [keys.article] / [keys.panel]"),
                        key: name.clone(),
                    })
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
            .map(|((_, keys), _)| {
                keys.iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Every binding of `context`, for help: (keys as shown, command).
    pub fn bindings(&self, context: Context) -> Vec<(String, Command)> {
        self.bindings
            .iter()
            .filter(|((c, _), _)| *c == context)
            .map(|((_, keys), cmd)| {
                let shown = keys
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .join(" ");
                (shown, cmd.clone())
            })
            .collect()
    }
}

/// Whether a key is a plain digit (used by review to relabel-and-accept).
pub fn is_digit(key: &Key) -> bool {
    matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()) && !key.ctrl && !key.alt
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
