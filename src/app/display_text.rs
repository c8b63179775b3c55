//! Safe display of untrusted text for the workbench: the core's sanitiser
//! ([`crate::domain::safe_text`]), so the screen and the command line neutralise
//! control, escape and bidi characters with the very same rules.

use std::borrow::Cow;

pub use crate::domain::safe_text::*;

/// [`sanitize_line`] without the work when there is nothing to do: printable ASCII is
/// drawn as itself (each character is a cluster of its own, drawn one column wide), so
/// such a line comes back borrowed; any other goes through the sanitiser.
pub fn safe_line(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(sanitize_line(s))
    }
}

/// [`safe_line`] of a string made for display: kept when it is safe as it is.
pub fn safe_owned_line(s: String) -> String {
    match safe_line(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(safe) => safe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_printable_ascii_line_is_kept_as_it_is() {
        let printable: String = (b' '..=b'~').map(char::from).collect();
        assert!(matches!(safe_line(&printable), Cow::Borrowed(_)));
        assert_eq!(sanitize_line(&printable), printable);
        assert_eq!(safe_line("a\tb\x1b"), sanitize_line("a\tb\x1b"));
    }

    proptest! {
        #[test]
        fn the_same_as_the_sanitiser(s in any::<String>()) {
            prop_assert_eq!(safe_line(&s), sanitize_line(&s));
        }
    }
}
