//! Operation names over Nova's reference (`APIREF_NOVA_REF`, with its overlay):
//! every operation gets a name unique in its service, without a number, of Rust
//! identifiers of at most 40 characters.

#[path = "../../tests/needs/mod.rs"]
mod needs;
mod operation_names_common;

use operation_names_common::{assert_named, named, repo_file};

#[test]
#[ignore = "needs APIREF_NOVA_REF (scripts/test sets it)"]
fn nova_operations_are_named_from_structure() {
    let names = named(&[
        needs::dir("APIREF_NOVA_REF"),
        repo_file("spec/nova-reference/compute.api-ref.toml"),
    ]);
    assert_named(
        &names,
        &[
            ("GET /v2.1/servers/detail", "servers::list_detailed"),
            ("PUT /v2.1/servers/{server_id}", "servers::update"),
            (
                "GET /v2.1/os-hypervisors/detail",
                "hypervisors::list_detailed",
            ),
            (
                "PUT /v2.1/os-services/disable-log-reason",
                "services::disable_log_reason",
            ),
        ],
    );
    let actions = &names["POST /v2.1/servers/{server_id}/action"];
    for expected in [
        "servers::reboot",
        "servers::start",
        "servers::add_floating_ip",
    ] {
        assert!(
            actions.iter().any(|n| n == expected),
            "{expected}: {actions:?}"
        );
    }
}
