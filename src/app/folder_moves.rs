//! The workbench's commands of folder mode: the *done* mark, and leaving the article for
//! the article list or for the next, the previous or the next unfinished article. The
//! article list (`app::corpus`) carries out a leave the workbench asked for.

use crate::domain::clock;
use crate::domain::done::DoneMark;

use super::command::Command;
use super::state::App;

/// Where the analyst asked to go from an article opened from the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Back to the list, the cursor on this article.
    List,
    /// The next article of the list, as it is sorted and filtered.
    Next,
    /// The previous article of the list.
    Previous,
    /// The next article of the list that is not done.
    NextUnfinished,
}

/// Marks the article done (who and when), or takes the mark back: one undoable step.
pub fn toggle_done(app: &mut App) {
    if app.store.done().is_some() {
        app.store.set_done(None);
        app.say("no longer marked done");
    } else {
        let mark = DoneMark {
            by: app.annotator.to_string(),
            at: clock::now(),
        };
        app.store.set_done(Some(mark));
        app.say("marked done");
    }
}

/// Asks the article list to close this article and go where the command says.
pub fn leave(app: &mut App, command: &Command, _: &mut Vec<super::action::Effect>) {
    let leave = match command {
        Command::ArticleList => Leave::List,
        Command::NextArticle => Leave::Next,
        Command::PrevArticle => Leave::Previous,
        _ => Leave::NextUnfinished,
    };
    if app.opened_from_list {
        app.leave = Some(leave);
    } else {
        app.complain("only in folder mode: open a folder with scholia DIR");
    }
}
