//! Images: create, read as every role, list by page and filter, update by
//! JSON-Patch (through the dispatch and through the generated function itself),
//! tags, sharing with a second project, deactivate and reactivate, the cache,
//! locations, delete; and the discovery documents (schemas, stores, import methods).

use apiref::runtime::Json;
use image_conformance::ctx::Role::{Admin, Member, Other, Reader};
use image_conformance::image as api;
use serde_json::json;

use crate::{ALL_ROLES, Run, Step, Unversioned, text};

/// The prefix of every image this program makes, so cleanup finds them.
pub const PREFIX: &str = "conformance-";

/// Creates a queued image as the member.
pub async fn create(run: &Run, name: &str) -> Step<String> {
    let body = json!({"name": format!("{PREFIX}{name}"), "disk_format": "raw",
                      "container_format": "bare", "tags": ["conformance"]});
    let image = run.send("images::create", Member, &[], body).await?;
    let id = text(&image, "/id")?;
    run.remember("image_id", &id);
    Ok(id)
}

/// The schemas, the store and import-method discovery, and quota usage.
pub async fn discovery(run: &Run) -> Step {
    for op in [
        "schemas::images",
        "schemas::image",
        "schemas::members",
        "schemas::member",
        "schemas::tasks",
        "schemas::task",
    ] {
        run.get(op, Reader, &[]).await?;
    }
    run.get("info::import", Reader, &[]).await?;
    run.get("info::stores::get", Reader, &[]).await?;
    run.get("info::stores::list_detailed", Admin, &[]).await?;
    run.get("info::usage", Member, &[]).await?;
    Ok(())
}

/// A queued image's lifecycle; ends deleted.
pub async fn lifecycle(run: &Run) -> Step {
    let id = create(run, "a").await?;
    let args = [id.as_str()];
    for role in ALL_ROLES {
        run.get("images::get", role, &args).await?;
    }
    // Two pages of one image, then filters.
    let page = run
        .query("images::list", Member, &[], json!({"limit": 1}))
        .await?;
    let marker = text(&page, "/images/0/id")?;
    run.query(
        "images::list",
        Member,
        &[],
        json!({"limit": 1, "marker": marker, "sort": "name:asc"}),
    )
    .await?;
    run.query(
        "images::list",
        Reader,
        &[],
        json!({"status": "queued", "tag": "conformance", "visibility": "shared"}),
    )
    .await?;

    // JSON-Patch through the dispatch (which sends the reference's media type).
    let patch = json!([
        {"op": "replace", "path": "/name", "value": format!("{PREFIX}a2")},
        {"op": "replace", "path": "/min_ram", "value": 512},
        {"op": "replace", "path": "/tags", "value": ["conformance", "patched"]},
    ]);
    run.send("images::update", Member, &args, patch).await?;
    // The generated function itself: its media type must reach Glance, which
    // answers 415 to any other.
    let items = vec![api::images::update::Item {
        op: Some("replace".to_owned()),
        path: Some("/min_disk".to_owned()),
        value: Some(json!(1)),
        ..Default::default()
    }];
    let reply = api::images::update(run.ctx.client(Member), &id, &items).await;
    let detail = match &reply {
        Ok(r) => format!("{} min_disk {:?}", r.status, r.body.min_disk),
        Err(e) => e.to_string(),
    };
    run.ctx.check(
        "images::update sends application/openstack-images-v2.1-json-patch",
        reply
            .as_ref()
            .is_ok_and(|r| r.body.min_disk.as_ref() == Some(&1)),
        detail,
    );

    run.get("images::tags::add", Member, &[&id, "extra-tag"])
        .await?;
    run.get("images::tags::delete", Member, &[&id, "extra-tag"])
        .await?;
    run.get("images::tasks", Member, &args).await?;
    run.get("images::locations::get", Admin, &args).await?;
    // Only a service may add a location; Glance answers 202 and checks the URL in
    // a task of its own.
    run.send(
        "images::locations::create",
        Admin,
        &args,
        json!({"url": "http://127.0.0.1:9/conformance.img", "validation_data": {}}),
    )
    .await?;
    run.get("images::delete", Member, &args).await?;
    Ok(())
}

/// Sharing: the owner adds the second project, which accepts; both read.
pub async fn members(run: &Run) -> Step {
    let id = create(run, "shared").await?;
    let other = run.other_project.as_str();
    run.send(
        "images::members::create",
        Member,
        &[&id],
        json!({"member": other}),
    )
    .await?;
    run.remember("member_id", other);
    run.get("images::members::list", Member, &[&id]).await?;
    run.get("images::members::get", Member, &[&id, other])
        .await?;
    run.send(
        "images::members::update",
        Other,
        &[&id, other],
        json!({"status": "accepted"}),
    )
    .await?;
    run.query(
        "images::list",
        Other,
        &[],
        json!({"visibility": "shared", "member_status": "accepted"}),
    )
    .await?;
    run.get("images::get", Other, &[&id]).await?;
    run.get("images::members::delete", Member, &[&id, other])
        .await?;
    run.get("images::delete", Member, &[&id]).await?;
    Ok(())
}

/// What an active image offers: deactivate and reactivate, the cache, and
/// deleting its data from the store.
pub async fn active(run: &Run, id: &str) -> Step {
    let args = [id];
    run.get("images::deactivate", Member, &args).await?;
    run.wait_image(id, &["deactivated"]).await?;
    run.get("images::reactivate", Member, &args).await?;
    run.wait_image(id, &["active"]).await?;

    run.get("cache::add", Admin, &args).await?;
    run.get("cache::list", Admin, &[]).await?;
    run.get("cache::delete", Admin, &args).await?;
    run.get("cache::clean", Admin, &[]).await?;
    run.get("cache::prune", Admin, &[]).await?;
    run.get("cache::delete_all", Admin, &[]).await?;
    Ok(())
}

/// Deletes every image this program made, this run's or an earlier one's.
pub async fn cleanup(run: &Run) -> Step {
    let list = run
        .query("images::list", Admin, &[], json!({"tag": "conformance"}))
        .await?;
    let ids: Vec<String> = list["images"]
        .as_array()
        .map(|images| {
            images
                .iter()
                .filter_map(|i| i["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for id in &ids {
        let image = run.get("images::get", Admin, &[id]).await?;
        if image["protected"] == Json::Bool(true) {
            let unprotect = json!([{"op": "replace", "path": "/protected", "value": false}]);
            run.send("images::update", Admin, &[id], unprotect).await?;
        }
        run.get("images::delete", Admin, &[id]).await?;
    }
    Ok(())
}
