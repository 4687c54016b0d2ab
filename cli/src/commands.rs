//! What each command does. All of them go through `apiref_generator::Generator`,
//! the same code path as the macro.

use std::process::ExitCode;

use apiref_generator::{Diagnostic, DiagnosticKind, Diagnostics, Generator};

use crate::args::{CodeOptions, Command, USAGE};

pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Generate {
            paths,
            output,
            options,
        } => generate(code_generator(&paths, &options), output.as_deref()),
        Command::Check {
            paths,
            file,
            options,
        } => check(&code_generator(&paths, &options), &file),
        Command::Inspect { paths } => inspect(&paths),
        Command::Lint { paths } => lint(&paths),
        Command::List { paths, json } => list(&paths, json),
        Command::Learn {
            paths,
            replies,
            write,
        } => crate::learn::learn(generator(&paths), &paths, &replies, write),
        Command::Help => {
            write_stdout(&format!("{USAGE}\n"));
            Ok(ExitCode::SUCCESS)
        }
    };
    result.unwrap_or_else(|diagnostics| {
        eprintln!("{diagnostics}");
        ExitCode::FAILURE
    })
}

pub(crate) fn generator(paths: &[String]) -> Generator {
    paths
        .iter()
        .fold(Generator::new("."), |g, p| g.input(p.as_str()))
}

/// The generator of `generate` and `check`: the paths and the code options.
fn code_generator(paths: &[String], options: &CodeOptions) -> Generator {
    let mut generator = generator(paths);
    if let Some(path) = &options.runtime_path {
        generator = generator.runtime_path(path.as_str());
    }
    options
        .only
        .iter()
        .fold(generator, |g, name| g.only(name.as_str()))
}

fn generate(generator: Generator, output: Option<&str>) -> Result<ExitCode, Diagnostics> {
    let out = generator.generate()?;
    for warning in &out.warnings {
        eprintln!("{warning}");
    }
    let source = apiref_generator::format_source(&out.code)?;
    match output {
        Some(file) => std::fs::write(file, source).map_err(|e| io_error(file, &e))?,
        None => write_stdout(&source),
    }
    Ok(ExitCode::SUCCESS)
}

fn check(generator: &Generator, file: &str) -> Result<ExitCode, Diagnostics> {
    let expected = generator.generate_source()?;
    let actual = std::fs::read_to_string(file).map_err(|e| io_error(file, &e))?;
    if actual == expected {
        return Ok(ExitCode::SUCCESS);
    }
    let diff = similar::TextDiff::from_lines(&actual, &expected);
    eprint!(
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(file, "generated")
    );
    eprintln!("{file} is not what `apiref generate` writes; regenerate it");
    Ok(ExitCode::FAILURE)
}

fn inspect(paths: &[String]) -> Result<ExitCode, Diagnostics> {
    // The docs as written: no overlay. The readers' warnings go to stderr.
    let (json, warnings) = generator(paths).inspect()?;
    for warning in warnings {
        eprintln!("{warning}");
    }
    let text = serde_json::to_string_pretty(&json).unwrap_or_else(|e| format!("\"{e}\""));
    write_stdout(&format!("{text}\n"));
    Ok(ExitCode::SUCCESS)
}

/// One line per finding on stdout, sorted by file and line, then the summary.
/// Exit 1 only when a finding would stop generation.
fn lint(paths: &[String]) -> Result<ExitCode, Diagnostics> {
    let report = apiref_generator::lint_paths(std::path::Path::new("."), paths)?;
    for finding in &report.findings {
        write_stdout(&format!("{finding}\n"));
    }
    write_stdout(&format!("{}\n", report.summary()));
    Ok(if report.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Every operation with its name; exit 1 when a name is not unique (the
/// conflict on stderr, like an error of `generate`). The readers' warnings are
/// about types, not names: `lint` and `generate` print them.
fn list(paths: &[String], json: bool) -> Result<ExitCode, Diagnostics> {
    let (endpoints, naming) = generator(paths).operations()?;
    if json {
        let value = crate::list::json(&endpoints, &naming);
        let text = serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("\"{e}\""));
        write_stdout(&format!("{text}\n"));
    } else {
        write_stdout(&crate::list::text(&endpoints, &naming));
    }
    for problem in &naming.problems {
        eprintln!("{}", crate::list::problem(&endpoints, problem));
    }
    let conflicts = naming
        .problems
        .iter()
        .any(|p| matches!(p, apiref_generator::NamingProblem::Conflict { .. }));
    Ok(if conflicts {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) fn io_error(file: &str, e: &std::io::Error) -> Diagnostics {
    Diagnostics::single(Diagnostic::file_error(
        DiagnosticKind::Input,
        file,
        e.to_string(),
    ))
}

/// Writes to stdout. A reader that went away (`apiref lint ... | head`) is not an
/// error worth a panic: the rest of the output is dropped.
pub(crate) fn write_stdout(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}
