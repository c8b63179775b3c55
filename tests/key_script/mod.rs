//! The one key-script parser of the test suites: a script is tokens separated by
//! spaces; `<name>` is one named key (`<esc>`, `<enter>`, `<ctrl-r>`, `<space>`,
//! `<backspace>`, `<tab>`, anything `Key::parse` reads), anything else types each of
//! its characters.

use scholia::app::action::Action;
use scholia::app::key::Key;
use scholia::app::session::Session;

/// The keys of `script`, in order. Panics on an unknown `<name>`, so that a typo in a
/// test fails it instead of typing something else.
pub fn parse(script: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    for token in script.split(' ').filter(|t| !t.is_empty()) {
        if let Some(name) = token.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            keys.push(Key::parse(name).unwrap_or_else(|| panic!("unknown key <{name}>")));
        } else {
            keys.extend(token.chars().map(Key::char));
        }
    }
    keys
}

/// Types the key script `script` into `session`, one key action after another.
pub fn keys(session: &mut Session, script: &str) {
    for key in parse(script) {
        session.dispatch(Action::Key(key));
    }
}
