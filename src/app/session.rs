//! A workbench session on one article, without a terminal: opens the article, its
//! config and its sidecar, applies actions through `update` and carries out the effects
//! (saving). The terminal loop and the tests both drive a `Session`.

use std::path::Path;

use crate::commands::failure::Failure;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::document::Document;
use crate::domain::error::exit;
use crate::domain::schema::LabelKind;
use crate::domain::sidecar::{self, Kept};
use crate::domain::store::Store;

use super::action::{Action, Effect};
use super::keymap::Keymap;
use super::state::{App, Message, Setup};
use super::update::update;

/// How to open a session.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Never write the sidecar.
    pub read_only: bool,
    /// Largest article to open, in bytes.
    pub max_size: u64,
    /// Write through a symlinked sidecar.
    pub follow_symlinks: bool,
    /// Where the configuration comes from (`None`: discover it).
    pub config: Option<ConfigSources>,
}

/// A running session.
#[derive(Debug)]
pub struct Session {
    /// The workbench state.
    pub app: App,
    /// The configuration in force.
    pub config: Config,
    follow_symlinks: bool,
}

impl Session {
    /// Opens `article`. A sidecar that cannot be read opens the session read-only with
    /// the reason on screen; a bad article or config is a [`Failure`].
    pub fn open(article: &Path, options: &OpenOptions) -> Result<Session, Failure> {
        let doc = Document::load(article, options.max_size)?;
        let sources = match &options.config {
            Some(s) => s.clone(),
            None => ConfigSources::discover(article),
        };
        let config = Config::load(&sources).map_err(|e| Failure {
            code: exit::CONFIG,
            message: e.to_string(),
        })?;
        let keymap = keymap_for(&config)?;
        let sidecar_path = sidecar::path_for(article);
        let mut read_only = options
            .read_only
            .then(|| "opened with --read-only".to_string());
        let mut notice = None;
        let (store, kept) = match sidecar::load(&doc, &sidecar_path) {
            Ok(Some(loaded)) => {
                notice = loaded.report.summary();
                (loaded.store, loaded.kept)
            }
            Ok(None) => (Store::new(), Kept::default()),
            Err(e) => {
                read_only = Some(e.to_string());
                (Store::new(), Kept::default())
            }
        };
        let mut app = App::new(Setup {
            doc,
            store,
            kept,
            sidecar_path,
            read_only,
            schema: config.schema.clone(),
            keymap,
            annotator: annotator(),
        });
        if let Some(text) = notice {
            app.message = Some(Message { text, error: false });
        }
        Ok(Session {
            app,
            config,
            follow_symlinks: options.follow_symlinks,
        })
    }

    /// Wraps an already built state (tests, imports).
    pub fn from_app(app: App) -> Session {
        Session {
            app,
            config: Config::default(),
            follow_symlinks: false,
        }
    }

    /// Applies an action and carries out its effects. Returns false once the session
    /// has ended.
    pub fn dispatch(&mut self, action: Action) -> bool {
        let mut effects = update(&mut self.app, action);
        while let Some(effect) = effects.pop() {
            match effect {
                Effect::Save => {
                    let result = self.save();
                    effects.extend(update(&mut self.app, Action::Saved(result)));
                }
                Effect::Quit => {
                    if self.app.read_only.is_none()
                        && self.app.store.revision() != self.app.saved_revision
                    {
                        let result = self.save();
                        update(&mut self.app, Action::Saved(result));
                    }
                }
            }
        }
        !self.app.quit
    }

    /// Writes the sidecar now (unless read-only); the revision written, or why not.
    pub fn save(&mut self) -> Result<u64, String> {
        if let Some(why) = &self.app.read_only {
            return Err(format!("read-only: {why}"));
        }
        let app = &self.app;
        let revision = app.store.revision();
        sidecar::save(
            &app.doc,
            &app.store,
            &app.kept,
            &app.sidecar_path,
            self.follow_symlinks,
        )
        .map_err(|e| e.to_string())?;
        Ok(revision)
    }
}

/// The keymap: defaults, entity types on their schema keys, then the config's `[keys]`.
fn keymap_for(config: &Config) -> Result<Keymap, Failure> {
    let entity_keys: Vec<(char, String)> = config
        .schema
        .labels(LabelKind::Entity)
        .iter()
        .filter_map(|l| l.key.map(|k| (k, l.name.clone())))
        .collect();
    let mut keymap = Keymap::defaults(&entity_keys);
    keymap.apply_config(&config.keys).map_err(|e| {
        let place = config
            .sources
            .iter()
            .rev()
            .find_map(|path| {
                let text = std::fs::read_to_string(path).ok()?;
                let line = text.lines().position(|l| l.contains(&e.key))?;
                Some(format!("{}:{}: ", path.display(), line + 1))
            })
            .unwrap_or_default();
        Failure {
            code: exit::CONFIG,
            message: format!("{place}{}", e.message),
        }
    })?;
    Ok(keymap)
}

/// Who is annotating: `SCHOLIA_ANNOTATOR`, else the login name, else "analyst".
fn annotator() -> String {
    ["SCHOLIA_ANNOTATOR", "USER", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "analyst".to_string())
}
