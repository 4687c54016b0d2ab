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
use block_storage_conformance::ctx::{Ctx, Role};
use block_storage_conformance::dispatch;

pub use block_storage_conformance::ctx::Step;

/// The versions where a volume's shape changes: 3.48 adds `shared_targets` and
/// `service_uuid`, 3.63 `volume_type_id`, 3.65 `consumes_quota`, 3.69 lets
/// `shared_targets` be null; "" is 3.0.
pub const VOLUME_VERSIONS: &[&str] = &["", "3.48", "3.63", "3.65", "3.71"];

/// Every role of the project, for the reads all of them may make.
pub const ALL_ROLES: [Role; 3] = [Role::Admin, Role::Member, Role::Reader];

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
    /// Ids the sweep substitutes into paths, by path placeholder.
    pub ids: std::sync::Mutex<std::collections::BTreeMap<String, String>>,
}

impl Run {
    /// Calls `op` by name with its generated types at `version`.
    pub async fn call(
        &self,
        op: &str,
        role: Role,
        version: &str,
        args: &[&str],
        query: Option<Json>,
        body: Option<Json>,
    ) -> Result<Json, Error> {
        dispatch::call(&self.ctx, op, role, version, args, query, body).await
    }

    /// A call with no query and no body; the project is the first argument.
    pub async fn get(
        &self,
        op: &str,
        role: Role,
        version: &str,
        args: &[&str],
    ) -> Result<Json, Error> {
        let args = self.in_project(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.call(op, role, version, &args, None, None).await
    }

    /// A call with a query; the project is the first argument.
    pub async fn query(
        &self,
        op: &str,
        role: Role,
        version: &str,
        args: &[&str],
        query: Json,
    ) -> Result<Json, Error> {
        let args = self.in_project(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.call(op, role, version, &args, Some(query), None).await
    }

    /// A call with a body; the project is the first argument.
    pub async fn send(
        &self,
        op: &str,
        role: Role,
        version: &str,
        args: &[&str],
        body: Json,
    ) -> Result<Json, Error> {
        let args = self.in_project(args);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.call(op, role, version, &args, None, Some(body)).await
    }

    /// An action whose body is the reference's own sample.
    pub async fn sample(&self, op: &str, role: Role, version: &str, args: &[&str]) -> Step<Json> {
        let body = dispatch::request_sample(op).ok_or_else(|| format!("{op}: no sample"))?;
        Ok(self.send(op, role, version, args, body).await?)
    }

    fn in_project(&self, args: &[&str]) -> Vec<String> {
        std::iter::once(self.project.clone())
            .chain(args.iter().map(|a| (*a).to_owned()))
            .collect()
    }

    /// Remembers an id for the sweep.
    pub fn remember(&self, placeholder: &str, id: &str) {
        self.ids
            .lock()
            .expect("ids")
            .insert(placeholder.to_owned(), id.to_owned());
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
                || self.get(get, Role::Admin, "3.71", &args),
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
                || self.get(get, Role::Admin, "3.71", &args),
                |reply: &Json| {
                    Observed::status(reply.pointer(&field).and_then(Json::as_str).unwrap_or("?"))
                },
            )
            .await
    }
}

/// A string field of a reply, or an error naming it.
pub fn text(value: &Json, pointer: &str) -> Step<String> {
    value
        .pointer(pointer)
        .and_then(Json::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("no string at {pointer} in {value}").into())
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
    .expect("clients");
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
        ids: Default::default(),
    };

    run.ctx.lifecycle("discovery", admin::discovery(&run)).await;
    // Quotas list a key per volume type: read them while only Cinder's own exist.
    run.ctx.lifecycle("quotas and limits", admin::quotas(&run)).await;
    run.ctx.lifecycle("types", types::volume_types(&run)).await;
    run.ctx.lifecycle("qos specs", types::qos_specs(&run)).await;
    run.ctx.lifecycle("volumes", volumes::lifecycle(&run)).await;
    run.ctx.lifecycle("attachments", volumes::attachments(&run)).await;
    run.ctx.lifecycle("failed volume", volumes::failed(&run)).await;
    run.ctx.lifecycle("snapshots", data::snapshots(&run)).await;
    run.ctx.lifecycle("backups", data::backups(&run)).await;
    run.ctx.lifecycle("transfers", data::transfers(&run)).await;
    run.ctx.lifecycle("migration", volumes::migration(&run)).await;
    run.ctx.lifecycle("manage", volumes::manage(&run)).await;
    run.ctx.lifecycle("groups", groups::lifecycle(&run)).await;
    run.ctx
        .lifecycle("group replication", groups::replication(&run))
        .await;
    run.ctx
        .lifecycle("consistency groups", groups::consistency_groups(&run))
        .await;
    run.ctx.lifecycle("services", admin::services(&run)).await;
    run.ctx.lifecycle("typed errors", errors::typed_errors(&run)).await;
    run.ctx.lifecycle("sweep", sweep::sweep(&run)).await;
    run.ctx.lifecycle("cleanup", volumes::cleanup(&run)).await;

    run.ctx.write_records();
}
