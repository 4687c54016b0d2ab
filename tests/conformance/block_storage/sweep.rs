//! The sweep: every operation no lifecycle called (successfully or not) is called
//! once, as admin at 3.71, with the reference's own request sample and the ids
//! the lifecycles left, so the report shows what Cinder said to each.

use block_storage_conformance::ctx::Role::Admin;
use block_storage_conformance::ctx::{path_args, sweep_body};
use block_storage_conformance::dispatch::{self, OPERATIONS};

use crate::{Run, Step};

/// Calls every operation not called yet (see the module doc).
pub async fn sweep(run: &Run) -> Step {
    let called = run.ctx.called();
    let ids = run.ids.lock().expect("ids").clone();
    for (op, method, path) in OPERATIONS {
        if called.contains(*op) {
            continue;
        }
        let args = path_args(path, |name| match name {
                "project_id" | "admin_project_id" | "project-id" => run.project.clone(),
                other => ids.get(other).cloned().unwrap_or_else(|| "1".to_owned()),
            });
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let body = sweep_body(method, dispatch::request_sample(op));
        let _ = run.call(op, Admin, "3.71", &args, None, body).await;
    }
    Ok(())
}
