//! The API's own documents and the admin's resources: versions and extensions,
//! tags, quotas, segments and segment ranges, metering, logging, service flavors
//! and profiles, the auto-allocated topology, agents and availability zones.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::delete_network;
use crate::{ALL_ROLES, Run, Step, Unversioned, all};

/// The version documents, the extensions and the service providers.
pub async fn versions_and_extensions(run: &Run) -> Step {
    run.get("root::list_versions", Reader, &[]).await?;
    run.get("root::list_show_v2_details", Member, &[]).await?;
    let list = run.get("extensions::list", Reader, &[]).await?;
    let aliases = all(&list, "/extensions", "alias");
    run.check(
        "extensions: the harness's extensions are listed",
        aliases.len() > 100 && aliases.iter().any(|a| a == "router"),
        format!("{} aliases", aliases.len()),
    )?;
    for alias in ["router", "qos", "trunk"] {
        run.get("extensions::get", Member, &[alias]).await?;
    }
    run.get("service_providers", Member, &[]).await?;
    Ok(())
}

/// Tags on a network: replaced, added one by one and as a set, checked, removed.
pub async fn tags(run: &Run) -> Step {
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("tags")}}),
            "network_id",
        )
        .await?;
    let on = |tag: &'static str| ["networks", net.as_str(), tag];
    run.send(
        "tags::replace",
        Member,
        &["networks", &net],
        json!({"tags": ["red", "green"]}),
    )
    .await?;
    run.get("tags::add", Member, &on("blue")).await?;
    run.get("tags::get", Reader, &on("blue")).await?;
    run.send(
        "tags::create",
        Member,
        &["networks", &net],
        json!({"tags": ["yellow"]}),
    )
    .await?;
    let listed = run.get("tags::list", Reader, &["networks", &net]).await?;
    let mut tags: Vec<String> = listed["tags"]
        .as_array()
        .map(|t| {
            t.iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    tags.sort();
    run.check(
        "tags: replace, add and create leave the union",
        tags == ["blue", "green", "red", "yellow"],
        format!("{tags:?}"),
    )?;
    run.get("tags::delete", Member, &on("red")).await?;
    run.get("tags::delete_all", Member, &["networks", &net])
        .await?;
    run.remember("resource_type", "networks");
    run.remember("resource_id", &net);
    delete_network(run, &net).await
}

/// The project's quotas: read by every role, set, detailed, reset by the admin.
pub async fn quotas(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    run.get("quotas::list", Admin, &[]).await?;
    for role in ALL_ROLES {
        run.get("quotas::get", role, &[&project]).await?;
    }
    run.send(
        "quotas::update",
        Admin,
        &[&project],
        json!({"quota": {"network": 200, "port": 1000, "security_group_rule": 500}}),
    )
    .await?;
    run.get("quotas::default", Member, &[&project]).await?;
    run.get("quotas::details_json", Member, &[&project]).await?;
    run.get("quotas::delete", Admin, &[&project]).await?;
    Ok(())
}

/// Segments of a VLAN network, and a network segment range.
pub async fn segments(run: &Run) -> Step {
    let net = run
        .create(
            "networks::create",
            Admin,
            &[],
            json!({"network": {"name": run.name("segments"), "provider:network_type": "vlan",
                               "provider:physical_network": "physnet1",
                               "provider:segmentation_id": 160}}),
            "network_id",
        )
        .await?;
    let segment = run
        .create(
            "segments::create",
            Admin,
            &[],
            json!({"segment": {"network_id": net, "network_type": "vlan",
                               "physical_network": "physnet1", "segmentation_id": 161,
                               "name": run.name("segment"), "description": "a segment"}}),
            "segment_id",
        )
        .await?;
    run.get("segments::get", Admin, &[&segment]).await?;
    run.send(
        "segments::update",
        Admin,
        &[&segment],
        json!({"segment": {"name": run.name("segment-renamed")}}),
    )
    .await?;
    run.query("segments::list", Admin, &[], json!({"network_id": net}))
        .await?;
    run.get("segments::delete", Admin, &[&segment]).await?;
    run.get("networks::delete", Admin, &[&net]).await?;

    let range = run
        .create(
            "network_segment_ranges::create",
            Admin,
            &[],
            json!({"network_segment_range": {"name": run.name("range"), "network_type": "vxlan",
                                             "minimum": 2000, "maximum": 2100,
                                             "shared": false, "project_id": run.ctx.project,
                                             "description": "a range"}}),
            "network_segment_range_id",
        )
        .await?;
    run.get("network_segment_ranges::get", Admin, &[&range])
        .await?;
    run.send(
        "network_segment_ranges::update",
        Admin,
        &[&range],
        json!({"network_segment_range": {"name": run.name("range-renamed"), "maximum": 2200}}),
    )
    .await?;
    run.get("network_segment_ranges::list", Admin, &[]).await?;
    run.get("network_segment_ranges::delete", Admin, &[&range])
        .await?;
    Ok(())
}

/// A metering label with a rule.
pub async fn metering(run: &Run) -> Step {
    let label = run
        .create(
            "metering::metering_labels::create",
            Admin,
            &[],
            json!({"metering_label": {"name": run.name("label"), "description": "a label",
                                      "shared": false}}),
            "metering_label_id",
        )
        .await?;
    run.get("metering::metering_labels::get", Admin, &[&label])
        .await?;
    run.get("metering::metering_labels::list", Admin, &[])
        .await?;
    let rule = run
        .create(
            "metering::metering_label_rules::create",
            Admin,
            &[],
            json!({"metering_label_rule": {"metering_label_id": label, "direction": "ingress",
                                           "destination_ip_prefix": "10.0.0.0/24",
                                           "excluded": false}}),
            "metering_label_rule_id",
        )
        .await?;
    run.get("metering::metering_label_rules::get", Admin, &[&rule])
        .await?;
    run.get("metering::metering_label_rules::list", Admin, &[])
        .await?;
    run.get("metering::metering_label_rules::delete", Admin, &[&rule])
        .await?;
    run.get("metering::metering_labels::delete", Admin, &[&label])
        .await?;
    Ok(())
}

/// Logging: what can be logged, and a log of a security group's events.
pub async fn logging(run: &Run) -> Step {
    run.get("log::loggable_resources", Admin, &[]).await?;
    run.get("log::logs::list", Admin, &[]).await?;
    let sg = run
        .create(
            "security_groups::create",
            Member,
            &[],
            json!({"security_group": {"name": run.name("logged")}}),
            "security_group_id",
        )
        .await?;
    let log = run
        .create(
            "log::logs::create",
            Admin,
            &[],
            json!({"log": {"name": run.name("log"), "resource_type": "security_group",
                           "resource_id": sg, "event": "ALL", "enabled": true}}),
            "log_id",
        )
        .await?;
    run.get("log::logs::get", Admin, &[&log]).await?;
    run.send(
        "log::logs::update",
        Admin,
        &[&log],
        json!({"log": {"enabled": false}}),
    )
    .await?;
    run.get("log::logs::delete", Admin, &[&log]).await?;
    run.get("security_groups::delete", Member, &[&sg]).await?;
    Ok(())
}

/// A router flavor with a service profile attached and detached.
pub async fn flavors(run: &Run) -> Step {
    let flavor = run
        .create(
            "flavors::create",
            Admin,
            &[],
            json!({"flavor": {"name": run.name("flavor"), "service_type": "L3_ROUTER_NAT",
                              "description": "a flavor", "enabled": true}}),
            "flavor_id",
        )
        .await?;
    run.get("flavors::get", Member, &[&flavor]).await?;
    run.send(
        "flavors::update",
        Admin,
        &[&flavor],
        json!({"flavor": {"description": "renamed", "enabled": false}}),
    )
    .await?;
    run.get("flavors::list", Reader, &[]).await?;
    let profile = run
        .create(
            "service_profiles::create",
            Admin,
            &[],
            json!({"service_profile": {"description": "a profile", "enabled": true,
                                       "driver": "neutron.services.l3_router.service_providers.single_node.SingleNodeDriver",
                                       "metainfo": "{}"}}),
            "profile_id",
        )
        .await?;
    run.get("service_profiles::get", Admin, &[&profile]).await?;
    run.send(
        "service_profiles::update",
        Admin,
        &[&profile],
        json!({"service_profile": {"description": "changed"}}),
    )
    .await?;
    run.get("service_profiles::list", Admin, &[]).await?;
    run.send(
        "flavors::service_profiles::create",
        Admin,
        &[&flavor],
        json!({"service_profile": {"id": profile}}),
    )
    .await?;
    run.get(
        "flavors::service_profiles::delete",
        Admin,
        &[&flavor, &profile],
    )
    .await?;
    run.get("service_profiles::delete", Admin, &[&profile])
        .await?;
    run.get("flavors::delete", Admin, &[&flavor]).await?;
    Ok(())
}

/// The member's auto-allocated topology: made on first read, then deleted.
pub async fn auto_allocated_topology(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    run.get("auto_allocated_topology::get", Member, &[&project])
        .await?;
    run.get("auto_allocated_topology::get", Member, &[&project])
        .await?;
    run.get("auto_allocated_topology::delete", Member, &[&project])
        .await?;
    Ok(())
}

/// Agents (none run here) and availability zones.
pub async fn agents_and_zones(run: &Run) -> Step {
    let agents = run.get("agents::list", Admin, &[]).await?;
    run.check(
        "agents: none run in this harness",
        agents["agents"].as_array().is_some_and(Vec::is_empty),
        format!("{agents}"),
    )?;
    run.get("availability_zones", Member, &[]).await?;
    run.query(
        "availability_zones",
        Reader,
        &[],
        json!({"resource": "router"}),
    )
    .await?;
    Ok(())
}
