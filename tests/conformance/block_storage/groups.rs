//! Generic volume groups (3.13+): a group type with specs, a group of one
//! volume type, its snapshot (3.14), a group made from that snapshot, status
//! resets (3.19, 3.20) and deletes; group replication (3.38); the consistency
//! group API, which Cinder serves with generic groups.

use apiref::runtime::Json;
use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::Body::{Empty, Sample, Send};
use crate::types::{GROUP_TYPES, VOLUME_TYPES};
use crate::volumes::{named, request_volume};
use crate::{Run, Step, Versioned};

/// Creates a group named `name` of `group_type` for volumes of `volume_type`,
/// as the member, and waits until it is available.
async fn create(run: &Run, name: &str, group_type: &str, volume_type: &str) -> Step<String> {
    let group = named(
        name,
        json!({"group_type": group_type, "volume_types": [volume_type]}),
    );
    let id = run
        .create(
            "groups::create",
            Member,
            "3.13",
            json!({"group": group}),
            "/group/id",
        )
        .await?;
    run.wait("groups::get", "/group", &id, &["available"])
        .await?;
    Ok(id)
}

/// Creates a volume named `name` of `volume_type` in `group`, and waits until
/// it is available.
async fn add_volume(run: &Run, name: &str, volume_type: &str, group: &str) -> Step {
    let fields = json!({"volume_type": volume_type, "group_id": group});
    let id = request_volume(run, "3.13", name, fields).await?;
    run.wait_volume(&id, &["available"]).await?;
    Ok(())
}

/// A volume type with `type_fields` and a group type with `group_type_fields`,
/// a group of both and a volume in it, all named `name`: what replication and
/// the consistency group calls need. Returns the volume type's, the group
/// type's and the group's ids.
async fn group_with_volume(
    run: &Run,
    name: &str,
    type_fields: Json,
    group_type_fields: Json,
) -> Step<(String, String, String)> {
    let volume_type = VOLUME_TYPES.create(run, name, type_fields).await?;
    let group_type = GROUP_TYPES.create(run, name, group_type_fields).await?;
    let group = create(run, name, &group_type, &volume_type).await?;
    add_volume(run, name, &volume_type, &group).await?;
    Ok((volume_type, group_type, group))
}

/// One of the two APIs that serve groups, for the calls both make alike.
#[derive(Clone, Copy)]
enum GroupApi {
    /// Generic groups (3.13+) and their snapshots (3.14).
    Generic,
    /// Consistency groups, which Cinder serves with generic groups.
    Consistency,
}

impl GroupApi {
    /// The groups' operations, and a group's key in replies.
    fn groups(self) -> (&'static str, &'static str) {
        match self {
            Self::Generic => ("groups", "group"),
            Self::Consistency => ("consistencygroups", "consistencygroup"),
        }
    }

    /// The snapshots' operations, a snapshot's key in requests and replies,
    /// and the microversion of their calls.
    fn snapshots(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Generic => ("group_snapshots", "group_snapshot", "3.14"),
            Self::Consistency => ("cgsnapshots", "cgsnapshot", "3.0"),
        }
    }

    /// The operation that reads a group, and the group's place in its reply.
    fn get(self) -> (String, String) {
        let (ops, key) = self.groups();
        (format!("{ops}::get"), format!("/{key}"))
    }

    /// Snapshots `group` as the member, naming the snapshot `name`, and waits
    /// until it is available; returns its id.
    async fn snapshot(self, run: &Run, name: &str, group: &str) -> Step<String> {
        let (ops, key, version) = self.snapshots();
        let group_id = match self {
            Self::Generic => "group_id",
            Self::Consistency => "consistencygroup_id",
        };
        let snapshot = named(name, json!({group_id: group}));
        let create = format!("{ops}::create");
        let pointer = format!("/{key}");
        let id = run
            .create(
                &create,
                Member,
                version,
                json!({key: snapshot}),
                &format!("{pointer}/id"),
            )
            .await?;
        run.wait(&format!("{ops}::get"), &pointer, &id, &["available"])
            .await?;
        Ok(id)
    }

    /// Makes a group named `name` from `snapshot` as the member, and waits until
    /// it is available; returns its id.
    async fn create_from(self, run: &Run, name: &str, snapshot: &str) -> Step<String> {
        let (request, snapshot_id, version) = match self {
            Self::Generic => ("create-from-src", "group_snapshot_id", "3.14"),
            Self::Consistency => ("consistencygroup-from-src", "cgsnapshot_id", "3.0"),
        };
        let from = named(name, json!({snapshot_id: snapshot}));
        let create = format!("{}::create_from_src", self.groups().0);
        let (get, pointer) = self.get();
        let id = run
            .create(
                &create,
                Member,
                version,
                json!({request: from}),
                &format!("{pointer}/id"),
            )
            .await?;
        run.wait(&get, &pointer, &id, &["available"]).await?;
        Ok(id)
    }

    /// Deletes a group with its volumes and waits until it is gone.
    async fn delete(self, run: &Run, group: &str) -> Step {
        let (version, body) = match self {
            Self::Generic => ("3.13", json!({"delete": {"delete-volumes": true}})),
            Self::Consistency => ("3.0", json!({"consistencygroup": {"force": true}})),
        };
        let op = format!("{}::delete", self.groups().0);
        run.send(&op, Member, version, &[group], body).await?;
        let (get, pointer) = self.get();
        run.wait_gone(&get, &pointer, group).await?;
        Ok(())
    }

    /// Deletes the group made from a snapshot, the snapshot, then the group it
    /// was taken of, each once the one before is gone.
    async fn delete_with_snapshot(
        self,
        run: &Run,
        from: &str,
        snapshot: &str,
        group: &str,
    ) -> Step {
        let (ops, key, version) = self.snapshots();
        self.delete(run, from).await?;
        run.get(&format!("{ops}::delete"), Member, version, &[snapshot])
            .await?;
        run.wait_gone(&format!("{ops}::get"), &format!("/{key}"), snapshot)
            .await?;
        self.delete(run, group).await
    }
}

/// Deletes a group's volume type and group type, once the group is gone.
async fn delete_types(run: &Run, volume_type: &str, group_type: &str) -> Step {
    VOLUME_TYPES.delete(run, volume_type).await?;
    GROUP_TYPES.delete(run, group_type).await
}

/// The group lifecycle.
pub async fn lifecycle(run: &Run) -> Step {
    let fields = json!({"is_public": true,
                        "group_specs": {"consistent_group_snapshot_enabled": "<is> False"}});
    let gt = GROUP_TYPES.create(run, "group-type", fields).await?;
    run.remember("group_type_id", &gt);
    run.get("group_types::get", Member, "3.11", &[&gt]).await?;
    run.get("group_types::list", Reader, "3.11", &[]).await?;
    run.get("group_types::default", Admin, "3.11", &[])
        .await
        .ok();
    GROUP_TYPES.update_and_specs(run, &gt).await?;

    let vt = VOLUME_TYPES.create(run, "group-volumes", json!({})).await?;
    let group = create(run, "group", &gt, &vt).await?;
    run.remember("group_id", &group);
    let roles = [Member, Member, Reader];
    run.read("groups", &group, &["3.13", "3.71"], roles, Empty)
        .await?;
    let renamed = json!({"group": named("group2", json!({"description": "updated"}))});
    run.send("groups::update", Member, "3.13", &[&group], renamed)
        .await?;

    // A group snapshot needs a volume in the group.
    add_volume(run, "in-group", &vt, &group).await?;
    let snap = GroupApi::Generic
        .snapshot(run, "group-snap", &group)
        .await?;
    run.remember("group_snapshot_id", &snap);
    run.read("group_snapshots", &snap, &["3.14", "3.71"], roles, Empty)
        .await?;
    run.sample("group_snapshots::reset_status", Admin, "3.19", &[&snap])
        .await?;
    let from = GroupApi::Generic
        .create_from(run, "from-snap", &snap)
        .await?;
    run.sample("groups::reset_status", Admin, "3.20", &[&from])
        .await?;
    GroupApi::Generic
        .delete_with_snapshot(run, &from, &snap, &group)
        .await?;
    delete_types(run, &vt, &gt).await
}

/// Group replication (3.38): a replicated group of a replicated volume type,
/// replication enabled, its targets listed, failed over and back, disabled. The
/// fake driver replicates by bookkeeping, as in Cinder's functional tests.
pub async fn replication(run: &Run) -> Step {
    let replicated = json!({"extra_specs": {"replication_enabled": "<is> True"}});
    let consistent = json!({"group_specs": {"consistent_group_replication_enabled": "<is> True"}});
    let (vt, gt, group) = group_with_volume(run, "replicated", replicated, consistent).await?;
    let failover = |backend: &str| {
        json!({"failover_replication": {"allow_attached_volume": false,
                                        "secondary_backend_id": backend}})
    };
    // Each call, and the `replication_status` it leaves.
    for (op, body, after) in [
        ("groups::enable_replication", Sample, Some("enabled")),
        ("groups::list_replication_targets", Sample, None),
        (
            "groups::failover_replication",
            Send(failover("vendor-id-1")),
            Some("failed-over"),
        ),
        (
            "groups::failover_replication",
            Send(failover("default")),
            Some("enabled"),
        ),
        ("groups::disable_replication", Sample, Some("disabled")),
    ] {
        run.request(op, Admin, "3.38", &[&group], body).await?;
        if let Some(after) = after {
            let status = "/group/replication_status";
            run.wait_for("groups::get", "3.38", status, &group, &[after])
                .await?;
        }
    }
    GroupApi::Generic.delete(run, &group).await?;
    delete_types(run, &vt, &gt).await
}

/// The consistency group API (deprecated for generic groups, which serve it):
/// Cinder makes a new consistency group in its reserved group type
/// `default_cgsnapshot_type`, which the fake driver cannot create (it raises
/// NotImplementedError for a consistent group), so that one ends `error`. Every
/// other call takes a group id, and Cinder takes a generic group's: a snapshot
/// of it, a group made from that snapshot, an update, deletes.
pub async fn consistency_groups(run: &Run) -> Step {
    let (get, pointer) = GroupApi::Consistency.get();
    // The consistency group stays: deleting it is the driver's too (202, then
    // NotImplementedError), and the harness drops its state when it stops.
    let cg = named("cg", json!({"volume_types": "__DEFAULT__"}));
    let cg = run
        .create(
            "consistencygroups::create",
            Member,
            "3.0",
            json!({"consistencygroup": cg}),
            "/consistencygroup/id",
        )
        .await?;
    run.wait(&get, &pointer, &cg, &["available", "error"])
        .await?;

    let (vt, gt, group) = group_with_volume(run, "cg-group", json!({}), json!({})).await?;
    run.get(&get, Reader, "3.0", &[&group]).await?;
    let renamed = named("cg2", json!({"description": "updated"}));
    let update = json!({"consistencygroup": renamed});
    run.send(
        "consistencygroups::update",
        Member,
        "3.0",
        &[&group],
        update,
    )
    .await?;

    let snap = GroupApi::Consistency
        .snapshot(run, "cgsnap", &group)
        .await?;
    run.get("cgsnapshots::get", Reader, "3.0", &[&snap]).await?;
    let from = GroupApi::Consistency
        .create_from(run, "cg-from-snap", &snap)
        .await?;
    GroupApi::Consistency
        .delete_with_snapshot(run, &from, &snap, &group)
        .await?;
    delete_types(run, &vt, &gt).await
}
