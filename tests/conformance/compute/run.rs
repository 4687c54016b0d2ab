//! The Nova conformance program: real lifecycles through the client generated from
//! Nova's reference, every call recorded (see `ctx.rs`), then a sweep that calls
//! each operation no lifecycle reached once, with the reference's own request
//! sample, so a removed API shows its 410. Built and run by
//! `tests/nova_conformance.rs`, which turns the record into the report.

mod admin;
mod errors;
mod resources;
mod servers;
mod sweep;

use std::time::Duration;

use apiref::runtime::{Json, Observed, WaitError, Waiter};
use compute_conformance::ctx::{Ctx, Role};
use serde_json::json;

pub use compute_conformance::ctx::{ALL_ROLES, Step, Versioned, text};

/// The versions where a server's shape changes (2.47 embeds the flavor, 2.73 adds
/// `locked_reason`, 2.96 `pinned_availability_zone`, 2.100 `scheduler_hints`).
pub const SERVER_VERSIONS: &[&str] = &["2.1", "2.47", "2.73", "2.96", "2.100", "latest"];

/// The run's state: the calls, and what the environment offers.
pub struct Run {
    /// Calls and the record.
    pub ctx: Ctx,
    /// The waiter every lifecycle uses instead of sleeps.
    pub waiter: Waiter,
    /// An image the servers boot from.
    pub image: String,
    /// The id of a network of Nova's Neutron fixture.
    pub network: String,
}

impl Versioned for Run {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }
}

impl Run {
    /// Lists one item a page and then the page after it, by `limit` and the
    /// `marker` the first page's `first_id` (a JSON pointer) gives: both query
    /// parameters reach Nova and both pages decode.
    pub async fn two_pages(&self, op: &str, role: Role, first_id: &str) -> Step {
        let page = self
            .ctx
            .call(op, role, "2.1", &[], Some(json!({"limit": 1})), None)
            .await?;
        let marker = text(&page, first_id)?;
        let query = json!({"limit": 1, "marker": marker});
        self.ctx
            .call(op, role, "2.1", &[], Some(query), None)
            .await?;
        Ok(())
    }

    /// Reads each `(op, args)` at `version` as every role, role by role.
    pub async fn every_role(&self, version: &str, reads: &[(&str, &[&str])]) -> Step {
        for role in ALL_ROLES {
            for (op, args) in reads {
                self.get(op, role, version, args).await?;
            }
        }
        Ok(())
    }

    /// Waits until the server's status is one of `targets` with no task running.
    pub async fn wait_server(&self, id: &str, targets: &[&str]) -> Result<Json, WaitError> {
        let args = [id];
        self.waiter
            .until(
                targets,
                || self.ctx.get("servers::get", Role::Admin, "latest", &args),
                observe_server,
            )
            .await
    }

    /// Waits until the server is gone (404).
    pub async fn wait_server_gone(&self, id: &str) -> Result<(), WaitError> {
        let args = [id];
        self.waiter
            .until_gone(
                || self.ctx.get("servers::get", Role::Admin, "latest", &args),
                observe_server,
            )
            .await
    }
}

/// A server's status for the waiter, the task still running on it (a target
/// status counts only once no task runs), and Nova's fault message.
pub fn observe_server(reply: &Json) -> Observed {
    let server = &reply["server"];
    Observed::status(server["status"].as_str().unwrap_or("?"))
        .task_state(server["OS-EXT-STS:task_state"].as_str())
        .fault(server["fault"]["message"].as_str())
}

#[tokio::main]
async fn main() {
    let url = std::env::var("APIREF_NOVA_URL").expect("APIREF_NOVA_URL");
    let project = std::env::var("APIREF_NOVA_PROJECT").expect("APIREF_NOVA_PROJECT");
    // The harness's fixed tokens unless the caller gives its own.
    let token =
        |var: &str, default: &str| std::env::var(var).unwrap_or_else(|_| default.to_owned());
    let tokens = [
        token("APIREF_NOVA_ADMIN_TOKEN", "admin-token"),
        token("APIREF_NOVA_TOKEN", "member-token"),
        token("APIREF_NOVA_READER_TOKEN", "reader-token"),
    ];
    let ctx = Ctx::new(&url, &project, [&tokens[0], &tokens[1], &tokens[2]]).expect("clients");
    let run = Run {
        ctx,
        waiter: Waiter::new(Duration::from_secs(120))
            .delays(Duration::from_millis(50), Duration::from_secs(2)),
        image: String::new(),
        network: String::new(),
    };
    let run = match resources::discover(run).await {
        Ok(run) => run,
        Err(e) => panic!("cannot find an image and a network: {e}"),
    };

    run.ctx
        .lifecycle("versions", resources::versions(&run))
        .await;
    run.ctx.lifecycle("flavors", resources::flavors(&run)).await;
    run.ctx
        .lifecycle("keypairs", resources::keypairs(&run))
        .await;
    run.ctx
        .lifecycle("server groups", resources::server_groups(&run))
        .await;
    run.ctx.lifecycle("images", resources::images(&run)).await;
    run.ctx.lifecycle("servers", servers::lifecycle(&run)).await;
    run.ctx
        .lifecycle("server networks", servers::networks(&run))
        .await;
    run.ctx
        .lifecycle("limits and quotas", admin::limits_and_quotas(&run))
        .await;
    run.ctx
        .lifecycle("zones and hypervisors", admin::zones_and_hypervisors(&run))
        .await;
    run.ctx.lifecycle("services", admin::services(&run)).await;
    run.ctx
        .lifecycle("aggregates", admin::aggregates(&run))
        .await;
    run.ctx
        .lifecycle("typed errors", errors::typed_errors(&run, &url))
        .await;
    run.ctx.lifecycle("sweep", sweep::sweep(&run)).await;
    run.ctx.lifecycle("cleanup", servers::cleanup(&run)).await;

    run.ctx.write_records();
}
