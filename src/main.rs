//! The `scholia` binary: parse the command line, run, map errors to exit codes.

use std::io;
use std::process::ExitCode;

use clap::Parser;

use scholia::cli::{Cli, Command};
use scholia::commands::{export, failure::Failure, import, stats, validate};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    let result: Result<i32, Failure> = match &cli.command {
        Command::Validate(args) => validate::run(args, &mut out),
        Command::Stats(args) => stats::run(args, &mut out, &mut err),
        Command::Import(args) => import::run(args, &mut out),
        Command::Export(args) => export::run(args, &mut out, &mut err),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(failure) => {
            use std::io::Write;
            let _ = writeln!(err, "scholia: {}", failure.message);
            ExitCode::from(failure.code as u8)
        }
    }
}
