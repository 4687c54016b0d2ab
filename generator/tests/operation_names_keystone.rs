//! Operation names over Keystone's reference (`APIREF_KEYSTONE_REF`: `v3` with its
//! overlay, `v3-ext`): unique, without numbers, identifiers of at most 40 characters.

#[path = "../../tests/needs/mod.rs"]
mod needs;
mod operation_names_common;

use operation_names_common::{assert_named, named, repo_file};

#[test]
#[ignore = "needs APIREF_KEYSTONE_REF (scripts/test sets it)"]
fn keystone_operations_are_named_from_structure() {
    let source = needs::dir("APIREF_KEYSTONE_REF");
    let v3 = named(&[
        source.join("v3"),
        repo_file("spec/keystone-reference/identity.api-ref.toml"),
    ]);
    assert_named(
        &v3,
        &[
            ("HEAD /v3/auth/tokens", "auth::tokens::check"),
            ("POST /v3/users/{user_id}/password", "users::password"),
            ("PATCH /v3/projects/{project_id}", "projects::update"),
        ],
    );
    let ext = named(&[source.join("v3-ext")]);
    assert_named(
        &ext,
        &[(
            "GET /v3/OS-FEDERATION/identity_providers",
            "federation::identity_providers::list",
        )],
    );
}
