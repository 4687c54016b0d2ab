//! `apiref lint`: what is wrong or doubtful in a doc, before anyone generates from it.
//!
//! The generator copes with the corpus's mistakes (an overlay fixes what it cannot);
//! the linter says where they are, one finding per problem, so a doc's author or an
//! overlay's writer knows what to look at. The checks are pure functions over a
//! parsed doc and its source: [`lint_source`] for one doc in memory, [`lint_paths`]
//! for files and folders as the CLI names them.
//!
//! - `tables`: the tables alone (URI rows, empty types, duplicates, response codes);
//! - `examples`: the examples against the tables (keys, rows, Required markers,
//!   labels, empty blocks).

mod examples;
mod reference;
mod tables;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::model::{ModelWarningKind, build_endpoint};
use crate::overlay::LoadedOverlay;
use crate::parse::{ParsedDoc, parse_doc_with_warnings};
use crate::spec_files::find_spec_files;

/// What a finding is about. The order is the order of the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The doc cannot be read (the reader's errors).
    ParseError,
    /// The overlay beside the doc cannot be read or applied.
    OverlayError,
    /// The model cannot be built (other than a bad response code).
    ModelError,
    /// A response code that is not an HTTP status number.
    BadResponseCode,
    /// A URI-table row that is not a `{placeholder}` of the path.
    BodyParamInUri,
    /// A row with nothing in its Type column.
    EmptyType,
    /// The same row twice in one table.
    DuplicateRow,
    /// The same response code twice.
    RepeatedResponseCode,
    /// A key of an example that no row of the body's table names.
    ExampleKeyNotInTable,
    /// A body row that none of the body's examples shows.
    RowNotInExamples,
    /// A Required row that an example leaves out where others have it.
    RequiredContradicted,
    /// `: JSON request` under the Response section, or the other way round.
    LabelContradictsSection,
    /// An example block that is not JSON (a parser warning).
    InvalidExample,
    /// An example heading with an empty code block.
    EmptyExample,
    /// A row the model could not place (a nesting warning).
    UnplacedRow,
    /// The type column and the examples disagree; the generated type follows the examples.
    TypeFromExample,
    /// An os-api-ref sample that the reference includes but that is not there.
    MissingSample,
    /// os-api-ref syntax read leniently (a comma missing between response codes).
    LooseSyntax,
}

impl FindingKind {
    /// Every kind, in summary order.
    pub const ALL: [FindingKind; 18] = [
        FindingKind::ParseError,
        FindingKind::OverlayError,
        FindingKind::ModelError,
        FindingKind::BadResponseCode,
        FindingKind::BodyParamInUri,
        FindingKind::EmptyType,
        FindingKind::DuplicateRow,
        FindingKind::RepeatedResponseCode,
        FindingKind::ExampleKeyNotInTable,
        FindingKind::RowNotInExamples,
        FindingKind::RequiredContradicted,
        FindingKind::LabelContradictsSection,
        FindingKind::InvalidExample,
        FindingKind::EmptyExample,
        FindingKind::UnplacedRow,
        FindingKind::TypeFromExample,
        FindingKind::MissingSample,
        FindingKind::LooseSyntax,
    ];

    /// Errors are what stops generation; everything else is a warning.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::ParseError
            | FindingKind::OverlayError
            | FindingKind::ModelError
            | FindingKind::BadResponseCode => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// How the summary line names it.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::ParseError => "parse error",
            FindingKind::OverlayError => "overlay error",
            FindingKind::ModelError => "model error",
            FindingKind::BadResponseCode => "bad response code",
            FindingKind::BodyParamInUri => "body param in URI table",
            FindingKind::EmptyType => "empty type",
            FindingKind::DuplicateRow => "duplicate row",
            FindingKind::RepeatedResponseCode => "repeated response code",
            FindingKind::ExampleKeyNotInTable => "example key not in table",
            FindingKind::RowNotInExamples => "row in no example",
            FindingKind::RequiredContradicted => "Required contradicted by example",
            FindingKind::LabelContradictsSection => "example label contradicts section",
            FindingKind::InvalidExample => "invalid example",
            FindingKind::EmptyExample => "empty example",
            FindingKind::UnplacedRow => "unplaced row",
            FindingKind::TypeFromExample => "type column contradicted by example",
            FindingKind::MissingSample => "missing sample",
            FindingKind::LooseSyntax => "loose syntax",
        }
    }
}

/// One problem, pinned to a line of a doc (or of its overlay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub file: String,
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl Finding {
    fn new(kind: FindingKind, file: &str, line: usize, message: impl Into<String>) -> Self {
        Finding {
            kind,
            file: file.to_string(),
            line: line.max(1),
            message: message.into(),
        }
    }

    fn from_diagnostic(kind: FindingKind, d: &Diagnostic) -> Self {
        Finding::new(kind, &d.file, d.line, d.message.clone())
    }

    pub fn is_error(&self) -> bool {
        self.kind.severity() == Severity::Error
    }
}

/// `file:line: warning: message`, like a compiler.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = if self.is_error() { "error" } else { "warning" };
        write!(f, "{}:{}: {label}: {}", self.file, self.line, self.message)
    }
}

/// Everything the linter found in a set of docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// How many docs were read (whether or not they parsed).
    pub docs: usize,
    /// Sorted by file, then line.
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// How many findings of one kind.
    pub fn count(&self, kind: FindingKind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }

    /// `164 docs: 0 errors, 523 warnings (body param in URI table: 3, ...)`.
    pub fn summary(&self) -> String {
        let counts: Vec<String> = FindingKind::ALL
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
/// that cannot be read becomes a [`FindingKind::ParseError`] finding.
pub fn lint_paths(base: &Path, inputs: &[String]) -> Result<Report, Diagnostics> {
    let files = find_spec_files(base, inputs)?;
    let mut findings = Vec::new();
    let mut cache = crate::parse::os_api_ref::ParametersCache::default();
    let mut docs = 0;
    for file in &files {
        match file.format {
            crate::spec_files::SpecFormat::OsApiRef => {
                let (operations, found) = reference::lint_reference(file, &mut cache);
                docs += operations;
                findings.extend(found);
                continue;
            }
            crate::spec_files::SpecFormat::ReferenceOverlay => continue,
            crate::spec_files::SpecFormat::GridTable => docs += 1,
        }
        let overlay = match &file.overlay {
            Some((path, shown)) => match crate::generator::load_overlay(path, shown) {
                Ok(o) => Some(o),
                Err(e) => {
                    findings.extend(
                        e.0.iter()
                            .map(|d| Finding::from_diagnostic(FindingKind::OverlayError, d)),
                    );
                    None
                }
            },
            None => None,
        };
        match std::fs::read(&file.path) {
            Ok(bytes) => findings.extend(lint_source(&file.display, &bytes, overlay.as_ref())),
            Err(e) => findings.push(Finding::new(
                FindingKind::ParseError,
                &file.display,
                1,
                format!("cannot read `{}`: {e}", file.path.display()),
            )),
        }
    }
    sort(&mut findings);
    Ok(Report { docs, findings })
}

/// Lints one doc given as bytes (`file` is the name to print).
pub fn lint_source(file: &str, bytes: &[u8], overlay: Option<&LoadedOverlay>) -> Vec<Finding> {
    let mut findings = match parse_doc_with_warnings(file, bytes) {
        Ok((doc, warnings)) => {
            let source = String::from_utf8_lossy(bytes);
            lint_doc(&doc, overlay, &warnings, &source)
        }
        Err(diags) => diags
            .0
            .iter()
            .map(|d| {
                let kind = if d.is_error() {
                    FindingKind::ParseError
                } else {
                    FindingKind::InvalidExample
                };
                Finding::from_diagnostic(kind, d)
            })
            .collect(),
    };
    sort(&mut findings);
    findings
}

/// The checks over one parsed doc. `parse_warnings` are the reader's warnings for
/// it; `source` is its text, used to find the line of an example's key.
pub fn lint_doc(
    doc: &ParsedDoc,
    overlay: Option<&LoadedOverlay>,
    parse_warnings: &[Diagnostic],
    source: &str,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = parse_warnings
        .iter()
        .map(|d| Finding::from_diagnostic(FindingKind::InvalidExample, d))
        .collect();
    findings.extend(tables::check(doc));

    // The model says which objects are dictionaries; it also has its own warnings.
    // Without an overlay first, so a broken overlay still lets the doc be checked.
    let model = match build_endpoint(doc, overlay) {
        Ok(model) => Ok(model),
        Err(overlay_errors) if overlay.is_some() => {
            let own = overlay.map(|o| o.file.as_str());
            findings.extend(
                overlay_errors
                    .0
                    .iter()
                    .filter(|d| Some(d.file.as_str()) == own)
                    .map(|d| Finding::from_diagnostic(FindingKind::OverlayError, d)),
            );
            build_endpoint(doc, None)
        }
        Err(e) => Err(e),
    };
    let endpoint = match model {
        Ok((endpoint, warnings)) => {
            findings.extend(warnings.iter().map(|w| {
                let kind = match w.kind {
                    ModelWarningKind::UnplacedRow => FindingKind::UnplacedRow,
                    ModelWarningKind::TypeFromExample => FindingKind::TypeFromExample,
                };
                Finding::from_diagnostic(kind, &w.diagnostic)
            }));
            Some(endpoint)
        }
        Err(errors) => {
            // A bad response code is already reported, by `tables`.
            let known: Vec<(String, usize)> = findings
                .iter()
                .filter(|f| f.is_error())
                .map(|f| (f.file.clone(), f.line))
                .collect();
            findings.extend(
                errors
                    .0
                    .iter()
                    .filter(|d| d.file != doc.file || !known.contains(&(d.file.clone(), d.line)))
                    .map(|d| Finding::from_diagnostic(FindingKind::ModelError, d)),
            );
            None
        }
    };
    findings.extend(examples::check(doc, endpoint.as_ref(), source));
    sort(&mut findings);
    findings
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.kind, &a.message).cmp(&(&b.file, b.line, b.kind, &b.message))
    });
}
