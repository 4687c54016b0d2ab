//! `apiref lint` on an os-api-ref operation: what the model found doubtful in it.
//! The reader's findings (a missing sample, a sample that is not JSON, loose
//! syntax, parse errors) are reported by the loader.

use crate::diagnostic::Ctxt;
use crate::model::build_reference_endpoint;
use crate::parse::os_api_ref::Operation;

/// Lints one operation: a parameter the samples contradict and a parameter that
/// cannot be placed are warnings, an unknown method an error.
pub(super) fn lint_operation(cx: &Ctxt, op: &Operation) {
    build_reference_endpoint(cx, op);
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::DiagnosticKind;

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
        let report = super::super::lint_paths(&dir, &[".".to_string()]).unwrap();
        assert_eq!(report.docs, 1);
        let findings = &report.findings;
        let found: Vec<_> = findings.iter().map(|f| (f.kind, f.line)).collect();
        assert_eq!(
            found,
            [
                (DiagnosticKind::TypeFromExample, 12),
                (DiagnosticKind::MissingSample, 16),
            ]
        );
        assert!(
            findings[0].message.contains("show a string"),
            "{}",
            findings[0].message
        );
    }
}
