//! One path through the real Keystone and its catalog: a user logs in with a
//! password from the Keystone harness's clouds.yaml, the token's catalog names the
//! `network`, `placement`, `block-storage` and `image` endpoints (the Neutron,
//! Placement, Cinder and Glance that scripts/services/*.sh start in keystone mode),
//! volumes and images are listed as the demo user, and
//! operations of both references are called there, every token checked by
//! keystonemiddleware: networks listed, created and deleted as admin and listed as
//! the demo user; resource providers listed (negotiated to 1.39), created and
//! deleted as admin, refused to the demo user (403); a bad token and a revoked one
//! refused by both as typed 401s.
//!
//! The clients are generated here with only the operations the program calls
//! (`Generator::only`): the references live outside the repository
//! (`APIREF_REFERENCES`), which a literal `generate!` path cannot name, so, as in
//! the conformance suites, a downstream crate is written with the generated code
//! and built with the program `tests/catalog/program.rs`; keeping to a few
//! operations keeps that build to seconds rather than Neutron's whole reference.

mod downstream;
mod needs;
mod reference_common;

use std::time::Instant;

use apiref_generator::Generator;
use downstream::Downstream;
use reference_common::{reference_dir, repo_file};

/// The generated client of `reference` (with `overlay`), holding only `ops`.
fn client_source(reference: &str, overlay: &str, ops: &[&str]) -> String {
    let reference = reference_dir("APIREF_REFERENCES").join(reference);
    let overlay = repo_file(overlay);
    let generator = ops.iter().fold(
        Generator::new("/")
            .input(reference.to_str().expect("utf-8 path"))
            .input(overlay.to_str().expect("utf-8 path")),
        |g, op| g.only(*op),
    );
    generator.generate().unwrap_or_else(|e| panic!("{e}")).code
}

#[test]
#[ignore = "needs APIREF_KEYSTONE_OUT, APIREF_KS_NEUTRON_URL, APIREF_KS_PLACEMENT_URL, \
            APIREF_KS_CINDER_URL, APIREF_KS_GLANCE_URL and APIREF_REFERENCES (scripts/test \
            starts and sets them)"]
fn neutron_and_placement_through_the_keystone_catalog() {
    let env: Vec<(&str, String)> = [
        "APIREF_KEYSTONE_OUT",
        "APIREF_CLOUDS_YAML",
        "APIREF_KS_NEUTRON_URL",
        "APIREF_KS_PLACEMENT_URL",
        "APIREF_KS_CINDER_URL",
        "APIREF_KS_GLANCE_URL",
    ]
    .into_iter()
    .map(|v| (v, needs::var(v)))
    .collect();
    let network = client_source(
        "neutron-lib/api-ref/source/v2",
        "spec/neutron-reference/network.api-ref.toml",
        &["networks::list", "networks::create", "networks::delete"],
    );
    let placement = client_source(
        "placement/api-ref/source",
        "spec/placement-reference/placement.api-ref.toml",
        &[
            "resource_providers::list",
            "resource_providers::create",
            "resource_providers::delete",
        ],
    );

    let block_storage = client_source(
        "cinder/api-ref/source/v3",
        "spec/cinder-reference/block-storage.api-ref.toml",
        &["volumes::list"],
    );
    let image = client_source(
        "glance/api-ref/source/v2",
        "spec/glance-reference/image.api-ref.toml",
        &["images::list"],
    );

    let krate = Downstream::new("catalog_services");
    krate.write(
        "src/lib.rs",
        "//! Neutron's and Placement's references, the operations the program calls.\n\
         #![deny(warnings)]\n\n\
         pub mod network {\n    include!(\"network.rs\");\n}\n\n\
         pub mod placement {\n    include!(\"placement.rs\");\n}\n\n\
         pub mod block_storage {\n    include!(\"block_storage.rs\");\n}\n\n\
         pub mod image {\n    include!(\"image.rs\");\n}\n",
    );
    krate.write("src/network.rs", &network);
    krate.write("src/placement.rs", &placement);
    krate.write("src/block_storage.rs", &block_storage);
    krate.write("src/image.rs", &image);
    let program = repo_file("tests/catalog/program.rs");
    krate.add_to_manifest(&format!(
        "serde_json = \"1\"\n\
         tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"macros\"] }}\n\n\
         [[bin]]\nname = \"catalog\"\npath = {:?}",
        program.to_str().expect("utf-8 path")
    ));
    let build = krate.cargo(&["build", "-q", "--bin", "catalog"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(
        build.status.success(),
        "the crate failed to build:\n{stderr}"
    );
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");

    let started = Instant::now();
    let mut run = krate.command(&["run", "-q", "--bin", "catalog"]);
    run.envs(env);
    let out = run.output().expect("run the program");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    println!("the program ran in {:.1}s", started.elapsed().as_secs_f64());
    assert!(out.status.success(), "a check failed (see above)");
}
