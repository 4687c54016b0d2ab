//! The `apiref` binary as a user runs it: exit codes, stdout, stderr.

mod common;

use std::path::PathBuf;

use common::{apiref, stderr, stdout, workspace};

const SEED: &str = "spec/compute/PUT_update_server_v2.1_tenant_id_servers_server_id_.rst";

fn scratch(name: &str) -> PathBuf {
    let dir = workspace().join("target/cli-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn generate_writes_the_same_code_as_the_snapshot() {
    let out = apiref(&["generate", "spec/compute"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let snapshot = std::fs::read_to_string(workspace().join("tests/snapshots/compute.rs")).unwrap();
    assert!(
        stdout(&out) == snapshot,
        "`apiref generate spec/compute` differs from tests/snapshots/compute.rs"
    );
}

#[test]
fn check_passes_on_fresh_output_and_fails_with_a_diff_on_stale() {
    let dir = scratch("check");
    let file = dir.join("compute.rs");
    let file = file.to_str().unwrap();
    let out = apiref(&["generate", "spec/compute", "-o", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = apiref(&["check", "spec/compute", file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, text.replace("pub access_ipv4", "pub access_ip_v4")).unwrap();
    let out = apiref(&["check", "spec/compute", file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("-        pub access_ip_v4"), "{err}");
    assert!(err.contains("+        pub access_ipv4"), "{err}");
    assert!(err.contains("regenerate"), "{err}");
}

#[test]
fn runtime_path_and_only_shape_the_code_and_an_unknown_name_is_an_error() {
    let out = apiref(&[
        "generate",
        "spec/compute",
        "--runtime-path",
        "crate",
        "--only",
        "update_server",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let code = stdout(&out);
    assert!(code.contains("client: &crate::Client,"), "{code}");
    assert!(code.contains("#[serde(crate = \"crate::__generated::serde\")]"));
    assert!(!code.contains("::apiref::runtime"), "{code}");

    let out = apiref(&["generate", "spec/compute", "--only", "update_server,nope"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("`nope`"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    let out = apiref(&["generate", "spec/compute", "--runtime-path", "a b"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`a b`"), "{}", stderr(&out));
}

#[test]
fn inspect_prints_the_raw_tables_before_any_overlay() {
    let out = apiref(&["inspect", SEED]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let doc = &json[0];
    assert_eq!(
        doc["file"],
        "PUT_update_server_v2.1_tenant_id_servers_server_id_.rst"
    );
    assert_eq!(doc["method"], "PUT");
    assert_eq!(doc["path"], "/v2.1/{tenant_id}/servers/{server_id}");
    let kinds: Vec<&str> = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["response_codes", "uri", "request_body", "response_body"]
    );
    let codes: Vec<&str> = doc["tables"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["200", "503", "400", "401", "403", "405", "404", "409"]
    );
    assert_eq!(
        doc["tables"][0]["rows"][0]["name"],
        "Update server name: JSON response"
    );
    assert_eq!(
        doc["tables"][1]["rows"][0],
        serde_json::json!({"name": "{tenant_id}", "type": "csapi:UUID", "required": false})
    );
    // The request table is the doc's (Create Server's), not the overlay's.
    let request = doc["tables"][2]["rows"].as_array().unwrap();
    assert!(
        request
            .iter()
            .any(|r| r["name"] == "os-availability-zone:availability_zone")
    );
    assert!(request.iter().any(|r| r["name"] == "server"
        && r["type"] == "csapi:ServerForCreate"
        && r["required"] == true));
    let response = doc["tables"][3]["rows"].as_array().unwrap();
    assert!(
        response
            .iter()
            .any(|r| r["name"] == "OS-EXT-SRV-ATTR:hypervisor_hostname"
                && r["type"] == "csapi:string")
    );
}

#[test]
fn errors_print_file_line_column_and_exit_1() {
    let out = apiref(&["generate", "tests/ui/fixtures/ragged_table.rst"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("tests/ui/fixtures/ragged_table.rst:18:54: error: ragged table"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());

    let out = apiref(&["inspect", "spec/nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("spec path not found: `spec/nowhere`"));
}

#[test]
fn a_broken_overlay_points_at_its_key() {
    let dir = scratch("overlay");
    let doc = std::fs::read_to_string(workspace().join(SEED)).unwrap();
    std::fs::write(dir.join("x.rst"), doc).unwrap();
    std::fs::write(
        dir.join("x.overlay.toml"),
        "[request]\nreplace = true\n\n[request.fields.\"server/name\"]\ntype = \"string\"\n",
    )
    .unwrap();
    let out = apiref(&["generate", dir.join("x.rst").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("x.overlay.toml:4:17: error: overlay field `server/name`: no field `server`"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["generate"],
        &["check", "only-one"],
    ] {
        let out = apiref(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("usage:"));
    }
}

/// Copies the os-api-ref fixture to `dir/ref`, its overlay beside it as
/// `dir/fixture.api-ref.toml`, and records two Update Server replies that hold
/// a field the reference omits in `dir/replies`.
fn learn_setup(dir: &std::path::Path) {
    let fixture = workspace().join("tests/fixtures/os-api-ref");
    std::fs::create_dir_all(dir.join("ref/samples")).unwrap();
    for file in [
        "servers.inc",
        "parameters.yaml",
        "samples/server-create-req.json",
    ] {
        std::fs::copy(fixture.join(file), dir.join("ref").join(file)).unwrap();
    }
    std::fs::copy(
        fixture.join("apiref.api-ref.toml"),
        dir.join("fixture.api-ref.toml"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("replies")).unwrap();
    let line = |minor: u16, zone: &str| {
        format!(
            r#"{{"operation":"servers::update","service":"compute","microversion_asked":"2.{minor}","microversion":"2.{minor}","status":200,"body":{{"server":{{"id":"s1","name":"web","pinned_availability_zone":{zone}}}}}}}"#
        )
    };
    let text = format!("{}\n{}\n", line(96, "null"), line(100, "\"az1\""));
    std::fs::write(dir.join("replies/replies-1.jsonl"), text).unwrap();
}

#[test]
fn learn_prints_a_patch_and_write_merges_it_into_the_overlay() {
    let dir = scratch("learn");
    learn_setup(&dir);
    let (reference, overlay, replies) = (
        dir.join("ref"),
        dir.join("fixture.api-ref.toml"),
        dir.join("replies"),
    );
    let args = [
        "learn",
        reference.to_str().unwrap(),
        overlay.to_str().unwrap(),
        "--replies",
        replies.to_str().unwrap(),
    ];
    let out = apiref(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let patch = stdout(&out);
    assert!(
        patch.contains(
            "[\"servers::update\".response.fields.\"server/pinned_availability_zone\"]\n\
             type = \"string\"\nnullable = true"
        ),
        "{patch}"
    );
    assert!(
        patch.contains("# apiref learn: servers::update server/pinned_availability_zone: "),
        "{patch}"
    );
    assert!(stderr(&out).contains("1 entries from 2 replies of 1 operations"));

    let before = std::fs::read_to_string(&overlay).unwrap();
    let out = apiref(&[&args[..], &["--write"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let after = std::fs::read_to_string(&overlay).unwrap();
    assert!(
        after.starts_with(&before),
        "the overlay as it was, then:\n{after}"
    );
    assert!(after.ends_with(patch.as_str()), "{after}");
    // Learnt once, nothing is left to learn.
    let again = apiref(&args);
    assert!(stdout(&again).is_empty(), "{}", stdout(&again));

    let no_overlay = apiref(&["learn", "x", "--replies", "r", "--write"]);
    assert_eq!(no_overlay.status.code(), Some(2));
}
