//! Networks, subnets (IPv4 and IPv6) and ports: the core resources, created by a
//! member, read by every role, changed, listed with filters, made in bulk, and
//! deleted; and the scaffolding (a network with a subnet, a port, a security
//! group, a router) other lifecycles use.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{Resource, Run, Step, Unversioned, all, text};

/// A member's network named `what`.
pub async fn network(run: &Run, what: &str) -> Step<String> {
    let body = json!({"network": {"name": run.name(what)}});
    run.create("networks::create", Member, &[], body, "network_id")
        .await
}

/// A member's network with one IPv4 subnet of `cidr`: (network id, subnet id).
pub async fn network_with_subnet(run: &Run, what: &str, cidr: &str) -> Step<(String, String)> {
    let net = network(run, what).await?;
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

/// A member's port on `net` named `what`.
pub async fn port(run: &Run, net: &str, what: &str) -> Step<String> {
    let body = json!({"port": {"network_id": net, "name": run.name(what)}});
    run.create("ports::create", Member, &[], body, "port_id")
        .await
}

/// A member's security group named `what`.
pub async fn security_group(run: &Run, what: &str) -> Step<String> {
    let body = json!({"security_group": {"name": run.name(what)}});
    run.create(
        "security_groups::create",
        Member,
        &[],
        body,
        "security_group_id",
    )
    .await
}

/// A member's router named `what` with a gateway on the external network.
pub async fn router<'r>(run: &'r Run, what: &str) -> Step<Resource<'r>> {
    let gateway = json!({"network_id": run.external_network});
    let body = json!({"router": {"name": run.name(what), "external_gateway_info": gateway}});
    run.make("routers", Member, &[], body, "router_id").await
}

/// Networks: member and admin views, filters, bulk create, provider attributes,
/// IP availability.
pub async fn networks(run: &Run) -> Step {
    let net = run
        .make(
            "networks",
            Member,
            &[],
            json!({"network": {"name": run.name("net"), "admin_state_up": true,
                               "description": "made by the conformance suite",
                               "port_security_enabled": true, "mtu": 1400}}),
            "network_id",
        )
        .await?;
    net.read_by_all().await?;
    let renamed = run.name("net-renamed");
    net.update(
        Member,
        json!({"network": {"name": renamed, "description": "renamed"}}),
    )
    .await?;
    let listed = net.filter(Reader, json!({"name": renamed})).await?;
    let id = &net.id;
    let ids = all(&listed, "/networks", "id");
    run.check(
        "networks filtered by name",
        ids == [id.clone()],
        format!("?name= listed {ids:?}, expected [{id}]"),
    )?;
    net.filter(Admin, json!({"router:external": true})).await?;
    net.filter(Member, json!({"shared": true})).await?;

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
        .make(
            "networks",
            Admin,
            &[],
            json!({"network": {"name": run.name("vlan"), "provider:network_type": "vlan",
                               "provider:physical_network": "physnet1",
                               "provider:segmentation_id": 150}}),
            "network_id",
        )
        .await?;
    vlan.get(Admin).await?;
    vlan.delete(Admin).await?;

    // IP availability of a network with a subnet.
    let subnet = json!({"subnet": {"network_id": id, "ip_version": 4, "cidr": "10.10.0.0/24"}});
    run.create("subnets::create", Member, &[], subnet, "subnet_id")
        .await?;
    let availability = run.on("network_ip_availabilities", &[], id);
    availability.get(Admin).await?;
    availability.filter(Admin, json!({"ip_version": 4})).await?;
    delete_network(run, id).await
}

/// Subnets: IPv4 with pools, routes and DNS servers, IPv6 SLAAC, one from the
/// default subnet pool, bulk create.
pub async fn subnets(run: &Run) -> Step {
    let net = network(run, "subnets").await?;
    let v4 = run
        .make(
            "subnets",
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
        .make(
            "subnets",
            Member,
            &[],
            json!({"subnet": {"network_id": net, "ip_version": 6, "cidr": "fd00:20::/64",
                              "name": run.name("v6"), "ipv6_ra_mode": "slaac",
                              "ipv6_address_mode": "slaac"}}),
            "subnet_id",
        )
        .await?;
    v4.read_by_all().await?;
    v6.get(Member).await?;
    v4.update(
        Member,
        json!({"subnet": {"name": run.name("v4-renamed"), "enable_dhcp": true,
                          "dns_nameservers": []}}),
    )
    .await?;
    v4.filter(Member, json!({"network_id": net})).await?;
    v4.filter(Reader, json!({"ip_version": 6})).await?;

    // A subnet from the default pool, by prefix length only (on a network of its
    // own: Neutron keeps a network's subnets in one pool).
    let pooled_net = network(run, "pooled").await?;
    let pooled = json!({"subnet": {"network_id": pooled_net, "ip_version": 4,
                                   "subnetpool_id": run.subnetpool, "prefixlen": 28}});
    let pooled = run
        .make("subnets", Member, &[], pooled, "subnet_id")
        .await?;
    pooled.delete(Member).await?;
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
    v6.delete(Member).await?;
    v4.delete(Member).await?;
    delete_network(run, &net).await
}

/// Ports: fixed IPs, allowed address pairs, security groups, the admin's binding
/// view, bulk create, MAC address and filters.
pub async fn ports(run: &Run) -> Step {
    let (net, subnet) = network_with_subnet(run, "ports", "10.40.0.0/24").await?;
    let sg = security_group(run, "ports").await?;
    let port = run
        .make(
            "ports",
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
    run.read_by_all("ports::get", &[&port.id]).await?;
    let updated = port
        .update(
            Member,
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
    port.update(
        Admin,
        json!({"port": {"binding:host_id": "conformance-host", "port_security_enabled": false}}),
    )
    .await?;
    for (role, filter) in [
        (Member, json!({"network_id": net})),
        (Admin, json!({"fixed_ips": ["ip_address=10.40.0.11"]})),
        (Reader, json!({"device_owner": "network:dhcp"})),
    ] {
        port.filter(role, filter).await?;
    }
    let bulk = run
        .send(
            "ports::create_ports",
            Member,
            &[],
            json!({"ports": [{"network_id": net, "name": run.name("bulk-1")},
                             {"network_id": net, "name": run.name("bulk-2")}]}),
        )
        .await?;
    for bulk_id in all(&bulk, "/ports", "id") {
        run.get("ports::delete", Member, &[&bulk_id]).await?;
    }
    port.delete(Member).await?;
    run.get("security_groups::delete", Member, &[&sg]).await?;
    delete_network(run, &net).await
}
