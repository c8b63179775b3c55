//! The command line: `scholia ARTICLE` opens the workbench; subcommands work in batch.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::document::DEFAULT_MAX_SIZE;

/// scholia: read articles and tag the entities, claims and sources in them.
#[derive(Debug, Parser)]
#[command(name = "scholia", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check each article's sidecar: it parses, offsets are in range, quotes match the
    /// text, references point to existing ids, the article's hash matches.
    Validate(ArticlesArgs),
    /// Count annotations by kind, label and status.
    Stats(StatsArgs),
    /// Import annotations from another tool's file into the article's sidecar.
    Import(ImportArgs),
    /// Export each article's annotations for another tool or as a report.
    Export(ExportArgs),
}

/// Options shared by commands that read articles.
#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// The articles (plain UTF-8 text files); each one's sidecar is `ARTICLE.scholia.json`.
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// Largest article to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
}

/// Options of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The articles.
    #[command(flatten)]
    pub input: ArticlesArgs,
    /// Print one JSON object per article, one per line, for scripts.
    #[arg(long)]
    pub json: bool,
}

/// Options of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The article the annotations belong to.
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// The file to import: spaCy JSON, brat .ann, doccano JSONL, Label Studio JSON,
    /// Prodigy JSONL or W3C Web Annotation.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The file's format; detected from its content when not given.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Import everything as pending suggestions (to review) or as accepted.
    #[arg(long = "as", value_name = "STATUS", value_parser = ["pending", "accepted"])]
    pub status: Option<String>,
    /// Offset unit of the file: utf16 (doccano and Label Studio default) or codepoints.
    #[arg(long, value_name = "UNIT", value_parser = ["utf16", "codepoints"])]
    pub unit: Option<String>,
    /// The key holding the text (Label Studio `data.KEY`, doccano and Prodigy records).
    #[arg(long, value_name = "KEY")]
    pub text_key: Option<String>,
    /// The key holding the spans (doccano `label`/`entities`, Prodigy `spans`).
    #[arg(long, value_name = "KEY")]
    pub label_key: Option<String>,
    /// List every re-anchored and rejected annotation and every problem in the file.
    #[arg(long)]
    pub verbose: bool,
    /// Largest article to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The articles; each one's annotations are read from `ARTICLE.scholia.json`.
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// The format: scholia, brat, w3c, spacy, doccano, labelstudio, prodigy, conll, csv,
    /// report (Markdown and HTML), report-md or report-html.
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: String,
    /// Where to write: a folder (for brat, report and several articles), a file, or `-`
    /// for standard output. Default: next to each article.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
    /// Which annotations: accepted only, or all (pending, rejected and orphaned too,
    /// where the format can hold them).
    #[arg(long, value_name = "STATUS", value_parser = ["accepted", "all"], default_value = "accepted")]
    pub status: String,
    /// Offset unit of doccano and Label Studio: utf16 (default) or codepoints.
    #[arg(long, value_name = "UNIT", value_parser = ["utf16", "codepoints"])]
    pub unit: Option<String>,
    /// Largest article to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
}
