//! `apiref lint` on an os-api-ref file: what the reader and the model found doubtful
//! in each operation, as findings.

use crate::model::{ModelWarningKind, build_reference_endpoint};
use crate::parse::os_api_ref::{ParametersCache, read_reference_file};
use crate::spec_files::SpecFile;

use super::{Finding, FindingKind};

/// Lints one os-api-ref file (and what it includes). Reader errors are
/// `parse error`s; a missing sample, a sample that is not JSON, loose syntax, a
/// parameter the samples contradict and a parameter that cannot be placed are
/// warnings.
pub(super) fn lint_reference(
    file: &SpecFile,
    cache: &mut ParametersCache,
) -> (usize, Vec<Finding>) {
    let reference = match read_reference_file(&file.path, &file.display, cache) {
        Ok(r) => r,
        Err(diags) => {
            let findings = diags
                .0
                .iter()
                .map(|d| {
                    let kind = if d.is_error() {
                        FindingKind::ParseError
                    } else {
                        reader_warning_kind(&d.message)
                    };
                    Finding::from_diagnostic(kind, d)
                })
                .collect();
            return (0, findings);
        }
    };
    let mut findings: Vec<Finding> = reference
        .warnings
        .iter()
        .map(|d| Finding::from_diagnostic(reader_warning_kind(&d.message), d))
        .collect();
    for op in &reference.operations {
        let (_, warnings) = build_reference_endpoint(op);
        findings.extend(warnings.iter().map(|w| {
            let kind = match w.kind {
                ModelWarningKind::UnplacedRow => FindingKind::UnplacedRow,
                ModelWarningKind::TypeFromExample => FindingKind::TypeFromExample,
            };
            Finding::from_diagnostic(kind, &w.diagnostic)
        }));
    }
    (reference.operations.len(), findings)
}

fn reader_warning_kind(message: &str) -> FindingKind {
    if message.contains("is missing;") {
        FindingKind::MissingSample
    } else if message.contains("JSON") {
        FindingKind::InvalidExample
    } else {
        FindingKind::LooseSyntax
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec_files::find_spec_files;

    #[test]
    fn reports_a_contradicted_type_and_a_missing_sample() {
        let dir = std::env::temp_dir().join(format!("apiref-lint-ref-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("samples")).unwrap();
        std::fs::write(
            dir.join("parameters.yaml"),
            "server:\n  in: body\n  required: true\n  type: object\n\
             networks:\n  in: body\n  required: false\n  type: array\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("servers.inc"),
            "Create Server\n=============\n\n.. rest_method:: POST /servers\n\n\
             Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n\
             \x20 - server: server\n  - networks: networks\n\n\
             .. literalinclude:: samples/auto.json\n\n\
             .. literalinclude:: samples/gone.json\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("samples/auto.json"),
            r#"{"server": {"networks": "auto"}}"#,
        )
        .unwrap();
        let files = find_spec_files(&dir, &[".".to_string()]).unwrap();
        let (operations, findings) = lint_reference(&files[0], &mut ParametersCache::default());
        assert_eq!(operations, 1);
        let found: Vec<_> = findings.iter().map(|f| (f.kind, f.line)).collect();
        assert_eq!(
            found,
            [
                (FindingKind::MissingSample, 16),
                (FindingKind::TypeFromExample, 12)
            ]
        );
        assert!(
            findings[1].message.contains("show a string"),
            "{}",
            findings[1].message
        );
    }
}
