//! Reads every `.rst` in the folder named by `APIREF_CORPUS` (the Compute API v2.1
//! docs are kept outside the repo), so the reader is checked against real docs
//! without shipping them.

use std::path::PathBuf;

use apiref_generator::stages::parse_doc_with_warnings;

#[test]
fn every_corpus_doc_parses() {
    let Some(dir) = std::env::var_os("APIREF_CORPUS") else {
        println!("skipping: APIREF_CORPUS is not set");
        return;
    };
    let dir = PathBuf::from(dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => panic!(
            "APIREF_CORPUS={}: cannot read the folder: {e}",
            dir.display()
        ),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rst"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "APIREF_CORPUS={}: no .rst files there",
        dir.display()
    );

    let mut failures = Vec::new();
    for path in &files {
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
