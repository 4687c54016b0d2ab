//! Operation names over the references under `APIREF_REFERENCES` (Cinder, Glance,
//! Manila, Neutron, Placement), each its own test: unique, without numbers,
//! identifiers of at most 40 characters.

#[path = "../../tests/needs/mod.rs"]
mod needs;
mod operation_names_common;

use operation_names_common::named;

/// One of the references under `APIREF_REFERENCES`: `folders` of `name/api-ref/source`.
fn reference(name: &str, folders: &[&str]) {
    let source = needs::dir("APIREF_REFERENCES")
        .join(name)
        .join("api-ref/source");
    for folder in folders {
        named(&[source.join(folder)]);
    }
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn cinder_operations_are_named_from_structure() {
    reference("cinder", &["v2", "v3"]);
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn glance_operations_are_named_from_structure() {
    reference("glance", &["v2"]);
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn manila_operations_are_named_from_structure() {
    reference("manila", &["."]);
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn neutron_operations_are_named_from_structure() {
    reference("neutron-lib", &["v2"]);
}

#[test]
#[ignore = "needs APIREF_REFERENCES (scripts/test sets it)"]
fn placement_operations_are_named_from_structure() {
    reference("placement", &["."]);
}
