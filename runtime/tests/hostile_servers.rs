//! The runtime against a hostile loopback server (tests/hostile): reply sizes,
//! secrets in replies, numbers, endpoints and retries.

mod hostile;

use std::time::Duration;

use apiref_runtime::{Client, Error, Json, Method, Microversion, Operation};
use hostile::{Hostile, Reply};

const TOKEN: &str = "gAAAAA-hostile-token-value";

const fn op(method: Method, path: &'static str) -> Operation {
    Operation {
        name: "test",
        method,
        path,
        service: "compute",
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
    let err = Client::builder_keystone(auth)
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
