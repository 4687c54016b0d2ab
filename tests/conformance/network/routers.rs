//! Routers with interfaces, gateways and extra routes; floating IPs on the
//! harness's external network with port forwardings; conntrack helpers; NDP
//! proxies on an IPv6 router; local IPs.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::{delete_network, network, network_with_subnet, port, router};
use crate::{Resource, Run, Step, Unversioned, text};

/// Adds (`verb` "add") or removes ("remove") `router`'s interface named by
/// `on` (`{"subnet_id": ...}` or `{"port_id": ...}`), as the member.
async fn interface(router: &Resource<'_>, verb: &str, on: serde_json::Value) -> Step {
    let op = format!("{verb}_router_interface");
    router.send(&op, Member, on).await?;
    Ok(())
}

/// Takes `router` off `subnet`, then deletes it and the network `net`.
async fn take_down(run: &Run, router: &Resource<'_>, subnet: &str, net: &str) -> Step {
    interface(router, "remove", json!({"subnet_id": subnet})).await?;
    router.delete(Member).await?;
    delete_network(run, net).await
}

/// A router's life: interfaces by subnet and by port, extra routes, gateway
/// changes, conntrack helpers, the admin's view of its L3 agents.
pub async fn routers(run: &Run) -> Step {
    let (net, subnet) = network_with_subnet(run, "router", "10.50.0.0/24").await?;
    let router = run
        .make(
            "routers",
            Member,
            &[],
            json!({"router": {"name": run.name("router"), "admin_state_up": true,
                              "description": "a router"}}),
            "router_id",
        )
        .await?;
    router.read_by_all().await?;
    let gateway = json!({"network_id": run.external_network});
    router
        .update(
            Member,
            json!({"router": {"name": run.name("router-renamed"), "external_gateway_info": gateway}}),
        )
        .await?;
    // The admin may choose the gateway's address and SNAT.
    router
        .update(
            Admin,
            json!({"router": {"external_gateway_info": {
                "network_id": run.external_network, "enable_snat": false,
                "external_fixed_ips": [{"subnet_id": run.external_subnet, "ip_address": "172.24.4.201"}]}}}),
        )
        .await?;
    interface(&router, "add", json!({"subnet_id": subnet})).await?;
    let port = run
        .create(
            "ports::create",
            Member,
            &[],
            json!({"port": {"network_id": net, "fixed_ips": [{"subnet_id": subnet, "ip_address": "10.50.0.5"}]}}),
            "port_id",
        )
        .await?;
    let routes =
        json!({"router": {"routes": [{"destination": "10.60.0.0/24", "nexthop": "10.50.0.5"}]}});
    for verb in ["add_extraroutes", "remove_extraroutes"] {
        router.send(verb, Member, routes.clone()).await?;
    }
    let by_name = json!({"name": run.name("router-renamed")});
    router.filter(Reader, by_name).await?;
    router.call("l3_agents", Admin).await?;

    // Conntrack helpers are the admin's by default.
    let helper = run
        .make(
            "routers::conntrack_helpers",
            Admin,
            &[&router.id],
            json!({"conntrack_helper": {"protocol": "udp", "port": 69, "helper": "tftp"}}),
            "conntrack_helper_id",
        )
        .await?;
    helper.get(Admin).await?;
    let other_port = json!({"conntrack_helper": {"port": 6969}});
    helper.update(Admin, other_port).await?;
    helper.list(Admin).await?;
    helper.delete(Admin).await?;

    interface(&router, "remove", json!({"subnet_id": subnet})).await?;
    for verb in ["add", "remove"] {
        interface(&router, verb, json!({"port_id": port})).await?;
    }
    router.delete(Member).await?;
    delete_network(run, &net).await
}

/// A floating IP for a port behind a router, moved and freed; another with port
/// forwardings; the floating IP pools.
pub async fn floating_ips(run: &Run) -> Step {
    let (net, subnet) = network_with_subnet(run, "fip", "10.51.0.0/24").await?;
    let router = router(run, "fip").await?;
    interface(&router, "add", json!({"subnet_id": subnet})).await?;
    let port = port(run, &net, "fip").await?;
    let fip = run
        .make(
            "floatingips",
            Member,
            &[],
            json!({"floatingip": {"floating_network_id": run.external_network, "port_id": port,
                                  "description": "a floating IP"}}),
            "floatingip_id",
        )
        .await?;
    fip.read_by_all().await?;
    let freed = json!({"floatingip": {"port_id": null, "description": "free"}});
    fip.update(Member, freed).await?;
    let external = json!({"floating_network_id": run.external_network});
    fip.filter(Member, external).await?;
    run.get("floatingip_pools", Member, &[]).await?;

    // Port forwardings on a floating IP without a port.
    let external = json!({"floatingip": {"floating_network_id": run.external_network}});
    let forwarded = run
        .make("floatingips", Member, &[], external, "floatingip_id")
        .await?;
    let internal_ip = text(
        &run.get("ports::get", Member, &[&port]).await?,
        "/port/fixed_ips/0/ip_address",
    )?;
    let pf = run
        .make(
            "floatingips::port_forwardings",
            Member,
            &[&forwarded.id],
            json!({"port_forwarding": {"protocol": "tcp", "internal_ip_address": internal_ip,
                                       "internal_port": 22, "internal_port_id": port,
                                       "external_port": 2222, "description": "ssh"}}),
            "port_forwarding_id",
        )
        .await?;
    pf.get(Member).await?;
    let external_port = json!({"port_forwarding": {"external_port": 2022}});
    pf.update(Member, external_port).await?;
    pf.list(Reader).await?;
    forwarded.get(Member).await?;
    pf.delete(Member).await?;

    forwarded.delete(Member).await?;
    fip.delete(Member).await?;
    run.get("ports::delete", Member, &[&port]).await?;
    take_down(run, &router, &subnet, &net).await
}

/// NDP proxies: an IPv6 address scope and pool shared by an external network and
/// a project subnet, a router with `enable_ndp_proxy` between them, and a proxy
/// for a port's address.
pub async fn ndp_proxies(run: &Run) -> Step {
    let scope = run
        .make(
            "address_scopes",
            Admin,
            &[],
            json!({"address_scope": {"name": run.name("ndp"), "ip_version": 6, "shared": true}}),
            "address_scope_id",
        )
        .await?;
    let pool = run
        .make(
            "subnetpools",
            Admin,
            &[],
            json!({"subnetpool": {"name": run.name("ndp"), "prefixes": ["2001:db8:100::/56"],
                                  "default_prefixlen": 64, "address_scope_id": scope.id,
                                  "shared": true}}),
            "subnetpool_id",
        )
        .await?;
    let external = run
        .make(
            "networks",
            Admin,
            &[],
            json!({"network": {"name": run.name("ndp-ext"), "router:external": true,
                               "provider:network_type": "flat",
                               "provider:physical_network": run.name("ndp")}}),
            "network_id",
        )
        .await?;
    let v6 = json!({"network_id": external.id, "ip_version": 6, "subnetpool_id": pool.id});
    run.create(
        "subnets::create",
        Admin,
        &[],
        json!({"subnet": v6}),
        "subnet_id",
    )
    .await?;
    let net = network(run, "ndp").await?;
    let subnet = run
        .create(
            "subnets::create",
            Member,
            &[],
            json!({"subnet": {"network_id": net, "ip_version": 6, "subnetpool_id": pool.id,
                              "ipv6_ra_mode": "slaac", "ipv6_address_mode": "slaac"}}),
            "subnet_id",
        )
        .await?;
    let router = run
        .make(
            "routers",
            Member,
            &[],
            json!({"router": {"name": run.name("ndp"), "enable_ndp_proxy": true,
                              "external_gateway_info": {"network_id": external.id}}}),
            "router_id",
        )
        .await?;
    interface(&router, "add", json!({"subnet_id": subnet})).await?;
    let port = port(run, &net, "ndp").await?;
    let proxy = run
        .make(
            "ndp_proxies",
            Member,
            &[],
            json!({"ndp_proxy": {"name": run.name("ndp"), "router_id": router.id, "port_id": port,
                                 "description": "a proxy"}}),
            "ndp_proxy_id",
        )
        .await?;
    proxy.get(Reader).await?;
    let renamed = run.name("ndp-renamed");
    let change = json!({"ndp_proxy": {"name": renamed, "description": "renamed"}});
    proxy.update(Member, change).await?;
    proxy.filter(Member, json!({"name": renamed})).await?;
    proxy.delete(Member).await?;
    run.get("ports::delete", Member, &[&port]).await?;
    take_down(run, &router, &subnet, &net).await?;
    for resource in [&external, &pool, &scope] {
        resource.delete(Admin).await?;
    }
    Ok(())
}

/// Local IPs: one on a project network, associated with a port.
pub async fn local_ips(run: &Run) -> Step {
    let (net, _) = network_with_subnet(run, "local-ip", "10.52.0.0/24").await?;
    let port = port(run, &net, "local-ip").await?;
    let local_ip = run
        .make(
            "local_ips",
            Member,
            &[],
            json!({"local_ip": {"name": run.name("local-ip"), "network_id": net,
                                "description": "a local IP"}}),
            "local_ip_id",
        )
        .await?;
    local_ip.get(Reader).await?;
    let renamed = json!({"local_ip": {"name": run.name("local-ip-renamed")}});
    local_ip.update(Member, renamed).await?;
    local_ip.list(Member).await?;
    let association = json!({"port_association": {"fixed_port_id": port}});
    local_ip
        .send("port_associations::create", Member, association)
        .await?;
    run.remember("fixed_port_id", &port);
    let associated = run.on("local_ips::port_associations", &[&local_ip.id], &port);
    associated.list(Reader).await?;
    associated.delete(Member).await?;
    local_ip.delete(Member).await?;
    run.get("ports::delete", Member, &[&port]).await?;
    delete_network(run, &net).await
}
