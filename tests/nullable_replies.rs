//! A reply's `null`s, wherever they are, come back as `null` when the typed reply
//! is serialized again, or fail to decode naming where; they are never dropped.
//! Uses the shipped spec's Update Server types (`tests/snapshots/compute.rs`).

mod common;

use common::compute::update_server::{Address, Response};
use serde_json::{Value, json};

fn reply(server: Value) -> Value {
    json!({ "server": server })
}

/// Decodes `value`, checks it serializes back to exactly `value`, returns it.
fn round_trip(value: &Value) -> Response {
    let typed: Response = serde_path_to_error::deserialize(value)
        .unwrap_or_else(|e| panic!("{} at {}", e.inner(), e.path()));
    assert_eq!(&serde_json::to_value(&typed).expect("serialize"), value);
    typed
}

/// The JSON path serde stopped at, and its message.
fn decode_error(value: &Value) -> (String, String) {
    let err =
        serde_path_to_error::deserialize::<_, Response>(value).expect_err("should not decode");
    (err.path().to_string(), err.inner().to_string())
}

#[test]
fn a_null_the_doc_did_not_mark_stays_null() {
    // The doc's example shows a name and a status; Nova may send null.
    let value = reply(json!({"name": null, "status": "ACTIVE", "key_name": null}));
    let server = round_trip(&value).server;
    assert!(server.name.is_null());
    assert!(server.id.is_absent());
    assert_eq!(server.name, None, "a null reads as None");
    assert_eq!(server.status.as_deref(), Some("ACTIVE"));
    assert_eq!(format!("{:?} {:?}", server.name, server.id), "Null None");
}

#[test]
fn null_inside_objects_of_maps_and_arrays_round_trips() {
    let value = reply(json!({
        "addresses": {"private": [{"addr": null, "version": 4, "OS-EXT-IPS-MAC:mac_addr": null}]},
        "links": [{"href": null, "rel": "self"}],
        "flavor": {"id": null, "links": []},
    }));
    let server = round_trip(&value).server;
    let addresses = server.addresses.as_ref().expect("addresses");
    let first: &Address = &addresses["private"][0];
    assert!(first.addr.is_null());
    assert_eq!(first.version, Some(4));
    assert_eq!(first.extra["OS-EXT-IPS-MAC:mac_addr"], Value::Null);
    assert!(server.links.as_ref().expect("links")[0].href.is_null());
}

#[test]
fn null_for_an_or_empty_field_and_in_extra_round_trips() {
    let server = round_trip(&reply(json!({"image": null, "grown_in_2030": null}))).server;
    assert!(server.image.is_null());
    assert_eq!(server.extra["grown_in_2030"], Value::Null);
    let server = round_trip(&reply(json!({"image": ""}))).server;
    assert!(server.image.as_ref().is_some_and(|i| i.is_empty()));
}

/// Decided: a `null` where no value may be null is a decode error naming the field
/// (the runtime's `Error::Decode` carries the same path), not a silent default:
/// the required wrapper, an element of an array of objects, a map's value.
#[test]
fn null_where_a_value_is_required_is_an_error_naming_the_field() {
    let (path, message) = decode_error(&json!({"server": null}));
    assert_eq!(path, "server");
    assert!(message.contains("invalid type: null"), "{message}");

    let (path, _) = decode_error(&reply(json!({"addresses": {"private": [null]}})));
    assert_eq!(path, "server.addresses.private[0]");

    let (path, _) = decode_error(&reply(json!({"metadata": {"role": null}})));
    assert_eq!(path, "server.metadata.role");

    let (path, message) = decode_error(&json!({}));
    assert_eq!(path, ".");
    assert!(message.contains("missing field `server`"), "{message}");
}

#[test]
fn fields_read_like_options() {
    let mut server = round_trip(&reply(json!({"name": "web-1", "progress": 0}))).server;
    let name: Option<&str> = server.name.as_deref();
    assert_eq!(name, Some("web-1"));
    assert!(server.progress.is_some());
    assert_eq!(server.progress.unwrap_or_default(), 0);
    let by_ref: &Option<String> = &server.name;
    assert_eq!(by_ref.as_ref().map(String::len), Some(5));
    *server.name = Some("web-2".into());
    server.status = Some("ACTIVE".to_string()).into();
    assert_eq!(
        serde_json::to_value(&server).expect("serialize"),
        json!({"name": "web-2", "progress": 0, "status": "ACTIVE"})
    );
}
