//! Editing a spec doc or its overlay rebuilds the crate that invokes
//! `apiref::generate!`, with no `cargo clean` and no touch of its sources.

mod downstream;

use downstream::Downstream;

const SEED: &str = "PUT_update_server_v2.1_tenant_id_servers_server_id_";

#[test]
fn editing_the_spec_or_overlay_recompiles_the_crate() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/compute");
    let doc = std::fs::read_to_string(root.join(format!("{SEED}.rst"))).unwrap();
    let overlay = std::fs::read_to_string(root.join(format!("{SEED}.overlay.toml"))).unwrap();

    let krate = Downstream::new("recompile_on_edit");
    krate.write(&format!("spec/{SEED}.rst"), &doc);
    krate.write(&format!("spec/{SEED}.overlay.toml"), &overlay);
    krate.write(
        "src/main.rs",
        "mod compute {\n    apiref::generate!(\"spec\");\n}\n\n\
         fn main() {\n    let op = compute::update_server::OPERATION;\n    \
         println!(\"{} {:?}\", op.path, op.max_microversion.map(|v| v.to_string()));\n}\n",
    );
    assert_eq!(
        krate.run().trim(),
        "/v2.1/{tenant_id}/servers/{server_id} Some(\"2.104\")"
    );

    krate.write(
        &format!("spec/{SEED}.overlay.toml"),
        &overlay.replace(
            "max_microversion = \"2.104\"",
            "max_microversion = \"2.105\"",
        ),
    );
    assert_eq!(
        krate.run().trim(),
        "/v2.1/{tenant_id}/servers/{server_id} Some(\"2.105\")",
        "an overlay edit must rebuild"
    );

    krate.write(
        &format!("spec/{SEED}.rst"),
        &doc.replace(
            "    PUT /v2.1/{tenant_id}/servers/{server_id}",
            "    PUT /v2.1/{tenant_id}/instances/{server_id}",
        ),
    );
    assert_eq!(
        krate.run().trim(),
        "/v2.1/{tenant_id}/instances/{server_id} Some(\"2.105\")",
        "a doc edit must rebuild"
    );
}

#[test]
fn a_build_script_writes_the_same_code_and_reruns_on_edits() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = root.join("spec/compute");
    let doc = std::fs::read_to_string(spec.join(format!("{SEED}.rst"))).unwrap();
    let overlay = std::fs::read_to_string(spec.join(format!("{SEED}.overlay.toml"))).unwrap();

    let krate = Downstream::new("build_script");
    krate.add_to_manifest(&format!(
        "[build-dependencies]\napiref-generator = {{ path = {:?} }}",
        root.join("generator").display().to_string()
    ));
    krate.write(&format!("spec/{SEED}.rst"), &doc);
    krate.write(&format!("spec/{SEED}.overlay.toml"), &overlay);
    krate.write(
        "build.rs",
        "fn main() {\n    apiref_generator::Config::new()\n        .file_name(\"compute.rs\")\n        \
         .generate(&[\"spec\"])\n        .unwrap_or_else(|e| panic!(\"{e}\"));\n}\n",
    );
    krate.write(
        "src/main.rs",
        "mod compute {\n    include!(concat!(env!(\"OUT_DIR\"), \"/compute.rs\"));\n}\n\n\
         fn main() {\n    let op = compute::update_server::OPERATION;\n    \
         println!(\"{:?}\", op.max_microversion.map(|v| v.to_string()));\n    \
         print!(\"{}\", std::fs::read_to_string(concat!(env!(\"OUT_DIR\"), \"/compute.rs\")).unwrap());\n}\n",
    );
    let out = krate.run();
    let (first, code) = out.split_once('\n').unwrap();
    assert_eq!(first, "Some(\"2.104\")");
    let cli = apiref_generator::Generator::new(root)
        .input("spec/compute")
        .generate_source()
        .unwrap();
    assert!(
        code == cli,
        "build.rs output differs from `apiref generate`"
    );

    krate.write(
        &format!("spec/{SEED}.overlay.toml"),
        &overlay.replace(
            "max_microversion = \"2.104\"",
            "max_microversion = \"2.105\"",
        ),
    );
    let out = krate.run();
    assert_eq!(
        out.lines().next(),
        Some("Some(\"2.105\")"),
        "an overlay edit must rerun build.rs"
    );
}
