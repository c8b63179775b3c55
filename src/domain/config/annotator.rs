//! Who is annotating: the name written on every annotation an analyst makes or changes
//! and in the article's lock file while a session holds it.

/// Environment variable that names the annotator, before the config and the login name.
pub const ANNOTATOR_ENV_VAR: &str = "SCHOLIA_ANNOTATOR";

/// The name used when nothing gives one.
pub const FALLBACK_NAME: &str = "analyst";

/// The annotator's name: `$SCHOLIA_ANNOTATOR`, else `configured` (the config's
/// `annotator`), else the login name (`$USER`, `$USERNAME`), else "analyst". Empty
/// values are skipped.
pub fn annotator_name(configured: Option<&str>) -> String {
    let env = |name: &str| std::env::var(name).ok();
    choose(
        env(ANNOTATOR_ENV_VAR),
        configured,
        env("USER").or_else(|| env("USERNAME")),
    )
}

/// The first of the three that holds something besides whitespace, trimmed.
fn choose(from_env: Option<String>, configured: Option<&str>, login: Option<String>) -> String {
    [from_env.as_deref(), configured, login.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|name| !name.is_empty())
        .unwrap_or(FALLBACK_NAME)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_then_the_config_then_the_login() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(choose(some("ana"), Some("cfg"), some("login")), "ana");
        assert_eq!(choose(None, Some("cfg"), some("login")), "cfg");
        assert_eq!(choose(some("  "), Some(" cfg "), some("login")), "cfg");
        assert_eq!(choose(None, None, some("login")), "login");
        assert_eq!(choose(some(""), Some(""), some("")), FALLBACK_NAME);
        assert_eq!(choose(None, None, None), FALLBACK_NAME);
    }
}
