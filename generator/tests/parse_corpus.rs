//! Reads every `.rst` in the folder named by `APIREF_CORPUS` (the Compute API v2.1
//! docs are kept outside the repo), so the reader is checked against real docs
//! without shipping them.

#[path = "../../tests/needs/mod.rs"]
mod needs;

use std::path::Path;

use apiref_generator::__stages::{find_spec_files, parse_doc_with_warnings};

#[test]
#[ignore = "needs APIREF_CORPUS (scripts/test sets it from ../shared)"]
fn every_corpus_doc_parses() {
    let dir = needs::dir("APIREF_CORPUS");
    let files = find_spec_files(Path::new(""), &[dir.display().to_string()])
        .unwrap_or_else(|e| panic!("APIREF_CORPUS: {e}"));

    let mut failures = Vec::new();
    for file in &files {
        let path = &file.path;
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                failures.push(format!("{name}: cannot read: {e}"));
                continue;
            }
        };
        match parse_doc_with_warnings(&name, &bytes) {
            Ok((doc, warnings)) => {
                for w in warnings {
                    println!("{w}");
                }
                if doc.method.is_empty() || !doc.path.starts_with('/') {
                    failures.push(format!(
                        "{name}: no method or path ({:?} {:?})",
                        doc.method, doc.path
                    ));
                }
            }
            Err(diags) => failures.push(diags.to_string()),
        }
    }
    println!("parsed {} docs from {}", files.len(), dir.display());
    assert!(
        failures.is_empty(),
        "{} of {} docs failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
