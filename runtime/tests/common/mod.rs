//! What the runtime's loopback tests share: the compute operations they call (as
//! generated code would declare them), one call of them, one way to put a canned
//! reply on a wiremock server, and the debug trace caught as text.

#![allow(dead_code)]

use apiref_runtime::{Client, Error, Method, Microversion, Operation, Service};
use serde_json::Value;

#[path = "compute_service.rs"]
mod compute_service;
pub mod trace;
mod unbounded;
pub use compute_service::COMPUTE;
pub use unbounded::operation;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond, Times};

const SERVER: &str = "/v2.1/{tenant_id}/servers/{server_id}";
const SERVERS: &str = "/v2.1/{tenant_id}/servers";

/// A compute operation without microversion bounds; tests that need bounds write
/// `Operation { max_microversion: .., ..UPDATE_SERVER }`.
pub const fn compute(
    name: &'static str,
    method: Method,
    path: &'static str,
    documented_statuses: &'static [u16],
) -> Operation {
    operation(&COMPUTE, name, method, path, documented_statuses)
}

/// `PUT /v2.1/{tenant_id}/servers/{server_id}` with Update Server's documented codes.
pub const UPDATE_SERVER: Operation = compute(
    "updateServer",
    Method::Put,
    SERVER,
    &[200, 400, 401, 403, 404, 405, 409, 503],
);
/// `GET /v2.1/{tenant_id}/servers/{server_id}`.
pub const SHOW_SERVER: Operation = compute("showServer", Method::Get, SERVER, &[200, 401, 404]);
/// `GET /v2.1/{tenant_id}/servers`.
pub const LIST_SERVERS: Operation =
    compute("listServers", Method::Get, SERVERS, &[200, 400, 401, 403]);
/// `DELETE /v2.1/{tenant_id}/servers/{server_id}`, answering 204 without a body.
pub const DELETE_SERVER: Operation = compute(
    "deleteServer",
    Method::Delete,
    SERVER,
    &[204, 401, 403, 404, 409],
);

/// Shows server `s1` of project `p1` through `client`: the reply's body.
pub async fn show_server(client: &Client) -> Result<Value, Error> {
    client
        .call::<(), (), Value>(
            &SHOW_SERVER,
            &["p1", "s1"],
            None,
            None,
            Microversion::Default,
        )
        .await
        .map(|r| r.body)
}

/// Mounts `reply` on `server` for the requests `route` matches: `"PUT /a/b"`, a method
/// alone (`"PUT"`) or a path alone (`"/a/b"`). `times` is how many such requests
/// must arrive (checked when the server is dropped): a number, or `..` for any.
pub async fn on(
    server: &MockServer,
    route: &str,
    reply: impl Respond + 'static,
    times: impl Into<Times>,
) {
    let mock = match route.split_once(' ') {
        Some((verb, url_path)) => Mock::given(method(verb)).and(path(url_path)),
        None if route.starts_with('/') => Mock::given(path(route)),
        None => Mock::given(method(route)),
    };
    mock.respond_with(reply).expect(times).mount(server).await;
}
