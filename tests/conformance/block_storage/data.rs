//! What holds a volume's data: snapshots (and reverting to one), backups (with
//! restore, export and import of the record), and transfers to another project,
//! by both transfer APIs.

use apiref::runtime::Json;
use block_storage_conformance::ctx::Role::{Admin, Member, Other, Reader};
use serde_json::json;

use crate::Body::{Empty, Sample, Send};
use crate::volumes::{create, named};
use crate::{Run, Step, Versioned, all_projects, text};

/// Snapshots `volume` as the member, naming the snapshot `name` (with
/// `fields` besides), and waits until the snapshot is available.
async fn snapshot(run: &Run, volume: &str, name: &str, fields: Json) -> Step<String> {
    let mut snapshot = named(name, fields);
    snapshot["volume_id"] = json!(volume);
    let id = run
        .create(
            "snapshots::create",
            Member,
            "3.71",
            json!({"snapshot": snapshot}),
            "/snapshot/id",
        )
        .await?;
    run.wait("snapshots::get", "/snapshot", &id, &["available"])
        .await?;
    Ok(id)
}

/// Snapshots: create, read, update, metadata, revert (3.40), status actions,
/// delete.
pub async fn snapshots(run: &Run) -> Step {
    let volume = create(run, "snapped").await?;
    let id = snapshot(run, &volume, "snap", json!({"metadata": {"key": "v3"}})).await?;
    run.remember("snapshot_id", &id);
    let versions = ["", "3.41", "3.65", "3.71"];
    let roles = [Reader, Member, Admin];
    run.read("snapshots", &id, &versions, roles, all_projects())
        .await?;
    let metadata = [
        ("snapshots::update", Member, Sample),
        ("snapshots::metadata::create", Member, Sample),
        ("snapshots::metadata::list", Reader, Empty),
    ];
    run.requests("3.71", &[&id], metadata).await?;
    run.get("snapshot::metadata::get", Reader, "3.71", &[&id, "key"])
        .await
        .ok();
    let meta = json!({"meta": {"key": "new_value"}});
    let key = [
        ("snapshots::metadata::update", Member, Send(meta)),
        ("snapshots::metadata::delete", Member, Empty),
    ];
    run.requests("3.71", &[&id, "key"], key).await?;
    run.sample("snapshots::metadata::replace", Member, "3.71", &[&id])
        .await?;

    // Reverting needs the volume's latest snapshot and the same size.
    let revert = json!({"revert": {"snapshot_id": id}});
    run.send("volumes::revert", Member, "3.40", &[&volume], revert)
        .await?;
    run.wait_volume(&volume, &["available"]).await?;
    run.wait("snapshots::get", "/snapshot", &id, &["available"])
        .await?;

    let creating = json!({"os-reset_status": {"status": "creating"}});
    let available =
        json!({"os-update_snapshot_status": {"status": "available", "progress": "100%"}});
    let statuses = [
        ("snapshots::reset_status", Admin, Sample),
        ("snapshots::reset_status", Admin, Send(creating)),
        ("snapshots::update_snapshot_status", Admin, Send(available)),
        ("snapshots::delete", Member, Empty),
    ];
    run.requests("3.71", &[&id], statuses).await?;
    run.wait_gone("snapshots::get", "/snapshot", &id).await?;

    // A second snapshot, deleted by force.
    let id = snapshot(run, &volume, "snap2", json!({})).await?;
    run.sample("snapshots::force_delete", Admin, "3.71", &[&id])
        .await?;
    run.wait_gone("snapshots::get", "/snapshot", &id).await?;
    run.get("volumes::delete", Member, "3.71", &[&volume])
        .await?;
    Ok(())
}

/// Waits until a backup is available.
async fn wait_backup(run: &Run, id: &str) -> Step {
    run.wait("backups::get", "/backup", id, &["available"])
        .await?;
    Ok(())
}

/// Deletes a backup and waits until it is gone.
async fn delete_backup(run: &Run, id: &str) -> Step {
    run.get("backups::delete", Member, "3.71", &[id]).await?;
    run.wait_gone("backups::get", "/backup", id).await?;
    Ok(())
}

/// Backups through the fake backup service.
pub async fn backups(run: &Run) -> Step {
    let volume = create(run, "backed-up").await?;
    let backup = named(
        "backup",
        json!({"volume_id": volume, "description": "conformance"}),
    );
    let id = run
        .create(
            "backups::create",
            Member,
            "3.71",
            json!({"backup": backup}),
            "/backup/id",
        )
        .await?;
    run.remember("backup_id", &id);
    wait_backup(run, &id).await?;
    run.wait_volume(&volume, &["available"]).await?;
    let versions = ["", "3.43", "3.71"];
    run.read(
        "backups",
        &id,
        &versions,
        [Member, Reader, Admin],
        all_projects(),
    )
    .await?;
    run.sample("backups::update", Member, "3.9", &[&id]).await?;

    // Restore into the volume, and into a new one.
    let mut restored = Vec::new();
    for restore in [json!({"volume_id": volume}), named("restored", json!({}))] {
        let reply = run
            .send(
                "backups::restore",
                Member,
                "3.71",
                &[&id],
                json!({"restore": restore}),
            )
            .await?;
        let target = text(&reply, "/restore/volume_id")?;
        run.wait_volume(&target, &["available"]).await?;
        wait_backup(run, &id).await?;
        restored.push(target);
    }

    // The record, exported and imported back once the backup is gone.
    let record = run
        .get("backups::export_record", Admin, "3.71", &[&id])
        .await?;
    run.sample("backups::reset_status", Admin, "3.71", &[&id])
        .await?;
    delete_backup(run, &id).await?;
    let imported = run
        .create(
            "backups::import_record",
            Admin,
            "3.71",
            json!({"backup-record": record["backup-record"]}),
            "/backup/id",
        )
        .await?;
    wait_backup(run, &imported).await?;
    // Force-delete is not servable here (see not_servable.rs): a plain delete.
    delete_backup(run, &imported).await?;
    for v in &restored {
        run.get("volumes::delete", Member, "3.71", &[v]).await?;
    }
    Ok(())
}

/// Creates a volume and a transfer of it named `name` by `api` at `version`;
/// returns the volume's id and the transfer.
async fn transfer(run: &Run, api: &str, version: &str, name: &str) -> Step<(String, Json)> {
    let volume = create(run, api).await?;
    let transfer = named(name, json!({"volume_id": volume}));
    let created = run
        .send(
            &format!("{api}::create"),
            Member,
            version,
            &[],
            json!({"transfer": transfer}),
        )
        .await?;
    Ok((volume, created))
}

/// A transfer by each API: created by the owner, read, accepted by the other
/// project (whose volume it then is); a second one deleted unaccepted.
pub async fn transfers(run: &Run) -> Step {
    for (api, version) in [("volume_transfer", "3.0"), ("volume_transfers", "3.55")] {
        let (volume, created) = transfer(run, api, version, "transfer").await?;
        let id = text(&created, "/transfer/id")?;
        let key = text(&created, "/transfer/auth_key")?;
        run.remember("transfer_id", &id);
        run.read(api, &id, &[version], [Member; 3], Empty).await?;
        let other = [run.other_project.as_str(), id.as_str()];
        run.ctx
            .call(
                &format!("{api}::accept"),
                Other,
                version,
                &other,
                None,
                Some(json!({"accept": {"auth_key": key}})),
            )
            .await?;
        run.wait_volume(&volume, &["available"]).await?;
        run.sample("volumes::force_delete", Admin, "3.71", &[&volume])
            .await?;

        let (volume, created) = transfer(run, api, version, "dropped").await?;
        let id = text(&created, "/transfer/id")?;
        run.get(&format!("{api}::delete"), Member, version, &[&id])
            .await?;
        run.get("volumes::delete", Member, "3.71", &[&volume])
            .await?;
    }
    Ok(())
}
