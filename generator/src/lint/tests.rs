//! Each check on a small doc in the corpus layout, built from rows and examples.

use super::*;
use crate::diagnostic::Severity;

#[path = "../../tests/support/grid_doc.rs"]
mod grid_doc;

use grid_doc::table;

fn params(intro: &str, rows: &[(&str, &str, &str)]) -> String {
    table(intro, ["Name", "Type", "Description"], rows)
}

fn example(label: &str, json: &str) -> String {
    grid_doc::example(&format!("Thing: JSON {label}"), json)
}

/// A doc: codes, then a Request section, then a Response section.
struct Doc<'a> {
    path: &'a str,
    codes: Vec<&'a str>,
    uri: Vec<(&'a str, &'a str, &'a str)>,
    request: Vec<(&'a str, &'a str, &'a str)>,
    request_examples: Vec<String>,
    response: Vec<(&'a str, &'a str, &'a str)>,
    response_examples: Vec<String>,
}

impl Default for Doc<'_> {
    fn default() -> Self {
        Doc {
            path: "/v2.1/{tenant_id}/things/{thing_id}",
            codes: vec!["200"],
            uri: vec![
                ("{tenant_id}", "csapi:UUID", "The tenant."),
                ("{thing_id}", "csapi:UUID", "The thing."),
            ],
            request: vec![
                ("thing", "xsd:dict *(Required)*", "The thing."),
                ("name", "xsd:string *(Required)*", "Its name."),
            ],
            request_examples: vec![example("request", r#"{"thing": {"name": "a"}}"#)],
            response: vec![
                ("thing", "xsd:dict", "The thing."),
                ("id", "csapi:UUID", "Its id."),
                ("name", "xsd:string", "Its name."),
            ],
            response_examples: vec![example(
                "response",
                r#"{"thing": {"id": "1", "name": "a"}}"#,
            )],
        }
    }
}

impl Doc<'_> {
    fn text(&self) -> String {
        let mut text = format!(
            "==========\nUpdate Thing -  OpenStack Compute API v2.1\n==========\n\n\
             .. code-block:: javascript\n\n    PUT {}\n\nUpdates a thing.\n\n",
            self.path
        );
        let codes: Vec<(&str, &str, &str)> = self.codes.iter().map(|c| (*c, "", "")).collect();
        text.push_str(&table(
            "possible response codes for this operation",
            ["Response Code", "Name", "Description"],
            &codes,
        ));
        text.push_str("Request\n^^^^^^^\n\n");
        if !self.uri.is_empty() {
            text.push_str(&params("URI parameters for the request", &self.uri));
        }
        if !self.request.is_empty() {
            text.push_str(&params("body parameters for the request", &self.request));
        }
        self.request_examples.iter().for_each(|e| text.push_str(e));
        text.push_str("Response\n^^^^^^^^\n\n");
        if !self.response.is_empty() {
            text.push_str(&params("body parameters for the response", &self.response));
        }
        self.response_examples.iter().for_each(|e| text.push_str(e));
        text
    }

    fn lint(&self) -> Vec<Diagnostic> {
        lint_source("t.rst", self.text().as_bytes(), None)
    }
}

/// The findings of one kind, as (line, message).
fn of_kind(findings: &[Diagnostic], kind: DiagnosticKind) -> Vec<(usize, String)> {
    findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| (f.line, f.message.clone()))
        .collect()
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    match text.lines().position(|l| l.contains(needle)) {
        Some(i) => i + 1,
        None => panic!("`{needle}` not in\n{text}"),
    }
}

#[test]
fn a_clean_doc_has_no_findings() {
    let findings = Doc::default().lint();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn body_param_in_uri_table() {
    let doc = Doc {
        uri: vec![
            ("{tenant_id}", "csapi:UUID", "The tenant."),
            ("{thing_id}", "csapi:UUID", "The thing."),
            ("os-disk-config:diskConfig", "xsd:string", "Disk."),
        ],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::BodyParamInUri);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, line_of(&text, "|os-disk-config:diskConfig"));
    assert!(found[0].1.contains("`os-disk-config:diskConfig`"));
}

#[test]
fn empty_type() {
    let doc = Doc {
        response: vec![
            ("thing", "xsd:dict", "The thing."),
            ("id", "", "Its id."),
            ("name", "xsd:string", "Its name."),
        ],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::EmptyType);
    assert_eq!(
        found,
        vec![(line_of(&text, "|id "), "row `id` has an empty type".into())]
    );
}

#[test]
fn example_keys_missing_from_the_table_but_not_dictionary_keys() {
    let doc = Doc {
        response: vec![
            ("thing", "xsd:dict", "The thing."),
            ("id", "csapi:UUID", "Its id."),
            ("name", "xsd:string", "Its name."),
            ("metadata", "xsd:dict", "Its metadata."),
        ],
        response_examples: vec![example(
            "response",
            "{\"thing\": {\n  \"id\": \"1\",\n  \"name\": \"a\",\n  \"metadata\": {\"My Server Name\": \"x\"},\n  \"image\": {\"id\": \"i\", \"links\": []}\n}}",
        )],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::ExampleKeyNotInTable);
    let mut keys: Vec<(usize, &str)> = found
        .iter()
        .map(|(line, m)| (*line, m.split('`').nth(1).unwrap_or("")))
        .collect();
    keys.sort();
    let image = line_of(&text, "\"image\"");
    assert_eq!(
        keys,
        [(image, "thing.image"), (image, "thing.image.links")],
        "{found:?}"
    );
}

#[test]
fn a_body_without_a_table_is_one_finding() {
    let doc = Doc {
        response: vec![],
        ..Doc::default()
    };
    let found = of_kind(&doc.lint(), DiagnosticKind::ExampleKeyNotInTable);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("no table for it"), "{}", found[0].1);
}

#[test]
fn rows_in_no_example_only_when_there_is_an_example() {
    let rows = vec![
        ("thing", "xsd:dict", "The thing."),
        ("id", "csapi:UUID", "Its id."),
        ("name", "xsd:string", "Its name."),
        ("created", "xsd:dateTime", "When."),
    ];
    let doc = Doc {
        response: rows.clone(),
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::RowNotInExamples);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, line_of(&text, "|created"));

    let doc = Doc {
        response: rows,
        response_examples: vec![example("response", "{}")],
        ..Doc::default()
    };
    assert_eq!(
        of_kind(&doc.lint(), DiagnosticKind::RowNotInExamples),
        vec![]
    );
}

#[test]
fn required_contradicted_by_another_example() {
    let doc = Doc {
        request_examples: vec![
            example("request", r#"{"thing": {"name": "a"}}"#),
            example("request", r#"{"thing": {"other": "b"}}"#),
        ],
        request: vec![
            ("thing", "xsd:dict *(Required)*", "The thing."),
            ("name", "xsd:string *(Required)*", "Its name."),
            ("other", "xsd:string", "Else."),
        ],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::RequiredContradicted);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, line_of(&text, "|name"));
    assert!(found[0].1.contains("in `thing`"), "{}", found[0].1);

    // `name` optional: nothing to contradict.
    let doc = Doc {
        request: vec![
            ("thing", "xsd:dict *(Required)*", "The thing."),
            ("name", "xsd:string", "Its name."),
            ("other", "xsd:string", "Else."),
        ],
        ..doc
    };
    assert_eq!(
        of_kind(&doc.lint(), DiagnosticKind::RequiredContradicted),
        vec![]
    );
}

#[test]
fn duplicates_are_repeats_not_names_at_another_depth() {
    let doc = Doc {
        uri: vec![
            ("{tenant_id}", "csapi:UUID", "The tenant."),
            ("{tenant_id}", "csapi:UUID", "The tenant."),
            ("{thing_id}", "csapi:UUID", "The thing."),
        ],
        response: vec![
            ("thing", "xsd:dict", "The thing."),
            ("id", "csapi:UUID", "Its id."),
            ("name", "xsd:string", "Its name."),
            ("image", "xsd:dict", "Its image."),
            ("id", "csapi:UUID", "The image's id."),
            ("name", "xsd:string", "Its name."),
            ("name", "xsd:string", "The image's name."),
        ],
        response_examples: vec![example(
            "response",
            r#"{"thing": {"id": "1", "name": "a", "image": {"id": "2", "name": "b"}}}"#,
        )],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::DuplicateRow);
    let lines: Vec<usize> = found.iter().map(|f| f.0).collect();
    let second_tenant = line_of(&text, "|{tenant_id}") + 2;
    let last_name = line_of(&text, "The image's name");
    // The image's `id` (another depth) is not a duplicate; the second `name` with the
    // same description is one; the third, right after it, too.
    assert_eq!(
        lines,
        [second_tenant, last_name - 2, last_name],
        "{found:?}"
    );
}

#[test]
fn label_contradicting_the_section() {
    let doc = Doc {
        response_examples: vec![example("request", r#"{"thing": {"id": "1", "name": "a"}}"#)],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::LabelContradictsSection);
    let heading = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("JSON request**"))
        .map(|(i, _)| i + 1)
        .last();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(Some(found[0].0), heading);
    assert!(found[0].1.contains("under the Response section"));
}

#[test]
fn invalid_and_empty_examples() {
    let doc = Doc {
        request_examples: vec![example("request", "HTTP/1.1 202 Accepted")],
        response_examples: vec!["**Example Thing: JSON response**\n\n.. code::\n\n\n".into()],
        ..Doc::default()
    };
    let text = doc.text();
    let findings = doc.lint();
    let invalid = of_kind(&findings, DiagnosticKind::InvalidExample);
    assert_eq!(invalid.len(), 1, "{findings:#?}");
    assert_eq!(invalid[0].0, line_of(&text, "HTTP/1.1"));
    let empty = of_kind(&findings, DiagnosticKind::EmptyExample);
    assert_eq!(empty.len(), 1, "{findings:#?}");
    assert_eq!(empty[0].0, line_of(&text, "JSON response**"));
    // Without examples, rows are not "missing from every example".
    assert_eq!(of_kind(&findings, DiagnosticKind::RowNotInExamples), vec![]);
}

#[test]
fn response_codes_bad_is_an_error_repeated_a_warning() {
    let doc = Doc {
        codes: vec!["200", "4O4", "400", "200"],
        ..Doc::default()
    };
    let text = doc.text();
    let findings = doc.lint();
    let bad = of_kind(&findings, DiagnosticKind::BadResponseCode);
    assert_eq!(bad.len(), 1, "{findings:#?}");
    assert_eq!(bad[0].0, line_of(&text, "|4O4"));
    // The model refuses the doc for the same code: reported once, not twice.
    assert_eq!(of_kind(&findings, DiagnosticKind::ModelError), vec![]);
    let repeated = of_kind(&findings, DiagnosticKind::RepeatedResponseCode);
    assert_eq!(repeated.len(), 1, "{findings:#?}");
    assert!(
        repeated[0]
            .1
            .contains(&format!("first on line {}", line_of(&text, "|200")))
    );
    assert!(
        findings
            .iter()
            .find(|f| f.kind == DiagnosticKind::BadResponseCode)
            .is_some_and(Diagnostic::is_error)
    );
}

#[test]
fn unplaced_rows_come_from_the_model() {
    let doc = Doc {
        response: vec![
            ("thing", "xsd:dict", "The thing."),
            ("id", "csapi:UUID", "Its id."),
            ("id", "xsd:int", "Another id."),
            ("name", "xsd:string", "Its name."),
        ],
        ..Doc::default()
    };
    let text = doc.text();
    let found = of_kind(&doc.lint(), DiagnosticKind::UnplacedRow);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, line_of(&text, "Another id"));
}

#[test]
fn a_doc_that_does_not_parse_is_an_error_at_its_line() {
    let findings = lint_source("t.rst", b"no method here\n", None);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].kind, DiagnosticKind::ParseError);
    assert_eq!(
        findings[0].to_string(),
        format!("t.rst:1:1: error: {}", findings[0].message)
    );
}

#[test]
fn summary_counts_by_kind_in_order() {
    let finding = |kind| {
        let severity = match kind {
            DiagnosticKind::ParseError => Severity::Error,
            _ => Severity::Warning,
        };
        Diagnostic {
            severity,
            kind,
            ..Diagnostic::error("a.rst", 1, 2, "m")
        }
    };
    let report = Report {
        docs: 2,
        findings: vec![
            finding(DiagnosticKind::EmptyType),
            finding(DiagnosticKind::BodyParamInUri),
            finding(DiagnosticKind::EmptyType),
        ],
    };
    assert_eq!(
        report.summary(),
        "2 docs: 0 errors, 3 warnings (body param in URI table: 1, empty type: 2)"
    );
    assert_eq!(
        finding(DiagnosticKind::EmptyType).to_string(),
        "a.rst:1:2: warning: m"
    );
    let one = Report {
        docs: 1,
        findings: vec![finding(DiagnosticKind::ParseError)],
    };
    assert_eq!(one.summary(), "1 doc: 1 error, 0 warnings (parse error: 1)");
}

#[test]
fn example_keys_have_their_column() {
    let doc = Doc {
        response: vec![("thing", "xsd:string", "The thing.")],
        response_examples: vec![example("response", "{\"thing\": \"x\", \"colour\": 1}")],
        ..Doc::default()
    };
    let text = doc.text();
    let findings = doc.lint();
    let key = findings
        .iter()
        .find(|f| f.kind == DiagnosticKind::ExampleKeyNotInTable)
        .unwrap_or_else(|| panic!("{findings:#?}"));
    let line = line_of(&text, "\"colour\"");
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"colour\"")
        .unwrap()
        + 1;
    assert_eq!((key.line, key.column), (line, column), "{key}");
}

#[test]
fn reports_a_contradicted_type_and_a_missing_sample() {
    let dir = crate::test_folder::folder(
        "lint-ref",
        &[
            (
                "parameters.yaml",
                "server:\n  in: body\n  required: true\n  type: object\n\
                 networks:\n  in: body\n  required: false\n  type: array\n",
            ),
            (
                "servers.inc",
                "Create Server\n=============\n\n.. rest_method:: POST /servers\n\n\
                 Request\n-------\n\n.. rest_parameters:: parameters.yaml\n\n\
                 \x20 - server: server\n  - networks: networks\n\n\
                 .. literalinclude:: samples/auto.json\n\n\
                 .. literalinclude:: samples/gone.json\n",
            ),
            ("samples/auto.json", r#"{"server": {"networks": "auto"}}"#),
        ],
    );
    let report = super::lint_paths(&dir, &[".".to_string()]).unwrap();
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
