//! `examples/update_server.rs --debug` (and `APIREF_DEBUG`) against a Keystone and a
//! Nova on loopback (wiremock): the trace on stderr has a line per request and
//! reply, and neither the password nor the token.

mod common;

use std::process::Output;

use common::example::example_binary;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PASSWORD: &str = "example-debug-password-4b1d";
const TOKEN: &str = "gAAAAA-example-debug-token-9e0c";

async fn cloud() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", TOKEN)
                .insert_header("x-openstack-request-id", "req-login-1")
                .set_body_json(json!({"token": {
                    "methods": ["password"], "expires_at": "2999-01-01T00:00:00Z",
                    "project": {"id": "p1"},
                    "catalog": [{"type": "compute", "endpoints": [{"interface": "public",
                        "region_id": "RegionOne", "url": format!("{}/v2.1", server.uri())}]}]}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/v2.1/p1/servers/s1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-openstack-request-id", "req-put-2")
                .insert_header("openstack-api-version", "compute 2.19")
                .set_body_json(json!({"server": {"id": "s1", "name": "renamed",
                    "status": "ACTIVE", "tenant_id": "p1", "user_id": "u",
                    "links": [], "addresses": {}, "metadata": {}}})),
        )
        .mount(&server)
        .await;
    server
}

async fn run(server: &MockServer, args: &[&str], debug: Option<&str>) -> Output {
    let mut command = std::process::Command::new(example_binary());
    command
        .args([
            "--server",
            "s1",
            "--name",
            "renamed",
            "--microversion",
            "2.19",
        ])
        .args(args)
        .env_clear()
        .env("OS_AUTH_URL", format!("{}/v3", server.uri()))
        .env("OS_USERNAME", "demo")
        .env("OS_PASSWORD", PASSWORD)
        .env("OS_USER_DOMAIN_NAME", "Default")
        .env("OS_PROJECT_ID", "p1");
    if let Some(level) = debug {
        command.env("APIREF_DEBUG", level);
    }
    // Off the test's runtime, which may be serving the mock's connections.
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("run the example")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn debug_prints_each_exchange_without_secrets() {
    let server = cloud().await;
    for (args, env) in [(&["--debug"][..], None), (&[][..], Some("1"))] {
        let output = run(&server, args, env).await;
        let trace = stderr(&output);
        assert!(output.status.success(), "{trace}");
        assert_eq!(trace.matches("apiref::http: request").count(), 2, "{trace}");
        assert_eq!(trace.matches("apiref::http: reply").count(), 2, "{trace}");
        for wanted in [
            "status=201",
            "req-login-1",
            "PUT",
            "/v2.1/p1/servers/s1",
            "status=200",
            "req-put-2",
            "microversion=\"compute 2.19\"",
            "{SHA256}",
        ] {
            assert!(trace.contains(wanted), "{wanted} missing:\n{trace}");
        }
        assert!(
            !trace.contains("request body"),
            "bodies only at trace:\n{trace}"
        );
        assert!(
            !trace.contains(PASSWORD) && !trace.contains(TOKEN),
            "{trace}"
        );
    }
}

#[tokio::test]
async fn apiref_debug_trace_adds_bodies_masked_and_no_debug_prints_nothing() {
    let server = cloud().await;
    let output = run(&server, &[], Some("trace")).await;
    let trace = stderr(&output);
    assert!(output.status.success(), "{trace}");
    assert!(trace.contains("request body"), "{trace}");
    assert!(trace.contains(r#""password":"***""#), "{trace}");
    assert!(trace.contains("<1 services elided>"), "{trace}");
    assert!(trace.contains(r#""name":"renamed""#), "{trace}");
    assert!(
        !trace.contains(PASSWORD) && !trace.contains(TOKEN),
        "{trace}"
    );

    let quiet = run(&server, &[], None).await;
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "");

    let bad = run(&server, &[], Some("loud")).await;
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("APIREF_DEBUG"), "{}", stderr(&bad));
}
