//! The admin and project-wide APIs: limits, quotas, availability zones,
//! hypervisors, services, aggregates.

use compute_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{ALL_ROLES, Run, Step, Versioned, text};

/// Limits as every role; quotas shown, detailed, updated and reverted; quota classes.
pub async fn limits_and_quotas(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    let project = project.as_str();
    for version in ["2.1", "2.36", "2.57", "latest"] {
        for role in ALL_ROLES {
            run.get("limits", role, version, &[]).await?;
        }
        run.get("quota_sets::get", Member, version, &[project])
            .await?;
        run.get("quota_sets::get_detailed", Member, version, &[project])
            .await?;
        run.get("quota_sets::defaults", Reader, version, &[project])
            .await?;
        run.get("quota_class_sets::get", Admin, version, &["default"])
            .await?;
    }
    run.send(
        "quota_sets::update",
        Admin,
        "2.1",
        &[project],
        json!({"quota_set": {"instances": 50, "cores": 100}}),
    )
    .await?;
    run.send(
        "quota_sets::update",
        Admin,
        "latest",
        &[project],
        json!({"quota_set": {"instances": 60}}),
    )
    .await?;
    run.get("quota_sets::delete", Admin, "2.1", &[project])
        .await?;
    run.send(
        "quota_class_sets::update",
        Admin,
        "2.1",
        &["default"],
        json!({"quota_class_set": {"instances": 20}}),
    )
    .await?;
    run.send(
        "quota_class_sets::update",
        Admin,
        "latest",
        &["default"],
        json!({"quota_class_set": {"instances": 10}}),
    )
    .await?;
    run.remember("id", "default");
    Ok(())
}

/// Availability zones; hypervisors at the versions where their shape changes.
pub async fn zones_and_hypervisors(run: &Run) -> Step {
    for role in ALL_ROLES {
        run.get("availability_zone::get", role, "2.1", &[]).await?;
    }
    run.get("availability_zone::list_detailed", Admin, "2.1", &[])
        .await?;
    let list = run.get("hypervisors::list", Admin, "2.1", &[]).await?;
    let hostname = text(&list, "/hypervisors/0/hypervisor_hostname")?;
    let old_id = list["hypervisors"][0]["id"].to_string();
    run.get("hypervisors::get", Admin, "2.1", &[&old_id])
        .await?;
    run.get("hypervisors::statistics", Admin, "2.1", &[])
        .await?;
    // Recorded either way; the fake driver has no uptime (the report says so).
    let _ = run
        .get("hypervisors::uptime", Admin, "2.1", &[&old_id])
        .await;
    let _ = run
        .get("instance_usage_audit_log::list", Admin, "2.1", &[])
        .await;
    let _ = run
        .get(
            "instance_usage_audit_log::get",
            Admin,
            "2.1",
            &["2026-01-01 00:00:00"],
        )
        .await;
    run.get("hypervisors::search", Admin, "2.1", &[&hostname])
        .await?;
    run.get("hypervisors::servers", Admin, "2.1", &[&hostname])
        .await?;
    for version in ["2.1", "2.28", "2.33", "2.53", "2.88", "latest"] {
        run.get("hypervisors::list", Admin, version, &[]).await?;
        let detail = run
            .get("hypervisors::list_detailed", Admin, version, &[])
            .await?;
        let id = match &detail["hypervisors"][0]["id"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        run.get("hypervisors::get", Admin, version, &[&id]).await?;
    }
    let uuid = text(
        &run.get("hypervisors::list", Admin, "2.53", &[]).await?,
        "/hypervisors/0/id",
    )?;
    run.query(
        "hypervisors::list",
        Admin,
        "2.53",
        &[],
        json!({"hypervisor_hostname_pattern": hostname, "with_servers": true}),
    )
    .await?;
    run.remember("hypervisor_id", &uuid);
    run.remember("hypervisor_hostname_pattern", &hostname);
    Ok(())
}

/// Compute services: list, disable and enable (before and from 2.53), forced down.
pub async fn services(run: &Run) -> Step {
    let list = run.get("services::list", Admin, "2.1", &[]).await?;
    let compute = list["services"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["binary"] == "nova-compute"))
        .ok_or("no nova-compute service")?;
    let host = compute["host"].as_str().ok_or("no host")?.to_owned();
    let body = json!({"host": host, "binary": "nova-compute"});
    run.send("services::disable", Admin, "2.1", &[], body.clone())
        .await?;
    run.send(
        "services::disable_log_reason",
        Admin,
        "2.1",
        &[],
        json!({"host": host, "binary": "nova-compute", "disabled_reason": "conformance"}),
    )
    .await?;
    run.send("services::enable", Admin, "2.1", &[], body.clone())
        .await?;
    run.send(
        "services::force_down",
        Admin,
        "2.11",
        &[],
        json!({"host": host, "binary": "nova-compute", "forced_down": false}),
    )
    .await?;
    for version in ["2.1", "2.11", "2.53", "2.69", "latest"] {
        run.get("services::list", Admin, version, &[]).await?;
    }
    let list = run.get("services::list", Admin, "2.53", &[]).await?;
    let uuid = list["services"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["binary"] == "nova-compute"))
        .and_then(|s| s["id"].as_str())
        .ok_or("no nova-compute service id")?
        .to_owned();
    run.send(
        "services::update",
        Admin,
        "2.53",
        &[&uuid],
        json!({"status": "disabled", "disabled_reason": "conformance"}),
    )
    .await?;
    run.send(
        "services::update",
        Admin,
        "2.53",
        &[&uuid],
        json!({"status": "enabled"}),
    )
    .await?;
    run.remember("service_id", &uuid);
    run.remember("host_name", &host);
    for role in [Admin] {
        run.get("hosts::list", role, "2.1", &[]).await?;
        run.get("hosts::get", role, "2.1", &[&host]).await?;
    }
    run.send(
        "hosts::update",
        Admin,
        "2.1",
        &[&host],
        json!({"status": "enable"}),
    )
    .await?;
    Ok(())
}

/// Aggregates: create, show, list, update, hosts, metadata, image cache, delete.
pub async fn aggregates(run: &Run) -> Step {
    let created = run
        .send(
            "aggregates::create",
            Admin,
            "2.1",
            &[],
            json!({"aggregate": {"name": "conformance-agg"}}),
        )
        .await?;
    let id = created["aggregate"]["id"].to_string();
    let host = text(
        &run.get("services::list", Admin, "2.1", &[]).await?,
        "/services/0/host",
    )?;
    let compute_host = run
        .get("hypervisors::list_detailed", Admin, "2.1", &[])
        .await?;
    let compute_host = text(&compute_host, "/hypervisors/0/service/host").unwrap_or(host);
    for version in ["2.1", "2.41", "latest"] {
        run.get("aggregates::get", Admin, version, &[&id]).await?;
        run.get("aggregates::list", Admin, version, &[]).await?;
    }
    run.send(
        "aggregates::update",
        Admin,
        "2.1",
        &[&id],
        json!({"aggregate": {"name": "conformance-agg2"}}),
    )
    .await?;
    run.send(
        "aggregates::add_host",
        Admin,
        "2.1",
        &[&id],
        json!({"add_host": {"host": compute_host}}),
    )
    .await?;
    run.send(
        "aggregates::set_metadata",
        Admin,
        "2.1",
        &[&id],
        json!({"set_metadata": {"metadata": {"ssd": "true"}}}),
    )
    .await?;
    run.send(
        "aggregates::images",
        Admin,
        "2.81",
        &[&id],
        json!({"cache": [{"id": run.image}]}),
    )
    .await?;
    run.send(
        "aggregates::remove_host",
        Admin,
        "2.1",
        &[&id],
        json!({"remove_host": {"host": compute_host}}),
    )
    .await?;
    run.get("aggregates::delete", Admin, "2.1", &[&id]).await?;
    Ok(())
}
