//! `apiref lint`: what is wrong or doubtful in a doc, before anyone generates from it.
//!
//! The generator copes with the corpus's mistakes (an overlay fixes what it cannot);
//! the linter says where they are, one finding per problem, so a doc's author or an
//! overlay's writer knows what to look at. Findings are [`Diagnostic`]s like every
//! other problem; their [`DiagnosticKind`] says what they are about. Docs are read
//! by the generator's own loader; the checks are functions over a parsed doc and its
//! source: [`lint_source`] for one doc in memory, [`lint_paths`] for files and
//! folders as the CLI names them.
//!
//! - `tables`: the tables alone (URI rows, empty types, duplicates, response codes);
//! - `examples`: the examples against the tables (keys, rows, Required markers,
//!   labels, empty blocks).

mod examples;
mod finding;
mod tables;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::diagnostic::{Ctxt, Diagnostic, DiagnosticKind, Diagnostics};
use crate::load::load;
use crate::model::{build_endpoint, build_operation};
use crate::overlay::Overlay;
use crate::parse::{ParsedDoc, read_source};

/// Everything the linter found in a set of docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// How many docs were read (whether or not they parsed).
    pub docs: usize,
    /// Sorted by file, then line and column.
    pub findings: Vec<Diagnostic>,
}

impl Report {
    /// How many findings stop generation.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    /// How many findings are doubtful but usable input.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// How many findings of one kind.
    pub fn count(&self, kind: DiagnosticKind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }

    /// `164 docs: 0 errors, 523 warnings (body param in URI table: 3, ...)`.
    pub fn summary(&self) -> String {
        let counts: Vec<String> = DiagnosticKind::ALL
            .iter()
            .map(|&k| (k, self.count(k)))
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{}: {n}", k.label()))
            .collect();
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut line = format!(
            "{}: {}, {}",
            plural(self.docs, "doc"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
        );
        if !counts.is_empty() {
            line.push_str(&format!(" ({})", counts.join(", ")));
        }
        line
    }
}

/// Lints the docs named by `inputs` (files or folders, relative to `base`).
///
/// Only a path that does not exist (or a folder without docs) is an `Err`; a doc
/// or overlay that cannot be read is a finding.
pub fn lint_paths(base: &Path, inputs: &[String]) -> Result<Report, Diagnostics> {
    let cx = Ctxt::new();
    let loaded = load(&cx, base, inputs, true);
    let mut findings = cx.into_diagnostics();
    if findings.iter().any(|d| d.kind == DiagnosticKind::Input) {
        findings.retain(|d| d.kind == DiagnosticKind::Input);
        return Err(Diagnostics(findings));
    }
    let cx = Ctxt::new();
    for doc in &loaded.docs {
        match &doc.reference {
            // What the model could not place or found contradicted; the
            // reader's own findings came from the loader.
            Some(op) => {
                build_operation(&cx, op);
            }
            None => lint_doc(&cx, &doc.doc, doc.overlay.as_ref(), &doc.source),
        }
    }
    findings.extend(cx.into_diagnostics());
    sort(&mut findings);
    Ok(Report {
        docs: loaded.files,
        findings,
    })
}

/// Lints one doc given as bytes (`file` is the name to print): the reader's
/// errors and warnings, then the checks if it could be read.
pub fn lint_source(file: &str, bytes: &[u8], overlay: Option<&Overlay>) -> Vec<Diagnostic> {
    let cx = Ctxt::new();
    if let Some(doc) = read_source(&cx, file, bytes) {
        lint_doc(&cx, &doc, overlay, &String::from_utf8_lossy(bytes));
    }
    let mut findings = cx.into_diagnostics();
    sort(&mut findings);
    findings
}

/// The checks over one parsed doc, reported into `cx`. `source` is its text, used
/// to find the line and column of an example's keys.
fn lint_doc(cx: &Ctxt, doc: &ParsedDoc, overlay: Option<&Overlay>, source: &str) {
    let out = cx.file(
        &doc.file,
        DiagnosticKind::ModelError,
        DiagnosticKind::ModelError,
    );
    tables::check(out, doc);

    // The model says which objects are dictionaries; it also has its own warnings.
    // A broken overlay is reported, then the doc is checked without it.
    let model = Ctxt::new();
    let mut endpoint = build_endpoint(&model, doc, overlay);
    let mut found = model.into_diagnostics();
    let overlay_failed = |d: &Diagnostic| d.is_error() && d.kind == DiagnosticKind::OverlayError;
    if endpoint.is_none() && found.iter().any(overlay_failed) {
        cx.extend(found.into_iter().filter(overlay_failed));
        let model = Ctxt::new();
        endpoint = build_endpoint(&model, doc, None);
        found = model.into_diagnostics();
    }
    // A bad response code is already reported, by `tables`.
    cx.extend(
        found
            .into_iter()
            .filter(|d| d.kind != DiagnosticKind::BadResponseCode),
    );
    examples::check(out, doc, endpoint.as_ref(), source);
}

fn sort(findings: &mut [Diagnostic]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.kind, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.kind, &b.message))
    });
}
