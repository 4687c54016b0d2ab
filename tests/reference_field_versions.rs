//! Microversions per field, on a client generated from a small os-api-ref reference
//! (tests/fixtures/os-api-ref): a request that sets a field outside its range is
//! refused before any I/O, naming the field, its range and the version; with
//! `Negotiate` the negotiated version is the one checked (against the real Nova).

mod common;

use apiref::runtime::{Client, Error, Microversion, Version};
use common::nova::Nova;

mod compute {
    apiref::generate!("tests/fixtures/os-api-ref");
}

fn body(
    description: Option<&str>,
    hostname: Option<&str>,
    legacy: Option<bool>,
) -> compute::servers::update::Request {
    compute::servers::update::Request {
        server: compute::servers::update::RequestServer {
            name: Some("ref-versions".into()),
            description: description.map(String::from),
            hostname: hostname.map(String::from),
            legacy_flag: legacy,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn refused(result: Result<impl std::fmt::Debug, Error>) -> (String, String) {
    match result {
        Err(Error::InvalidArgument { name, reason }) => (name, reason),
        other => panic!("expected a refusal before sending, got {other:?}"),
    }
}

#[tokio::test]
async fn a_field_newer_than_the_exact_version_is_refused_before_any_io() {
    // Nothing listens on port 9: any I/O would be a transport error, not a refusal.
    let client = Client::builder("http://127.0.0.1:9/v2.1")
        .token("unused")
        .build()
        .unwrap();
    let (name, reason) = refused(
        compute::servers::update(&client, "s1", &body(None, Some("web-1"), None))
            .microversion(Microversion::Exact(Version::new(2, 89)))
            .await,
    );
    assert_eq!(name, "server.hostname");
    assert_eq!(
        reason,
        "needs microversion 2.90 or later; this request is sent at microversion 2.89"
    );
    // No header at all means the server's base version, 2.1.
    let (name, reason) =
        refused(compute::servers::update(&client, "s1", &body(Some("d"), None, None)).await);
    assert_eq!(name, "server.description");
    assert!(reason.ends_with("sent at microversion 2.1"), "{reason}");
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn negotiate_checks_the_negotiated_version_against_the_real_nova() {
    let nova = Nova::from_env();
    let client = Client::builder(&nova.url)
        .token(nova.token.clone())
        .build()
        .unwrap();
    // Negotiated with the real Nova (2.104): hostname (2.90+) is sent, and the
    // reference's relative path reaches the server under /v2.1.
    let reply = compute::servers::update(
        &client,
        &nova.server,
        &body(
            Some("set through the os-api-ref client"),
            Some("ref-versions"),
            None,
        ),
    )
    .microversion(Microversion::Negotiate)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reply.body.server.name.as_deref(), Some("ref-versions"));
    assert_eq!(reply.microversion, Some(Version::new(2, 104)));
    // A field that ends at 2.50 keeps the negotiation at 2.50: the request goes out
    // (no refusal before sending), and Nova, which never had this made-up field,
    // refuses it itself.
    match compute::servers::update(&client, &nova.server, &body(None, None, Some(true)))
        .microversion(Microversion::Negotiate)
        .await
    {
        Err(Error::BadRequest(api)) => assert!(
            api.message.as_deref().unwrap_or("").contains("legacy_flag"),
            "{api:?}"
        ),
        other => panic!("expected Nova's own 400 for the made-up field, got {other:?}"),
    }
    // Fields with no version in common (hostname from 2.90, legacy_flag to 2.50):
    // nothing to negotiate, and nothing is sent.
    match compute::servers::update(
        &client,
        &nova.server,
        &body(None, Some("web-1"), Some(true)),
    )
    .microversion(Microversion::Negotiate)
    .await
    {
        Err(Error::Negotiation(message)) => {
            assert!(message.contains("no common microversion"), "{message}")
        }
        other => panic!("expected no common microversion, got {other:?}"),
    }
}
