//! The command line: `scholia ARTICLE` opens the workbench; subcommands work in batch.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::batch::glob_matcher;
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

/// The subcommands' names as typed, and `help`: an article of that name is read by clap,
/// which takes it for the subcommand.
const SUBCOMMAND_NAMES: [&str; 12] = [
    "open",
    "validate",
    "stats",
    "import",
    "extract",
    "export",
    "merge-driver",
    "git-setup",
    "adjudicate",
    "agree",
    "registry",
    "help",
];

/// Which files of a folder are articles unless `--glob` says otherwise.
const DEFAULT_GLOB: &str = "*.txt";

impl Cli {
    /// The command line `args` (the program's name first). `scholia ARTICLE`, the most
    /// common, is read without clap: building clap's parser of every subcommand and
    /// option takes a third of a millisecond before the first screen (DESIGN §8). Any
    /// other command line, and an article named like a subcommand or starting with `-`,
    /// is clap's to read.
    pub fn from_args(args: Vec<OsString>) -> Result<Cli, clap::Error> {
        match <[OsString; 2]>::try_from(args) {
            Ok([_, article]) if Cli::is_article_alone(&article) => Ok(Cli {
                command: None,
                open: OpenArgs::for_article(PathBuf::from(article)),
            }),
            Ok(args) => Cli::try_parse_from(args),
            Err(args) => Cli::try_parse_from(args),
        }
    }

    /// Whether clap would read `arg`, given alone, as the article to open.
    fn is_article_alone(arg: &OsString) -> bool {
        let bytes = arg.as_encoded_bytes();
        !bytes.is_empty()
            && !bytes.starts_with(b"-")
            && !SUBCOMMAND_NAMES.iter().any(|name| name.as_bytes() == bytes)
    }

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
    Stats(StatsArgs),
    /// Import annotations from another tool's file into the article's sidecar.
    Import(ImportArgs),
    /// Suggest entities, claims and sources by rule, as pending suggestions to review.
    Extract(ExtractArgs),
    /// Export each article's annotations for another tool or as a report.
    Export(ExportArgs),
    /// Git's merge driver for sidecars and the corpus registry (`%O %A %B %P`): merges two
    /// branches' versions by annotation, entity and relation (a registry by entry) into
    /// OURS; exit 1 when conflicts were recorded.
    MergeDriver(MergeDriverArgs),
    /// Make git merge sidecars and the registry with `scholia merge-driver` in the
    /// repository holding DIR.
    GitSetup(GitSetupArgs),
    /// Settle the disagreements between analysts' sidecars of one article (or the
    /// conflicts a merge left in its own sidecar) in the workbench.
    Adjudicate(AdjudicateArgs),
    /// How far analysts agree: span F1, Cohen's and Fleiss' kappa, Krippendorff's alpha,
    /// and agreement on claim → source links, stance and grades.
    Agree(AgreeArgs),
    /// The corpus's source registry (`scholia-registry.json`): create, list, show,
    /// merge and export its entries.
    Registry(RegistryArgs),
}

impl OpenArgs {
    /// The workbench's options for `article` and nothing else: the defaults clap gives.
    fn for_article(article: PathBuf) -> OpenArgs {
        OpenArgs {
            article: Some(article),
            glob: DEFAULT_GLOB.to_string(),
            read_only: false,
            max_size: DEFAULT_MAX_SIZE,
            follow_symlinks: false,
            replay_journal: false,
            discard_journal: false,
            import: None,
            import_format: None,
        }
    }
}

/// Options of `adjudicate`.
#[derive(Debug, Args)]
pub struct AdjudicateArgs {
    /// The article.
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// The analysts' sidecars of the article (A, B, C… in this order); none: the
    /// conflicts a merge left in the article's own sidecar.
    #[arg(value_name = "SIDECAR")]
    pub sidecars: Vec<PathBuf>,
    /// Where the result goes (default: the article's own sidecar).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// List the agreements too, each kept only once confirmed by a key (instead of
    /// accepted at once).
    #[arg(long)]
    pub confirm_agreements: bool,
    /// Largest article to open, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
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
    #[arg(long, value_name = "GLOB", default_value = DEFAULT_GLOB)]
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
    #[arg(required_unless_present = "files_from", value_name = "ARTICLE|DIR")]
    pub articles: Vec<PathBuf>,
    /// Which files of a folder are articles (`*` any run, `?` one character, `[abc]`
    /// one of these, `{a,b}` either).
    #[arg(long, value_name = "GLOB", default_value = DEFAULT_GLOB, value_parser = glob_arg)]
    pub glob: String,
    /// Also take a folder's files that its `.ignore` files (and `.gitignore` files, in
    /// a git repository) exclude.
    #[arg(long)]
    pub no_ignore: bool,
    /// Also take the articles and folders listed in FILE, one per line (`-`: standard
    /// input), as a scheduler hands out a share of a corpus.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
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

/// Options of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The articles.
    #[command(flatten)]
    pub input: ArticlesArgs,
    /// Add up the lines of `scholia stats --jsonl` read from standard input (from any
    /// number of runs over shares of a corpus, in any order) and print the total as
    /// one JSON line.
    #[arg(long, exclusive = true)]
    pub sum: bool,
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
    #[arg(long, value_name = "GLOB", default_value = DEFAULT_GLOB, value_parser = glob_arg)]
    pub glob: String,
    /// With `--with`: also take a folder's files that its `.ignore` files (and
    /// `.gitignore` files, in a git repository) exclude.
    #[arg(long, requires = "with")]
    pub no_ignore: bool,
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
    #[arg(required_unless_present = "files_from", value_name = "ARTICLE|DIR")]
    pub articles: Vec<PathBuf>,
    /// Which files of a folder are articles.
    #[arg(long, value_name = "GLOB", default_value = DEFAULT_GLOB, value_parser = glob_arg)]
    pub glob: String,
    /// Also take a folder's files that its `.ignore` files (and `.gitignore` files, in
    /// a git repository) exclude.
    #[arg(long)]
    pub no_ignore: bool,
    /// Also take the articles and folders listed in FILE, one per line (`-`: standard
    /// input), as a scheduler hands out a share of a corpus.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
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

/// Options of `registry`.
#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// What to do with the registry.
    #[command(subcommand)]
    pub action: RegistryAction,
}

/// The registry's subcommands.
#[derive(Debug, Subcommand)]
pub enum RegistryAction {
    /// Create an empty `scholia-registry.json` in DIR (default: the current folder).
    Init {
        /// The corpus root.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
    /// List the entries: id, kind, label, grade, name.
    List {
        /// The corpus (or an article of it): its registry is the nearest above.
        #[arg(long, short = 'C', value_name = "DIR", default_value = ".")]
        corpus: PathBuf,
        /// Print one JSON object per entry per line, for scripts.
        #[arg(long)]
        jsonl: bool,
    },
    /// Show one entry whole, as JSON.
    Show {
        /// The entry's id (`r12`); a merged entry shows the entry it was merged into.
        id: String,
        /// The corpus (or an article of it).
        #[arg(long, short = 'C', value_name = "DIR", default_value = ".")]
        corpus: PathBuf,
    },
    /// Add an entry: a canonical source or entity with its other names and ids.
    Add {
        /// The canonical name.
        name: String,
        /// source (graded for reliability) or entity.
        #[arg(long, value_name = "KIND", value_parser = ["source", "entity"], default_value = "source")]
        kind: String,
        /// The label: a source kind (`publication`, `person`…) or an entity type (`ORG`…).
        #[arg(long, value_name = "LABEL")]
        label: String,
        /// Another name the entry goes by (repeat for more).
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// An external id, `scheme:id` such as `wikidata:Q42` (repeat for more).
        #[arg(long = "external", value_name = "SCHEME:ID")]
        external: Vec<String>,
        /// The corpus (or an article of it).
        #[arg(long, short = 'C', value_name = "DIR", default_value = ".")]
        corpus: PathBuf,
    },
    /// Merge entry ID2 into ID1: names and external ids joined, ID2 left as a redirect.
    Merge {
        /// The entry that stays.
        id1: String,
        /// The entry merged into it.
        id2: String,
        /// Whose grade stays when both are graded differently (ID1 or ID2).
        #[arg(long, value_name = "ID")]
        keep: Option<String>,
        /// The corpus (or an article of it).
        #[arg(long, short = 'C', value_name = "DIR", default_value = ".")]
        corpus: PathBuf,
    },
    /// Write the entries as CSV or JSON to standard output or a file.
    Export {
        /// csv or json.
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = ["csv", "json"])]
        format: String,
        /// The file to write (default: standard output).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// The corpus (or an article of it).
        #[arg(long, short = 'C', value_name = "DIR", default_value = ".")]
        corpus: PathBuf,
    },
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
    /// Suggest the names and aliases of every entry of the corpus's registry instead of
    /// running the rules (the registry is only read).
    #[arg(long, conflicts_with = "rules")]
    pub from_registry: bool,
    /// Save through a sidecar that is a symbolic link (refused otherwise).
    #[arg(long)]
    pub follow_symlinks: bool,
}

/// Options of `merge-driver` (git passes `%O %A %B %P`).
#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (empty when both branches added the file).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version; the merge is written here.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version.
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// The file's path in the repository, for messages; a path ending in
    /// `scholia-registry.json` is merged as the corpus registry.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Options of `git-setup`.
#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// A folder inside the repository (default: the current folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Options of `agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Two or more analysts' versions of one article, each named by the article (its
    /// sidecar beside it) or by its sidecar (`ARTICLE.scholia.json`); with `--by`, one
    /// folder per analyst.
    #[arg(required = true, num_args = 2.., value_name = "ARTICLE|SIDECAR|DIR")]
    pub inputs: Vec<PathBuf>,
    /// The inputs are folders, one per analyst; articles are paired by their path
    /// inside the folders.
    #[arg(long)]
    pub by: bool,
    /// The article's text, when none lies beside the sidecars.
    #[arg(long, value_name = "FILE", conflicts_with = "by")]
    pub article: Option<PathBuf>,
    /// Which files of the folders are articles (with `--by`).
    #[arg(long, value_name = "GLOB", default_value = DEFAULT_GLOB)]
    pub glob: String,
    /// Which annotations count: accepted, or all (pending too; rejected and orphaned
    /// never).
    #[arg(long, value_name = "STATUS", value_parser = ["accepted", "all"], default_value = "accepted")]
    pub status: String,
    /// Print the figures as one JSON object, for scripts (docs/agree.md).
    #[arg(long)]
    pub json: bool,
    /// Largest article to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_SIZE)]
    pub max_size: u64,
}

/// A `--glob` as typed, once it is known to be one.
fn glob_arg(glob: &str) -> Result<String, String> {
    glob_matcher(glob).map(|_| glob.to_string())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// What clap makes of `args`, and what [`Cli::from_args`] does.
    fn both(args: &[&str]) -> (String, String) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let by_clap = format!(
            "{:?}",
            Cli::try_parse_from(args.clone()).map_err(|e| e.kind())
        );
        let ours = format!("{:?}", Cli::from_args(args).map_err(|e| e.kind()));
        (by_clap, ours)
    }

    #[test]
    fn an_article_alone_is_read_as_clap_reads_it() {
        for article in [
            "report.txt",
            "examples/дело №5.txt",
            "مقال.txt",
            "a folder/",
            "Open",
            "stats.txt",
            "./stats",
            "=",
        ] {
            let (by_clap, ours) = both(&["scholia", article]);
            assert_eq!(ours, by_clap, "{article}");
            assert!(ours.contains("Ok(Cli { command: None"), "{ours}");
        }
    }

    #[test]
    fn every_other_command_line_is_clap_s() {
        for args in [
            &["scholia"][..],
            &["scholia", "stats"],
            &["scholia", "help"],
            &["scholia", "--version"],
            &["scholia", "-h"],
            &["scholia", "-"],
            &["scholia", ""],
            &["scholia", "--read-only", "a.txt"],
            &["scholia", "stats", "a.txt"],
            &["scholia", "a.txt", "b.txt"],
        ] {
            let (by_clap, ours) = both(args);
            assert_eq!(ours, by_clap, "{args:?}");
        }
    }

    #[test]
    fn the_names_read_by_clap_are_the_subcommands_names() {
        let mut names: Vec<String> = Cli::command()
            .get_subcommands()
            .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
            .map(str::to_string)
            .chain(["help".to_string()])
            .collect();
        names.sort();
        let mut ours: Vec<String> = SUBCOMMAND_NAMES.iter().map(|n| n.to_string()).collect();
        ours.sort();
        assert_eq!(ours, names);
    }

    #[test]
    fn a_path_that_is_not_utf8_is_an_article_too() {
        use std::os::unix::ffi::OsStringExt;
        let article = OsString::from_vec(b"r\xe9sum\xe9.txt".to_vec());
        let args = vec![OsString::from("scholia"), article.clone()];
        let cli = Cli::from_args(args).expect("read");
        assert_eq!(cli.open.article, Some(PathBuf::from(article)));
    }
}
