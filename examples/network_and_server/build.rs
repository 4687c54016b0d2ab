//! Generates the two clients the example uses, each holding only the operations it
//! calls, from the references as their projects publish them:
//!
//! - Neutron's `neutron-lib/api-ref/source/v2` under `APIREF_REFERENCES`, with this
//!   repository's `spec/neutron-reference/network.api-ref.toml`;
//! - Nova's `api-ref/source` (`APIREF_NOVA_REF`), with
//!   `spec/nova-reference/compute.api-ref.toml`.
//!
//! Both variables default to the folders of `../shared` beside the repository.

use std::path::{Path, PathBuf};

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = repo.join("../shared");
    let folder = |var: &str, default: PathBuf| {
        println!("cargo:rerun-if-env-changed={var}");
        let dir = std::env::var_os(var).map_or(default, PathBuf::from);
        if !dir.is_dir() {
            panic!(
                "{} is not a folder: set {var} to the reference (see build.rs)",
                dir.display()
            );
        }
        dir
    };
    let network = folder("APIREF_REFERENCES", shared.join("references"))
        .join("neutron-lib/api-ref/source/v2");
    let compute = folder("APIREF_NOVA_REF", shared.join("nova/api-ref/source"));

    generate(
        "network.rs",
        &network,
        &repo.join("spec/neutron-reference/network.api-ref.toml"),
        &[
            "networks::create",
            "networks::delete",
            "subnets::create",
            "subnets::delete",
            "ports::create",
            "ports::get",
            "ports::delete",
        ],
    );
    generate(
        "compute.rs",
        &compute,
        &repo.join("spec/nova-reference/compute.api-ref.toml"),
        &["servers::create", "servers::get"],
    );
}

/// Writes `$OUT_DIR/<file>` with the operations `only` of `reference` + `overlay`.
fn generate(file: &str, reference: &Path, overlay: &Path, only: &[&str]) {
    let mut config = apiref_generator::Config::new();
    config.file_name(file);
    for op in only {
        config.only(*op);
    }
    let inputs = [
        reference.to_str().expect("a UTF-8 path"),
        overlay.to_str().expect("a UTF-8 path"),
    ];
    if let Err(diagnostics) = config.generate(&inputs) {
        panic!("{diagnostics}");
    }
}
