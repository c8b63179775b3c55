//! `scholia extract`: rule suggestions into articles' sidecars, as pending annotations.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use serde_json::json;

use super::exit;
use crate::cli::ExtractArgs;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::document::Document;
use crate::domain::registry::{self, RegistryError};
use crate::domain::regular_file::read_regular_text;
use crate::domain::safe_text::sanitize_line;
use crate::domain::sidecar::{self, Kept, LoadReport, Loaded, SidecarError};
use crate::domain::store::Store;
use crate::extract::registry_mentions::{add_mentions, RegistryNames};
use crate::extract::to_store::{add_to_store, Added};
use crate::extract::{extract, RuleSet, MAX_TERMS_FILE_BYTES};

use super::articles;
use super::at_exit::leave_to_exit;
use super::failure::Failure;
use super::hold::hold;

/// Runs the rules over every article and adds what they suggest.
pub fn run(args: &ExtractArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let explicit = match &args.rules {
        Some(path) => Some(Arc::new(rules_file(path)?)),
        None => None,
    };
    let mut renumbered = Vec::new();
    let registries = RegistryCache::default();
    let configured = RulesCache::default();
    let code = articles::for_each(
        &args.input,
        err,
        |article| {
            if args.from_registry {
                return extract_into(
                    article,
                    args,
                    || registries.names_for(article),
                    |doc, names| names.find(doc.text()),
                    |doc, store, names, mentions| add_mentions(doc, store, names, mentions),
                );
            }
            extract_into(
                article,
                args,
                || match &explicit {
                    Some(rules) => Ok(Arc::clone(rules)),
                    None => configured.rules_for(article),
                },
                |doc, rules| extract(doc.text(), rules),
                |doc, store, _, found| add_to_store(doc, store, found),
            )
        },
        |article, (found, added, report)| {
            if let Some(notice) = report.duplicates.summary() {
                renumbered.push(sanitize_line(&format!(
                    "{}: {notice}",
                    sidecar::path_for(article).display()
                )));
            }
            if args.input.jsonl {
                let line = json!({
                    "article": article.display().to_string(),
                    "suggested": found,
                    "added": added.annotations,
                    "already_present": added.present,
                    "relations": added.relations,
                    "dry_run": args.dry_run,
                    "sidecar": report,
                });
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(
                    out,
                    "{}: {found} suggestions, {} added as pending ({} already present), {} relations{}{}",
                    article.display(),
                    added.annotations,
                    added.present,
                    added.relations,
                    report
                        .summary()
                        .map(|s| format!("; in the sidecar, {s}"))
                        .unwrap_or_default(),
                    if args.dry_run { " (dry run: nothing written)" } else { "" }
                );
            }
            exit::OK
        },
    )?;
    for line in renumbered {
        let _ = writeln!(err, "scholia: {line}");
    }
    Ok(code)
}

/// The registries of the articles, each read and compiled once: articles of one corpus
/// share theirs. Only read: a batch run never writes a registry.
#[derive(Default)]
struct RegistryCache {
    by_path: Mutex<HashMap<PathBuf, Arc<RegistryNames>>>,
}

impl RegistryCache {
    /// The compiled names of the registry that governs `article`.
    fn names_for(&self, article: &Path) -> Result<Arc<RegistryNames>, Failure> {
        let path = registry::find_root(article).ok_or_else(|| Failure {
            code: exit::NOT_FOUND,
            message: format!(
                "{}: no {} in its folder or above; create one with `scholia registry init`",
                article.display(),
                registry::FILE_NAME
            ),
        })?;
        let mut cache = self.by_path.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(names) = cache.get(&path) {
            return Ok(Arc::clone(names));
        }
        let found = registry::read(&path)
            .and_then(|r| r.ok_or(RegistryError::Missing { path: path.clone() }))
            .map_err(super::registry::failure)?;
        let names = Arc::new(RegistryNames::new(&found).map_err(|e| Failure {
            code: exit::CONFIG,
            message: format!("{}: {e}", path.display()),
        })?);
        cache.insert(path, Arc::clone(&names));
        Ok(names)
    }
}

/// The rules each set of configuration files gives, built once: the articles of a
/// folder share their `.scholia.toml`, and building the rules (compiling patterns,
/// reading term lists) costs more than running them on a short article.
#[derive(Default)]
struct RulesCache {
    by_sources: Mutex<HashMap<ConfigSources, Arc<RuleSet>>>,
}

impl RulesCache {
    /// The rules the configuration of `article` gives (`[extract]`), or the defaults.
    fn rules_for(&self, article: &Path) -> Result<Arc<RuleSet>, Failure> {
        let sources = ConfigSources::discover(article);
        let mut cache = self
            .by_sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(rules) = cache.get(&sources) {
            return Ok(Arc::clone(rules));
        }
        let rules = Arc::new(config_rules(&sources)?);
        cache.insert(sources, Arc::clone(&rules));
        Ok(rules)
    }
}

/// Suggestions found, what was added, and which records of the sidecar got new ids
/// because they shared one (a merge leaves this). `finder` makes what finds them (the
/// rules, the registry's names), while a long article is read; `find` finds the
/// suggestions in the article, before its sidecar is read, so that what finding them
/// takes on the way is given back before the sidecar's annotations are held; `add`
/// adds them to its store.
fn extract_into<T: Send, F: Sync + Send>(
    article: &Path,
    args: &ExtractArgs,
    finder: impl FnOnce() -> Result<F, Failure> + Send,
    find: impl FnOnce(&Document, &F) -> Vec<T> + Send,
    add: impl FnOnce(&Document, &mut Store, &F, Vec<T>) -> Added,
) -> Result<(usize, Added, LoadReport), Failure> {
    let dry_run = args.dry_run;
    let (finder, doc) = finder_and_article(article, args.input.max_size, finder)?;
    let path = sidecar::path_for(article);
    let _lock = if dry_run { None } else { Some(hold(article)?) };
    let find = |doc: &Document| find(doc, &finder);
    let (found, loaded) = find_and_load(&doc, &path, find, beside_pays(&doc, &path));
    let count = found.len();
    let (mut store, kept, report) = match loaded? {
        Some(loaded) => (loaded.store, loaded.kept, loaded.report),
        None => (Store::new(), Kept::default(), LoadReport::default()),
    };
    // A command never undoes: the suggestions are held once, not once more for undo.
    store.forget_history();
    let added = add(&doc, &mut store, &finder, found);
    if !dry_run && added.annotations + added.relations > 0 {
        sidecar::save_once(&doc, &store, &kept, &path, args.follow_symlinks)?;
    }
    let alone = matches!(args.input.articles.as_slice(), [one] if one.is_file());
    leave_to_exit((store, kept, doc), alone);
    Ok((count, added, report))
}

/// What `finder` makes, and the article at `article` read. For a long article the
/// finder is made on a second thread meanwhile: compiling the rules' patterns (about
/// 3 ms) and reading a book (about 2.5 ms) then take the time of the longer. A finder
/// that cannot be made is the error, before an article that cannot be read.
fn finder_and_article<F: Send>(
    article: &Path,
    max_size: u64,
    finder: impl FnOnce() -> Result<F, Failure> + Send,
) -> Result<(F, Document), Failure> {
    let load = || Document::load(article, max_size).map_err(Failure::from);
    let long = std::fs::metadata(article).is_ok_and(|m| m.len() >= FINDER_BESIDE_READING_FROM);
    if !long {
        let finder = finder()?;
        return Ok((finder, load()?));
    }
    thread::scope(|scope| {
        let making = scope.spawn(finder);
        let doc = load();
        let finder = match making.join() {
            Ok(finder) => finder?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok((finder, doc?))
    })
}

/// The shortest article (in bytes) read while the rules are compiled.
const FINDER_BESIDE_READING_FROM: u64 = 1 << 20;

/// The suggestions `find` finds in `doc`, and the sidecar at `path` loaded. `beside`:
/// the suggestions are found on a second thread while the sidecar is read; otherwise
/// they are found first, so that what finding them takes on the way is given back
/// before the sidecar's annotations are held.
fn find_and_load<T: Send>(
    doc: &Document,
    path: &Path,
    find: impl FnOnce(&Document) -> Vec<T> + Send,
    beside: bool,
) -> (Vec<T>, Result<Option<Loaded>, SidecarError>) {
    if !beside {
        return (find(doc), sidecar::load(doc, path));
    }
    thread::scope(|scope| {
        let finding = scope.spawn(|| find(doc));
        let loaded = sidecar::load(doc, path);
        match finding.join() {
            Ok(found) => (found, loaded),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Whether finding the suggestions in `doc` beside reading its sidecar at `path` pays:
/// there is a sidecar, and the article is long enough that a second thread costs less
/// than it saves.
fn beside_pays(doc: &Document, path: &Path) -> bool {
    doc.byte_len() >= FIND_BESIDE_LOAD_FROM && path.is_file()
}

/// The shortest article (in bytes) whose suggestions are found while its sidecar is
/// read.
const FIND_BESIDE_LOAD_FROM: usize = 1 << 18;

/// The rules of a rules file.
fn rules_file(path: &Path) -> Result<RuleSet, Failure> {
    // A rules file may hold as many inline terms as a terms file.
    let text = read_regular_text(path, MAX_TERMS_FILE_BYTES).map_err(|e| Failure {
        code: exit::CONFIG,
        message: format!("{}: cannot read the rules: {e}", path.display()),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    RuleSet::from_toml_str(&text, base).map_err(|e| Failure {
        code: exit::CONFIG,
        message: format!("{}: {e}", path.display()),
    })
}

/// The rules a set of configuration files gives (`[extract]`), or the defaults.
fn config_rules(sources: &ConfigSources) -> Result<RuleSet, Failure> {
    let config = Config::load(sources).map_err(|e| Failure {
        code: exit::CONFIG,
        message: e.to_string(),
    })?;
    let base = config
        .sources
        .last()
        .and_then(|p| p.parent())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    RuleSet::from_config(&config.extract, &base).map_err(|e| Failure {
        code: exit::CONFIG,
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::to_store::add_to_store;

    #[test]
    fn the_finder_of_a_long_article_is_made_while_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.txt");
        let line = "Сауле Иманова told AFP in 東京 that 👍🏽 the border was closed.\n";
        let text = line.repeat(FINDER_BESIDE_READING_FROM as usize / line.len() + 1);
        std::fs::write(&long, &text).unwrap();
        let main = thread::current().id();
        let (on, doc) = finder_and_article(&long, 1 << 30, || Ok(thread::current().id())).unwrap();
        assert_ne!(on, main, "made on a thread of its own");
        assert_eq!(doc.text(), text);
        let short = dir.path().join("short.txt");
        std::fs::write(&short, line).unwrap();
        let (on, doc) = finder_and_article(&short, 1 << 30, || Ok(thread::current().id())).unwrap();
        assert_eq!(on, main, "a short article is not worth a thread");
        assert_eq!(doc.text(), line);
    }

    #[test]
    fn a_finder_that_cannot_be_made_is_the_error_before_an_unreadable_article() {
        let dir = tempfile::tempdir().unwrap();
        for (name, len) in [("short.txt", 10), ("long.txt", FINDER_BESIDE_READING_FROM)] {
            let article = dir.path().join(name);
            // Not UTF-8: the article cannot be read as text.
            std::fs::write(&article, vec![0xff; len as usize]).unwrap();
            let no_rules = || -> Result<(), Failure> {
                Err(Failure {
                    code: exit::CONFIG,
                    message: "bad rules".to_string(),
                })
            };
            let failure = finder_and_article(&article, 1 << 30, no_rules).unwrap_err();
            assert_eq!(
                (failure.code, failure.message.as_str()),
                (exit::CONFIG, "bad rules")
            );
            let unread = finder_and_article(&article, 1 << 30, || Ok(())).unwrap_err();
            assert_ne!(unread.code, exit::CONFIG, "{}", unread.message);
        }
    }

    #[test]
    fn finding_beside_the_load_gives_what_finding_first_gives() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        let line = "Col. Timur Saidov told AFP in Kabul that the border was closed (Vremya Vostoka, March 4).\n";
        let text = line.repeat(FIND_BESIDE_LOAD_FROM / line.len() + 1);
        std::fs::write(&article, &text).unwrap();
        let doc = Document::load(&article, 1 << 30).unwrap();
        let path = sidecar::path_for(&article);
        // A sidecar holding the suggestions of the first half.
        let rules = RuleSet::default_rules();
        let half = &text[..text.len() / 2];
        let mut store = Store::new();
        add_to_store(&doc, &mut store, extract(half, &rules));
        sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
        assert!(beside_pays(&doc, &path));
        let find = |doc: &Document| extract(doc.text(), &rules);
        let (first, loaded_first) = find_and_load(&doc, &path, find, false);
        let (beside, loaded_beside) = find_and_load(&doc, &path, find, true);
        assert!(!first.is_empty());
        assert_eq!(first, beside);
        let (first, beside) = (
            loaded_first.unwrap().unwrap(),
            loaded_beside.unwrap().unwrap(),
        );
        assert_eq!(first.store.annotations(), beside.store.annotations());
        assert_eq!(first.report, beside.report);
    }
}
