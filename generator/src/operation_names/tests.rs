//! Naming over hand-written operation lists shaped like each OpenStack service's.

use super::*;

/// An operation: `"POST /servers/{server_id}/action reboot"`: method, path, and
/// the request's top-level key if it has a body.
fn op(line: &str) -> OperationInput {
    op_titled(line, "")
}

fn op_titled(line: &str, title: &str) -> OperationInput {
    let mut parts = line.split_whitespace();
    let method = parts.next().and_then(Method::from_doc).expect("a method");
    let path = parts.next().expect("a path").to_string();
    OperationInput {
        method,
        path,
        request_key: parts.next().map(String::from),
        title: title.into(),
        file: "api-ref/source/ops.inc".into(),
        service: "svc".into(),
    }
}

/// Names `lines` and checks the invariants every naming keeps.
fn names_of(ops: &[OperationInput]) -> Vec<String> {
    let naming = name_operations(ops, &Renames::default());
    assert_eq!(naming.problems, [], "{:?}", naming.names);
    let paths: Vec<String> = naming.names.iter().map(OperationName::rust_path).collect();
    for name in &naming.names {
        for part in name.module.iter().chain([&name.function]) {
            let bare = part.trim_start_matches("r#");
            assert!(bare.len() <= MAX_LEN, "{part} is too long");
            assert!(!numbered(bare), "{part} has a number");
        }
    }
    paths
}

/// Each operation's name with what told it apart; `ops` must name without problems.
fn names_and_bases(ops: &[OperationInput]) -> Vec<(String, NameBasis)> {
    let naming = name_operations(ops, &Renames::default());
    assert_eq!(naming.problems, []);
    naming
        .names
        .iter()
        .map(|n| (n.rust_path(), n.basis))
        .collect()
}

/// `name_2`: a number where a word should be; a version (`list_v2_1`) is a word.
fn numbered(name: &str) -> bool {
    let words: Vec<&str> = name.split('_').collect();
    words.windows(2).any(|w| {
        w[1].chars().all(|c| c.is_ascii_digit()) && !w[0].starts_with('v') && !w[1].is_empty()
    })
}

fn names(lines: &[&str]) -> Vec<String> {
    names_of(&lines.iter().map(|l| op(l)).collect::<Vec<_>>())
}

#[test]
fn nova_collections_items_and_actions() {
    assert_eq!(
        names(&[
            "GET /v2.1/servers",
            "POST /v2.1/servers server",
            "GET /v2.1/servers/detail",
            "GET /v2.1/servers/{server_id}",
            "PUT /v2.1/servers/{server_id} server",
            "DELETE /v2.1/servers/{server_id}",
            "POST /v2.1/servers/{server_id}/action reboot",
            "POST /v2.1/servers/{server_id}/action os-start",
            "POST /v2.1/servers/{server_id}/action addFloatingIp",
            "POST /v2.1/servers/{server_id}/action os-getVNCConsole",
            "GET /v2.1/servers/{server_id}/os-interface",
            "POST /v2.1/servers/{server_id}/os-interface interfaceAttachment",
            "GET /v2.1/servers/{server_id}/os-interface/{port_id}",
            "DELETE /v2.1/servers/{server_id}/os-interface/{port_id}",
            "GET /v2.1/servers/{server_id}/diagnostics",
            "GET /v2.1/servers/{server_id}/metadata",
            "PUT /v2.1/servers/{server_id}/metadata metadata",
            "PUT /v2.1/servers/{server_id}/metadata/{key} meta",
            "PUT /v2.1/servers/{server_id}/tags/{tag}",
            "DELETE /v2.1/servers/{server_id}/tags/{tag}",
            "DELETE /v2.1/servers/{server_id}/tags",
            "GET /v2.1/os-hypervisors",
            "GET /v2.1/os-hypervisors/detail",
            "GET /v2.1/os-hypervisors/{hypervisor_id}",
            "GET /v2.1/os-hypervisors/{hypervisor_hostname_pattern}/search",
            "PUT /v2.1/os-services/disable host",
            "GET /v2.1/os-services",
            "DELETE /v2.1/os-services/{service_id}",
            "GET /v2.1/os-quota-sets/{tenant_id}/detail",
            "GET /v2.1/limits",
            "GET /v2.1/",
            "GET /v2.1/{api_version}/",
        ]),
        [
            "servers::list",
            "servers::create",
            "servers::list_detailed",
            "servers::get",
            "servers::update",
            "servers::delete",
            "servers::reboot",
            "servers::start",
            "servers::add_floating_ip",
            "servers::get_vnc_console",
            "servers::interface::list",
            "servers::interface::create",
            "servers::interface::get",
            "servers::interface::delete",
            "servers::diagnostics",
            "servers::metadata::list",
            "servers::metadata::replace",
            "servers::metadata::update",
            "servers::tags::add",
            "servers::tags::delete",
            "servers::tags::delete_all",
            "hypervisors::list",
            "hypervisors::list_detailed",
            "hypervisors::get",
            "hypervisors::search",
            "services::disable",
            "services::list",
            "services::delete",
            "quota_sets::get_detailed",
            "limits",
            "root::list",
            "root::get",
        ]
    );
}

#[test]
fn a_project_scope_in_the_path_is_no_resource() {
    assert_eq!(
        names(&[
            "GET /v2.1/{tenant_id}/servers/{server_id}",
            "GET /v2.1/{tenant_id}/servers"
        ]),
        ["servers::get", "servers::list"]
    );
}

#[test]
fn keystone_tokens_users_and_extensions() {
    assert_eq!(
        names(&[
            "POST /v3/auth/tokens auth",
            "GET /v3/auth/tokens",
            "HEAD /v3/auth/tokens",
            "DELETE /v3/auth/tokens",
            "GET /v3/auth/catalog",
            "GET /v3/users",
            "PATCH /v3/users/{user_id} user",
            "POST /v3/users/{user_id}/password user",
            "GET /v3/users/{user_id}/groups",
            "GET /v3/OS-FEDERATION/identity_providers",
            "PUT /v3/OS-FEDERATION/identity_providers/{id} identity_provider",
            "PATCH /v3/OS-FEDERATION/identity_providers/{id} identity_provider",
            "GET /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}",
            "GET /v3/OS-FEDERATION/identity_providers/{id}/protocols",
            "PUT /v3/projects/{project_id}/users/{user_id}/roles/{role_id}",
            "HEAD /v3/projects/{project_id}/users/{user_id}/roles/{role_id}",
            "GET /v3/projects/{project_id}/users/{user_id}/roles",
            "PUT /v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects",
            "DELETE /v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects",
            "POST /identity/v3/OS-OAUTH2/token",
            "GET /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}/auth",
        ]),
        [
            "auth::tokens::create",
            "auth::tokens::get",
            "auth::tokens::check",
            "auth::tokens::delete",
            "auth::catalog",
            "users::list",
            "users::update",
            "users::password",
            "users::groups",
            "federation::identity_providers::list",
            "federation::identity_providers::replace",
            "federation::identity_providers::update",
            "federation::identity_providers::protocols::get",
            "federation::identity_providers::protocols::list",
            "projects::users::roles::add",
            "projects::users::roles::check",
            "projects::users::roles::list",
            "inherit::domains::groups::roles::inherited_to_projects::add",
            "inherit::domains::groups::roles::inherited_to_projects::delete",
            "oauth2::token",
            "federation::identity_providers::protocols::auth",
        ]
    );
}

#[test]
fn items_at_several_depths_are_told_apart_by_their_own_key() {
    assert_eq!(
        names(&[
            "GET /v3/domains/{domain_id}/config",
            "GET /v3/domains/{domain_id}/config/{group}",
            "GET /v3/domains/{domain_id}/config/{group}/{option}",
            "PATCH /v3/domains/{domain_id}/config config",
            "PATCH /v3/domains/{domain_id}/config/{group} config",
            "PATCH /v3/domains/{domain_id}/config/{group}/{option} config",
            "DELETE /v3/domains/{domain_id}/config",
            "GET /v3/domains/config/default",
            "GET /v3/domains/config/{group}/default",
            "GET /v3/domains/config/{group}/{option}/default",
            "GET /v2.1/os-cells/capacities",
            "GET /v2.1/os-cells/{cell_id}/capacities",
        ]),
        [
            "domains::config::list",
            "domains::config::get_by_group",
            "domains::config::get_by_option",
            "domains::config::update",
            "domains::config::update_by_group",
            "domains::config::update_by_option",
            "domains::config::delete_all",
            "domains::config::default",
            "domains::config::default_by_group",
            "domains::config::default_by_option",
            "cells::capacities",
            "cells::capacities_by_cell_id",
        ]
    );
}

#[test]
fn keystone_ways_to_get_a_token_are_told_apart_by_their_rarer_title_words() {
    let titles = [
        "Password authentication with unscoped authorization",
        "Password authentication with scoped authorization",
        "Password authentication with explicit unscoped authorization",
        "Token authentication with unscoped authorization",
        "Token authentication with scoped authorization",
        "Token authentication with explicit unscoped authorization",
        "Authenticating with an Application Credential",
    ];
    let mut ops: Vec<OperationInput> = titles
        .iter()
        .map(|t| op_titled("POST /v3/auth/tokens auth", t))
        .collect();
    ops.push(op_titled(
        "GET /v3/auth/tokens",
        "Validate and show information for token",
    ));
    assert_eq!(
        names_of(&ops),
        [
            "auth::tokens::create_password",
            "auth::tokens::create_password_scoped",
            "auth::tokens::create_password_explicit",
            "auth::tokens::create_token",
            "auth::tokens::create_token_scoped",
            "auth::tokens::create_token_explicit",
            "auth::tokens::create_authenticating_application",
            "auth::tokens::get",
        ]
    );
}

#[test]
fn cinder_actions_and_versions() {
    assert_eq!(
        names(&[
            "POST /v3/{project_id}/volumes/{volume_id}/action os-extend",
            "POST /v3/{project_id}/volumes/{volume_id}/action os-reset_status",
            "POST /v3/{project_id}/volumes/{volume_id}/action os-force_delete",
            "DELETE /v3/{project_id}/volumes/{volume_id}",
            "GET /v3/{project_id}/volumes/detail",
            // The same resource in the older API: the older one says its version.
            "GET /v2/{project_id}/volumes/detail",
            "POST /v3/{project_id}/volumes/{volume_id}/action",
        ]),
        [
            "volumes::extend",
            "volumes::reset_status",
            "volumes::force_delete",
            "volumes::delete",
            "volumes::list_detailed",
            "volumes::list_detailed_v2",
            "volumes::action",
        ]
    );
}

#[test]
fn neutron_paths_and_bulk_creates() {
    assert_eq!(
        names(&[
            "GET /v2.0/networks",
            "POST /v2.0/networks network",
            "POST /v2.0/networks networks",
            "GET /v2.0/networks/{network_id}",
            "PUT /v2.0/networks/{network_id} network",
            "PUT /v2.0/routers/{router_id}/add_router_interface subnet_id",
            "PUT /v2.0/routers/{router_id}/remove_router_interface subnet_id",
            "GET /v2.0/routers/{router_id}",
            "GET /v2.0/qos/policies/{policy_id}/bandwidth_limit_rules/{rule_id}",
            "PUT /v2.0/qos/policies/{policy_id}/bandwidth_limit_rules/{rule_id} bandwidth_limit_rule",
            "GET /v2.0/qos/policies/{policy_id}/bandwidth_limit_rules",
            "GET /v2.0/qos/policies",
        ]),
        [
            "networks::list",
            "networks::create",
            "networks::create_networks",
            "networks::get",
            "networks::update",
            "routers::add_router_interface",
            "routers::remove_router_interface",
            "routers::get",
            "qos::policies::bandwidth_limit_rules::get",
            "qos::policies::bandwidth_limit_rules::update",
            "qos::policies::bandwidth_limit_rules::list",
            "qos::policies::list",
        ]
    );
}

#[test]
fn placement_and_glance() {
    assert_eq!(
        names(&[
            "GET /resource_providers/{uuid}/inventories/{resource_class}",
            "PUT /resource_providers/{uuid}/inventories/{resource_class} resource_provider_generation",
            "GET /resource_providers/{uuid}/inventories",
            "PUT /resource_providers/{uuid}/inventories inventories",
            "DELETE /resource_providers/{uuid}/inventories",
            "GET /resource_providers/{uuid}/usages",
            "GET /",
            "POST /reshaper inventories",
        ]),
        [
            "resource_providers::inventories::get",
            "resource_providers::inventories::update",
            "resource_providers::inventories::list",
            "resource_providers::inventories::replace",
            "resource_providers::inventories::delete_all",
            "resource_providers::usages",
            "root::get",
            "reshaper",
        ]
    );
    assert_eq!(
        names(&[
            "GET /v2/images/{image_id}/file",
            "PUT /v2/images/{image_id}/file",
            "POST /v2/images/{image_id}/actions/deactivate",
            "POST /v2/images/{image_id}/actions/reactivate",
            "GET /v2/images/{image_id}",
            "GET /v2/schemas/image",
            "GET /v2/schemas/images",
            "DELETE /v2/stores/{store_id}/{image_id}",
            "GET /v2/info/stores",
            "GET /v2/info/stores/detail",
        ]),
        [
            "images::file::get",
            "images::file::add",
            "images::deactivate",
            "images::reactivate",
            "images::get",
            "schemas::image",
            "schemas::images",
            "stores::delete",
            "info::stores::get",
            "info::stores::list_detailed",
        ]
    );
}

#[test]
fn manila_prefixes_and_scopes_that_collide_are_kept() {
    assert_eq!(
        names(&[
            "POST /v2/shares/{share_id}/action reset_status",
            "POST /v2/shares/{share_id}/action os-reset_status",
            "GET /v2/share-servers",
            "GET /v2/{project_id}/share_servers",
            "GET /v2/share-servers/{share_server_id}/details",
            "GET /v2/quota-sets/{project_id}/detail?user_id={user_id}",
            "GET /v2/shares/{share_id}/export_locations/\u{200b}{export_location_id}\u{200b}",
        ]),
        [
            "shares::reset_status",
            "shares::os_reset_status",
            "share_servers::list",
            "share_servers::list_by_project_id",
            "share_servers::get_detailed",
            "quota_sets::get_detailed",
            "shares::export_locations::get",
        ]
    );
}

#[test]
fn tricky_paths_of_the_other_references() {
    assert_eq!(
        names(&[
            "GET /v3/{admin_project_id}/os-quota-sets/{project_id}",
            "GET /v2/{admin_project_id}/os-quota-sets/{project_id}",
            "PUT /v3/{project_id}/qos-specs/{qos_id}/delete_keys keys",
            "GET /v3/{project_id}/qos-specs/{qos_id}/associate?vol_type_id={volume_type_id}",
            "GET /v2/scheduler-stats/pools?pool={pool_name}&host={host_name}",
            "GET /v2/scheduler-stats/pools/detail?pool={pool_name}&host={host_name}",
            "POST /v2.0/security-group-rules security_group_rule",
            "POST /v2.0/security-group-rules security_group_rules",
            "DELETE /v2.0/security-group-rules/{security_group_rule_id}",
            "GET /v2/schemas/metadefs/property",
            "GET /v2/schemas/metadefs/properties",
            "POST /v2/share-replicas/{share_replica_id}/action promote",
        ]),
        [
            "quota_sets::get",
            "quota_sets::get_v2",
            "qos_specs::delete_keys",
            "qos_specs::associate",
            "scheduler_stats::pools::get",
            "scheduler_stats::pools::list_detailed",
            "security_group_rules::create",
            "security_group_rules::create_security_group_rules",
            "security_group_rules::delete",
            "schemas::metadefs::property",
            "schemas::metadefs::properties",
            "share_replicas::promote",
        ]
    );
}

#[test]
fn placeholders_tell_apart_what_else_is_the_same() {
    assert_eq!(
        names(&[
            "GET /v2.1/os-floating-ip-dns/{domain}/entries/{ip}",
            "GET /v2.1/os-floating-ip-dns/{domain}/entries/{name}",
        ]),
        [
            "floating_ip_dns::entries::get_by_ip",
            "floating_ip_dns::entries::get_by_name",
        ]
    );
}

#[test]
fn of_two_namesakes_the_one_titled_by_the_resource_keeps_the_plain_name() {
    // Neutron documents `GET /v2.0/ports/{port_id}` in ports.inc and again in
    // trunk-details.inc.
    let ops = [
        op_titled("GET /v2.0/ports/{port_id}", "Show port details"),
        op_titled("GET /v2.0/ports/{port_id}", "Show trunk details"),
    ];
    assert_eq!(
        names_and_bases(&ops),
        [
            ("ports::get".into(), NameBasis::Structure),
            ("ports::get_trunk".into(), NameBasis::Title),
        ]
    );
}

#[test]
fn the_same_structure_twice_is_told_apart_by_title_then_file() {
    let ops = [
        op_titled("POST /v2.1/servers server", "Create Server"),
        op_titled("POST /v2.1/servers server", "Create Multiple Servers"),
        op_titled(
            "PUT /v2.1/servers/{server_id}/os-volume_attachments/{volume_id} volumeAttachment",
            "Update(swapping) a volume attachment",
        ),
        op_titled(
            "PUT /v2.1/servers/{server_id}/os-volume_attachments/{volume_id} volumeAttachment",
            "Update a volume attachment",
        ),
    ];
    assert_eq!(
        names_and_bases(&ops),
        [
            // "Server" is the resource the name already says: one server is
            // plain `create`.
            ("servers::create".into(), NameBasis::Structure),
            ("servers::create_multiple".into(), NameBasis::Title),
            (
                "servers::volume_attachments::update_swapping".into(),
                NameBasis::Title
            ),
            (
                "servers::volume_attachments::update".into(),
                NameBasis::Structure
            ),
        ]
    );

    let mut a = op_titled("GET /v3/role_assignments", "List role assignments");
    a.file = "v3/inherit.inc".into();
    let mut b = a.clone();
    b.file = "v3/roles.inc".into();
    assert_eq!(
        names_and_bases(&[a.clone(), b]),
        [
            ("role_assignments_inherit".into(), NameBasis::File),
            ("role_assignments_roles".into(), NameBasis::File),
        ]
    );

    // Nothing tells these apart: a conflict, never a number.
    let naming = name_operations(&[a.clone(), a], &Renames::default());
    assert_eq!(
        naming.problems,
        [NamingProblem::Conflict {
            rust_path: "role_assignments".into(),
            operations: vec![0, 1],
        }]
    );
}

#[test]
fn names_are_unique_per_service_only() {
    let mut other = op("GET /v2.0/networks");
    other.service = "network".into();
    let naming = name_operations(&[op("GET /v2.1/os-networks"), other], &Renames::default());
    assert_eq!(naming.problems, []);
    assert_eq!(naming.names[0].rust_path(), naming.names[1].rust_path());
}

#[test]
fn keywords_digits_and_long_segments_become_identifiers() {
    let long = "a_very_long_segment_name_that_goes_on_and_on_and_on";
    let got = names(&[
        "GET /v2/types/{type_id}",
        "POST /v2/things/{id}/action type",
        "POST /v2/things/{id}/action self",
        "GET /v2/2fa",
        &format!("GET /v2/{long}"),
    ]);
    assert_eq!(
        got,
        [
            "types::get",
            "things::r#type",
            "things::self_",
            "_2fa",
            "a_very_long_segment_name_that_goes_on",
        ]
    );
}

#[test]
fn renames_replace_generated_paths_and_bad_ones_are_reported() {
    let ops = [
        op("POST /v2.1/servers/{server_id}/action reboot"),
        op("GET /v2.1/servers/{server_id}"),
        op("POST /v2.1/servers/{server_id}/action type"),
    ];
    let renames = Renames(
        [
            ("servers::reboot", "servers::hard_reboot"),
            ("servers::get", "servers::hard_reboot"),
            ("servers::type", "admin::kind"),
            ("servers::nothing", "servers::x"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect(),
    );
    let naming = name_operations(&ops, &renames);
    let got: Vec<String> = naming.names.iter().map(OperationName::rust_path).collect();
    assert_eq!(got, ["servers::hard_reboot", "servers::get", "admin::kind"]);
    assert_eq!(naming.names[0].basis, NameBasis::Overlay);
    assert_eq!(naming.problems.len(), 2, "{:?}", naming.problems);
    assert_eq!(
        naming.problems[0],
        NamingProblem::UnusedRename {
            from: "servers::nothing".into()
        }
    );
    assert!(matches!(
        &naming.problems[1],
        NamingProblem::BadRename { from, .. } if from == "servers::get"
    ));

    let bad = Renames(
        [(
            "servers::reboot".to_string(),
            "servers::Reboot-Now".to_string(),
        )]
        .into_iter()
        .collect(),
    );
    let naming = name_operations(&ops, &bad);
    assert!(matches!(
        &naming.problems[..],
        [NamingProblem::BadRename { .. }]
    ));
    assert_eq!(naming.names[0].rust_path(), "servers::reboot");
}
