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

use apiref::runtime::{Json, Observed, WaitError, Waiter};
use image_conformance::ctx::{Ctx, Role};

pub use image_conformance::ctx::{ALL_ROLES, Step, Unversioned, text};

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
}

impl Unversioned for Run {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl Run {
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
    };

    run.ctx
        .lifecycle("discovery", images::discovery(&run))
        .await;
    run.ctx.lifecycle("images", images::lifecycle(&run)).await;
    run.ctx.lifecycle("members", images::members(&run)).await;
    run.ctx.lifecycle("image data", imports::data(&run)).await;
    run.ctx.lifecycle("imports", imports::lifecycle(&run)).await;
    run.ctx.lifecycle("tasks", imports::tasks(&run)).await;
    run.ctx
        .lifecycle("metadefs", metadefs::lifecycle(&run))
        .await;
    run.ctx
        .lifecycle("typed errors", errors::typed_errors(&run))
        .await;
    run.ctx.lifecycle("sweep", sweep::sweep(&run)).await;
    run.ctx.lifecycle("cleanup", images::cleanup(&run)).await;

    run.ctx.write_records();
}
