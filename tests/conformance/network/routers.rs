//! Routers with interfaces, gateways and extra routes; floating IPs on the
//! harness's external network with port forwardings; conntrack helpers; NDP
//! proxies on an IPv6 router; local IPs.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::{delete_network, network_with_subnet};
use crate::{ALL_ROLES, Run, Step, Unversioned, text};

/// A member's router with a gateway on the external network.
async fn router(run: &Run, what: &str) -> Step<String> {
    run.create(
        "routers::create",
        Member,
        &[],
        json!({"router": {"name": run.name(what),
                          "external_gateway_info": {"network_id": run.external_network}}}),
        "router_id",
    )
    .await
}

/// A router's life: interfaces by subnet and by port, extra routes, gateway
/// changes, conntrack helpers, the admin's view of its L3 agents.
pub async fn routers(run: &Run) -> Step {
    let (net, subnet) = network_with_subnet(run, "router", "10.50.0.0/24").await?;
    let id = run
        .create(
            "routers::create",
            Member,
            &[],
            json!({"router": {"name": run.name("router"), "admin_state_up": true,
                              "description": "a router"}}),
            "router_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("routers::get", role, &[&id]).await?;
    }
    run.send(
        "routers::update",
        Member,
        &[&id],
        json!({"router": {"name": run.name("router-renamed"),
                          "external_gateway_info": {"network_id": run.external_network}}}),
    )
    .await?;
    // The admin may choose the gateway's address and SNAT.
    run.send(
        "routers::update",
        Admin,
        &[&id],
        json!({"router": {"external_gateway_info": {
            "network_id": run.external_network, "enable_snat": false,
            "external_fixed_ips": [{"subnet_id": run.external_subnet, "ip_address": "172.24.4.201"}]}}}),
    )
    .await?;
    run.send(
        "routers::add_router_interface",
        Member,
        &[&id],
        json!({"subnet_id": subnet}),
    )
    .await?;
    let port = run
        .create(
            "ports::create",
            Member,
            &[],
            json!({"port": {"network_id": net, "fixed_ips": [{"subnet_id": subnet, "ip_address": "10.50.0.5"}]}}),
            "port_id",
        )
        .await?;
    run.send(
        "routers::add_extraroutes",
        Member,
        &[&id],
        json!({"router": {"routes": [{"destination": "10.60.0.0/24", "nexthop": "10.50.0.5"}]}}),
    )
    .await?;
    run.send(
        "routers::remove_extraroutes",
        Member,
        &[&id],
        json!({"router": {"routes": [{"destination": "10.60.0.0/24", "nexthop": "10.50.0.5"}]}}),
    )
    .await?;
    run.query(
        "routers::list",
        Reader,
        &[],
        json!({"name": run.name("router-renamed")}),
    )
    .await?;
    run.get("routers::l3_agents", Admin, &[&id]).await?;

    // Conntrack helpers are the admin's by default.
    let helper = run
        .create(
            "routers::conntrack_helpers::create",
            Admin,
            &[&id],
            json!({"conntrack_helper": {"protocol": "udp", "port": 69, "helper": "tftp"}}),
            "conntrack_helper_id",
        )
        .await?;
    run.get("routers::conntrack_helpers::get", Admin, &[&id, &helper])
        .await?;
    run.send(
        "routers::conntrack_helpers::update",
        Admin,
        &[&id, &helper],
        json!({"conntrack_helper": {"port": 6969}}),
    )
    .await?;
    run.get("routers::conntrack_helpers::list", Admin, &[&id])
        .await?;
    run.get("routers::conntrack_helpers::delete", Admin, &[&id, &helper])
        .await?;

    run.send(
        "routers::remove_router_interface",
        Member,
        &[&id],
        json!({"subnet_id": subnet}),
    )
    .await?;
    run.send(
        "routers::add_router_interface",
        Member,
        &[&id],
        json!({"port_id": port}),
    )
    .await?;
    run.send(
        "routers::remove_router_interface",
        Member,
        &[&id],
        json!({"port_id": port}),
    )
    .await?;
    run.get("routers::delete", Member, &[&id]).await?;
    delete_network(run, &net).await
}

/// A floating IP for a port behind a router, moved and freed; another with port
/// forwardings; the floating IP pools.
pub async fn floating_ips(run: &Run) -> Step {
    let (net, subnet) = network_with_subnet(run, "fip", "10.51.0.0/24").await?;
    let router = router(run, "fip").await?;
    run.send(
        "routers::add_router_interface",
        Member,
        &[&router],
        json!({"subnet_id": subnet}),
    )
    .await?;
    let port = run
        .create(
            "ports::create",
            Member,
            &[],
            json!({"port": {"network_id": net, "name": run.name("fip")}}),
            "port_id",
        )
        .await?;
    let fip = run
        .create(
            "floatingips::create",
            Member,
            &[],
            json!({"floatingip": {"floating_network_id": run.external_network, "port_id": port,
                                  "description": "a floating IP"}}),
            "floatingip_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("floatingips::get", role, &[&fip]).await?;
    }
    run.send(
        "floatingips::update",
        Member,
        &[&fip],
        json!({"floatingip": {"port_id": null, "description": "free"}}),
    )
    .await?;
    run.query(
        "floatingips::list",
        Member,
        &[],
        json!({"floating_network_id": run.external_network}),
    )
    .await?;
    run.get("floatingip_pools", Member, &[]).await?;

    // Port forwardings on a floating IP without a port.
    let forwarded = run
        .create(
            "floatingips::create",
            Member,
            &[],
            json!({"floatingip": {"floating_network_id": run.external_network}}),
            "floatingip_id",
        )
        .await?;
    let internal_ip = text(
        &run.get("ports::get_port", Member, &[&port]).await?,
        "/port/fixed_ips/0/ip_address",
    )?;
    let pf = run
        .create(
            "floatingips::port_forwardings::create",
            Member,
            &[&forwarded],
            json!({"port_forwarding": {"protocol": "tcp", "internal_ip_address": internal_ip,
                                       "internal_port": 22, "internal_port_id": port,
                                       "external_port": 2222, "description": "ssh"}}),
            "port_forwarding_id",
        )
        .await?;
    run.get(
        "floatingips::port_forwardings::get",
        Member,
        &[&forwarded, &pf],
    )
    .await?;
    run.send(
        "floatingips::port_forwardings::update",
        Member,
        &[&forwarded, &pf],
        json!({"port_forwarding": {"external_port": 2022}}),
    )
    .await?;
    run.get("floatingips::port_forwardings::list", Reader, &[&forwarded])
        .await?;
    run.get("floatingips::get", Member, &[&forwarded]).await?;
    run.get(
        "floatingips::port_forwardings::delete",
        Member,
        &[&forwarded, &pf],
    )
    .await?;

    run.get("floatingips::delete", Member, &[&forwarded])
        .await?;
    run.get("floatingips::delete", Member, &[&fip]).await?;
    run.get("ports::delete", Member, &[&port]).await?;
    run.send(
        "routers::remove_router_interface",
        Member,
        &[&router],
        json!({"subnet_id": subnet}),
    )
    .await?;
    run.get("routers::delete", Member, &[&router]).await?;
    delete_network(run, &net).await
}

/// NDP proxies: an IPv6 address scope and pool shared by an external network and
/// a project subnet, a router with `enable_ndp_proxy` between them, and a proxy
/// for a port's address.
pub async fn ndp_proxies(run: &Run) -> Step {
    let scope = run
        .create(
            "address_scopes::create",
            Admin,
            &[],
            json!({"address_scope": {"name": run.name("ndp"), "ip_version": 6, "shared": true}}),
            "address_scope_id",
        )
        .await?;
    let pool = run
        .create(
            "subnetpools::create",
            Admin,
            &[],
            json!({"subnetpool": {"name": run.name("ndp"), "prefixes": ["2001:db8:100::/56"],
                                  "default_prefixlen": 64, "address_scope_id": scope,
                                  "shared": true}}),
            "subnetpool_id",
        )
        .await?;
    let external = run
        .create(
            "networks::create",
            Admin,
            &[],
            json!({"network": {"name": run.name("ndp-ext"), "router:external": true,
                               "provider:network_type": "flat",
                               "provider:physical_network": run.name("ndp")}}),
            "network_id",
        )
        .await?;
    run.create(
        "subnets::create",
        Admin,
        &[],
        json!({"subnet": {"network_id": external, "ip_version": 6, "subnetpool_id": pool}}),
        "subnet_id",
    )
    .await?;
    let net = run
        .create(
            "networks::create",
            Member,
            &[],
            json!({"network": {"name": run.name("ndp")}}),
            "network_id",
        )
        .await?;
    let subnet = run
        .create(
            "subnets::create",
            Member,
            &[],
            json!({"subnet": {"network_id": net, "ip_version": 6, "subnetpool_id": pool,
                              "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac"}}),
            "subnet_id",
        )
        .await?;
    let router = run
        .create(
            "routers::create",
            Member,
            &[],
            json!({"router": {"name": run.name("ndp"), "enable_ndp_proxy": true,
                              "external_gateway_info": {"network_id": external}}}),
            "router_id",
        )
        .await?;
    run.send(
        "routers::add_router_interface",
        Member,
        &[&router],
        json!({"subnet_id": subnet}),
    )
    .await?;
    let port = run
        .create(
            "ports::create",
            Member,
            &[],
            json!({"port": {"network_id": net, "name": run.name("ndp")}}),
            "port_id",
        )
        .await?;
    let proxy = run
        .create(
            "ndp_proxies::create",
            Member,
            &[],
            json!({"ndp_proxy": {"name": run.name("ndp"), "router_id": router, "port_id": port,
                                 "description": "a proxy"}}),
            "ndp_proxy_id",
        )
        .await?;
    run.get("ndp_proxies::get", Reader, &[&proxy]).await?;
    run.send(
        "ndp_proxies::update",
        Member,
        &[&proxy],
        json!({"ndp_proxy": {"name": run.name("ndp-renamed"), "description": "renamed"}}),
    )
    .await?;
    run.query(
        "ndp_proxies::list",
        Member,
        &[],
        json!({"name": run.name("ndp-renamed")}),
    )
    .await?;
    run.get("ndp_proxies::delete", Member, &[&proxy]).await?;
    run.get("ports::delete", Member, &[&port]).await?;
    run.send(
        "routers::remove_router_interface",
        Member,
        &[&router],
        json!({"subnet_id": subnet}),
    )
    .await?;
    run.get("routers::delete", Member, &[&router]).await?;
    delete_network(run, &net).await?;
    run.get("networks::delete", Admin, &[&external]).await?;
    run.get("subnetpools::delete", Admin, &[&pool]).await?;
    run.get("address_scopes::delete", Admin, &[&scope]).await?;
    Ok(())
}

/// Local IPs: one on a project network, associated with a port.
pub async fn local_ips(run: &Run) -> Step {
    let (net, _) = network_with_subnet(run, "local-ip", "10.52.0.0/24").await?;
    let port = run
        .create(
            "ports::create",
            Member,
            &[],
            json!({"port": {"network_id": net, "name": run.name("local-ip")}}),
            "port_id",
        )
        .await?;
    let id = run
        .create(
            "local_ips::create",
            Member,
            &[],
            json!({"local_ip": {"name": run.name("local-ip"), "network_id": net,
                                "description": "a local IP"}}),
            "local_ip_id",
        )
        .await?;
    run.get("local_ips::get", Reader, &[&id]).await?;
    run.send(
        "local_ips::update",
        Member,
        &[&id],
        json!({"local_ip": {"name": run.name("local-ip-renamed")}}),
    )
    .await?;
    run.get("local_ips::list", Member, &[]).await?;
    run.send(
        "local_ips::port_associations::create",
        Member,
        &[&id],
        json!({"port_association": {"fixed_port_id": port}}),
    )
    .await?;
    run.remember("fixed_port_id", &port);
    run.get("local_ips::port_associations::list", Reader, &[&id])
        .await?;
    run.get(
        "local_ips::port_associations::delete",
        Member,
        &[&id, &port],
    )
    .await?;
    run.get("local_ips::delete", Member, &[&id]).await?;
    run.get("ports::delete", Member, &[&port]).await?;
    delete_network(run, &net).await
}
