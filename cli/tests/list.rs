//! `apiref list`: every operation's Rust path, method, path, microversions and
//! title, as a table or as JSON.

mod common;

use common::{apiref, stderr, stdout};

const FIXTURE: &str = "cli/tests/fixtures/list";
const OVERLAY: &str = "cli/tests/fixtures/list/list.api-ref.toml";

#[test]
fn list_prints_one_aligned_line_per_operation() {
    let out = apiref(&["list", FIXTURE, OVERLAY]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<&str>> = text
        .lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(
        lines,
        [
            vec!["servers::list", "GET", "/v2.1/servers", "-", "List Servers"],
            vec![
                "servers::reboot",
                "POST",
                "/v2.1/servers/{server_id}/action",
                "-",
                "Reboot Server (reboot Action)"
            ],
            vec![
                "servers::start",
                "POST",
                "/v2.1/servers/{server_id}/action",
                "-",
                "Start Server (os-start Action)"
            ],
            vec![
                "hypervisors::uptime",
                "GET",
                "/v2.1/os-hypervisors/{hypervisor_id}/uptime",
                "2.1..2.87",
                "Show Hypervisor Uptime"
            ],
        ]
    );
    // The columns line up: every method starts at the same place.
    let starts: Vec<usize> = text
        .lines()
        .map(|l| l.find(" GET").or(l.find(" POST")).unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn list_json_holds_the_same() {
    let out = apiref(&["list", FIXTURE, OVERLAY, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ops = json.as_array().unwrap();
    assert_eq!(ops.len(), 4);
    assert_eq!(ops[2]["name"], "servers::start");
    assert_eq!(ops[2]["module"], serde_json::json!(["servers"]));
    assert_eq!(ops[2]["function"], "start");
    assert_eq!(ops[2]["named_by"], "structure");
    assert_eq!(ops[2]["method"], "POST");
    assert_eq!(ops[2]["path"], "/v2.1/servers/{server_id}/action");
    assert_eq!(ops[2]["service"], "compute");
    assert_eq!(ops[3]["min_microversion"], "2.1");
    assert_eq!(ops[3]["max_microversion"], "2.87");
    assert_eq!(ops[0]["min_microversion"], serde_json::Value::Null);
    assert_eq!(ops[3]["file"], "cli/tests/fixtures/list/servers.inc");
}

#[test]
fn list_of_the_seed_spec_and_its_usage_errors() {
    let out = apiref(&["list", "spec/compute"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "update_server  PUT  /v2.1/{tenant_id}/servers/{server_id}  2.1..2.104  Update Server\n"
    );
    assert_eq!(apiref(&["list"]).status.code(), Some(2));
    assert_eq!(
        apiref(&["list", "spec/compute", "--bogus"]).status.code(),
        Some(2)
    );
}

#[test]
fn operations_nothing_tells_apart_are_an_error_naming_both() {
    let out = apiref(&["list", "cli/tests/fixtures/list-conflict"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Each of the two is an error at its own place, naming the other.
    assert!(
        err.contains(
            "servers.inc:6:1: error: `servers` is also the name of `GET /v2.1/servers` \
             (cli/tests/fixtures/list-conflict/servers.inc:15)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "servers.inc:15:1: error: `servers` is also the name of `GET /v2.1/servers` \
             (cli/tests/fixtures/list-conflict/servers.inc:6)"
        ),
        "{err}"
    );
    assert!(err.contains("rename one in an overlay"), "{err}");
}
