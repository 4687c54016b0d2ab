//! Every operation of Glance's image v2 reference against the real service: the client
//! generated from `glance/api-ref/source/v2` of `APIREF_REFERENCES` runs the program of
//! `tests/conformance/image/`; `tests/conformance/driver.rs` builds it and turns
//! its record into the report, one line per operation: called ok, removed (410), or
//! listed in `tests/conformance/image/not_servable.rs` with the reason. Anything
//! else, a reply that does not decode, round-trip exactly, or leaves a key in
//! `extra`, or a failed check of the program, fails the test.
//!
//! `scripts/conformance image` starts the harness and runs this test.

mod downstream;
mod needs;
mod reference_common;

#[path = "conformance/driver.rs"]
mod driver;
#[path = "conformance/image/not_servable.rs"]
mod not_servable;

use reference_common::{overlay_file, reference_dir};

#[test]
#[ignore = "needs APIREF_GLANCE_URL and APIREF_REFERENCES (scripts/test sets them)"]
fn every_image_operation_against_the_real_service() {
    let overlay = overlay_file(
        "APIREF_GLANCE_OVERLAY",
        "spec/glance-reference/image.api-ref.toml",
    );
    let vars = [
        "APIREF_GLANCE_URL",
        "APIREF_GLANCE_PROJECT",
        "APIREF_GLANCE_OTHER_PROJECT",
    ];
    driver::Suite {
        service: "image",
        reference: reference_dir("APIREF_REFERENCES").join("glance/api-ref/source/v2"),
        overlay: Some(overlay),
        program: "image",
        not_servable: not_servable::NOT_SERVABLE,
        typed_errors: &[400, 401, 403, 404, 409],
        env: vars.iter().map(|v| (*v, needs::var(v))).collect(),
    }
    .run();
}
