//! The client generated from Keystone's v3 reference (`APIREF_KEYSTONE_REF`) against
//! a real Keystone (`APIREF_KEYSTONE_OUT`), as admin and as a member: the program in
//! `tests/conformance/identity/program.rs`, built in a downstream crate, calls the
//! lifecycles of tokens, domains, projects and tags, users, groups, roles and
//! assignments, regions, services, endpoints, limits, credentials and application
//! credentials, and prints one line per operation. Here: every reply decoded and
//! round-tripped, none has a key its generated type does not hold (it would be in
//! `extra`), and the error replies provoked on purpose are typed, keep Keystone's
//! words and request id, and show no secret.
//!
//! `scripts/conformance identity` runs it and prints the report.

mod downstream;
mod needs;
mod reference_common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use apiref_generator::Generator;
use downstream::Downstream;
use reference_common::{overlay_file, reference_dir, repo_file, unknown_keys};

/// The corrections this repository keeps for Keystone's reference
/// (`APIREF_KEYSTONE_OVERLAY` names another file).
const OVERLAY: &str = "spec/keystone-reference/identity.api-ref.toml";

#[test]
#[ignore = "needs APIREF_KEYSTONE_REF and APIREF_KEYSTONE_OUT (scripts/test sets them)"]
fn the_generated_identity_client_serves_a_real_keystone() {
    let dir = reference_dir("APIREF_KEYSTONE_REF").join("v3");
    let harness = needs::var("APIREF_KEYSTONE_OUT");
    let overlay = overlay_file("APIREF_KEYSTONE_OVERLAY", OVERLAY);
    let (dir, overlay) = (
        dir.to_str().expect("utf-8 path"),
        overlay.to_str().expect("utf-8 path"),
    );

    // The model, for the names of every operation and the keys each reply may hold.
    let docs = Generator::new("/")
        .input(dir)
        .input(overlay)
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let (endpoints, _) =
        apiref_generator::__stages::resolve(&docs).unwrap_or_else(|e| panic!("{e}"));

    let krate = Downstream::new("keystone_conformance");
    let mut lib = format!(
        "//! Keystone's v3 reference, generated.\n#![deny(warnings)]\n\n\
         pub mod identity {{\n    apiref::generate!({dir:?}, {overlay:?});\n}}\n\n\
         /// Every operation of the reference, for the report.\n\
         pub const OPERATIONS: &[&apiref::runtime::Operation] = &[\n"
    );
    for e in &endpoints {
        writeln!(lib, "    &identity::{}::OPERATION,", e.name).expect("write");
    }
    lib.push_str("];\n");
    krate.write("src/lib.rs", &lib);
    krate.write(
        "src/main.rs",
        &std::fs::read_to_string(repo_file("tests/conformance/identity/program.rs")).expect("main"),
    );
    krate.add_to_manifest(
        "serde = \"1\"\nserde_json = \"1\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt\"] }",
    );
    let replies = krate.dir.join("replies.jsonl");
    let out = krate
        .command(&["run", "-q"])
        .env("APIREF_KEYSTONE_OUT", &harness)
        .env("CONFORMANCE_REPLIES", &replies)
        .output()
        .expect("run cargo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "conformance run failed:\n{stderr}\n{stdout}"
    );
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");

    // One line per operation, none failed.
    let lines: Vec<&str> = stdout.lines().collect();
    for e in &endpoints {
        let prefix = format!("{} ", e.name);
        assert!(
            lines.iter().any(|l| l.starts_with(&prefix)),
            "no line for {}",
            e.name
        );
    }
    let failed: Vec<&&str> = lines.iter().filter(|l| l.contains(" FAILED")).collect();
    assert!(failed.is_empty(), "failed operations:\n{failed:#?}");
    let ok = lines.iter().filter(|l| l.ends_with(" ok")).count();
    assert!(ok >= 100, "only {ok} operations ok");

    // No reply holds a key its generated type does not (it would land in `extra`).
    let by_name: BTreeMap<&str, _> = endpoints.iter().map(|e| (e.name.as_str(), e)).collect();
    let mut in_extra = Vec::new();
    let text = std::fs::read_to_string(&replies).expect("replies");
    for line in text.lines() {
        let reply: serde_json::Value = serde_json::from_str(line).expect("a reply");
        let name = reply["op"].as_str().expect("op");
        let endpoint = by_name[name];
        match &endpoint.response {
            Some(body) => {
                let mut unknown = Vec::new();
                unknown_keys(&body.object, &reply["body"], "", &mut unknown);
                if !unknown.is_empty() {
                    in_extra.push(format!("{name}: {}", unknown.join(", ")));
                }
            }
            None => assert!(reply["body"].is_null(), "{name} answered a body: {line}"),
        }
    }
    assert!(in_extra.is_empty(), "keys kept in extra:\n{in_extra:#?}");

    // Each provoked error: its status, typed, Keystone's title and message, a
    // request id, and no secret in its text.
    for (status, variant) in [
        (400, "BadRequest"),
        (401, "Auth"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (409, "Conflict"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("error {status} ")))
            .unwrap_or_else(|| panic!("no {status} provoked"));
        assert!(
            line.contains(&format!(" {variant} "))
                && line.contains("title=true message=true request_id=true secret_shown=false"),
            "{line}"
        );
    }
}
