//! `scholia import`: another tool's annotations into the article's sidecar, durably.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::cli::ImportArgs;
use crate::domain::document::Document;
use crate::domain::error::exit;
use crate::domain::model::Status;
use crate::domain::sidecar::{self, Kept};
use crate::domain::store::Store;
use crate::formats::apply::{apply, pick_record, ApplyOptions, ImportSummary};
use crate::formats::imported::{Format, ImportOptions, OffsetUnit};
use crate::formats::{detect, parse};

use super::failure::Failure;

/// The largest file imported: 256 MiB.
const MAX_IMPORT_SIZE: u64 = 256 * 1024 * 1024;

/// Imports `args.file` into the sidecar of `args.article`; exit 1 when something was
/// rejected or the file had problems.
pub fn run(args: &ImportArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let doc = Document::load(&args.article, args.max_size)?;
    let path = sidecar::path_for(&args.article);
    let (mut store, kept) = match sidecar::load(&doc, &path)? {
        Some(loaded) => (loaded.store, loaded.kept),
        None => (Store::new(), Kept::default()),
    };
    let summary = import_file(
        &doc,
        &mut store,
        &args.file,
        &options(args)?,
        &apply_options(args),
    )?;
    sidecar::save(&doc, &store, &kept, &path, false)?;
    let _ = writeln!(out, "{}: {}", args.file.display(), summary.line());
    if args.verbose {
        for line in summary.details() {
            let _ = writeln!(out, "  {line}");
        }
    }
    Ok(
        if summary.rejected.is_empty() && summary.problems.is_empty() {
            exit::OK
        } else {
            exit::PROBLEMS
        },
    )
}

/// What the parser needs from the command line.
pub fn options(args: &ImportArgs) -> Result<(Option<Format>, ImportOptions), Failure> {
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
        },
    ))
}

fn apply_options(args: &ImportArgs) -> ApplyOptions {
    ApplyOptions {
        status: args.status.as_deref().map(|s| match s {
            "accepted" => Status::Accepted,
            _ => Status::Pending,
        }),
    }
}

/// Reads, parses and applies one file to `store` (as one undoable step).
pub fn import_file(
    doc: &Document,
    store: &mut Store,
    file: &Path,
    (format, options): &(Option<Format>, ImportOptions),
    apply_options: &ApplyOptions,
) -> Result<ImportSummary, Failure> {
    let failure = |message: String| Failure {
        code: exit::PROBLEMS,
        message,
    };
    let size = fs::metadata(file)
        .map_err(|e| failure(format!("{}: cannot read it: {e}", file.display())))?
        .len();
    if size > MAX_IMPORT_SIZE {
        return Err(failure(format!(
            "{} is {size} bytes, over the 256 MiB import limit",
            file.display()
        )));
    }
    let bytes =
        fs::read(file).map_err(|e| failure(format!("{}: cannot read it: {e}", file.display())))?;
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
            "{}: cannot tell its format; name it with --format (spacy, brat, doccano, labelstudio, prodigy, w3c)",
            file.display()
        ))
    })?;
    let docs =
        parse(format, &input, options).map_err(|e| failure(format!("{}: {e}", file.display())))?;
    let record =
        pick_record(doc, &docs).map_err(|e| failure(format!("{}: {e}", file.display())))?;
    Ok(apply(doc, store, record, apply_options))
}
