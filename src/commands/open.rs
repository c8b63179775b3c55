//! `scholia ARTICLE` / `scholia open ARTICLE` (a folder: folder mode, see
//! [`super::folder`]): checks that there is a terminal, asks
//! about an earlier session's recovery journal, opens the session and hands it to the
//! terminal loop.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use super::{exit, folder};
use crate::app::action::Action;
use crate::app::session::{JournalChoice, OpenOptions, Session};
use crate::cli::OpenArgs;
use crate::domain::journal::Found;
use crate::domain::place::Places;
use crate::formats::apply::ApplyOptions;
use crate::formats::imported::{Format, ImportOptions};
use crate::tui;
use crate::ui::Theme;

use super::failure::Failure;
use super::import::read_import;
use super::safe_output::SafeOutput;

/// Runs the workbench on the article of `args`; exit 0 after a clean end.
pub fn run(args: &OpenArgs) -> Result<i32, Failure> {
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return Err(Failure {
            code: exit::USAGE,
            message: "the workbench needs a terminal (stdin and stdout are not both terminals); use `scholia stats`, `scholia validate` or `scholia import` in scripts".to_string(),
        });
    }
    let Some(article) = &args.article else {
        return Err(Failure {
            code: exit::USAGE,
            message: "give the article to open: scholia ARTICLE".to_string(),
        });
    };
    if article.is_dir() {
        return folder::run(args);
    }
    let options = OpenOptions {
        read_only: args.read_only,
        max_size: args.max_size,
        follow_symlinks: args.follow_symlinks,
        config: None,
        journal: journal_choice(args),
        places: Places::in_state_dir(),
    };
    let session = match &args.import {
        Some(file) => {
            let mut session = Session::open(article, &options)?;
            import_before_opening(&mut session, file, args.import_format.as_deref())?;
            session
        }
        // The first screen before the annotations: they are read once the loop runs.
        None => Session::open_first_screen_first(article, &options)?,
    };
    tui::run(session, Theme::detect())?;
    Ok(exit::OK)
}

/// Imports `file` into the session as one undoable step and shows the Review tab.
fn import_before_opening(
    session: &mut Session,
    file: &Path,
    format: Option<&str>,
) -> Result<(), Failure> {
    let format = match format {
        Some(name) => Some(name.parse::<Format>().map_err(|e| Failure {
            code: exit::USAGE,
            message: e.to_string(),
        })?),
        None => None,
    };
    let record = read_import(
        &session.app().doc,
        file,
        &(format, ImportOptions::default()),
    )?;
    session.dispatch(Action::Import {
        source: file.display().to_string(),
        record: Box::new(record),
        options: ApplyOptions::default(),
    });
    session.save();
    Ok(())
}

/// The flags' decision about a recovery journal, else a question on the terminal.
fn journal_choice(args: &OpenArgs) -> JournalChoice {
    if args.replay_journal {
        JournalChoice::Replay
    } else if args.discard_journal {
        JournalChoice::Discard
    } else {
        JournalChoice::Ask(ask_replay)
    }
}

/// Asks on stderr whether to replay a journal; yes unless the answer starts with `n`.
/// The journal's time stamp is the file's, so it is shown through the sanitiser.
fn ask_replay(found: &Found) -> bool {
    let mut err = SafeOutput::text(io::stderr());
    let _ = write!(
        err,
        "scholia: found unsaved changes from an earlier session ({} step{}, {}). Replay them? [Y/n] ",
        found.steps.len(),
        if found.steps.len() == 1 { "" } else { "s" },
        found.written
    );
    let _ = err.flush();
    let mut answer = String::new();
    if io::stdin().lock().read_line(&mut answer).is_err() {
        return true;
    }
    !answer.trim().to_ascii_lowercase().starts_with('n')
}
