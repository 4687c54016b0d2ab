//! The Glance conformance program: real lifecycles through the client generated
//! from Glance's image reference, every call recorded (see `ctx.rs`), then a sweep
//! that calls each operation no lifecycle reached once. Built and run by
//! `tests/image_conformance.rs`, which turns the record into the report.

mod errors;
mod images;
mod imports;
mod metadefs;
mod sweep;

use std::time::Duration;

use apiref::runtime::{Error, Json, Observed, WaitError, Waiter};
use image_conformance::ctx::{Ctx, Role};
use image_conformance::dispatch;

pub use image_conformance::ctx::Step;

/// Every role of the image's own project, for the reads all of them may make.
pub const ALL_ROLES: [Role; 3] = [Role::Admin, Role::Member, Role::Reader];

/// The run's state: the calls, and what the environment offers.
pub struct Run {
    /// Calls and the record.
    pub ctx: Ctx,
    /// The waiter every lifecycle uses instead of sleeps.
    pub waiter: Waiter,
    /// Glance's URL, for the clients the error checks build.
    pub url: String,
    /// The second project, the member images are shared with.
    pub other_project: String,
    /// Ids the sweep substitutes into paths, by path placeholder.
    pub ids: std::sync::Mutex<std::collections::BTreeMap<String, String>>,
}

impl Run {
    /// Calls `op` by name with its generated types. Glance has no microversions.
    pub async fn call(
        &self,
        op: &str,
        role: Role,
        args: &[&str],
        query: Option<Json>,
        body: Option<Json>,
    ) -> Result<Json, Error> {
        dispatch::call(&self.ctx, op, role, "", args, query, body).await
    }

    /// A call with no query and no body.
    pub async fn get(&self, op: &str, role: Role, args: &[&str]) -> Result<Json, Error> {
        self.call(op, role, args, None, None).await
    }

    /// A call with a body.
    pub async fn send(
        &self,
        op: &str,
        role: Role,
        args: &[&str],
        body: Json,
    ) -> Result<Json, Error> {
        self.call(op, role, args, None, Some(body)).await
    }

    /// Remembers an id for the sweep.
    pub fn remember(&self, placeholder: &str, id: &str) {
        self.ids
            .lock()
            .expect("ids")
            .insert(placeholder.to_owned(), id.to_owned());
    }

    /// Waits until the image's status is one of `targets`; `killed` (a failed
    /// upload or import) ends the wait at once.
    pub async fn wait_image(&self, id: &str, targets: &[&str]) -> Result<Json, WaitError> {
        let args = [id];
        self.waiter
            .clone()
            .fail_on(["killed"])
            .until(
                targets,
                || self.get("images::get", Role::Admin, &args),
                |image: &Json| Observed::status(image["status"].as_str().unwrap_or("?")),
            )
            .await
    }

    /// Waits until the task has succeeded; `failure` ends the wait at once with
    /// the task's message.
    pub async fn wait_task(&self, id: &str) -> Result<Json, WaitError> {
        let args = [id];
        self.waiter
            .clone()
            .fail_on(["failure"])
            .until(
                &["success"],
                || self.get("tasks::get", Role::Admin, &args),
                |task: &Json| {
                    Observed::status(task["status"].as_str().unwrap_or("?"))
                        .fault(task["message"].as_str().filter(|m| !m.is_empty()))
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
    let url = std::env::var("APIREF_GLANCE_URL").expect("APIREF_GLANCE_URL");
    let project = std::env::var("APIREF_GLANCE_PROJECT").expect("APIREF_GLANCE_PROJECT");
    let other = std::env::var("APIREF_GLANCE_OTHER_PROJECT").expect("APIREF_GLANCE_OTHER_PROJECT");
    // The harness trusts `<user>:<project>:<roles>`. The admin also holds the
    // `service` role: Glance's location API is for services (Nova, Cinder) only.
    let ctx = Ctx::new(
        &url,
        &project,
        [
            &format!("admin:{project}:admin,member,reader,service"),
            &format!("demo:{project}:member,reader"),
            &format!("viewer:{project}:reader"),
        ],
    )
    .and_then(|ctx| ctx.with_other(&url, &format!("other:{other}:member,reader")))
    .expect("clients");
    let run = Run {
        ctx,
        waiter: Waiter::new(Duration::from_secs(60))
            .delays(Duration::from_millis(50), Duration::from_secs(1)),
        url: url.clone(),
        other_project: other,
        ids: Default::default(),
    };

    run.ctx.lifecycle("discovery", images::discovery(&run)).await;
    run.ctx.lifecycle("images", images::lifecycle(&run)).await;
    run.ctx.lifecycle("members", images::members(&run)).await;
    run.ctx.lifecycle("image data", imports::data(&run)).await;
    run.ctx.lifecycle("imports", imports::lifecycle(&run)).await;
    run.ctx.lifecycle("tasks", imports::tasks(&run)).await;
    run.ctx.lifecycle("metadefs", metadefs::lifecycle(&run)).await;
    run.ctx.lifecycle("typed errors", errors::typed_errors(&run)).await;
    run.ctx.lifecycle("sweep", sweep::sweep(&run)).await;
    run.ctx.lifecycle("cleanup", images::cleanup(&run)).await;

    run.ctx.write_records();
}
