//! Servers: boot, read at every shape-changing microversion as every role, update,
//! metadata, tags, every action the fake driver supports (each waited for with the
//! runtime's `Waiter`), instance actions, volumes and interfaces through Nova's
//! Cinder and Neutron fixtures, migrations, external events, delete.

use apiref::runtime::{Json, Observed};
use compute_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::{Run, SERVER_VERSIONS, Step, Versioned, text};

/// The statuses an action leaves the server in, any one of them; none for an
/// action that leaves the status alone and is not waited for.
type Targets = &'static [&'static str];

const ACTIVE: Targets = &["ACTIVE"];

/// Shelved, or already offloaded (Nova may offload at once).
const SHELVED: Targets = &["SHELVED", "SHELVED_OFFLOADED"];

/// A server action: its operation, version, body, and what it is waited for.
type Action<'a> = (&'a str, &'a str, Json, Targets);

/// Runs each action as the member, in turn, and waits for its targets; returns
/// the last one's reply.
async fn act<const N: usize>(run: &Run, sid: &str, actions: [Action<'_>; N]) -> Step<Json> {
    let mut reply = Json::Null;
    for (op, version, body, targets) in actions {
        reply = run.send(op, Member, version, &[sid], body).await?;
        if !targets.is_empty() {
            run.wait_server(sid, targets).await?;
        }
    }
    Ok(reply)
}

/// Boots a server at `version` with `networks` and waits until it is ACTIVE.
async fn boot(run: &Run, name: &str, version: &str, networks: Json) -> Step<String> {
    let server =
        json!({"name": name, "imageRef": run.image, "flavorRef": "1", "networks": networks});
    let created = run
        .send(
            "servers::create",
            Member,
            version,
            &[],
            json!({ "server": server }),
        )
        .await?;
    let id = text(&created, "/server/id")?;
    run.wait_server(&id, ACTIVE).await?;
    Ok(id)
}

/// Deletes a server as the member and waits until it is gone.
async fn delete(run: &Run, id: &str) -> Step {
    run.get("servers::delete", Member, "2.1", &[id]).await?;
    run.wait_server_gone(id).await?;
    Ok(())
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
        delete(run, &id).await?;
    }
    // Two servers in one call; with `return_reservation_id` the reply is only that.
    for reservation in [true, false] {
        let mut server = json!({"name": "conformance-multi", "imageRef": run.image, "flavorRef": "1",
                                "networks": "none", "min_count": "2", "max_count": "2"});
        if reservation {
            server["return_reservation_id"] = json!("True");
        }
        run.send(
            "servers::create_multiple",
            Member,
            "2.37",
            &[],
            json!({ "server": server }),
        )
        .await?;
    }
    cleanup(run).await
}

/// Deletes every server this program made (by name), this run's or an earlier
/// one's, and waits until they are gone: quota is ten servers.
pub async fn cleanup(run: &Run) -> Step {
    let query = json!({"name": "^conformance-"});
    let list = run.query("servers::list", Admin, "2.1", &[], query).await?;
    let ids: Vec<&str> = list["servers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .collect();
    for &id in &ids {
        run.get("servers::delete", Admin, "2.1", &[id]).await?;
    }
    for &id in &ids {
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
        run.every_role(version, &[("servers::get", &[sid])]).await?;
        for (op, role, query) in [
            (
                "servers::list",
                Member,
                json!({"name": "conformance", "limit": 5}),
            ),
            (
                "servers::list_detailed",
                Admin,
                json!({"all_tenants": true, "status": "ACTIVE"}),
            ),
            ("servers::list_detailed", Reader, json!({"limit": 1})),
        ] {
            run.query(op, role, version, &[], query).await?;
        }
    }
    run.two_pages("servers::list", Member, "/servers/0/id")
        .await?;
    for (version, server) in [
        ("2.1", json!({"name": "conformance-a2"})),
        ("latest", json!({"description": "updated"})),
    ] {
        let body = json!({ "server": server });
        run.send("servers::update", Member, version, &[sid], body)
            .await?;
    }

    // Metadata: written whole, merged, and one key; read by every role.
    for (op, metadata) in [
        ("servers::metadata::create", json!({"a": "1", "b": "2"})),
        ("servers::metadata::replace", json!({"a": "1", "c": "3"})),
    ] {
        let body = json!({ "metadata": metadata });
        run.send(op, Member, "2.1", &[sid], body).await?;
    }
    let key = json!({"meta": {"d": "4"}});
    run.send("servers::metadata::update", Member, "2.1", &[sid, "d"], key)
        .await?;
    run.every_role(
        "2.1",
        &[
            ("servers::metadata::list", &[sid]),
            ("servers::metadata::get", &[sid, "a"]),
        ],
    )
    .await?;
    run.get("servers::metadata::delete", Member, "2.1", &[sid, "c"])
        .await?;

    // Tags (2.26): replaced, one added, read by every role, one deleted, servers
    // listed by tag, all deleted.
    let tags = json!({"tags": ["red", "blue"]});
    run.send("servers::tags::replace", Member, "2.26", &[sid], tags)
        .await?;
    run.get("servers::tags::add", Member, "2.26", &[sid, "green"])
        .await?;
    run.every_role(
        "2.26",
        &[
            ("servers::tags::list", &[sid]),
            ("servers::tags::get", &[sid, "green"]),
        ],
    )
    .await?;
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

    // Addresses, password, diagnostics, topology, console output.
    for (op, role, version, args) in [
        ("servers::ips::list", Reader, "2.1", &[sid][..]),
        ("servers::ips::get", Member, "2.1", &[sid, "private"]),
        ("servers::server_password::get", Member, "2.1", &[sid]),
        ("servers::server_password::delete", Member, "2.1", &[sid]),
        ("servers::diagnostics", Admin, "2.1", &[sid]),
        ("servers::diagnostics", Admin, "2.48", &[sid]),
        ("servers::topology", Admin, "2.78", &[sid]),
    ] {
        run.get(op, role, version, args).await?;
    }
    let length = json!({"os-getConsoleOutput": {"length": 5}});
    run.send("servers::get_console_output", Member, "2.1", &[sid], length)
        .await?;

    // Actions the fake driver carries out, each waited for; a lock with a reason
    // (2.73) a reader sees.
    act(
        run,
        sid,
        [
            (
                "servers::reboot",
                "2.1",
                json!({"reboot": {"type": "SOFT"}}),
                ACTIVE,
            ),
            (
                "servers::reboot",
                "2.1",
                json!({"reboot": {"type": "HARD"}}),
                ACTIVE,
            ),
            (
                "servers::stop",
                "2.1",
                json!({"os-stop": null}),
                &["SHUTOFF"],
            ),
            ("servers::start", "2.1", json!({"os-start": null}), ACTIVE),
            ("servers::pause", "2.1", json!({"pause": null}), &["PAUSED"]),
            ("servers::unpause", "2.1", json!({"unpause": null}), ACTIVE),
            (
                "servers::suspend",
                "2.1",
                json!({"suspend": null}),
                &["SUSPENDED"],
            ),
            ("servers::resume", "2.1", json!({"resume": null}), ACTIVE),
            (
                "servers::lock",
                "2.73",
                json!({"lock": {"locked_reason": "conformance"}}),
                &[],
            ),
        ],
    )
    .await?;
    run.get("servers::get", Reader, "2.73", &[sid]).await?;
    act(
        run,
        sid,
        [
            ("servers::unlock", "2.1", json!({"unlock": null}), &[]),
            (
                "servers::rescue",
                "2.1",
                json!({"rescue": {"adminPass": "conformance"}}),
                &["RESCUE"],
            ),
            (
                "servers::unrescue",
                "2.1",
                json!({"unrescue": null}),
                ACTIVE,
            ),
            (
                "servers::change_password",
                "2.1",
                json!({"changePassword": {"adminPass": "s3cret"}}),
                &[],
            ),
            (
                "servers::resize",
                "2.1",
                json!({"resize": {"flavorRef": "2"}}),
                &["VERIFY_RESIZE"],
            ),
        ],
    )
    .await?;
    // The resize's migration, while it waits to be confirmed or reverted.
    run.get("migrations", Admin, "2.1", &[]).await?;
    let snapshot = act(
        run,
        sid,
        [
            (
                "servers::revert_resize",
                "2.1",
                json!({"revertResize": null}),
                ACTIVE,
            ),
            (
                "servers::resize",
                "2.1",
                json!({"resize": {"flavorRef": "2"}}),
                &["VERIFY_RESIZE"],
            ),
            (
                "servers::confirm_resize",
                "2.1",
                json!({"confirmResize": null}),
                ACTIVE,
            ),
            (
                "servers::rebuild",
                "2.1",
                json!({"rebuild": {"imageRef": run.image, "name": "conformance-rebuilt"}}),
                ACTIVE,
            ),
            (
                "servers::rebuild",
                "latest",
                json!({"rebuild": {"imageRef": run.image, "description": "rebuilt"}}),
                ACTIVE,
            ),
            (
                "servers::create_image",
                "2.45",
                json!({"createImage": {"name": "conformance-snapshot"}}),
                ACTIVE,
            ),
        ],
    )
    .await?;
    let image = text(&snapshot, "/image_id")?;
    run.get("images::delete", Member, "2.1", &[&image]).await?;
    let backup = json!({"createBackup": {"name": "conformance-backup", "backup_type": "daily", "rotation": 1}});
    act(
        run,
        sid,
        [("servers::create_backup", "2.45", backup, ACTIVE)],
    )
    .await?;
    for version in ["2.1", "2.23", "2.59", "2.80", "latest"] {
        let query = json!({"instance_uuid": sid});
        run.query("migrations", Admin, version, &[], query).await?;
    }
    let state = json!({"os-resetState": {"state": "active"}});
    run.send("servers::reset_state", Admin, "2.1", &[sid], state)
        .await?;
    for (version, event) in [
        (
            "2.1",
            json!({"name": "network-changed", "server_uuid": sid}),
        ),
        (
            "latest",
            json!({"name": "power-update", "server_uuid": sid, "tag": "POWER_ON"}),
        ),
    ] {
        let events = json!({"events": [event]});
        run.send("server_external_events", Admin, version, &[], events)
            .await?;
    }
    optional_actions(run, sid).await;

    volumes_and_interfaces(run, sid).await?;

    // Instance actions, after every action above.
    for version in ["2.1", "2.21", "2.51", "2.58", "2.62", "2.84", "latest"] {
        let actions = run
            .get("servers::instance_actions::list", Member, version, &[sid])
            .await?;
        let request_id = text(&actions, "/instanceActions/0/request_id")?;
        for role in [Admin, Member] {
            let args = [sid, request_id.as_str()];
            run.get("servers::instance_actions::get", role, version, &args)
                .await?;
        }
    }

    // Shelved and unshelved twice, the second time into a zone (2.77); offloaded
    // the first time, unless Nova already did.
    for (first, version, unshelve) in [
        (true, "2.1", Json::Null),
        (false, "2.77", json!({"availability_zone": "nova"})),
    ] {
        let shelve = json!({"shelve": null});
        act(run, sid, [("servers::shelve", "2.1", shelve, SHELVED)]).await?;
        if first {
            offload(run, sid).await?;
        }
        let unshelve = json!({ "unshelve": unshelve });
        act(run, sid, [("servers::unshelve", version, unshelve, ACTIVE)]).await?;
    }

    // Usage, now that a server has run.
    let project = run.ctx.project.as_str();
    run.get("simple_tenant_usage::list", Admin, "2.1", &[])
        .await?;
    let detailed = json!({"detailed": 1, "limit": 5});
    run.query("simple_tenant_usage::list", Admin, "2.40", &[], detailed)
        .await?;
    run.get("simple_tenant_usage::get", Member, "2.1", &[project])
        .await?;
    let limit = json!({"limit": 5});
    run.query(
        "simple_tenant_usage::get",
        Reader,
        "2.40",
        &[project],
        limit,
    )
    .await?;

    // A second server deleted the ordinary way, and this one force-deleted.
    let other = boot(run, "conformance-b", "2.1", json!([{"uuid": run.network}])).await?;
    delete(run, &other).await?;
    let force = json!({"forceDelete": null});
    run.send("servers::force_delete", Admin, "2.1", &[sid], force)
        .await?;
    run.wait_server_gone(sid).await?;
    Ok(())
}

/// Offloads a shelved server, as the member; one Nova offloaded already is sent
/// the offload as admin, recorded, and the report says why it is not ok.
async fn offload(run: &Run, sid: &str) -> Step {
    let server = run.get("servers::get", Admin, "latest", &[sid]).await?;
    let body = json!({"shelveOffload": null});
    if server["server"]["status"] == "SHELVED" {
        act(
            run,
            sid,
            [(
                "servers::shelve_offload",
                "2.1",
                body,
                &["SHELVED_OFFLOADED"],
            )],
        )
        .await?;
    } else {
        let _ = run
            .send("servers::shelve_offload", Admin, "2.1", &[sid], body)
            .await;
    }
    Ok(())
}

/// Waits until the server has a volume attached (`attached`), or none.
async fn wait_attachments(run: &Run, sid: &str, attached: bool) -> Step {
    let (done, pending) = if attached {
        ("attached", "attaching")
    } else {
        ("detached", "detaching")
    };
    let args = [sid];
    run.waiter
        .until(
            &[done],
            || run.get("servers::volume_attachments::list", Member, "2.1", &args),
            |reply: &Json| {
                let n = reply["volumeAttachments"].as_array().map_or(0, Vec::len);
                Observed::status(if (n > 0) == attached { done } else { pending })
            },
        )
        .await?;
    Ok(())
}

/// Volume attachments and interfaces through Nova's Cinder and Neutron fixtures.
async fn volumes_and_interfaces(run: &Run, sid: &str) -> Step {
    // The Cinder fixture answers for any volume id.
    let volume = "6ca404f3-d844-4169-bb96-bc792f37de98";
    let attach = json!({"volumeAttachment": {"volumeId": volume}});
    run.send(
        "servers::volume_attachments::create",
        Member,
        "2.1",
        &[sid],
        attach,
    )
    .await?;
    wait_attachments(run, sid, true).await?;
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
    let update = json!({"volumeAttachment": {"volumeId": volume, "delete_on_termination": true}});
    run.send(
        "servers::volume_attachments::update",
        Admin,
        "2.85",
        &[sid, volume],
        update,
    )
    .await?;
    run.get(
        "servers::volume_attachments::delete",
        Member,
        "2.1",
        &[sid, volume],
    )
    .await?;
    wait_attachments(run, sid, false).await?;

    let interface = json!({"interfaceAttachment": {"net_id": run.network}});
    let attached = run
        .send(
            "servers::interface::create",
            Member,
            "2.1",
            &[sid],
            interface,
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
    let remote = json!({"remote_console": {"protocol": "vnc", "type": "novnc"}});
    let console = run
        .send("servers::remote_consoles", Member, "2.6", &[sid], remote)
        .await;
    // The token ends the URL, after `token=` or, percent-encoded in noVNC's
    // `path`, `token%3D`.
    let url = console
        .as_ref()
        .ok()
        .and_then(|c| c["remote_console"]["url"].as_str())
        .unwrap_or("");
    if let Some((_, token)) = url
        .rsplit_once("token=")
        .or_else(|| url.rsplit_once("token%3D"))
    {
        let _ = run
            .get("console_auth_tokens::get", Admin, "2.31", &[token])
            .await;
    }
    for (op, role, version) in [
        ("servers::migrations::list", Admin, "2.23"),
        ("servers::migrations::list", Admin, "latest"),
        ("servers::shares::list", Member, "2.97"),
    ] {
        let _ = run.get(op, role, version, &[sid]).await;
    }
    let fixed = json!({"addFixedIp": {"networkId": run.network}});
    let _ = run
        .send("servers::add_fixed_ip", Member, "2.1", &[sid], fixed)
        .await;
    if let Ok(ips) = run.get("servers::ips::list", Member, "2.1", &[sid]).await
        && let Some(address) = ips["addresses"]["private"]
            .as_array()
            .and_then(|a| a.last())
            .and_then(|a| a["addr"].as_str())
    {
        let fixed = json!({"removeFixedIp": {"address": address}});
        let _ = run
            .send("servers::remove_fixed_ip", Member, "2.1", &[sid], fixed)
            .await;
    }
}
