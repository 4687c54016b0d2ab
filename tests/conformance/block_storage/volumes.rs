//! Volumes: create and wait `available`, read at every shape-changing
//! microversion as every role, list by page, update, metadata, every action the
//! fake driver serves (extend, bootable, read-only, image metadata, reserve,
//! attach and detach bookkeeping, connections, retype, reset, migration
//! completion, unmanage, force delete), attachments of the 3.27 API, a
//! migration and the managing of what the back end holds (both accepted, then
//! failed by the fake back end), and a volume no backend can hold, whose wait
//! for `available` fails fast with Cinder's user message.

use apiref::runtime::{Json, WaitError};
use block_storage_conformance::ctx::Role::{self, Admin, Member, Reader};
use serde_json::json;

use crate::Body::{Empty, Query, Sample, Send};
use crate::types::VOLUME_TYPES;
use crate::{ALL_ROLES, HOST, Run, Step, VOLUME_VERSIONS, Versioned, all_projects, text};

/// The prefix of every volume this program makes, so cleanup finds them.
pub const PREFIX: &str = "conformance-";

/// The instance the attachments of the 3.27 API name.
const INSTANCE: &str = "462dcc2d-130d-4654-8db1-da0df2da6a0d";

/// A connector as Nova sends it for the fake iSCSI target.
pub fn connector() -> Json {
    json!({"platform": "x86_64", "host": "conformance", "do_local_attach": false,
           "ip": "127.0.0.1", "os_type": "linux2", "multipath": false,
           "initiator": "iqn.1993-08.org.debian:01:conformance"})
}

/// What this program sends for a resource it makes: `fields`, and the name
/// `{PREFIX}{name}`, by which cleanup finds it.
pub fn named(name: &str, fields: Json) -> Json {
    let mut named = fields;
    named["name"] = json!(format!("{PREFIX}{name}"));
    named
}

/// Asks for a 1 GiB volume named `name`, with `fields` besides (a type, a
/// group), as the member at `version`; returns its id without waiting.
pub async fn request_volume(run: &Run, version: &str, name: &str, fields: Json) -> Step<String> {
    let mut volume = named(name, fields);
    volume["size"] = json!(1);
    run.create(
        "volumes::create",
        Member,
        version,
        json!({"volume": volume}),
        "/volume/id",
    )
    .await
}

/// Creates a 1 GiB volume as the member, remembers it for the sweep, and waits
/// until it is available.
pub async fn create(run: &Run, name: &str) -> Step<String> {
    let id = request_volume(run, "3.71", name, json!({})).await?;
    run.remember("volume_id", &id);
    run.wait_volume(&id, &["available"]).await?;
    Ok(id)
}

/// Deletes a volume as `role` and waits until it is gone.
async fn delete(run: &Run, role: Role, id: &str) -> Step {
    run.get("volumes::delete", role, "3.71", &[id]).await?;
    run.wait_gone("volumes::get", "/volume", id).await?;
    Ok(())
}

/// The main volume lifecycle.
pub async fn lifecycle(run: &Run) -> Step {
    cleanup(run).await?;
    let id = create(run, "a").await?;
    let vid = id.as_str();
    for version in VOLUME_VERSIONS {
        for role in ALL_ROLES {
            run.get("volumes::get", role, version, &[vid]).await?;
        }
        let sorted = json!({"all_tenants": "1", "sort": "name:asc"});
        let lists = [
            ("volumes::list", Member, Query(json!({"limit": 5}))),
            ("volumes::list_detailed", Admin, Query(sorted)),
            ("volumes::list_detailed", Reader, Query(json!({"limit": 1}))),
        ];
        run.requests(version, &[], lists).await?;
    }
    let second = create(run, "b").await?;
    let page = run
        .query("volumes::list", Member, "3.71", &[], json!({"limit": 1}))
        .await?;
    let marker = text(&page, "/volumes/0/id")?;
    let next = json!({"limit": 1, "marker": marker});
    run.query("volumes::list", Member, "3.71", &[], next)
        .await?;
    run.get("volumes::summary", Member, "3.12", &[]).await?;
    run.get("volumes::summary", Admin, "3.36", &[]).await?;

    // The name, and the metadata by the reference's own keys.
    let renamed = json!({"volume": named("a2", json!({"description": "updated"}))});
    let metadata = [
        ("volumes::update", Member, Send(renamed)),
        ("volumes::metadata::create", Member, Sample),
        ("volumes::metadata::list", Reader, Empty),
        ("volumes::metadata::replace", Member, Sample),
    ];
    run.requests("3.71", &[vid], metadata).await?;
    let meta = json!({"meta": {"name": "new_name"}});
    let key = [
        ("volumes::metadata::get", Reader, Empty),
        ("volumes::metadata::update", Member, Send(meta)),
        ("volumes::metadata::delete", Member, Empty),
    ];
    run.requests("3.71", &[vid, "name"], key).await?;

    // Actions on an available volume, then the old attach bookkeeping: reserve,
    // connect, attach, detach.
    let extend = json!({"os-extend": {"new_size": 2}});
    run.send("volumes::extend", Member, "3.71", &[vid], extend)
        .await?;
    run.wait_volume(vid, &["available"]).await?;
    let writable = json!({"os-update_readonly_flag": {"readonly": false}});
    let connect = json!({"os-initialize_connection": {"connector": connector()}});
    let attach = json!({"os-attach": {"instance_uuid": "95d9ef50-507d-11e5-b970-0800200c9a66",
                                      "mountpoint": "/dev/vdc"}});
    let attaching = [
        ("volumes::set_bootable", Member, Sample),
        ("volumes::update_readonly_flag", Member, Sample),
        ("volumes::update_readonly_flag", Member, Send(writable)),
        ("volumes::set_image_metadata", Member, Sample),
        ("volumes::show_image_metadata", Member, Sample),
        ("volumes::unset_image_metadata", Member, Sample),
        ("volumes::reserve", Member, Sample),
        ("volumes::unreserve", Member, Sample),
        ("volumes::reserve", Member, Sample),
        ("volumes::initialize_connection", Member, Send(connect)),
        ("volumes::attach", Member, Send(attach)),
    ];
    run.requests("3.71", &[vid], attaching).await?;
    let volume = run.wait_volume(vid, &["in-use"]).await?;
    let attachment = text(&volume, "/volume/attachments/0/attachment_id")?;
    let disconnect = json!({"os-terminate_connection": {"connector": connector()}});
    let detach = json!({"os-detach": {"attachment_id": attachment}});
    let detaching = [
        ("volumes::begin_detaching", Member, Sample),
        ("volumes::roll_detaching", Member, Sample),
        ("volumes::terminate_connection", Member, Send(disconnect)),
        ("volumes::detach", Member, Send(detach)),
    ];
    run.requests("3.71", &[vid], detaching).await?;
    run.wait_volume(vid, &["available"]).await?;

    // Admin actions: reset, retype, unmanage and force delete.
    let reset = |status: Json| Send(json!({"os-reset_status": status}));
    let retype_to = VOLUME_TYPES.create(run, "retype", json!({})).await?;
    let retype = json!({"os-retype": {"new_type": retype_to, "migration_policy": "never"}});
    let detached = reset(json!({"status": "available", "attach_status": "detached"}));
    let retyping = [
        ("volumes::reset_status", Admin, detached),
        ("volumes::retype", Member, Send(retype)),
    ];
    run.requests("3.71", &[vid], retyping).await?;
    run.wait_volume(vid, &["available"]).await?;

    // Completing a migration that never started: Cinder keeps both volumes as
    // they are and names the one that stays.
    let completion =
        json!({"os-migrate_volume_completion": {"new_volume": second, "error": false}});
    let completed = run
        .send(
            "volumes::migrate_volume_completion",
            Admin,
            "3.71",
            &[vid],
            completion,
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
    let extending = reset(json!({"status": "extending"}));
    run.request("volumes::reset_status", Admin, "3.71", &[vid], extending)
        .await?;
    let _ = run
        .sample("volumes::extend_volume_completion", Admin, "3.71", &[vid])
        .await;
    let available = reset(json!({"status": "available"}));
    run.request("volumes::reset_status", Admin, "3.71", &[vid], available)
        .await?;
    for (op, role) in [
        ("volumes::volume_upload_image", Member),
        ("volumes::reimage", Admin),
    ] {
        let _ = run.sample(op, role, "3.71", &[vid]).await;
    }
    run.wait_volume(vid, &["available"]).await?;

    run.sample("volumes::unmanage", Admin, "3.71", &[&second])
        .await?;
    run.sample("volumes::force_delete", Admin, "3.71", &[vid])
        .await?;
    run.wait_gone("volumes::get", "/volume", vid).await?;
    VOLUME_TYPES.delete(run, &retype_to).await
}

/// Attachments (3.27): reserve, connect, complete (3.44), read, delete.
pub async fn attachments(run: &Run) -> Step {
    let id = create(run, "attached").await?;
    let reserve = json!({"attachment": {"volume_uuid": id, "instance_uuid": INSTANCE}});
    let attachment = run
        .create(
            "attachments::create",
            Member,
            "3.27",
            reserve,
            "/attachment/id",
        )
        .await?;
    run.remember("attachment_id", &attachment);
    let connect = json!({"attachment": {"connector": connector()}});
    run.send(
        "attachments::update",
        Member,
        "3.27",
        &[&attachment],
        connect,
    )
    .await?;
    run.sample("attachments::complete", Member, "3.44", &[&attachment])
        .await?;
    run.wait_volume(&id, &["in-use"]).await?;
    let versions = ["3.27", "3.71"];
    let roles = [Member, Member, Admin];
    run.read("attachments", &attachment, &versions, roles, all_projects())
        .await?;
    run.get("attachments::delete", Member, "3.27", &[&attachment])
        .await?;
    run.wait_volume(&id, &["available"]).await?;

    // A second attachment, removed by force.
    let attach = json!({"attachment": {"volume_uuid": id, "connector": connector(),
                                       "instance_uuid": INSTANCE, "mode": "rw"}});
    let attachment = run
        .create(
            "attachments::create",
            Member,
            "3.54",
            attach,
            "/attachment/id",
        )
        .await?;
    let detach = json!({"os-force_detach": {"attachment_id": attachment,
                                            "connector": {"initiator": connector()["initiator"]}}});
    run.send("volumes::force_detach", Admin, "3.71", &[&id], detach)
        .await?;
    run.wait_volume(&id, &["available"]).await?;
    delete(run, Member, &id).await
}

/// A volume of a type whose backend does not exist: the scheduler puts it in
/// `error`, the wait for `available` ends at once, and Cinder's user message
/// says why.
pub async fn failed(run: &Run) -> Step {
    let nowhere = json!({"extra_specs": {"volume_backend_name": "nowhere"}});
    let t = VOLUME_TYPES.create(run, "nowhere", nowhere).await?;
    let id = request_volume(run, "3.71", "nowhere", json!({"volume_type": t})).await?;
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
    delete(run, Member, &id).await?;
    VOLUME_TYPES.delete(run, &t).await
}

/// Deletes every volume this program made, this run's or an earlier one's.
pub async fn cleanup(run: &Run) -> Step {
    let list = run
        .request("volumes::list", Admin, "3.71", &[], all_projects())
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
    let id = create(run, "migrated").await?;
    let migrate = json!({"os-migrate_volume": {"host": HOST, "force_host_copy": true,
                                               "lock_volume": false}});
    run.send("volumes::migrate_volume", Admin, "3.71", &[&id], migrate)
        .await?;
    let settled = run
        .wait_for(
            "volumes::get",
            "3.71",
            "/volume/migration_status",
            &id,
            &["success", "error"],
        )
        .await?;
    run.ctx.check(
        "a migration Cinder accepted settles",
        settled["volume"]["status"] == json!("available"),
        settled["volume"].to_string(),
    );
    delete(run, Member, &id).await
}

/// Managing what the back end holds: Cinder accepts a volume and a snapshot
/// to manage (202) and makes their records; the fake LVM back end cannot size
/// a logical volume it did not make (the driver raises a TypeError), so both
/// end `error`, and are deleted.
pub async fn manage(run: &Run) -> Step {
    let source = create(run, "manage-source").await?;
    let volume = named(
        "managed",
        json!({"host": format!("{HOST}#fake"), "ref": {"source-name": "existing-lv"}}),
    );
    let managed = run
        .create(
            "manageable_volumes::create",
            Admin,
            "3.8",
            json!({"volume": volume}),
            "/volume/id",
        )
        .await?;
    run.wait_volume(&managed, &["available", "error"]).await?;
    let snapshot = named(
        "managed-snap",
        json!({"volume_id": source, "ref": {"source-name": "existing-snap"}}),
    );
    let snapshot = run
        .create(
            "manageable_snapshots::create",
            Admin,
            "3.8",
            json!({"snapshot": snapshot}),
            "/snapshot/id",
        )
        .await?;
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
        delete(run, Admin, id).await?;
    }
    Ok(())
}
