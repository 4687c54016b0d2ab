//! What the operation-name tests over whole references share: name every
//! operation of some inputs and check the rules.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use apiref_generator::__stages::{Renames, name_operations, operation_input};
use apiref_generator::{Generator, NameBasis, OperationName};

/// A file of this repository.
pub fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

/// Names every operation of `inputs`, checks the rules, and gives the names by
/// `METHOD path` (several when a path has several operations).
pub fn named(inputs: &[PathBuf]) -> HashMap<String, Vec<String>> {
    let generator = inputs.iter().fold(Generator::new("/"), |g, p| {
        g.input(p.to_str().expect("a UTF-8 path"))
    });
    let (endpoints, _warnings) = generator.endpoints().unwrap_or_else(|e| panic!("{e}"));
    assert!(!endpoints.is_empty());
    let ops: Vec<_> = endpoints.iter().map(operation_input).collect();
    let naming = name_operations(&ops, &Renames::default());
    assert_eq!(naming.problems, [], "operations nothing tells apart");
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut by_path: HashMap<String, Vec<String>> = HashMap::new();
    for (i, (op, name)) in ops.iter().zip(&naming.names).enumerate() {
        let path = name.rust_path();
        if let Some(other) = seen.insert((op.service.clone(), path.clone()), i) {
            panic!(
                "`{path}` names `{} {}` and `{} {}`",
                ops[other].method, ops[other].path, op.method, op.path
            );
        }
        check_parts(name);
        if op.path.trim_end_matches('/').ends_with("/action") {
            assert!(
                op.request_key.is_some(),
                "`{} {}` ({}) has no action key",
                op.method,
                op.path,
                op.title
            );
        }
        by_path
            .entry(format!("{} {}", op.method, op.path))
            .or_default()
            .push(path);
    }
    let from_titles = naming
        .names
        .iter()
        .filter(|n| matches!(n.basis, NameBasis::Title | NameBasis::File))
        .count();
    println!(
        "{} operations, {from_titles} named apart by title or file",
        ops.len()
    );
    by_path
}

/// Every segment a Rust identifier of at most 40 characters, and no number where
/// a word should be (`_2`); a version (`v2_0`) is a word.
fn check_parts(name: &OperationName) {
    for part in name.module.iter().chain([&name.function]) {
        let bare = part.trim_start_matches("r#");
        assert!(
            bare.len() <= 40,
            "`{part}` of `{}` is too long",
            name.rust_path()
        );
        assert!(
            bare.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                && bare
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "`{part}` is not a snake_case identifier"
        );
        let words: Vec<&str> = bare.split('_').collect();
        let numbered = words.windows(2).any(|w| {
            !w[1].is_empty() && w[1].chars().all(|c| c.is_ascii_digit()) && !w[0].starts_with('v')
        });
        assert!(!numbered, "`{part}` of `{}` has a number", name.rust_path());
    }
}

/// Each (`METHOD path`, name) of `expected`: the path has one operation, and
/// that is its name.
pub fn assert_named(names: &HashMap<String, Vec<String>>, expected: &[(&str, &str)]) {
    for (operation, name) in expected {
        match names.get(*operation).map(Vec::as_slice) {
            Some([found]) => assert_eq!(found, name, "`{operation}`"),
            other => panic!("`{operation}`: {other:?}"),
        }
    }
}
