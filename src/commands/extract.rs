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
                let names = registries.names_for(article)?;
                return extract_into(
                    article,
                    args,
                    |doc| names.find(doc.text()),
                    |doc, store, mentions| add_mentions(doc, store, &names, mentions),
                );
            }
            let rules = match &explicit {
                Some(rules) => Arc::clone(rules),
                None => configured.rules_for(article)?,
            };
            extract_into(
                article,
                args,
                |doc| extract(doc.text(), &rules),
                add_to_store,
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
/// because they shared one (a merge leaves this). `find` finds the suggestions in the
/// article, before its sidecar is read, so that what finding them takes on the way is
/// given back before the sidecar's annotations are held; `add` adds them to its store.
fn extract_into<T: Send>(
    article: &Path,
    args: &ExtractArgs,
    find: impl FnOnce(&Document) -> Vec<T> + Send,
    add: impl FnOnce(&Document, &mut Store, Vec<T>) -> Added,
) -> Result<(usize, Added, LoadReport), Failure> {
    let dry_run = args.dry_run;
    let doc = Document::load(article, args.input.max_size)?;
    let path = sidecar::path_for(article);
    let _lock = if dry_run { None } else { Some(hold(article)?) };
    let (found, loaded) = find_and_load(&doc, &path, find, beside_pays(&doc, &path));
    let count = found.len();
    let (mut store, kept, report) = match loaded? {
        Some(loaded) => (loaded.store, loaded.kept, loaded.report),
        None => (Store::new(), Kept::default(), LoadReport::default()),
    };
    // A command never undoes: the suggestions are held once, not once more for undo.
    store.forget_history();
    let added = add(&doc, &mut store, found);
    if !dry_run && added.annotations + added.relations > 0 {
        sidecar::save_once(&doc, &store, &kept, &path, args.follow_symlinks)?;
    }
    let alone = matches!(args.input.articles.as_slice(), [one] if one.is_file());
    leave_to_exit((store, kept, doc), alone);
    Ok((count, added, report))
}

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
