//! The command line: `scholia ARTICLE` opens the workbench; subcommands work in batch.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::document::DEFAULT_MAX_SIZE;

/// scholia: read articles and tag the entities, claims and sources in them.
///
/// `scholia ARTICLE` opens the workbench on ARTICLE (the same as `scholia open ARTICLE`).
#[derive(Debug, Parser)]
#[command(
    name = "scholia",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// What to do (none: open the workbench).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The workbench's options, when no command is given.
    #[command(flatten)]
    pub open: OpenArgs,
}

impl Cli {
    /// The command to run: the one given, else `open`.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Open(self.open))
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the workbench on an article (the default command).
    Open(OpenArgs),
    /// Check each article's sidecar: it parses, offsets are in range, quotes match the
    /// text, references point to existing ids, the article's hash matches.
    Validate(ArticlesArgs),
    /// Count annotations by kind, label and status.
    Stats(ArticlesArgs),
    /// Import annotations from another tool's file into the article's sidecar.
    Import(ImportArgs),
    /// Suggest entities, claims and sources by rule, as pending suggestions to review.
    Extract(ExtractArgs),
    /// Export each article's annotations for another tool or as a report.
    Export(ExportArgs),
}

/// Options of the workbench.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The article: a plain UTF-8 text file. Its annotations go to `ARTICLE.scholia.json`.
    /// A folder opens the list of its articles (folder mode).
    #[arg(required = true, value_name = "ARTICLE|DIR")]
    pub article: Option<PathBuf>,
    /// In folder mode, which files are articles (`*` any run, `?` one character,
    /// `{a,b}`), searched recursively.
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    pub glob: String,
    /// Never write the sidecar (and take no lock).
    #[arg(long)]
    pub read_only: bool,
    /// Largest article to open, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
    /// Save through a sidecar that is a symbolic link (refused otherwise).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Replay the unsaved changes an earlier session left in the recovery journal,
    /// without asking.
    #[arg(long, conflicts_with = "discard_journal")]
    pub replay_journal: bool,
    /// Delete the recovery journal an earlier session left, without asking.
    #[arg(long)]
    pub discard_journal: bool,
    /// Import this file (spaCy, brat, doccano, Label Studio, Prodigy, W3C, CLUENER,
    /// CoNLL) before opening:
    /// its suggestions are ready to review. `u` undoes the import.
    #[arg(long, value_name = "FILE")]
    pub import: Option<PathBuf>,
    /// The format of the `--import` file, when it cannot be detected.
    #[arg(long, value_name = "FORMAT", requires = "import")]
    pub import_format: Option<String>,
}

/// Options shared by commands that read articles.
#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// The articles (plain UTF-8 text files) or folders of them (searched recursively);
    /// each article's sidecar is `ARTICLE.scholia.json`.
    #[arg(required = true, value_name = "ARTICLE|DIR")]
    pub articles: Vec<PathBuf>,
    /// Which files of a folder are articles (`*` any run, `?` one character, `{a,b}`).
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    pub glob: String,
    /// How many articles to work on at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print one JSON object per article per line, for scripts.
    #[arg(long, alias = "json")]
    pub jsonl: bool,
    /// Largest article to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
}

/// Options of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// `ARTICLE FILE`: the article and the file to import (spaCy JSON, brat .ann,
    /// doccano JSONL, Label Studio JSON, Prodigy JSONL, W3C Web Annotation, CLUENER
    /// JSONL or CoNLL/IOB). With
    /// `--with`: articles and folders of articles.
    #[arg(required = true, value_name = "ARTICLE FILE | ARTICLE|DIR...")]
    pub paths: Vec<PathBuf>,
    /// Import for every article the file named by this template beside it: `{stem}` is
    /// the article's name without extension, `{name}` its whole name (`{stem}.ann`,
    /// `{name}.spacy.json`). Articles without such a file are skipped.
    #[arg(long = "with", value_name = "TEMPLATE")]
    pub with: Option<String>,
    /// Which files of a folder are articles.
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    pub glob: String,
    /// How many articles to work on at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print one JSON object per article per line, for scripts.
    #[arg(long)]
    pub jsonl: bool,
    /// The file's format; detected from its content when not given.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Import everything as pending suggestions (to review) or as accepted.
    #[arg(long = "as", value_name = "STATUS", value_parser = ["pending", "accepted"])]
    pub status: Option<String>,
    /// Offset unit of the file: utf16 (doccano and Label Studio default) or codepoints.
    #[arg(long, value_name = "UNIT", value_parser = ["utf16", "codepoints"])]
    pub unit: Option<String>,
    /// Where the file's spans end: exclusive (the default) or inclusive (on the last
    /// character, as CLUENER writes them and reads by default).
    #[arg(long, value_name = "END", value_parser = ["exclusive", "inclusive"])]
    pub end: Option<String>,
    /// The key holding the text (Label Studio `data.KEY`, found by itself when the
    /// task's results name it or `data` holds one text; doccano and Prodigy records).
    #[arg(long, value_name = "KEY", visible_alias = "data-key")]
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
    /// Save through a sidecar that is a symbolic link (refused otherwise).
    #[arg(long)]
    pub follow_symlinks: bool,
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The articles; each one's annotations are read from `ARTICLE.scholia.json`.
    #[arg(required = true, value_name = "ARTICLE|DIR")]
    pub articles: Vec<PathBuf>,
    /// Which files of a folder are articles.
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    pub glob: String,
    /// How many articles to work on at once (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
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
    /// Report each article as one JSON object per line on stdout, for scripts.
    #[arg(long)]
    pub jsonl: bool,
    /// Name every item the format cannot hold, one line each, instead of one line per
    /// kind of loss with a count and the first few ids.
    #[arg(long)]
    pub verbose: bool,
    /// Largest article to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
}

/// Options of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The articles.
    #[command(flatten)]
    pub input: ArticlesArgs,
    /// A rules file (TOML, see docs/extract.md) used instead of the config's `[extract]`.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Print what would be suggested without writing the sidecars.
    #[arg(long)]
    pub dry_run: bool,
    /// Save through a sidecar that is a symbolic link (refused otherwise).
    #[arg(long)]
    pub follow_symlinks: bool,
}
