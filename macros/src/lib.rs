//! `apiref::generate!("spec/compute")`: a thin door onto `apiref-generator`.
//!
//! Paths are relative to the invoking crate's `CARGO_MANIFEST_DIR` (or, when they
//! start with `$SOURCE_DIR/`, to the folder of the invoking source file) and may name
//! doc files or folders of docs. The expansion holds the generated items plus an
//! `include_bytes!` of every spec and overlay file read, so that editing one makes
//! cargo rebuild the crate (adding a new file to a folder needs a touch of the
//! invoking file: stable proc macros cannot watch folders).

#![deny(missing_docs)]

use std::time::{Duration, Instant};

use apiref_generator::{Diagnostics, Generator};
use proc_macro::TokenStream;
use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{LitStr, Token, parse_macro_input};

/// Generates typed request/response types and one async function per doc.
///
/// ```ignore
/// mod compute {
///     apiref::generate!("spec/compute");
/// }
/// ```
///
/// Each argument is a doc (`.rst`) or a folder of docs. A path may start with one of
/// two variables, which say where it starts:
///
/// - `$CARGO_MANIFEST_DIR/` (the default when a path starts with no variable): the
///   invoking crate's manifest folder, as cargo sets it while compiling that crate.
/// - `$SOURCE_DIR/`: the folder of the source file that holds the macro call, the way
///   `include_str!` resolves its path. Use it where the crate's manifest folder is
///   not where the source lives, e.g. in trybuild cases, whose crate trybuild builds
///   inside the target folder: `apiref::generate!("$SOURCE_DIR/../../spec/compute")`
///   works wherever `CARGO_TARGET_DIR` points.
///
/// Any other leading `$` is an error. Diagnostics show the path as written, variable
/// included, with the doc's line and column.
///
/// With `APIREF_TIMING` set in the environment of the build (`APIREF_TIMING=1
/// cargo check`), each expansion prints how long it took on standard error.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let paths = parse_macro_input!(input with Punctuated::<LitStr, Token![,]>::parse_terminated);
    if paths.is_empty() {
        return syn::Error::new(
            Span::call_site(),
            "expected a spec path, e.g. apiref::generate!(\"spec/compute\")",
        )
        .to_compile_error()
        .into();
    }
    let base = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let resolved = match paths.iter().map(resolve).collect::<Result<Vec<_>, _>>() {
        Ok(resolved) => resolved,
        Err(error) => return error.to_compile_error().into(),
    };
    let generator = resolved
        .iter()
        .fold(Generator::new(&base), |g, p| g.input(p.path.clone()));
    let started = Instant::now();
    match generator.generate() {
        Ok(output) => {
            let generated = started.elapsed();
            // The generator writes source text, and the compiler lexes it in one
            // call: built as tokens through the compiler's API, every token of a
            // 250-operation reference would be a round trip over the proc-macro
            // bridge. The generated items carry no spans of the input. Each file
            // read is an `include_bytes!`, so that editing it rebuilds the crate.
            let mut code = output.code;
            for file in output.files.iter().filter_map(|f| f.to_str()) {
                code.push_str(&format!(
                    "const _: &[u8] = include_bytes!({});\n",
                    proc_macro2::Literal::string(file)
                ));
            }
            let items = match code.parse::<TokenStream>() {
                Ok(items) => items,
                Err(e) => syn::Error::new(
                    Span::call_site(),
                    format!(
                        "apiref generated code rustc cannot read (a bug; please report it): {e}"
                    ),
                )
                .to_compile_error()
                .into(),
            };
            if std::env::var_os(TIMING).is_some() {
                report_timing(&paths, generated, started.elapsed(), code.len());
            }
            items
        }
        Err(diagnostics) => errors(&resolved, &diagnostics).into(),
    }
}

/// Set (to anything) while compiling, it makes each expansion print how long it
/// took on standard error: to find what makes a build slow, and for
/// `scripts/bench-generator`, which reads these lines.
const TIMING: &str = "APIREF_TIMING";

/// One line per expansion, in the shape `apiref::generate!("PATH"): expanded in
/// T s (generator G s, rustc lexing L s), N KB of code`.
fn report_timing(
    paths: &Punctuated<LitStr, Token![,]>,
    generated: Duration,
    total: Duration,
    bytes: usize,
) {
    let args: Vec<String> = paths.iter().map(|p| format!("{:?}", p.value())).collect();
    eprintln!(
        "apiref::generate!({}): expanded in {:.3} s (generator {:.3} s, rustc lexing {:.3} s), {} KB of code",
        args.join(", "),
        total.as_secs_f64(),
        generated.as_secs_f64(),
        (total - generated).as_secs_f64(),
        bytes / 1000
    );
}

/// The variable that names the folder of the file holding the macro call.
const SOURCE_DIR: &str = "$SOURCE_DIR";
/// The variable that names the invoking crate's manifest folder (the default base).
const MANIFEST_DIR: &str = "$CARGO_MANIFEST_DIR";

/// One path argument: as the user wrote it, and as the generator reads it (relative
/// to the manifest folder, or absolute for `$SOURCE_DIR`).
struct SpecPath {
    literal: LitStr,
    path: String,
    /// For `$SOURCE_DIR` paths, the folder the variable stands for, so diagnostics can
    /// show the variable instead of a build-machine-specific absolute path.
    source_dir: Option<String>,
}

/// Expands a leading `$SOURCE_DIR` or `$CARGO_MANIFEST_DIR`; refuses any other `$`.
fn resolve(literal: &LitStr) -> syn::Result<SpecPath> {
    let written = literal.value();
    let plain = |path: &str| SpecPath {
        literal: literal.clone(),
        path: path.to_owned(),
        source_dir: None,
    };
    if !written.starts_with('$') {
        return Ok(plain(&written));
    }
    let (variable, rest) = match written.split_once('/') {
        Some((variable, rest)) => (variable, rest),
        None => (written.as_str(), ""),
    };
    let rest = if rest.is_empty() { "." } else { rest };
    match variable {
        MANIFEST_DIR => Ok(plain(rest)),
        SOURCE_DIR => {
            let file = proc_macro::Span::call_site().local_file().ok_or_else(|| {
                syn::Error::new(
                    literal.span(),
                    "$SOURCE_DIR: this macro call is not in a source file on disk",
                )
            })?;
            let dir = file.parent().unwrap_or_else(|| std::path::Path::new(""));
            // rustc names the file relative to its working folder; make it absolute
            // so the `include_bytes!` of the expansion finds the same files.
            let dir = std::env::current_dir()
                .map(|cwd| cwd.join(dir))
                .unwrap_or_else(|_| dir.to_path_buf());
            let dir = dir.to_string_lossy().into_owned();
            Ok(SpecPath {
                literal: literal.clone(),
                path: format!("{dir}/{rest}"),
                source_dir: Some(dir),
            })
        }
        other => Err(syn::Error::new(
            literal.span(),
            format!(
                "unknown path variable `{other}`: a spec path may start with \
                 `{SOURCE_DIR}/` (the folder of this source file) or \
                 `{MANIFEST_DIR}/` (the crate's manifest folder, also the default)"
            ),
        )),
    }
}

/// One `compile_error!` per diagnostic, on the path literal it belongs to. The
/// message carries `file:line:column` of the spec, since a span cannot point into it.
fn errors(paths: &[SpecPath], diagnostics: &Diagnostics) -> proc_macro2::TokenStream {
    diagnostics
        .0
        .iter()
        .map(|d| {
            let owner = paths
                .iter()
                .find(|p| {
                    d.file
                        .as_deref()
                        .is_some_and(|f| f.starts_with(p.path.trim_end_matches('/')))
                })
                .or_else(|| paths.first());
            let span = owner.map_or_else(Span::call_site, |p| p.literal.span());
            // Show `$SOURCE_DIR/...` rather than the absolute folder it stands for.
            let shown = d.file.as_deref().map(|file| {
                match owner
                    .and_then(|p| p.source_dir.as_deref())
                    .and_then(|dir| file.strip_prefix(dir))
                {
                    Some(rest) => format!("{SOURCE_DIR}{rest}"),
                    None => file.to_string(),
                }
            });
            let message = match shown {
                Some(file) if d.line == 0 => format!("{file}: {}", d.message),
                Some(file) => format!("{file}:{}:{}: {}", d.line, d.column, d.message),
                None => d.message.clone(),
            };
            syn::Error::new(span, message).to_compile_error()
        })
        .collect()
}
