//! Nova's own api_samples (`APIREF_NOVA_SAMPLES`) decode into the generated types
//! and serialize back to the same JSON value, `null` versus absent included.
//!
//! - Update Server's samples, every microversion, through the shipped spec's types.
//! - Every sample that [`MAPPING`] pairs with a doc of the corpus
//!   (`APIREF_CORPUS`), through that doc's types as `apiref::generate!` writes them
//!   for the whole corpus in a downstream crate. The docs are from 2015, the samples
//!   from every microversion since: fields the docs do not know land in `extra`,
//!   and a `null` where a doc's example showed a value stays `null`. Samples that do
//!   not decode are listed in [`DECODE_FAILURES`] with the reason, so a new failure
//!   (or a fixed one) fails the test.

mod common;
mod downstream;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::compute::update_server;
use downstream::Downstream;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Which body a sample is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Request,
    Response,
}
use Body::{Request, Response};

/// Sample (`folder/file` as under `nova-api-samples/`, in any `v2.N/` subfolder)
/// → the corpus endpoint whose doc describes it, and which body.
///
/// | sample folder | samples → endpoint |
/// |---|---|
/// | servers | `server-create-req*` / `server-create-resp` → `servers::create`; `server-update-*`, `server-put-*` → `servers::update`; `server-get-down-cell-resp` → `servers::get`; `servers-details-with-changes-before` → `servers::list_detailed` |
/// | os-server-tags | `server-tags-show-details-resp` → `servers::get`; `servers-tags-details-resp` → `servers::list_detailed` |
/// | flavors, flavor-manage, flavor-access, flavor-extra-specs | get, detail, create, access add/remove/list, extra spec create/get/update |
/// | images | `image-get-resp`, `images-details-get-resp`, metadata key get/put |
/// | os-keypairs | create, import, get, list (all users) |
/// | server actions | admin actions, evacuate, migrate, shelve/unshelve, force delete/restore, backup, console output and consoles, multinic |
/// | others | aggregates, agents, attach interfaces, availability zones, bare metal, cells, certificates, cloudpipe, fixed IPs, floating IPs (+ DNS, bulk), fping, hosts, hypervisors, instance actions, usage audit log, migrations, multiple create, networks, quotas, security groups, diagnostics, external events, server groups, services, tenant usage, snapshots, tenant networks, volumes, IPs, server metadata, versions |
///
/// Samples of APIs the 2015 corpus has no doc for (lock, pause, rescue, rebuild,
/// volume attachments, server tags' own endpoints, limits, ...) are left out and
/// counted; the test prints them. So are two whose doc describes no such body:
/// `servers/server-action-resize.json` (Resize Server's doc has no request table
/// or example) and `os-create-backup/v2.45/create-backup-resp.json` (the 2015
/// Create Server Back Up doc has no response body; 2.45 added one).
#[rustfmt::skip]
const MAPPING: &[(&str, &str, Body)] = &[
    // servers
    ("servers/server-create-req.json", "servers::create", Request),
    ("servers/server-create-req-v237.json", "servers::create", Request),
    ("servers/server-create-req-v257.json", "servers::create", Request),
    ("servers/server-create-req-with-host-and-node.json", "servers::create", Request),
    ("servers/server-create-req-with-only-host.json", "servers::create", Request),
    ("servers/server-create-req-with-only-node.json", "servers::create", Request),
    ("servers/server-create-resp.json", "servers::create", Response),
    ("servers/server-update-req.json", "servers::update", Request),
    ("servers/server-update-resp.json", "servers::update", Response),
    ("servers/server-put-req.json", "servers::update", Request),
    ("servers/server-put-resp.json", "servers::update", Response),
    ("servers/server-get-down-cell-resp.json", "servers::get", Response),
    ("servers/servers-details-with-changes-before.json", "servers::list_detailed", Response),
    ("os-server-tags/server-tags-show-details-resp.json", "servers::get", Response),
    ("os-server-tags/servers-tags-details-resp.json", "servers::list_detailed", Response),
    ("os-multiple-create/multiple-create-post-req.json", "servers::create_multiple", Request),
    ("os-multiple-create/multiple-create-post-resp.json", "servers::create_multiple", Response),
    ("os-multiple-create/multiple-create-no-resv-post-req.json", "servers::create_multiple", Request),
    ("os-multiple-create/multiple-create-no-resv-post-resp.json", "servers::create_multiple", Response),
    // flavors
    ("flavors/flavor-get-resp.json", "flavors::get", Response),
    ("flavors/flavors-detail-resp.json", "flavors::list_detailed", Response),
    ("flavor-manage/flavor-create-post-req.json", "flavors::create", Request),
    ("flavor-manage/flavor-create-post-resp.json", "flavors::create", Response),
    ("flavor-access/flavor-create-req.json", "flavors::create", Request),
    ("flavor-access/flavor-access-add-tenant-req.json", "flavors::flavor_access::add_tenant_access", Request),
    ("flavor-access/flavor-access-add-tenant-resp.json", "flavors::flavor_access::add_tenant_access", Response),
    ("flavor-access/flavor-access-remove-tenant-req.json", "flavors::flavor_access::remove_tenant_access", Request),
    ("flavor-access/flavor-access-remove-tenant-resp.json", "flavors::flavor_access::remove_tenant_access", Response),
    ("flavor-access/flavor-access-list-resp.json", "flavors::flavor_access::list", Response),
    ("flavor-extra-specs/flavor-extra-specs-create-req.json", "flavors::extra_specs::create", Request),
    ("flavor-extra-specs/flavor-extra-specs-create-resp.json", "flavors::extra_specs::create", Response),
    ("flavor-extra-specs/flavor-extra-specs-get-resp.json", "flavors::extra_specs::get", Response),
    ("flavor-extra-specs/flavor-extra-specs-update-req.json", "flavors::extra_specs::update", Request),
    ("flavor-extra-specs/flavor-extra-specs-update-resp.json", "flavors::extra_specs::update", Response),
    // images
    ("images/image-get-resp.json", "images::get", Response),
    ("images/images-details-get-resp.json", "images::list_detailed", Response),
    ("images/image-meta-key-get.json", "images::metadata::get", Response),
    ("images/image-meta-key-put-req.json", "images::metadata::update", Request),
    ("images/image-meta-key-put-resp.json", "images::metadata::update", Response),
    // keypairs
    ("os-keypairs/keypairs-post-req.json", "keypairs::create", Request),
    ("os-keypairs/keypairs-post-resp.json", "keypairs::create", Response),
    ("os-keypairs/keypairs-import-post-req.json", "keypairs::create", Request),
    ("os-keypairs/keypairs-import-post-resp.json", "keypairs::create", Response),
    ("os-keypairs/keypairs-get-resp.json", "keypairs::get", Response),
    ("os-keypairs/keypairs-list-resp.json", "keypairs::list", Response),
    ("os-keypairs/keypairs-list-user1-resp.json", "keypairs::list", Response),
    ("os-keypairs/keypairs-list-user2-resp.json", "keypairs::list", Response),
    // server actions
    ("os-admin-actions/admin-actions-inject-network-info.json", "servers::inject_network_info", Request),
    ("os-admin-actions/admin-actions-reset-network.json", "servers::reset_network", Request),
    ("os-admin-actions/admin-actions-reset-server-state.json", "servers::reset_state", Request),
    ("os-evacuate/server-evacuate-req.json", "servers::evacuate", Request),
    ("os-evacuate/server-evacuate-resp.json", "servers::evacuate", Response),
    ("os-evacuate/server-evacuate-find-host-req.json", "servers::evacuate", Request),
    ("os-evacuate/server-evacuate-find-host-resp.json", "servers::evacuate", Response),
    ("os-migrate-server/migrate-server.json", "servers::migrate", Request),
    ("os-migrate-server/migrate-server-null.json", "servers::migrate", Request),
    ("os-shelve/os-shelve.json", "servers::shelve", Request),
    ("os-shelve/os-shelve-offload.json", "servers::shelve_offload", Request),
    ("os-shelve/os-unshelve.json", "servers::unshelve", Request),
    ("os-shelve/os-unshelve-az.json", "servers::unshelve", Request),
    ("os-shelve/os-unshelve-az-host.json", "servers::unshelve", Request),
    ("os-shelve/os-unshelve-host.json", "servers::unshelve", Request),
    ("os-shelve/os-unshelve-host-and-unpin-az.json", "servers::unshelve", Request),
    ("os-shelve/os-unshelve-unpin-az.json", "servers::unshelve", Request),
    ("os-deferred-delete/force-delete-post-req.json", "servers::force_delete", Request),
    ("os-deferred-delete/restore-post-req.json", "servers::restore", Request),
    ("os-create-backup/create-backup-req.json", "servers::create_backup", Request),
    ("os-console-output/console-output-post-req.json", "servers::get_console_output", Request),
    ("os-console-output/console-output-post-resp.json", "servers::get_console_output", Response),
    ("os-remote-consoles/get-rdp-console-post-req.json", "servers::get_rdp_console", Request),
    ("os-remote-consoles/get-rdp-console-post-resp.json", "servers::get_rdp_console", Response),
    ("os-remote-consoles/get-serial-console-post-req.json", "servers::get_serial_console", Request),
    ("os-remote-consoles/get-serial-console-post-resp.json", "servers::get_serial_console", Response),
    ("os-remote-consoles/get-spice-console-post-req.json", "servers::get_spice_console", Request),
    ("os-remote-consoles/get-spice-console-post-resp.json", "servers::get_spice_console", Response),
    ("os-remote-consoles/get-vnc-console-post-req.json", "servers::get_vnc_console", Request),
    ("os-remote-consoles/get-vnc-console-post-resp.json", "servers::get_vnc_console", Response),
    ("consoles/consoles-get-resp.json", "servers::consoles::get", Response),
    ("consoles/consoles-list-get-resp.json", "servers::consoles::list", Response),
    ("os-multinic/multinic-add-fixed-ip-req.json", "servers::add_fixed_ip", Request),
    ("os-multinic/multinic-remove-fixed-ip-req.json", "servers::remove_fixed_ip", Request),
    // aggregates
    ("os-aggregates/aggregate-post-req.json", "aggregates::create", Request),
    ("os-aggregates/aggregate-post-resp.json", "aggregates::create", Response),
    ("os-aggregates/aggregate-update-post-req.json", "aggregates::update", Request),
    ("os-aggregates/aggregate-update-post-resp.json", "aggregates::update", Response),
    ("os-aggregates/aggregate-add-host-post-req.json", "aggregates::add_host", Request),
    ("os-aggregates/aggregates-add-host-post-resp.json", "aggregates::add_host", Response),
    ("os-aggregates/aggregate-remove-host-post-req.json", "aggregates::remove_host", Request),
    ("os-aggregates/aggregates-remove-host-post-resp.json", "aggregates::remove_host", Response),
    ("os-aggregates/aggregates-get-resp.json", "aggregates::get", Response),
    ("os-aggregates/aggregates-list-get-resp.json", "aggregates::list", Response),
    // agents
    ("os-agents/agent-post-req.json", "agents::create", Request),
    ("os-agents/agent-post-resp.json", "agents::create", Response),
    ("os-agents/agent-update-put-req.json", "agents::update", Request),
    ("os-agents/agent-update-put-resp.json", "agents::update", Response),
    ("os-agents/agents-get-resp.json", "agents::list", Response),
    // interfaces, zones, bare metal, cells, certificates, cloudpipe
    ("os-attach-interfaces/attach-interfaces-create-req.json", "servers::interface::create", Request),
    ("os-attach-interfaces/attach-interfaces-create-net_id-req.json", "servers::interface::create", Request),
    ("os-attach-interfaces/attach-interfaces-create-resp.json", "servers::interface::create", Response),
    ("os-attach-interfaces/attach-interfaces-list-resp.json", "servers::interface::list", Response),
    ("os-attach-interfaces/attach-interfaces-show-resp.json", "servers::interface::get", Response),
    ("os-availability-zone/availability-zone-list-resp.json", "availability_zone::get", Response),
    ("os-availability-zone/availability-zone-detail-resp.json", "availability_zone::list_detailed", Response),
    ("os-baremetal-nodes/baremetal-node-get-resp.json", "servers::baremetal_nodes::get", Response),
    ("os-baremetal-nodes/baremetal-node-list-resp.json", "servers::baremetal_nodes::list", Response),
    ("os-cells/cells-capacities-resp.json", "cells::capacities", Response),
    ("os-cells/cells-get-resp.json", "cells::get", Response),
    ("os-cells/cells-list-resp.json", "cells::list", Response),
    ("os-certificates/certificate-create-resp.json", "certificates", Response),
    ("os-cloudpipe/cloud-pipe-create-req.json", "cloudpipe::create", Request),
    ("os-cloudpipe/cloud-pipe-create-resp.json", "cloudpipe::create", Response),
    ("os-cloudpipe/cloud-pipe-update-req.json", "cloudpipe::configure_project", Request),
    // fixed and floating IPs, DNS, fping
    ("os-fixed-ips/fixedip-post-req.json", "fixed_ips::reserve", Request),
    ("os-fixed-ips/fixedips-get-resp.json", "fixed_ips::get", Response),
    ("os-floating-ips/floating-ips-create-req.json", "floating_ips::create", Request),
    ("os-floating-ips/floating-ips-create-resp.json", "floating_ips::create", Response),
    ("os-floating-ips/floating-ips-get-resp.json", "floating_ips::get", Response),
    ("os-floating-ips/floating-ips-list-resp.json", "floating_ips::list", Response),
    ("os-floating-ips/floating-ips-list-empty-resp.json", "floating_ips::list", Response),
    ("os-floating-ips-bulk/floating-ips-bulk-create-req.json", "floating_ips_bulk::create", Request),
    ("os-floating-ips-bulk/floating-ips-bulk-create-resp.json", "floating_ips_bulk::create", Response),
    ("os-floating-ips-bulk/floating-ips-bulk-list-resp.json", "floating_ips_bulk::list", Response),
    ("os-floating-ips-bulk/floating-ips-bulk-list-by-host-resp.json", "floating_ips_bulk::get", Response),
    ("os-floating-ip-dns/floating-ip-dns-create-or-update-req.json", "floating_ip_dns::update", Request),
    ("os-floating-ip-dns/floating-ip-dns-create-or-update-resp.json", "floating_ip_dns::update", Response),
    ("os-floating-ip-dns/floating-ip-dns-create-or-update-entry-req.json", "floating_ip_dns::entries::update", Request),
    ("os-floating-ip-dns/floating-ip-dns-create-or-update-entry-resp.json", "floating_ip_dns::entries::update", Response),
    ("os-floating-ip-dns/floating-ip-dns-entry-get-resp.json", "floating_ip_dns::entries::get_by_name", Response),
    ("os-floating-ip-dns/floating-ip-dns-entry-list-resp.json", "floating_ip_dns::entries::get_by_ip", Response),
    ("os-floating-ip-dns/floating-ip-dns-list-resp.json", "floating_ip_dns::list", Response),
    ("os-fping/fping-get-resp.json", "fping::list", Response),
    ("os-fping/fping-get-details-resp.json", "fping::get", Response),
    // hosts, hypervisors, instance actions, audit log, migrations
    ("os-hosts/hosts-list-resp.json", "hosts::list", Response),
    ("os-hosts/host-put-maintenance-req.json", "hosts::update", Request),
    ("os-hosts/host-put-maintenance-resp.json", "hosts::update", Response),
    ("os-hypervisors/hypervisors-list-resp.json", "hypervisors::list", Response),
    ("os-hypervisors/hypervisors-show-resp.json", "hypervisors::get", Response),
    ("os-hypervisors/hypervisors-statistics-resp.json", "hypervisors::statistics", Response),
    ("os-hypervisors/hypervisors-uptime-resp.json", "hypervisors::uptime", Response),
    ("os-instance-actions/instance-action-get-resp.json", "servers::instance_actions::get", Response),
    ("os-instance-actions/instance-action-get-non-admin-resp.json", "servers::instance_actions::get", Response),
    ("os-instance-actions/instance-actions-list-resp.json", "servers::instance_actions::list", Response),
    ("os-instance-actions/instance-actions-list-with-limit-resp.json", "servers::instance_actions::list", Response),
    ("os-instance-actions/instance-actions-list-with-marker-resp.json", "servers::instance_actions::list", Response),
    ("os-instance-actions/instance-actions-list-with-changes-since.json", "servers::instance_actions::list", Response),
    ("os-instance-actions/instance-actions-list-with-changes-before.json", "servers::instance_actions::list", Response),
    ("os-instance-usage-audit-log/inst-usage-audit-log-index-get-resp.json", "instance_usage_audit_log::list", Response),
    ("os-instance-usage-audit-log/inst-usage-audit-log-show-get-resp.json", "instance_usage_audit_log::get", Response),
    ("os-migrations/migrations-get.json", "migrations", Response),
    ("os-migrations/migrations-get-with-limit.json", "migrations", Response),
    ("os-migrations/migrations-get-with-marker.json", "migrations", Response),
    ("os-migrations/migrations-get-with-changes-since.json", "migrations", Response),
    ("os-migrations/migrations-get-with-changes-before.json", "migrations", Response),
    ("os-migrations/migrations-get-with-user-or-project-id.json", "migrations", Response),
    // networks
    ("os-networks/network-create-req.json", "networks::create", Request),
    ("os-networks/network-create-resp.json", "networks::create", Response),
    ("os-networks/networks-list-resp.json", "networks::list", Response),
    ("os-networks-associate/network-associate-host-req.json", "networks::associate_host", Request),
    ("os-networks-associate/network-disassociate-req.json", "networks::disassociate", Request),
    ("os-networks-associate/network-disassociate-project-req.json", "networks::disassociate_project", Request),
    ("os-networks-associate/network-disassociate-host-req.json", "tenant_networks::disassociate_host", Request),
    ("os-tenant-networks/networks-list-res.json", "tenant_networks::list", Response),
    // quotas
    ("os-quota-class-sets/quota-classes-show-get-resp.json", "quota_class_sets::get", Response),
    ("os-quota-class-sets/quota-classes-update-post-req.json", "quota_class_sets::update", Request),
    ("os-quota-class-sets/quota-classes-update-post-resp.json", "quota_class_sets::update", Response),
    ("os-quota-sets/quotas-show-defaults-get-resp.json", "quota_sets::defaults", Response),
    ("os-quota-sets/quotas-update-post-req.json", "quota_sets::update", Request),
    ("os-quota-sets/quotas-update-post-resp.json", "quota_sets::update", Response),
    ("os-quota-sets/quotas-update-force-post-req.json", "quota_sets::update", Request),
    ("os-quota-sets/quotas-update-force-post-resp.json", "quota_sets::update", Response),
    ("os-quota-sets/user-quotas-update-post-req.json", "quota_sets::update", Request),
    ("os-quota-sets/user-quotas-update-post-resp.json", "quota_sets::update", Response),
    ("os-quota-sets-noop/quotas-show-defaults-get-resp.json", "quota_sets::defaults", Response),
    ("os-quota-sets-noop/quotas-update-post-req.json", "quota_sets::update", Request),
    ("os-quota-sets-noop/quotas-update-post-resp.json", "quota_sets::update", Response),
    ("os-quota-sets-noop/quotas-update-force-post-req.json", "quota_sets::update", Request),
    ("os-quota-sets-noop/quotas-update-force-post-resp.json", "quota_sets::update", Response),
    ("os-quota-sets-noop/user-quotas-update-post-req.json", "quota_sets::update", Request),
    ("os-quota-sets-noop/user-quotas-update-post-resp.json", "quota_sets::update", Response),
    // security groups
    ("os-security-groups/security-group-post-req.json", "security_groups::create", Request),
    ("os-security-groups/security-groups-create-resp.json", "security_groups::create", Response),
    ("os-security-groups/security-groups-get-resp.json", "security_groups::get", Response),
    ("os-security-groups/server-security-groups-list-resp.json", "servers::security_groups", Response),
    ("os-security-groups/security-group-rules-post-req.json", "security_group_rules::create", Request),
    ("os-security-groups/security-group-rules-post-resp.json", "security_group_rules::create", Response),
    ("os-security-group-default-rules/security-group-default-rules-create-req.json", "security_group_default_rules", Request),
    ("os-security-group-default-rules/security-group-default-rules-create-resp.json", "security_group_default_rules", Response),
    // diagnostics, events, server groups, services, usage
    ("os-server-diagnostics/server-diagnostics-get-resp.json", "servers::diagnostics", Response),
    ("os-server-external-events/event-create-req.json", "server_external_events", Request),
    ("os-server-external-events/event-create-resp.json", "server_external_events", Response),
    ("os-server-groups/server-groups-get-resp.json", "server_groups::get", Response),
    ("os-server-groups/server-groups-list-resp.json", "server_groups::list", Response),
    ("os-services/services-list-get-resp.json", "services::get", Response),
    ("os-services/service-disable-put-req.json", "services::disable", Request),
    ("os-services/service-disable-put-resp.json", "services::disable", Response),
    ("os-services/service-enable-put-req.json", "services::enable", Request),
    ("os-services/service-enable-put-resp.json", "services::enable", Response),
    ("os-simple-tenant-usage/simple-tenant-usage-get.json", "simple_tenant_usage::list", Response),
    ("os-simple-tenant-usage/simple-tenant-usage-get-detail.json", "simple_tenant_usage::list", Response),
    ("os-simple-tenant-usage/simple-tenant-usage-get-all.json", "simple_tenant_usage::list", Response),
    ("os-simple-tenant-usage/simple-tenant-usage-get-specific.json", "simple_tenant_usage::get", Response),
    // snapshots, volumes
    ("os-snapshots/snapshot-create-req.json", "snapshots::create", Request),
    ("os-snapshots/snapshot-create-resp.json", "snapshots::create", Response),
    ("os-snapshots/snapshots-list-resp.json", "snapshots::list", Response),
    ("os-snapshots/snapshots-show-resp.json", "snapshots::get", Response),
    ("os-assisted-volume-snapshots/snapshot-create-assisted-req.json", "assisted_volume_snapshots::create", Request),
    ("os-assisted-volume-snapshots/snapshot-create-assisted-resp.json", "assisted_volume_snapshots::create", Response),
    ("os-volumes/os-volumes-post-req.json", "volumes::create", Request),
    ("os-volumes/os-volumes-post-resp.json", "volumes::create", Response),
    ("os-volumes/os-volumes-get-resp.json", "volumes::get", Response),
    ("os-volumes/os-volumes-index-resp.json", "volumes::list", Response),
    // server IPs and metadata, versions
    ("server-ips/server-ips-resp.json", "servers::ips::list", Response),
    ("server-ips/server-ips-network-resp.json", "servers::ips::get", Response),
    ("server-metadata/server-metadata-all-req.json", "servers::metadata::create", Request),
    ("server-metadata/server-metadata-all-resp.json", "servers::metadata::create", Response),
    ("server-metadata/server-metadata-req.json", "servers::metadata::update", Request),
    ("server-metadata/server-metadata-resp.json", "servers::metadata::update", Response),
    ("versions/versions-get-resp.json", "root::get", Response),
];

/// Mapped samples that do not decode with their doc's types, and why. These are
/// the 2015 docs' mistakes, to be corrected by overlays in a later issue.
#[rustfmt::skip]
const DECODE_FAILURES: &[(&str, &str)] = &[
    ("flavor-manage/v2.102/flavor-create-post-resp.json", "2.75+ sends `swap` as 0; the doc's example shows `\"\"`"),
    ("flavor-manage/v2.75/flavor-create-post-resp.json", "2.75+ sends `swap` as 0; the doc's example shows `\"\"`"),
    ("flavors/v2.102/flavor-get-resp.json", "2.75+ sends `swap` as 0; the doc's example shows `\"\"`"),
    ("flavors/v2.102/flavors-detail-resp.json", "2.75+ sends `swap` as 0; the doc's example shows `\"\"`"),
    ("flavors/v2.75/flavor-get-resp.json", "2.75+ sends `swap` as 0; the doc's example shows `\"\"`"),
    ("flavors/v2.75/flavors-detail-resp.json", "2.75+ sends `swap` as 0; the doc's example shows `\"\"`"),
    ("images/image-get-resp.json", "`OS-EXT-IMG-SIZE:size` is a number; the doc's table says string"),
    ("os-assisted-volume-snapshots/snapshot-create-assisted-resp.json", "ids are UUIDs; the doc's example shows integers"),
    ("os-baremetal-nodes/baremetal-node-get-resp.json", "bare metal `cpus` is a string (\"2\"); the doc's example shows an integer"),
    ("os-baremetal-nodes/baremetal-node-list-resp.json", "bare metal `cpus` is a string (\"2\"); the doc's example shows an integer"),
    ("os-hypervisors/v2.28/hypervisors-show-resp.json", "2.28+ sends `cpu_info` as an object; the doc says string"),
    ("os-hypervisors/v2.53/hypervisors-list-resp.json", "2.53+ sends hypervisor ids as UUIDs; the doc's example shows integers"),
    ("os-hypervisors/v2.53/hypervisors-show-resp.json", "2.28+ sends `cpu_info` as an object; the doc says string"),
    ("os-hypervisors/v2.53/hypervisors-uptime-resp.json", "2.53+ sends hypervisor ids as UUIDs; the doc's example shows integers"),
    ("os-hypervisors/v2.88/hypervisors-list-resp.json", "2.53+ sends hypervisor ids as UUIDs; the doc's example shows integers"),
    ("os-hypervisors/v2.88/hypervisors-show-resp.json", "2.53+ sends hypervisor ids as UUIDs; the doc's example shows integers"),
    ("os-migrate-server/v2.56/migrate-server.json", "2.56 sends `{\"migrate\": {\"host\": ..}}`; the doc's example shows `null`, typed string by the table"),
    ("os-multinic/multinic-add-fixed-ip-req.json", "`networkId` is a UUID; the doc's example shows an integer"),
    ("os-multiple-create/multiple-create-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-multiple-create/multiple-create-post-resp.json", "with `return_reservation_id` the reply is `{\"reservation_id\": ..}`, without the required `server` wrapper"),
    ("os-quota-sets-noop/quotas-update-force-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-quota-sets-noop/user-quotas-update-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-quota-sets/quotas-update-force-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-quota-sets/user-quotas-update-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-quota-sets/v2.36/quotas-update-force-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-quota-sets/v2.36/user-quotas-update-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-quota-sets/v2.57/quotas-update-force-post-req.json", "the sample sends `\"True\"`, a string; the doc says boolean"),
    ("os-security-groups/security-group-rules-post-req.json", "ports are integers; the doc's table says string"),
    ("os-security-groups/security-groups-create-resp.json", "security group ids are UUIDs; the doc's example shows integers"),
    ("os-security-groups/security-groups-get-resp.json", "security group ids are UUIDs; the doc's example shows integers"),
    ("os-security-groups/server-security-groups-list-resp.json", "security group ids are UUIDs; the doc's example shows integers"),
    ("os-services/service-disable-put-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/service-enable-put-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/services-list-get-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.11/service-disable-put-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.11/service-enable-put-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.11/services-list-get-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.53/service-disable-put-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.53/service-enable-put-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.53/services-list-get-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-services/v2.69/services-list-get-resp.json", "the doc has no example of this reply, and its table types `service`/`services` as string"),
    ("os-shelve/v2.77/os-unshelve-az.json", "2.77+ sends an `unshelve` object; the doc's example shows `null`, typed string by the table"),
    ("os-shelve/v2.91/os-unshelve-az-host.json", "2.77+ sends an `unshelve` object; the doc's example shows `null`, typed string by the table"),
    ("os-shelve/v2.91/os-unshelve-az.json", "2.77+ sends an `unshelve` object; the doc's example shows `null`, typed string by the table"),
    ("os-shelve/v2.91/os-unshelve-host-and-unpin-az.json", "2.77+ sends an `unshelve` object; the doc's example shows `null`, typed string by the table"),
    ("os-shelve/v2.91/os-unshelve-host.json", "2.77+ sends an `unshelve` object; the doc's example shows `null`, typed string by the table"),
    ("os-shelve/v2.91/os-unshelve-unpin-az.json", "2.77+ sends an `unshelve` object; the doc's example shows `null`, typed string by the table"),
    ("os-snapshots/snapshot-create-resp.json", "ids are UUIDs; the doc's example shows integers"),
    ("os-snapshots/snapshots-list-resp.json", "ids are UUIDs; the doc's example shows integers"),
    ("os-snapshots/snapshots-show-resp.json", "ids are UUIDs; the doc's example shows integers"),
    ("servers/server-create-req-v237.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/server-create-req-v257.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.32/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.42/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.47/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.52/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.57/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.63/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.66/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.67/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.69/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.71/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.73/server-create-req.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.74/server-create-req-with-host-and-node.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.74/server-create-req-with-only-host.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.74/server-create-req-with-only-node.json", "the 2015 doc types `personality`, `networks` and `security_groups` as strings; they are arrays"),
    ("servers/v2.75/server-update-resp.json", "`OS-EXT-STS:power_state` is an integer; the corpus doc's table says string (the shipped overlay fixes it)"),
];

/// Every `.json` file under `root`, as (`folder/file` without the microversion
/// folder, path), sorted.
fn all_samples(root: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("read samples folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let relative = path.strip_prefix(root).expect("under root");
                let parts: Vec<String> = relative
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .filter(|p| !(p.starts_with("v2.") || p.starts_with("v2_")))
                    .collect();
                found.push((parts.join("/"), path));
            }
        }
    }
    found.sort();
    found
}

fn round_trip<T: DeserializeOwned + Serialize>(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read sample");
    let value: serde_json::Value = serde_json::from_str(&text).expect("sample is JSON");
    let typed: T = serde_path_to_error::deserialize(&value)
        .unwrap_or_else(|e| panic!("{}: {} at {}", path.display(), e.inner(), e.path()));
    let back = serde_json::to_value(&typed).expect("serialize");
    assert_eq!(back, value, "{} does not round-trip", path.display());
}

#[test]
#[ignore = "needs APIREF_NOVA_SAMPLES (scripts/test sets it)"]
fn update_server_samples_round_trip() {
    let root = common::needs::dir("APIREF_NOVA_SAMPLES");
    let found: Vec<PathBuf> = all_samples(&root)
        .into_iter()
        .filter(|(key, _)| {
            key.starts_with("servers/server-update-") || key.starts_with("servers/server-put-")
        })
        .map(|(_, path)| path)
        .collect();
    assert!(
        found.len() >= 14,
        "expected Nova's update samples, found {found:?}"
    );
    for path in &found {
        if path.to_string_lossy().ends_with("-req.json") {
            round_trip::<update_server::Request>(path);
        } else {
            round_trip::<update_server::Response>(path);
        }
    }
}

#[test]
#[ignore = "needs APIREF_NOVA_SAMPLES (scripts/test sets it)"]
fn samples_fill_typed_fields_not_just_extra() {
    let root = common::needs::dir("APIREF_NOVA_SAMPLES");
    let text = std::fs::read_to_string(root.join("servers/v2.75/server-update-resp.json"))
        .expect("the 2.75 update sample");
    let reply: update_server::Response = serde_json::from_str(&text).expect("decodes");
    let s = &reply.server;
    assert_eq!(s.os_ext_sts_power_state, Some(1));
    assert!(s.os_ext_sts_task_state.is_null(), "null is kept as null");
    assert_eq!(s.locked, Some(false));
    assert_eq!(s.flavor.as_ref().and_then(|f| *f.vcpus), Some(1));
    assert_eq!(
        s.security_groups.as_ref().map(|g| g[0].name.as_deref()),
        Some(Some("default"))
    );
    assert!(
        s.extra.keys().all(|k| k.starts_with("OS-EXT-SRV-ATTR:")),
        "fields the overlay should type: {:?}",
        s.extra.keys().collect::<Vec<_>>()
    );
}

/// The outcome the downstream crate prints for one sample.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    RoundTrip,
    DecodeError(String),
    Differs(String),
}

#[test]
#[ignore = "needs APIREF_CORPUS and APIREF_NOVA_SAMPLES (scripts/test sets them)"]
fn every_mapped_sample_round_trips_through_the_corpus_types() {
    let corpus = common::needs::dir("APIREF_CORPUS");
    let root = common::needs::dir("APIREF_NOVA_SAMPLES");
    let samples = all_samples(&root);

    let mapping: BTreeMap<&str, (&str, Body)> = MAPPING
        .iter()
        .map(|&(sample, endpoint, body)| (sample, (endpoint, body)))
        .collect();
    assert_eq!(mapping.len(), MAPPING.len(), "a sample is mapped twice");
    for sample in mapping.keys() {
        assert!(
            samples.iter().any(|(key, _)| key == sample),
            "{sample} is mapped but not among the samples"
        );
    }

    // Actions whose body is fixed (`{"shelve": null}`) have no `Request` type: their
    // samples must be that body.
    let corpus_path = corpus.canonicalize().expect("corpus path");
    let (endpoints, _) = apiref_generator::Generator::new("/")
        .input(corpus_path.to_str().expect("utf-8 corpus path"))
        .endpoints()
        .unwrap_or_else(|e| panic!("{e}"));
    let fixed: BTreeMap<String, String> = endpoints
        .iter()
        .filter_map(|e| {
            let body = e.request.as_ref()?.fixed.as_ref()?;
            Some((e.name.clone(), body.to_string()))
        })
        .collect();

    // One check per sample file (every microversion folder).
    let mut checks = String::new();
    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    for (key, path) in &samples {
        let Some((endpoint, body)) = mapping.get(key.as_str()) else {
            unmatched.push(key.clone());
            continue;
        };
        let relative = path.strip_prefix(&root).expect("under root");
        let relative = relative.to_str().expect("utf-8 sample path");
        let ty = match body {
            Request => "Request",
            Response => "Response",
        };
        match (body, fixed.get(*endpoint)) {
            (Request, Some(json)) => writeln!(
                checks,
                "        ({relative:?}, check_fixed(root, {relative:?}, {json:?})),"
            ),
            _ => writeln!(
                checks,
                "        ({relative:?}, check::<compute::{endpoint}::{ty}>(root, {relative:?})),"
            ),
        }
        .expect("write to a String");
        matched.push(relative.to_string());
    }
    unmatched.dedup();

    let krate = Downstream::corpus("nova_samples_client", &corpus);
    krate.write(
        "tests/samples.rs",
        &samples_test("nova_samples_client", &checks),
    );
    let root_str = root.canonicalize().expect("samples path");
    let out = krate
        .command(&["test", "-q", "--", "--nocapture"])
        .env("SAMPLES_ROOT", &root_str)
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "samples crate failed:\n{stderr}\n{stdout}"
    );

    let outcomes: BTreeMap<String, Outcome> = stdout
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(4, '\t');
            if parts.next() != Some("SAMPLE") {
                return None;
            }
            let (path, kind, detail) = (parts.next()?, parts.next()?, parts.next().unwrap_or(""));
            let outcome = match kind {
                "round-trip" => Outcome::RoundTrip,
                "decode-error" => Outcome::DecodeError(detail.to_string()),
                _ => Outcome::Differs(detail.to_string()),
            };
            Some((path.to_string(), outcome))
        })
        .collect();
    assert_eq!(
        outcomes.len(),
        matched.len(),
        "one outcome per sample:\n{stdout}"
    );

    let decode_failures: Vec<(&String, &String)> = outcomes
        .iter()
        .filter_map(|(p, o)| match o {
            Outcome::DecodeError(e) => Some((p, e)),
            _ => None,
        })
        .collect();
    let differs: Vec<(&String, &String)> = outcomes
        .iter()
        .filter_map(|(p, o)| match o {
            Outcome::Differs(e) => Some((p, e)),
            _ => None,
        })
        .collect();
    let round_trips = outcomes
        .values()
        .filter(|o| **o == Outcome::RoundTrip)
        .count();
    // The case this test is for: a `null` the doc did not foresee.
    let with_null = outcomes
        .iter()
        .filter(|(path, outcome)| {
            let text = std::fs::read_to_string(root.join(path)).expect("read sample");
            let value: serde_json::Value = serde_json::from_str(&text).expect("sample is JSON");
            **outcome == Outcome::RoundTrip && has_null(&value)
        })
        .count();
    println!(
        "samples: {} files, {} matched to a corpus doc, {} decoded, {} exact round trips",
        samples.len(),
        matched.len(),
        matched.len() - decode_failures.len(),
        round_trips
    );
    println!("{with_null} of the exact round trips hold a null");
    println!("no doc in the corpus for: {}", unmatched.join(", "));
    for (path, error) in &decode_failures {
        let reason = DECODE_FAILURES
            .iter()
            .find(|(p, _)| p == path)
            .map_or("NOT LISTED", |(_, r)| r);
        println!("does not decode: {path}: {error} ({reason})");
    }

    // Every decoded sample serializes back to exactly what Nova sent.
    assert!(
        differs.is_empty(),
        "decoded but not the same JSON: {differs:#?}"
    );
    // The samples that do not decode are exactly the listed ones.
    let listed: Vec<&str> = DECODE_FAILURES.iter().map(|(p, _)| *p).collect();
    let failed: Vec<&str> = decode_failures.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(failed, listed, "samples that do not decode changed");
    assert!(round_trips >= 300, "only {round_trips} samples round-trip");
    assert!(
        with_null >= 20,
        "only {with_null} round-tripped samples hold a null"
    );
}

fn has_null(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Array(items) => items.iter().any(has_null),
        serde_json::Value::Object(fields) => fields.values().any(has_null),
        _ => false,
    }
}

/// The downstream crate's test: one line per sample, `SAMPLE\tpath\toutcome\tdetail`.
fn samples_test(krate: &str, checks: &str) -> String {
    format!(
        r#"use {krate}::compute;
use serde_json::Value;

fn check<T: serde::de::DeserializeOwned + serde::Serialize>(root: &str, path: &str) -> String {{
    let text = std::fs::read_to_string(format!("{{root}}/{{path}}")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let typed: T = match serde_path_to_error::deserialize(&value) {{
        Ok(typed) => typed,
        Err(e) => return format!("decode-error\t{{}} at {{}}", e.inner(), e.path()),
    }};
    let back = serde_json::to_value(&typed).unwrap();
    match difference(&value, &back, String::new()) {{
        None => "round-trip".to_string(),
        Some(d) => format!("differs\t{{d}}"),
    }}
}}

/// A sample of an action whose body is fixed: it must be that body.
fn check_fixed(root: &str, path: &str, fixed: &str) -> String {{
    let text = std::fs::read_to_string(format!("{{root}}/{{path}}")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let fixed: Value = serde_json::from_str(fixed).unwrap();
    match difference(&value, &fixed, String::new()) {{
        None => "round-trip".to_string(),
        Some(d) => format!("differs\t{{d}}"),
    }}
}}

/// The first place where `b` is not `a`.
fn difference(a: &Value, b: &Value, at: String) -> Option<String> {{
    match (a, b) {{
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .find_map(|(k, v)| match y.get(k) {{
                None => Some(format!("{{at}}/{{k}}: {{v}} became absent")),
                Some(w) => difference(v, w, format!("{{at}}/{{k}}")),
            }})
            .or_else(|| {{
                y.iter()
                    .find(|(k, _)| !x.contains_key(*k))
                    .map(|(k, w)| format!("{{at}}/{{k}}: absent became {{w}}"))
            }}),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| difference(v, w, format!("{{at}}/{{i}}"))),
        _ => (a != b).then(|| format!("{{at}}: {{a}} became {{b}}")),
    }}
}}

#[test]
fn every_sample() {{
    let root = std::env::var("SAMPLES_ROOT").unwrap();
    let root = root.as_str();
    let outcomes = [
{checks}    ];
    for (path, outcome) in outcomes {{
        println!("SAMPLE\t{{path}}\t{{outcome}}");
    }}
}}
"#
    )
}
