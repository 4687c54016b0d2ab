//! Every Compute operation of Nova's current API reference against the real Nova:
//! the client generated from `APIREF_NOVA_REF` (Nova's `api-ref/source`) runs the
//! program of `tests/conformance/compute/` (flavors, keypairs, server groups,
//! servers booted, resized, shelved and deleted, ...) as admin, member and reader
//! at the microversions where the shapes change; `tests/conformance/driver.rs`
//! builds it and turns its record into the report, one line per operation: called
//! ok, removed (410), or listed in `tests/conformance/compute/not_servable.rs` with
//! the reason. An operation that is none of these, a reply that does not decode,
//! round-trip exactly, or leaves a key in `extra`, or a failed check of the program
//! (typed errors, waiters), fails the test.
//!
//! `scripts/conformance compute` starts the harness and runs this test.

mod downstream;
mod needs;
mod reference_common;

#[path = "conformance/driver.rs"]
mod driver;
#[path = "conformance/compute/not_servable.rs"]
mod not_servable;

use reference_common::{overlay_file, reference_dir};

#[test]
#[ignore = "needs APIREF_NOVA_URL and APIREF_NOVA_REF (scripts/test sets them)"]
fn every_compute_operation_against_the_real_nova() {
    let overlay = overlay_file(
        "APIREF_NOVA_OVERLAY",
        "spec/nova-reference/compute.api-ref.toml",
    );
    driver::Suite {
        service: "compute",
        reference: reference_dir("APIREF_NOVA_REF"),
        overlay: Some(overlay),
        program: "compute",
        not_servable: not_servable::NOT_SERVABLE,
        typed_errors: &[400, 401, 403, 404, 409, 410],
        env: vec![
            ("APIREF_NOVA_URL", needs::var("APIREF_NOVA_URL")),
            ("APIREF_NOVA_PROJECT", needs::var("APIREF_NOVA_PROJECT")),
            ("APIREF_NOVA_SERVER", needs::var("APIREF_NOVA_SERVER")),
        ],
    }
    .run();
}
