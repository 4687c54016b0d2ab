//! The runtime against a hostile loopback server (tests/hostile): reply sizes,
//! secrets in replies, numbers, endpoints and retries.

mod hostile;

#[path = "common/compute_service.rs"]
mod compute_service;

use std::time::Duration;

use apiref_runtime::{Client, Error, Json, Method, Microversion, Operation};
use hostile::{Hostile, Reply};

const TOKEN: &str = "gAAAAA-hostile-token-value";

const fn op(method: Method, path: &'static str) -> Operation {
    Operation {
        name: "test",
        method,
        path,
        service: &compute_service::COMPUTE,
        documented_statuses: &[200, 401, 404, 503],
        min_microversion: None,
        max_microversion: None,
    }
}

const GET: Operation = op(Method::Get, "/v2.1/things");

fn builder(server: &Hostile) -> apiref_runtime::ClientBuilder {
    Client::builder(&format!("{}/v2.1", server.url))
        .token(TOKEN)
        .timeout(Duration::from_secs(20))
}

async fn get<R: serde::de::DeserializeOwned>(client: &Client, op: &Operation) -> Result<R, Error> {
    client
        .call::<(), (), R>(op, &[], None, None, Microversion::Default)
        .await
        .map(|r| r.body)
}

// --- 1. Reply size -------------------------------------------------------------

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_unread() {
    let server = Hostile::start(|_, _| {
        Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 2000000000\r\n\r\n{\"a\": 1".to_vec())
    })
    .await;
    let client = builder(&server)
        .max_reply_bytes(1024)
        .build()
        .expect("client");
    let err = get::<Json>(&client, &GET).await.expect_err("too large");
    let Error::ReplyTooLarge(e) = &err else {
        panic!("not ReplyTooLarge: {err:?}");
    };
    assert_eq!(
        (e.status, e.limit, e.declared_length),
        (200, 1024, Some(2_000_000_000))
    );
    let shown = err.to_string();
    assert!(shown.contains("declares 2000000000 bytes"), "{shown}");
    assert!(shown.contains("1024-byte limit"), "{shown}");
}

#[tokio::test]
async fn an_endless_chunked_body_is_cut_at_the_limit_for_success_and_error() {
    for status in ["200 OK", "500 Internal Server Error"] {
        let server = Hostile::start(move |_, _| Reply::Chunked {
            head: format!("HTTP/1.1 {status}"),
            chunk: vec![b' '; 16 * 1024],
            count: None,
        })
        .await;
        let client = builder(&server)
            .max_reply_bytes(256 * 1024)
            .build()
            .expect("client");
        let err = get::<Json>(&client, &GET).await.expect_err("too large");
        let Error::ReplyTooLarge(e) = &err else {
            panic!("{status}: not ReplyTooLarge: {err:?}");
        };
        assert_eq!(e.limit, 256 * 1024);
        assert_eq!(e.declared_length, None);
        assert!(err.to_string().contains("kept growing"), "{err}");
        assert_eq!(err.status(), Some(status[..3].parse().expect("status")));
    }
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let body = format!("\"{}\"", "x".repeat(998));
    assert_eq!(body.len(), 1000);
    let server = Hostile::start(move |_, _| Reply::json("200 OK", &body)).await;
    let client = builder(&server)
        .max_reply_bytes(1000)
        .build()
        .expect("client");
    let value: String = get(&client, &GET).await.expect("at the limit");
    assert_eq!(value.len(), 998);
    let client = builder(&server)
        .max_reply_bytes(999)
        .build()
        .expect("client");
    assert!(matches!(
        get::<String>(&client, &GET).await,
        Err(Error::ReplyTooLarge(_))
    ));
}

#[tokio::test]
async fn the_keystone_login_reply_is_bounded_too() {
    let server = Hostile::start(|_, _| Reply::Chunked {
        head: "HTTP/1.1 201 Created\r\nx-subject-token: tok-from-keystone".to_owned(),
        chunk: vec![b' '; 16 * 1024],
        count: None,
    })
    .await;
    let auth = apiref_runtime::KeystoneAuth::new(
        format!("{}/v3", server.url),
        apiref_runtime::Password::new(apiref_runtime::UserRef::id("u1"), "pw-hostile-1"),
    );
    let err = compute_keystone(auth)
        .max_reply_bytes(64 * 1024)
        .timeout(Duration::from_secs(20))
        .connect()
        .await
        .expect_err("too large");
    let Error::ReplyTooLarge(e) = &err else {
        panic!("not ReplyTooLarge: {err:?}");
    };
    assert_eq!(
        (e.method, e.status, e.limit),
        (Method::Post, 201, 64 * 1024)
    );
    assert!(e.url.ends_with("/v3/auth/tokens"), "{}", e.url);
}

// --- 2. Secrets in error text ----------------------------------------------------

/// Every secret below contains this, so any form of any of them (raw, JSON- or
/// Python-escaped) that reaches a text contains it too.
const CORE: &str = "Zq7hostileSecret";
const PASSWORD: &str = "pa\"ss\\wörd/Zq7hostileSecret-1";
const ISSUED: &str = "tok\"issued\\Zq7hostileSecret/2";
const FIXED: &str = "fixed\"tok\\Zq7hostileSecret/3";

/// `s` as Python's `json.dumps` writes it (non-ASCII as `\uXXXX`), without quotes.
fn python_json(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out
}

/// A JSON string literal's inside, as serde_json writes it.
fn serde_json_inner(s: &str) -> String {
    let quoted = serde_json::to_string(s).expect("string");
    quoted[1..quoted.len() - 1].to_owned()
}

/// A body and headers echoing every secret in every form.
fn echo_reply(status: &str, secrets: &[&str]) -> Reply {
    let mut message = String::from("you sent");
    for secret in secrets {
        message.push_str(&format!(
            " {} {}",
            serde_json_inner(secret),
            python_json(secret)
        ));
    }
    let raw: Vec<&str> = secrets.to_vec();
    let body = format!(
        r#"{{"badRequest": {{"code": 1, "message": "{message}", "raw": "{}"}}}}"#,
        raw.join(" ")
    );
    let request_id = format!("req-{}", python_json(secrets[0]));
    Reply::with_body(
        status,
        &[
            ("content-type", "application/json"),
            ("x-openstack-request-id", &request_id),
        ],
        &body,
    )
}

fn token_reply(server_url: &str, catalog_type: &str, region: &str) -> Reply {
    let body = serde_json::json!({"token": {
        "expires_at": "2099-01-01T00:00:00.000000Z",
        "project": {"id": "p1"},
        "catalog": [{"type": catalog_type, "endpoints": [
            {"interface": "public", "region": region, "url": format!("{server_url}/v2.1/p1")}
        ]}]
    }});
    Reply::with_body(
        "201 Created",
        &[
            ("content-type", "application/json"),
            ("x-subject-token", ISSUED),
        ],
        &body.to_string(),
    )
}

fn keystone_auth(url: &str) -> apiref_runtime::KeystoneAuth {
    apiref_runtime::KeystoneAuth::new(
        format!("{url}/v3"),
        apiref_runtime::Password::new(apiref_runtime::UserRef::id("u1"), PASSWORD),
    )
}

fn assert_hidden(what: &str, shown: &str) {
    assert!(!shown.contains(CORE), "{what} shows a secret: {shown}");
}

fn assert_error_hidden(what: &str, err: &Error) {
    assert_hidden(what, &err.to_string());
    assert_hidden(what, &format!("{err:?}"));
    assert_hidden(what, &format!("{err:#?}"));
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        assert_hidden(what, &inner.to_string());
        source = inner.source();
    }
}

const BY_STATUS: Operation = Operation {
    name: "byStatus",
    method: Method::Get,
    path: "/v2.1/{status}",
    service: &compute_service::COMPUTE,
    documented_statuses: &[200, 400, 401, 403, 404, 405, 409, 415, 501, 503],
    min_microversion: None,
    max_microversion: None,
};

#[tokio::test]
async fn no_error_text_or_debug_output_shows_a_secret() {
    // One server is Keystone (issuing ISSUED) and the service, and echoes every secret.
    let server = Hostile::start(|_, seen| {
        let url = format!("http://{}", seen.header("host").expect("host header"));
        let status = seen.path.rsplit('/').next().unwrap_or_default();
        match status {
            "tokens" => token_reply(&url, "compute", "r1"),
            "big" => Reply::Raw(
                format!(
                    "HTTP/1.1 200 OK\r\nx-openstack-request-id: req-{ISSUED}\r\n\
                     content-length: 1000000000\r\n\r\n"
                )
                .into_bytes(),
            ),
            "hangup" => Reply::Hangup,
            "decode" => Reply::json(
                "200 OK",
                &format!(r#"{{"value": "{}"}}"#, serde_json_inner(PASSWORD)),
            ),
            "decode-token" => Reply::json(
                "200 OK",
                &format!(r#"{{"value": "{}"}}"#, serde_json_inner(ISSUED)),
            ),
            "" => Reply::json(
                "200 OK",
                &format!(
                    r#"{{"version": {{"version": "{}"}}}}"#,
                    serde_json_inner(ISSUED)
                ),
            ),
            code => echo_reply(&format!("{code} Whatever"), &[ISSUED, PASSWORD]),
        }
    })
    .await;
    let client = compute_keystone(keystone_auth(&server.url))
        .max_reply_bytes(1024 * 1024)
        .timeout(Duration::from_secs(20))
        .connect()
        .await
        .expect("login");
    assert_eq!(
        client
            .token()
            .await
            .expect("token")
            .map(|t| t.expose().to_owned())
            .as_deref(),
        Some(ISSUED)
    );
    assert_hidden("Client", &format!("{client:?} {client:#?}"));

    #[derive(serde::Deserialize, Debug)]
    struct Typed {
        #[allow(dead_code)]
        value: u32,
    }
    let mut errors = Vec::new();
    for status in [
        "400", "401", "403", "404", "405", "409", "415", "501", "503", "500", "302",
    ] {
        let err = client
            .call::<(), (), Json>(&BY_STATUS, &[status], None, None, Microversion::Default)
            .await
            .expect_err(status);
        assert_eq!(
            err.status(),
            Some(status.parse().expect("status")),
            "{err:?}"
        );
        assert!(
            err.request_id().is_some_and(|id| id.starts_with("req-")),
            "{err:?}"
        );
        errors.push((status.to_owned(), err));
    }
    for path in ["decode", "decode-token", "big", "hangup"] {
        let err = client
            .call::<(), (), Typed>(&BY_STATUS, &[path], None, None, Microversion::Default)
            .await
            .expect_err(path);
        errors.push((path.to_owned(), err));
    }
    let err = client
        .call::<(), (), Json>(&BY_STATUS, &["x"], None, None, Microversion::Negotiate)
        .await
        .expect_err("bad version document");
    errors.push(("negotiation".to_owned(), err));
    let variants: Vec<String> = errors
        .iter()
        .map(|(_, e)| {
            format!("{e:?}")
                .split(['(', ' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    for want in [
        "BadRequest",
        "Unauthorized",
        "Forbidden",
        "NotFound",
        "MethodNotAllowed",
        "Conflict",
        "UnsupportedMediaType",
        "NotImplemented",
        "ServiceUnavailable",
        "UnexpectedStatus",
        "Decode",
        "ReplyTooLarge",
        "Transport",
        "Negotiation",
    ] {
        assert!(
            variants.iter().any(|v| v == want),
            "no {want} in {variants:?}"
        );
    }

    // Keystone refusing the login, echoing the password; then a catalog whose names
    // echo the credentials.
    let refusing = Hostile::start(|_, _| echo_reply("401 Unauthorized", &[PASSWORD])).await;
    let err = compute_keystone(keystone_auth(&refusing.url))
        .connect()
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    errors.push(("auth".to_owned(), err));
    let odd_catalog = Hostile::start(|attempt, seen| {
        let url = format!("http://{}", seen.header("host").expect("host"));
        match attempt {
            0 => token_reply(&url, &format!("svc-{PASSWORD}"), "r1"),
            _ => token_reply(&url, "compute", ISSUED),
        }
    })
    .await;
    for region in [None, Some("elsewhere")] {
        let mut builder = compute_keystone(keystone_auth(&odd_catalog.url));
        if let Some(region) = region {
            builder = builder.region(region);
        }
        let err = builder.connect().await.expect_err("no such endpoint");
        assert!(matches!(err, Error::Catalog(_)), "{err:?}");
        assert!(err.to_string().contains("***"), "{err}");
        errors.push(("catalog".to_owned(), err));
    }

    // Local errors: credentials in URLs, bad arguments.
    let in_url = format!("http://u:{CORE}x@127.0.0.1:1/v2.1");
    let builder = Client::builder(&in_url).token(FIXED);
    assert_hidden("ClientBuilder", &format!("{builder:?}"));
    errors.push(("config".to_owned(), builder.build().expect_err("userinfo")));
    let auth = apiref_runtime::KeystoneAuth::new(
        format!("http://u:{CORE}@ks/v3"),
        keystone_auth("x").credentials,
    );
    assert_hidden("KeystoneAuth", &format!("{auth:?} {auth:#?}"));
    assert_hidden("Credentials", &format!("{:?}", auth.credentials));
    errors.push((
        "keystone config".to_owned(),
        compute_keystone(auth).build().expect_err("userinfo"),
    ));
    errors.push((
        "invalid argument".to_owned(),
        client
            .call::<(), (), Json>(&BY_STATUS, &[""], None, None, Microversion::Default)
            .await
            .expect_err("empty segment"),
    ));

    for (what, err) in &errors {
        assert_error_hidden(what, err);
    }
    // The echoed text is kept, with the secrets masked.
    let bad_request = &errors[0].1;
    let api = bad_request.api_error().expect("api error");
    assert!(api.body.contains("***"), "{}", api.body);
    assert!(
        api.message
            .as_deref()
            .is_some_and(|m| m.starts_with("you sent ***")),
        "{api:?}"
    );
}

#[tokio::test]
async fn a_fixed_token_echoed_in_the_request_id_is_masked() {
    let server = Hostile::start(|_, _| echo_reply("401 Unauthorized", &[FIXED])).await;
    let client = Client::builder(&format!("{}/v2.1", server.url))
        .token(FIXED)
        .build()
        .expect("client");
    let err = get::<Json>(&client, &op(Method::Get, "/v2.1/x"))
        .await
        .expect_err("401");
    assert_eq!(err.request_id(), Some("req-***"));
    assert_error_hidden("401", &err);
    assert_eq!(server.seen()[0].header("x-auth-token"), Some(FIXED));
}

#[test]
fn cloud_config_debug_hides_urls_with_credentials() {
    let yaml = format!(
        "clouds:\n  c:\n    auth:\n      auth_url: http://admin:{CORE}1@ks/v3\n      \
         username: demo\n      password: '{CORE}2'\n      user_domain_name: Default\n    \
         compute_endpoint_override: http://admin:{CORE}3@nova/v2.1\n  t:\n    \
         auth_type: admin_token\n    auth:\n      token: '{CORE}4'\n      \
         endpoint: http://admin:{CORE}5@nova/v2.1\n"
    );
    for name in ["c", "t"] {
        let cloud = apiref_runtime::CloudConfig::from_yaml(name, &yaml, None).expect("cloud");
        let shown = format!("{cloud:?} {cloud:#?}");
        assert_hidden(name, &shown);
        assert!(shown.contains("nova/v2.1"), "{shown}");
    }
}

// --- 4. Endpoints ------------------------------------------------------------------

#[tokio::test]
async fn a_project_id_from_the_endpoint_is_encoded_once() {
    let server = Hostile::start(|_, _| Reply::json("200 OK", "{}")).await;
    let client = Client::builder(&format!("{}/v2.1/a%20b", server.url))
        .token(TOKEN)
        .build()
        .expect("client");
    let project = client.project_id().await.expect("project");
    assert_eq!(project, "a b");
    let list = op(Method::Get, "/v2.1/{project_id}/servers");
    client
        .call::<(), (), Json>(&list, &[&project], None, None, Microversion::Default)
        .await
        .expect("reply");
    assert_eq!(server.seen()[0].path, "/v2.1/a%20b/servers");
}

// --- 5. Retries --------------------------------------------------------------------

/// A client whose retry delays are a millisecond, capped at five.
fn retrying(server: &Hostile) -> apiref_runtime::ClientBuilder {
    builder(server).retry_delays(Duration::from_millis(1), Duration::from_millis(5))
}

/// Runs `call`, failing (not hanging) if retry delays are not capped.
async fn bounded<T>(call: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), call)
        .await
        .expect("retry delays are capped")
}

fn status_then_ok(
    failures: usize,
    failure: &'static str,
    headers: &[(&str, &str)],
) -> impl Fn(usize, &hostile::Seen) -> Reply + use<> {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    move |attempt, _| {
        if attempt < failures {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            Reply::with_body(failure, &headers, "")
        } else {
            Reply::json("200 OK", r#"{"ok": true}"#)
        }
    }
}

#[tokio::test]
async fn no_retries_unless_asked() {
    let server = Hostile::start(status_then_ok(1, "503 Service Unavailable", &[])).await;
    let client = builder(&server).build().expect("client");
    let err = get::<Json>(&client, &GET).await.expect_err("503");
    assert!(matches!(err, Error::ServiceUnavailable(_)), "{err:?}");
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn retriable_statuses_are_retried_until_success_or_the_count() {
    let server = Hostile::start(status_then_ok(2, "503 Service Unavailable", &[])).await;
    let client = retrying(&server)
        .status_code_retries(3)
        .build()
        .expect("client");
    let body: Json = bounded(get(&client, &GET)).await.expect("third attempt");
    assert_eq!(body, serde_json::json!({"ok": true}));
    assert_eq!(server.attempts(), 3);

    let server = Hostile::start(status_then_ok(usize::MAX, "503 Service Unavailable", &[])).await;
    let client = retrying(&server)
        .status_code_retries(2)
        .build()
        .expect("client");
    let err = bounded(get::<Json>(&client, &GET))
        .await
        .expect_err("always 503");
    assert!(matches!(err, Error::ServiceUnavailable(_)), "{err:?}");
    assert_eq!(server.attempts(), 3);
    // Every attempt was the same request, token included.
    for seen in server.seen() {
        assert_eq!(
            (seen.method.as_str(), seen.path.as_str()),
            ("GET", "/v2.1/things")
        );
        assert_eq!(seen.header("x-auth-token"), Some(TOKEN));
    }
}

#[tokio::test]
async fn only_the_listed_statuses_are_retried() {
    let server = Hostile::start(status_then_ok(1, "500 Internal Server Error", &[])).await;
    let client = retrying(&server)
        .status_code_retries(3)
        .build()
        .expect("client");
    assert!(bounded(get::<Json>(&client, &GET)).await.is_err());
    assert_eq!(server.attempts(), 1);

    let server = Hostile::start(status_then_ok(1, "500 Internal Server Error", &[])).await;
    let client = retrying(&server)
        .status_code_retries(3)
        .retriable_status_codes([500])
        .build()
        .expect("client");
    bounded(get::<Json>(&client, &GET))
        .await
        .expect("retried 500");
    assert_eq!(server.attempts(), 2);
}

#[tokio::test]
async fn retry_after_is_honoured_up_to_the_cap() {
    // An hour, in seconds and as a date, and a date long past: each capped at 5 ms.
    for retry_after in [
        "3600",
        "Fri, 01 Jan 2100 00:00:00 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
    ] {
        let headers = [("retry-after", retry_after)];
        let server = Hostile::start(status_then_ok(2, "429 Too Many Requests", &headers)).await;
        let client = retrying(&server)
            .status_code_retries(2)
            .build()
            .expect("client");
        bounded(get::<Json>(&client, &GET))
            .await
            .expect(retry_after);
        assert_eq!(server.attempts(), 3, "{retry_after}");
    }
}

#[tokio::test]
async fn post_and_patch_are_never_retried() {
    for method in [Method::Post, Method::Patch] {
        let server = Hostile::start(status_then_ok(1, "503 Service Unavailable", &[])).await;
        let client = retrying(&server)
            .status_code_retries(3)
            .connect_retries(3)
            .build()
            .expect("client");
        let err = bounded(get::<Json>(&client, &op(method, "/v2.1/things")))
            .await
            .expect_err("503");
        assert!(matches!(err, Error::ServiceUnavailable(_)), "{err:?}");
        assert_eq!(server.attempts(), 1, "{method:?}");
    }
    // PUT and DELETE are.
    for method in [Method::Put, Method::Delete] {
        let server = Hostile::start(status_then_ok(1, "503 Service Unavailable", &[])).await;
        let client = retrying(&server)
            .status_code_retries(1)
            .build()
            .expect("client");
        bounded(get::<Json>(&client, &op(method, "/v2.1/things")))
            .await
            .expect("retried");
        assert_eq!(server.attempts(), 2, "{method:?}");
    }
}

#[tokio::test]
async fn connect_failures_are_retried_when_asked() {
    let server = Hostile::start(|_, _| Reply::Hangup).await;
    let client = Client::builder(&format!("{}/v2.1", server.https_url()))
        .token(TOKEN)
        .retry_delays(Duration::from_millis(1), Duration::from_millis(5))
        .connect_retries(2)
        .build()
        .expect("client");
    let err = bounded(get::<Json>(&client, &GET))
        .await
        .expect_err("no TLS");
    assert!(
        matches!(&err, Error::Transport(e) if e.kind == apiref_runtime::TransportErrorKind::Connect),
        "{err:?}"
    );
    assert_eq!(server.connections(), 3);
    assert_eq!(server.attempts(), 0);

    // Status retries alone do not retry a connect failure.
    let server = Hostile::start(|_, _| Reply::Hangup).await;
    let client = Client::builder(&format!("{}/v2.1", server.https_url()))
        .status_code_retries(2)
        .build()
        .expect("client");
    assert!(bounded(get::<Json>(&client, &GET)).await.is_err());
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn clouds_yaml_retry_settings_reach_the_client() {
    let server = Hostile::start(status_then_ok(2, "409 Conflict", &[])).await;
    let yaml = format!(
        "clouds:\n  c:\n    auth_type: admin_token\n    auth:\n      token: {TOKEN}\n      \
         endpoint: {}/v2.1\n    status_code_retries: 2\n    retriable_status_codes: [409]\n",
        server.url
    );
    let cloud = apiref_runtime::CloudConfig::from_yaml("c", &yaml, None).expect("cloud");
    let client = Client::builder_from_cloud(&cloud, &compute_service::COMPUTE)
        .retry_delays(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .expect("client");
    bounded(get::<Json>(&client, &GET))
        .await
        .expect("third attempt");
    assert_eq!(server.attempts(), 3);
}

// --- 3. Numbers ----------------------------------------------------------------------

#[derive(serde::Deserialize, Debug)]
struct Flavor {
    vcpus: u32,
    #[serde(flatten)]
    extra: apiref_runtime::Extra,
}

/// Shaped like generated code: typed fields, an `OrEmpty`, a flattened `extra`.
#[derive(serde::Deserialize, Debug)]
struct Server {
    progress: Option<u8>,
    ram: u64,
    ratio: f64,
    flavor: apiref_runtime::OrEmpty<Flavor>,
    #[serde(flatten)]
    extra: apiref_runtime::Extra,
}

#[tokio::test]
async fn numbers_no_64_bit_type_holds_are_kept_exactly() {
    let server = Hostile::start(|attempt, _| {
        Reply::json(
            "200 OK",
            if attempt == 0 {
                r#"{"progress": 100, "ram": 18446744073709551615, "ratio": 0.5,
                "flavor": {"vcpus": 4, "disk": 340282366920938463463374607431768211456},
                "big": 1e400, "huge": 18446744073709551616, "neg": -9223372036854775809,
                "list": [1e400, 2]}"#
            } else {
                r#"{"progress": 300, "ram": 1, "ratio": 1, "flavor": ""}"#
            },
        )
    })
    .await;
    let client = builder(&server).build().expect("client");
    let reply: Server = get(&client, &GET).await.expect("decodes");
    assert_eq!(
        (reply.progress, reply.ram, reply.ratio),
        (Some(100), u64::MAX, 0.5)
    );
    let flavor = reply.flavor.value().expect("flavor");
    assert_eq!(flavor.vcpus, 4);
    assert_eq!(
        flavor.extra["disk"].to_string(),
        "340282366920938463463374607431768211456"
    );
    assert_eq!(reply.extra["big"].to_string(), "1e+400");
    assert_eq!(reply.extra["huge"].to_string(), "18446744073709551616");
    assert_eq!(reply.extra["neg"].to_string(), "-9223372036854775809");
    assert_eq!(reply.extra["list"].to_string(), "[1e+400,2]");
    // Serialized back, the digits are the server's.
    let again = serde_json::to_string(&reply.extra).expect("json");
    assert!(again.contains(r#""huge":18446744073709551616"#), "{again}");

    // A typed field still refuses what it cannot hold.
    let err = get::<Server>(&client, &GET)
        .await
        .expect_err("300 is no u8");
    let Error::Decode(e) = &err else {
        panic!("not Decode: {err:?}");
    };
    assert_eq!(e.path, "progress", "{e:?}");
}

/// A client of compute that logs in to Keystone and takes its endpoint from the
/// catalog, as a generated compute client's `SERVICE` makes it.
fn compute_keystone(auth: apiref_runtime::KeystoneAuth) -> apiref_runtime::ClientBuilder {
    apiref_runtime::Client::builder_keystone(auth).service(&compute_service::COMPUTE)
}
