//! `scholia DIR` / `scholia open DIR`: folder mode. Lists the articles `--glob` selects
//! (as the batch commands select them), and hands the list to the terminal loop.

use crate::app::corpus::Corpus;
use crate::app::session::{keymap_for, JournalChoice, OpenOptions};
use crate::app::session_error::OpenError;
use crate::cli::OpenArgs;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::place::Places;
use crate::tui;
use crate::ui::Theme;

use super::batch::expand;
use super::exit;
use super::failure::Failure;

/// Runs folder mode on the folder of `args` (the terminal is checked already); exit 0
/// after a clean end.
/// A recovery journal is replayed or discarded as the flags say; without a flag the
/// article opens read-only and says so (no question can be asked on the list's screen).
pub fn run(args: &OpenArgs) -> Result<i32, Failure> {
    let Some(dir) = &args.article else {
        return Err(Failure {
            code: exit::USAGE,
            message: "give the folder to open: scholia DIR".to_string(),
        });
    };
    if args.import.is_some() {
        return Err(Failure {
            code: exit::USAGE,
            message: "--import works on one article, not on a folder".to_string(),
        });
    }
    let paths = expand(std::slice::from_ref(dir), &args.glob).map_err(|message| Failure {
        code: exit::NOT_FOUND,
        message,
    })?;
    if paths.is_empty() {
        return Err(Failure {
            code: exit::NOT_FOUND,
            message: format!(
                "{}: no article matches {} in this folder (choose others with --glob)",
                dir.display(),
                args.glob
            ),
        });
    }
    let config = Config::load(&ConfigSources::discover(dir)).map_err(OpenError::Config)?;
    let keymap = keymap_for(&config)?;
    let options = OpenOptions {
        read_only: args.read_only,
        max_size: args.max_size,
        follow_symlinks: args.follow_symlinks,
        config: None,
        journal: if args.replay_journal {
            JournalChoice::Replay
        } else if args.discard_journal {
            JournalChoice::Discard
        } else {
            JournalChoice::Keep
        },
        places: Places::in_state_dir(),
    };
    let corpus = Corpus::new(dir, paths, keymap, options);
    tui::run_workbench(corpus, Theme::detect(), tui::loop_options(&config))?;
    Ok(exit::OK)
}
