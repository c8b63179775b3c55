//! `scholia import`: another tool's annotations into articles' sidecars, durably; one
//! article and one file, or a corpus with a file beside each article.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::exit;
use crate::cli::{ArticlesArgs, ImportArgs};
use crate::domain::config::{Config, ConfigSources};
use crate::domain::document::Document;
use crate::domain::model::Status;
use crate::domain::regular_file::{read_regular, ReadError};
use crate::domain::safe_text::sanitize_line;
use crate::domain::sidecar::{self, Kept, LoadReport};
use crate::domain::store::Store;
use crate::formats::apply::{apply_owned, pick_record, ApplyOptions, ImportSummary};
use crate::formats::imported::{
    Format, ImportOptions, ImportProblem, ImportedDoc, OffsetUnit, SpanEnd,
};
use crate::formats::{brat, detect, parse};

use super::articles;
use super::at_exit::leave_to_exit;
use super::failure::Failure;
use super::hold::hold;

/// The largest file imported: 256 MiB.
const MAX_IMPORT_SIZE: u64 = 256 * 1024 * 1024;

/// The parser's settings from the command line: a forced format and the options.
pub type ParseSettings = (Option<Format>, ImportOptions);

/// Imports into every article named; exit 1 when something was rejected or a file had
/// problems that lost part of it (notices alone, such as an empty file, exit 0).
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let settings = options(args)?;
    let apply_options = apply_options(args);
    let pairs = pairs(args)?;
    let batch = ArticlesArgs {
        articles: pairs.iter().map(|(a, _)| a.clone()).collect(),
        glob: "*".to_string(),
        no_ignore: true,
        files_from: None,
        jobs: args.jobs,
        jsonl: args.jsonl,
        max_size: args.max_size,
    };
    let alone = pairs.len() == 1;
    let mut renumbered = Vec::new();
    let code = articles::for_each(
        &batch,
        err,
        |article| {
            let file = pairs
                .iter()
                .find(|(a, _)| a == article)
                .map(|(_, f)| f.clone())
                .unwrap_or_default();
            import_into(article, &file, &settings, &apply_options, args, alone)
                .map(|(s, notice)| (file, s, notice))
        },
        |article, (file, summary, notice)| {
            if let Some(notice) = notice {
                renumbered.push(sanitize_line(&format!(
                    "{}: {notice}",
                    sidecar::path_for(article).display()
                )));
            }
            if args.jsonl {
                let line = json!({
                    "article": article.display().to_string(),
                    "file": file.display().to_string(),
                    "imported": summary.imported,
                    "relations": summary.relations,
                    "entities": summary.entities,
                    "reanchored": summary.reanchored,
                    "moved": summary.moved,
                    "sidecar": summary.sidecar,
                    "stopped": summary.stopped,
                    "rejected": summary.rejected,
                    "already_present": summary.duplicates,
                    "problems": summary.problems,
                    "notices": summary.notices,
                });
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(out, "{}: {}", file.display(), summary.line());
                if args.verbose {
                    for line in summary.details() {
                        let _ = writeln!(out, "  {line}");
                    }
                }
            }
            if summary.stopped.is_none()
                && summary.rejected.is_empty()
                && summary.problems.is_empty()
            {
                exit::OK
            } else {
                exit::PROBLEMS
            }
        },
    )?;
    for line in renumbered {
        let _ = writeln!(err, "scholia: {line}");
    }
    Ok(code)
}

/// (article, file to import) pairs.
fn pairs(args: &ImportArgs) -> Result<Vec<(PathBuf, PathBuf)>, Failure> {
    let usage = |message: String| Failure {
        code: exit::USAGE,
        message,
    };
    let Some(template) = &args.with else {
        return match args.paths.as_slice() {
            [article, file] => Ok(vec![(article.clone(), file.clone())]),
            _ => Err(usage(
                "import takes ARTICLE FILE, or articles and folders with --with TEMPLATE (e.g. --with '{stem}.ann')".to_string(),
            )),
        };
    };
    let articles = super::batch::select(&super::batch::Selection {
        inputs: &args.paths,
        glob: &args.glob,
        skip_ignored: !args.no_ignore,
        files_from: None,
    })
    .map_err(|m| Failure {
        code: exit::IO,
        message: m,
    })?;
    Ok(articles
        .into_iter()
        .filter_map(|article| {
            let file = companion(&article, template);
            file.exists().then_some((article, file))
        })
        .collect())
}

/// The file named by `template` beside `article`.
pub fn companion(article: &Path, template: &str) -> PathBuf {
    let name = article
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = article
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = template.replace("{stem}", &stem).replace("{name}", &name);
    article.with_file_name(file)
}

/// Imports `file` into the sidecar of `article`; also says which records of the
/// sidecar got new ids because they shared one (a merge leaves this).
fn import_into(
    article: &Path,
    file: &Path,
    settings: &ParseSettings,
    apply_options: &ApplyOptions,
    args: &ImportArgs,
    alone: bool,
) -> Result<(ImportSummary, Option<String>), Failure> {
    let doc = Document::load(article, args.max_size)?;
    let path = sidecar::path_for(article);
    let _lock = hold(article)?;
    // The file first: its bytes are gone, only its records left, before the sidecar's
    // annotations are read.
    let record = read_import(&doc, file, settings)?;
    let (mut store, mut kept, report) = match sidecar::load(&doc, &path)? {
        Some(loaded) => (loaded.store, loaded.kept, loaded.report),
        None => (Store::new(), Kept::default(), LoadReport::default()),
    };
    let mut schema = Config::load(&ConfigSources::discover(article))
        .map_err(|e| Failure {
            code: exit::CONFIG,
            message: e.to_string(),
        })?
        .schema;
    // What the file's project declares (a brat annotation.conf) joins the labels the
    // article's earlier imports added, for reading kinds now and for the workbench.
    kept.extend_schema(&record.schema);
    schema.extend(&kept.schema());
    let apply_options = ApplyOptions {
        schema: Some(schema),
        ..apply_options.clone()
    };
    // A command never undoes: the import is held once, not once more for undo.
    store.forget_history();
    let mut summary = apply_owned(&doc, &mut store, record, &apply_options);
    summary.sidecar = report;
    sidecar::save_once(&doc, &store, &kept, &path, args.follow_symlinks)?;
    leave_to_exit((store, kept, doc), alone);
    let renumbered = summary.sidecar.duplicates.summary();
    Ok((summary, renumbered))
}

/// What the parser needs from the command line.
pub fn options(args: &ImportArgs) -> Result<ParseSettings, Failure> {
    let format = match &args.format {
        Some(name) => Some(name.parse::<Format>().map_err(|e| Failure {
            code: exit::USAGE,
            message: e.to_string(),
        })?),
        None => None,
    };
    let unit = args.unit.as_deref().map(|u| match u {
        "utf16" => OffsetUnit::Utf16,
        _ => OffsetUnit::CodePoints,
    });
    Ok((
        format,
        ImportOptions {
            unit,
            text_key: args.text_key.clone(),
            label_key: args.label_key.clone(),
            end: args.end.as_deref().map(|e| match e {
                "inclusive" => SpanEnd::Inclusive,
                _ => SpanEnd::Exclusive,
            }),
        },
    ))
}

fn apply_options(args: &ImportArgs) -> ApplyOptions {
    ApplyOptions {
        status: args.status.as_deref().map(|s| match s {
            "accepted" => Status::Accepted,
            _ => Status::Pending,
        }),
        schema: None,
    }
}

/// Reads and parses one file and picks the record that belongs to `doc`.
pub fn read_import(
    doc: &Document,
    file: &Path,
    (format, options): &ParseSettings,
) -> Result<ImportedDoc, Failure> {
    let failure = |message: String| Failure {
        code: exit::PROBLEMS,
        message,
    };
    let bytes = read_regular(file, MAX_IMPORT_SIZE).map_err(|e| match e {
        ReadError::TooLarge { .. } => failure(format!(
            "{} is over the 256 MiB import limit",
            file.display()
        )),
        e => failure(format!("{}: cannot read it: {e}", file.display())),
    })?;
    let input = String::from_utf8(bytes).map_err(|e| {
        failure(format!(
            "{} is not UTF-8 (first bad byte at offset {}); convert it with iconv first",
            file.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = format.or_else(|| detect(&name, &input)).ok_or_else(|| {
        failure(format!(
            "{}: cannot tell its format; name it with --format (spacy, brat, doccano, labelstudio, prodigy, w3c, cluener, conll, conllu)",
            file.display()
        ))
    })?;
    let mut docs =
        parse(format, &input, options).map_err(|e| failure(format!("{}: {e}", file.display())))?;
    drop(input);
    let record =
        pick_record(doc, &docs).map_err(|e| failure(format!("{}: {e}", file.display())))?;
    // The record picked is taken out of the list, not copied (its text is the article's).
    let at = docs
        .iter()
        .position(|d| std::ptr::eq(d, record))
        .unwrap_or_default();
    let mut record = docs.swap_remove(at);
    if format == Format::Brat {
        check_against_conf(file, &mut record);
    }
    Ok(record)
}

/// Notices for what a brat file uses that its project's `annotation.conf` (the nearest
/// beside it or above it) does not declare, and the labels and values it declares for
/// the article's schema; a conf that cannot be read is a notice.
fn check_against_conf(file: &Path, record: &mut ImportedDoc) {
    let Some(found) = super::brat_conf::nearest(file) else {
        return;
    };
    let notice = |message: String| ImportProblem::general(message).harmless();
    match found {
        Err(e) => record
            .problems
            .push(notice(format!("{e}; the types are not checked."))),
        Ok((path, text)) => match brat::parse_conf(&text) {
            Ok(conf) => {
                record.problems.extend(brat::undeclared(&conf, record));
                record.schema.merge(&conf.schema_extension());
            }
            Err(e) => record.problems.push(notice(format!(
                "{}: {e} The types are not checked.",
                path.display()
            ))),
        },
    }
}
