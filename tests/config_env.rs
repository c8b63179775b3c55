//! `ConfigSources::discover` honours the process environment: `SCHOLIA_CONFIG`,
//! `SCHOLIA_NO_USER_CONFIG` and the XDG config folder. One test function, because it
//! changes process-wide environment variables.

use std::fs;

use scholia::domain::config::{Config, ConfigSources};

#[test]
fn environment_chooses_the_config_files() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().join("xdg");
    fs::create_dir_all(xdg.join("scholia")).unwrap();
    fs::write(
        xdg.join("scholia/config.toml"),
        "[[labels.entity]]\nname = \"FROM_XDG\"\n",
    )
    .unwrap();
    let explicit = dir.path().join("explicit.toml");
    fs::write(&explicit, "[[labels.entity]]\nname = \"FROM_ENV\"\n").unwrap();
    let project = dir.path().join("work");
    fs::create_dir_all(project.join("deep/er")).unwrap();
    fs::write(
        project.join(".scholia.toml"),
        "[[labels.claim]]\nname = \"rumour\"\n",
    )
    .unwrap();
    let article = project.join("deep/er/article.txt");
    fs::write(&article, "text").unwrap();

    std::env::set_var("XDG_CONFIG_HOME", &xdg);
    std::env::remove_var("SCHOLIA_CONFIG");
    std::env::remove_var("SCHOLIA_NO_USER_CONFIG");
    let sources = ConfigSources::discover(&article);
    assert_eq!(sources.user, Some(xdg.join("scholia/config.toml")));
    assert_eq!(sources.project, Some(project.join(".scholia.toml")));
    let config = Config::load(&sources).unwrap();
    assert!(config.schema.entity_type("FROM_XDG").is_some());
    assert!(config.schema.claim_kind("rumour").is_some());

    std::env::set_var("SCHOLIA_NO_USER_CONFIG", "1");
    let sources = ConfigSources::discover(&article);
    assert_eq!(sources.user, None);
    let config = Config::load(&sources).unwrap();
    assert!(config.schema.entity_type("FROM_XDG").is_none());

    std::env::set_var("SCHOLIA_CONFIG", &explicit);
    let sources = ConfigSources::discover(&article);
    assert_eq!(sources.user, Some(explicit.clone()));
    let config = Config::load(&sources).unwrap();
    assert!(config.schema.entity_type("FROM_ENV").is_some());
    assert!(config.schema.entity_type("FROM_XDG").is_none());

    std::env::set_var("SCHOLIA_CONFIG", dir.path().join("nope.toml"));
    let message = Config::load(&ConfigSources::discover(&article))
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("cannot read config file") && message.contains("nope.toml"),
        "{message}"
    );
}
