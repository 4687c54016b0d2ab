//! The JSON samples an os-api-ref file includes, and what their headings say.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::parse::ExampleKind;

/// One `.. literalinclude::` of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The heading's text (`Example Create Server (v2.63)`), or the section title.
    pub title: String,
    /// The microversion the heading names (`2.63`), else the sample's `vX.Y` folder.
    pub microversion: Option<String>,
    /// From the enclosing Request/Response section, else from the file name.
    pub kind: ExampleKind,
    /// The including file, as shown in messages.
    pub file: String,
    pub line: usize,
    /// The path as written in the directive.
    pub include: String,
    /// Where it was looked for (the first candidate that exists, else the first).
    pub path: PathBuf,
    /// The parsed JSON; `None` when the file is missing or is not JSON (a warning
    /// says which).
    pub value: Option<serde_json::Value>,
}

/// `Example Create Server (v2.63)` -> `2.63`; `(2.98)` too.
pub fn heading_microversion(heading: &str) -> Option<String> {
    let open = heading.rfind('(')?;
    let inner = heading[open + 1..].split(')').next()?.trim();
    let inner = inner.strip_prefix('v').unwrap_or(inner);
    is_version(inner).then(|| inner.to_string())
}

/// `.../servers/v2.63/server-create-req.json` -> `2.63`.
pub fn folder_microversion(path: &str) -> Option<String> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('v'))
        .find(|v| is_version(v))
        .map(str::to_string)
}

fn is_version(text: &str) -> bool {
    text.split_once('.')
        .is_some_and(|(a, b)| a.parse::<u16>().is_ok() && b.parse::<u16>().is_ok())
}

/// Reads an included sample. A missing file or one that is not JSON is a warning
/// (generation goes on from the parameters); the value is `None` then.
pub fn load_sample(
    candidates: &[PathBuf],
    file: &str,
    line: usize,
    column: usize,
    include: &str,
    warnings: &mut Vec<Diagnostic>,
) -> (PathBuf, Option<serde_json::Value>) {
    let found = candidates.iter().find(|p| p.is_file());
    let Some(path) = found else {
        warnings.push(
            Diagnostic::warning(
                file,
                line,
                column,
                format!(
                    "included sample `{include}` is missing; generating from the parameters alone"
                ),
            )
            .with_kind(DiagnosticKind::MissingSample),
        );
        return (candidates.first().cloned().unwrap_or_default(), None);
    };
    if !is_json_name(path) {
        warnings.push(Diagnostic::warning(
            file,
            line,
            column,
            format!("included sample `{include}` is not JSON; it is not used"),
        ));
        return (path.clone(), None);
    }
    let value = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()));
    match value {
        Ok(v) => (path.clone(), Some(v)),
        Err(e) => {
            warnings.push(Diagnostic::warning(
                file,
                line,
                column,
                format!("included sample `{include}` cannot be read as JSON: {e}"),
            ));
            (path.clone(), None)
        }
    }
}

fn is_json_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// A sample's kind from its file name when no section says it: `-req` / `request`
/// names a request.
pub fn kind_from_name(include: &str) -> ExampleKind {
    let name = include.rsplit('/').next().unwrap_or(include);
    if name.contains("-req") || name.contains("request") {
        ExampleKind::Request
    } else {
        ExampleKind::Response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn microversions_from_headings_and_folders() {
        assert_eq!(
            heading_microversion("Example Create Server (v2.63)").as_deref(),
            Some("2.63")
        );
        assert_eq!(
            heading_microversion("Example (2.98)").as_deref(),
            Some("2.98")
        );
        assert_eq!(heading_microversion("Example Create Server (JSON)"), None);
        assert_eq!(
            folder_microversion("../../doc/api_samples/servers/v2.69/x.json").as_deref(),
            Some("2.69")
        );
        assert_eq!(folder_microversion("./samples/admin/x.json"), None);
    }

    #[test]
    fn a_missing_sample_is_a_warning() {
        let mut warnings = Vec::new();
        let (_, value) = load_sample(
            &[PathBuf::from("/nonexistent/x.json")],
            "a.inc",
            3,
            21,
            "x.json",
            &mut warnings,
        );
        assert!(value.is_none());
        assert_eq!(warnings.len(), 1);
        assert!(!warnings[0].is_error());
        assert_eq!((warnings[0].line, warnings[0].column), (3, 21));
    }
}
