//! `apiref`: the generator from the command line.
//!
//! ```text
//! apiref generate PATH... [-o FILE]   write the generated client (stdout by default)
//! apiref check PATH... FILE           exit 0 if FILE is what `generate` writes, else diff + exit 1
//!   (both also take --runtime-path PATH and --only NAME[,NAME...])
//! apiref inspect PATH...              the parsed docs as JSON, before any overlay
//! apiref lint PATH...                 what is wrong or doubtful in each doc; exit 1 on errors
//! apiref list PATH... [--json]        every operation: Rust path, method, path, microversions, title
//! apiref learn PATH... --replies DIR [--write]
//!                                     overlay entries from recorded replies; --write merges them
//! ```
//! Errors print like rustc (`file:line:column: error: ...`) on stderr and exit 1;
//! usage errors exit 2.

mod args;
mod commands;
mod learn;
mod list;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(command) => commands::run(command),
        Err(usage) => {
            eprintln!("{usage}\n\n{}", args::USAGE);
            ExitCode::from(2)
        }
    }
}
