//! The `scholia` binary: parse the command line, run, map errors to exit codes.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use scholia::cli::{Cli, Command};
use scholia::commands::{export, extract, failure::Failure, import, open, stats, validate};

fn main() -> ExitCode {
    let command = Cli::parse().into_command();
    let locked = || (io::stdout().lock(), io::stderr().lock());
    let result: Result<i32, Failure> = match &command {
        Command::Open(args) => open::run(args),
        Command::Validate(args) => {
            let (mut out, mut err) = locked();
            validate::run(args, &mut out, &mut err)
        }
        Command::Stats(args) => {
            let (mut out, mut err) = locked();
            stats::run(args, &mut out, &mut err)
        }
        Command::Import(args) => {
            let (mut out, mut err) = locked();
            import::run(args, &mut out, &mut err)
        }
        Command::Extract(args) => {
            let (mut out, mut err) = locked();
            extract::run(args, &mut out, &mut err)
        }
        Command::Export(args) => {
            let (mut out, mut err) = locked();
            export::run(args, &mut out, &mut err)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(failure) => {
            let _ = writeln!(io::stderr(), "scholia: {}", failure.message);
            ExitCode::from(failure.code as u8)
        }
    }
}
