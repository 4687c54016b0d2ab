//! Typed errors from the real Neutron: each status the suite can provoke, checked
//! to arrive as its own `Error` variant with Neutron's fault type (its
//! `NeutronError.type`), its message and the request id.

use apiref::runtime::Client;
use network_conformance::ctx::Reply;
use network_conformance::ctx::Role::{Member, Reader};
use network_conformance::network as api;
use serde_json::json;

use crate::core::{delete_network, network_with_subnet};
use crate::{Run, Step, Unversioned};

/// 400, 401, 403, 404 and 409 from the real Neutron.
pub async fn typed_errors(run: &Run, url: &str) -> Step {
    let (net, _) = network_with_subnet(run, "errors", "10.99.0.0/24").await?;
    let expect =
        |r: &Reply, name: &str, status, fault| run.ctx.expect_error(name, r, status, fault);

    // 400: a CIDR that is not one.
    let bad_cidr = json!({"subnet": {"network_id": net, "ip_version": 4, "cidr": "not-a-cidr"}});
    let r = run.send("subnets::create", Member, &[], bad_cidr).await;
    expect(&r, "subnets::create with a bad CIDR", 400, "InvalidInput");

    // 401: an unknown token, through a generated function directly. Keystone's
    // middleware answers, in its own `{"error": {...}}` shape.
    let client = Client::builder(url).token("no-such-token").build()?;
    let r = api::networks::list(&client, &Default::default())
        .await
        .map(|r| serde_json::to_value(r.body).expect("json"));
    expect(
        &r,
        "networks::list with an unknown token",
        401,
        "Unauthorized",
    );

    // 403: a reader may not create a network.
    let by_reader = json!({"network": {"name": run.name("by-reader")}});
    let r = run.send("networks::create", Reader, &[], by_reader).await;
    expect(&r, "networks::create as reader", 403, "PolicyNotAuthorized");

    // 404: a network that does not exist.
    let nil = "00000000-0000-0000-0000-000000000000";
    let r = run.get("networks::get", Member, &[nil]).await;
    expect(&r, "networks::get of no network", 404, "NetworkNotFound");

    // 409: a network with a port on it cannot be deleted.
    let port = json!({"port": {"network_id": net}});
    let port = run
        .create("ports::create", Member, &[], port, "port_id")
        .await?;
    let r = run.get("networks::delete", Member, &[&net]).await;
    expect(
        &r,
        "networks::delete with a port in use",
        409,
        "NetworkInUse",
    );
    run.get("ports::delete", Member, &[&port]).await?;
    delete_network(run, &net).await
}
