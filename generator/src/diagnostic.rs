//! Problems found in a spec, with the place in the source they come from, and the
//! one context every stage reports them into.
//!
//! Every stage (finding the files, reading the RST, reading the overlay, building
//! the model, emitting) reports problems into a [`Ctxt`] instead of panicking or
//! returning early, and keeps going where it can; the caller checks the context
//! once at the end ([`Ctxt::check`]), so a user sees all of a spec's problems at
//! once (serde_derive's `Ctxt`). A stage that works on one file reports through a
//! [`FileCtxt`], which knows the file's name and the stage's default kinds.
//!
//! Errors, warnings and lint findings are one type, [`Diagnostic`]; what a finding
//! is about is its [`DiagnosticKind`].
//!
//! This module is a leaf: it imports nothing from its siblings.

use std::cell::RefCell;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation cannot go on with this input.
    Error,
    /// The input is doubtful but usable.
    Warning,
}

/// What a diagnostic is about. The order is the order of `apiref lint`'s summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiagnosticKind {
    /// A spec path that does not exist, a folder without docs, a file that cannot be
    /// read or written, no spec path at all.
    Input,
    /// The doc cannot be read (the reader's errors).
    ParseError,
    /// The overlay beside the doc cannot be read or applied.
    OverlayError,
    /// The model cannot be built (other than a bad response code).
    ModelError,
    /// The emitter could not write what the model says (a generator bug).
    EmitError,
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
    /// An example block that is not JSON (a reader warning).
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
    /// An operation, parameter or sample the reader leaves out (a warning).
    LeftOut,
}

impl DiagnosticKind {
    /// Every kind, in summary order.
    pub const ALL: [DiagnosticKind; 21] = [
        DiagnosticKind::Input,
        DiagnosticKind::ParseError,
        DiagnosticKind::OverlayError,
        DiagnosticKind::ModelError,
        DiagnosticKind::EmitError,
        DiagnosticKind::BadResponseCode,
        DiagnosticKind::BodyParamInUri,
        DiagnosticKind::EmptyType,
        DiagnosticKind::DuplicateRow,
        DiagnosticKind::RepeatedResponseCode,
        DiagnosticKind::ExampleKeyNotInTable,
        DiagnosticKind::RowNotInExamples,
        DiagnosticKind::RequiredContradicted,
        DiagnosticKind::LabelContradictsSection,
        DiagnosticKind::InvalidExample,
        DiagnosticKind::EmptyExample,
        DiagnosticKind::UnplacedRow,
        DiagnosticKind::TypeFromExample,
        DiagnosticKind::MissingSample,
        DiagnosticKind::LooseSyntax,
        DiagnosticKind::LeftOut,
    ];

    /// How `apiref lint`'s summary line names it.
    pub fn label(self) -> &'static str {
        match self {
            DiagnosticKind::Input => "input error",
            DiagnosticKind::ParseError => "parse error",
            DiagnosticKind::OverlayError => "overlay error",
            DiagnosticKind::ModelError => "model error",
            DiagnosticKind::EmitError => "emit error",
            DiagnosticKind::BadResponseCode => "bad response code",
            DiagnosticKind::BodyParamInUri => "body param in URI table",
            DiagnosticKind::EmptyType => "empty type",
            DiagnosticKind::DuplicateRow => "duplicate row",
            DiagnosticKind::RepeatedResponseCode => "repeated response code",
            DiagnosticKind::ExampleKeyNotInTable => "example key not in table",
            DiagnosticKind::RowNotInExamples => "row in no example",
            DiagnosticKind::RequiredContradicted => "Required contradicted by example",
            DiagnosticKind::LabelContradictsSection => "example label contradicts section",
            DiagnosticKind::InvalidExample => "invalid example",
            DiagnosticKind::EmptyExample => "empty example",
            DiagnosticKind::UnplacedRow => "unplaced row",
            DiagnosticKind::TypeFromExample => "type column contradicted by example",
            DiagnosticKind::MissingSample => "missing sample",
            DiagnosticKind::LooseSyntax => "loose syntax",
            DiagnosticKind::LeftOut => "left out",
        }
    }
}

/// One problem: its severity and kind, where it is, and what is wrong.
///
/// `file` is `None` only when no file is involved at all (no spec path was given).
/// `line` and `column` are 1-based; both are 0 when the problem is with the file as
/// a whole (it does not exist, it cannot be read), which prints as `file: error: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether generation can go on.
    pub severity: Severity,
    /// What the problem is about (the lint's classification).
    pub kind: DiagnosticKind,
    /// The file as the user named it (relative paths stay relative).
    pub file: Option<String>,
    /// 1-based line, 0 for the file as a whole.
    pub line: usize,
    /// 1-based column in characters, 0 for the file as a whole.
    pub column: usize,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A reader error at `file:line:column` (kind [`DiagnosticKind::ParseError`];
    /// change it with [`Diagnostic::with_kind`]).
    pub fn error(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: Some(file.into()),
            line,
            column,
            ..Diagnostic::without_location(DiagnosticKind::ParseError, message)
        }
    }

    /// A reader warning at `file:line:column` (kind [`DiagnosticKind::InvalidExample`];
    /// change it with [`Diagnostic::with_kind`]).
    pub fn warning(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            kind: DiagnosticKind::InvalidExample,
            ..Diagnostic::error(file, line, column, message)
        }
    }

    /// An error about a file as a whole (it does not exist, it cannot be read).
    pub fn file_error(
        kind: DiagnosticKind,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            ..Diagnostic::error(file, 0, 0, message)
        }
    }

    /// An error that no file is involved in (no spec path was given at all).
    pub fn without_location(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind,
            file: None,
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// The same diagnostic, classified as `kind`.
    pub fn with_kind(self, kind: DiagnosticKind) -> Self {
        Diagnostic { kind, ..self }
    }

    /// Whether this stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, `file`, or nothing, as the diagnostic knows it.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        Some(if self.line == 0 {
            file.to_string()
        } else {
            format!("{file}:{}:{}", self.line, self.column)
        })
    }
}

/// Prints like a compiler: `file:line:column: error: message`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.location() {
            Some(location) => write!(f, "{location}: {label}: {}", self.message),
            None => write!(f, "{label}: {}", self.message),
        }
    }
}

/// A non-empty list of diagnostics, returned when a stage cannot produce its output
/// (the errors, and the warnings found beside them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// One diagnostic.
    pub fn single(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics::single(d)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The context every stage reports into: errors and warnings are collected, and
/// checked once at the end with [`Ctxt::check`].
///
/// Reporting takes `&self`, so one context can be shared by every function of a
/// stage without threading a `&mut Vec` through them.
#[derive(Debug, Default)]
pub struct Ctxt {
    diagnostics: RefCell<Vec<Diagnostic>>,
}

impl Ctxt {
    /// An empty context.
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// Records one diagnostic.
    pub fn push(&self, diagnostic: Diagnostic) {
        self.diagnostics.borrow_mut().push(diagnostic);
    }

    /// Records several diagnostics.
    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.borrow_mut().extend(diagnostics);
    }

    /// A reporter for one file of one stage: errors get `error_kind`, warnings
    /// `warning_kind` unless the caller says otherwise.
    pub fn file<'a>(
        &'a self,
        name: &'a str,
        error_kind: DiagnosticKind,
        warning_kind: DiagnosticKind,
    ) -> FileCtxt<'a> {
        FileCtxt {
            ctxt: self,
            name,
            error_kind,
            warning_kind,
        }
    }

    /// Runs one unit of work (a doc, an overlay, an endpoint) with a context of its
    /// own, then moves what it reported into this one. Its value comes back only
    /// when it reported no error, so a caller never uses a half-read thing.
    pub fn unit<T>(&self, work: impl FnOnce(&Ctxt) -> Option<T>) -> Option<T> {
        let own = Ctxt::new();
        let value = work(&own);
        let failed = own.has_errors();
        self.extend(own.into_diagnostics());
        value.filter(|_| !failed)
    }

    /// Puts what was reported in place order (file, line, column), keeping the
    /// report order among equals.
    pub fn sort_by_place(&self) {
        self.diagnostics
            .borrow_mut()
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }

    /// Whether an error has been reported so far.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.borrow().iter().any(Diagnostic::is_error)
    }

    /// How many diagnostics have been reported so far.
    pub fn len(&self) -> usize {
        self.diagnostics.borrow().len()
    }

    /// Whether nothing has been reported.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Everything reported, in report order, errors and warnings alike.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics.into_inner()
    }

    /// The end of a stage: the warnings if nothing stopped it, else every
    /// diagnostic (errors and warnings, in report order).
    pub fn check(self) -> Result<Vec<Diagnostic>, Diagnostics> {
        let all = self.into_diagnostics();
        if all.iter().any(Diagnostic::is_error) {
            Err(Diagnostics(all))
        } else {
            Ok(all)
        }
    }
}

/// Reports about one file into a [`Ctxt`]; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct FileCtxt<'a> {
    ctxt: &'a Ctxt,
    name: &'a str,
    error_kind: DiagnosticKind,
    warning_kind: DiagnosticKind,
}

impl<'a> FileCtxt<'a> {
    /// The file as the user named it.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The context this reports into.
    pub fn ctxt(&self) -> &'a Ctxt {
        self.ctxt
    }

    /// An error at `line:column` of this file, of the stage's kind.
    pub fn error(&self, line: usize, column: usize, message: impl Into<String>) {
        self.report(Severity::Error, self.error_kind, line, column, message);
    }

    /// A warning at `line:column` of this file, of the stage's kind.
    pub fn warning(&self, line: usize, column: usize, message: impl Into<String>) {
        self.report(Severity::Warning, self.warning_kind, line, column, message);
    }

    /// An error about the file as a whole (it cannot be read).
    pub fn file_error(&self, message: impl Into<String>) {
        self.report(Severity::Error, self.error_kind, 0, 0, message);
    }

    /// A diagnostic of a given severity and kind at `line:column` of this file.
    pub fn report(
        &self,
        severity: Severity,
        kind: DiagnosticKind,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        self.ctxt.push(Diagnostic {
            severity,
            kind,
            ..Diagnostic::error(self.name, line, column, message)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader's reporter for `a.rst`.
    fn a_rst(cx: &Ctxt) -> FileCtxt<'_> {
        cx.file(
            "a.rst",
            DiagnosticKind::ParseError,
            DiagnosticKind::InvalidExample,
        )
    }

    #[test]
    fn check_returns_warnings_or_everything() {
        let cx = Ctxt::new();
        a_rst(&cx).warning(3, 1, "doubtful");
        assert!(!cx.has_errors());
        let warnings = cx.check().unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].kind, DiagnosticKind::InvalidExample);

        let cx = Ctxt::new();
        let file = a_rst(&cx);
        file.warning(3, 1, "doubtful");
        file.error(5, 2, "broken");
        let all = cx.check().unwrap_err();
        assert_eq!(all.0.len(), 2);
        assert_eq!(all.0[1].to_string(), "a.rst:5:2: error: broken");
    }

    #[test]
    fn prints_only_the_location_it_has() {
        let whole = Diagnostic::file_error(DiagnosticKind::Input, "spec/x", "not found");
        assert_eq!(whole.to_string(), "spec/x: error: not found");
        let none = Diagnostic::without_location(DiagnosticKind::Input, "no spec path given");
        assert_eq!(none.to_string(), "error: no spec path given");
        assert_eq!(none.location(), None);
    }
}
