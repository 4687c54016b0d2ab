//! The generated Update Server client against a real Nova: every writable field,
//! every microversion's reply decoded losslessly, Nova's real errors as typed
//! errors, microversion negotiation, and many concurrent calls on one client.
//!
//! Needs `APIREF_NOVA_*` (see tests/common/nova.rs and the README, "Against a real Nova"); `scripts/test`
//! starts the Nova harness and sets them. Unset: every test prints a notice and
//! passes. Tests that change the server hold `SERVER_LOCK`, so each reads back its
//! own changes.

mod common;

use apiref::runtime::{
    ApiError, Client, Error, Microversion, Nullable, Operation, Response, Version,
};
use common::compute::{self, update_server};
use common::nova::{Nova, SERVER_LOCK, SHOW_SERVER};
use serde_json::Value;

/// The newest microversion the spec describes for Update Server.
const SPEC_MAX: Version = Version::new(2, 104);

fn v(text: &str) -> Version {
    text.parse().expect("a version")
}

fn exact(text: &str) -> Microversion {
    Microversion::Exact(v(text))
}

/// An update request that changes what `edit` sets.
fn request(edit: impl FnOnce(&mut update_server::RequestServer)) -> update_server::Request {
    let mut body = update_server::Request::default();
    edit(&mut body.server);
    body
}

async fn update(
    client: &Client,
    nova: &Nova,
    body: &update_server::Request,
    microversion: Microversion,
) -> Result<Response<update_server::Response>, Error> {
    compute::update_server(client, &nova.project, &nova.server, body)
        .microversion(microversion)
        .await
}

/// Update, expecting success; checks what every successful reply carries.
async fn update_ok(
    client: &Client,
    nova: &Nova,
    body: &update_server::Request,
    microversion: Microversion,
) -> update_server::Server {
    let reply = update(client, nova, body, microversion)
        .await
        .unwrap_or_else(|e| panic!("update {body:?} at {microversion:?}: {e}"));
    assert_eq!(reply.status, 200);
    assert_request_id(reply.request_id.as_deref());
    if let Microversion::Exact(version) = microversion {
        assert_eq!(reply.microversion, Some(version));
    }
    assert_eq!(reply.body.server.id.as_deref(), Some(nova.server.as_str()));
    reply.body.server
}

/// Show Server (no generated function yet), decoded as Update Server's reply.
async fn show(client: &Client, nova: &Nova, microversion: &str) -> update_server::Server {
    let reply: Response<update_server::Response> = client
        .call(
            &SHOW_SERVER,
            &[&nova.project, &nova.server],
            None::<&()>,
            None::<&()>,
            exact(microversion),
        )
        .await
        .unwrap_or_else(|e| panic!("show server at {microversion}: {e}"));
    assert_eq!(reply.microversion, Some(v(microversion)));
    reply.body.server
}

fn assert_request_id(id: Option<&str>) {
    assert!(
        id.is_some_and(|id| id.starts_with("req-")),
        "request id {id:?}"
    );
}

/// The error's reply details, checked for what every Nova error reply carries:
/// the status, Nova's fault name and message, and a request id.
fn nova_error<'e>(
    err: &'e Error,
    status: u16,
    fault: Option<&str>,
    message_part: &str,
) -> &'e ApiError {
    let api = err
        .api_error()
        .unwrap_or_else(|| panic!("not an error reply: {err}"));
    assert_eq!(api.status, status, "{err}");
    assert_eq!(api.fault.as_deref(), fault, "{err}");
    if fault.is_some() {
        let message = api.message.as_deref().unwrap_or_default();
        assert!(
            message.contains(message_part),
            "message {message:?} lacks {message_part:?}"
        );
    } else {
        assert!(api.body.contains(message_part), "body {:?}", api.body);
    }
    assert_request_id(api.request_id.as_deref());
    // The Display a user sees has all of it on one line.
    let shown = err.to_string();
    assert!(shown.contains(&status.to_string()), "{shown}");
    if let Some(fault) = fault {
        assert!(shown.contains(fault), "{shown}");
    }
    assert!(
        shown.contains(api.request_id.as_deref().unwrap_or_default()),
        "{shown}"
    );
    api
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn every_writable_field_changes_and_show_server_sees_it() {
    let nova = Nova::from_env();
    let _server = SERVER_LOCK.lock().await;
    let client = nova.client();
    let before = show(&client, &nova, "2.19").await;

    // name: ASCII and not.
    // (Nova's name pattern allows printable characters of the BMP only: an emoji is
    // a 400, checked with the errors below.)
    for name in ["apiref-renamed", "Grüße, 世界: ñandú"] {
        let body = request(|s| s.name = Some(name.to_owned()));
        let updated = update_ok(&client, &nova, &body, Microversion::Default).await;
        assert_eq!(updated.name.as_deref(), Some(name));
        assert_eq!(
            show(&client, &nova, "2.1").await.name.as_deref(),
            Some(name)
        );
    }

    // accessIPv4 and accessIPv6 together, then each again on its own.
    for (ipv4, ipv6) in [
        ("192.0.2.10", "2001:db8::10"),
        ("198.51.100.7", "2001:db8::7"),
    ] {
        let body = request(|s| {
            s.access_ipv4 = Some(ipv4.to_owned());
            s.access_ipv6 = Some(ipv6.to_owned());
        });
        let updated = update_ok(&client, &nova, &body, Microversion::Default).await;
        assert_eq!(updated.access_ipv4.as_deref(), Some(ipv4));
        assert_eq!(updated.access_ipv6.as_deref(), Some(ipv6));
        let shown = show(&client, &nova, "2.1").await;
        assert_eq!(shown.access_ipv4.as_deref(), Some(ipv4));
        assert_eq!(shown.access_ipv6.as_deref(), Some(ipv6));
    }

    // OS-DCF:diskConfig, both ways.
    for disk in [
        update_server::DiskConfig::Auto,
        update_server::DiskConfig::Manual,
    ] {
        let body = request(|s| s.os_dcf_disk_config = Some(disk.clone()));
        let updated = update_ok(&client, &nova, &body, Microversion::Default).await;
        assert_eq!(updated.os_dcf_disk_config, Some(disk.clone()));
        assert_eq!(
            show(&client, &nova, "2.1").await.os_dcf_disk_config,
            Some(disk)
        );
    }

    // description at 2.19: set, then removed with null.
    for description in [Some("described by apiref: ünïcode ok"), None] {
        let body = request(|s| s.description = Some(description.map(str::to_owned)));
        let updated = update_ok(&client, &nova, &body, exact("2.19")).await;
        // Sent as `Some(None)`, read back as a remembered `null`.
        let expected = description.map_or(Nullable::null(), |d| Nullable::new(d.to_owned()));
        assert_eq!(updated.description, expected);
        assert_eq!(show(&client, &nova, "2.19").await.description, expected);
    }

    // hostname at 2.90, shown as OS-EXT-SRV-ATTR:hostname.
    let body = request(|s| s.hostname = Some("apiref-host".to_owned()));
    let updated = update_ok(&client, &nova, &body, exact("2.90")).await;
    assert_eq!(
        updated.os_ext_srv_attr_hostname.as_deref(),
        Some("apiref-host")
    );
    assert_eq!(
        show(&client, &nova, "2.90")
            .await
            .os_ext_srv_attr_hostname
            .as_deref(),
        Some("apiref-host")
    );

    // pinned_availability_zone at 2.104: Nova pins only to the server's current zone,
    // refuses another (409, documented: Error::Conflict), and unpins with null.
    let zone = show(&client, &nova, "2.104")
        .await
        .os_ext_az_availability_zone
        .expect("OS-EXT-AZ:availability_zone at 2.104");
    let pin = |zone: Option<&str>| {
        request(|s| s.pinned_availability_zone = Some(zone.map(str::to_owned)))
    };
    let another_zone_refused = async |why: &str, reason: &str| {
        let err = update(
            &client,
            &nova,
            &pin(Some("apiref-no-such-zone")),
            exact("2.104"),
        )
        .await
        .expect_err(why);
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        nova_error(&err, 409, Some("conflictingRequest"), reason);
    };
    let updated = update_ok(&client, &nova, &pin(Some(&zone)), exact("2.104")).await;
    assert_eq!(updated.pinned_availability_zone, Some(zone.clone()));
    assert_eq!(
        show(&client, &nova, "2.104").await.pinned_availability_zone,
        Some(zone.clone())
    );
    another_zone_refused("a pinned server cannot move to another zone", "Unpin first").await;
    let updated = update_ok(&client, &nova, &pin(None), exact("2.104")).await;
    assert!(updated.pinned_availability_zone.is_null());
    assert!(
        show(&client, &nova, "2.104")
            .await
            .pinned_availability_zone
            .is_null()
    );
    another_zone_refused("only the current zone can be pinned", "apiref-no-such-zone").await;

    // Put back what a real cloud's server had (IPs cannot be cleared through this call).
    let body = request(|s| {
        s.name = before.name.clone().into_option();
        s.description = Some(before.description.clone().into_option());
    });
    update_ok(&client, &nova, &body, exact("2.19")).await;
}

/// The reply fields that come with a microversion, as JSON pointers, each with the
/// first microversion that sends it to everyone (harness-verified).
const FIELDS_SINCE: [(&str, &str); 11] = [
    ("/locked", "2.9"),
    ("/description", "2.19"),
    ("/tags", "2.26"),
    ("/trusted_image_certificates", "2.63"),
    ("/server_groups", "2.71"),
    ("/locked_reason", "2.73"),
    ("/config_drive", "2.75"),
    ("/key_name", "2.75"),
    ("/OS-EXT-SRV-ATTR:hostname", "2.90"),
    ("/pinned_availability_zone", "2.96"),
    ("/scheduler_hints", "2.100"),
];

/// What Nova's default policies show only an admin, from 2.75.
const ADMIN_FIELDS: [&str; 3] = [
    "/OS-EXT-SRV-ATTR:host",
    "/OS-EXT-SRV-ATTR:hostname",
    "/host_status",
];

/// The flavor's id, replaced by its details from 2.47.
const FLAVOR_FIELDS: [&str; 2] = ["/flavor/id", "/flavor/original_name"];

/// Checks that the reply has exactly the microversion-dependent fields `version`
/// sends (to an admin, if `admin`).
fn check_fields_by_version(server: &update_server::Server, version: Version, admin: bool) {
    let from = |text: &str| version >= v(text);
    let mut expected: Vec<&str> = FIELDS_SINCE
        .iter()
        .filter(|(_, since)| from(since))
        .map(|&(field, _)| field)
        .collect();
    let [flavor_id, flavor_details] = FLAVOR_FIELDS;
    expected.push(if from("2.47") {
        flavor_details
    } else {
        flavor_id
    });
    if admin && from("2.75") {
        expected.extend(ADMIN_FIELDS);
    }
    // The reply as the typed server serializes it: a field is there unless
    // `Nullable::is_absent` (present means sent, `null` included).
    let sent = serde_json::to_value(server).expect("serializes");
    let mut present: Vec<&str> = FIELDS_SINCE
        .iter()
        .map(|&(field, _)| field)
        .chain(ADMIN_FIELDS)
        .chain(FLAVOR_FIELDS)
        .filter(|field| sent.pointer(field).is_some())
        .collect();
    for fields in [&mut expected, &mut present] {
        fields.sort_unstable();
        fields.dedup();
    }
    assert_eq!(present, expected, "at {version} (admin: {admin})");
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn every_microversion_reply_decodes_losslessly() {
    let nova = Nova::from_env();
    let _server = SERVER_LOCK.lock().await;
    let mut tokens = vec![(false, nova.token.clone())];
    tokens.extend(nova.admin_token.clone().map(|t| (true, t)));
    let range = nova
        .client()
        .server_versions()
        .await
        .unwrap_or_else(|e| panic!("Nova at {} is unreachable or odd: {e}", nova.url));
    let top = range.max.min(SPEC_MAX);
    // Every microversion both sides know: 2.1, 2.2, ..., 2.104.
    let versions: Vec<Version> = (range.min.minor..=top.minor)
        .map(|minor| Version::new(2, minor))
        .collect();
    assert!(versions.len() > 1, "server range {range}");

    let body = request(|s| s.name = Some("apiref-round-trip".to_owned()));
    for (admin, token) in tokens {
        let client = nova.client_with(Some(&token));
        for &version in &versions {
            // The raw reply, and the same reply decoded and re-encoded.
            let raw: Response<Value> = client
                .call(
                    &update_server::OPERATION,
                    &[&nova.project, &nova.server],
                    None::<&()>,
                    Some(&body),
                    Microversion::Exact(version),
                )
                .await
                .unwrap_or_else(|e| panic!("raw update at {version} (admin: {admin}): {e}"));
            assert_eq!(raw.microversion, Some(version));
            let decoded: update_server::Response =
                serde_path_to_error::deserialize(raw.body.clone()).unwrap_or_else(|e| {
                    panic!(
                        "{version} (admin: {admin}) does not decode at {}: {e}",
                        e.path()
                    )
                });
            assert_eq!(
                serde_json::to_value(&decoded).expect("serializes"),
                raw.body,
                "{version} (admin: {admin}) does not round-trip"
            );
            // Every field is one the spec names: nothing lands in a catch-all.
            let server = &decoded.server;
            let unknown: Vec<&String> = decoded
                .extra
                .keys()
                .chain(server.extra.keys())
                .chain(server.flavor.iter().flat_map(|f| f.extra.keys()))
                .collect();
            assert!(
                unknown.is_empty(),
                "fields the spec does not type at {version} (admin: {admin}): {unknown:?}"
            );
            check_fields_by_version(server, version, admin);

            // The generated function decodes the same reply.
            let typed = update(&client, &nova, &body, Microversion::Exact(version))
                .await
                .unwrap_or_else(|e| panic!("update at {version} (admin: {admin}): {e}"));
            assert_eq!(typed.microversion, Some(version));
            let mut typed = serde_json::to_value(&typed.body).expect("serializes");
            let mut raw = raw.body;
            for reply in [&mut typed, &mut raw] {
                reply["server"]
                    .as_object_mut()
                    .expect("server object")
                    .remove("updated");
            }
            assert_eq!(typed, raw, "{version} (admin: {admin})");
        }
    }
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn nova_errors_become_typed_errors() {
    let nova = Nova::from_env();
    let client = nova.client();
    let rename = |name: &str| request(|s| s.name = Some(name.to_owned()));

    // 400, documented: Error::BadRequest with Nova's message. Nothing changes.
    let bad_requests = [
        (rename(""), Microversion::Default, "name"),
        (
            rename(&"a".repeat(256)),
            Microversion::Default,
            "is too long",
        ),
        (
            rename("rocket 🚀"),
            Microversion::Default,
            "printable characters",
        ),
        (
            request(|s| s.access_ipv4 = Some("not-an-ip".to_owned())),
            Microversion::Default,
            "accessIPv4",
        ),
        (
            request(|s| s.description = Some(Some("needs 2.19".to_owned()))),
            Microversion::Default,
            "Additional properties are not allowed ('description' was unexpected)",
        ),
        (
            request(|s| s.hostname = Some("needs-2-90".to_owned())),
            exact("2.89"),
            "'hostname' was unexpected",
        ),
    ];
    for (body, microversion, message) in bad_requests {
        let err = update(&client, &nova, &body, microversion)
            .await
            .expect_err("Nova rejects it");
        assert!(matches!(err, Error::BadRequest(_)), "{err}");
        nova_error(&err, 400, Some("badRequest"), message);
    }

    // 401 from keystonemiddleware (Keystone's error shape): no token, a bad token.
    let secret = "apiref-no-such-token-0123456789";
    for client in [nova.client_with(None), nova.client_with(Some(secret))] {
        let err = update(&client, &nova, &rename("x"), Microversion::Default)
            .await
            .expect_err("unauthenticated");
        assert!(matches!(err, Error::Unauthorized(_)), "{err}");
        nova_error(&err, 401, Some("Unauthorized"), "requires authentication");
        assert!(!format!("{err} {err:?}").contains(secret));
    }

    // 403: a reader may look but not change.
    if let Some(reader) = &nova.reader_token {
        let err = update(
            &nova.client_with(Some(reader)),
            &nova,
            &rename("x"),
            Microversion::Default,
        )
        .await
        .expect_err("a reader cannot update");
        assert!(matches!(err, Error::Forbidden(_)), "{err}");
        nova_error(
            &err,
            403,
            Some("forbidden"),
            "os_compute_api:servers:update",
        );
    }

    // 404: no such server; and a server of another project.
    let missing = "00000000-0000-4000-8000-000000000000";
    let err = compute::update_server(&client, &nova.project, missing, &rename("x"))
        .await
        .expect_err("no such server");
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    nova_error(&err, 404, Some("itemNotFound"), missing);
    if let Some((other_project, other_token)) = &nova.other {
        let err = compute::update_server(
            &nova.client_with(Some(other_token)),
            other_project,
            &nova.server,
            &rename("x"),
        )
        .await
        .expect_err("another project's server");
        assert!(matches!(err, Error::NotFound(_)), "{err}");
        nova_error(&err, 404, Some("itemNotFound"), &nova.server);
    }

    // 406 is not in the doc's table: Error::UnexpectedStatus, Nova's words kept.
    let err = update(&client, &nova, &rename("x"), exact("9.9"))
        .await
        .expect_err("unsupported microversion");
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err}");
    nova_error(
        &err,
        406,
        Some("computeFault"),
        "Version 9.9 is not supported by the API",
    );
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn a_path_argument_cannot_reach_another_api() {
    let nova = Nova::from_env();
    let token = nova.admin_token.as_deref().unwrap_or(&nova.token);
    let client = nova.client_with(Some(token));
    let traversal = "../../os-hypervisors";
    let log_before = nova.access_log_lines().map(|lines| lines.len());
    let err = compute::update_server(
        &client,
        &nova.project,
        traversal,
        &request(|s| s.name = Some("x".to_owned())),
    )
    .await
    .expect_err("not a server");
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    // Nova's router finds no route for the encoded segment: webob's own 404
    // page, in JSON (`{"message", "code", "title"}`), read as its title and message.
    nova_error(&err, 404, Some("Not Found"), "could not be found");
    if let Some(before) = log_before {
        // Only what was logged since this test began (the log may be appended to).
        // The server writes its access-log line just after replying: wait for it.
        let sent = format!(
            "\"PUT /v2.1/{}/servers/..%2F..%2Fos-hypervisors ",
            nova.project
        );
        let mut lines = Vec::new();
        for _ in 0..100 {
            lines = nova.access_log_lines().unwrap_or_default();
            lines.drain(..before.min(lines.len()));
            if lines.iter().any(|l| l.contains(&sent)) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            lines.iter().any(|l| l.contains(&sent)),
            "the access log has no {sent}"
        );
        let reached = [
            "\"PUT /v2.1/os-hypervisors".to_owned(),
            format!("\"PUT /v2.1/{}/os-hypervisors", nova.project),
        ];
        assert!(
            !lines.iter().any(|l| reached.iter().any(|r| l.contains(r))),
            "a PUT reached the hypervisors API: {lines:?}"
        );
    }

    // The same trick one level up would land on the hypervisors API, which an admin
    // may read: a GET there answers 200. Through the client, it stays a server id.
    if nova.admin_token.is_some() {
        const LIST_HYPERVISORS: Operation = Operation {
            path: "/v2.1/{tenant_id}/os-hypervisors",
            ..SHOW_SERVER
        };
        let hypervisors: Response<Value> = client
            .call(
                &LIST_HYPERVISORS,
                &[&nova.project],
                None::<&()>,
                None::<&()>,
                Microversion::Default,
            )
            .await
            .expect("an admin lists hypervisors");
        assert!(hypervisors.body.get("hypervisors").is_some());
        let err = client
            .call::<(), (), Value>(
                &SHOW_SERVER,
                &[&nova.project, "../os-hypervisors"],
                None,
                None,
                Microversion::Default,
            )
            .await
            .expect_err("not a server");
        assert!(matches!(err, Error::NotFound(_)), "{err}");
    }
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn negotiation_picks_the_highest_common_microversion() {
    let nova = Nova::from_env();
    let _server = SERVER_LOCK.lock().await;
    let client = nova.client();
    let range = client.server_versions().await.expect("version document");
    assert_eq!(range.min, v("2.1"), "Nova's lowest microversion");
    assert!(range.max >= v("2.1"), "{range}");
    let expected = range.max.min(SPEC_MAX);
    assert_eq!(
        update_server::OPERATION.max_microversion,
        Some(SPEC_MAX),
        "the overlay's max_microversion"
    );

    let body = request(|s| s.name = Some("apiref-negotiated".to_owned()));
    for _ in 0..3 {
        let reply = update(&client, &nova, &body, Microversion::Negotiate)
            .await
            .expect("negotiated update");
        assert_eq!(reply.microversion, Some(expected));
        // Fields of the negotiated version are there: at 2.104, everything up to it.
        check_fields_by_version(&reply.body.server, expected, false);
    }
    assert_eq!(client.server_versions().await.expect("cached"), range);

    // A client whose default is Negotiate does the same for Microversion::Default.
    let negotiating = Client::builder(&nova.url)
        .service(&compute::SERVICE)
        .token(&nova.token)
        .microversion(Microversion::Negotiate)
        .build()
        .expect("client");
    let reply = update(&negotiating, &nova, &body, Microversion::Default)
        .await
        .expect("negotiated by default");
    assert_eq!(reply.microversion, Some(expected));

    // An operation that knows less caps the choice: min(server max, operation max).
    const UP_TO_2_60: Operation = Operation {
        max_microversion: Some(Version::new(2, 60)),
        ..update_server::OPERATION
    };
    let reply: Response<update_server::Response> = client
        .call(
            &UP_TO_2_60,
            &[&nova.project, &nova.server],
            None::<&()>,
            Some(&body),
            Microversion::Negotiate,
        )
        .await
        .expect("negotiated update, capped");
    assert_eq!(reply.microversion, Some(range.max.min(v("2.60"))));

    // `latest` is the server's own maximum.
    let reply = update(&client, &nova, &body, Microversion::Latest)
        .await
        .expect("latest");
    assert_eq!(reply.microversion, Some(range.max));
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn every_catalog_form_of_the_endpoint_works() {
    let nova = Nova::from_env();
    let root = nova.client().endpoint().root().to_owned();
    for form in [
        root.clone(),
        format!("{root}/v2.1"),
        format!("{root}/v2.1/"),
        format!("{root}/v2.1/{}", nova.project),
    ] {
        let client = Client::builder(&form)
            .token(&nova.token)
            .build()
            .expect("client");
        let server = show(&client, &nova, "2.1").await;
        assert_eq!(server.id.as_deref(), Some(nova.server.as_str()), "{form}");
    }
}

#[tokio::test]
#[ignore = "needs APIREF_NOVA_URL, a Nova (scripts/test starts one)"]
async fn eight_tasks_share_one_client_for_400_updates() {
    let nova = Nova::from_env();
    let _server = SERVER_LOCK.lock().await;
    const TASKS: usize = 8;
    const PER_TASK: usize = 50;
    let client = nova.client();
    let nova = std::sync::Arc::new(nova);
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..TASKS {
        let (client, nova) = (client.clone(), nova.clone());
        tasks.spawn(async move {
            let mut done = 0;
            for i in 0..PER_TASK {
                let name = format!("apiref-load-{task}-{i}");
                let body = request(|s| s.name = Some(name.clone()));
                let reply = update(&client, &nova, &body, exact("2.104"))
                    .await
                    .unwrap_or_else(|e| panic!("task {task} update {i}: {e}"));
                assert_eq!(reply.status, 200);
                assert_eq!(reply.microversion, Some(v("2.104")));
                // Each reply shows the server as this very update left it.
                assert_eq!(reply.body.server.name.as_deref(), Some(name.as_str()));
                assert_request_id(reply.request_id.as_deref());
                done += 1;
            }
            done
        });
    }
    let mut total = 0;
    while let Some(done) = tasks.join_next().await {
        total += done.expect("task finished");
    }
    assert_eq!(total, TASKS * PER_TASK);
}
