//! The runtime's checked-in Keystone types (`runtime/src/auth/identity_api/generated.rs`)
//! are what `scripts/generate-identity-api` generates from Keystone's reference
//! today: the script's `--check` runs this package's `apiref check`, which prints
//! the diff when they are not.

mod common;
#[path = "../../tests/needs/mod.rs"]
mod needs;

use std::process::Command;

use common::workspace;

#[test]
#[ignore = "needs APIREF_KEYSTONE_REF (scripts/test sets it)"]
fn checked_in_identity_api_is_current() {
    let reference = needs::dir("APIREF_KEYSTONE_REF");
    let out = Command::new(workspace().join("scripts/generate-identity-api"))
        .arg("--check")
        .env("APIREF_KEYSTONE_REF", &reference)
        .env("APIREF_BIN", env!("CARGO_BIN_EXE_apiref"))
        .output()
        .expect("scripts/generate-identity-api runs");
    assert!(
        out.status.success(),
        "runtime/src/auth/identity_api/generated.rs is stale; run \
         scripts/generate-identity-api:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
