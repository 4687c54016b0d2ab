//! The API's own documents and the admin's resources: versions and extensions,
//! tags, quotas, segments and segment ranges, metering, logging, service flavors
//! and profiles, the auto-allocated topology, agents and availability zones.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::{delete_network, network, security_group};
use crate::{Run, Step, Unversioned, all};

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
    let net = network(run, "tags").await?;
    let tagged = ["networks", net.as_str()];
    let on = |tag: &'static str| ["networks", net.as_str(), tag];
    let replaced = json!({"tags": ["red", "green"]});
    run.send("tags::replace", Member, &tagged, replaced).await?;
    run.get("tags::add", Member, &on("blue")).await?;
    run.get("tags::get", Reader, &on("blue")).await?;
    let added = json!({"tags": ["yellow"]});
    run.send("tags::create", Member, &tagged, added).await?;
    let listed = run.get("tags::list", Reader, &tagged).await?;
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
    run.get("tags::delete_all", Member, &tagged).await?;
    run.remember("resource_type", "networks");
    run.remember("resource_id", &net);
    delete_network(run, &net).await
}

/// The project's quotas: read by every role, set, detailed, reset by the admin.
pub async fn quotas(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    run.get("quotas::list", Admin, &[]).await?;
    run.read_by_all("quotas::get", &[&project]).await?;
    let quota = json!({"quota": {"network": 200, "port": 1000, "security_group_rule": 500}});
    run.send("quotas::update", Admin, &[&project], quota)
        .await?;
    run.get("quotas::default", Member, &[&project]).await?;
    run.get("quotas::details_json", Member, &[&project]).await?;
    run.get("quotas::delete", Admin, &[&project]).await?;
    Ok(())
}

/// Segments of a VLAN network, and a network segment range.
pub async fn segments(run: &Run) -> Step {
    let net = run
        .make(
            "networks",
            Admin,
            &[],
            json!({"network": {"name": run.name("segments"), "provider:network_type": "vlan",
                               "provider:physical_network": "physnet1",
                               "provider:segmentation_id": 160}}),
            "network_id",
        )
        .await?;
    let segment = run
        .make(
            "segments",
            Admin,
            &[],
            json!({"segment": {"network_id": net.id, "network_type": "vlan",
                               "physical_network": "physnet1", "segmentation_id": 161,
                               "name": run.name("segment"), "description": "a segment"}}),
            "segment_id",
        )
        .await?;
    segment.get(Admin).await?;
    let renamed = json!({"segment": {"name": run.name("segment-renamed")}});
    segment.update(Admin, renamed).await?;
    segment.filter(Admin, json!({"network_id": net.id})).await?;
    segment.delete(Admin).await?;
    net.delete(Admin).await?;

    let range = run
        .make(
            "network_segment_ranges",
            Admin,
            &[],
            json!({"network_segment_range": {"name": run.name("range"), "network_type": "vxlan",
                                             "minimum": 2000, "maximum": 2100,
                                             "shared": false, "project_id": run.ctx.project,
                                             "description": "a range"}}),
            "network_segment_range_id",
        )
        .await?;
    range.get(Admin).await?;
    let renamed =
        json!({"network_segment_range": {"name": run.name("range-renamed"), "maximum": 2200}});
    range.update(Admin, renamed).await?;
    range.list(Admin).await?;
    range.delete(Admin).await
}

/// A metering label with a rule.
pub async fn metering(run: &Run) -> Step {
    let label = run
        .make(
            "metering::metering_labels",
            Admin,
            &[],
            json!({"metering_label": {"name": run.name("label"), "description": "a label",
                                      "shared": false}}),
            "metering_label_id",
        )
        .await?;
    label.get(Admin).await?;
    label.list(Admin).await?;
    let rule = run
        .make(
            "metering::metering_label_rules",
            Admin,
            &[],
            json!({"metering_label_rule": {"metering_label_id": label.id, "direction": "ingress",
                                           "destination_ip_prefix": "10.0.0.0/24",
                                           "excluded": false}}),
            "metering_label_rule_id",
        )
        .await?;
    rule.get(Admin).await?;
    rule.list(Admin).await?;
    rule.delete(Admin).await?;
    label.delete(Admin).await
}

/// Logging: what can be logged, and a log of a security group's events.
pub async fn logging(run: &Run) -> Step {
    run.get("log::loggable_resources", Admin, &[]).await?;
    run.get("log::logs::list", Admin, &[]).await?;
    let sg = security_group(run, "logged").await?;
    let log = run
        .make(
            "log::logs",
            Admin,
            &[],
            json!({"log": {"name": run.name("log"), "resource_type": "security_group",
                           "resource_id": sg, "event": "ALL", "enabled": true}}),
            "log_id",
        )
        .await?;
    log.get(Admin).await?;
    log.update(Admin, json!({"log": {"enabled": false}}))
        .await?;
    log.delete(Admin).await?;
    run.get("security_groups::delete", Member, &[&sg]).await?;
    Ok(())
}

/// A router flavor with a service profile attached and detached.
pub async fn flavors(run: &Run) -> Step {
    let flavor = run
        .make(
            "flavors",
            Admin,
            &[],
            json!({"flavor": {"name": run.name("flavor"), "service_type": "L3_ROUTER_NAT",
                              "description": "a flavor", "enabled": true}}),
            "flavor_id",
        )
        .await?;
    flavor.get(Member).await?;
    let disabled = json!({"flavor": {"description": "renamed", "enabled": false}});
    flavor.update(Admin, disabled).await?;
    flavor.list(Reader).await?;
    let profile = run
        .make(
            "service_profiles",
            Admin,
            &[],
            json!({"service_profile": {"description": "a profile", "enabled": true,
                                       "driver": "neutron.services.l3_router.service_providers.single_node.SingleNodeDriver",
                                       "metainfo": "{}"}}),
            "profile_id",
        )
        .await?;
    profile.get(Admin).await?;
    let changed = json!({"service_profile": {"description": "changed"}});
    profile.update(Admin, changed).await?;
    profile.list(Admin).await?;
    let attached = json!({"service_profile": {"id": profile.id}});
    flavor
        .send("service_profiles::create", Admin, attached)
        .await?;
    run.on("flavors::service_profiles", &[&flavor.id], &profile.id)
        .delete(Admin)
        .await?;
    profile.delete(Admin).await?;
    flavor.delete(Admin).await
}

/// The member's auto-allocated topology: made on its first read (the second
/// finds it), then deleted.
pub async fn auto_allocated_topology(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    let topology = run.on("auto_allocated_topology", &[], &project);
    for _ in 0..2 {
        topology.get(Member).await?;
    }
    topology.delete(Member).await
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
    let routers = json!({"resource": "router"});
    run.query("availability_zones", Reader, &[], routers)
        .await?;
    Ok(())
}
