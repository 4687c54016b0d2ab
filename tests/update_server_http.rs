//! The generated Update Server function over real HTTP on loopback, against a
//! wiremock server: what it sends, and what it makes of each kind of reply.

mod common;

use std::time::Duration;

use apiref::runtime::{Client, Error, Microversion, Response, TransportErrorKind, Version};
use common::compute::{self, update_server};
use common::rename_to;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TENANT: &str = "6f70656e737461636b20342065766572";
const SERVER: &str = "8f18f5d4-64c7-430c-9e92-496b84acf2c2";
const URL_PATH: &str =
    "/v2.1/6f70656e737461636b20342065766572/servers/8f18f5d4-64c7-430c-9e92-496b84acf2c2";

fn reply() -> serde_json::Value {
    json!({"server": {
        "id": SERVER, "name": "new-name", "status": "ACTIVE",
        "accessIPv4": "", "accessIPv6": "", "key_name": null,
        "OS-DCF:diskConfig": "MANUAL", "progress": 0,
        "created": "2026-11-27T09:10:27Z", "updated": "2026-11-27T09:11:23Z",
        "OS-SRV-USG:launched_at": "2026-11-27T08:31:30.987430",
        "addresses": {}, "metadata": {}, "tenant_id": TENANT, "user_id": "fake",
        "flavor": {"id": "1", "links": [{"rel": "bookmark", "href": "http://x/flavors/1"}]},
        "image": {"id": "155d", "links": [{"rel": "bookmark", "href": "http://x/images/155d"}]},
        "links": [{"rel": "self", "href": "http://x/servers/1"}],
        "something_new": {"nova": "grew a field"}
    }})
}

async fn client(server: &MockServer) -> Client {
    Client::builder(&format!("{}/v2.1/{TENANT}", server.uri()))
        .token("secret-token-value")
        .timeout(Duration::from_millis(500))
        .build()
        .expect("client")
}

#[tokio::test]
async fn sends_the_documented_request_and_decodes_the_reply() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(URL_PATH))
        .and(header("x-auth-token", "secret-token-value"))
        .and(header("openstack-api-version", "compute 2.19"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"server": {"name": "new-name", "description": null}}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(reply())
                .insert_header("x-openstack-request-id", "req-123")
                .insert_header("openstack-api-version", "compute 2.19"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let mut body = rename_to("new-name");
    body.server.description = Some(None); // `null`: remove the description
    let reply = compute::update_server(&client(&server).await, TENANT, SERVER, &body)
        .microversion(Microversion::Exact(Version::new(2, 19)))
        .await
        .expect("update");

    assert_eq!(reply.status, 200);
    assert_eq!(reply.request_id.as_deref(), Some("req-123"));
    assert_eq!(reply.microversion, Some(Version::new(2, 19)));
    let s = &reply.body.server;
    assert_eq!(s.name.as_deref(), Some("new-name"));
    assert_eq!(
        s.access_ipv4.as_deref(),
        Some(""),
        "Nova's empty string is kept"
    );
    assert!(s.key_name.is_null(), "null is not absent");
    assert_eq!(
        s.os_dcf_disk_config,
        Some(update_server::DiskConfig::Manual)
    );
    let launched = s
        .os_srv_usg_launched_at
        .clone()
        .into_option()
        .expect("launched_at");
    assert_eq!(launched.as_str(), "2026-11-27T08:31:30.987430");
    assert_eq!(s.extra["something_new"], json!({"nova": "grew a field"}));
    // Lossless: the typed body serializes back to exactly what the server sent.
    assert_eq!(serde_json::to_value(&reply.body).unwrap(), self::reply());
}

/// An endpoint function's future owns what it sends: the arguments can be dropped
/// before it is awaited, it can be spawned, and nothing goes out until it runs.
#[tokio::test]
async fn the_call_is_sent_when_awaited_and_borrows_none_of_its_arguments() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(URL_PATH))
        .and(body_json(json!({"server": {"name": "spawned"}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(reply()))
        .expect(1)
        .mount(&server)
        .await;
    let pending = {
        let client = client(&server).await;
        let (tenant, server_id) = (TENANT.to_string(), SERVER.to_string());
        let body = rename_to("spawned");
        // The call as a future of its own (`.send()`), to spawn; awaiting the
        // call itself does the same.
        compute::update_server(&client, &tenant, &server_id, &body).send()
    };
    let before = server.received_requests().await.expect("recorded");
    assert!(before.is_empty(), "sent before being awaited: {before:?}");
    let reply = tokio::spawn(pending)
        .await
        .expect("the task ran")
        .expect("update");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body.server.name.as_deref(), Some("new-name"));
}

#[tokio::test]
async fn catalog_endpoint_forms_reach_the_same_url() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(URL_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(reply()))
        .expect(3)
        .mount(&server)
        .await;
    for base in [
        server.uri(),
        format!("{}/v2.1", server.uri()),
        format!("{}/v2.1/{TENANT}/", server.uri()),
    ] {
        let client = Client::builder(&base).build().unwrap();
        compute::update_server(&client, TENANT, SERVER, &rename_to("a"))
            .await
            .unwrap_or_else(|e| panic!("{base}: {e}"));
    }
}

#[tokio::test]
async fn a_path_argument_stays_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(|req: &Request| {
            ResponseTemplate::new(404).set_body_string(req.url.path().to_string())
        })
        .mount(&server)
        .await;
    let err = compute::update_server(
        &client(&server).await,
        TENANT,
        "../../os-hypervisors",
        &rename_to("a"),
    )
    .await
    .unwrap_err();
    let api = err.api_error().expect("api error");
    assert_eq!(
        api.body,
        format!("/v2.1/{TENANT}/servers/..%2F..%2Fos-hypervisors"),
        "the server saw another endpoint"
    );
    let empty = compute::update_server(&client(&server).await, TENANT, "", &rename_to("a"))
        .await
        .unwrap_err();
    assert!(matches!(empty, Error::InvalidArgument { .. }), "{empty:?}");
}

/// Renames the server against a mock Nova that answers every PUT with `reply`.
async fn rename_against(
    reply: ResponseTemplate,
) -> Result<Response<update_server::Response>, Error> {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(reply)
        .mount(&server)
        .await;
    compute::update_server(&client(&server).await, TENANT, SERVER, &rename_to("a")).await
}

async fn error_for(body: ResponseTemplate) -> Error {
    rename_against(body.insert_header("x-openstack-request-id", "req-err"))
        .await
        .expect_err("an error status")
}

/// Which variant a status becomes is the runtime's table, tested in
/// `runtime/tests/http.rs`. Here: the codes the doc lists, as the generated
/// `OPERATION` carries them, each reach the caller as their own variant with Nova's
/// words, and a code the doc does not list as `UnexpectedStatus`.
#[tokio::test]
async fn each_documented_error_code_is_its_own_variant() {
    let mut documented: Vec<u16> = update_server::OPERATION
        .documented_statuses
        .iter()
        .copied()
        .filter(|status| *status >= 400)
        .collect();
    documented.sort_unstable();
    assert_eq!(documented, [400, 401, 403, 404, 405, 409, 503]);
    for status in documented.into_iter().chain([406, 500]) {
        let fault = format!("fault{status}");
        let body = json!({&fault: {"code": status, "message": format!("message for {status}")}});
        let err = error_for(ResponseTemplate::new(status).set_body_json(&body)).await;
        let unexpected = matches!(err, Error::UnexpectedStatus(_));
        assert_eq!(unexpected, matches!(status, 406 | 500), "{status}: {err:?}");
        let api = err.api_error().unwrap();
        assert_eq!(api.status, status);
        assert_eq!(api.fault.as_deref(), Some(fault.as_str()));
        assert_eq!(
            api.message.as_deref(),
            Some(format!("message for {status}").as_str())
        );
        assert_eq!(err.request_id(), Some("req-err"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&api.body).unwrap(),
            body
        );
        assert!(!format!("{err} {err:?}").contains("secret-token-value"));
    }
}

#[tokio::test]
async fn keystone_style_401_keeps_its_message() {
    let body = json!({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}});
    let err = error_for(ResponseTemplate::new(401).set_body_json(&body)).await;
    let api = err.api_error().unwrap();
    assert!(matches!(err, Error::Unauthorized(_)));
    assert_eq!(
        api.message.as_deref(),
        Some("The request you have made requires authentication.")
    );
}

#[tokio::test]
async fn an_undocumented_status_is_unexpected() {
    let body = json!({"notAcceptable": {"code": 406, "message": "Version 9.9 is not supported by the API."}});
    let err = error_for(ResponseTemplate::new(406).set_body_json(&body)).await;
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
    assert_eq!(err.status(), Some(406));
    assert_eq!(
        err.api_error().unwrap().fault.as_deref(),
        Some("notAcceptable")
    );
}

#[tokio::test]
async fn an_html_404_keeps_its_body() {
    let html = "<html><body><h1>404 Not Found</h1></body></html>";
    let err = error_for(ResponseTemplate::new(404).set_body_raw(html, "text/html")).await;
    assert!(matches!(err, Error::NotFound(_)), "{err:?}");
    let api = err.api_error().unwrap();
    assert_eq!((api.fault.as_deref(), api.body.as_str()), (None, html));
    assert_eq!(err.request_id(), Some("req-err"));
}

#[tokio::test]
async fn an_empty_503_is_still_typed() {
    let err = error_for(ResponseTemplate::new(503)).await;
    assert!(matches!(err, Error::ServiceUnavailable(_)), "{err:?}");
    assert_eq!(err.api_error().unwrap().body, "");
    assert_eq!(err.request_id(), Some("req-err"));
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let err = rename_against(
        ResponseTemplate::new(200)
            .set_body_json(reply())
            .set_delay(Duration::from_secs(3)),
    )
    .await
    .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(matches!(&err, Error::Transport(t) if t.kind == TransportErrorKind::Timeout));
}

#[tokio::test]
async fn a_wrongly_typed_reply_names_the_json_path() {
    let err = rename_against(
        ResponseTemplate::new(200)
            .set_body_json(json!({"server": {"id": SERVER, "progress": "ninety"}}))
            .insert_header("x-openstack-request-id", "req-bad"),
    )
    .await
    .unwrap_err();
    match &err {
        Error::Decode(d) => {
            assert_eq!(d.path, "server.progress");
            assert_eq!(d.status, 200);
            assert_eq!(d.request_id.as_deref(), Some("req-bad"));
            assert!(d.body.contains("ninety"));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_volume_booted_server_has_an_empty_image() {
    let mut body = reply();
    body["server"]["image"] = json!("");
    let reply = rename_against(ResponseTemplate::new(200).set_body_json(&body))
        .await
        .expect("an empty image decodes");
    let image = reply.body.server.image.as_ref().expect("image");
    assert!(image.is_empty() && image.value().is_none());
    assert_eq!(serde_json::to_value(&reply.body).unwrap(), body);
}
