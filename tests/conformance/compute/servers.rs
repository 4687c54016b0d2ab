//! Servers: boot, read at every shape-changing microversion as every role, update,
//! metadata, tags, every action the fake driver supports (each waited for with the
//! runtime's `Waiter`), instance actions, volumes and interfaces through Nova's
//! Cinder and Neutron fixtures, migrations, external events, delete.

use apiref::runtime::Json;
use compute_conformance::ctx::Role::{self, Admin, Member, Reader};
use serde_json::json;

use crate::{ALL_ROLES, Run, SERVER_VERSIONS, Step, Versioned, text};

/// Boots a server at `version` with `networks` and waits until it is ACTIVE.
async fn boot(run: &Run, name: &str, version: &str, networks: Json) -> Step<String> {
    let created = run
        .send(
            "servers::create",
            Member,
            version,
            &[],
            json!({"server": {"name": name, "imageRef": run.image, "flavorRef": "1", "networks": networks}}),
        )
        .await?;
    let id = text(&created, "/server/id")?;
    run.wait_server(&id, &["ACTIVE"]).await?;
    Ok(id)
}

/// Runs a server action as `role` and waits for `targets`.
async fn act(
    run: &Run,
    op: &str,
    id: &str,
    version: &str,
    body: Json,
    targets: &[&str],
) -> Step<Json> {
    act_as(run, Member, op, id, version, body, targets).await
}

/// [`act`] as `role`.
async fn act_as(
    run: &Run,
    role: Role,
    op: &str,
    id: &str,
    version: &str,
    body: Json,
    targets: &[&str],
) -> Step<Json> {
    let reply = run.send(op, role, version, &[id], body).await?;
    run.wait_server(id, targets).await?;
    Ok(reply)
}

/// `networks` as "none", "auto" and a list of one network (2.37 made the first two
/// possible); each server boots, is read and is deleted.
pub async fn networks(run: &Run) -> Step {
    for (name, networks) in [
        ("conformance-none", json!("none")),
        ("conformance-auto", json!("auto")),
    ] {
        let id = boot(run, name, "2.37", networks).await?;
        run.get("servers::ips::list", Member, "2.1", &[&id]).await?;
        if name == "conformance-none" {
            // With no port there are no security groups to convert; with one, the
            // Neutron fixture's rules break Nova (see not_servable.rs).
            run.get("servers::security_groups", Reader, "2.1", &[&id])
                .await?;
        }
        run.get("servers::delete", Member, "2.1", &[&id]).await?;
        run.wait_server_gone(&id).await?;
    }
    // Two servers in one call; with `return_reservation_id` the reply is only that.
    let body = |extra: Json| {
        let mut server = json!({"name": "conformance-multi", "imageRef": run.image, "flavorRef": "1",
                                "networks": "none", "min_count": "2", "max_count": "2"});
        if let (Some(server), Some(extra)) = (server.as_object_mut(), extra.as_object()) {
            server.extend(extra.clone());
        }
        json!({"server": server})
    };
    run.send(
        "servers::create_multiple",
        Member,
        "2.37",
        &[],
        body(json!({"return_reservation_id": "True"})),
    )
    .await?;
    run.send(
        "servers::create_multiple",
        Member,
        "2.37",
        &[],
        body(json!({})),
    )
    .await?;
    cleanup(run).await?;
    Ok(())
}

/// Deletes every server this program made (by name), this run's or an earlier
/// one's, and waits until they are gone: quota is ten servers.
pub async fn cleanup(run: &Run) -> Step {
    let list = run
        .query(
            "servers::list",
            Admin,
            "2.1",
            &[],
            json!({"name": "^conformance-"}),
        )
        .await?;
    let ids: Vec<String> = list["servers"]
        .as_array()
        .map(|s| {
            s.iter()
                .filter_map(|s| s["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for id in &ids {
        run.get("servers::delete", Admin, "2.1", &[id]).await?;
    }
    for id in &ids {
        run.wait_server_gone(id).await?;
    }
    Ok(())
}

/// The main server lifecycle.
pub async fn lifecycle(run: &Run) -> Step {
    cleanup(run).await?;
    let id = boot(run, "conformance-a", "2.1", json!([{"uuid": run.network}])).await?;
    let sid = id.as_str();
    run.remember("server_id", sid);

    // Reads at every version where the shape changes, as every role.
    for version in SERVER_VERSIONS {
        for role in ALL_ROLES {
            run.get("servers::get", role, version, &[sid]).await?;
        }
        run.query(
            "servers::list",
            Member,
            version,
            &[],
            json!({"name": "conformance", "limit": 5}),
        )
        .await?;
        run.query(
            "servers::list_detailed",
            Admin,
            version,
            &[],
            json!({"all_tenants": true, "status": "ACTIVE"}),
        )
        .await?;
        run.query(
            "servers::list_detailed",
            Reader,
            version,
            &[],
            json!({"limit": 1}),
        )
        .await?;
    }
    run.two_pages("servers::list", Member, "/servers/0/id")
        .await?;

    run.send(
        "servers::update",
        Member,
        "2.1",
        &[sid],
        json!({"server": {"name": "conformance-a2"}}),
    )
    .await?;
    run.send(
        "servers::update",
        Member,
        "latest",
        &[sid],
        json!({"server": {"description": "updated"}}),
    )
    .await?;

    // Metadata.
    run.send(
        "servers::metadata::create",
        Member,
        "2.1",
        &[sid],
        json!({"metadata": {"a": "1", "b": "2"}}),
    )
    .await?;
    run.send(
        "servers::metadata::replace",
        Member,
        "2.1",
        &[sid],
        json!({"metadata": {"a": "1", "c": "3"}}),
    )
    .await?;
    run.send(
        "servers::metadata::update",
        Member,
        "2.1",
        &[sid, "d"],
        json!({"meta": {"d": "4"}}),
    )
    .await?;
    for role in ALL_ROLES {
        run.get("servers::metadata::list", role, "2.1", &[sid])
            .await?;
        run.get("servers::metadata::get", role, "2.1", &[sid, "a"])
            .await?;
    }
    run.get("servers::metadata::delete", Member, "2.1", &[sid, "c"])
        .await?;

    // Tags (2.26).
    run.send(
        "servers::tags::replace",
        Member,
        "2.26",
        &[sid],
        json!({"tags": ["red", "blue"]}),
    )
    .await?;
    run.get("servers::tags::add", Member, "2.26", &[sid, "green"])
        .await?;
    for role in ALL_ROLES {
        run.get("servers::tags::list", role, "2.26", &[sid]).await?;
        run.get("servers::tags::get", role, "2.26", &[sid, "green"])
            .await?;
    }
    run.get("servers::tags::delete", Member, "2.26", &[sid, "red"])
        .await?;
    run.query(
        "servers::list",
        Member,
        "2.26",
        &[],
        json!({"tags": "green"}),
    )
    .await?;
    run.get("servers::tags::delete_all", Member, "2.26", &[sid])
        .await?;

    // Addresses, password, diagnostics, topology, security groups.
    run.get("servers::ips::list", Reader, "2.1", &[sid]).await?;
    run.get("servers::ips::get", Member, "2.1", &[sid, "private"])
        .await?;
    run.get("servers::server_password::get", Member, "2.1", &[sid])
        .await?;
    run.get("servers::server_password::delete", Member, "2.1", &[sid])
        .await?;
    run.get("servers::diagnostics", Admin, "2.1", &[sid])
        .await?;
    run.get("servers::diagnostics", Admin, "2.48", &[sid])
        .await?;
    run.get("servers::topology", Admin, "2.78", &[sid]).await?;
    run.send(
        "servers::get_console_output",
        Member,
        "2.1",
        &[sid],
        json!({"os-getConsoleOutput": {"length": 5}}),
    )
    .await?;

    // Actions the fake driver carries out, each waited for.
    act(
        run,
        "servers::reboot",
        sid,
        "2.1",
        json!({"reboot": {"type": "SOFT"}}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::reboot",
        sid,
        "2.1",
        json!({"reboot": {"type": "HARD"}}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::stop",
        sid,
        "2.1",
        json!({"os-stop": null}),
        &["SHUTOFF"],
    )
    .await?;
    act(
        run,
        "servers::start",
        sid,
        "2.1",
        json!({"os-start": null}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::pause",
        sid,
        "2.1",
        json!({"pause": null}),
        &["PAUSED"],
    )
    .await?;
    act(
        run,
        "servers::unpause",
        sid,
        "2.1",
        json!({"unpause": null}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::suspend",
        sid,
        "2.1",
        json!({"suspend": null}),
        &["SUSPENDED"],
    )
    .await?;
    act(
        run,
        "servers::resume",
        sid,
        "2.1",
        json!({"resume": null}),
        &["ACTIVE"],
    )
    .await?;
    run.send(
        "servers::lock",
        Member,
        "2.73",
        &[sid],
        json!({"lock": {"locked_reason": "conformance"}}),
    )
    .await?;
    run.get("servers::get", Reader, "2.73", &[sid]).await?;
    run.send(
        "servers::unlock",
        Member,
        "2.1",
        &[sid],
        json!({"unlock": null}),
    )
    .await?;
    act(
        run,
        "servers::rescue",
        sid,
        "2.1",
        json!({"rescue": {"adminPass": "conformance"}}),
        &["RESCUE"],
    )
    .await?;
    act(
        run,
        "servers::unrescue",
        sid,
        "2.1",
        json!({"unrescue": null}),
        &["ACTIVE"],
    )
    .await?;
    run.send(
        "servers::change_password",
        Member,
        "2.1",
        &[sid],
        json!({"changePassword": {"adminPass": "s3cret"}}),
    )
    .await?;
    act(
        run,
        "servers::resize",
        sid,
        "2.1",
        json!({"resize": {"flavorRef": "2"}}),
        &["VERIFY_RESIZE"],
    )
    .await?;
    run.get("migrations", Admin, "2.1", &[]).await?;
    act(
        run,
        "servers::revert_resize",
        sid,
        "2.1",
        json!({"revertResize": null}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::resize",
        sid,
        "2.1",
        json!({"resize": {"flavorRef": "2"}}),
        &["VERIFY_RESIZE"],
    )
    .await?;
    act(
        run,
        "servers::confirm_resize",
        sid,
        "2.1",
        json!({"confirmResize": null}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::rebuild",
        sid,
        "2.1",
        json!({"rebuild": {"imageRef": run.image, "name": "conformance-rebuilt"}}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::rebuild",
        sid,
        "latest",
        json!({"rebuild": {"imageRef": run.image, "description": "rebuilt"}}),
        &["ACTIVE"],
    )
    .await?;
    let snapshot = run
        .send(
            "servers::create_image",
            Member,
            "2.45",
            &[sid],
            json!({"createImage": {"name": "conformance-snapshot"}}),
        )
        .await?;
    run.wait_server(sid, &["ACTIVE"]).await?;
    run.get(
        "images::delete",
        Member,
        "2.1",
        &[&text(&snapshot, "/image_id")?],
    )
    .await?;
    run.send("servers::create_backup", Member, "2.45", &[sid], json!({"createBackup": {"name": "conformance-backup", "backup_type": "daily", "rotation": 1}}))
        .await?;
    run.wait_server(sid, &["ACTIVE"]).await?;
    for version in ["2.1", "2.23", "2.59", "2.80", "latest"] {
        run.query(
            "migrations",
            Admin,
            version,
            &[],
            json!({"instance_uuid": sid}),
        )
        .await?;
    }
    run.send(
        "servers::reset_state",
        Admin,
        "2.1",
        &[sid],
        json!({"os-resetState": {"state": "active"}}),
    )
    .await?;
    run.send(
        "server_external_events",
        Admin,
        "2.1",
        &[],
        json!({"events": [{"name": "network-changed", "server_uuid": sid}]}),
    )
    .await?;
    run.send(
        "server_external_events",
        Admin,
        "latest",
        &[],
        json!({"events": [{"name": "power-update", "server_uuid": sid, "tag": "POWER_ON"}]}),
    )
    .await?;
    optional_actions(run, sid).await;

    volumes_and_interfaces(run, sid).await?;

    // Instance actions, after every action above.
    for version in ["2.1", "2.21", "2.51", "2.58", "2.62", "2.84", "latest"] {
        let actions = run
            .get("servers::instance_actions::list", Member, version, &[sid])
            .await?;
        let request_id = text(&actions, "/instanceActions/0/request_id")?;
        run.get(
            "servers::instance_actions::get",
            Admin,
            version,
            &[sid, &request_id],
        )
        .await?;
        run.get(
            "servers::instance_actions::get",
            Member,
            version,
            &[sid, &request_id],
        )
        .await?;
    }

    // Shelve, unshelve, offload.
    act(
        run,
        "servers::shelve",
        sid,
        "2.1",
        json!({"shelve": null}),
        &["SHELVED", "SHELVED_OFFLOADED"],
    )
    .await?;
    if run.get("servers::get", Admin, "latest", &[sid]).await?["server"]["status"] == "SHELVED" {
        act(
            run,
            "servers::shelve_offload",
            sid,
            "2.1",
            json!({"shelveOffload": null}),
            &["SHELVED_OFFLOADED"],
        )
        .await?;
    } else {
        // Already offloaded: recorded, and the report says why it is not ok.
        let _ = run
            .send(
                "servers::shelve_offload",
                Admin,
                "2.1",
                &[sid],
                json!({"shelveOffload": null}),
            )
            .await;
    }
    act(
        run,
        "servers::unshelve",
        sid,
        "2.1",
        json!({"unshelve": null}),
        &["ACTIVE"],
    )
    .await?;
    act(
        run,
        "servers::shelve",
        sid,
        "2.1",
        json!({"shelve": null}),
        &["SHELVED", "SHELVED_OFFLOADED"],
    )
    .await?;
    act(
        run,
        "servers::unshelve",
        sid,
        "2.77",
        json!({"unshelve": {"availability_zone": "nova"}}),
        &["ACTIVE"],
    )
    .await?;

    // Usage, now that a server has run.
    run.get("simple_tenant_usage::list", Admin, "2.1", &[])
        .await?;
    run.query(
        "simple_tenant_usage::list",
        Admin,
        "2.40",
        &[],
        json!({"detailed": 1, "limit": 5}),
    )
    .await?;
    let project = run.ctx.project.clone();
    run.get("simple_tenant_usage::get", Member, "2.1", &[&project])
        .await?;
    run.query(
        "simple_tenant_usage::get",
        Reader,
        "2.40",
        &[&project],
        json!({"limit": 5}),
    )
    .await?;

    // A second server deleted the ordinary way, and this one force-deleted.
    let other = boot(run, "conformance-b", "2.1", json!([{"uuid": run.network}])).await?;
    run.get("servers::delete", Member, "2.1", &[&other]).await?;
    run.wait_server_gone(&other).await?;
    run.send(
        "servers::force_delete",
        Admin,
        "2.1",
        &[sid],
        json!({"forceDelete": null}),
    )
    .await?;
    run.wait_server_gone(sid).await?;
    Ok(())
}

/// Volume attachments and interfaces through Nova's Cinder and Neutron fixtures.
async fn volumes_and_interfaces(run: &Run, sid: &str) -> Step {
    let server = [sid];
    // The Cinder fixture answers for any volume id.
    let volume = "6ca404f3-d844-4169-bb96-bc792f37de98";
    run.send(
        "servers::volume_attachments::create",
        Member,
        "2.1",
        &[sid],
        json!({"volumeAttachment": {"volumeId": volume}}),
    )
    .await?;
    run.waiter
        .until(
            &["attached"],
            || run.get("servers::volume_attachments::list", Member, "2.1", &server),
            |reply: &Json| {
                let n = reply["volumeAttachments"].as_array().map_or(0, Vec::len);
                apiref::runtime::Observed::status(if n > 0 { "attached" } else { "attaching" })
            },
        )
        .await?;
    for version in ["2.1", "2.70", "2.79", "2.89", "latest"] {
        run.get("servers::volume_attachments::list", Member, version, &[sid])
            .await?;
        run.get(
            "servers::volume_attachments::get",
            Reader,
            version,
            &[sid, volume],
        )
        .await?;
    }
    run.remember("volume_id", volume);
    run.send(
        "servers::volume_attachments::update",
        Admin,
        "2.85",
        &[sid, volume],
        json!({"volumeAttachment": {"volumeId": volume, "delete_on_termination": true}}),
    )
    .await?;
    run.get(
        "servers::volume_attachments::delete",
        Member,
        "2.1",
        &[sid, volume],
    )
    .await?;
    run.waiter
        .until(
            &["detached"],
            || run.get("servers::volume_attachments::list", Member, "2.1", &server),
            |reply: &Json| {
                let n = reply["volumeAttachments"].as_array().map_or(0, Vec::len);
                apiref::runtime::Observed::status(if n == 0 { "detached" } else { "detaching" })
            },
        )
        .await?;

    let attached = run
        .send(
            "servers::interface::create",
            Member,
            "2.1",
            &[sid],
            json!({"interfaceAttachment": {"net_id": run.network}}),
        )
        .await?;
    let port = text(&attached, "/interfaceAttachment/port_id")?;
    for version in ["2.1", "2.70", "latest"] {
        run.get("servers::interface::list", Member, version, &[sid])
            .await?;
        run.get("servers::interface::get", Reader, version, &[sid, &port])
            .await?;
    }
    run.get("servers::interface::delete", Member, "2.1", &[sid, &port])
        .await?;
    run.remember("port_id", &port);
    Ok(())
}

/// Calls whose outcome depends on what the environment enables (consoles, the
/// removed nova-network actions, crash dumps): each is recorded, and the report,
/// not this lifecycle, judges it (ok, 410, or listed as not servable).
async fn optional_actions(run: &Run, sid: &str) {
    let calls = [
        (
            "servers::trigger_crash_dump",
            Member,
            "2.17",
            json!({"trigger_crash_dump": null}),
        ),
        (
            "servers::inject_network_info",
            Admin,
            "2.1",
            json!({"injectNetworkInfo": null}),
        ),
        (
            "servers::reset_network",
            Admin,
            "2.1",
            json!({"resetNetwork": null}),
        ),
        (
            "servers::get_vnc_console",
            Member,
            "2.1",
            json!({"os-getVNCConsole": {"type": "novnc"}}),
        ),
        (
            "servers::get_spice_console",
            Member,
            "2.1",
            json!({"os-getSPICEConsole": {"type": "spice-html5"}}),
        ),
        (
            "servers::get_serial_console",
            Member,
            "2.1",
            json!({"os-getSerialConsole": {"type": "serial"}}),
        ),
        (
            "servers::get_rdp_console",
            Member,
            "2.1",
            json!({"os-getRDPConsole": {"type": "rdp-html5"}}),
        ),
    ];
    for (operation, role, version, body) in calls {
        let _ = run.send(operation, role, version, &[sid], body).await;
    }
    let console = run
        .send(
            "servers::remote_consoles",
            Member,
            "2.6",
            &[sid],
            json!({"remote_console": {"protocol": "vnc", "type": "novnc"}}),
        )
        .await;
    // The token ends the URL, after `token=` or, percent-encoded in noVNC's
    // `path`, `token%3D`.
    let url = console
        .as_ref()
        .ok()
        .and_then(|c| c["remote_console"]["url"].as_str())
        .unwrap_or("");
    if let Some(token) = url
        .rsplit_once("token=")
        .or_else(|| url.rsplit_once("token%3D"))
        .map(|(_, t)| t)
    {
        let _ = run
            .get("console_auth_tokens::get", Admin, "2.31", &[token])
            .await;
    }
    let _ = run
        .get("servers::migrations::list", Admin, "2.23", &[sid])
        .await;
    let _ = run
        .get("servers::migrations::list", Admin, "latest", &[sid])
        .await;
    let _ = run
        .get("servers::shares::list", Member, "2.97", &[sid])
        .await;
    let _ = run
        .send(
            "servers::add_fixed_ip",
            Member,
            "2.1",
            &[sid],
            json!({"addFixedIp": {"networkId": run.network}}),
        )
        .await;
    if let Ok(ips) = run.get("servers::ips::list", Member, "2.1", &[sid]).await {
        if let Some(address) = ips["addresses"]["private"]
            .as_array()
            .and_then(|a| a.last())
            .and_then(|a| a["addr"].as_str())
        {
            let _ = run
                .send(
                    "servers::remove_fixed_ip",
                    Member,
                    "2.1",
                    &[sid],
                    json!({"removeFixedIp": {"address": address}}),
                )
                .await;
        }
    }
}
