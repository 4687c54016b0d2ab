//! A value that is "a list, or one of these strings" (Nova's `networks` in Create
//! Server: a list of networks, or from 2.37 `"auto"` or `"none"`), on a client
//! generated from this repository's small reference (tests/fixtures/os-api-ref,
//! whose overlay says `or_enum = ["auto", "none"]`): each form serializes as the
//! server expects it and reads back as the same variant.

use serde_json::json;

mod compute {
    apiref::generate!("tests/fixtures/os-api-ref");
}

use compute::servers::create::{Network, Networks, Request, RequestServer};

fn create(networks: Networks) -> Request {
    Request {
        server: RequestServer {
            name: Some("web-1".into()),
            image_ref: Some("70a599e0-31e7-49b7-b260-868f441e862b".into()),
            flavor_ref: Some("1".into()),
            networks: Some(networks),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The body as JSON, and the same JSON read back into the request type.
fn round_trip(request: &Request) -> serde_json::Value {
    let value = serde_json::to_value(request).expect("serializes");
    let back: Request = serde_json::from_value(value.clone()).expect("reads back");
    assert_eq!(&back, request, "{value}");
    value
}

#[test]
fn auto_and_none_are_sent_as_strings() {
    let auto = round_trip(&create(Networks::Auto));
    assert_eq!(auto["server"]["networks"], json!("auto"));
    let none = round_trip(&create(Networks::None));
    assert_eq!(none["server"]["networks"], json!("none"));
}

#[test]
fn a_list_is_sent_as_a_list_of_typed_networks() {
    let list = Networks::List(vec![
        Network {
            uuid: Some("ff608d40-75e9-48cb-b745-77bb55b5eaf2".into()),
            tag: Some("nic1".into()),
            ..Default::default()
        },
        Network {
            port: Some("c9a4c4e0-7a6b-4b0a-9b1b-6a3c2f1d1e10".into()),
            fixed_ip: Some("10.0.0.5".into()),
            ..Default::default()
        },
    ]);
    let value = round_trip(&create(list));
    assert_eq!(
        value,
        json!({"server": {
            "name": "web-1",
            "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b",
            "flavorRef": "1",
            "networks": [
                {"uuid": "ff608d40-75e9-48cb-b745-77bb55b5eaf2", "tag": "nic1"},
                {"port": "c9a4c4e0-7a6b-4b0a-9b1b-6a3c2f1d1e10", "fixed_ip": "10.0.0.5"}
            ]
        }})
    );
}

#[test]
fn an_unlisted_string_is_kept_and_an_empty_list_stays_a_list() {
    let read: Networks = serde_json::from_value(json!("some-future-value")).unwrap();
    assert_eq!(read, Networks::Other("some-future-value".into()));
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        json!("some-future-value")
    );
    let empty: Networks = serde_json::from_value(json!([])).unwrap();
    assert_eq!(empty, Networks::List(Vec::new()));
    // Neither a string nor a list: refused, not guessed.
    assert!(serde_json::from_value::<Networks>(json!(7)).is_err());
}

/// A network's `tag` exists from 2.32: setting it at 2.31 is refused before any
/// I/O, naming the field through the list; `"auto"` sets no tag and passes the
/// check (nothing listens on port 9, so it then fails to connect).
#[tokio::test]
async fn the_tag_inside_the_list_is_version_checked() {
    use apiref::runtime::{Client, Error, Microversion, Version};
    let client = Client::builder("http://127.0.0.1:9/v2.1")
        .token("unused")
        .build()
        .unwrap();
    let tagged = create(Networks::List(vec![Network {
        uuid: Some("u".into()),
        tag: Some("nic1".into()),
        ..Default::default()
    }]));
    let at_2_31 = Microversion::Exact(Version::new(2, 31));
    let headers = compute::servers::create::RequestHeaders::default();
    match compute::servers::create(&client, &tagged, &headers)
        .microversion(at_2_31)
        .await
    {
        Err(Error::InvalidArgument { name, reason }) => {
            assert_eq!(name, "server.networks.tag");
            assert!(reason.contains("2.32 or later"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let auto = create(Networks::Auto);
    let sent = compute::servers::create(&client, &auto, &headers)
        .microversion(at_2_31)
        .await;
    assert!(matches!(sent, Err(Error::Transport(_))), "{sent:?}");
}
