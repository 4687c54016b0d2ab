//! Metadata definitions: a namespace of this program's own with a resource-type
//! association, an object, a property and tags, each created, read, updated and
//! deleted; the catalog Glance loads at start (resource types, its namespaces);
//! and the metadefs schemas.

use image_conformance::ctx::Role::{Admin, Member, Reader};
use image_conformance::dispatch::request_sample;
use serde_json::json;

use crate::{Run, Step, Unversioned};

/// This program's namespace.
const NS: &str = "Conformance::Example";

/// The reference's request sample of `op`, with `changes` set on it.
fn sample(op: &str, changes: serde_json::Value) -> Step<serde_json::Value> {
    let mut body = request_sample(op).ok_or_else(|| format!("{op} has no request sample"))?;
    if let (Some(body), Some(changes)) = (body.as_object_mut(), changes.as_object()) {
        body.extend(changes.clone());
    }
    Ok(body)
}

/// The whole metadefs lifecycle.
pub async fn lifecycle(run: &Run) -> Step {
    for op in [
        "schemas::metadefs::namespace",
        "schemas::metadefs::namespaces",
        "schemas::metadefs::resource_type",
        "schemas::metadefs::resource_types",
        "schemas::metadefs::object",
        "schemas::metadefs::objects",
        "schemas::metadefs::property",
        "schemas::metadefs::properties",
        "schemas::metadefs::tag",
        "schemas::metadefs::tags",
    ] {
        run.get(op, Reader, &[]).await?;
    }
    run.get("metadefs::resource_types", Reader, &[]).await?;
    run.query(
        "metadefs::namespaces::list",
        Member,
        &[],
        json!({"limit": 5, "resource_types": "OS::Glance::Image"}),
    )
    .await?;
    run.get(
        "metadefs::namespaces::get",
        Reader,
        &["OS::Compute::Hypervisor"],
    )
    .await?;

    // Left over by an interrupted run: gone before it is made again.
    let _ = run.get("metadefs::namespaces::delete", Admin, &[NS]).await;
    run.send(
        "metadefs::namespaces::create",
        Admin,
        &[],
        sample(
            "metadefs::namespaces::create",
            json!({"namespace": NS, "protected": false}),
        )?,
    )
    .await?;
    run.remember("namespace_name", NS);
    run.send(
        "metadefs::namespaces::update",
        Admin,
        &[NS],
        json!({"namespace": NS, "display_name": "Conformance", "visibility": "public",
               "protected": false, "description": "Updated by the conformance suite."}),
    )
    .await?;
    run.get("metadefs::namespaces::get", Member, &[NS]).await?;

    run.send(
        "metadefs::namespaces::resource_types::create",
        Admin,
        &[NS],
        json!({"name": "OS::Cinder::Volume", "prefix": "conformance_",
               "properties_target": "image"}),
    )
    .await?;
    run.get("metadefs::namespaces::resource_types::list", Reader, &[NS])
        .await?;
    run.get(
        "metadefs::namespaces::resource_types::delete",
        Admin,
        &[NS, "OS::Cinder::Volume"],
    )
    .await?;

    let object = sample("metadefs::namespaces::objects::create", json!({}))?;
    let name = object["name"].as_str().unwrap_or("CPU Limits").to_owned();
    run.send(
        "metadefs::namespaces::objects::create",
        Admin,
        &[NS],
        object,
    )
    .await?;
    run.get("metadefs::namespaces::objects::list", Reader, &[NS])
        .await?;
    run.get("metadefs::namespaces::objects::get", Reader, &[NS, &name])
        .await?;
    run.send(
        "metadefs::namespaces::objects::update",
        Admin,
        &[NS, &name],
        sample(
            "metadefs::namespaces::objects::update",
            json!({"name": name}),
        )?,
    )
    .await?;
    run.get("metadefs::namespaces::objects::delete", Admin, &[NS, &name])
        .await?;

    let property = sample("metadefs::namespaces::properties::create", json!({}))?;
    let name = property["name"]
        .as_str()
        .unwrap_or("hypervisor_type")
        .to_owned();
    run.send(
        "metadefs::namespaces::properties::create",
        Admin,
        &[NS],
        property,
    )
    .await?;
    run.get("metadefs::namespaces::properties::list", Reader, &[NS])
        .await?;
    run.get(
        "metadefs::namespaces::properties::get",
        Reader,
        &[NS, &name],
    )
    .await?;
    run.send(
        "metadefs::namespaces::properties::update",
        Admin,
        &[NS, &name],
        sample(
            "metadefs::namespaces::properties::update",
            json!({"name": name, "title": "Hypervisor"}),
        )?,
    )
    .await?;
    run.get(
        "metadefs::namespaces::properties::delete",
        Admin,
        &[NS, &name],
    )
    .await?;

    run.get(
        "metadefs::namespaces::tags::create_by_tag_name",
        Admin,
        &[NS, "conformance-one"],
    )
    .await?;
    run.get(
        "metadefs::namespaces::tags::get",
        Reader,
        &[NS, "conformance-one"],
    )
    .await?;
    run.send(
        "metadefs::namespaces::tags::update",
        Admin,
        &[NS, "conformance-one"],
        json!({"name": "conformance-two"}),
    )
    .await?;
    run.get(
        "metadefs::namespaces::tags::delete",
        Admin,
        &[NS, "conformance-two"],
    )
    .await?;
    run.send(
        "metadefs::namespaces::tags::create",
        Admin,
        &[NS],
        json!({"tags": [{"name": "conformance-a"}, {"name": "conformance-b"}]}),
    )
    .await?;
    run.get("metadefs::namespaces::tags::list", Reader, &[NS])
        .await?;
    run.get("metadefs::namespaces::tags::delete_all", Admin, &[NS])
        .await?;

    run.get("metadefs::namespaces::delete", Admin, &[NS])
        .await?;
    Ok(())
}
