//! Trunks: a parent port with subports added and removed, the trunk's details on
//! its parent port.

use network_conformance::ctx::Role::{Admin, Member, Reader};
use serde_json::json;

use crate::core::{delete_network, network_with_subnet, port};
use crate::{Run, Step, Unversioned};

/// The trunk lifecycle.
pub async fn trunks(run: &Run) -> Step {
    let (net, _) = network_with_subnet(run, "trunk", "10.90.0.0/24").await?;
    let mut ports = Vec::new();
    for what in ["parent", "sub-1", "sub-2"] {
        ports.push(port(run, &net, what).await?);
    }
    let trunk = run
        .make(
            "trunks",
            Member,
            &[],
            json!({"trunk": {"name": run.name("trunk"), "port_id": ports[0],
                             "description": "a trunk", "admin_state_up": true,
                             "sub_ports": [{"port_id": ports[1], "segmentation_type": "vlan",
                                            "segmentation_id": 101}]}}),
            "trunk_id",
        )
        .await?;
    trunk.read_by_all().await?;
    let added = json!({"port_id": ports[2], "segmentation_type": "vlan", "segmentation_id": 102});
    trunk
        .send("add_subports", Member, json!({"sub_ports": [added]}))
        .await?;
    trunk.call("get_subports", Reader).await?;
    for role in [Member, Admin] {
        run.get("ports::get_trunk", role, &[&ports[0]]).await?;
    }
    let removed = json!({"sub_ports": [{"port_id": ports[2]}]});
    trunk.send("remove_subports", Member, removed).await?;
    let renamed = json!({"trunk": {"name": run.name("trunk-renamed"), "description": "renamed"}});
    trunk.update(Member, renamed).await?;
    trunk.filter(Member, json!({"port_id": ports[0]})).await?;
    trunk.delete(Member).await?;
    for port in &ports {
        run.get("ports::delete", Member, &[port]).await?;
    }
    delete_network(run, &net).await
}
