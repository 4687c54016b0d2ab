//! Keystone auth against wiremock on loopback: one token per client under
//! concurrency, renewal before expiry, one renewal and one retry after a 401, catalog
//! selection, and credentials never shown.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

mod common;

use apiref_runtime::{
    ApplicationCredential, Client, DomainRef, Error, Interface, KeystoneAuth, Password, ProjectRef,
    UserRef,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use common::{on, show_server};

const PASSWORD: &str = "hunter2-very-secret";
const FAR_FUTURE: &str = "2999-01-01T00:00:00.000000Z";
const LONG_AGO: &str = "2000-01-01T00:00:00.000000Z";
const SERVER_PATH: &str = "/v2.1/p1/servers/s1";

/// Issues `tok-1`, `tok-2`, ... with the n-th `expires_at` (the last one repeats),
/// scoped to project `p1`, with a catalog whose compute endpoints are on `base`.
struct Tokens {
    issued: AtomicUsize,
    expires: Vec<&'static str>,
    base: String,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst);
        let expires_at = self.expires[n.min(self.expires.len() - 1)];
        ResponseTemplate::new(201)
            .insert_header("x-subject-token", format!("tok-{}", n + 1).as_str())
            .set_body_json(token_body(&self.base, expires_at))
            // Long enough that concurrent callers really overlap the fetch.
            .set_delay(Duration::from_millis(100))
    }
}

fn token_body(base: &str, expires_at: &str) -> Value {
    json!({"token": {
        "methods": ["password"],
        "expires_at": expires_at,
        "project": {"id": "p1", "name": "demo", "domain": {"id": "default"}},
        "catalog": [
            {"type": "identity", "name": "keystone", "endpoints": [
                {"interface": "public", "region_id": "RegionOne", "url": format!("{base}/identity/v3")}]},
            {"type": "compute", "name": "nova", "endpoints": [
                {"interface": "public", "region_id": "RegionOne", "region": "RegionOne",
                 "url": format!("{base}/v2.1")},
                {"interface": "internal", "region_id": "RegionOne", "url": format!("{base}/internal/v2.1")},
                {"interface": "public", "region_id": "RegionTwo", "url": format!("{base}/two/v2.1/p1")}
            ]}
        ]
    }})
}

async fn mount_tokens(server: &MockServer, expires: Vec<&'static str>, times: u64) {
    on(
        server,
        "POST /identity/v3/auth/tokens",
        Tokens {
            issued: AtomicUsize::new(0),
            expires,
            base: server.uri(),
        },
        times,
    )
    .await;
}

async fn mount_server_reply(server: &MockServer, token: &str, status: u16, times: u64) {
    let reply = if status == 200 {
        ResponseTemplate::new(200).set_body_json(json!({"server": {"id": "s1"}}))
    } else {
        ResponseTemplate::new(status).set_body_json(json!({"error": {
            "code": status, "title": "Unauthorized",
            "message": "The request you have made requires authentication."}}))
    };
    Mock::given(method("GET"))
        .and(path(SERVER_PATH))
        .and(header("x-auth-token", token))
        .respond_with(reply)
        .expect(times)
        .mount(server)
        .await;
}

/// Keystone's 201 issuing `token`, good for long, with its catalog on `server`.
fn issued(server: &MockServer, token: &str) -> ResponseTemplate {
    ResponseTemplate::new(201)
        .insert_header("x-subject-token", token)
        .set_body_json(token_body(&server.uri(), FAR_FUTURE))
}

/// Expects one login whose JSON body is `request`, and issues it `tok-1`.
async fn expect_login(server: &MockServer, request: Value) {
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .and(header("content-type", "application/json"))
        .and(body_json(request))
        .respond_with(issued(server, "tok-1"))
        .expect(1)
        .mount(server)
        .await;
}

fn password_auth(server: &MockServer) -> KeystoneAuth {
    KeystoneAuth::new(
        format!("{}/identity/v3", server.uri()),
        Password::new(UserRef::name("demo", DomainRef::name("Default")), PASSWORD)
            .project(ProjectRef::name("demo", DomainRef::name("Default"))),
    )
}

#[tokio::test]
async fn one_token_for_eight_concurrent_calls() {
    let server = MockServer::start().await;
    mount_tokens(&server, vec![FAR_FUTURE], 1).await;
    mount_server_reply(&server, "tok-1", 200, 8).await;
    // Built without I/O: the 8 calls race for the first token.
    let client = Client::builder(&server.uri())
        .keystone(password_auth(&server))
        .build()
        .expect("client");
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { show_server(&client).await })
        })
        .collect();
    for call in calls {
        let body = call.await.expect("task").expect("call succeeds");
        assert_eq!(body["server"]["id"], "s1");
    }
}

#[tokio::test]
async fn sends_the_password_request_keystone_expects() {
    let server = MockServer::start().await;
    expect_login(
        &server,
        json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": "demo", "domain": {"name": "Default"}, "password": PASSWORD}}},
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}),
    )
    .await;
    let client = compute_keystone(password_auth(&server))
        .connect()
        .await
        .expect("connects");
    assert_eq!(client.project_id().await.expect("scoped"), "p1");
    let token = client.token().await.expect("token").expect("some");
    assert_eq!(token.expose(), "tok-1");
}

#[tokio::test]
async fn application_credential_by_id() {
    let server = MockServer::start().await;
    expect_login(
        &server,
        json!({"auth": {"identity": {
            "methods": ["application_credential"],
            "application_credential": {"id": "ac1", "secret": "appcred-secret"}}}}),
    )
    .await;
    mount_server_reply(&server, "tok-1", 200, 1).await;
    let client = compute_keystone(KeystoneAuth::new(
        format!("{}/identity/v3", server.uri()),
        ApplicationCredential::id("ac1", "appcred-secret"),
    ))
    .connect()
    .await
    .expect("connects");
    show_server(&client).await.expect("call succeeds");
    assert!(!format!("{client:?}").contains("appcred-secret"));
}

#[tokio::test]
async fn renews_a_token_that_is_about_to_expire() {
    let server = MockServer::start().await;
    // tok-1 is already inside the renewal window; tok-2 is good for long.
    mount_tokens(&server, vec![LONG_AGO, FAR_FUTURE], 2).await;
    mount_server_reply(&server, "tok-1", 200, 1).await;
    mount_server_reply(&server, "tok-2", 200, 2).await;
    let client = Client::builder(&server.uri())
        .keystone(password_auth(&server))
        .build()
        .expect("client");
    for _ in 0..3 {
        show_server(&client).await.expect("call succeeds");
    }
}

/// Show Server through a client whose first token the server refuses (401) and
/// whose second token gets `second`; the mocks check one login each and one call
/// each.
async fn show_after_a_401(second: u16) -> Result<Value, Error> {
    let server = MockServer::start().await;
    mount_tokens(&server, vec![FAR_FUTURE], 2).await;
    mount_server_reply(&server, "tok-1", 401, 1).await;
    mount_server_reply(&server, "tok-2", second, 1).await;
    let client = compute_keystone(password_auth(&server))
        .connect()
        .await
        .expect("connects");
    show_server(&client).await
}

#[tokio::test]
async fn a_401_renews_once_and_retries_once() {
    let body = show_after_a_401(200).await.expect("retried call succeeds");
    assert_eq!(body["server"]["id"], "s1");
}

#[tokio::test]
async fn a_second_401_is_returned_not_looped() {
    let err = show_after_a_401(401).await.expect_err("still 401");
    assert!(matches!(err, Error::Unauthorized(_)), "{err:?}");
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn a_fixed_token_gets_its_401_back() {
    let server = MockServer::start().await;
    mount_server_reply(&server, "fixed-token", 401, 1).await;
    let client = Client::builder(&server.uri())
        .token("fixed-token")
        .build()
        .expect("client");
    let err = show_server(&client).await.expect_err("401");
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn picks_the_endpoint_by_interface_and_region() {
    let server = MockServer::start().await;
    mount_tokens(&server, vec![FAR_FUTURE], 3).await;
    let uri = server.uri();
    let connect = |builder: apiref_runtime::ClientBuilder| async move {
        builder.connect().await.expect("connects")
    };
    let public = connect(compute_keystone(password_auth(&server))).await;
    assert_eq!(public.endpoint().root(), uri);
    let two = connect(compute_keystone(password_auth(&server)).region("RegionTwo")).await;
    assert_eq!(two.endpoint().root(), format!("{uri}/two"));
    assert_eq!(two.endpoint().project_id(), Some("p1"));
    let internal = connect(
        compute_keystone(password_auth(&server))
            .interface(Interface::Internal)
            .region("RegionOne"),
    )
    .await;
    assert_eq!(internal.endpoint().root(), format!("{uri}/internal"));
}

#[tokio::test]
async fn a_missing_region_or_service_lists_what_the_catalog_offers() {
    let server = MockServer::start().await;
    mount_tokens(&server, vec![FAR_FUTURE], 2).await;
    let err = compute_keystone(password_auth(&server))
        .region("Nowhere")
        .connect()
        .await
        .expect_err("no such region");
    let Error::Catalog(catalog) = &err else {
        panic!("not a catalog error: {err:?}")
    };
    assert_eq!(catalog.region.as_deref(), Some("Nowhere"));
    assert_eq!(
        catalog.offered_endpoints,
        [
            ("public".to_owned(), Some("RegionOne".to_owned())),
            ("internal".to_owned(), Some("RegionOne".to_owned())),
            ("public".to_owned(), Some("RegionTwo".to_owned())),
        ]
    );
    let msg = err.to_string();
    assert!(msg.contains("\"Nowhere\""), "{msg}");
    assert!(msg.contains("public in RegionOne"), "{msg}");
    assert!(msg.contains("public in RegionTwo"), "{msg}");

    let err = compute_keystone(password_auth(&server))
        .service_type("image")
        .connect()
        .await
        .expect_err("no image service");
    assert!(
        err.to_string().ends_with("it offers: identity, compute"),
        "{err}"
    );
}

#[tokio::test]
async fn a_refused_login_is_an_auth_error_without_the_password() {
    let server = MockServer::start().await;
    on(
        &server,
        "POST /identity/v3/auth/tokens",
        ResponseTemplate::new(401)
            .insert_header("x-openstack-request-id", "req-ks-1")
            .set_body_json(json!({"error": {"code": 401, "title": "Unauthorized",
                "message": "The request you have made requires authentication."}})),
        1,
    )
    .await;
    let err = compute_keystone(password_auth(&server))
        .connect()
        .await
        .expect_err("refused");
    let Error::Auth(api) = &err else {
        panic!("not an auth error: {err:?}")
    };
    assert_eq!(api.status, 401);
    assert_eq!(
        api.message.as_deref(),
        Some("The request you have made requires authentication.")
    );
    assert_eq!(api.request_id.as_deref(), Some("req-ks-1"));
    assert_eq!(
        err.to_string(),
        "Keystone refused authentication: 401 Unauthorized: The request you have made \
         requires authentication. (request req-ks-1)"
    );
    assert!(!format!("{err} {err:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_keystone_reply_echoing_the_password_is_scrubbed() {
    let server = MockServer::start().await;
    on(
        &server,
        "POST /identity/v3/auth/tokens",
        ResponseTemplate::new(400).set_body_json(json!({"error": {
        "code": 400, "title": "Bad Request",
        "message": format!("Invalid input for field 'password': '{PASSWORD}' is odd")}})),
        1,
    )
    .await;
    let err = compute_keystone(password_auth(&server))
        .connect()
        .await
        .expect_err("refused");
    assert_eq!(err.status(), Some(400));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains("Invalid input for field"), "{shown}");
}

#[tokio::test]
async fn debug_output_never_shows_credentials_or_tokens() {
    let server = MockServer::start().await;
    on(
        &server,
        "POST /identity/v3/auth/tokens",
        issued(&server, "gAAAAA-issued-token-value"),
        ..,
    )
    .await;
    let builder = compute_keystone(password_auth(&server));
    let shown = format!("{builder:?} {builder:#?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    let client = builder.connect().await.expect("connects");
    let shown = format!("{client:?} {client:#?}");
    assert!(shown.contains("keystone"), "{shown}");
    for secret in [PASSWORD, "gAAAAA-issued-token-value"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let token = client.token().await.expect("token").expect("some");
    assert_eq!(format!("{token:?} {token}"), "Secret(***) Secret(***)");
}

#[tokio::test]
async fn build_without_an_endpoint_points_at_connect() {
    let server = MockServer::start().await;
    let err = compute_keystone(password_auth(&server))
        .build()
        .expect_err("no endpoint");
    assert!(matches!(err, Error::Config(_)));
    assert!(err.to_string().contains("connect"), "{err}");
}

/// A client of compute that logs in to Keystone and takes its endpoint from the
/// catalog, as a generated compute client's `SERVICE` makes it.
fn compute_keystone(auth: apiref_runtime::KeystoneAuth) -> apiref_runtime::ClientBuilder {
    apiref_runtime::Client::builder_keystone(auth).service(&common::COMPUTE)
}
