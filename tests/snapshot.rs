//! The generated code for the shipped spec, checked in as a golden file so that
//! every change to the output is seen in review. To accept a change on purpose:
//! `APIREF_BLESS=1 cargo test --test snapshot`, then read the diff.

use std::path::Path;

use apiref_generator::Generator;

#[test]
fn generated_code_for_the_shipped_spec_matches_the_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = Generator::new(root)
        .input("spec/compute")
        .generate_source()
        .unwrap_or_else(|e| panic!("{e}"));
    let snapshot = root.join("tests/snapshots/compute.rs");
    if std::env::var_os("APIREF_BLESS").is_some() {
        std::fs::write(&snapshot, &generated).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&snapshot).expect("tests/snapshots/compute.rs");
    if generated != expected {
        let first = generated
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "generated code differs from tests/snapshots/compute.rs from line {}:\n  now:      {:?}\n  snapshot: {:?}\n\
             (APIREF_BLESS=1 cargo test --test snapshot accepts it)",
            first + 1,
            generated.lines().nth(first),
            expected.lines().nth(first)
        );
    }
}

#[test]
fn regenerating_an_unchanged_spec_changes_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generate = || {
        Generator::new(root)
            .input("spec/compute")
            .generate_source()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(generate(), generate());
}
