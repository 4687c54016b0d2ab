//! The Cinder conformance program: real lifecycles through the client generated
//! from Cinder's block-storage reference, every call recorded (see `ctx.rs`), then a
//! sweep that calls each operation no lifecycle reached once. Built and run by
//! `tests/block_storage_conformance.rs`, which turns the record into the report.

mod admin;
mod data;
mod errors;
mod groups;
mod sweep;
mod types;
mod volumes;

use std::time::Duration;

use apiref::runtime::{Json, Observed, WaitError, Waiter};
use block_storage_conformance::ctx::{Ctx, Role};
use block_storage_conformance::dispatch;

pub use block_storage_conformance::ctx::{ALL_ROLES, Step, Versioned, text};

/// The versions where a volume's shape changes: 3.48 adds `shared_targets` and
/// `service_uuid`, 3.63 `volume_type_id`, 3.65 `consumes_quota`, 3.69 lets
/// `shared_targets` be null; "" is 3.0.
pub const VOLUME_VERSIONS: &[&str] = &["", "3.48", "3.63", "3.65", "3.71"];

/// The fake backend's host, pool and all.
pub const HOST: &str = "cinder-harness@fake";

/// The run's state: the calls, and what the environment offers.
pub struct Run {
    /// Calls and the record.
    pub ctx: Ctx,
    /// The waiter every lifecycle uses instead of sleeps.
    pub waiter: Waiter,
    /// Cinder's URL, for the clients the error checks build.
    pub url: String,
    /// The project of the tokens: the first path argument of most operations.
    pub project: String,
    /// The other token's project, for transfers and type access.
    pub other_project: String,
}

impl Versioned for Run {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl Run {
    /// An action whose body is the reference's own sample.
    pub async fn sample(&self, op: &str, role: Role, version: &str, args: &[&str]) -> Step<Json> {
        let body = dispatch::request_sample(op).ok_or_else(|| format!("{op}: no sample"))?;
        Ok(self.ctx.send(op, role, version, args, body).await?)
    }

    /// Waits until the resource `get` reads (`volumes::get`, at `/volume`) has
    /// one of `targets`; `error` (and `error_*`) ends the wait at once.
    pub async fn wait(
        &self,
        get: &str,
        pointer: &str,
        id: &str,
        targets: &[&str],
    ) -> Result<Json, WaitError> {
        let args = [id];
        let field = format!("{pointer}/status");
        self.waiter
            .until(
                targets,
                || self.ctx.get(get, Role::Admin, "3.71", &args),
                |reply: &Json| {
                    Observed::status(reply.pointer(&field).and_then(Json::as_str).unwrap_or("?"))
                },
            )
            .await
    }

    /// Waits for a volume.
    pub async fn wait_volume(&self, id: &str, targets: &[&str]) -> Result<Json, WaitError> {
        self.wait("volumes::get", "/volume", id, targets).await
    }

    /// Waits until `get` answers 404 for `id`.
    pub async fn wait_gone(&self, get: &str, pointer: &str, id: &str) -> Result<(), WaitError> {
        let args = [id];
        let field = format!("{pointer}/status");
        self.waiter
            .until_gone(
                || self.ctx.get(get, Role::Admin, "3.71", &args),
                |reply: &Json| {
                    Observed::status(reply.pointer(&field).and_then(Json::as_str).unwrap_or("?"))
                },
            )
            .await
    }
}

#[tokio::main]
async fn main() {
    let url = std::env::var("APIREF_CINDER_URL").expect("APIREF_CINDER_URL");
    let project = std::env::var("APIREF_CINDER_PROJECT").expect("APIREF_CINDER_PROJECT");
    // The harness's fixed tokens; the other project's is fixed too.
    let ctx = Ctx::new(
        &url,
        &project,
        ["admin-token", "member-token", "reader-token"],
    )
    .and_then(|ctx| ctx.with_other(&url, "other-project-token"))
    .expect("clients")
    .project_in_paths();
    let run = Run {
        ctx,
        waiter: Waiter::new(Duration::from_secs(60))
            .delays(Duration::from_millis(50), Duration::from_secs(1))
            .fail_on([
                "error",
                "error_deleting",
                "error_restoring",
                "error_extending",
            ]),
        url: url.clone(),
        project,
        other_project: std::env::var("APIREF_CINDER_OTHER_PROJECT")
            .expect("APIREF_CINDER_OTHER_PROJECT"),
    };

    run.ctx.lifecycle("discovery", admin::discovery(&run)).await;
    // Quotas list a key per volume type: read them while only Cinder's own exist.
    run.ctx
        .lifecycle("quotas and limits", admin::quotas(&run))
        .await;
    run.ctx.lifecycle("types", types::volume_types(&run)).await;
    run.ctx.lifecycle("qos specs", types::qos_specs(&run)).await;
    run.ctx.lifecycle("volumes", volumes::lifecycle(&run)).await;
    run.ctx
        .lifecycle("attachments", volumes::attachments(&run))
        .await;
    run.ctx
        .lifecycle("failed volume", volumes::failed(&run))
        .await;
    run.ctx.lifecycle("snapshots", data::snapshots(&run)).await;
    run.ctx.lifecycle("backups", data::backups(&run)).await;
    run.ctx.lifecycle("transfers", data::transfers(&run)).await;
    run.ctx
        .lifecycle("migration", volumes::migration(&run))
        .await;
    run.ctx.lifecycle("manage", volumes::manage(&run)).await;
    run.ctx.lifecycle("groups", groups::lifecycle(&run)).await;
    run.ctx
        .lifecycle("group replication", groups::replication(&run))
        .await;
    run.ctx
        .lifecycle("consistency groups", groups::consistency_groups(&run))
        .await;
    run.ctx.lifecycle("services", admin::services(&run)).await;
    run.ctx
        .lifecycle("typed errors", errors::typed_errors(&run))
        .await;
    run.ctx.lifecycle("sweep", sweep::sweep(&run)).await;
    run.ctx.lifecycle("cleanup", volumes::cleanup(&run)).await;

    run.ctx.write_records();
}
