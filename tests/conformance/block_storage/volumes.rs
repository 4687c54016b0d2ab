//! Volumes: create and wait `available`, read at every shape-changing
//! microversion as every role, list by page, update, metadata, every action the
//! fake driver serves (extend, bootable, read-only, image metadata, reserve,
//! attach and detach bookkeeping, connections, retype, reset, migration
//! completion, unmanage, force delete), attachments of the 3.27 API, a
//! migration and the managing of what the back end holds (both accepted, then
//! failed by the fake back end), and a volume no backend can hold, whose wait
//! for `available` fails fast with Cinder's user message.

use apiref::runtime::{Observed, WaitError};
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{ALL_ROLES, HOST, Run, Step, VOLUME_VERSIONS, Versioned, text};

/// The prefix of every volume this program makes, so cleanup finds them.
pub const PREFIX: &str = "conformance-";

/// A connector as Nova sends it for the fake iSCSI target.
pub fn connector() -> serde_json::Value {
    json!({"platform": "x86_64", "host": "conformance", "do_local_attach": false,
           "ip": "127.0.0.1", "os_type": "linux2", "multipath": false,
           "initiator": "iqn.1993-08.org.debian:01:conformance"})
}

/// Creates a 1 GiB volume (of `volume_type`, if given) as the member and waits
/// until it is available.
pub async fn create(run: &Run, name: &str, volume_type: Option<&str>) -> Step<String> {
    let mut volume = json!({"size": 1, "name": format!("{PREFIX}{name}")});
    if let Some(t) = volume_type {
        volume["volume_type"] = json!(t);
    }
    let created = run
        .send(
            "volumes::create",
            Member,
            "3.71",
            &[],
            json!({"volume": volume}),
        )
        .await?;
    let id = text(&created, "/volume/id")?;
    run.remember("volume_id", &id);
    run.wait_volume(&id, &["available"]).await?;
    Ok(id)
}

/// The main volume lifecycle.
pub async fn lifecycle(run: &Run) -> Step {
    cleanup(run).await?;
    let id = create(run, "a", None).await?;
    let vid = id.as_str();
    for version in VOLUME_VERSIONS {
        for role in ALL_ROLES {
            run.get("volumes::get", role, version, &[vid]).await?;
        }
        run.query("volumes::list", Member, version, &[], json!({"limit": 5}))
            .await?;
        run.query(
            "volumes::list_detailed",
            Admin,
            version,
            &[],
            json!({"all_tenants": "1", "sort": "name:asc"}),
        )
        .await?;
        run.query(
            "volumes::list_detailed",
            Reader,
            version,
            &[],
            json!({"limit": 1}),
        )
        .await?;
    }
    let second = create(run, "b", None).await?;
    let page = run
        .query("volumes::list", Member, "3.71", &[], json!({"limit": 1}))
        .await?;
    let marker = text(&page, "/volumes/0/id")?;
    run.query(
        "volumes::list",
        Member,
        "3.71",
        &[],
        json!({"limit": 1, "marker": marker}),
    )
    .await?;
    run.get("volumes::summary", Member, "3.12", &[]).await?;
    run.get("volumes::summary", Admin, "3.36", &[]).await?;

    run.send(
        "volumes::update",
        Member,
        "3.71",
        &[vid],
        json!({"volume": {"name": format!("{PREFIX}a2"), "description": "updated"}}),
    )
    .await?;

    // Metadata, by the reference's own keys.
    run.sample("volumes::metadata::create", Member, "3.71", &[vid])
        .await?;
    run.get("volumes::metadata::list", Reader, "3.71", &[vid])
        .await?;
    run.sample("volumes::metadata::replace", Member, "3.71", &[vid])
        .await?;
    run.get("volumes::metadata::get", Reader, "3.71", &[vid, "name"])
        .await?;
    run.send(
        "volumes::metadata::update",
        Member,
        "3.71",
        &[vid, "name"],
        json!({"meta": {"name": "new_name"}}),
    )
    .await?;
    run.get("volumes::metadata::delete", Member, "3.71", &[vid, "name"])
        .await?;

    // Actions on an available volume.
    run.send(
        "volumes::extend",
        Member,
        "3.71",
        &[vid],
        json!({"os-extend": {"new_size": 2}}),
    )
    .await?;
    run.wait_volume(vid, &["available"]).await?;
    run.sample("volumes::set_bootable", Member, "3.71", &[vid])
        .await?;
    run.sample("volumes::update_readonly_flag", Member, "3.71", &[vid])
        .await?;
    run.send(
        "volumes::update_readonly_flag",
        Member,
        "3.71",
        &[vid],
        json!({"os-update_readonly_flag": {"readonly": false}}),
    )
    .await?;
    run.sample("volumes::set_image_metadata", Member, "3.71", &[vid])
        .await?;
    run.sample("volumes::show_image_metadata", Member, "3.71", &[vid])
        .await?;
    run.sample("volumes::unset_image_metadata", Member, "3.71", &[vid])
        .await?;
    run.sample("volumes::reserve", Member, "3.71", &[vid])
        .await?;
    run.sample("volumes::unreserve", Member, "3.71", &[vid])
        .await?;

    // The old attach bookkeeping: reserve, connect, attach, detach.
    run.sample("volumes::reserve", Member, "3.71", &[vid])
        .await?;
    run.send(
        "volumes::initialize_connection",
        Member,
        "3.71",
        &[vid],
        json!({"os-initialize_connection": {"connector": connector()}}),
    )
    .await?;
    run.send(
        "volumes::attach",
        Member,
        "3.71",
        &[vid],
        json!({"os-attach": {"instance_uuid": "95d9ef50-507d-11e5-b970-0800200c9a66",
                              "mountpoint": "/dev/vdc"}}),
    )
    .await?;
    let volume = run.wait_volume(vid, &["in-use"]).await?;
    let attachment = text(&volume, "/volume/attachments/0/attachment_id")?;
    run.sample("volumes::begin_detaching", Member, "3.71", &[vid])
        .await?;
    run.sample("volumes::roll_detaching", Member, "3.71", &[vid])
        .await?;
    run.send(
        "volumes::terminate_connection",
        Member,
        "3.71",
        &[vid],
        json!({"os-terminate_connection": {"connector": connector()}}),
    )
    .await?;
    run.send(
        "volumes::detach",
        Member,
        "3.71",
        &[vid],
        json!({"os-detach": {"attachment_id": attachment}}),
    )
    .await?;
    run.wait_volume(vid, &["available"]).await?;

    // Admin actions: reset, retype, unmanage and force delete.
    run.send(
        "volumes::reset_status",
        Admin,
        "3.71",
        &[vid],
        json!({"os-reset_status": {"status": "available", "attach_status": "detached"}}),
    )
    .await?;
    let retype_to = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}retype")}}),
        )
        .await?;
    let retype_to = text(&retype_to, "/volume_type/id")?;
    run.send(
        "volumes::retype",
        Member,
        "3.71",
        &[vid],
        json!({"os-retype": {"new_type": retype_to, "migration_policy": "never"}}),
    )
    .await?;
    run.wait_volume(vid, &["available"]).await?;

    // Completing a migration that never started: Cinder keeps both volumes as
    // they are and names the one that stays.
    let completed = run
        .send(
            "volumes::migrate_volume_completion",
            Admin,
            "3.71",
            &[vid],
            json!({"os-migrate_volume_completion": {"new_volume": second, "error": false}}),
        )
        .await?;
    run.ctx.check(
        "migration completion names the volume that stays",
        completed["save_volume_id"] == json!(second),
        completed.to_string(),
    );

    // What needs Nova or Glance (see not_servable.rs), called as they would be.
    // The completion of an extend needs the admin metadata that Nova's extend
    // of an attached volume leaves, which nothing else writes.
    run.send(
        "volumes::reset_status",
        Admin,
        "3.71",
        &[vid],
        json!({"os-reset_status": {"status": "extending"}}),
    )
    .await?;
    let _ = run
        .sample("volumes::extend_volume_completion", Admin, "3.71", &[vid])
        .await;
    run.send(
        "volumes::reset_status",
        Admin,
        "3.71",
        &[vid],
        json!({"os-reset_status": {"status": "available"}}),
    )
    .await?;
    let _ = run
        .sample("volumes::volume_upload_image", Member, "3.71", &[vid])
        .await;
    let _ = run.sample("volumes::reimage", Admin, "3.71", &[vid]).await;
    run.wait_volume(vid, &["available"]).await?;

    run.sample("volumes::unmanage", Admin, "3.71", &[&second])
        .await?;
    run.sample("volumes::force_delete", Admin, "3.71", &[vid])
        .await?;
    run.wait_gone("volumes::get", "/volume", vid).await?;
    run.get("types::delete", Admin, "3.71", &[&retype_to])
        .await?;
    Ok(())
}

/// Attachments (3.27): reserve, connect, complete (3.44), read, delete.
pub async fn attachments(run: &Run) -> Step {
    let id = create(run, "attached", None).await?;
    let created = run
        .send(
            "attachments::create",
            Member,
            "3.27",
            &[],
            json!({"attachment": {"volume_uuid": id,
                                  "instance_uuid": "462dcc2d-130d-4654-8db1-da0df2da6a0d"}}),
        )
        .await?;
    let attachment = text(&created, "/attachment/id")?;
    run.remember("attachment_id", &attachment);
    run.send(
        "attachments::update",
        Member,
        "3.27",
        &[&attachment],
        json!({"attachment": {"connector": connector()}}),
    )
    .await?;
    run.sample("attachments::complete", Member, "3.44", &[&attachment])
        .await?;
    run.wait_volume(&id, &["in-use"]).await?;
    for version in ["3.27", "3.71"] {
        run.get("attachments::get", Member, version, &[&attachment])
            .await?;
        run.get("attachments::list", Member, version, &[]).await?;
        run.query(
            "attachments::list_detailed",
            Admin,
            version,
            &[],
            json!({"all_tenants": "1"}),
        )
        .await?;
    }
    run.get("attachments::delete", Member, "3.27", &[&attachment])
        .await?;
    run.wait_volume(&id, &["available"]).await?;

    // A second attachment, removed by force.
    let created = run
        .send(
            "attachments::create",
            Member,
            "3.54",
            &[],
            json!({"attachment": {"volume_uuid": id, "connector": connector(),
                                  "instance_uuid": "462dcc2d-130d-4654-8db1-da0df2da6a0d",
                                  "mode": "rw"}}),
        )
        .await?;
    let attachment = text(&created, "/attachment/id")?;
    run.send(
        "volumes::force_detach",
        Admin,
        "3.71",
        &[&id],
        json!({"os-force_detach": {"attachment_id": attachment,
                                    "connector": {"initiator": connector()["initiator"]}}}),
    )
    .await?;
    run.wait_volume(&id, &["available"]).await?;
    run.get("volumes::delete", Member, "3.71", &[&id]).await?;
    run.wait_gone("volumes::get", "/volume", &id).await?;
    Ok(())
}

/// A volume of a type whose backend does not exist: the scheduler puts it in
/// `error`, the wait for `available` ends at once, and Cinder's user message
/// says why.
pub async fn failed(run: &Run) -> Step {
    let t = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}nowhere"),
                                   "extra_specs": {"volume_backend_name": "nowhere"}}}),
        )
        .await?;
    let t = text(&t, "/volume_type/id")?;
    let created = run
        .send(
            "volumes::create",
            Member,
            "3.71",
            &[],
            json!({"volume": {"size": 1, "name": format!("{PREFIX}nowhere"), "volume_type": t}}),
        )
        .await?;
    let id = text(&created, "/volume/id")?;
    let started = std::time::Instant::now();
    let outcome = run.wait_volume(&id, &["available"]).await;
    let fast = started.elapsed() < std::time::Duration::from_secs(30);
    let messages = run.get("messages::list", Member, "3.3", &[]).await?;
    let about = messages["messages"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["resource_uuid"] == json!(id)))
        .cloned()
        .unwrap_or_default();
    let message = about["user_message"].as_str().unwrap_or("").to_owned();
    if let Ok(mid) = text(&about, "/id") {
        run.remember("message_id", &mid);
        run.get("messages::get", Member, "3.3", &[&mid]).await?;
        run.get("messages::delete", Member, "3.3", &[&mid]).await?;
    }
    let passed = matches!(&outcome, Err(WaitError::Failed { status, .. }) if status == "error")
        && fast
        && !message.is_empty();
    run.ctx.check(
        "waiter fails fast on a volume in error",
        passed,
        format!("{outcome:?}; Cinder's message: {message}"),
    );
    run.get("volumes::delete", Member, "3.71", &[&id]).await?;
    run.wait_gone("volumes::get", "/volume", &id).await?;
    run.get("types::delete", Admin, "3.71", &[&t]).await?;
    Ok(())
}

/// Deletes every volume this program made, this run's or an earlier one's.
pub async fn cleanup(run: &Run) -> Step {
    let list = run
        .query(
            "volumes::list",
            Admin,
            "3.71",
            &[],
            json!({"all_tenants": "1"}),
        )
        .await?;
    let ids: Vec<String> = list["volumes"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter(|v| v["name"].as_str().is_some_and(|n| n.starts_with(PREFIX)))
                .filter_map(|v| v["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for id in &ids {
        run.sample("volumes::force_delete", Admin, "3.71", &[id])
            .await?;
    }
    for id in &ids {
        run.wait_gone("volumes::get", "/volume", id).await?;
    }
    Ok(())
}

/// A migration to the back end without its pool, by host copy: Cinder accepts
/// it (202), creates the destination volume and starts copying; the copy needs
/// os-brick to attach both volumes on this host, which the harness does not
/// give a migration (it stubs that only for backups), so the migration ends
/// `error` and the volume stays where it was.
pub async fn migration(run: &Run) -> Step {
    let id = create(run, "migrated", None).await?;
    run.send(
        "volumes::migrate_volume",
        Admin,
        "3.71",
        &[&id],
        json!({"os-migrate_volume": {"host": HOST, "force_host_copy": true,
                                     "lock_volume": false}}),
    )
    .await?;
    let args = [run.project.as_str(), id.as_str()];
    let settled = run
        .waiter
        .until(
            &["success", "error"],
            || {
                run.ctx
                    .call("volumes::get", Admin, "3.71", &args, None, None)
            },
            |reply: &serde_json::Value| {
                Observed::status(
                    reply
                        .pointer("/volume/migration_status")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or("?"),
                )
            },
        )
        .await?;
    run.ctx.check(
        "a migration Cinder accepted settles",
        settled["volume"]["status"] == json!("available"),
        settled["volume"].to_string(),
    );
    run.get("volumes::delete", Member, "3.71", &[&id]).await?;
    run.wait_gone("volumes::get", "/volume", &id).await?;
    Ok(())
}

/// Managing what the back end holds: Cinder accepts a volume and a snapshot
/// to manage (202) and makes their records; the fake LVM back end cannot size
/// a logical volume it did not make (the driver raises a TypeError), so both
/// end `error`, and are deleted.
pub async fn manage(run: &Run) -> Step {
    let source = create(run, "manage-source", None).await?;
    let managed = run
        .send(
            "manageable_volumes::create",
            Admin,
            "3.8",
            &[],
            json!({"volume": {"host": format!("{HOST}#fake"),
                              "ref": {"source-name": "existing-lv"},
                              "name": format!("{PREFIX}managed")}}),
        )
        .await?;
    let managed = text(&managed, "/volume/id")?;
    run.wait_volume(&managed, &["available", "error"]).await?;
    let snapshot = run
        .send(
            "manageable_snapshots::create",
            Admin,
            "3.8",
            &[],
            json!({"snapshot": {"volume_id": source, "ref": {"source-name": "existing-snap"},
                                "name": format!("{PREFIX}managed-snap")}}),
        )
        .await?;
    let snapshot = text(&snapshot, "/snapshot/id")?;
    run.wait(
        "snapshots::get",
        "/snapshot",
        &snapshot,
        &["available", "error"],
    )
    .await?;
    run.get("snapshots::delete", Admin, "3.71", &[&snapshot])
        .await?;
    run.wait_gone("snapshots::get", "/snapshot", &snapshot)
        .await?;
    for id in [&managed, &source] {
        run.get("volumes::delete", Admin, "3.71", &[id]).await?;
    }
    for id in [&managed, &source] {
        run.wait_gone("volumes::get", "/volume", id).await?;
    }
    Ok(())
}
