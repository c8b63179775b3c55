//! Which configuration files apply to an article: the user's file, then the nearest
//! project file above the article.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

/// The project file's name, looked for in the article's folder and its ancestors.
pub const PROJECT_FILE_NAME: &str = ".scholia.toml";

/// The user file's name inside the `scholia` folder of the user's config folder.
pub const USER_FILE_NAME: &str = "config.toml";

/// The folder inside the user's config folder (`~/.config` on Linux) that holds
/// [`USER_FILE_NAME`].
pub const APP_DIR_NAME: &str = "scholia";

/// Environment variable naming a config file used instead of the user's file.
pub const CONFIG_ENV_VAR: &str = "SCHOLIA_CONFIG";

/// Environment variable that, set to `1` (or `true`, `yes`), skips the user's file.
pub const NO_USER_CONFIG_ENV_VAR: &str = "SCHOLIA_NO_USER_CONFIG";

/// The configuration files to read, in order; a later file overrides an earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ConfigSources {
    /// The user's file (or the one `SCHOLIA_CONFIG` names), read first.
    pub user: Option<PathBuf>,
    /// The project's `.scholia.toml`, read second.
    pub project: Option<PathBuf>,
}

/// What the environment says about configuration, read once so discovery can be
/// tested without touching the process environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigEnv {
    /// `SCHOLIA_CONFIG`: a file used instead of the user's file.
    pub config_file: Option<PathBuf>,
    /// `SCHOLIA_NO_USER_CONFIG`: skip the user's file.
    pub no_user_config: bool,
    /// The user's config folder (`$XDG_CONFIG_HOME`, else `~/.config`), if known.
    pub user_config_dir: Option<PathBuf>,
}

impl ConfigEnv {
    /// Reads `SCHOLIA_CONFIG`, `SCHOLIA_NO_USER_CONFIG` and the user's config folder
    /// from the process environment.
    pub fn from_process() -> ConfigEnv {
        let config_file = std::env::var_os(CONFIG_ENV_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let no_user_config = std::env::var(NO_USER_CONFIG_ENV_VAR)
            .map(|v| is_truthy(&v))
            .unwrap_or(false);
        let user_config_dir = etcetera::choose_base_strategy()
            .ok()
            .map(|s| s.config_dir());
        ConfigEnv {
            config_file,
            no_user_config,
            user_config_dir,
        }
    }
}

/// Whether an environment flag's value means yes: `1`, `true`, `yes` or `on`.
fn is_truthy(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

impl ConfigSources {
    /// The files that apply to `article` (a file or a folder of articles), by the
    /// process environment: see [`ConfigSources::discover_with`].
    pub fn discover(article: &Path) -> ConfigSources {
        ConfigSources::discover_with(article, &ConfigEnv::from_process())
    }

    /// The files that apply to `article` given `env`:
    /// - user: `env.config_file` if set (it must then exist, or loading fails);
    ///   otherwise, unless `env.no_user_config`, `<config dir>/scholia/config.toml`
    ///   when that file exists;
    /// - project: the `.scholia.toml` in the article's folder (the article itself when
    ///   it is a folder) or in the nearest ancestor folder that has one.
    pub fn discover_with(article: &Path, env: &ConfigEnv) -> ConfigSources {
        let user = match (&env.config_file, env.no_user_config) {
            (Some(file), _) => Some(file.clone()),
            (None, true) => None,
            (None, false) => env
                .user_config_dir
                .as_ref()
                .map(|dir| dir.join(APP_DIR_NAME).join(USER_FILE_NAME))
                .filter(|file| file.is_file()),
        };
        ConfigSources {
            user,
            project: find_project_file(article),
        }
    }

    /// The files in reading order.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.user
            .iter()
            .chain(self.project.iter())
            .map(PathBuf::as_path)
    }
}

/// The nearest `.scholia.toml` for `article`: in its folder (or in `article` itself
/// when it is a folder), else in the closest ancestor folder that has one.
pub fn find_project_file(article: &Path) -> Option<PathBuf> {
    let article = std::path::absolute(article).unwrap_or_else(|_| article.to_path_buf());
    let start = if article.is_dir() {
        article.as_path()
    } else {
        article.parent()?
    };
    start
        .ancestors()
        .map(|dir| dir.join(PROJECT_FILE_NAME))
        .find(|file| file.is_file())
}
