//! `$SOURCE_DIR/` in a spec path starts at the folder of the file holding the macro
//! call, so it reads the same docs as the manifest-relative form.

mod common;

mod from_source_dir {
    apiref::generate!("$SOURCE_DIR/../spec/compute");
}

mod from_manifest_dir {
    apiref::generate!("$CARGO_MANIFEST_DIR/spec/compute");
}

#[test]
fn every_form_reads_the_same_spec() {
    let plain = common::compute::update_server::OPERATION;
    assert_eq!(from_source_dir::update_server::OPERATION, plain);
    assert_eq!(from_manifest_dir::update_server::OPERATION, plain);
    assert_eq!(plain.path, "/v2.1/{tenant_id}/servers/{server_id}");
}
