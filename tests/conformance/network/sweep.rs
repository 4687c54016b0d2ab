//! The sweep: every operation no lifecycle called (successfully or not) is called
//! once, as admin, with the reference's own request sample and live ids (a
//! network, subnet, port and router made for it, and what the lifecycles left),
//! so each operation this Neutron cannot serve shows in the report what Neutron
//! answered (404 for an extension not loaded, ...).

use network_conformance::ctx::Role::{Admin, Member};
use network_conformance::ctx::{path_args, sweep_body};
use network_conformance::dispatch::{self, OPERATIONS};
use serde_json::json;

use crate::core::network_with_subnet;
use crate::{Run, Step};

/// Resources the swept calls name, so their answers are about the call and not
/// about an id that does not exist.
async fn fixtures(run: &Run) -> Step {
    let (net, _) = network_with_subnet(run, "sweep", "10.98.0.0/24").await?;
    run.create(
        "ports::create",
        Member,
        &[],
        json!({"port": {"network_id": net, "name": run.name("sweep")}}),
        "port_id",
    )
    .await?;
    run.create(
        "routers::create",
        Member,
        &[],
        json!({"router": {"name": run.name("sweep"),
                          "external_gateway_info": {"network_id": run.external_network}}}),
        "router_id",
    )
    .await?;
    Ok(())
}

/// Calls every operation not called yet (see the module doc).
pub async fn sweep(run: &Run) -> Step {
    let called = run.ctx.called();
    fixtures(run).await?;
    let ids = run.ids.lock().expect("ids").clone();
    for (op, method, path) in OPERATIONS {
        if called.contains(*op) {
            continue;
        }
        let args = path_args(path, |name| {
                ids.get(name)
                    .cloned()
                    .unwrap_or_else(|| "00000000-0000-0000-0000-000000000000".to_owned())
            });
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let body = sweep_body(method, dispatch::request_sample(op));
        let _ = run.call(op, Admin, &args, None, body).await;
    }
    Ok(())
}
