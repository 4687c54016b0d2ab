//! Generic volume groups (3.13+): a group type with specs, a group of one
//! volume type, its snapshot (3.14), a group made from that snapshot, status
//! resets (3.19, 3.20) and deletes; group replication (3.38); the consistency
//! group API, which Cinder serves with generic groups.

use apiref::runtime::Observed;
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::volumes::PREFIX;
use crate::{Run, Step, Versioned, text};

/// The group lifecycle.
pub async fn lifecycle(run: &Run) -> Step {
    let created = run
        .send(
            "group_types::create",
            Admin,
            "3.11",
            &[],
            json!({"group_type": {"name": format!("{PREFIX}group-type"), "is_public": true,
                                  "group_specs": {"consistent_group_snapshot_enabled": "<is> False"}}}),
        )
        .await?;
    let gt = text(&created, "/group_type/id")?;
    run.remember("group_type_id", &gt);
    run.get("group_types::get", Member, "3.11", &[&gt]).await?;
    run.get("group_types::list", Reader, "3.11", &[]).await?;
    run.get("group_types::default", Admin, "3.11", &[])
        .await
        .ok();
    run.send(
        "group_types::update",
        Admin,
        "3.11",
        &[&gt],
        json!({"group_type": {"description": "updated"}}),
    )
    .await?;
    run.sample("group_types::group_specs::create", Admin, "3.11", &[&gt])
        .await?;
    run.get("group_types::group_specs::list", Admin, "3.11", &[&gt])
        .await?;
    run.get(
        "group_types::group_specs::get",
        Admin,
        "3.11",
        &[&gt, "key1"],
    )
    .await?;
    run.sample(
        "group_types::group_specs::update",
        Admin,
        "3.11",
        &[&gt, "key1"],
    )
    .await?;
    run.get(
        "group_types::group_specs::delete",
        Admin,
        "3.11",
        &[&gt, "key1"],
    )
    .await?;

    let vt = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}group-volumes")}}),
        )
        .await?;
    let vt = text(&vt, "/volume_type/id")?;
    let created = run
        .send(
            "groups::create",
            Member,
            "3.13",
            &[],
            json!({"group": {"name": format!("{PREFIX}group"), "group_type": gt,
                             "volume_types": [vt]}}),
        )
        .await?;
    let group = text(&created, "/group/id")?;
    run.remember("group_id", &group);
    run.wait("groups::get", "/group", &group, &["available"])
        .await?;
    for version in ["3.13", "3.71"] {
        run.get("groups::get", Member, version, &[&group]).await?;
        run.get("groups::list", Member, version, &[]).await?;
        run.get("groups::list_detailed", Reader, version, &[])
            .await?;
    }
    run.send(
        "groups::update",
        Member,
        "3.13",
        &[&group],
        json!({"group": {"name": format!("{PREFIX}group2"), "description": "updated"}}),
    )
    .await?;

    // A group snapshot needs a volume in the group.
    let member = run
        .send(
            "volumes::create",
            Member,
            "3.13",
            &[],
            json!({"volume": {"size": 1, "name": format!("{PREFIX}in-group"),
                              "volume_type": vt, "group_id": group}}),
        )
        .await?;
    let member = text(&member, "/volume/id")?;
    run.wait_volume(&member, &["available"]).await?;
    let created = run
        .send(
            "group_snapshots::create",
            Member,
            "3.14",
            &[],
            json!({"group_snapshot": {"group_id": group, "name": format!("{PREFIX}group-snap")}}),
        )
        .await?;
    let snap = text(&created, "/group_snapshot/id")?;
    run.remember("group_snapshot_id", &snap);
    run.wait(
        "group_snapshots::get",
        "/group_snapshot",
        &snap,
        &["available"],
    )
    .await?;
    for version in ["3.14", "3.71"] {
        run.get("group_snapshots::get", Member, version, &[&snap])
            .await?;
        run.get("group_snapshots::list", Member, version, &[])
            .await?;
        run.get("group_snapshots::list_detailed", Reader, version, &[])
            .await?;
    }
    run.sample("group_snapshots::reset_status", Admin, "3.19", &[&snap])
        .await?;
    let from = run
        .send(
            "groups::create_from_src",
            Member,
            "3.14",
            &[],
            json!({"create-from-src": {"name": format!("{PREFIX}from-snap"),
                                       "group_snapshot_id": snap}}),
        )
        .await?;
    let from = text(&from, "/group/id")?;
    run.wait("groups::get", "/group", &from, &["available"])
        .await?;
    run.sample("groups::reset_status", Admin, "3.20", &[&from])
        .await?;
    run.send(
        "groups::delete",
        Member,
        "3.13",
        &[&from],
        json!({"delete": {"delete-volumes": true}}),
    )
    .await?;
    run.get("group_snapshots::delete", Member, "3.14", &[&snap])
        .await?;
    run.wait_gone("group_snapshots::get", "/group_snapshot", &snap)
        .await?;
    run.send(
        "groups::delete",
        Member,
        "3.13",
        &[&group],
        json!({"delete": {"delete-volumes": true}}),
    )
    .await?;
    run.wait_gone("groups::get", "/group", &group).await?;
    run.wait_gone("groups::get", "/group", &from).await?;
    run.get("types::delete", Admin, "3.71", &[&vt]).await?;
    run.get("group_types::delete", Admin, "3.11", &[&gt])
        .await?;
    Ok(())
}

/// Waits until the group's `replication_status` (3.38) is `target`.
async fn wait_replication(run: &Run, group: &str, target: &str) -> Step {
    let args = [run.project.as_str(), group];
    run.waiter
        .until(
            &[target],
            || {
                run.ctx
                    .call("groups::get", Admin, "3.38", &args, None, None)
            },
            |reply: &serde_json::Value| {
                Observed::status(
                    reply
                        .pointer("/group/replication_status")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or("?"),
                )
            },
        )
        .await?;
    Ok(())
}

/// Group replication (3.38): a replicated group of a replicated volume type,
/// replication enabled, its targets listed, failed over and back, disabled. The
/// fake driver replicates by bookkeeping, as in Cinder's functional tests.
pub async fn replication(run: &Run) -> Step {
    let vt = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}replicated"),
                                   "extra_specs": {"replication_enabled": "<is> True"}}}),
        )
        .await?;
    let vt = text(&vt, "/volume_type/id")?;
    let gt = run
        .send(
            "group_types::create",
            Admin,
            "3.11",
            &[],
            json!({"group_type": {"name": format!("{PREFIX}replicated"),
                                  "group_specs": {"consistent_group_replication_enabled": "<is> True"}}}),
        )
        .await?;
    let gt = text(&gt, "/group_type/id")?;
    let group = run
        .send(
            "groups::create",
            Member,
            "3.13",
            &[],
            json!({"group": {"name": format!("{PREFIX}replicated"), "group_type": gt,
                             "volume_types": [vt]}}),
        )
        .await?;
    let group = text(&group, "/group/id")?;
    run.wait("groups::get", "/group", &group, &["available"])
        .await?;
    let volume = run
        .send(
            "volumes::create",
            Member,
            "3.13",
            &[],
            json!({"volume": {"size": 1, "name": format!("{PREFIX}replicated"),
                              "volume_type": vt, "group_id": group}}),
        )
        .await?;
    let volume = text(&volume, "/volume/id")?;
    run.wait_volume(&volume, &["available"]).await?;

    run.sample("groups::enable_replication", Admin, "3.38", &[&group])
        .await?;
    wait_replication(run, &group, "enabled").await?;
    run.sample("groups::list_replication_targets", Admin, "3.38", &[&group])
        .await?;
    for (backend, after) in [("vendor-id-1", "failed-over"), ("default", "enabled")] {
        run.send(
            "groups::failover_replication",
            Admin,
            "3.38",
            &[&group],
            json!({"failover_replication": {"allow_attached_volume": false,
                                            "secondary_backend_id": backend}}),
        )
        .await?;
        wait_replication(run, &group, after).await?;
    }
    run.sample("groups::disable_replication", Admin, "3.38", &[&group])
        .await?;
    wait_replication(run, &group, "disabled").await?;

    run.send(
        "groups::delete",
        Member,
        "3.13",
        &[&group],
        json!({"delete": {"delete-volumes": true}}),
    )
    .await?;
    run.wait_gone("groups::get", "/group", &group).await?;
    run.get("types::delete", Admin, "3.71", &[&vt]).await?;
    run.get("group_types::delete", Admin, "3.11", &[&gt])
        .await?;
    Ok(())
}

/// The consistency group API (deprecated for generic groups, which serve it):
/// Cinder makes a new consistency group in its reserved group type
/// `default_cgsnapshot_type`, which the fake driver cannot create (it raises
/// NotImplementedError for a consistent group), so that one ends `error`. Every
/// other call takes a group id, and Cinder takes a generic group's: a snapshot
/// of it, a group made from that snapshot, an update, deletes.
pub async fn consistency_groups(run: &Run) -> Step {
    // The consistency group stays: deleting it is the driver's too (202, then
    // NotImplementedError), and the harness drops its state when it stops.
    let created = run
        .send(
            "consistencygroups::create",
            Member,
            "3.0",
            &[],
            json!({"consistencygroup": {"name": format!("{PREFIX}cg"),
                                        "volume_types": "__DEFAULT__"}}),
        )
        .await?;
    let cg = text(&created, "/consistencygroup/id")?;
    run.wait(
        "consistencygroups::get",
        "/consistencygroup",
        &cg,
        &["available", "error"],
    )
    .await?;

    let vt = run
        .send(
            "types::create",
            Admin,
            "3.71",
            &[],
            json!({"volume_type": {"name": format!("{PREFIX}cg-volumes")}}),
        )
        .await?;
    let vt = text(&vt, "/volume_type/id")?;
    let gt = run
        .send(
            "group_types::create",
            Admin,
            "3.11",
            &[],
            json!({"group_type": {"name": format!("{PREFIX}cg-type")}}),
        )
        .await?;
    let gt = text(&gt, "/group_type/id")?;
    let group = run
        .send(
            "groups::create",
            Member,
            "3.13",
            &[],
            json!({"group": {"name": format!("{PREFIX}cg-group"), "group_type": gt,
                             "volume_types": [vt]}}),
        )
        .await?;
    let group = text(&group, "/group/id")?;
    run.wait("groups::get", "/group", &group, &["available"])
        .await?;
    let volume = run
        .send(
            "volumes::create",
            Member,
            "3.13",
            &[],
            json!({"volume": {"size": 1, "name": format!("{PREFIX}in-cg"),
                              "volume_type": vt, "group_id": group}}),
        )
        .await?;
    let volume = text(&volume, "/volume/id")?;
    run.wait_volume(&volume, &["available"]).await?;
    run.get("consistencygroups::get", Reader, "3.0", &[&group])
        .await?;
    run.send(
        "consistencygroups::update",
        Member,
        "3.0",
        &[&group],
        json!({"consistencygroup": {"name": format!("{PREFIX}cg2"), "description": "updated"}}),
    )
    .await?;

    let snap = run
        .send(
            "cgsnapshots::create",
            Member,
            "3.0",
            &[],
            json!({"cgsnapshot": {"consistencygroup_id": group,
                                  "name": format!("{PREFIX}cgsnap")}}),
        )
        .await?;
    let snap = text(&snap, "/cgsnapshot/id")?;
    run.wait("cgsnapshots::get", "/cgsnapshot", &snap, &["available"])
        .await?;
    run.get("cgsnapshots::get", Reader, "3.0", &[&snap]).await?;
    let from = run
        .send(
            "consistencygroups::create_from_src",
            Member,
            "3.0",
            &[],
            json!({"consistencygroup-from-src": {"name": format!("{PREFIX}cg-from-snap"),
                                                 "cgsnapshot_id": snap}}),
        )
        .await?;
    let from = text(&from, "/consistencygroup/id")?;
    run.wait(
        "consistencygroups::get",
        "/consistencygroup",
        &from,
        &["available"],
    )
    .await?;
    // The group made from the snapshot, then the snapshot, then its group.
    let delete = json!({"consistencygroup": {"force": true}});
    run.send(
        "consistencygroups::delete",
        Member,
        "3.0",
        &[&from],
        delete.clone(),
    )
    .await?;
    run.wait_gone("consistencygroups::get", "/consistencygroup", &from)
        .await?;
    run.get("cgsnapshots::delete", Member, "3.0", &[&snap])
        .await?;
    run.wait_gone("cgsnapshots::get", "/cgsnapshot", &snap)
        .await?;
    run.send(
        "consistencygroups::delete",
        Member,
        "3.0",
        &[&group],
        delete,
    )
    .await?;
    run.wait_gone("consistencygroups::get", "/consistencygroup", &group)
        .await?;
    run.get("types::delete", Admin, "3.71", &[&vt]).await?;
    run.get("group_types::delete", Admin, "3.11", &[&gt])
        .await?;
    Ok(())
}
