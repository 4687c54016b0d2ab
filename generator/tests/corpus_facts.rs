//! Every table row of every corpus doc, as the doc writes it, checked against
//! `corpus_facts.tsv`: facts found by an independent reader
//! (`scripts/corpus-facts.py`) that shares no code with this crate. Needs
//! `APIREF_CORPUS` (set by `scripts/test`).

#[path = "../../tests/needs/mod.rs"]
mod needs;

use std::collections::BTreeMap;
use std::path::Path;

use apiref_generator::__stages::{ParsedDoc, Row, TableKind, find_spec_files, parse_doc};

fn fnv1a(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// One line per table, in the format of `corpus_facts.tsv`.
fn facts(file: &str, doc: &ParsedDoc) -> Vec<String> {
    doc.tables
        .iter()
        .enumerate()
        .map(|(i, table)| {
            let text: String = table
                .rows
                .iter()
                .map(|row| match row {
                    Row::Code(c) => format!("{}\x1f{}\x1e", c.code, c.name),
                    Row::Param(p) => format!("{}\x1f{}\x1f{}\x1e", p.name, p.ty, p.required),
                })
                .collect();
            format!(
                "{file}\t{}\t{}\t{i}\t{}\t{}\t{}",
                doc.method,
                doc.path,
                table.kind.name(),
                table.rows.len(),
                fnv1a(&text)
            )
        })
        .collect()
}

/// Every corpus doc, by file name.
fn read_corpus() -> BTreeMap<String, ParsedDoc> {
    let dir = needs::dir("APIREF_CORPUS");
    let files = find_spec_files(Path::new(""), &[dir.display().to_string()])
        .unwrap_or_else(|e| panic!("APIREF_CORPUS: {e}"));
    let mut docs = BTreeMap::new();
    for file in files {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&file.path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let doc = parse_doc(&name, &bytes).unwrap_or_else(|e| panic!("{e}"));
        docs.insert(name, doc);
    }
    docs
}

#[test]
#[ignore = "needs APIREF_CORPUS (scripts/test sets it from ../shared)"]
fn every_row_matches_an_independent_reading() {
    let docs = read_corpus();
    assert_eq!(docs.len(), 164);
    let expected: Vec<&str> = include_str!("corpus_facts.tsv").lines().collect();
    let actual: Vec<String> = docs.iter().flat_map(|(f, d)| facts(f, d)).collect();
    for (want, got) in expected.iter().zip(&actual) {
        assert_eq!(got, want, "first table that differs");
    }
    assert_eq!(actual.len(), expected.len(), "number of tables");
}

#[test]
#[ignore = "needs APIREF_CORPUS (scripts/test sets it from ../shared)"]
fn tricky_rows_read_as_the_doc_writes_them() {
    let docs = read_corpus();
    let all_rows = |kind: TableKind| {
        docs.values()
            .flat_map(move |d| d.params_of(kind).cloned().collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let response = all_rows(TableKind::ResponseBody);
    let names: Vec<&str> = response.iter().map(|r| r.name.as_str()).collect();
    for wrapped in [
        "OS-EXT-SRV-ATTR:hypervisor_hostname",
        "OS-EXT-SRV-ATTR:instance_name",
        "OS-EXT-AZ:availability_zone",
        "os-extended-volumes:volumes_attached",
    ] {
        assert!(names.contains(&wrapped), "{wrapped}");
    }
    let request = all_rows(TableKind::RequestBody);
    assert!(
        request
            .iter()
            .any(|r| r.name == "os-availability-zone:availability_zone"
                && r.ty == "xsd:string"
                && r.required)
    );
    assert!(
        request
            .iter()
            .any(|r| r.name == "server" && r.ty == "csapi:ServerForCreate")
    );
    // Empty types stay empty; a body parameter in a URI table stays where it is.
    let empty: usize = docs
        .values()
        .flat_map(|d| d.tables.iter().flat_map(|t| t.params()))
        .filter(|p| p.ty.is_empty())
        .count();
    assert_eq!(empty, 6);
    let in_uri: Vec<&str> = docs
        .iter()
        .filter(|(_, d)| {
            d.params_of(TableKind::Uri)
                .any(|p| p.name == "os-disk-config:diskConfig")
        })
        .map(|(f, _)| f.as_str())
        .collect();
    assert_eq!(in_uri.len(), 3, "{in_uri:?}");
    let methods: std::collections::BTreeSet<&str> =
        docs.values().map(|d| d.method.as_str()).collect();
    assert_eq!(
        methods.into_iter().collect::<Vec<_>>(),
        ["DELETE", "GET", "POST", "PUT"]
    );
}
