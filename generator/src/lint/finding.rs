//! How a check reports what it found: the severity follows from the kind.

use crate::diagnostic::{DiagnosticKind, FileCtxt, Severity};

/// Reports a finding of `kind`: a bad response code stops generation, every
/// other check finds doubtful but usable input.
pub(super) fn finding(
    out: FileCtxt<'_>,
    kind: DiagnosticKind,
    line: usize,
    column: usize,
    message: String,
) {
    let severity = match kind {
        DiagnosticKind::BadResponseCode => Severity::Error,
        _ => Severity::Warning,
    };
    out.report(severity, kind, line.max(1), column.max(1), message);
}
