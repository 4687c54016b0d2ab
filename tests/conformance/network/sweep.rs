//! The sweep: every operation no lifecycle called (successfully or not) is called
//! once, as admin, with the reference's own request sample and live ids (a
//! network, subnet, port and router made for it, and what the lifecycles left),
//! so each operation this Neutron cannot serve shows in the report what Neutron
//! answered (404 for an extension not loaded, ...).

use crate::core::{network_with_subnet, port, router};
use crate::{Run, Step};

/// Resources the swept calls name, so their answers are about the call and not
/// about an id that does not exist.
async fn fixtures(run: &Run) -> Step {
    let (net, _) = network_with_subnet(run, "sweep", "10.98.0.0/24").await?;
    port(run, &net, "sweep").await?;
    router(run, "sweep").await?;
    Ok(())
}

/// Calls every operation not called yet (see the module doc). An id no
/// lifecycle left is a well-formed one that names nothing.
pub async fn sweep(run: &Run) -> Step {
    fixtures(run).await?;
    let nil = "00000000-0000-0000-0000-000000000000";
    run.ctx.sweep("", nil, |_, _| false, |_| None).await
}
