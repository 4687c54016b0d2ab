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

use apiref::runtime::{Error, Json, Observed, WaitError, Waiter};
use block_storage_conformance::ctx::{Ctx, Reply, Role};
use block_storage_conformance::dispatch;
use serde_json::json;

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

/// What one call sends, so that a table of calls can mix them.
#[derive(Clone)]
pub enum Body {
    /// Nothing.
    Empty,
    /// This query.
    Query(Json),
    /// The reference's own request sample.
    Sample,
    /// This body.
    Send(Json),
}

/// The query of a list of every project's resources, as admin.
pub fn all_projects() -> Body {
    Body::Query(json!({"all_tenants": "1"}))
}

impl Run {
    /// An action whose body is the reference's own sample.
    pub async fn sample(&self, op: &str, role: Role, version: &str, args: &[&str]) -> Reply {
        let body = dispatch::request_sample(op).ok_or_else(|| Error::InvalidArgument {
            name: "body".to_owned(),
            reason: format!("{op}: no sample"),
        })?;
        self.ctx.send(op, role, version, args, body).await
    }

    /// One call of `op`, sending `body`.
    pub async fn request(
        &self,
        op: &str,
        role: Role,
        version: &str,
        args: &[&str],
        body: Body,
    ) -> Reply {
        match body {
            Body::Empty => self.get(op, role, version, args).await,
            Body::Query(query) => self.query(op, role, version, args, query).await,
            Body::Sample => self.sample(op, role, version, args).await,
            Body::Send(body) => self.send(op, role, version, args, body).await,
        }
    }

    /// The calls of `table` in turn, each `(op, role, body)` at `version` with
    /// `args`; the first that fails ends them.
    pub async fn requests<const N: usize>(
        &self,
        version: &str,
        args: &[&str],
        table: [(&str, Role, Body); N],
    ) -> Step {
        for (op, role, body) in table {
            self.request(op, role, version, args, body).await?;
        }
        Ok(())
    }

    /// Creates by `op` with `body`; returns the new resource's id, at `pointer`
    /// of the reply.
    pub async fn create(
        &self,
        op: &str,
        role: Role,
        version: &str,
        body: Json,
        pointer: &str,
    ) -> Step<String> {
        let created = self.send(op, role, version, &[], body).await?;
        text(&created, pointer)
    }

    /// Reads `{resource}::get` of `id`, `{resource}::list` and
    /// `{resource}::list_detailed` (sending `detailed`) at each of `versions`, as
    /// the three roles in that order.
    pub async fn read(
        &self,
        resource: &str,
        id: &str,
        versions: &[&str],
        [get, list, list_detailed]: [Role; 3],
        detailed: Body,
    ) -> Step {
        let [get_op, list_op, detailed_op] =
            ["get", "list", "list_detailed"].map(|op| format!("{resource}::{op}"));
        for version in versions {
            self.get(&get_op, get, version, &[id]).await?;
            self.get(&list_op, list, version, &[]).await?;
            self.request(&detailed_op, list_detailed, version, &[], detailed.clone())
                .await?;
        }
        Ok(())
    }

    /// Waits until the string at `field` of what `get` reads of `id` at
    /// `version` is one of `targets`; `error` (and `error_*`) ends the wait at
    /// once.
    pub async fn wait_for(
        &self,
        get: &str,
        version: &str,
        field: &str,
        id: &str,
        targets: &[&str],
    ) -> Result<Json, WaitError> {
        let args = [id];
        self.waiter
            .until(
                targets,
                || self.ctx.get(get, Role::Admin, version, &args),
                status_at(field),
            )
            .await
    }

    /// Waits until the resource `get` reads (`volumes::get`, at `/volume`) has
    /// the status of one of `targets`.
    pub async fn wait(
        &self,
        get: &str,
        pointer: &str,
        id: &str,
        targets: &[&str],
    ) -> Result<Json, WaitError> {
        let field = format!("{pointer}/status");
        self.wait_for(get, "3.71", &field, id, targets).await
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
                status_at(&field),
            )
            .await
    }
}

/// What a wait sees of a reply: the string at `field`, as its status.
fn status_at(field: &str) -> impl Fn(&Json) -> Observed + '_ {
    move |reply| Observed::status(reply.pointer(field).and_then(Json::as_str).unwrap_or("?"))
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
