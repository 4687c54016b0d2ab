//! The runtime over real loopback HTTP: what goes on the wire and how replies map.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

mod common;

use apiref_runtime::{
    Client, Error, Extra, Method, Microversion, Operation, Response, Timestamp, TransportErrorKind,
    Version,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::{DELETE_SERVER, LIST_SERVERS, UPDATE_SERVER, on, operation};

const TOKEN: &str = "gAAAAAB-secret-token-value";

#[derive(Serialize)]
struct UpdateRequest {
    server: UpdateServer,
}

#[derive(Serialize)]
struct UpdateServer {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

#[derive(Deserialize, Debug)]
struct ServerReply {
    server: Server,
}

#[derive(Deserialize, Debug)]
struct Server {
    id: String,
    name: String,
    progress: Option<u8>,
    #[serde(rename = "OS-SRV-USG:launched_at")]
    launched_at: Option<Timestamp>,
}

#[derive(Deserialize, Debug)]
struct FlatServerReply {
    server: FlatServer,
}

#[derive(Deserialize, Debug)]
struct FlatServer {
    id: String,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Serialize)]
struct ListQuery<'a> {
    name: &'a str,
    status: Vec<&'a str>,
    limit: Option<u32>,
    marker: Option<&'a str>,
    all_tenants: bool,
}

fn update_body() -> UpdateRequest {
    UpdateRequest {
        server: UpdateServer {
            name: "new-name".to_owned(),
            description: Some("d".to_owned()),
        },
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder(&format!("{}/v2.1/p1", server.uri()))
        .token(TOKEN)
        .build()
        .expect("client builds")
}

/// `op` (an Update Server) on project `p1` with [`update_body`], decoded as `T`.
async fn put_op<T: DeserializeOwned>(
    client: &Client,
    op: &Operation,
    server_id: &str,
    mv: Microversion,
) -> Result<Response<T>, Error> {
    client
        .call::<(), _, T>(op, &["p1", server_id], None, Some(&update_body()), mv)
        .await
}

/// Update Server decoded as `T`, against a fresh server that answers every PUT with
/// `reply`.
async fn put_answered<T: DeserializeOwned>(reply: ResponseTemplate) -> Result<Response<T>, Error> {
    let server = MockServer::start().await;
    on(&server, "PUT", reply, ..).await;
    put_op(
        &client(&server),
        &UPDATE_SERVER,
        "s1",
        Microversion::Default,
    )
    .await
}

/// Update Server on project `p1`, decoded as [`ServerReply`].
async fn put(
    client: &Client,
    server_id: &str,
    mv: Microversion,
) -> Result<Response<ServerReply>, Error> {
    put_op(client, &UPDATE_SERVER, server_id, mv).await
}

/// 200 with [`server_json`].
fn ok_server() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(server_json())
}

/// Expects `times` PUTs asking for compute `version`, and answers them [`ok_server`].
async fn expect_put_at(server: &MockServer, version: &str, times: u64) {
    Mock::given(method("PUT"))
        .and(header(
            "openstack-api-version",
            format!("compute {version}"),
        ))
        .respond_with(ok_server())
        .expect(times)
        .mount(server)
        .await;
}

fn server_json() -> serde_json::Value {
    json!({"server": {
        "id": "s1",
        "name": "new-name",
        "progress": 0,
        "OS-SRV-USG:launched_at": "2026-11-27T08:31:30.987430",
        "locked": false
    }})
}

#[tokio::test]
async fn put_sends_method_path_headers_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2.1/p1/servers/s1"))
        .and(header("x-auth-token", TOKEN))
        .and(header("openstack-api-version", "compute 2.19"))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(header(
            "user-agent",
            concat!("apiref/", env!("CARGO_PKG_VERSION")),
        ))
        .and(body_json(
            json!({"server": {"name": "new-name", "description": "d"}}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(server_json())
                .insert_header("OpenStack-API-Version", "compute 2.19")
                .insert_header("X-OpenStack-Request-Id", "req-abc")
                .insert_header("X-Compute-Request-Id", "req-other"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let reply = put(&client(&server), "s1", Version::new(2, 19).into())
        .await
        .expect("200 decodes");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.request_id.as_deref(), Some("req-abc"));
    assert_eq!(reply.microversion, Some(Version::new(2, 19)));
    let body = reply.into_body().server;
    assert_eq!((body.id.as_str(), body.name.as_str()), ("s1", "new-name"));
    assert_eq!(body.progress, Some(0));
    let launched = body.launched_at.expect("present");
    assert_eq!(launched.as_str(), "2026-11-27T08:31:30.987430");
    assert_eq!(launched.parse().expect("parses").nanos, 987_430_000);
}

#[tokio::test]
async fn no_token_no_body_no_microversion_means_no_headers() {
    let server = MockServer::start().await;
    on(
        &server,
        "DELETE /v2.1/p1/servers/s1",
        ResponseTemplate::new(204).insert_header("X-Compute-Request-Id", "req-c"),
        1,
    )
    .await;
    let client = Client::builder(&server.uri())
        .user_agent("my-tool/1.0")
        .build()
        .expect("builds");
    let reply = client
        .call::<(), (), ()>(
            &DELETE_SERVER,
            &["p1", "s1"],
            None,
            None,
            Microversion::Default,
        )
        .await
        .expect("204 with empty body decodes as ()");
    assert_eq!(reply.status, 204);
    assert_eq!(reply.request_id.as_deref(), Some("req-c"));
    assert_eq!(reply.microversion, None);

    let requests = server.received_requests().await.expect("recording on");
    let headers = &requests[0].headers;
    assert!(headers.get("x-auth-token").is_none());
    assert!(headers.get("openstack-api-version").is_none());
    assert!(headers.get("content-type").is_none());
    assert_eq!(
        headers.get("user-agent").and_then(|v| v.to_str().ok()),
        Some("my-tool/1.0")
    );
}

#[tokio::test]
async fn client_default_and_latest_microversions() {
    let server = MockServer::start().await;
    expect_put_at(&server, "2.90", 1).await;
    expect_put_at(&server, "latest", 1).await;
    let client = Client::builder(&server.uri())
        .token(TOKEN)
        .microversion("2.90".parse().expect("valid"))
        .build()
        .expect("builds");
    put(&client, "s1", Microversion::Default)
        .await
        .expect("default used");
    put(&client, "s1", Microversion::Latest)
        .await
        .expect("latest used");
}

#[tokio::test]
async fn endpoint_forms_reach_the_same_path() {
    let server = MockServer::start().await;
    on(&server, "PUT /v2.1/p1/servers/s1", ok_server(), 5).await;
    on(&server, "PUT /compute/v2.1/p1/servers/s1", ok_server(), 2).await;
    let uri = server.uri();
    for (form, project) in [
        (uri.clone(), None),
        (format!("{uri}/"), None),
        (format!("{uri}/v2.1"), None),
        (format!("{uri}/v2.1/p1/"), Some("p1")),
        (format!("{uri}/v2/p1"), Some("p1")),
        (format!("{uri}/compute/v2.1/p1"), Some("p1")),
        (format!("{uri}/compute"), None),
    ] {
        let client = Client::builder(&form).build().expect("builds");
        assert_eq!(client.endpoint().project_id(), project, "{form}");
        put(&client, "s1", Microversion::Default)
            .await
            .unwrap_or_else(|e| panic!("{form}: {e}"));
    }
}

#[tokio::test]
async fn traversal_id_stays_one_segment_on_the_wire() {
    let server = MockServer::start().await;
    on(
        &server,
        "PUT /v2.1/p1/servers/..%2F..%2Fos-hypervisors",
        ok_server(),
        1,
    )
    .await;
    put(
        &client(&server),
        "../../os-hypervisors",
        Microversion::Default,
    )
    .await
    .expect("reaches the server as one segment");

    // Nothing is sent for arguments that would vanish or collapse.
    for bad in ["", ".", ".."] {
        match put(&client(&server), bad, Microversion::Default).await {
            Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "server_id"),
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1
    );
}

/// A one-shot HTTP server on a plain socket: returns the request line exactly as sent.
fn raw_request_line_server() -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        while !received.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).expect("read");
            if n == 0 {
                break;
            }
            received.extend_from_slice(&buf[..n]);
        }
        stream
            .write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .expect("write");
        let text = String::from_utf8_lossy(&received).into_owned();
        text.lines().next().unwrap_or_default().to_owned()
    });
    (format!("http://{addr}"), handle)
}

#[tokio::test]
async fn raw_request_line_keeps_encoded_segments() {
    let (uri, handle) = raw_request_line_server();
    let client = Client::builder(&format!("{uri}/v2.1/p1"))
        .build()
        .expect("builds");
    client
        .call::<(), (), ()>(
            &DELETE_SERVER,
            &["p1", "../../os-hypervisors naïve"],
            None,
            None,
            Microversion::Default,
        )
        .await
        .expect("204");
    let line = handle.join().expect("server thread");
    assert_eq!(
        line,
        "DELETE /v2.1/p1/servers/..%2F..%2Fos-hypervisors%20na%C3%AFve HTTP/1.1"
    );
}

type IsVariant = fn(&Error) -> bool;

#[tokio::test]
async fn documented_errors_map_to_variants() {
    let server = MockServer::start().await;
    let cases: [(u16, &str, IsVariant); 8] = [
        (400, "badRequest", |e| matches!(e, Error::BadRequest(_))),
        (401, "Unauthorized", |e| matches!(e, Error::Unauthorized(_))),
        (403, "forbidden", |e| matches!(e, Error::Forbidden(_))),
        (404, "itemNotFound", |e| matches!(e, Error::NotFound(_))),
        (405, "methodNotAllowed", |e| {
            matches!(e, Error::MethodNotAllowed(_))
        }),
        (409, "conflictingRequest", |e| {
            matches!(e, Error::Conflict(_))
        }),
        (503, "serviceUnavailable", |e| {
            matches!(e, Error::ServiceUnavailable(_))
        }),
        (406, "notAcceptable", |e| {
            matches!(e, Error::UnexpectedStatus(_))
        }),
    ];
    for (status, fault, _) in &cases {
        let body = if *status == 401 {
            json!({"error": {"code": 401, "title": fault, "message": "m401"}})
        } else {
            json!({ *fault: {"code": status, "message": format!("m{status}")} })
        };
        Mock::given(path(format!("/v2.1/p1/servers/s{status}")))
            .respond_with(
                ResponseTemplate::new(*status)
                    .set_body_json(body)
                    .insert_header("x-openstack-request-id", format!("req-{status}").as_str()),
            )
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for (status, fault, is_variant) in cases {
        let err = put(&client, &format!("s{status}"), Microversion::Default)
            .await
            .expect_err("error status");
        assert!(is_variant(&err), "{status} gave {err:?}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.request_id(), Some(format!("req-{status}").as_str()));
        let api = err.api_error().expect("api error");
        assert_eq!(api.fault.as_deref(), Some(fault));
        assert_eq!(api.message, Some(format!("m{status}")));
        assert!(!err.is_timeout());
    }

    let err = put(&client, "s404", Microversion::Default)
        .await
        .expect_err("404");
    assert_eq!(err.to_string(), "404 itemNotFound: m404 (request req-404)");
}

#[tokio::test]
async fn undocumented_error_status_is_unexpected() {
    let server = MockServer::start().await;
    on(
        &server,
        "GET",
        ResponseTemplate::new(404)
            .set_body_json(json!({"itemNotFound": {"code": 404, "message": "gone"}})),
        ..,
    )
    .await;
    let err = client(&server)
        .call::<(), (), serde_json::Value>(
            &LIST_SERVERS,
            &["p1"],
            None,
            None,
            Microversion::Default,
        )
        .await
        .expect_err("404");
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
    assert_eq!(err.status(), Some(404));
    assert!(
        err.to_string()
            .starts_with("unexpected status 404 itemNotFound: gone")
    );
}

#[tokio::test]
async fn html_404_and_empty_503_keep_the_raw_body() {
    let server = MockServer::start().await;
    let html = "<html><head><title>404 Not Found</title></head><body>nginx</body></html>";
    on(
        &server,
        "/v2.1/p1/servers/html",
        ResponseTemplate::new(404).set_body_raw(html, "text/html"),
        ..,
    )
    .await;
    on(
        &server,
        "/v2.1/p1/servers/empty",
        ResponseTemplate::new(503).insert_header("x-compute-request-id", "req-e"),
        ..,
    )
    .await;
    let client = client(&server);

    let err = put(&client, "html", Microversion::Default)
        .await
        .expect_err("404");
    let Error::NotFound(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((api.fault.as_deref(), api.message.as_deref()), (None, None));
    assert_eq!(api.body, html);
    assert_eq!(err.to_string(), "404 Not Found (HTML body)");

    let err = put(&client, "empty", Microversion::Default)
        .await
        .expect_err("503");
    let Error::ServiceUnavailable(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.body, "");
    assert_eq!(api.fault, None);
    assert_eq!(api.request_id.as_deref(), Some("req-e"));
    assert_eq!(
        err.to_string(),
        "503 Service Unavailable (empty body) (request req-e)"
    );
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = MockServer::start().await;
    on(
        &server,
        "PUT",
        ResponseTemplate::new(200)
            .set_body_json(server_json())
            .set_delay(Duration::from_secs(3)),
        ..,
    )
    .await;
    let client = Client::builder(&server.uri())
        .token(TOKEN)
        .timeout(Duration::from_millis(200))
        .build()
        .expect("builds");
    let err = put(&client, "s1", Microversion::Default)
        .await
        .expect_err("times out");
    assert!(err.is_timeout(), "{err:?}");
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Timeout);
    assert_eq!(transport.method, Method::Put);
    assert!(transport.url.ends_with("/v2.1/p1/servers/s1"));
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(err.status(), None);
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let client = Client::builder(&format!("http://127.0.0.1:{port}"))
        .build()
        .expect("builds");
    let err = put(&client, "s1", Microversion::Default)
        .await
        .expect_err("refused");
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Connect);
    assert!(!err.is_timeout());
}

#[tokio::test]
async fn decode_error_names_the_json_path() {
    let err = put_answered::<ServerReply>(
        ResponseTemplate::new(200)
            .set_body_json(json!({"server": {"id": "s1", "name": "n", "progress": "fifty"}}))
            .insert_header("x-openstack-request-id", "req-d"),
    )
    .await
    .expect_err("bad progress");
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "server.progress");
    assert_eq!(decode.status, 200);
    assert_eq!(decode.request_id.as_deref(), Some("req-d"));
    assert!(decode.body.contains("fifty"));
    assert!(
        decode.message.contains("invalid type"),
        "{}",
        decode.message
    );
    assert!(
        err.to_string()
            .starts_with("cannot decode 200 reply at server.progress: ")
    );
}

/// Generated structs keep unknown fields with `#[serde(flatten)] extra: Extra`; serde
/// buffers such maps before decoding the fields, and the error path must still name
/// the field.
#[tokio::test]
async fn decode_error_path_survives_flatten() {
    let err = put_answered::<FlatServerReply>(
        ResponseTemplate::new(200).set_body_json(json!({"server": {"id": 7, "x": 1}})),
    )
    .await
    .expect_err("id is a number");
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(decode.path, "server.id");

    let reply = put_answered::<FlatServerReply>(
        ResponseTemplate::new(200).set_body_json(json!({"server": {"id": "s1", "locked": true}})),
    )
    .await
    .expect("decodes");
    assert_eq!(reply.body.server.id, "s1");
    assert_eq!(reply.body.server.extra.get("locked"), Some(&json!(true)));
}

fn version_document(max: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"version": {
            "id": "v2.1", "status": "CURRENT", "version": max, "min_version": "2.1",
            "updated": "2013-07-23T11:33:21Z", "links": []
        }}))
        .set_delay(Duration::from_millis(100))
}

#[tokio::test]
async fn negotiation_fetches_the_version_document_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2.1/"))
        .and(header("x-auth-token", TOKEN))
        .respond_with(version_document("2.104"))
        .expect(1)
        .mount(&server)
        .await;
    expect_put_at(&server, "2.90", 8).await;
    Mock::given(method("GET"))
        .and(path("/v2.1/p1/servers"))
        .and(header("openstack-api-version", "compute 2.104"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"servers": []})))
        .expect(1)
        .mount(&server)
        .await;

    const CAPPED: Operation = Operation {
        max_microversion: Some(Version::new(2, 90)),
        ..UPDATE_SERVER
    };
    let client = client(&server);
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            put_op::<ServerReply>(&client, &CAPPED, "s1", Microversion::Negotiate)
                .await
                .map(|_| ())
        }));
    }
    for task in tasks {
        task.await.expect("task ran").expect("call succeeded");
    }
    // An operation without a documented maximum gets the server's maximum.
    client
        .call::<(), (), serde_json::Value>(
            &LIST_SERVERS,
            &["p1"],
            None,
            None,
            Microversion::Negotiate,
        )
        .await
        .expect("list succeeded");
    let range = client.server_versions().await.expect("cached");
    assert_eq!(
        (range.min, range.max),
        (Version::new(2, 1), Version::new(2, 104))
    );
    server.verify().await;
}

#[tokio::test]
async fn negotiation_uses_older_server_max_and_refuses_without_overlap() {
    let server = MockServer::start().await;
    on(&server, "GET /v2.1/", version_document("2.60"), 1).await;
    expect_put_at(&server, "2.60", 1).await;
    const UP_TO_90: Operation = Operation {
        max_microversion: Some(Version::new(2, 90)),
        ..UPDATE_SERVER
    };
    const FROM_100: Operation = Operation {
        min_microversion: Some(Version::new(2, 100)),
        ..UPDATE_SERVER
    };
    let client = client(&server);
    put_op::<ServerReply>(&client, &UP_TO_90, "s1", Microversion::Negotiate)
        .await
        .expect("2.60 used");
    let err = put_op::<ServerReply>(&client, &FROM_100, "s1", Microversion::Negotiate)
        .await
        .expect_err("no overlap");
    assert!(matches!(err, Error::Negotiation(_)), "{err:?}");
    server.verify().await;
}

#[tokio::test]
async fn query_is_serialized_and_encoded() {
    let server = MockServer::start().await;
    on(
        &server,
        "GET /v2.1/p1/servers",
        ResponseTemplate::new(200).set_body_json(json!({"servers": []})),
        1,
    )
    .await;
    let query = ListQuery {
        name: "web 1&x=y",
        status: vec!["ACTIVE", "ERROR"],
        limit: Some(5),
        marker: None,
        all_tenants: true,
    };
    client(&server)
        .call::<_, (), serde_json::Value>(
            &LIST_SERVERS,
            &["p1"],
            Some(&query),
            None,
            Microversion::Default,
        )
        .await
        .expect("200");
    let requests = server.received_requests().await.expect("recording");
    let raw = requests[0].url.query().unwrap_or_default().to_owned();
    let mut pairs: Vec<&str> = raw.split('&').collect();
    pairs.sort_unstable();
    assert_eq!(
        pairs,
        [
            "all_tenants=true",
            "limit=5",
            "name=web%201%26x%3Dy",
            "status=ACTIVE",
            "status=ERROR"
        ]
    );
    let status_order: Vec<&str> = raw
        .split('&')
        .filter(|p| p.starts_with("status="))
        .collect();
    assert_eq!(status_order, ["status=ACTIVE", "status=ERROR"]);
}

#[tokio::test]
async fn token_never_appears_in_errors() {
    let server = MockServer::start().await;
    // A server that echoes the token back, in an error and in a bad success body.
    on(
        &server,
        "/v2.1/p1/servers/s401",
        ResponseTemplate::new(401).set_body_json(json!({"error": {
        "code": 401, "title": "Unauthorized",
        "message": format!("token {TOKEN} is not valid")
        }})),
        ..,
    )
    .await;
    on(
        &server,
        "/v2.1/p1/servers/bad",
        ResponseTemplate::new(200)
            .set_body_json(json!({"server": {"id": "s", "name": "n", "progress": TOKEN}})),
        ..,
    )
    .await;
    let client = client(&server);
    assert!(!format!("{client:?}").contains(TOKEN));

    let timeout_client = Client::builder("http://127.0.0.1:9/v2.1/p1")
        .token(TOKEN)
        .connect_timeout(Duration::from_millis(200))
        .build()
        .expect("builds");
    let errors = [
        put(&client, "s401", Microversion::Default)
            .await
            .expect_err("401"),
        put(&client, "bad", Microversion::Default)
            .await
            .expect_err("decode"),
        put(&timeout_client, "s1", Microversion::Default)
            .await
            .expect_err("nothing listens on port 9"),
    ];
    for err in &errors {
        let shown = format!("{err} | {err:?} | {err:#?}");
        assert!(!shown.contains(TOKEN), "{shown}");
        let mut source = std::error::Error::source(err);
        while let Some(inner) = source {
            assert!(!format!("{inner} {inner:?}").contains(TOKEN));
            source = inner.source();
        }
    }
    let Error::Unauthorized(api) = &errors[0] else {
        panic!("{:?}", errors[0])
    };
    assert_eq!(api.message.as_deref(), Some("token *** is not valid"));
}

#[tokio::test]
async fn requests_are_recorded_with_the_right_method() {
    // Guards the test harness itself: wiremock records what was sent.
    let server = MockServer::start().await;
    on(
        &server,
        "PUT",
        |req: &Request| {
            ResponseTemplate::new(200).set_body_json(json!({"server": {
                "id": req.url.path(), "name": "n", "progress": null
            }}))
        },
        ..,
    )
    .await;
    let reply = put(&client(&server), "x y", Microversion::Default)
        .await
        .expect("200");
    assert_eq!(reply.body.server.id, "/v2.1/p1/servers/x%20y");
    assert_eq!(reply.body.server.progress, None);
}

/// Keystone's identity service as a generated client states it.
const IDENTITY: apiref_runtime::Service = apiref_runtime::Service {
    version_segments: &["v3"],
    ..apiref_runtime::Service::new("identity")
};

const VALIDATE_TOKEN: Operation = operation(
    &IDENTITY,
    "auth::tokens::get",
    Method::Get,
    "/v3/auth/tokens",
    &[200, 400, 401, 403, 404],
);

const CREATE_USER: Operation = operation(
    &IDENTITY,
    "users::create",
    Method::Post,
    "/v3/users",
    &[201, 400],
);

/// A client of the identity service at `endpoint`, with the fixed token.
fn identity_client(endpoint: &str) -> Client {
    Client::builder(endpoint)
        .service(&IDENTITY)
        .token(TOKEN)
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_header_goes_out_with_a_handle_and_reply_headers_come_back() {
    let server = MockServer::start().await;
    let subject = "gAAAAAB-subject-token-value";
    Mock::given(method("GET"))
        .and(path("/v3/auth/tokens"))
        .and(header("x-subject-token", subject))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-subject-token", subject)
                .insert_header("x-openstack-request-id", "req-1")
                .set_body_json(json!({"token": {"methods": ["password"]}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    // A catalog-style `/v3` endpoint: identity's version segment is cut, and the
    // operation's own `/v3` put back.
    let client = identity_client(&format!("{}/v3", server.uri()));
    let about = client
        .with_header("x-subject-token", &apiref_runtime::Secret::new(subject))
        .expect("a header");
    let reply: Response<serde_json::Value> = about
        .call::<(), (), _>(&VALIDATE_TOKEN, &[], None, None, Microversion::Default)
        .await
        .expect("validated");
    assert_eq!(reply.header("x-subject-token"), Some(subject));
    assert_eq!(reply.request_id.as_deref(), Some("req-1"));
    // The token header is kept but not shown.
    assert!(!format!("{reply:?}").contains(subject), "{reply:?}");
    // A microversion asked of a service without them is refused before sending.
    let refused = client
        .call::<(), (), serde_json::Value>(
            &VALIDATE_TOKEN,
            &[],
            None,
            None,
            Microversion::Exact(Version::new(3, 1)),
        )
        .await
        .expect_err("no microversions");
    assert!(
        matches!(refused, Error::InvalidArgument { .. }),
        "{refused}"
    );
    server.verify().await;
}

#[tokio::test]
async fn a_password_the_request_carried_is_scrubbed_from_the_error() {
    let server = MockServer::start().await;
    let password = "n3w-user-Passw0rd";
    // Keystone's schema errors quote the refused body, password and all.
    on(
        &server,
        "POST /v3/users",
        ResponseTemplate::new(400).set_body_json(json!({"error": {
            "code": 400, "title": "Bad Request",
            "message": format!("'name' is a required property. On instance: {{'password': '{password}'}}"),
        }})),
        1,
    )
    .await;
    let client = identity_client(&server.uri());
    let err = client
        .call::<(), _, serde_json::Value>(
            &CREATE_USER,
            &[],
            None,
            Some(&json!({"user": {"password": password}})),
            Microversion::Default,
        )
        .await
        .expect_err("400");
    let Error::BadRequest(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.fault.as_deref(), Some("Bad Request"));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(password), "{shown}");
    assert!(shown.contains("required property"), "{shown}");
}

/// An extension method a reference names, on a path whose placeholder is no Rust
/// name: the method goes out by its name, the value in the placeholder's place.
#[tokio::test]
async fn an_extension_method_goes_out_by_name_to_a_dashed_placeholder() {
    const COPY_DEFAULT_TYPE: Operation = operation(
        &IDENTITY,
        "copy_default_type",
        Method::Extension("COPY"),
        "/v3/default-types/{project-id}",
        &[204],
    );
    let server = MockServer::start().await;
    on(
        &server,
        "COPY /v3/default-types/p%201",
        ResponseTemplate::new(204),
        1,
    )
    .await;
    identity_client(&format!("{}/v3", server.uri()))
        .call::<(), (), ()>(
            &COPY_DEFAULT_TYPE,
            &["p 1"],
            None,
            None,
            Microversion::Default,
        )
        .await
        .expect("204");
}
