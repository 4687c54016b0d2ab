//! Every operation of Cinder's block-storage v3 reference against the real service: the client
//! generated from `cinder/api-ref/source/v3` of `APIREF_REFERENCES` runs the program of
//! `tests/conformance/block_storage/`; `tests/conformance/driver.rs` builds it and turns
//! its record into the report, one line per operation: called ok, removed (410), or
//! listed in `tests/conformance/block_storage/not_servable.rs` with the reason. Anything
//! else, a reply that does not decode, round-trip exactly, or leaves a key in
//! `extra`, or a failed check of the program, fails the test.
//!
//! `scripts/conformance block-storage` starts the harness and runs this test.

mod downstream;
mod needs;
mod reference_common;

#[path = "conformance/driver.rs"]
mod driver;
#[path = "conformance/block_storage/not_servable.rs"]
mod not_servable;

use reference_common::{overlay_file, reference_dir};

#[test]
#[ignore = "needs APIREF_CINDER_URL and APIREF_REFERENCES (scripts/test sets them)"]
fn every_block_storage_operation_against_the_real_service() {
    let overlay = overlay_file(
        "APIREF_CINDER_OVERLAY",
        "spec/cinder-reference/block-storage.api-ref.toml",
    );
    let vars = [
        "APIREF_CINDER_URL",
        "APIREF_CINDER_PROJECT",
        "APIREF_CINDER_OTHER_PROJECT",
    ];
    driver::Suite {
        service: "block-storage",
        reference: reference_dir("APIREF_REFERENCES").join("cinder/api-ref/source/v3"),
        overlay: Some(overlay),
        program: "block_storage",
        not_servable: not_servable::NOT_SERVABLE,
        typed_errors: &[400, 401, 403, 404, 409],
        env: vars.iter().map(|v| (*v, needs::var(v))).collect(),
    }
    .run();
}
