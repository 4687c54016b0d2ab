//! Trunks: a parent port with subports added and removed, the trunk's details on
//! its parent port.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::{delete_network, network_with_subnet};
use crate::{ALL_ROLES, Run, Step, Unversioned};

/// The trunk lifecycle.
pub async fn trunks(run: &Run) -> Step {
    let (net, _) = network_with_subnet(run, "trunk", "10.90.0.0/24").await?;
    let mut ports = Vec::new();
    for what in ["parent", "sub-1", "sub-2"] {
        ports.push(
            run.create(
                "ports::create",
                Member,
                &[],
                json!({"port": {"network_id": net, "name": run.name(what)}}),
                "port_id",
            )
            .await?,
        );
    }
    let id = run
        .create(
            "trunks::create",
            Member,
            &[],
            json!({"trunk": {"name": run.name("trunk"), "port_id": ports[0],
                             "description": "a trunk", "admin_state_up": true,
                             "sub_ports": [{"port_id": ports[1], "segmentation_type": "vlan",
                                            "segmentation_id": 101}]}}),
            "trunk_id",
        )
        .await?;
    for role in ALL_ROLES {
        run.get("trunks::get", role, &[&id]).await?;
    }
    run.send(
        "trunks::add_subports",
        Member,
        &[&id],
        json!({"sub_ports": [{"port_id": ports[2], "segmentation_type": "vlan",
                              "segmentation_id": 102}]}),
    )
    .await?;
    run.get("trunks::get_subports", Reader, &[&id]).await?;
    run.get("ports::get_trunk", Member, &[&ports[0]]).await?;
    run.get("ports::get_trunk", Admin, &[&ports[0]]).await?;
    run.send(
        "trunks::remove_subports",
        Member,
        &[&id],
        json!({"sub_ports": [{"port_id": ports[2]}]}),
    )
    .await?;
    run.send(
        "trunks::update",
        Member,
        &[&id],
        json!({"trunk": {"name": run.name("trunk-renamed"), "description": "renamed"}}),
    )
    .await?;
    run.query("trunks::list", Member, &[], json!({"port_id": ports[0]}))
        .await?;
    run.get("trunks::delete", Member, &[&id]).await?;
    for port in &ports {
        run.get("ports::delete", Member, &[port]).await?;
    }
    delete_network(run, &net).await
}
