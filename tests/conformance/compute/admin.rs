//! The admin and project-wide APIs: limits, quotas, availability zones,
//! hypervisors, services, aggregates.

use compute_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{Run, Step, Versioned, text};

/// Limits as every role; quotas shown, detailed, updated and reverted; quota classes.
pub async fn limits_and_quotas(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    let project = project.as_str();
    for version in ["2.1", "2.36", "2.57", "latest"] {
        run.every_role(version, &[("limits", &[])]).await?;
        run.get("quota_sets::get", Member, version, &[project])
            .await?;
        run.get("quota_sets::get_detailed", Member, version, &[project])
            .await?;
        run.get("quota_sets::defaults", Reader, version, &[project])
            .await?;
        run.get("quota_class_sets::get", Admin, version, &["default"])
            .await?;
    }
    for (version, quota_set) in [
        ("2.1", json!({"instances": 50, "cores": 100})),
        ("latest", json!({"instances": 60})),
    ] {
        let body = json!({ "quota_set": quota_set });
        run.send("quota_sets::update", Admin, version, &[project], body)
            .await?;
    }
    run.get("quota_sets::delete", Admin, "2.1", &[project])
        .await?;
    for (version, instances) in [("2.1", 20), ("latest", 10)] {
        let body = json!({"quota_class_set": {"instances": instances}});
        run.send(
            "quota_class_sets::update",
            Admin,
            version,
            &["default"],
            body,
        )
        .await?;
    }
    run.remember("id", "default");
    Ok(())
}

/// Availability zones; hypervisors at the versions where their shape changes.
pub async fn zones_and_hypervisors(run: &Run) -> Step {
    run.every_role("2.1", &[("availability_zone::get", &[])])
        .await?;
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
    for status in [
        json!({"status": "disabled", "disabled_reason": "conformance"}),
        json!({"status": "enabled"}),
    ] {
        run.send("services::update", Admin, "2.53", &[&uuid], status)
            .await?;
    }
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
    for (op, version, body) in [
        (
            "aggregates::update",
            "2.1",
            json!({"aggregate": {"name": "conformance-agg2"}}),
        ),
        (
            "aggregates::add_host",
            "2.1",
            json!({"add_host": {"host": compute_host}}),
        ),
        (
            "aggregates::set_metadata",
            "2.1",
            json!({"set_metadata": {"metadata": {"ssd": "true"}}}),
        ),
        (
            "aggregates::images",
            "2.81",
            json!({"cache": [{"id": run.image}]}),
        ),
        (
            "aggregates::remove_host",
            "2.1",
            json!({"remove_host": {"host": compute_host}}),
        ),
    ] {
        run.send(op, Admin, version, &[&id], body).await?;
    }
    run.get("aggregates::delete", Admin, "2.1", &[&id]).await?;
    Ok(())
}
