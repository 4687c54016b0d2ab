//! Recording replies over real loopback HTTP: what reaches the folder, and what
//! never does (the token, the passwords the request carried, the credentials a
//! reply holds).

mod common;

use apiref_runtime::{Client, Method, Microversion, Operation, Version};
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

use common::{UPDATE_SERVER, compute, on};

const TOKEN: &str = "gAAAAAB-record-token-value";
const PASSWORD: &str = "new-user-password-77";
const APP_SECRET: &str = "app-cred-secret-value-99";

/// `POST /v2.1/{tenant_id}/users`: a request that carries a password.
const CREATE_USER: Operation = compute(
    "users::create",
    Method::Post,
    "/v2.1/{tenant_id}/users",
    &[201],
);

/// Every line of every file the client wrote in `dir`.
fn recorded(dir: &std::path::Path) -> Vec<String> {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the folder") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("a file");
        lines.extend(text.lines().map(str::to_owned));
    }
    lines
}

#[tokio::test]
async fn secrets_never_reach_the_recording() {
    let server = MockServer::start().await;
    let reply = json!({"user": {
        "id": "u1",
        "note": format!("token {TOKEN} and password {PASSWORD} echoed"),
        "adminPass": "nova-made-admin-pass",
        "application_credential": {"id": "ac1", "secret": APP_SECRET},
        "credential": {"blob": "{\"access\": \"a1\", \"secret\": \"s1-long-enough\"}"},
        "private_key": "-----BEGIN PRIVATE KEY-----",
        "description": null
    }});
    on(
        &server,
        "POST /v2.1/p1/users",
        ResponseTemplate::new(201)
            .insert_header("OpenStack-API-Version", "compute 2.19")
            .set_body_json(&reply),
        1,
    )
    .await;
    on(
        &server,
        "PUT /v2.1/p1/servers/s1",
        ResponseTemplate::new(404).set_body_json(json!({"itemNotFound": {"message": "gone"}})),
        1,
    )
    .await;

    let dir = std::env::temp_dir().join(format!("apiref-record-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let client = Client::builder(&server.uri())
        .token(TOKEN)
        .record_replies(&dir)
        .build()
        .expect("client");
    let body = json!({"user": {"name": "n", "password": PASSWORD}});
    let sent = client
        .call::<(), Value, Value>(
            &CREATE_USER,
            &["p1"],
            None,
            Some(&body),
            Microversion::Exact(Version::new(2, 19)),
        )
        .await
        .expect("created");
    assert_eq!(
        sent.body["user"]["application_credential"]["secret"],
        APP_SECRET
    );
    let refused = client
        .call::<(), Value, Value>(
            &UPDATE_SERVER,
            &["p1", "s1"],
            None,
            Some(&json!({})),
            Microversion::Default,
        )
        .await;
    assert!(refused.is_err());

    let lines = recorded(&dir);
    assert_eq!(lines.len(), 1, "only the decoded 2xx reply: {lines:?}");
    let all = lines.join("\n");
    for secret in [
        TOKEN,
        PASSWORD,
        APP_SECRET,
        "nova-made-admin-pass",
        "s1-long-enough",
        "PRIVATE KEY",
    ] {
        assert!(!all.contains(secret), "{secret} recorded: {all}");
    }
    let line: Value = serde_json::from_str(&lines[0]).expect("JSON");
    assert_eq!(line["operation"], "users::create");
    assert_eq!(line["service"], "compute");
    assert_eq!(line["method"], "POST");
    assert_eq!(line["microversion_asked"], "2.19");
    assert_eq!(line["microversion"], "2.19");
    assert_eq!(line["status"], 201);
    let user = &line["body"]["user"];
    assert_eq!(user["id"], "u1");
    assert_eq!(user["description"], Value::Null, "values keep their kind");
    assert_eq!(user["application_credential"]["secret"], "***");
    assert_eq!(user["note"], "token *** and password *** echoed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn clients_of_one_process_share_one_file() {
    let server = MockServer::start().await;
    on(
        &server,
        "GET /v2.1/p1/servers/s1",
        ResponseTemplate::new(200).set_body_json(json!({"server": {"id": "s1"}})),
        2,
    )
    .await;
    let dir = std::env::temp_dir().join(format!("apiref-record-share-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for _ in 0..2 {
        let client = Client::builder(&server.uri())
            .record_replies(&dir)
            .build()
            .expect("client");
        common::show_server(&client).await.expect("shown");
    }
    let files: Vec<_> = std::fs::read_dir(&dir).expect("folder").collect();
    assert_eq!(files.len(), 1);
    assert_eq!(recorded(&dir).len(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}
