//! The sweep: every operation no lifecycle called (successfully or not) is called once, as admin at
//! 2.1, with the reference's own request sample and the ids the lifecycles left,
//! so a removed API answers 410 and anything else shows what Nova said. Server
//! actions and deletes of shared resources are not swept: the lifecycles own them.

use crate::{Run, Step};

/// Operations the sweep leaves alone: they would change what other suites use.
/// The version documents are left too: under the /v2.1 prefix `GET /` becomes
/// `GET /v2.1/`, which answers another document (see `not_servable.rs`).
const NOT_SWEPT: &[&str] = &[
    "servers::delete",
    "services::delete",
    "images::delete",
    "root::list",
    "root::get",
];

/// Calls every operation not called yet (see the module doc).
pub async fn sweep(run: &Run) -> Step {
    let seed = std::env::var("APIREF_NOVA_SERVER")?;
    let skip = |op: &str, path: &str| {
        NOT_SWEPT.contains(&op) || (path.ends_with("/action") && path.contains("{server_id}"))
    };
    let server = |name: &str| (name == "server_id").then(|| seed.clone());
    run.ctx.sweep("2.1", "1", skip, server).await
}
