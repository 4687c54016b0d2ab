//! `apiref learn`: overlay entries from recorded replies, printed as a TOML patch
//! or merged into the overlay named among the paths.

use std::path::Path;
use std::process::ExitCode;

use apiref_generator::learn::{merge, read_replies, render};
use apiref_generator::{Diagnostic, DiagnosticKind, Diagnostics, Generator};

use crate::commands::{io_error, write_stdout};

pub fn learn(
    generator: Generator,
    paths: &[String],
    replies: &str,
    write: bool,
) -> Result<ExitCode, Diagnostics> {
    let read = read_replies(Path::new(replies)).map_err(|message| {
        Diagnostics::single(Diagnostic::file_error(
            DiagnosticKind::Input,
            replies,
            message,
        ))
    })?;
    let learnt = generator.learn(&read.replies)?;
    eprintln!(
        "apiref learn: {} entries from {} replies of {} operations{}",
        learnt.entries.len(),
        learnt.compared,
        learnt.operations,
        match read.skipped {
            0 => String::new(),
            n => format!(" ({n} lines were not a recorded reply)"),
        }
    );
    for (name, count) in &learnt.unknown_operations {
        eprintln!(
            "apiref learn: {count} replies of `{name}`, an operation the reference does not have"
        );
    }
    // The last `.toml` path is the overlay `--write` edits (args checked it is there).
    let overlay = paths.iter().rev().find(|p| p.ends_with(".toml"));
    match overlay.filter(|_| write) {
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| io_error(file, &e))?;
            let merged = merge(&text, &learnt.entries).map_err(|message| {
                Diagnostics::single(Diagnostic::file_error(DiagnosticKind::Input, file, message))
            })?;
            std::fs::write(file, merged).map_err(|e| io_error(file, &e))?;
            eprintln!(
                "apiref learn: wrote {} entries to {file}",
                learnt.entries.len()
            );
        }
        None => write_stdout(&render(&learnt.entries)),
    }
    Ok(ExitCode::SUCCESS)
}
