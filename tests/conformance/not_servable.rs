//! Operations of Nova's reference that this environment cannot serve, each with
//! why. The report lists them as "n/a"; one that is called ok after all fails the
//! test, so the table cannot go stale. "The harness" is `../shared/nova-harness`:
//! one compute host with the fake virt driver, and Nova's own Neutron, Glance and
//! Cinder test fixtures in place of those services.

/// Why `op` cannot be served here, if it cannot.
pub fn reason(op: &str) -> Option<&'static str> {
    NOT_SERVABLE
        .iter()
        .find(|(name, _)| *name == op)
        .map(|(_, why)| *why)
}

const ONE_HOST: &str = "needs a second compute host (the harness has one): NoValidHost";
const SECURITY_GROUPS: &str = "Nova's Neutron fixture returns security-group rules Nova's \
    converter cannot read: 500 TypeError/AttributeError";
const VOLUME_PROXY: &str = "the os-volumes/os-snapshots proxy calls Cinder through the \
    catalog, which the Cinder fixture does not stub: 500 EmptyCatalog";
const FLOATING_IPS: &str = "Nova's Neutron fixture has no floating-IP pool or floating IPs: \
    404 / 500 AttributeError";
const LIVE_MIGRATION: &str = "acts on a running live migration, which needs a second \
    compute host";

const NOT_SERVABLE: &[(&str, &str)] = &[
    ("migrate_server", ONE_HOST),
    ("live_migrate_server", ONE_HOST),
    (
        "evacuate_server",
        "needs the server's host down and another host to rebuild on",
    ),
    ("show_migration_details", LIVE_MIGRATION),
    ("force_migration_complete_action", LIVE_MIGRATION),
    ("delete_migration", LIVE_MIGRATION),
    ("list_security_groups", SECURITY_GROUPS),
    ("create_security_group", SECURITY_GROUPS),
    ("show_security_group_details", SECURITY_GROUPS),
    ("update_security_group", SECURITY_GROUPS),
    ("delete_security_group", SECURITY_GROUPS),
    ("create_security_group_rule", SECURITY_GROUPS),
    ("delete_security_group_rule", SECURITY_GROUPS),
    ("add_security_group_to_a_server", SECURITY_GROUPS),
    ("remove_security_group_from_a_server", SECURITY_GROUPS),
    ("list_volumes", VOLUME_PROXY),
    ("create_volume", VOLUME_PROXY),
    ("list_volumes_with_details", VOLUME_PROXY),
    ("show_volume_details", VOLUME_PROXY),
    ("delete_volume", VOLUME_PROXY),
    ("list_snapshots", VOLUME_PROXY),
    ("create_snapshot", VOLUME_PROXY),
    ("list_snapshots_with_details", VOLUME_PROXY),
    ("show_snapshot_details", VOLUME_PROXY),
    ("delete_snapshot", VOLUME_PROXY),
    ("create_floating_ip_address", FLOATING_IPS),
    ("show_floating_ip_address_details", FLOATING_IPS),
    ("delete_floating_ip_address", FLOATING_IPS),
    ("add_floating_ip", FLOATING_IPS),
    ("remove_floating_ip", FLOATING_IPS),
    (
        "list_bare_metal_nodes",
        "proxies to Ironic, which the harness does not have: 500 MissingAuthPlugin",
    ),
    (
        "show_bare_metal_node_details",
        "proxies to Ironic, which the harness does not have: 500 MissingAuthPlugin",
    ),
    (
        "create_assisted_volume_snapshots",
        "called by Cinder for a volume driver that snapshots through Nova; needs a real volume BDM: 400",
    ),
    (
        "delete_assisted_volume_snapshot",
        "called by Cinder for a volume driver that snapshots through Nova; needs a real volume BDM: 400",
    ),
    (
        "update_a_volume_attachment_volume_attachment",
        "the swap-volume call Cinder makes during a volume migration: 409 \"this API should only be called by Cinder\"",
    ),
    (
        "attach_a_share_to_an_instance",
        "needs Manila, which the harness does not have",
    ),
    (
        "show_a_detail_of_a_share_attachment",
        "needs Manila, which the harness does not have",
    ),
    (
        "detach_a_share_from_an_instance",
        "needs Manila, which the harness does not have",
    ),
    (
        "show_hypervisor_uptime",
        "the fake virt driver does not implement uptime: 501",
    ),
    (
        "list_server_usage_audits",
        "the harness registers no instance-usage-audit task; Nova 34 answers 400 validating the compute host name as a UUID",
    ),
    (
        "list_usage_audits_before_specified_time",
        "the harness registers no instance-usage-audit task; Nova 34 answers 400 validating the compute host name as a UUID",
    ),
    (
        "restore_soft_deleted_instance",
        "needs reclaim_instance_interval > 0 (soft delete), which the harness does not set: 409",
    ),
    (
        "shelf_offload_server",
        "the harness offloads a shelved server at once (shelved_offload_time = 0): there is never a SHELVED server to offload, 409",
    ),
    (
        "get_rdp_console",
        "RDP consoles need the Hyper-V driver; the fake driver has none",
    ),
    (
        "get_serial_console",
        "serial consoles are disabled in the harness ([serial_console] enabled = False): 400",
    ),
    (
        "get_spice_console",
        "SPICE consoles are disabled in the harness ([spice] enabled = False)",
    ),
    (
        "delete_compute_service",
        "would delete one of the harness's own services, which every later suite uses",
    ),
    (
        "show_details_of_specific_api_version",
        "`GET /{api_version}` lives at the service root, outside the /v2.1 prefix the \
         overlay gives every path: Nova reads the segment as a project id, 400",
    ),
    (
        "list_all_major_versions",
        "`GET /` lives at the service root, outside the /v2.1 prefix the overlay gives \
         every path: `GET /v2.1/` answers the v2.1 document instead",
    ),
];
