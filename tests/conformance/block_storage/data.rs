//! What holds a volume's data: snapshots (and reverting to one), backups (with
//! restore, export and import of the record), and transfers to another project,
//! by both transfer APIs.

use block_storage_conformance::ctx::Role::{Admin, Member, Other, Reader};
use serde_json::json;

use crate::volumes::{PREFIX, create};
use crate::{Run, Step, Versioned, text};

/// Snapshots: create, read, update, metadata, revert (3.40), status actions,
/// delete.
pub async fn snapshots(run: &Run) -> Step {
    let volume = create(run, "snapped", None).await?;
    let created = run
        .send(
            "snapshots::create",
            Member,
            "3.71",
            &[],
            json!({"snapshot": {"volume_id": volume, "name": format!("{PREFIX}snap"),
                                "metadata": {"key": "v3"}}}),
        )
        .await?;
    let id = text(&created, "/snapshot/id")?;
    run.remember("snapshot_id", &id);
    run.wait("snapshots::get", "/snapshot", &id, &["available"])
        .await?;
    for version in ["", "3.41", "3.65", "3.71"] {
        run.get("snapshots::get", Reader, version, &[&id]).await?;
        run.get("snapshots::list", Member, version, &[]).await?;
        run.query(
            "snapshots::list_detailed",
            Admin,
            version,
            &[],
            json!({"all_tenants": "1"}),
        )
        .await?;
    }
    run.sample("snapshots::update", Member, "3.71", &[&id])
        .await?;
    run.sample("snapshots::metadata::create", Member, "3.71", &[&id])
        .await?;
    run.get("snapshots::metadata::list", Reader, "3.71", &[&id])
        .await?;
    run.get("snapshot::metadata::get", Reader, "3.71", &[&id, "key"])
        .await
        .ok();
    run.send(
        "snapshots::metadata::update",
        Member,
        "3.71",
        &[&id, "key"],
        json!({"meta": {"key": "new_value"}}),
    )
    .await?;
    run.get("snapshots::metadata::delete", Member, "3.71", &[&id, "key"])
        .await?;
    run.sample("snapshots::metadata::replace", Member, "3.71", &[&id])
        .await?;

    // Reverting needs the volume's latest snapshot and the same size.
    run.send(
        "volumes::revert",
        Member,
        "3.40",
        &[&volume],
        json!({"revert": {"snapshot_id": id}}),
    )
    .await?;
    run.wait_volume(&volume, &["available"]).await?;
    run.wait("snapshots::get", "/snapshot", &id, &["available"])
        .await?;

    run.sample("snapshots::reset_status", Admin, "3.71", &[&id])
        .await?;
    run.send(
        "snapshots::reset_status",
        Admin,
        "3.71",
        &[&id],
        json!({"os-reset_status": {"status": "creating"}}),
    )
    .await?;
    run.send(
        "snapshots::update_snapshot_status",
        Admin,
        "3.71",
        &[&id],
        json!({"os-update_snapshot_status": {"status": "available", "progress": "100%"}}),
    )
    .await?;
    run.get("snapshots::delete", Member, "3.71", &[&id]).await?;
    run.wait_gone("snapshots::get", "/snapshot", &id).await?;

    // A second snapshot, deleted by force.
    let created = run
        .send(
            "snapshots::create",
            Member,
            "3.71",
            &[],
            json!({"snapshot": {"volume_id": volume, "name": format!("{PREFIX}snap2")}}),
        )
        .await?;
    let id = text(&created, "/snapshot/id")?;
    run.wait("snapshots::get", "/snapshot", &id, &["available"])
        .await?;
    run.sample("snapshots::force_delete", Admin, "3.71", &[&id])
        .await?;
    run.wait_gone("snapshots::get", "/snapshot", &id).await?;
    run.get("volumes::delete", Member, "3.71", &[&volume])
        .await?;
    Ok(())
}

/// Backups through the fake backup service.
pub async fn backups(run: &Run) -> Step {
    let volume = create(run, "backed-up", None).await?;
    let created = run
        .send(
            "backups::create",
            Member,
            "3.71",
            &[],
            json!({"backup": {"volume_id": volume, "name": format!("{PREFIX}backup"),
                              "description": "conformance"}}),
        )
        .await?;
    let id = text(&created, "/backup/id")?;
    run.remember("backup_id", &id);
    run.wait("backups::get", "/backup", &id, &["available"])
        .await?;
    run.wait_volume(&volume, &["available"]).await?;
    for version in ["", "3.43", "3.71"] {
        run.get("backups::get", Member, version, &[&id]).await?;
        run.get("backups::list", Reader, version, &[]).await?;
        run.query(
            "backups::list_detailed",
            Admin,
            version,
            &[],
            json!({"all_tenants": "1"}),
        )
        .await?;
    }
    run.sample("backups::update", Member, "3.9", &[&id]).await?;

    // Restore into the volume, and into a new one.
    run.send(
        "backups::restore",
        Member,
        "3.71",
        &[&id],
        json!({"restore": {"volume_id": volume}}),
    )
    .await?;
    run.wait_volume(&volume, &["available"]).await?;
    run.wait("backups::get", "/backup", &id, &["available"])
        .await?;
    let restored = run
        .send(
            "backups::restore",
            Member,
            "3.71",
            &[&id],
            json!({"restore": {"name": format!("{PREFIX}restored")}}),
        )
        .await?;
    let restored = text(&restored, "/restore/volume_id")?;
    run.wait_volume(&restored, &["available"]).await?;
    run.wait("backups::get", "/backup", &id, &["available"])
        .await?;

    // The record, exported and imported back once the backup is gone.
    let record = run
        .get("backups::export_record", Admin, "3.71", &[&id])
        .await?;
    run.sample("backups::reset_status", Admin, "3.71", &[&id])
        .await?;
    run.get("backups::delete", Member, "3.71", &[&id]).await?;
    run.wait_gone("backups::get", "/backup", &id).await?;
    let imported = run
        .send(
            "backups::import_record",
            Admin,
            "3.71",
            &[],
            json!({"backup-record": record["backup-record"]}),
        )
        .await?;
    let imported = text(&imported, "/backup/id")?;
    run.wait("backups::get", "/backup", &imported, &["available"])
        .await?;
    // Force-delete is not servable here (see not_servable.rs): a plain delete.
    run.get("backups::delete", Member, "3.71", &[&imported])
        .await?;
    run.wait_gone("backups::get", "/backup", &imported).await?;
    for v in [&volume, &restored] {
        run.get("volumes::delete", Member, "3.71", &[v]).await?;
    }
    Ok(())
}

/// A transfer by each API: created by the owner, read, accepted by the other
/// project (whose volume it then is); a second one deleted unaccepted.
pub async fn transfers(run: &Run) -> Step {
    for (api, version) in [("volume_transfer", "3.0"), ("volume_transfers", "3.55")] {
        let volume = create(run, api, None).await?;
        let created = run
            .send(
                &format!("{api}::create"),
                Member,
                version,
                &[],
                json!({"transfer": {"volume_id": volume, "name": format!("{PREFIX}transfer")}}),
            )
            .await?;
        let id = text(&created, "/transfer/id")?;
        let key = text(&created, "/transfer/auth_key")?;
        run.remember("transfer_id", &id);
        run.get(&format!("{api}::get"), Member, version, &[&id])
            .await?;
        run.get(&format!("{api}::list"), Member, version, &[])
            .await?;
        run.get(&format!("{api}::list_detailed"), Member, version, &[])
            .await?;
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

        let volume = create(run, api, None).await?;
        let created = run
            .send(
                &format!("{api}::create"),
                Member,
                version,
                &[],
                json!({"transfer": {"volume_id": volume, "name": format!("{PREFIX}dropped")}}),
            )
            .await?;
        let id = text(&created, "/transfer/id")?;
        run.get(&format!("{api}::delete"), Member, version, &[&id])
            .await?;
        run.get("volumes::delete", Member, "3.71", &[&volume])
            .await?;
    }
    Ok(())
}
