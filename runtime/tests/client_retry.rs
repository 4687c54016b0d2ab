//! The call retried after a 401 with a renewed Keystone token carries the same body
//! as the first attempt (the client keeps the body only when a retry is possible).

#[path = "common/compute_service.rs"]
mod compute_service;

use std::sync::atomic::{AtomicUsize, Ordering};

use apiref_runtime::{
    Client, DomainRef, KeystoneAuth, Method, Microversion, Operation, Password, ProjectRef, UserRef,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const UPDATE: Operation = Operation {
    name: "updateServer",
    method: Method::Put,
    path: "/v2.1/{tenant_id}/servers/{server_id}",
    service: &compute_service::COMPUTE,
    documented_statuses: &[200, 401],
    min_microversion: None,
    max_microversion: None,
};

/// Issues `tok-1`, `tok-2`, ..., each valid far into the future.
struct Tokens(AtomicUsize);

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(201)
            .insert_header("x-subject-token", format!("tok-{n}").as_str())
            .set_body_json(json!({"token": {
                "methods": ["password"],
                "expires_at": "2999-01-01T00:00:00.000000Z",
                "project": {"id": "p1", "name": "demo", "domain": {"id": "default"}},
                "catalog": []
            }}))
    }
}

#[tokio::test]
async fn a_retried_call_sends_the_same_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(Tokens(AtomicUsize::new(0)))
        .expect(2)
        .mount(&server)
        .await;
    let body = json!({"server": {"name": "renamed"}});
    for (token, status) in [("tok-1", 401), ("tok-2", 200)] {
        Mock::given(method("PUT"))
            .and(path("/v2.1/p1/servers/s1"))
            .and(header("x-auth-token", token))
            .and(header("content-type", "application/json"))
            .and(body_json(&body))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({"server": {}})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let auth = KeystoneAuth::new(
        format!("{}/identity/v3", server.uri()),
        Password::new(UserRef::name("demo", DomainRef::name("Default")), "pw")
            .project(ProjectRef::name("demo", DomainRef::name("Default"))),
    );
    let client = Client::builder(&server.uri())
        .keystone(auth)
        .build()
        .expect("builds");
    let reply = client
        .call::<(), Value, Value>(
            &UPDATE,
            &["p1", "s1"],
            None,
            Some(&body),
            Microversion::Default,
        )
        .await
        .expect("the retry succeeds");
    assert_eq!(reply.status, 200);
}
