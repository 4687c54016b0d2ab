//! What describes the deployment: versions, extensions, zones, pools, back-end
//! capabilities, hosts, clusters, resource filters; quotas, quota classes and
//! limits; services (disable, enable, log levels, freeze and thaw) and the
//! workers' cleanup.

use block_storage_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{HOST, Run, Step, Versioned};

/// The read-only documents.
pub async fn discovery(run: &Run) -> Step {
    run.ctx
        .call("root::get_list_all_versions", Reader, "", &[], None, None)
        .await
        .ok();
    run.ctx
        .call("root::get_show_v3_details", Reader, "", &[], None, None)
        .await?;
    run.get("extensions", Member, "", &[]).await?;
    run.get("availability_zone", Member, "", &[]).await?;
    run.query(
        "scheduler_stats::get_pools",
        Admin,
        "",
        &[],
        json!({"detail": true}),
    )
    .await?;
    run.get("capabilities::get", Admin, "", &[HOST]).await?;
    run.get("resource_filters", Member, "3.33", &[]).await?;
    run.get("hosts::list", Admin, "", &[]).await?;
    run.get("hosts::get", Admin, "", &[HOST]).await?;
    run.get("clusters::list", Admin, "3.7", &[]).await?;
    run.get("clusters::list_detailed", Admin, "3.7", &[])
        .await?;
    // The harness's volume service is in no cluster (the list is empty): the
    // cluster calls name the one back end, which Cinder does not find.
    let _ = run.get("clusters::get", Admin, "3.7", &[HOST]).await;
    let cluster = json!({"name": HOST, "binary": "cinder-volume"});
    for op in ["clusters::disable", "clusters::enable"] {
        let _ = run.send(op, Admin, "3.7", &[], cluster.clone()).await;
    }
    run.get("limits", Member, "", &[]).await?;
    run.get("limits", Member, "3.71", &[]).await?;
    run.get("messages::list", Member, "3.3", &[]).await?;
    for (op, version) in [
        ("manageable_volumes::get", "3.8"),
        ("manageable_volumes::list_detailed", "3.8"),
        ("manageable_snapshots::get", "3.8"),
        ("manageable_snapshots::list_detailed", "3.8"),
    ] {
        run.query(op, Admin, version, &[], json!({"host": HOST}))
            .await
            .ok();
    }
    Ok(())
}

/// Quotas of the project, its defaults and usage, the default quota class.
pub async fn quotas(run: &Run) -> Step {
    crate::types::cleanup(run).await?;
    let project = run.project.clone();
    let p = [project.as_str()];
    run.get("quota_sets::get_quotas", Member, "", &p).await?;
    run.query(
        "quota_sets::get_usage",
        Member,
        "",
        &p,
        json!({"usage": true}),
    )
    .await?;
    run.get("quota_sets::defaults", Member, "", &p).await?;
    run.send(
        "quota_sets::update",
        Admin,
        "",
        &p,
        json!({"quota_set": {"groups": 11, "volumes": 50, "backups": 40}}),
    )
    .await?;
    run.get("quota_sets::delete", Admin, "", &p).await?;
    run.get("quota_class_sets::get", Admin, "", &["default"])
        .await?;
    run.send(
        "quota_class_sets::update",
        Admin,
        "",
        &["default"],
        json!({"quota_class_set": {"volumes": 1000, "gigabytes": 10000, "snapshots": 1000}}),
    )
    .await?;
    Ok(())
}

/// Services: list, disable with and without a reason, enable, log levels,
/// freeze and thaw of the back end, and the workers' cleanup.
pub async fn services(run: &Run) -> Step {
    run.get("services::get", Admin, "", &[]).await?;
    run.get("services::get", Admin, "3.71", &[]).await?;
    let backup = json!({"binary": "cinder-backup", "host": "cinder-harness"});
    run.send("services::disable", Admin, "", &[], backup.clone())
        .await?;
    run.send("services::enable", Admin, "", &[], backup.clone())
        .await?;
    run.send(
        "services::disable_log_reason",
        Admin,
        "",
        &[],
        json!({"binary": "cinder-backup", "host": "cinder-harness", "disabled_reason": "conformance"}),
    )
    .await?;
    run.send("services::enable", Admin, "", &[], backup).await?;
    let log =
        json!({"binary": "cinder-api", "server": "cinder-harness", "prefix": "cinder.api.v3"});
    run.send("services::get_log", Admin, "3.32", &[], log.clone())
        .await?;
    let mut set = log;
    set["level"] = json!("INFO");
    run.send("services::set_log", Admin, "3.32", &[], set)
        .await?;
    run.send("services::freeze", Admin, "", &[], json!({"host": HOST}))
        .await?;
    run.send("services::thaw", Admin, "", &[], json!({"host": HOST}))
        .await?;
    // The back end replicates nowhere (no `replication_device`), so there is
    // nothing to fail over to.
    let _ = run
        .send(
            "services::failover_host",
            Admin,
            "",
            &[],
            json!({"host": HOST}),
        )
        .await;
    run.send(
        "workers::cleanup",
        Admin,
        "3.24",
        &[],
        json!({"host": HOST, "binary": "cinder-volume"}),
    )
    .await?;
    Ok(())
}
