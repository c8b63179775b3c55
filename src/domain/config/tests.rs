use super::*;
use std::fs;

fn load_text(text: &str) -> Result<Config, ConfigError> {
    let mut config = Config::default();
    config.merge_text(Path::new("project/.scholia.toml"), text)?;
    Ok(config)
}

fn error_text(text: &str) -> String {
    load_text(text)
        .expect_err("config should be rejected")
        .to_string()
}

#[test]
fn no_files_give_the_defaults() {
    let config = Config::load(&ConfigSources::default()).unwrap();
    assert_eq!(config.schema, Schema::default());
    assert!(config.keys.is_empty() && config.ui.is_empty());
    assert!(config.sources.is_empty());
}

#[test]
fn entries_extend_the_defaults() {
    let config = load_text(
        r##"
[[labels.entity]]
name = "WEAPON"
key = "0"
color = "#ff8800"
description = "Weapons and weapon systems."

[[labels.claim]]
name = "rumour"
key = "r"
"##,
    )
    .unwrap();
    let schema = &config.schema;
    assert_eq!(schema.entity_types.len(), 19);
    let weapon = schema.entity_type_by_key('0').unwrap();
    assert_eq!(weapon.name, "WEAPON");
    assert_eq!(weapon.color, "#ff8800");
    assert!(schema.entity_type("PERSON").is_some());
    let rumour = schema.claim_kind("rumour").unwrap();
    assert_eq!(rumour.color, "gray");
    assert_eq!(rumour.description, "");
    assert_eq!(
        schema.claim_kinds.len(),
        Schema::default().claim_kinds.len() + 1
    );
}

#[test]
fn an_entry_naming_an_existing_label_updates_what_it_gives() {
    let config = load_text(
        r#"
[[labels.entity]]
name = "PERSON"
color = "Light Red"

[[labels.entity]]
name = "CARDINAL"
key = ""
"#,
    )
    .unwrap();
    let schema = &config.schema;
    let person = schema.entity_type("PERSON").unwrap();
    assert_eq!(
        person.color, "light-red",
        "colour stored in canonical spelling"
    );
    assert_eq!(person.key, Some('1'), "key kept");
    assert!(!person.description.is_empty(), "description kept");
    assert_eq!(
        schema.entity_type("CARDINAL").unwrap().key,
        None,
        "key removed"
    );
    assert_eq!(schema.entity_types.len(), 18);
}

#[test]
fn replace_drops_the_lists_the_file_gives() {
    let config = load_text(
        r#"
[labels]
replace = true

[[labels.entity]]
name = "ACTOR"
key = 1
color = "cyan"

[[labels.entity]]
name = "PLACE"
key = "2"
color = "yellow"
"#,
    )
    .unwrap();
    let schema = &config.schema;
    let names: Vec<_> = schema
        .entity_types
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["ACTOR", "PLACE"]);
    assert_eq!(schema.entity_type_by_key('1').unwrap().name, "ACTOR");
    assert_eq!(
        schema.claim_kinds,
        Schema::default().claim_kinds,
        "lists not given are kept"
    );
}

#[test]
fn a_key_conflict_names_both_labels_and_the_entry() {
    let message =
        error_text("[[labels.entity]]\nname = \"WEAPON\"\nkey = \"1\"\ncolor = \"red\"\n");
    assert_eq!(
        message,
        "project/.scholia.toml:3:7: key \"1\" of entity type WEAPON is already used by entity type PERSON"
    );
}

#[test]
fn a_key_conflict_between_two_entries_of_the_file() {
    let message = error_text(
        "[[labels.source]]\nname = \"ngo\"\nkey = \"n\"\n[[labels.source]]\nname = \"wire\"\nkey = \"n\"\n",
    );
    assert!(
        message.contains("key \"n\" of source kind wire is already used by source kind ngo"),
        "{message}"
    );
    assert!(
        message.starts_with("project/.scholia.toml:6:7:"),
        "{message}"
    );
}

#[test]
fn moving_a_key_away_first_is_not_a_conflict() {
    let config = load_text(
        "[[labels.entity]]\nname = \"WEAPON\"\nkey = \"1\"\n[[labels.entity]]\nname = \"PERSON\"\nkey = \"p\"\n",
    )
    .unwrap();
    assert_eq!(
        config.schema.entity_type_by_key('1').unwrap().name,
        "WEAPON"
    );
    assert_eq!(
        config.schema.entity_type_by_key('p').unwrap().name,
        "PERSON"
    );
}

#[test]
fn bad_keys_are_rejected() {
    let message = error_text("[[labels.entity]]\nname = \"X\"\nkey = \"ab\"\n");
    assert!(
        message.starts_with(
            "project/.scholia.toml:3:7: key \"ab\" for entity type X must be a single character"
        ),
        "{message}"
    );
    let message = error_text("[[labels.entity]]\nname = \"X\"\nkey = 12\n");
    assert!(message.contains("key 12 for entity type X"), "{message}");
    let message = error_text("[[labels.entity]]\nname = \"X\"\nkey = \" \"\n");
    assert!(message.contains("must be a single character"), "{message}");
}

#[test]
fn bad_toml_names_line_and_column() {
    let message = error_text("[ui]\nmouse = true\n\n[labels]\nreplace = tru\n");
    assert!(
        message.starts_with("project/.scholia.toml:5:11: "),
        "{message}"
    );
    assert!(!message.contains('\n'), "one line: {message}");
}

#[test]
fn wrong_types_name_line_and_column() {
    let message = error_text("[labels]\nreplace = \"yes\"\n");
    assert!(
        message.starts_with("project/.scholia.toml:2:11: "),
        "{message}"
    );
}

#[test]
fn unknown_colour() {
    let message = error_text("\n[[labels.entity]]\nname = \"ORG\"\ncolor = \"bleu\"\n");
    assert_eq!(
        message,
        "project/.scholia.toml:4:9: unknown colour \"bleu\" for entity type ORG (use a name like \"blue\" or \"#rrggbb\")"
    );
}

#[test]
fn unknown_top_level_key_is_named() {
    let message = error_text("[ui]\ntheme = \"dark\"\n\n[lables]\nreplace = true\n");
    assert!(
        message.starts_with("project/.scholia.toml:4:2: unknown setting \"lables\""),
        "{message}"
    );
}

#[test]
fn unknown_field_in_an_entry_is_named() {
    let message = error_text("[[labels.entity]]\nname = \"ORG\"\ncolour = \"blue\"\n");
    assert!(message.contains("colour"), "{message}");
    assert!(message.starts_with("project/.scholia.toml:3:"), "{message}");
}

#[test]
fn bad_names_and_duplicates() {
    let message = error_text("[[labels.entity]]\nname = \"MY LABEL\"\n");
    assert!(
        message.contains("entity type name \"MY LABEL\" contains a space"),
        "{message}"
    );
    let message = error_text("[[labels.relation]]\nname = \"\"\n");
    assert!(message.contains("is empty"), "{message}");
    let message = error_text("[[labels.claim]]\nname = \"a\"\n[[labels.claim]]\nname = \"a\"\n");
    assert!(
        message.starts_with("project/.scholia.toml:4:8: claim kind a is defined twice"),
        "{message}"
    );
}

#[test]
fn attributes_extend_and_replace_by_name() {
    let config = load_text(
        r#"
[[attributes]]
name = "reliability"
values = [
  { value = "high", key = "h", description = "Trusted." },
  { value = "low", key = "l" },
]

[[attributes]]
name = "topic"
description = "Free-text topic."
"#,
    )
    .unwrap();
    let schema = &config.schema;
    let reliability = schema.attribute("reliability").unwrap();
    assert_eq!(reliability.values.len(), 2);
    assert!(
        reliability.description.starts_with("Admiralty"),
        "description kept"
    );
    assert!(schema.is_known_attr_value("reliability", "low"));
    assert!(!schema.is_known_attr_value("reliability", "A"));
    assert!(schema.is_known_attr_value("topic", "anything"));
    assert_eq!(
        schema.attribute("stance"),
        Schema::default().attribute("stance")
    );
}

#[test]
fn attribute_value_key_conflicts_and_duplicates() {
    let message = error_text(
        "[[attributes]]\nname = \"x\"\nvalues = [{ value = \"a\", key = \"k\" }, { value = \"b\", key = \"k\" }]\n",
    );
    assert!(
        message.contains("key \"k\" of x value b is already used by x value a"),
        "{message}"
    );
    assert!(message.starts_with("project/.scholia.toml:3:"), "{message}");
    let message = error_text(
        "[[attributes]]\nname = \"x\"\nvalues = [{ value = \"a\" }, { value = \"a\" }]\n",
    );
    assert!(message.contains("x value a is listed twice"), "{message}");
}

#[test]
fn raw_tables_merge_across_files_and_a_failed_file_changes_nothing() {
    let mut config = Config::default();
    let user = "[keys]\naccept = \"a\"\nreject = \"x\"\n[ui]\nmouse = false\n[ui.colors]\nbg = \"black\"\n";
    config.merge_text(Path::new("user.toml"), user).unwrap();
    let project = "[keys]\nreject = \"r\"\n[ui.colors]\nfg = \"white\"\n[extract]\ngazetteers = [\"names.txt\"]\n[review]\nmin_score = 0.5\n";
    config
        .merge_text(Path::new("project.toml"), project)
        .unwrap();
    assert_eq!(config.keys["accept"].as_str(), Some("a"));
    assert_eq!(config.keys["reject"].as_str(), Some("r"));
    assert_eq!(config.ui["mouse"].as_bool(), Some(false));
    let colors = config.ui["colors"].as_table().unwrap();
    assert_eq!(colors.len(), 2, "nested tables merged");
    assert!(config.extract.contains_key("gazetteers"));
    assert_eq!(config.review["min_score"].as_float(), Some(0.5));
    assert_eq!(
        config.sources,
        [PathBuf::from("user.toml"), PathBuf::from("project.toml")]
    );

    let before = config.clone();
    let bad = "[keys]\nquit = \"Q\"\n[[labels.entity]]\nname = \"X\"\ncolor = \"nope\"\n";
    assert!(config.merge_text(Path::new("bad.toml"), bad).is_err());
    assert_eq!(config, before);
}

#[test]
fn load_applies_user_then_project() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("user.toml");
    fs::write(
        &user,
        "[[labels.entity]]\nname = \"WEAPON\"\nkey = \"0\"\ncolor = \"red\"\n",
    )
    .unwrap();
    let project = dir.path().join(".scholia.toml");
    fs::write(
        &project,
        "[[labels.entity]]\nname = \"WEAPON\"\ncolor = \"blue\"\n",
    )
    .unwrap();
    let sources = ConfigSources {
        user: Some(user.clone()),
        project: Some(project.clone()),
    };
    let config = Config::load(&sources).unwrap();
    let weapon = config.schema.entity_type("WEAPON").unwrap();
    assert_eq!((weapon.key, weapon.color.as_str()), (Some('0'), "blue"));
    assert_eq!(config.sources, [user, project]);
}

#[test]
fn load_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    let sources = ConfigSources {
        user: Some(missing),
        project: None,
    };
    let message = Config::load(&sources).unwrap_err().to_string();
    assert!(
        message.starts_with("cannot read config file ") && message.contains("missing.toml"),
        "{message}"
    );

    let latin1 = dir.path().join("latin1.toml");
    fs::write(&latin1, b"[ui]\ntitle = \"caf\xe9\"\n").unwrap();
    let sources = ConfigSources {
        user: None,
        project: Some(latin1),
    };
    let message = Config::load(&sources).unwrap_err().to_string();
    assert!(
        message.ends_with(":2:13: the file is not UTF-8 text"),
        "{message}"
    );

    let big = dir.path().join("big.toml");
    fs::write(&big, vec![b'#'; MAX_CONFIG_BYTES as usize + 1]).unwrap();
    let sources = ConfigSources {
        user: Some(big),
        project: None,
    };
    assert!(matches!(
        Config::load(&sources),
        Err(ConfigError::TooLarge { .. })
    ));
}

#[test]
fn project_file_is_found_from_a_nested_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let nested = root.join("corpus/2024/july");
    fs::create_dir_all(&nested).unwrap();
    let article = nested.join("report.txt");
    fs::write(&article, "text").unwrap();
    assert_eq!(
        find_project_file(&article).filter(|p| p.starts_with(root)),
        None
    );

    fs::write(root.join(PROJECT_FILE_NAME), "").unwrap();
    assert_eq!(
        find_project_file(&article),
        Some(root.join(PROJECT_FILE_NAME))
    );
    let nearer = root.join("corpus").join(PROJECT_FILE_NAME);
    fs::write(&nearer, "").unwrap();
    assert_eq!(find_project_file(&article), Some(nearer.clone()));
    assert_eq!(
        find_project_file(&nested),
        Some(nearer.clone()),
        "a folder of articles"
    );
    let in_folder = nested.join(PROJECT_FILE_NAME);
    fs::write(&in_folder, "").unwrap();
    assert_eq!(find_project_file(&article), Some(in_folder));
}

#[test]
fn env_settings_choose_the_user_file() {
    let dir = tempfile::tempdir().unwrap();
    let config_dir = dir.path().join("xdg");
    let user_file = config_dir.join(APP_DIR_NAME).join(USER_FILE_NAME);
    let article = dir.path().join("a.txt");
    let env = ConfigEnv {
        config_file: None,
        no_user_config: false,
        user_config_dir: Some(config_dir.clone()),
    };
    assert_eq!(
        ConfigSources::discover_with(&article, &env).user,
        None,
        "absent user file is skipped"
    );

    fs::create_dir_all(user_file.parent().unwrap()).unwrap();
    fs::write(&user_file, "").unwrap();
    assert_eq!(
        ConfigSources::discover_with(&article, &env).user,
        Some(user_file.clone())
    );

    let skip = ConfigEnv {
        no_user_config: true,
        ..env.clone()
    };
    assert_eq!(ConfigSources::discover_with(&article, &skip).user, None);

    let explicit = dir.path().join("other.toml");
    let chosen = ConfigEnv {
        config_file: Some(explicit.clone()),
        ..skip
    };
    assert_eq!(
        ConfigSources::discover_with(&article, &chosen).user,
        Some(explicit),
        "SCHOLIA_CONFIG wins"
    );
}

#[test]
fn serde_jargon_is_translated() {
    let message = error_text("[labels]\nentity = 3\n");
    assert!(
        message.ends_with("expected an array of tables"),
        "{message}"
    );
    let message = error_text("keys = 5\n");
    assert!(
        message.starts_with("project/.scholia.toml:1:8: ") && message.ends_with("expected a table"),
        "{message}"
    );
}

#[test]
fn the_documented_example_loads() {
    let doc = include_str!("../../../docs/config.md");
    let start = doc
        .find("```toml\n")
        .expect("docs/config.md has a TOML example")
        + 8;
    let len = doc[start..].find("```").unwrap();
    let config = load_text(&doc[start..start + len]).unwrap();
    let schema = &config.schema;
    assert_eq!(schema.entity_type_by_key('0').unwrap().name, "WEAPON");
    assert_eq!(schema.entity_type_by_key('9').unwrap().name, "VESSEL");
    assert_eq!(schema.entity_type("PERSON").unwrap().key, Some('1'));
    assert!(schema.claim_kind("rumour").is_some());
    assert!(schema.source_kind("ngo").is_some());
    assert!(schema.relation_type("translates").is_some());
    assert!(schema.is_known_attr_value("reliability", "medium"));
    assert!(schema.is_known_attr_value("topic", "arms"));
}

#[test]
fn the_annotator_is_a_top_level_name_a_later_file_overrides() {
    assert_eq!(load_text("").unwrap().annotator, None);
    let mut config = load_text("annotator = \" analyst1 \"\n").unwrap();
    assert_eq!(config.annotator.as_deref(), Some("analyst1"));
    config.merge_text(Path::new("user.toml"), "[ui]\n").unwrap();
    assert_eq!(config.annotator.as_deref(), Some("analyst1"), "kept");
    config
        .merge_text(Path::new("user.toml"), "annotator = \"dana\"\n")
        .unwrap();
    assert_eq!(config.annotator.as_deref(), Some("dana"));
    let error = error_text("\n annotator = \"  \"\n");
    assert!(
        error.contains(":2:") && error.contains("annotator is empty"),
        "{error}"
    );
    let error = error_text("annotator = 3\n");
    assert!(error.contains(":1:"), "{error}");
}
