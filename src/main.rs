//! The `scholia` binary: parse the command line, run, map errors to exit codes.
//!
//! Every command writes through [`SafeOutput`]: human-readable lines on stdout and all
//! of stderr (a command-line error too) are shown with the workbench's visible marks,
//! JSON Lines have their unsafe characters escaped. Only an export's own data on
//! standard output (`-o -`) into a pipe or a file passes byte for byte.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use scholia::cli::{Cli, Command, ExportArgs};
use scholia::commands::safe_output::{SafeOutput, Shape};
use scholia::commands::{
    adjudicate, agree, export, extract, failure::Failure, git_setup, import, merge_driver, open,
    registry, stats, stats_sum, validate,
};

fn main() -> ExitCode {
    let mut err = SafeOutput::text(io::stderr());
    let command = match Cli::from_args(std::env::args_os().collect()) {
        Ok(cli) => cli.into_command(),
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // The sentence quotes what was typed (or what a shell glob expanded to).
            let _ = write!(err, "{}", e.render());
            let _ = err.flush();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let result: Result<i32, Failure> = match &command {
        Command::Open(args) => open::run(args),
        Command::Adjudicate(args) => adjudicate::run(args),
        Command::Validate(args) => validate::run(args, &mut safe_stdout(args.jsonl), &mut err),
        Command::Stats(args) if args.sum => {
            stats_sum::run(&mut io::stdin().lock(), &mut safe_stdout(true))
        }
        Command::Stats(args) => {
            stats::run(&args.input, &mut safe_stdout(args.input.jsonl), &mut err)
        }
        Command::Import(args) => import::run(args, &mut safe_stdout(args.jsonl), &mut err),
        Command::Extract(args) => extract::run(args, &mut safe_stdout(args.input.jsonl), &mut err),
        Command::Export(args) if exports_to_a_pipe(args) => {
            export::run(args, &mut io::stdout().lock(), &mut err)
        }
        Command::Export(args) => export::run(args, &mut safe_stdout(args.jsonl), &mut err),
        Command::MergeDriver(args) => merge_driver::run(args, &mut err),
        Command::GitSetup(args) => git_setup::run(args, &mut safe_stdout(false)),
        Command::Agree(args) => agree::run(args, &mut safe_stdout(args.json), &mut err),
        Command::Registry(args) => registry::run(args),
    };
    let code = match result {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(err, "scholia: {}", failure.message);
            failure.code
        }
    };
    let _ = err.flush();
    ExitCode::from(code as u8)
}

/// Standard output for a command's report: JSON Lines with `--jsonl`, else text.
fn safe_stdout(jsonl: bool) -> SafeOutput<io::StdoutLock<'static>> {
    let shape = if jsonl { Shape::Json } else { Shape::Text };
    SafeOutput::new(io::stdout().lock(), shape)
}

/// Whether the export itself goes to standard output and that is not a terminal: the
/// data then passes as it is (a terminal still gets it with visible marks).
fn exports_to_a_pipe(args: &ExportArgs) -> bool {
    args.output.as_deref().is_some_and(|o| o.as_os_str() == "-") && !io::stdout().is_terminal()
}
