//! Drift made visible: a reply that holds fields the generated types do not know
//! is reported to the client's hook (operation, microversion, JSON pointers), each
//! typed value can list them, and the raw body is there on request.

mod common;

use std::sync::{Arc, Mutex};

use apiref::runtime::{Client, UnknownFields, Version};
use common::compute;
use common::rename_to;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TENANT: &str = "6f70656e737461636b20342065766572";
const SERVER: &str = "8f18f5d4-64c7-430c-9e92-496b84acf2c2";

fn reply(extra: serde_json::Value) -> serde_json::Value {
    let mut server = json!({
        "id": SERVER, "name": "new-name", "status": "ACTIVE",
        "links": [{"rel": "self", "href": "http://x/servers/1"}],
    });
    for (key, value) in extra.as_object().cloned().unwrap_or_default() {
        server[key] = value;
    }
    json!({ "server": server })
}

async fn serve(server: &MockServer, body: serde_json::Value) {
    Mock::given(method("PUT"))
        .and(path(format!("/v2.1/{TENANT}/servers/{SERVER}")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(body)
                .insert_header("openstack-api-version", "compute 2.96"),
        )
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_reply_with_unknown_fields_is_reported_with_where_they_are() {
    let server = MockServer::start().await;
    serve(
        &server,
        reply(json!({"something_new": "az1", "flavor": {"id": "1", "swap_mb": 0}})),
    )
    .await;
    let seen: Arc<Mutex<Vec<UnknownFields>>> = Arc::default();
    let hook = seen.clone();
    let client = Client::builder(&format!("{}/v2.1/{TENANT}", server.uri()))
        .token("t")
        .on_unknown_fields(move |drift| hook.lock().unwrap().push(drift.clone()))
        .keep_raw_bodies(true)
        .build()
        .expect("client");
    let reply = compute::update_server(&client, TENANT, SERVER, &rename_to("new-name"))
        .await
        .expect("update");

    let expected = ["/server/flavor/swap_mb", "/server/something_new"];
    let mut paths = reply.unknown_fields();
    paths.sort();
    assert_eq!(paths, expected);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].operation, "update_server");
    assert_eq!(seen[0].microversion, Some(Version::new(2, 96)));
    let mut reported = seen[0].paths.clone();
    reported.sort();
    assert_eq!(reported, expected);
    // The raw body is what the server sent, byte for byte.
    let raw: serde_json::Value = serde_json::from_slice(reply.raw_body().expect("kept")).unwrap();
    assert_eq!(raw["server"]["something_new"], "az1");
}

#[tokio::test]
async fn a_reply_the_types_know_is_not_reported_and_raw_bodies_are_off_by_default() {
    let server = MockServer::start().await;
    serve(&server, reply(json!({}))).await;
    let seen: Arc<Mutex<usize>> = Arc::default();
    let hook = seen.clone();
    let client = Client::builder(&format!("{}/v2.1/{TENANT}", server.uri()))
        .token("t")
        .on_unknown_fields(move |_| *hook.lock().unwrap() += 1)
        .build()
        .expect("client");
    let reply = compute::update_server(&client, TENANT, SERVER, &rename_to("new-name"))
        .await
        .expect("update");
    assert!(reply.unknown_fields().is_empty());
    assert_eq!(*seen.lock().unwrap(), 0);
    assert_eq!(reply.raw_body(), None);
}
