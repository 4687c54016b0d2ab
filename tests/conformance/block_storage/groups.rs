//! Generic volume groups (3.13+): a group type with specs, a group of one
//! volume type, its snapshot (3.14), a group made from that snapshot, status
//! resets (3.19, 3.20) and deletes.

use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::volumes::PREFIX;
use crate::{Run, Step, text};

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
