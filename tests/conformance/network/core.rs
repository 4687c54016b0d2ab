//! Networks, subnets (IPv4 and IPv6) and ports: the core resources, created by a
//! member, read by every role, changed, listed with filters, made in bulk, and
//! deleted; and the scaffolding (a network with a subnet) other lifecycles use.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{ALL_ROLES, Run, Step, Unversioned, all, text};

/// A member's network with one IPv4 subnet of `cidr`: (network id, subnet id).
pub async fn network_with_subnet(run: &Run, what: &str, cidr: &str) -> Step<(String, String)> {
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name(what)}}),
            "network_id",
        )
        .await?;
    let subnet = run
        .create(
            "subnets::create",
            Member,
            &[],
            json!({"subnet": {"network_id": net, "ip_version": 4, "cidr": cidr,
                              "name": run.name(what)}}),
            "subnet_id",
        )
        .await?;
    Ok((net, subnet))
}

/// Deletes a network (and with it its subnets and unused ports).
pub async fn delete_network(run: &Run, id: &str) -> Step {
    run.get("networks::delete", Member, &[id]).await?;
    Ok(())
}

/// Networks: member and admin views, filters, bulk create, provider attributes,
/// IP availability.
pub async fn networks(run: &Run) -> Step {
    let id = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("net"), "admin_state_up": true,
                               "description": "made by the conformance suite",
                               "port_security_enabled": true, "mtu": 1400}}),
            "network_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("networks::get", role, &[&id]).await?;
    }
    run.send(
        "networks::update",
        Member,
        &[&id],
        json!({"network": {"name": run.name("net-renamed"), "description": "renamed"}}),
    )
    .await?;
    let listed = run
        .query(
            "networks::list",
            Reader,
            &[],
            json!({"name": run.name("net-renamed")}),
        )
        .await?;
    let ids = all(&listed, "/networks", "id");
    run.check(
        "networks filtered by name",
        ids == [id.clone()],
        format!("?name= listed {ids:?}, expected [{id}]"),
    )?;
    run.query(
        "networks::list",
        Admin,
        &[],
        json!({"router:external": true}),
    )
    .await?;
    run.query("networks::list", Member, &[], json!({"shared": true}))
        .await?;

    // Bulk: two networks in one call.
    let bulk = run
        .send(
            "networks::create_networks",
            Member,
            &[],
            json!({"networks": [{"name": run.name("bulk-1")}, {"name": run.name("bulk-2")}]}),
        )
        .await?;
    for bulk_id in all(&bulk, "/networks", "id") {
        delete_network(run, &bulk_id).await?;
    }

    // Provider attributes are the admin's: a VLAN network on physnet1.
    let vlan = run
        .create(
            "networks::create",
            Admin,
            &[],
            json!({"network": {"name": run.name("vlan"), "provider:network_type": "vlan",
                               "provider:physical_network": "physnet1",
                               "provider:segmentation_id": 150}}),
            "network_id",
        )
        .await?;
    run.get("networks::get", Admin, &[&vlan]).await?;
    run.get("networks::delete", Admin, &[&vlan]).await?;

    // IP availability of a network with a subnet.
    run.create(
        "subnets::create",
        Member,
        &[],
        json!({"subnet": {"network_id": id, "ip_version": 4, "cidr": "10.10.0.0/24"}}),
        "subnet_id",
    )
    .await?;
    run.get("network_ip_availabilities::get", Admin, &[&id])
        .await?;
    run.query(
        "network_ip_availabilities::list",
        Admin,
        &[],
        json!({"ip_version": 4}),
    )
    .await?;
    delete_network(run, &id).await
}

/// Subnets: IPv4 with pools, routes and DNS servers, IPv6 SLAAC, one from the
/// default subnet pool, bulk create.
pub async fn subnets(run: &Run) -> Step {
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("subnets")}}),
            "network_id",
        )
        .await?;
    let v4 = run
        .create(
            "subnets::create",
            Member,
            &[],
            json!({"subnet": {"network_id": net, "ip_version": 4, "cidr": "10.20.0.0/24",
                              "name": run.name("v4"), "gateway_ip": "10.20.0.1",
                              "allocation_pools": [{"start": "10.20.0.10", "end": "10.20.0.100"}],
                              "dns_nameservers": ["10.20.0.2"],
                              "host_routes": [{"destination": "10.30.0.0/24", "nexthop": "10.20.0.3"}],
                              "enable_dhcp": false, "description": "v4"}}),
            "subnet_id",
        )
        .await?;
    let v6 = run
        .create(
            "subnets::create",
            Member,
            &[],
            json!({"subnet": {"network_id": net, "ip_version": 6, "cidr": "fd00:20::/64",
                              "name": run.name("v6"), "ipv6_ra_mode": "slaac",
                              "ipv6_address_mode": "slaac"}}),
            "subnet_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("subnets::get", role, &[&v4]).await?;
    }
    run.get("subnets::get", Member, &[&v6]).await?;
    run.send(
        "subnets::update",
        Member,
        &[&v4],
        json!({"subnet": {"name": run.name("v4-renamed"), "enable_dhcp": true,
                          "dns_nameservers": []}}),
    )
    .await?;
    run.query("subnets::list", Member, &[], json!({"network_id": net}))
        .await?;
    run.query("subnets::list", Reader, &[], json!({"ip_version": 6}))
        .await?;

    // A subnet from the default pool, by prefix length only (on a network of its
    // own: Neutron keeps a network's subnets in one pool).
    let pooled_net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("pooled")}}),
            "network_id",
        )
        .await?;
    let pooled = run
        .create(
            "subnets::create",
            Member,
            &[],
            json!({"subnet": {"network_id": pooled_net, "ip_version": 4,
                              "subnetpool_id": run.subnetpool, "prefixlen": 28}}),
            "subnet_id",
        )
        .await?;
    run.get("subnets::delete", Member, &[&pooled]).await?;
    delete_network(run, &pooled_net).await?;

    let bulk = run
        .send(
            "subnets::create_subnets",
            Member,
            &[],
            json!({"subnets": [
                {"network_id": net, "ip_version": 4, "cidr": "10.21.0.0/24"},
                {"network_id": net, "ip_version": 4, "cidr": "10.22.0.0/24"}]}),
        )
        .await?;
    for id in all(&bulk, "/subnets", "id") {
        run.get("subnets::delete", Member, &[&id]).await?;
    }
    run.get("subnets::delete", Member, &[&v6]).await?;
    run.get("subnets::delete", Member, &[&v4]).await?;
    delete_network(run, &net).await
}

/// Ports: fixed IPs, allowed address pairs, security groups, the admin's binding
/// view, bulk create, MAC address and filters.
pub async fn ports(run: &Run) -> Step {
    let (net, subnet) = network_with_subnet(run, "ports", "10.40.0.0/24").await?;
    let sg = run
        .create(
            "security_groups::create",
            Member,
            &[],
            json!({"security_group": {"name": run.name("ports")}}),
            "security_group_id",
        )
        .await?;
    let id = run
        .create(
            "ports::create",
            Member,
            &[],
            json!({"port": {"network_id": net, "name": run.name("port"),
                            "fixed_ips": [{"subnet_id": subnet, "ip_address": "10.40.0.10"}],
                            "allowed_address_pairs": [{"ip_address": "10.40.0.200"},
                                                      {"ip_address": "10.40.0.0/28",
                                                       "mac_address": "fa:16:3e:00:00:01"}],
                            "security_groups": [sg], "description": "a port",
                            "dns_domain": "example.org.",
                            "extra_dhcp_opts": [{"opt_name": "domain-search", "opt_value": "example.org"}]}}),
            "port_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("ports::get_port", role, &[&id]).await?;
    }
    let updated = run
        .send(
            "ports::update",
            Member,
            &[&id],
            json!({"port": {"name": run.name("port-renamed"),
                            "fixed_ips": [{"subnet_id": subnet, "ip_address": "10.40.0.11"}],
                            "allowed_address_pairs": [], "security_groups": []}}),
        )
        .await?;
    let ip = text(&updated, "/port/fixed_ips/0/ip_address")?;
    run.check(
        "port fixed IP changed",
        ip == "10.40.0.11",
        format!("fixed IP after update: {ip}"),
    )?;
    run.send(
        "ports::update",
        Admin,
        &[&id],
        json!({"port": {"binding:host_id": "conformance-host", "port_security_enabled": false}}),
    )
    .await?;
    run.query("ports::list", Member, &[], json!({"network_id": net}))
        .await?;
    run.query(
        "ports::list",
        Admin,
        &[],
        json!({"fixed_ips": ["ip_address=10.40.0.11"]}),
    )
    .await?;
    run.query(
        "ports::list",
        Reader,
        &[],
        json!({"device_owner": "network:dhcp"}),
    )
    .await?;
    let bulk = run
        .send(
            "ports::create_ports",
            Member,
            &[],
            json!({"ports": [{"network_id": net, "name": run.name("bulk-1")},
                             {"network_id": net, "name": run.name("bulk-2")}]}),
        )
        .await?;
    for port in all(&bulk, "/ports", "id") {
        run.get("ports::delete", Member, &[&port]).await?;
    }
    run.get("ports::delete", Member, &[&id]).await?;
    run.get("security_groups::delete", Member, &[&sg]).await?;
    delete_network(run, &net).await
}
