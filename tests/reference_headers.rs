//! Headers and query parameters of an os-api-ref reference, on a client generated
//! from this repository's small reference (tests/fixtures/os-api-ref), over HTTP on
//! loopback: a request header the reference lists is a typed field the endpoint
//! function sends (the token stays the client's), a reply header that carries data
//! reaches the caller typed, and a query parameter outside its microversion range
//! is refused before any I/O.

use apiref::runtime::{Client, Error, Microversion, Version};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod compute {
    apiref::generate!("tests/fixtures/os-api-ref");
}

use compute::servers;

fn client(url: &str) -> Client {
    Client::builder(&format!("{url}/v2.1"))
        .token("the-clients-token")
        .build()
        .expect("client")
}

fn request() -> servers::create::Request {
    servers::create::Request {
        server: servers::create::RequestServer {
            name: Some("web-1".into()),
            networks: Some(servers::create::Networks::Auto),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[tokio::test]
async fn a_request_header_is_sent_and_a_reply_header_is_read() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2.1/servers"))
        .and(header("X-Openstack-Request-Id", "req-3f1a"))
        .and(header("X-Auth-Token", "the-clients-token"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", "http://nova/v2.1/servers/s-1")
                .set_body_json(json!({"server": {"id": "s-1"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let headers = servers::create::RequestHeaders {
        x_openstack_request_id: Some("req-3f1a".into()),
    };
    let reply = servers::create(&client(&server.uri()), &request(), &headers)
        .await
        .expect("created");
    let read = servers::create::ResponseHeaders::of(&reply);
    assert_eq!(
        read.location.as_deref(),
        Some("http://nova/v2.1/servers/s-1")
    );
    assert_eq!(reply.header("location"), read.location.as_deref());
}

#[tokio::test]
async fn an_unset_optional_header_is_not_sent_and_a_bad_value_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2.1/servers"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"server": {"id": "s"}})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let none = servers::create::RequestHeaders::default();
    let reply = servers::create(&client, &request(), &none)
        .await
        .expect("created");
    // No Location in this reply: the typed header is absent, not an error.
    assert_eq!(servers::create::ResponseHeaders::of(&reply).location, None);
    let sent = server.received_requests().await.expect("recorded");
    assert!(!sent[0].headers.contains_key("x-openstack-request-id"));
    // A line break could smuggle a header in: refused before anything is sent
    // (the mock expects exactly the one request above).
    let smuggling = servers::create::RequestHeaders {
        x_openstack_request_id: Some("req-1\r\nX-Evil: 1".into()),
    };
    match servers::create(&client, &request(), &smuggling).await {
        Err(Error::InvalidArgument { name, .. }) => assert_eq!(name, "X-Openstack-Request-Id"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// `changes-before` exists from 2.66: set at 2.65 (or with no version header,
/// which means 2.1) it is refused naming the parameter, its range and the
/// version; unset, or at 2.66, the call goes out.
#[tokio::test]
async fn a_query_parameter_outside_its_range_is_refused_before_any_io() {
    // Nothing listens on port 9: any I/O would be a transport error, not a refusal.
    let client = client("http://127.0.0.1:9");
    let query = servers::list::Query {
        changes_before: Some("2026-11-27T00:00:00Z".into()),
        ..Default::default()
    };
    for (version, shown) in [
        (Microversion::Exact(Version::new(2, 65)), "2.65"),
        (Microversion::Default, "2.1"),
    ] {
        match servers::list(&client, &query).microversion(version).await {
            Err(Error::InvalidArgument { name, reason }) => {
                assert_eq!(name, "changes-before");
                assert_eq!(
                    reason,
                    format!(
                        "needs microversion 2.66 or later; this request is sent at microversion {shown}"
                    )
                );
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    let at_2_66 = Microversion::Exact(Version::new(2, 66));
    let sent = servers::list(&client, &query).microversion(at_2_66).await;
    assert!(matches!(sent, Err(Error::Transport(_))), "{sent:?}");
    let unset = servers::list::Query {
        limit: Some(1),
        ..Default::default()
    };
    let sent = servers::list(&client, &unset).await;
    assert!(matches!(sent, Err(Error::Transport(_))), "{sent:?}");
}
