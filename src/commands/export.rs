//! `scholia export`: each article's annotations written in another tool's format.
//!
//! Where files go: with `-o -`, to standard output (single-file formats; several
//! articles only for JSON Lines and CoNLL, which concatenate); with `-o PATH`, into the
//! folder PATH (created if missing) for multi-file formats, for several articles or when
//! PATH is a folder, else to the file PATH; without `-o`, next to each article. Files
//! are named after the article's stem (`ExportFormat::file_names`).
//!
//! An existing file is never overwritten without `--force` (one that already holds
//! exactly the new content is left as it is), the article itself never; writes are
//! atomic and durable, and an article's files are all written or none. Each file is
//! written as it is made into a temporary file beside where it goes, never held whole
//! in memory (`formats::export::staged`). What the format cannot hold is printed on stderr after the name
//! of the file written (the article's, for standard output), first what is not written
//! at all, then what is written without its kind, label, some attributes, note or links:
//! one line per kind of loss with a count and the first ids, or one line per item with
//! `--verbose` (`export_report`); then one line per article: `article.txt: wrote X (N
//! annotations, M relations; K not written, J written in part)`, counting items. When
//! `--status accepted` writes nothing because nothing is accepted, a notice says so.
//! Exit code: 0 when all went well (an export with nothing accepted to write included),
//! 1 when a sidecar could not be read (the other articles are still exported), 2 for a
//! usage or output error (an existing file without `--force`, an unwritable output), an
//! article's own code when it cannot be read, 9 for a bad config; with several
//! failures, the largest.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::exit;
use crate::cli::ExportArgs;
use crate::domain::atomic::write_atomic;
use crate::domain::config::{Config, ConfigSources};
use crate::domain::document::Document;
use crate::domain::safe_text::sanitize_line;
use crate::domain::sidecar;
use crate::domain::store::Store;
use crate::formats::export::beside::{folder_of, plan_file, FilePlan};
use crate::formats::export::{
    export_to, merge_conf, ExportFormat, ExportOptions, Exported, StatusFilter,
};
use crate::formats::imported::OffsetUnit;

use super::at_exit::leave_to_exit;
use super::batch;
use super::export_report::{not_asked, nothing_accepted, Report};
use super::failure::{document_code, Failure};
use crate::formats::export::staged::{Made, MadeFile, Staging, CONF};

/// Where the files of one run go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// Standard output.
    Stdout,
    /// This folder.
    Folder(PathBuf),
    /// This file (one article, single-file format).
    File(PathBuf),
    /// The folder of each article.
    BesideArticle,
}

/// Exports every article; see the module documentation for outputs and exit codes.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let usage = |message: String| Failure {
        code: exit::USAGE,
        message,
    };
    let format: ExportFormat = args.format.parse().map_err(|e| usage(format!("{e}")))?;
    let options = ExportOptions {
        status: match args.status.as_str() {
            "all" => StatusFilter::All,
            _ => StatusFilter::Accepted,
        },
        unit: args.unit.as_deref().map(|u| match u {
            "codepoints" => OffsetUnit::CodePoints,
            _ => OffsetUnit::Utf16,
        }),
    };
    let paths = batch::select(&batch::Selection {
        inputs: &args.articles,
        glob: &args.glob,
        skip_ignored: !args.no_ignore,
        files_from: args.files_from.as_deref(),
    })
    .map_err(usage)?;
    let target = target(args, format, paths.len() > 1).map_err(usage)?;
    if args.jsonl && matches!(target, Target::Stdout) {
        return Err(usage(
            "--jsonl reports on standard output, which -o - already uses for the export; write the export to a folder or file".to_string(),
        ));
    }
    let mut run = Run {
        force: args.force,
        jsonl: args.jsonl,
        verbose: args.verbose,
        written: HashMap::new(),
        code: exit::OK,
        err,
    };
    let jobs = args.jobs.unwrap_or_else(batch::default_jobs);
    let alone = paths.len() == 1;
    let mut stdout_failed: Option<Failure> = None;
    batch::run(
        &paths,
        jobs,
        |article| export_one(article, format, args.max_size, &options, alone, &target),
        |article, result| {
            if stdout_failed.is_some() {
                return;
            }
            let done = match result {
                Ok(done) => done,
                Err((code, message)) => return run.fail(code, &message),
            };
            if let Some(notice) = &done.renumbered {
                let line = format!("{}: {notice}", sidecar::path_for(article).display());
                let _ = writeln!(run.err, "scholia: {}", sanitize_line(&line));
            }
            if let Err(failure) = run.deliver(article, done, &target, out) {
                stdout_failed = Some(failure);
            }
        },
    );
    match stdout_failed {
        Some(failure) => Err(failure),
        None => Ok(run.code),
    }
}

/// One article exported.
struct Done {
    /// The files, made but not yet in place.
    files: Vec<MadeFile>,
    /// What the files could not hold.
    exported: Exported,
    /// Which records of the sidecar got new ids because they shared one.
    renumbered: Option<String>,
    /// How many annotations `--status` did not ask for.
    not_asked: usize,
    /// Why no annotation was written, when none is accepted.
    nothing_accepted: Option<String>,
}

/// Reads the article, its config and its sidecar and makes its files for `target`, or
/// says why not.
fn export_one(
    article: &Path,
    format: ExportFormat,
    max_size: u64,
    options: &ExportOptions,
    alone: bool,
    target: &Target,
) -> Result<Done, (i32, String)> {
    let doc = Document::load(article, max_size).map_err(|e| (document_code(&e), e.to_string()))?;
    let mut schema = Config::load(&ConfigSources::discover(article))
        .map_err(|e| (exit::CONFIG, e.to_string()))?
        .schema;
    let (store, renumbered) = match sidecar::load(&doc, &sidecar::path_for(article)) {
        Ok(Some(loaded)) => {
            // The labels the article's imports added are part of its schema here too.
            schema.extend(&loaded.kept.schema());
            (loaded.store, loaded.report.duplicates.summary())
        }
        Ok(None) => (Store::new(), None),
        Err(e) => return Err((exit::PROBLEMS, e.to_string())),
    };
    let mut staging = match target {
        Target::Stdout => Staging::for_stdout(),
        Target::Folder(folder) => Staging::into_folder(folder.clone(), None),
        Target::File(file) => Staging::into_folder(folder_of(file), Some(file.clone())),
        Target::BesideArticle => Staging::into_folder(folder_of(article), None),
    };
    let exported = export_to(format, &doc, &store, &schema, options, &mut staging)
        .map_err(|e| (exit::USAGE, e.to_string()))?;
    let mut files = staging.files;
    if format == ExportFormat::Brat {
        keep_project_conf(article, &mut files)?;
    }
    let done = Done {
        nothing_accepted: nothing_accepted(format, &doc, &store, &schema, options, &exported),
        not_asked: not_asked(&store, options),
        files,
        exported,
        renumbered,
    };
    leave_to_exit((store, doc), alone);
    Ok(done)
}

/// A brat article whose folder (or one above it) has its project's `annotation.conf`:
/// the conf written keeps every line of it (argument types, attribute values,
/// hierarchy, comments) and adds what scholia declares that it lacks.
fn keep_project_conf(article: &Path, files: &mut [MadeFile]) -> Result<(), (i32, String)> {
    let Some(found) = super::brat_conf::nearest(article) else {
        return Ok(());
    };
    let (_, project) = found.map_err(|e| (exit::PROBLEMS, e))?;
    for file in files.iter_mut().filter(|f| f.name == CONF) {
        if let Made::Held(written) = &mut file.content {
            *written = merge_conf(&project, written);
        }
    }
    Ok(())
}

impl Run<'_> {
    /// Puts one article's files where they go and reports it on stderr; an error only
    /// when standard output cannot be written.
    fn deliver(
        &mut self,
        article: &Path,
        done: Done,
        target: &Target,
        out: &mut dyn Write,
    ) -> Result<(), Failure> {
        let run = self;
        let Done {
            files,
            exported,
            not_asked,
            nothing_accepted,
            ..
        } = done;
        let written = match target {
            Target::Stdout => run.copy_to_stdout(article, files, out)?,
            _ => run.write_files(article, files),
        };
        let Some((destination, prefix)) = written else {
            return Ok(());
        };
        let report = Report {
            article,
            destination: &destination,
            prefix: &prefix,
            exported: &exported,
            not_asked,
            notice: nothing_accepted.as_deref(),
        };
        if run.jsonl {
            let _ = writeln!(out, "{}", report.json());
            return Ok(());
        }
        for line in report.lines(run.verbose) {
            let _ = writeln!(run.err, "{line}");
        }
        Ok(())
    }

    /// Copies the one file for standard output there (the others are named as not
    /// written); what names the destination and the losses, or why standard output
    /// failed.
    fn copy_to_stdout(
        &mut self,
        article: &Path,
        files: Vec<MadeFile>,
        out: &mut dyn Write,
    ) -> Result<Option<(String, String)>, Failure> {
        for file in files {
            match file.content {
                Made::Spooled(mut spooled) => {
                    if let Err(e) = io::copy(&mut spooled, out).and_then(|_| out.flush()) {
                        return Err(Failure {
                            code: exit::USAGE,
                            message: format!("cannot write to standard output: {e}"),
                        });
                    }
                }
                _ => {
                    let _ = writeln!(
                        self.err,
                        "{}: {} is not written: standard output takes one file; export to a folder to get it.",
                        article.display(),
                        file.name
                    );
                }
            }
        }
        // Standard output is not a file: the article names what it lost.
        Ok(Some((
            "standard output".to_string(),
            article.display().to_string(),
        )))
    }
}

/// Where the files go, or why the command line cannot say.
fn target(args: &ExportArgs, format: ExportFormat, several: bool) -> Result<Target, String> {
    match &args.output {
        None => Ok(Target::BesideArticle),
        Some(path) if path.as_os_str() == "-" => {
            if format.is_multi_file() {
                Err(format!(
                    "{format} writes several files, which standard output cannot take; give -o a folder"
                ))
            } else if several && !format.concatenates() {
                Err(format!(
                    "{format} writes one document per article, and several cannot share standard output; give -o a folder"
                ))
            } else {
                Ok(Target::Stdout)
            }
        }
        Some(path) if format.is_multi_file() || several || path.is_dir() || names_folder(path) => {
            fs::create_dir_all(path)
                .map_err(|e| format!("cannot create the output folder {}: {e}", path.display()))?;
            Ok(Target::Folder(path.clone()))
        }
        Some(path) => Ok(Target::File(path.clone())),
    }
}

/// The state of one `export` run.
struct Run<'w> {
    force: bool,
    /// Report each article as one JSON line on stdout instead of lines on stderr.
    jsonl: bool,
    /// Name every item the format cannot hold instead of each kind of loss.
    verbose: bool,
    /// Files written in this run, with the content of each `annotation.conf` (to merge
    /// it with the next one written there).
    written: HashMap<PathBuf, String>,
    code: i32,
    err: &'w mut dyn Write,
}

impl Run<'_> {
    fn fail(&mut self, code: i32, message: &str) {
        let _ = writeln!(self.err, "scholia: {message}");
        self.code = self.code.max(code);
    }

    /// Puts the files of one article in place, all or none; the paths written and the
    /// main one's (which names what the export lost), or `None` (reported) when any
    /// file may not be written.
    fn write_files(&mut self, article: &Path, files: Vec<MadeFile>) -> Option<(String, String)> {
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.path.as_ref().map(|p| p.display().to_string()))
            .collect();
        let mut plan: Vec<(PathBuf, Made)> = Vec::new();
        let mut refusals = Vec::new();
        for file in files {
            let Some(path) = file.path.clone() else {
                continue;
            };
            // A file this run wrote is merged or refused below, not refused as existing.
            let overwrite = self.force || self.written.contains_key(&path);
            match plan_file(&path, file.already_there(), article, overwrite) {
                FilePlan::Unchanged => continue,
                FilePlan::Refuse(why) => {
                    refusals.push(why);
                    continue;
                }
                FilePlan::Write => {}
            }
            let content = match (self.written.get(&path), file.content) {
                (_, Made::Unwritable(why)) => {
                    refusals.push(why);
                    continue;
                }
                (Some(earlier), Made::Held(conf)) => Made::Held(merge_conf(earlier, &conf)),
                (Some(_), _) => {
                    refusals.push(format!(
                        "{} was already written for another article in this run; export them to different folders",
                        path.display()
                    ));
                    continue;
                }
                (None, content) => content,
            };
            plan.push((path, content));
        }
        if !refusals.is_empty() {
            for refusal in refusals {
                self.fail(exit::USAGE, &refusal);
            }
            return None;
        }
        for (path, content) in plan {
            // Only a brat conf is merged with what comes after it; of the other files
            // the run remembers the path, not the content.
            let (put, kept) = match content {
                Made::Staged(staged) => (staged.commit(), String::new()),
                Made::Held(text) => (write_atomic(&path, text.as_bytes(), false), text),
                _ => (Ok(()), String::new()),
            };
            if let Err(e) = put {
                self.fail(
                    exit::USAGE,
                    &format!("cannot write {}: {e}", path.display()),
                );
                return None;
            }
            self.written.insert(path, kept);
        }
        let main = names
            .first()
            .cloned()
            .unwrap_or_else(|| article.display().to_string());
        Some((names.join(", "), main))
    }
}

/// Whether `path` is written as a folder (ends with a path separator).
fn names_folder(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR)
}
