//! Every operation of Placement's reference against the real Placement: the client
//! generated from `placement/api-ref/source` of `APIREF_REFERENCES` runs the program
//! of `tests/conformance/placement/` (resource providers, inventories, traits,
//! aggregates, allocations, usages, allocation candidates, reshaper) at every
//! microversion where a shape changes; `tests/conformance/driver.rs` builds it and
//! turns its record into the report, one line per operation: called ok, removed
//! (410), or listed in `tests/conformance/placement/not_servable.rs` with the
//! reason. Anything else, a reply that does not decode, round-trip exactly, or
//! leaves a key in `extra`, or a failed check of the program (typed errors, the
//! generation conflict), fails the test.
//!
//! `scripts/conformance placement` starts the harness and runs this test.

mod downstream;
mod needs;
mod reference_common;

#[path = "conformance/driver.rs"]
mod driver;
#[path = "conformance/placement/not_servable.rs"]
mod not_servable;

use reference_common::{overlay_file, reference_dir};

#[test]
#[ignore = "needs APIREF_PLACEMENT_URL and APIREF_REFERENCES (scripts/test sets them)"]
fn every_placement_operation_against_the_real_placement() {
    let overlay = overlay_file(
        "APIREF_PLACEMENT_OVERLAY",
        "spec/placement-reference/placement.api-ref.toml",
    );
    let vars = ["APIREF_PLACEMENT_URL", "APIREF_PLACEMENT_PROJECT"];
    driver::Suite {
        service: "placement",
        reference: reference_dir("APIREF_REFERENCES").join("placement/api-ref/source"),
        overlay: Some(overlay),
        program: "placement",
        not_servable: not_servable::NOT_SERVABLE,
        typed_errors: &[400, 401, 403, 404, 409],
        env: vars.iter().map(|v| (*v, needs::var(v))).collect(),
    }
    .run();
}
