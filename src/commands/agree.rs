//! `scholia agree`: how far analysts agree, on one article or a corpus.
//!
//! `scholia agree A B [C…]`: each input is one analyst's version of one article, named
//! by the article (its sidecar `ARTICLE.scholia.json` beside it) or by the sidecar (the
//! article beside it, or given with `--article`). The text is read from the first
//! article found; every sidecar must record that article's SHA-256, and every article
//! found beside an input must be the same text — otherwise the command refuses. An
//! article without a sidecar counts as annotated with nothing.
//!
//! `scholia agree --by DIR1 DIR2 [DIR3…]`: one folder per analyst; articles (matching
//! `--glob`) are paired by their path inside the folders. An analyst whose folder lacks
//! an article gives missing values for it; an article only one analyst has is skipped
//! and named on stderr. Copies of an article that differ make the command refuse.
//!
//! Only accepted annotations count unless `--status all` (pending too; rejected and
//! orphaned never). The figures are those of [`crate::domain::agreement`], printed as a
//! table, or with `--json` as one JSON object (docs/agree.md). Exit 0, or a failure
//! with one sentence.

use std::collections::BTreeSet;
use std::io::{ErrorKind, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::exit;
use crate::cli::AgreeArgs;
use crate::domain::agreement::{agree, Analysis, ArticleWork, Report, Scales};
use crate::domain::config::{Config, ConfigSources};
use crate::domain::document::Document;
use crate::domain::grades::{CREDIBILITY, RELIABILITY};
use crate::domain::model::{Annotation, Span, Status};
use crate::domain::sidecar::{self, SUFFIX};
use crate::formats::export::conll_tokens;

use super::agree_table::as_table;
use super::batch;
use super::failure::Failure;

/// What `--json` prints: the inputs, then every figure.
#[derive(Debug, Serialize)]
pub struct AgreeOutput<'a> {
    /// The analysts, as named on the command line.
    pub analysts: Vec<String>,
    /// How many articles were compared.
    pub articles: usize,
    /// Which annotations counted: `accepted` or `all`.
    pub status: &'a str,
    /// Articles left out because fewer than two analysts had them.
    pub skipped: Vec<String>,
    /// The figures.
    #[serde(flatten)]
    pub report: &'a Report,
}

/// Compares the analysts `args` names and prints the figures.
pub fn run(args: &AgreeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    if args.inputs.len() < 2 {
        return Err(usage(
            "agreement needs at least two analysts' versions".into(),
        ));
    }
    let counts = |a: &Annotation| match args.status.as_str() {
        "all" => matches!(a.status, Status::Accepted | Status::Pending),
        _ => a.status == Status::Accepted,
    };
    let compared = if args.by {
        by_folder(args, &counts)?
    } else {
        one_article(args, &counts)?
    };
    let scales = scales(&compared.config_from)?;
    let report = agree(&compared.articles, args.inputs.len(), &scales);
    for name in &compared.skipped {
        let _ = writeln!(
            err,
            "scholia: {name}: skipped, only one analyst has this article"
        );
    }
    let output = AgreeOutput {
        analysts: args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        articles: compared.articles.len(),
        status: &args.status,
        skipped: compared.skipped,
        report: &report,
    };
    let shown = if args.json {
        let mut json = serde_json::to_string_pretty(&output).unwrap_or_default();
        json.push('\n');
        json
    } else {
        as_table(&output)
    };
    match out.write_all(shown.as_bytes()).and_then(|_| out.flush()) {
        // A reader that stopped early (`| head`) wanted no more.
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(Failure {
            code: exit::IO,
            message: format!("cannot write the figures: {e}"),
        }),
        _ => Ok(exit::OK),
    }
}

/// The articles to compare, and where their config is found.
struct Compared {
    articles: Vec<ArticleWork>,
    skipped: Vec<String>,
    config_from: PathBuf,
}

/// `A B [C…]`: versions of one article.
fn one_article(
    args: &AgreeArgs,
    counts: &dyn Fn(&Annotation) -> bool,
) -> Result<Compared, Failure> {
    let inputs: Vec<(PathBuf, PathBuf, bool)> = args.inputs.iter().map(|p| resolve(p)).collect();
    let text_path = match &args.article {
        Some(article) => article.clone(),
        None => inputs
            .iter()
            .map(|(article, _, _)| article)
            .find(|a| a.is_file())
            .cloned()
            .ok_or_else(|| {
                usage(format!(
                    "no article found beside {}; name it with --article",
                    args.inputs[0].display()
                ))
            })?,
    };
    let doc = Document::load(&text_path, args.max_size)?;
    let mut analyses = Vec::new();
    for (article, sidecar_path, named_sidecar) in &inputs {
        if article.is_file() && article != &text_path {
            same_text(&doc, &Document::load(article, args.max_size)?)?;
        }
        if *named_sidecar && !sidecar_path.exists() {
            return Err(Failure {
                code: exit::NOT_FOUND,
                message: format!("{}: no such sidecar", sidecar_path.display()),
            });
        }
        analyses.push(Some(analysis(&doc, sidecar_path, counts)?));
    }
    Ok(Compared {
        articles: vec![ArticleWork {
            tokens: tokens(&doc),
            analyses,
        }],
        skipped: Vec::new(),
        config_from: text_path,
    })
}

/// `--by DIR…`: one folder per analyst, articles paired by relative path.
fn by_folder(args: &AgreeArgs, counts: &dyn Fn(&Annotation) -> bool) -> Result<Compared, Failure> {
    let mut names = BTreeSet::new();
    for dir in &args.inputs {
        if !dir.is_dir() {
            return Err(usage(format!(
                "{}: not a folder (--by takes one folder per analyst)",
                dir.display()
            )));
        }
        for path in batch::expand(std::slice::from_ref(dir), &args.glob).map_err(usage)? {
            if let Ok(relative) = path.strip_prefix(dir) {
                names.insert(relative.to_path_buf());
            }
        }
    }
    let mut compared = Compared {
        articles: Vec::new(),
        skipped: Vec::new(),
        config_from: args.inputs[0].clone(),
    };
    for name in names {
        let copies: Vec<PathBuf> = args.inputs.iter().map(|d| d.join(&name)).collect();
        let present: Vec<&PathBuf> = copies.iter().filter(|p| p.is_file()).collect();
        if present.len() < 2 {
            compared.skipped.push(name.display().to_string());
            continue;
        }
        let doc = Document::load(present[0], args.max_size)?;
        let mut analyses = Vec::new();
        for copy in &copies {
            if !copy.is_file() {
                analyses.push(None);
                continue;
            }
            if copy != present[0] {
                same_text(&doc, &Document::load(copy, args.max_size)?)?;
            }
            analyses.push(Some(analysis(&doc, &sidecar::path_for(copy), counts)?));
        }
        if compared.articles.is_empty() {
            compared.config_from = present[0].clone();
        }
        compared.articles.push(ArticleWork {
            tokens: tokens(&doc),
            analyses,
        });
    }
    if compared.articles.is_empty() {
        return Err(usage(format!(
            "no article matching {} is in two of the folders",
            args.glob
        )));
    }
    Ok(compared)
}

/// An input as (article, sidecar, whether the sidecar was named).
fn resolve(input: &Path) -> (PathBuf, PathBuf, bool) {
    let text = input.to_string_lossy();
    match text.strip_suffix(SUFFIX) {
        Some(article) => (PathBuf::from(article), input.to_path_buf(), true),
        None => (input.to_path_buf(), sidecar::path_for(input), false),
    }
}

/// Refuses two different texts.
fn same_text(doc: &Document, other: &Document) -> Result<(), Failure> {
    if doc.sha256() == other.sha256() {
        return Ok(());
    }
    Err(differ(format!(
        "{} and {} are different texts (their SHA-256 differ); agreement compares annotations of one article",
        doc.path().display(),
        other.path().display()
    )))
}

fn differ(message: String) -> Failure {
    Failure {
        code: exit::PROBLEMS,
        message,
    }
}

/// One analyst's work: the sidecar at `path` placed on `doc` (nothing when there is no
/// sidecar), keeping the annotations that count.
fn analysis(
    doc: &Document,
    path: &Path,
    counts: &dyn Fn(&Annotation) -> bool,
) -> Result<Analysis, Failure> {
    let Some(file) = sidecar::read(path)? else {
        return Ok(Analysis::default());
    };
    if file.document.sha256 != doc.sha256() {
        return Err(differ(format!(
            "{} annotates another text than {} (the SHA-256 it records differs); agreement compares annotations of one article",
            path.display(),
            doc.path().display()
        )));
    }
    let store = sidecar::place_on(doc, file).store;
    Ok(Analysis {
        annotations: store
            .annotations()
            .into_iter()
            .filter(|a| counts(a) && !a.spans.is_empty())
            .map(|a| in_code_points(doc, a))
            .collect(),
        relations: store.relations().into_iter().cloned().collect(),
        entities: store.entities().into_iter().cloned().collect(),
    })
}

/// The article's tokens as the CoNLL export makes them, in code points.
fn tokens(doc: &Document) -> Vec<Range<usize>> {
    conll_tokens(doc.text())
        .into_iter()
        .map(|t| char_at(doc, t.start)..char_at(doc, t.end))
        .collect()
}

/// `a` with its spans in code points, the sidecar's unit, so overlaps are counted in
/// characters.
fn in_code_points(doc: &Document, a: &Annotation) -> Annotation {
    let mut a = a.clone();
    for span in &mut a.spans {
        *span = Span::new(char_at(doc, span.start), char_at(doc, span.end));
    }
    a
}

/// The code point at `byte`, a character boundary of the store's spans and tokens.
fn char_at(doc: &Document, byte: usize) -> usize {
    doc.byte_to_char(byte).unwrap_or_else(|| doc.char_len())
}

/// The grade scales of the config found for `article`.
fn scales(article: &Path) -> Result<Scales, Failure> {
    let schema = Config::load(&ConfigSources::discover(article))
        .map_err(|e| Failure {
            code: exit::CONFIG,
            message: e.to_string(),
        })?
        .schema;
    let values = |name: &str| {
        schema
            .attribute(name)
            .map(|a| a.values.iter().map(|v| v.value.clone()).collect())
            .unwrap_or_default()
    };
    Ok(Scales {
        credibility: values(CREDIBILITY),
        reliability: values(RELIABILITY),
    })
}

fn usage(message: String) -> Failure {
    Failure {
        code: exit::USAGE,
        message,
    }
}
