//! `scholia adjudicate ARTICLE [A B…] [-o OUT]`: the workbench on the article in the
//! adjudication view. With sidecars, their disagreements (agreements accepted at once);
//! without, the conflicts a merge left in the article's own sidecar. The result is
//! saved to OUT (default: the article's own sidecar) as every session saves.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use super::exit;
use super::failure::Failure;
use crate::app::action::Action;
use crate::app::adjudication::Start;
use crate::app::session::{JournalChoice, OpenOptions, Session};
use crate::cli::AdjudicateArgs;
use crate::domain::adjudication::{open_sets, Working};
use crate::domain::disagreement::compare;
use crate::domain::document::Document;
use crate::domain::sidecar;
use crate::domain::store::Store;
use crate::tui;
use crate::ui::Theme;

/// The most sidecars compared at once (one letter each).
const MOST_SIDES: usize = 26;

/// Runs the adjudication view on the article of `args`; exit 0 after a clean end.
pub fn run(args: &AdjudicateArgs) -> Result<i32, Failure> {
    let start = plan(args)?;
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        return Err(usage(
            "the adjudication view needs a terminal (stdin and stdout are not both terminals)",
        ));
    }
    let options = OpenOptions {
        max_size: args.max_size,
        journal: JournalChoice::Keep,
        ..OpenOptions::default()
    };
    let session = open(args, start, &options)?;
    tui::run(session, Theme::detect())?;
    Ok(exit::OK)
}

/// Where the result of `args` goes: OUT, else the article's own sidecar.
pub fn output(args: &AdjudicateArgs) -> PathBuf {
    args.output
        .clone()
        .unwrap_or_else(|| sidecar::path_for(&args.article))
}

/// Reads the article and the sidecars and works out how the adjudication starts,
/// writing nothing: bad input is refused here, before any file or the screen changes.
pub fn plan(args: &AdjudicateArgs) -> Result<Start, Failure> {
    let article = &args.article;
    let doc = Document::load(article, args.max_size)?;
    let own = sidecar::path_for(article);
    let out = output(args);
    Ok(match args.sidecars.len() {
        0 => settle_merge(&doc, &own, &out)?,
        1 => return Err(usage(
            "give two or more sidecars to compare, or none to settle the conflicts a merge left",
        )),
        n if n > MOST_SIDES => {
            return Err(usage(&format!(
                "at most {MOST_SIDES} sidecars can be compared at once"
            )))
        }
        _ => compare_sidecars(&doc, &args.sidecars, &out, args.confirm_agreements)?,
    })
}

/// Opens the session on the article with OUT as its sidecar and starts the
/// adjudication `start` in it (saved at once).
pub fn open(
    args: &AdjudicateArgs,
    start: Start,
    options: &OpenOptions,
) -> Result<Session, Failure> {
    let out = output(args);
    let mut session = Session::open_with_sidecar(&args.article, &out, options)?;
    if let Some(why) = session.app().read_only() {
        return Err(Failure {
            code: exit::PROBLEMS,
            message: format!("cannot adjudicate into {}: {why}", out.display()),
        });
    }
    session.dispatch(Action::Adjudicate(Box::new(start)));
    session.save();
    Ok(session)
}

/// The start of an adjudication of `sidecars` (A, B… in order) into `out`.
fn compare_sidecars(
    doc: &Document,
    sidecars: &[PathBuf],
    out: &Path,
    confirm_agreements: bool,
) -> Result<Start, Failure> {
    let mut stores = Vec::with_capacity(sidecars.len());
    for path in sidecars {
        stores.push(load(doc, path)?);
    }
    refuse_to_overwrite(doc, out, sidecars)?;
    let sides: Vec<String> = (b'A'..)
        .take(sidecars.len())
        .map(|c| (c as char).to_string())
        .collect();
    let refs: Vec<&Store> = stores.iter().collect();
    let groups = compare(&refs);
    Ok(Start {
        working: Some(crate::domain::adjudication::working(
            &refs,
            &groups,
            &sides,
            confirm_agreements,
        )),
        sides,
        names: sidecars.iter().map(|p| file_name(p)).collect(),
    })
}

/// The start of settling the conflicts a merge left in the article's own sidecar
/// (`own`), the result going to `out`; or, when `out` holds conflicts itself (an
/// adjudication left unfinished), of settling those in place.
fn settle_merge(doc: &Document, own: &Path, out: &Path) -> Result<Start, Failure> {
    if out != own {
        if let Some(loaded) = sidecar::load(doc, out)? {
            if !open_sets(&loaded.store).is_empty() {
                let sides = sides_of(&loaded.store);
                return Ok(Start {
                    names: sides.clone(),
                    sides,
                    working: None,
                });
            }
        }
    }
    let store = match sidecar::load(doc, own)? {
        Some(loaded) if !open_sets(&loaded.store).is_empty() => loaded.store,
        found => {
            return Err(usage(&format!(
                "{} {} no conflicts to settle (a merge by scholia merge-driver leaves them; give two or more sidecars to compare them)",
                own.display(),
                if found.is_some() { "holds" } else { "does not exist: there are" }
            )))
        }
    };
    let working = if out == own {
        None
    } else {
        refuse_to_overwrite(doc, out, &[own.to_path_buf()])?;
        Some(Working {
            annotations: store.annotations().into_iter().cloned().collect(),
            entities: store.entities().into_iter().cloned().collect(),
            relations: store.relations().into_iter().cloned().collect(),
        })
    };
    let sides = sides_of(&store);
    Ok(Start {
        names: sides.clone(),
        sides,
        working,
    })
}

/// The sides named by the conflict marks of `store`: `ours` and `theirs` first (a
/// merge's), then the others in order (`A`, `B`… of an unfinished adjudication).
fn sides_of(store: &Store) -> Vec<String> {
    let mut sides: Vec<String> = vec!["ours".to_string(), "theirs".to_string()];
    let mut others: Vec<String> = store
        .iter_annotations()
        .filter_map(|a| a.conflict.as_ref().map(|c| c.side.clone()))
        .filter(|side| !sides.contains(side))
        .collect();
    others.sort();
    others.dedup();
    if !others.is_empty()
        && store.iter_annotations().all(|a| {
            a.conflict
                .as_ref()
                .is_none_or(|c| c.side != "ours" && c.side != "theirs")
        })
    {
        sides.clear();
    }
    sides.extend(others);
    sides
}

/// Refuses an OUT that holds annotations of its own, unless it is one of the inputs: an
/// adjudication replaces what OUT holds.
fn refuse_to_overwrite(doc: &Document, out: &Path, inputs: &[PathBuf]) -> Result<(), Failure> {
    let same = |p: &PathBuf| match (p.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => p == out,
    };
    if inputs.iter().any(same) {
        return Ok(());
    }
    let held = match sidecar::load(doc, out)? {
        Some(loaded) => loaded.store.annotation_count(),
        None => 0,
    };
    if held > 0 {
        return Err(usage(&format!(
            "{} already holds {held} annotation{}; name another file with -o, or name it among the sidecars to compare",
            out.display(),
            if held == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// The sidecar at `path` placed on `doc`; a missing one is an error.
fn load(doc: &Document, path: &Path) -> Result<Store, Failure> {
    match sidecar::load(doc, path)? {
        Some(loaded) => Ok(loaded.store),
        None => Err(Failure {
            code: exit::NOT_FOUND,
            message: format!("{}: no such sidecar", path.display()),
        }),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn usage(message: &str) -> Failure {
    Failure {
        code: exit::USAGE,
        message: message.to_string(),
    }
}
