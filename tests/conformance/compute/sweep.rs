//! The sweep: every operation no lifecycle called (successfully or not) is called once, as admin at
//! 2.1, with the reference's own request sample and the ids the lifecycles left,
//! so a removed API answers 410 and anything else shows what Nova said. Server
//! actions and deletes of shared resources are not swept: the lifecycles own them.

use compute_conformance::ctx::Role::Admin;
use compute_conformance::ctx::{path_args, sweep_body};
use compute_conformance::dispatch::{self, OPERATIONS};

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
    let called = run.ctx.called();
    let ids = run.ids.lock().expect("ids").clone();
    let seed = std::env::var("APIREF_NOVA_SERVER")?;
    for (op, method, path) in OPERATIONS {
        if called.contains(*op)
            || NOT_SWEPT.contains(op)
            || (path.ends_with("/action") && path.contains("{server_id}"))
        {
            continue;
        }
        let args = path_args(path, |name| match name {
                "server_id" => seed.clone(),
                other => ids.get(other).cloned().unwrap_or_else(|| "1".to_owned()),
            });
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let body = sweep_body(method, dispatch::request_sample(op));
        let _ = run.call(op, Admin, "2.1", &args, None, body).await;
    }
    Ok(())
}
