//! Every operation of Neutron's networking reference against the real Neutron: the
//! client generated from `neutron-lib/api-ref/source/v2` of `APIREF_REFERENCES`
//! runs the program of `tests/conformance/network/` (networks, subnets, ports,
//! routers, floating IPs, security groups, QoS, trunks, ...) as admin, member and
//! reader; `tests/conformance/driver.rs` builds it and turns its record into the
//! report, one line per operation: called ok, removed (410), or listed in
//! `tests/conformance/network/not_servable.rs` with the reason. Anything else, a
//! reply that does not decode, round-trip exactly, or leaves a key in `extra`, or a
//! failed check of the program (typed errors, pages), fails the test.
//!
//! `scripts/conformance network` starts the harness and runs this test.

mod downstream;
mod needs;
mod reference_common;

#[path = "conformance/driver.rs"]
mod driver;
#[path = "conformance/network/not_servable.rs"]
mod not_servable;

use reference_common::{overlay_file, reference_dir};

#[test]
#[ignore = "needs APIREF_NEUTRON_URL and APIREF_REFERENCES (scripts/test sets them)"]
fn every_network_operation_against_the_real_neutron() {
    let overlay = overlay_file(
        "APIREF_NEUTRON_OVERLAY",
        "spec/neutron-reference/network.api-ref.toml",
    );
    let vars = [
        "APIREF_NEUTRON_URL",
        "APIREF_NEUTRON_PROJECT",
        "APIREF_NEUTRON_OTHER_PROJECT",
        "APIREF_NEUTRON_EXTERNAL_NETWORK",
        "APIREF_NEUTRON_EXTERNAL_SUBNET",
        "APIREF_NEUTRON_SUBNETPOOL",
    ];
    driver::Suite {
        service: "network",
        reference: reference_dir("APIREF_REFERENCES").join("neutron-lib/api-ref/source/v2"),
        overlay: Some(overlay),
        program: "network",
        not_servable: not_servable::NOT_SERVABLE,
        typed_errors: &[400, 401, 403, 404, 409],
        env: vars.iter().map(|v| (*v, needs::var(v))).collect(),
    }
    .run();
}
