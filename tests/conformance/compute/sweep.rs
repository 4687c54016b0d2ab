//! The sweep: every operation no lifecycle called (successfully or not) is called once, as admin at
//! 2.1, with the reference's own request sample and the ids the lifecycles left,
//! so a removed API answers 410 and anything else shows what Nova said. Server
//! actions and deletes of shared resources are not swept: the lifecycles own them.

use compute_conformance::ctx::Role::Admin;
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
    let called: std::collections::BTreeSet<String> = run
        .ctx
        .records_jsonl()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|r| r["op"].as_str().map(str::to_owned))
        .collect();
    let ids = run.ids.lock().expect("ids").clone();
    let seed = std::env::var("APIREF_NOVA_SERVER")?;
    for (op, method, path) in OPERATIONS {
        if called.contains(*op)
            || NOT_SWEPT.contains(op)
            || (path.ends_with("/action") && path.contains("{server_id}"))
        {
            continue;
        }
        let args: Vec<String> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| match name {
                "server_id" => seed.clone(),
                other => ids.get(other).cloned().unwrap_or_else(|| "1".to_owned()),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let body = match *method {
            "POST" | "PUT" => dispatch::request_sample(op).or(Some(serde_json::json!({}))),
            _ => None,
        };
        let _ = run.call(op, Admin, "2.1", &args, None, body).await;
    }
    Ok(())
}
