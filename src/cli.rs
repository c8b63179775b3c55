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
