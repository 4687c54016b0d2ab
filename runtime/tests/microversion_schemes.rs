//! Each microversion scheme on the wire, over loopback HTTP: the header a request
//! carries (`OpenStack-API-Version: volume 3.42`, Manila's own bare header, none
//! for a service without microversions), the version read back from the reply,
//! negotiation against each kind of version document, and a request field outside
//! its range refused before anything is sent.

use apiref_runtime::__generated::{FieldVersion, MicroversionHeader, MicroversionScheme};
use apiref_runtime::{Client, Error, Method, Microversion, Operation, Service, Version};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Cinder, as `apiref generate` states it.
const VOLUME: Service = Service {
    service_type: "block-storage",
    version_segments: &["v3", "v2"],
    microversion: Some(MicroversionScheme {
        header: MicroversionHeader::Standard {
            name: "volume",
            legacy: None,
        },
        version_document: "/v3/",
        base_version: Version::new(3, 0),
    }),
    request_id_headers: &[],
};

/// Manila, as `apiref generate` states it.
const SHARES: Service = Service {
    service_type: "shared-file-system",
    version_segments: &["v2"],
    microversion: Some(MicroversionScheme {
        header: MicroversionHeader::Own("x-openstack-manila-api-version"),
        version_document: "/v2/",
        base_version: Version::new(2, 0),
    }),
    request_id_headers: &[],
};

/// Neutron: no microversions.
const NETWORK: Service = Service {
    version_segments: &["v2.0"],
    ..Service::new("network")
};

const fn get(name: &'static str, path: &'static str, service: &'static Service) -> Operation {
    Operation {
        name,
        method: Method::Get,
        path,
        service,
        documented_statuses: &[200],
        min_microversion: None,
        max_microversion: None,
    }
}

const LIST_VOLUMES: Operation = get("listVolumes", "/v3/{project_id}/volumes", &VOLUME);
const LIST_SHARES: Operation = get("listShares", "/v2/shares", &SHARES);
const CREATE_SHARE: Operation = Operation {
    method: Method::Post,
    documented_statuses: &[202],
    ..get("createShare", "/v2/shares", &SHARES)
};
const LIST_NETWORKS: Operation = get("listNetworks", "/v2.0/networks", &NETWORK);

/// A share field that exists from 2.48 on.
const CREATE_SHARE_FIELDS: &[FieldVersion] = &[FieldVersion {
    path: &["share", "scheduler_hints"],
    min: Some(Version::new(2, 48)),
    max: None,
}];

fn client(server: &MockServer) -> Client {
    Client::builder(&server.uri())
        .token("t")
        .build()
        .expect("client builds")
}

async fn get_json(
    client: &Client,
    op: &Operation,
    args: &[&str],
    mv: Microversion,
) -> Result<apiref_runtime::Response<serde_json::Value>, Error> {
    client
        .call::<(), (), serde_json::Value>(op, args, None, None, mv)
        .await
}

#[tokio::test]
async fn volume_sends_the_standard_header_named_volume() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/p1/volumes"))
        .and(header("openstack-api-version", "volume 3.42"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"volumes": []}))
                .insert_header("OpenStack-API-Version", "volume 3.42"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let reply = get_json(
        &client(&server),
        &LIST_VOLUMES,
        &["p1"],
        Version::new(3, 42).into(),
    )
    .await
    .expect("200 decodes");
    assert_eq!(reply.microversion, Some(Version::new(3, 42)));
}

#[tokio::test]
async fn manila_sends_its_own_bare_header_and_no_standard_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/shares"))
        .and(header("x-openstack-manila-api-version", "2.7"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"shares": []}))
                .insert_header("X-OpenStack-Manila-API-Version", "2.7"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let reply = get_json(
        &client(&server),
        &LIST_SHARES,
        &[],
        Version::new(2, 7).into(),
    )
    .await
    .expect("200 decodes");
    assert_eq!(reply.microversion, Some(Version::new(2, 7)));
    let requests = server.received_requests().await.expect("recording on");
    assert!(requests[0].headers.get("openstack-api-version").is_none());
}

#[tokio::test]
async fn manila_latest_is_the_bare_word() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-openstack-manila-api-version", "latest"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"shares": []})))
        .expect(1)
        .mount(&server)
        .await;
    get_json(&client(&server), &LIST_SHARES, &[], Microversion::Latest)
        .await
        .expect("200 decodes");
}

#[tokio::test]
async fn network_sends_no_microversion_and_refuses_one_asked_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2.0/networks"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"networks": []}))
                .insert_header("OpenStack-API-Version", "network 2.5"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let reply = get_json(&client, &LIST_NETWORKS, &[], Microversion::Default)
        .await
        .expect("200 decodes");
    // A service without microversions reads none, whatever the reply says.
    assert_eq!(reply.microversion, None);
    let requests = server.received_requests().await.expect("recording on");
    let sent = &requests[0].headers;
    assert!(sent.get("openstack-api-version").is_none());
    assert!(
        !sent
            .keys()
            .any(|name| name.as_str().ends_with("-api-version")),
        "{sent:?}"
    );
    let err = get_json(&client, &LIST_NETWORKS, &[], Version::new(2, 1).into())
        .await
        .expect_err("network has no microversions");
    assert!(
        matches!(&err, Error::InvalidArgument { name, .. } if name == "microversion"),
        "{err:?}"
    );
}

#[tokio::test]
async fn manila_refuses_a_too_new_field_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"share": {}})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let body = json!({"share": {"size": 1, "scheduler_hints": {"same_host": "s2"}}});
    let create = |microversion: Microversion| {
        client
            .prepare(&CREATE_SHARE, &[])
            .body(&body, CREATE_SHARE_FIELDS)
            .send::<serde_json::Value>()
            .microversion(microversion)
    };
    let err = create(Version::new(2, 7).into())
        .await
        .expect_err("2.48's field at 2.7");
    let Error::InvalidArgument { name, reason } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(name, "share.scheduler_hints");
    assert_eq!(
        reason,
        "needs microversion 2.48 or later; this request is sent at microversion 2.7"
    );
    // Without a header the server uses Manila's base, 2.0: the same refusal says so.
    let err = create(Microversion::Default).await.expect_err("refused");
    assert!(
        err.to_string().contains("sent at microversion 2.0"),
        "{err}"
    );
    assert!(
        server
            .received_requests()
            .await
            .expect("recording on")
            .is_empty(),
        "a refused call sends nothing"
    );
    create(Version::new(2, 48).into())
        .await
        .expect("in range from 2.48");
}

#[tokio::test]
async fn negotiation_reads_a_versions_list_at_the_schemes_document() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"versions": [
                {"id": "v1.0", "status": "DEPRECATED", "version": "", "min_version": ""},
                {"id": "v2.0", "status": "CURRENT", "version": "2.80", "min_version": "2.0"}
            ]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/shares"))
        .and(header("x-openstack-manila-api-version", "2.80"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"shares": []})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    get_json(&client, &LIST_SHARES, &[], Microversion::Negotiate)
        .await
        .expect("negotiated");
    let range = client.server_versions().await.expect("cached");
    assert_eq!(
        (range.min, range.max),
        (Version::new(2, 0), Version::new(2, 80))
    );
}

#[tokio::test]
async fn negotiation_reads_placements_max_version() {
    const PLACEMENT: Service = Service {
        microversion: Some(MicroversionScheme {
            header: MicroversionHeader::Standard {
                name: "placement",
                legacy: None,
            },
            version_document: "/",
            base_version: Version::new(1, 0),
        }),
        ..Service::new("placement")
    };
    const LIST_TRAITS: Operation = Operation {
        max_microversion: Some(Version::new(1, 6)),
        ..get("listTraits", "/traits", &PLACEMENT)
    };
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"versions": [
                {"id": "v1.0", "min_version": "1.0", "max_version": "1.39", "status": "CURRENT"}
            ]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/traits"))
        .and(header("openstack-api-version", "placement 1.6"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"traits": []})))
        .expect(1)
        .mount(&server)
        .await;
    get_json(&client(&server), &LIST_TRAITS, &[], Microversion::Negotiate)
        .await
        .expect("negotiated");
}

/// A share field that exists only up to 2.60 (as a field a later version dropped).
const OLD_SHARE_FIELDS: &[FieldVersion] = &[FieldVersion {
    path: &["share", "legacy_hint"],
    min: None,
    max: Some(Version::new(2, 60)),
}];

#[tokio::test]
async fn negotiation_stays_within_the_range_of_the_fields_a_call_sets() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"versions": [
                {"id": "v2.0", "status": "CURRENT", "version": "2.80", "min_version": "2.0"}
            ]})),
        )
        .mount(&server)
        .await;
    for (set, sent) in [(true, "2.60"), (false, "2.80")] {
        Mock::given(method("POST"))
            .and(path("/v2/shares"))
            .and(header("x-openstack-manila-api-version", sent))
            .respond_with(ResponseTemplate::new(202).set_body_json(json!({"share": {}})))
            .expect(1)
            .mount(&server)
            .await;
        let mut body = json!({"share": {"size": 1}});
        if set {
            body["share"]["legacy_hint"] = json!("x");
        }
        let client = client(&server);
        let reply = client
            .prepare(&CREATE_SHARE, &[])
            .body(&body, OLD_SHARE_FIELDS)
            .send::<serde_json::Value>()
            .microversion(Microversion::Negotiate)
            .await
            .unwrap_or_else(|e| panic!("set={set}: {e}"));
        assert_eq!(reply.status, 202);
    }
}
