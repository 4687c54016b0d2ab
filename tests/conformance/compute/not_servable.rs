//! Operations of Nova's reference that this environment cannot serve, each with
//! why. The report lists them as "n/a"; one that is called ok after all fails the
//! test, so the table cannot go stale. "The harness" is `../shared/nova-harness`:
//! one compute host with the fake virt driver, and Nova's own Neutron, Glance and
//! Cinder test fixtures in place of those services.

const ONE_HOST: &str = "needs a second compute host (the harness has one): NoValidHost";
const SECURITY_GROUPS: &str = "Nova's Neutron fixture returns security-group rules Nova's \
    converter cannot read: 500 TypeError/AttributeError";
const VOLUME_PROXY: &str = "the os-volumes/os-snapshots proxy calls Cinder through the \
    catalog, which the Cinder fixture does not stub: 500 EmptyCatalog";
const FLOATING_IPS: &str = "Nova's Neutron fixture has no floating-IP pool or floating IPs: \
    404 / 500 AttributeError";
const LIVE_MIGRATION: &str = "acts on a running live migration, which needs a second \
    compute host";

pub const NOT_SERVABLE: &[(&str, &str)] = &[
    ("servers::migrate", ONE_HOST),
    ("servers::migrate_live", ONE_HOST),
    (
        "servers::evacuate",
        "needs the server's host down and another host to rebuild on",
    ),
    ("servers::migrations::get", LIVE_MIGRATION),
    ("servers::migrations::force_complete", LIVE_MIGRATION),
    ("servers::migrations::delete", LIVE_MIGRATION),
    ("security_groups::list", SECURITY_GROUPS),
    ("security_groups::create", SECURITY_GROUPS),
    ("security_groups::get", SECURITY_GROUPS),
    ("security_groups::update", SECURITY_GROUPS),
    ("security_groups::delete", SECURITY_GROUPS),
    ("security_group_rules::create", SECURITY_GROUPS),
    ("security_group_rules::delete", SECURITY_GROUPS),
    ("servers::add_security_group", SECURITY_GROUPS),
    ("servers::remove_security_group", SECURITY_GROUPS),
    ("volumes::list", VOLUME_PROXY),
    ("volumes::create", VOLUME_PROXY),
    ("volumes::list_detailed", VOLUME_PROXY),
    ("volumes::get", VOLUME_PROXY),
    ("volumes::delete", VOLUME_PROXY),
    ("snapshots::list", VOLUME_PROXY),
    ("snapshots::create", VOLUME_PROXY),
    ("snapshots::list_detailed", VOLUME_PROXY),
    ("snapshots::get", VOLUME_PROXY),
    ("snapshots::delete", VOLUME_PROXY),
    ("floating_ips::create", FLOATING_IPS),
    ("floating_ips::get", FLOATING_IPS),
    ("floating_ips::delete", FLOATING_IPS),
    ("servers::add_floating_ip", FLOATING_IPS),
    ("servers::remove_floating_ip", FLOATING_IPS),
    (
        "baremetal_nodes::list",
        "proxies to Ironic, which the harness does not have: 500 MissingAuthPlugin",
    ),
    (
        "baremetal_nodes::get",
        "proxies to Ironic, which the harness does not have: 500 MissingAuthPlugin",
    ),
    (
        "assisted_volume_snapshots::create",
        "called by Cinder for a volume driver that snapshots through Nova; needs a real volume BDM: 400",
    ),
    (
        "assisted_volume_snapshots::delete",
        "called by Cinder for a volume driver that snapshots through Nova; needs a real volume BDM: 400",
    ),
    (
        "servers::volume_attachments::update_swapping",
        "the swap-volume call Cinder makes during a volume migration: 409 \"this API should only be called by Cinder\"",
    ),
    (
        "servers::shares::create",
        "needs Manila, which the harness does not have",
    ),
    (
        "servers::shares::get",
        "needs Manila, which the harness does not have",
    ),
    (
        "servers::shares::delete",
        "needs Manila, which the harness does not have",
    ),
    (
        "hypervisors::uptime",
        "the fake virt driver does not implement uptime: 501",
    ),
    (
        "instance_usage_audit_log::list",
        "the harness registers no instance-usage-audit task; Nova 34 answers 400 validating the compute host name as a UUID",
    ),
    (
        "instance_usage_audit_log::get",
        "the harness registers no instance-usage-audit task; Nova 34 answers 400 validating the compute host name as a UUID",
    ),
    (
        "servers::restore",
        "needs reclaim_instance_interval > 0 (soft delete), which the harness does not set: 409",
    ),
    (
        "servers::shelve_offload",
        "the harness offloads a shelved server at once (shelved_offload_time = 0): there is never a SHELVED server to offload, 409",
    ),
    (
        "servers::get_rdp_console",
        "RDP consoles need the Hyper-V driver; the fake driver has none",
    ),
    (
        "servers::get_serial_console",
        "serial consoles are disabled in the harness ([serial_console] enabled = False): 400",
    ),
    (
        "servers::get_spice_console",
        "SPICE consoles are disabled in the harness ([spice] enabled = False)",
    ),
    (
        "services::delete",
        "would delete one of the harness's own services, which every later suite uses",
    ),
    (
        "root::get",
        "`GET /{api_version}` lives at the service root, outside the /v2.1 prefix the \
         overlay gives every path: Nova reads the segment as a project id, 400",
    ),
    (
        "root::list",
        "`GET /` lives at the service root, outside the /v2.1 prefix the overlay gives \
         every path: `GET /v2.1/` answers the v2.1 document instead",
    ),
];
