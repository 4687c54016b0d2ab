//! The sweep: every operation no lifecycle called (successfully or not) is called
//! once, as admin at 3.71, with the reference's own request sample and the ids
//! the lifecycles left, so the report shows what Cinder said to each.

use block_storage_conformance::ctx::Role::Admin;
use block_storage_conformance::dispatch::{self, OPERATIONS};

use crate::{Run, Step};

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
    for (op, method, path) in OPERATIONS {
        if called.contains(*op) {
            continue;
        }
        let args: Vec<String> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| match name {
                "project_id" | "admin_project_id" | "project-id" => run.project.clone(),
                other => ids.get(other).cloned().unwrap_or_else(|| "1".to_owned()),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let body = match *method {
            "POST" | "PUT" => dispatch::request_sample(op).or(Some(serde_json::json!({}))),
            _ => None,
        };
        let _ = run.call(op, Admin, "3.71", &args, None, body).await;
    }
    Ok(())
}
