//! Security groups and their rules (and the rules every new group starts with),
//! address scopes, subnet pools and their prefixes, address groups, and RBAC
//! policies sharing a network with another project.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::delete_network;
use crate::{ALL_ROLES, Run, Step, Unversioned, all};

/// A security group with rules made one by one and in bulk, one of them from a
/// remote address group.
pub async fn security_groups(run: &Run) -> Step {
    let id = run
        .create(
            "security_groups::create",
            Member,
            &[],
            json!({"security_group": {"name": run.name("sg"), "description": "a group",
                                      "stateful": true}}),
            "security_group_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("security_groups::get", role, &[&id]).await?;
    }
    run.send(
        "security_groups::update",
        Member,
        &[&id],
        json!({"security_group": {"name": run.name("sg-renamed"), "description": "renamed"}}),
    )
    .await?;
    run.query(
        "security_groups::list",
        Member,
        &[],
        json!({"name": run.name("sg-renamed")}),
    )
    .await?;
    let rule = run
        .create(
            "security_group_rules::create",
            Member,
            &[],
            json!({"security_group_rule": {"security_group_id": id, "direction": "ingress",
                                           "ethertype": "IPv4", "protocol": "tcp",
                                           "port_range_min": 22, "port_range_max": 22,
                                           "remote_ip_prefix": "10.0.0.0/8",
                                           "description": "ssh"}}),
            "security_group_rule_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("security_group_rules::get", role, &[&rule]).await?;
    }
    let bulk = run
        .send(
            "security_group_rules::create_security_group_rules",
            Member,
            &[],
            json!({"security_group_rules": [
                {"security_group_id": id, "direction": "ingress", "ethertype": "IPv6",
                 "protocol": "icmpv6"},
                {"security_group_id": id, "direction": "egress", "ethertype": "IPv4",
                 "protocol": "udp", "port_range_min": 53, "port_range_max": 53,
                 "remote_group_id": id}]}),
        )
        .await?;
    run.query(
        "security_group_rules::list",
        Member,
        &[],
        json!({"security_group_id": id}),
    )
    .await?;
    for r in all(&bulk, "/security_group_rules", "id") {
        run.get("security_group_rules::delete", Member, &[&r])
            .await?;
    }
    run.get("security_group_rules::delete", Member, &[&rule])
        .await?;
    run.get("security_groups::delete", Member, &[&id]).await?;
    Ok(())
}

/// The rules Neutron puts in new groups (the admin's), and the default
/// statefulness of new groups.
pub async fn default_rules(run: &Run) -> Step {
    let id = run
        .create(
            "default_security_group_rules::create",
            Admin,
            &[],
            json!({"default_security_group_rule": {
                "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
                "port_range_min": 8080, "port_range_max": 8080,
                "remote_ip_prefix": "192.0.2.0/24", "description": "conformance",
                "used_in_default_sg": false, "used_in_non_default_sg": true}}),
            "default_security_group_rule_id",
        )
        .await?;
    run.get("default_security_group_rules::get", Reader, &[&id])
        .await?;
    run.get("default_security_group_rules::list", Member, &[])
        .await?;
    run.get("default_security_group_rules::delete", Admin, &[&id])
        .await?;

    // Creating a default statefulness fails in Neutron 29 (see not_servable.rs);
    // listing them works.
    run.get("security_groups_default_statefulness::list", Admin, &[])
        .await?;
    Ok(())
}

/// An address scope with a subnet pool in it: prefixes added and removed, a
/// network's subnets onboarded.
pub async fn address_scopes_and_pools(run: &Run) -> Step {
    let scope = run
        .create(
            "address_scopes::create",
            Member,
            &[],
            json!({"address_scope": {"name": run.name("scope"), "ip_version": 4}}),
            "address_scope_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("address_scopes::get", role, &[&scope]).await?;
    }
    run.send(
        "address_scopes::update",
        Member,
        &[&scope],
        json!({"address_scope": {"name": run.name("scope-renamed")}}),
    )
    .await?;
    run.query(
        "address_scopes::list",
        Member,
        &[],
        json!({"ip_version": 4}),
    )
    .await?;

    let pool = run
        .create(
            "subnetpools::create",
            Member,
            &[],
            json!({"subnetpool": {"name": run.name("pool"), "prefixes": ["10.70.0.0/16"],
                                  "default_prefixlen": 24, "min_prefixlen": 20,
                                  "max_prefixlen": 28, "address_scope_id": scope,
                                  "description": "a pool"}}),
            "subnetpool_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("subnetpools::get", role, &[&pool]).await?;
    }
    run.send(
        "subnetpools::update",
        Member,
        &[&pool],
        json!({"subnetpool": {"name": run.name("pool-renamed"), "default_prefixlen": 26}}),
    )
    .await?;
    run.send(
        "subnetpools::add_prefixes",
        Member,
        &[&pool],
        json!({"prefixes": ["10.71.0.0/16"]}),
    )
    .await?;
    run.send(
        "subnetpools::remove_prefixes",
        Member,
        &[&pool],
        json!({"prefixes": ["10.71.0.0/16"]}),
    )
    .await?;
    run.query(
        "subnetpools::list",
        Reader,
        &[],
        json!({"address_scope_id": scope}),
    )
    .await?;

    // A network's subnets made outside any pool, then onboarded into it.
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("onboard")}}),
            "network_id",
        )
        .await?;
    run.create(
        "subnets::create",
        Member,
        &[],
        json!({"subnet": {"network_id": net, "ip_version": 4, "cidr": "10.70.5.0/24"}}),
        "subnet_id",
    )
    .await?;
    run.send(
        "subnetpools::onboard_network_subnets",
        Member,
        &[&pool],
        json!({"network_id": net}),
    )
    .await?;
    delete_network(run, &net).await?;
    run.get("subnetpools::delete", Member, &[&pool]).await?;
    run.get("address_scopes::delete", Member, &[&scope]).await?;
    Ok(())
}

/// An address group's addresses changed, and a rule that names it.
pub async fn address_groups(run: &Run) -> Step {
    let id = run
        .create(
            "address_groups::create",
            Member,
            &[],
            json!({"address_group": {"name": run.name("ag"), "description": "a group",
                                     "addresses": ["10.80.0.1/32"]}}),
            "address_group_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("address_groups::get", role, &[&id]).await?;
    }
    run.send(
        "address_groups::update",
        Member,
        &[&id],
        json!({"address_group": {"name": run.name("ag-renamed")}}),
    )
    .await?;
    run.send(
        "address_groups::add_addresses",
        Member,
        &[&id],
        json!({"addresses": ["10.80.0.2/32", "2001:db8::/64"]}),
    )
    .await?;
    run.send(
        "address_groups::remove_addresses",
        Member,
        &[&id],
        json!({"addresses": ["10.80.0.1/32"]}),
    )
    .await?;
    run.get("address_groups::list", Member, &[]).await?;
    let sg = run
        .create(
            "security_groups::create",
            Member,
            &[],
            json!({"security_group": {"name": run.name("ag")}}),
            "security_group_id",
        )
        .await?;
    let rule = run
        .create(
            "security_group_rules::create",
            Member,
            &[],
            json!({"security_group_rule": {"security_group_id": sg, "direction": "ingress",
                                           "ethertype": "IPv4", "remote_address_group_id": id}}),
            "security_group_rule_id",
        )
        .await?;
    run.get("security_group_rules::delete", Member, &[&rule])
        .await?;
    run.get("security_groups::delete", Member, &[&sg]).await?;
    run.get("address_groups::delete", Member, &[&id]).await?;
    Ok(())
}

/// A network shared with the other project, then with every project.
pub async fn rbac_policies(run: &Run) -> Step {
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("rbac")}}),
            "network_id",
        )
        .await?;
    let id = run
        .create(
            "rbac_policies::create",
            Member,
            &[],
            json!({"rbac_policy": {"object_type": "network", "object_id": net,
                                   "action": "access_as_shared",
                                   "target_tenant": run.other_project}}),
            "rbac_policy_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("rbac_policies::get", role, &[&id]).await?;
    }
    run.send(
        "rbac_policies::update",
        Admin,
        &[&id],
        json!({"rbac_policy": {"target_tenant": "*"}}),
    )
    .await?;
    run.query(
        "rbac_policies::list",
        Reader,
        &[],
        json!({"object_id": net}),
    )
    .await?;
    run.get("rbac_policies::delete", Member, &[&id]).await?;
    delete_network(run, &net).await
}
