//! `Client::pages` over loopback HTTP: a listing of more servers than one page
//! holds, walked through Nova's absolute `next` links, as `next_page` and as a
//! `Stream`; a link to another origin never reaches it; errors end the walk.

mod common;

use std::future::poll_fn;
use std::pin::Pin;

use apiref_runtime::{Client, Error, Method, Microversion, Operation, Pages, Version};
use futures_core::Stream;
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "gAAAAAB-pages-token";
const PROJECT: &str = "p1";

const LIST_SERVERS_DETAIL: Operation = common::compute(
    "servers::list_detailed",
    Method::Get,
    "/v2.1/{tenant_id}/servers/detail",
    &[200, 400, 401, 403],
);

/// The reply as a generated type whose doc does not list `servers_links`: the walk
/// must find the link anyway.
#[derive(Deserialize, Debug)]
struct ListReply {
    servers: Vec<Server>,
}

#[derive(Deserialize, Debug)]
struct Server {
    id: String,
}

#[derive(serde::Serialize)]
struct Query {
    limit: u32,
    status: &'static str,
}

const QUERY: Query = Query {
    limit: 2,
    status: "ACTIVE",
};

fn list_path() -> String {
    format!("/v2.1/{PROJECT}/servers/detail")
}

/// A page of `ids`, linking to the page after `ids`' last one on `next_origin`
/// when `more`.
fn page(ids: &[&str], next_origin: Option<&str>) -> ResponseTemplate {
    let servers: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
    let mut body = json!({ "servers": servers });
    if let (Some(origin), Some(last)) = (next_origin, ids.last()) {
        body["servers_links"] = json!([{
            "rel": "next",
            "href": format!("{origin}{}?limit=2&status=ACTIVE&marker={last}", list_path()),
        }]);
    }
    ResponseTemplate::new(200)
        .set_body_json(body)
        .insert_header("x-openstack-request-id", "req-pages")
}

/// Serves `ids` two at a time on `server`, each page once, linking with absolute
/// URLs on `link_origin` (the server's own unless given).
async fn serve_pages(server: &MockServer, ids: &[&str], link_origin: Option<&str>) {
    let origin = link_origin.map_or_else(|| server.uri(), str::to_owned);
    let chunks: Vec<&[&str]> = ids.chunks(2).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        let more = i + 1 < chunks.len();
        let mock = Mock::given(method("GET"))
            .and(path(list_path()))
            .and(header("x-auth-token", TOKEN))
            .and(header("openstack-api-version", "compute 2.60"))
            .and(query_param("limit", "2"))
            .and(query_param("status", "ACTIVE"));
        let mock = match i {
            0 => mock.and(query_param_is_missing("marker")),
            _ => mock.and(query_param("marker", chunks[i - 1][1])),
        };
        mock.respond_with(page(chunk, more.then_some(origin.as_str())))
            .expect(1)
            .mount(server)
            .await;
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder(&server.uri())
        .token(TOKEN)
        .build()
        .expect("client")
}

fn walk(client: &Client) -> Pages<ListReply> {
    client
        .pages(
            &LIST_SERVERS_DETAIL,
            &[PROJECT],
            Some(&QUERY),
            Microversion::Exact(Version::new(2, 60)),
        )
        .expect("first URL")
}

const SEVEN: [&str; 7] = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"];

#[tokio::test]
async fn walks_every_page_through_absolute_next_links() {
    let server = MockServer::start().await;
    serve_pages(&server, &SEVEN, None).await;
    let client = client(&server);
    let mut pages = walk(&client);
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pages.next_page().await.expect("a page") {
        assert_eq!(page.status, 200);
        assert_eq!(page.request_id.as_deref(), Some("req-pages"));
        sizes.push(page.body.servers.len());
        ids.extend(page.body.servers.into_iter().map(|s| s.id));
    }
    assert_eq!(sizes, [2, 2, 2, 1]);
    assert_eq!(ids, SEVEN);
    // Done stays done, with no further request (each mock expects exactly one).
    assert!(pages.next_page().await.expect("done").is_none());
}

#[tokio::test]
async fn is_a_stream_of_pages() {
    let server = MockServer::start().await;
    serve_pages(&server, &SEVEN[..5], None).await;
    let client = client(&server);
    let mut pages = walk(&client);
    let mut ids = Vec::new();
    while let Some(page) = poll_fn(|cx| Pin::new(&mut pages).poll_next(cx)).await {
        ids.extend(page.expect("a page").body.servers.into_iter().map(|s| s.id));
    }
    assert_eq!(ids, SEVEN[..5]);
}

#[tokio::test]
async fn a_link_to_another_origin_is_read_on_our_own() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    // Every link names `elsewhere` (another port, so another origin), as a Nova
    // with a stale public endpoint would.
    serve_pages(&server, &SEVEN, Some(&elsewhere.uri())).await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"servers": []})))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let client = client(&server);
    let mut pages = walk(&client);
    let mut ids = Vec::new();
    while let Some(page) = pages.next_page().await.expect("a page") {
        ids.extend(page.body.servers.into_iter().map(|s| s.id));
    }
    assert_eq!(ids, SEVEN);
    let leaked = elsewhere.received_requests().await.expect("recording");
    assert!(
        leaked.is_empty(),
        "the token went to another origin: {leaked:?}"
    );
}

#[tokio::test]
async fn an_error_ends_the_walk() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(list_path()))
        .and(query_param_is_missing("marker"))
        .respond_with(page(&["s1", "s2"], Some(&server.uri())))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(list_path()))
        .and(query_param("marker", "s2"))
        .respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"forbidden": {"code": 403, "message": "Policy doesn't allow it."}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut pages = walk(&client);
    assert!(pages.next_page().await.expect("first page").is_some());
    match pages.next_page().await {
        Err(Error::Forbidden(api)) => assert_eq!(api.status, 403),
        other => panic!("expected the 403, got {other:?}"),
    }
    assert!(pages.next_page().await.expect("ended").is_none());
}

#[tokio::test]
async fn a_next_link_to_the_same_page_is_refused() {
    let server = MockServer::start().await;
    let same = format!("{}{}?limit=2&status=ACTIVE", server.uri(), list_path());
    Mock::given(method("GET"))
        .and(path(list_path()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "servers": [{"id": "s1"}],
            "servers_links": [{"rel": "next", "href": same}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut pages = walk(&client);
    match pages.next_page().await {
        Err(Error::Decode(e)) => {
            assert_eq!(e.path, "servers_links");
            assert_eq!(e.status, 200);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(pages.next_page().await.expect("ended").is_none());
}

/// What a generated `*_stream` function hands `Client::items`: a page's items.
fn servers(reply: ListReply) -> Vec<Server> {
    reply.servers
}

#[tokio::test]
async fn items_yield_each_server_across_pages_at_the_microversion_asked() {
    let server = MockServer::start().await;
    serve_pages(&server, &SEVEN, None).await;
    let client = client(&server);
    let mut items = client
        .items(&LIST_SERVERS_DETAIL, &[PROJECT], Some(&QUERY), servers)
        .microversion(Microversion::Exact(Version::new(2, 60)));
    let mut ids = Vec::new();
    while let Some(server) = items.next_item().await.expect("an item") {
        ids.push(server.id);
    }
    assert_eq!(ids, SEVEN);
    assert!(items.next_item().await.expect("done").is_none());

    // The same as a stream, collected.
    let server = MockServer::start().await;
    serve_pages(&server, &SEVEN[..3], None).await;
    let client = self::client(&server);
    let mut items = client
        .items(&LIST_SERVERS_DETAIL, &[PROJECT], Some(&QUERY), servers)
        .microversion(Microversion::Exact(Version::new(2, 60)));
    let mut ids = Vec::new();
    while let Some(server) = poll_fn(|cx| Pin::new(&mut items).poll_next(cx)).await {
        ids.push(server.expect("an item").id);
    }
    assert_eq!(ids, SEVEN[..3]);
}

#[tokio::test]
async fn an_items_mistake_is_its_first_item_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let client = client(&server);
    let items = client.items(&LIST_SERVERS_DETAIL, &[""], Some(&QUERY), servers);
    let err = items
        .collect_all()
        .await
        .expect_err("an empty path argument");
    assert!(matches!(err, Error::InvalidArgument { .. }), "{err:?}");
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}
