//! The generated code for each shape of endpoint, checked in as golden files so that
//! every change to the output is seen in review: the shipped spec (a PUT with a body
//! both ways), small docs of our own in `tests/snapshots/fixtures/` (a GET with a
//! query, a bodiless DELETE answering 204, a server action POST) and small references
//! in `tests/fixtures/` (one shaped like Nova's; one of raw image data, sent and
//! received as streams). A mismatch shows a unified diff. To accept a change on
//! purpose: `APIREF_BLESS=1 cargo test --test snapshot`, then read the diff in git.

use std::path::Path;

use apiref_generator::Generator;

/// Each golden file and the spec it is generated from (relative to the repository).
/// Adding a shape is one line here plus `APIREF_BLESS=1`.
const SNAPSHOTS: &[(&str, &str)] = &[
    ("compute.rs", "spec/compute"),
    (
        "list_flavors.rs",
        "tests/snapshots/fixtures/GET_list_flavors_v2.1_tenant_id_flavors.rst",
    ),
    (
        "delete_server.rs",
        "tests/snapshots/fixtures/DELETE_delete_server_v2.1_tenant_id_servers_server_id_.rst",
    ),
    (
        "reboot_server.rs",
        "tests/snapshots/fixtures/POST_reboot_server_v2.1_tenant_id_servers_server_id_action.rst",
    ),
    ("os_api_ref.rs", "tests/fixtures/os-api-ref"),
    ("image_data.rs", "tests/fixtures/image-data"),
];

fn generate(spec: &str) -> String {
    Generator::new(env!("CARGO_MANIFEST_DIR"))
        .input(spec)
        .generate_source()
        .unwrap_or_else(|e| panic!("{spec}: {e}"))
}

fn snapshot_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name)
}

/// `None` when `generated` equals `expected`, else a unified diff from the golden
/// file `name` to the generated text.
fn diff(name: &str, expected: &str, generated: &str) -> Option<String> {
    if generated == expected {
        return None;
    }
    let snapshot = format!("tests/snapshots/{name}");
    let diff = similar::TextDiff::from_lines(expected, generated)
        .unified_diff()
        .header(&snapshot, "generated")
        .to_string();
    Some(diff)
}

#[test]
fn generated_code_matches_the_snapshots() {
    let bless = std::env::var_os("APIREF_BLESS").is_some();
    let mut diffs = Vec::new();
    for (name, spec) in SNAPSHOTS {
        let generated = generate(spec);
        let path = snapshot_path(name);
        if bless {
            std::fs::write(&path, &generated)
                .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        }
        // A missing file compares as empty: the diff then shows the whole output.
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        diffs.extend(diff(name, &expected, &generated));
    }
    assert!(
        diffs.is_empty(),
        "generated code differs from {} snapshot(s) \
         (APIREF_BLESS=1 cargo test --test snapshot accepts it):\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn a_mismatch_is_shown_as_a_unified_diff() {
    let expected = "pub mod update_server {\n    one\n    two\n}\n";
    let generated = "pub mod renamed_update_server {\n    one\n    two\n}\n";
    assert_eq!(diff("compute.rs", expected, expected), None);
    let shown = diff("compute.rs", expected, generated).expect("a difference");
    assert_eq!(
        shown,
        "--- tests/snapshots/compute.rs\n+++ generated\n@@ -1,4 +1,4 @@\n\
         -pub mod update_server {\n+pub mod renamed_update_server {\n     one\n     two\n }\n"
    );
}

#[test]
fn regenerating_an_unchanged_spec_changes_nothing() {
    for (_, spec) in SNAPSHOTS {
        assert_eq!(generate(spec), generate(spec), "{spec}");
    }
}
