//! Security groups and their rules (and the rules every new group starts with),
//! address scopes, subnet pools and their prefixes, address groups, and RBAC
//! policies sharing a network with another project.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::{delete_network, network, security_group};
use crate::{Run, Step, Unversioned, all};

/// A security group with rules made one by one and in bulk, one of them from a
/// remote address group.
pub async fn security_groups(run: &Run) -> Step {
    let sg = run
        .make(
            "security_groups",
            Member,
            &[],
            json!({"security_group": {"name": run.name("sg"), "description": "a group",
                                      "stateful": true}}),
            "security_group_id",
        )
        .await?;
    sg.read_by_all().await?;
    let renamed = run.name("sg-renamed");
    let change = json!({"security_group": {"name": renamed, "description": "renamed"}});
    sg.update(Member, change).await?;
    sg.filter(Member, json!({"name": renamed})).await?;
    let id = &sg.id;
    let rule = run
        .make(
            "security_group_rules",
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
    rule.read_by_all().await?;
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
    rule.filter(Member, json!({"security_group_id": id}))
        .await?;
    for r in all(&bulk, "/security_group_rules", "id") {
        run.get("security_group_rules::delete", Member, &[&r])
            .await?;
    }
    rule.delete(Member).await?;
    sg.delete(Member).await
}

/// The rules Neutron puts in new groups (the admin's), and the default
/// statefulness of new groups.
pub async fn default_rules(run: &Run) -> Step {
    let rule = run
        .make(
            "default_security_group_rules",
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
    rule.get(Reader).await?;
    rule.list(Member).await?;
    rule.delete(Admin).await?;

    // Creating a default statefulness fails in Neutron 29 (see not_servable.rs);
    // listing them works.
    run.get("security_groups_default_statefulness::list", Admin, &[])
        .await?;
    Ok(())
}

/// An address scope with a subnet pool in it: prefixes added and removed, a
/// network's subnets onboarded.
pub async fn address_scopes_and_pools(run: &Run) -> Step {
    let scope = json!({"address_scope": {"name": run.name("scope"), "ip_version": 4}});
    let scope = run
        .make("address_scopes", Member, &[], scope, "address_scope_id")
        .await?;
    scope.read_by_all().await?;
    let renamed = json!({"address_scope": {"name": run.name("scope-renamed")}});
    scope.update(Member, renamed).await?;
    scope.filter(Member, json!({"ip_version": 4})).await?;

    let pool = run
        .make(
            "subnetpools",
            Member,
            &[],
            json!({"subnetpool": {"name": run.name("pool"), "prefixes": ["10.70.0.0/16"],
                                  "default_prefixlen": 24, "min_prefixlen": 20,
                                  "max_prefixlen": 28, "address_scope_id": scope.id,
                                  "description": "a pool"}}),
            "subnetpool_id",
        )
        .await?;
    pool.read_by_all().await?;
    let renamed =
        json!({"subnetpool": {"name": run.name("pool-renamed"), "default_prefixlen": 26}});
    pool.update(Member, renamed).await?;
    for verb in ["add_prefixes", "remove_prefixes"] {
        let prefixes = json!({"prefixes": ["10.71.0.0/16"]});
        pool.send(verb, Member, prefixes).await?;
    }
    pool.filter(Reader, json!({"address_scope_id": scope.id}))
        .await?;

    // A network's subnets made outside any pool, then onboarded into it.
    let net = network(run, "onboard").await?;
    let subnet = json!({"subnet": {"network_id": net, "ip_version": 4, "cidr": "10.70.5.0/24"}});
    run.create("subnets::create", Member, &[], subnet, "subnet_id")
        .await?;
    pool.send(
        "onboard_network_subnets",
        Member,
        json!({"network_id": net}),
    )
    .await?;
    delete_network(run, &net).await?;
    pool.delete(Member).await?;
    scope.delete(Member).await
}

/// An address group's addresses changed, and a rule that names it.
pub async fn address_groups(run: &Run) -> Step {
    let group = run
        .make(
            "address_groups",
            Member,
            &[],
            json!({"address_group": {"name": run.name("ag"), "description": "a group",
                                     "addresses": ["10.80.0.1/32"]}}),
            "address_group_id",
        )
        .await?;
    group.read_by_all().await?;
    let renamed = json!({"address_group": {"name": run.name("ag-renamed")}});
    group.update(Member, renamed).await?;
    for (verb, addresses) in [
        ("add_addresses", json!(["10.80.0.2/32", "2001:db8::/64"])),
        ("remove_addresses", json!(["10.80.0.1/32"])),
    ] {
        group
            .send(verb, Member, json!({"addresses": addresses}))
            .await?;
    }
    group.list(Member).await?;
    let sg = security_group(run, "ag").await?;
    let rule = json!({"security_group_id": sg, "direction": "ingress", "ethertype": "IPv4",
                      "remote_address_group_id": group.id});
    let rule = run
        .make(
            "security_group_rules",
            Member,
            &[],
            json!({"security_group_rule": rule}),
            "security_group_rule_id",
        )
        .await?;
    rule.delete(Member).await?;
    run.get("security_groups::delete", Member, &[&sg]).await?;
    group.delete(Member).await
}

/// A network shared with the other project, then with every project.
pub async fn rbac_policies(run: &Run) -> Step {
    let net = network(run, "rbac").await?;
    let policy = run
        .make(
            "rbac_policies",
            Member,
            &[],
            json!({"rbac_policy": {"object_type": "network", "object_id": net,
                                   "action": "access_as_shared",
                                   "target_tenant": run.other_project}}),
            "rbac_policy_id",
        )
        .await?;
    policy.read_by_all().await?;
    let everyone = json!({"rbac_policy": {"target_tenant": "*"}});
    policy.update(Admin, everyone).await?;
    policy.filter(Reader, json!({"object_id": net})).await?;
    policy.delete(Member).await?;
    delete_network(run, &net).await
}
