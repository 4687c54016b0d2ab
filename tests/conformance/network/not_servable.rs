//! Operations of Neutron's reference that this environment cannot serve, each with
//! why. The report lists them as "n/a" (with what Neutron answered the sweep);
//! one that is called ok after all fails the test, so the table cannot go stale.
//! "The harness" is `../shared/neutron-harness`: Neutron 29 with ML2/openvswitch
//! and 17 service plugins, no agents, no Nova, no OVN.

const NO_AGENT: &str = "acts on an agent, and no agent runs in the harness (GET \
    /v2.0/agents is empty): 404 AgentNotFound";
const BINDINGS: &str = "port bindings are Nova's during a live migration: creating one \
    needs the service role no harness token has (403 PolicyNotAuthorized), and the \
    others act only on a compute port's bindings (400 \"Operation only valid on \
    compute and shared filesystem ports\")";
const MULTI_GATEWAY: &str = "several gateways per router are implemented only by the OVN \
    L3 plugin (ovn-router, which needs OVN); the harness's L3 router plugin answers \
    500 (AttributeError: no add_external_gateways)";
const STATEFULNESS: &str = "Neutron 29 cannot create one: the resource and its collection \
    share the name `security_groups_default_statefulness`, so the API reads the body as \
    a bulk request (500 TypeError; a list is refused as invalid data), and with none \
    there is nothing to show, update or delete (404)";

/// Operations by name; a name ending in `::` stands for every operation under it.
pub const NOT_SERVABLE: &[(&str, &str)] = &[
    ("agents::get", NO_AGENT),
    ("agents::update", NO_AGENT),
    ("agents::delete", NO_AGENT),
    ("agents::l3_routers::list", NO_AGENT),
    ("agents::l3_routers::create", NO_AGENT),
    ("agents::l3_routers::delete", NO_AGENT),
    ("agents::dhcp_networks::list", NO_AGENT),
    ("agents::dhcp_networks::create", NO_AGENT),
    ("agents::dhcp_networks::delete", NO_AGENT),
    ("ports::bindings::list", BINDINGS),
    ("ports::bindings::create", BINDINGS),
    ("ports::bindings::activate", BINDINGS),
    ("ports::bindings::delete", BINDINGS),
    ("routers::add_external_gateways", MULTI_GATEWAY),
    ("routers::update_external_gateways", MULTI_GATEWAY),
    ("routers::remove_external_gateways", MULTI_GATEWAY),
    ("security_groups_default_statefulness::create", STATEFULNESS),
    ("security_groups_default_statefulness::get", STATEFULNESS),
    ("security_groups_default_statefulness::update", STATEFULNESS),
    ("security_groups_default_statefulness::delete", STATEFULNESS),
    // Whole families of operations.
    (
        "fwaas::",
        "FWaaS (neutron-fwaas) is not installed: 404 HTTPNotFound, no such resource",
    ),
    (
        "vpn::",
        "VPNaaS (neutron-vpnaas) is not installed: 404 HTTPNotFound, no such resource",
    ),
    (
        "bgpvpn::",
        "BGP VPN (networking-bgpvpn) is not installed: 404 HTTPNotFound, no such resource",
    ),
    (
        "bgp_speakers::",
        "BGP dynamic routing (neutron-dynamic-routing) is not installed: 404 \
         HTTPNotFound, no such resource",
    ),
    (
        "bgp_peers::",
        "BGP dynamic routing (neutron-dynamic-routing) is not installed: 404 \
         HTTPNotFound, no such resource",
    ),
    (
        "agents::bgp_drinstances::",
        "BGP dynamic routing (neutron-dynamic-routing) is not installed and no BGP \
         agent runs: 404",
    ),
    (
        "taas::",
        "Tap-as-a-service (tap-as-a-service) is not installed: 404 HTTPNotFound, no \
         such resource",
    ),
    (
        "sfc::",
        "Service function chaining (networking-sfc, under /v1.0) is not installed: 404",
    ),
];
