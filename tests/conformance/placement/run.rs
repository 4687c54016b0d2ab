//! The Placement conformance program: real lifecycles through the client generated
//! from Placement's reference, every call recorded (see `ctx.rs`), each at the
//! microversions where its request or reply changes shape. Built and run by
//! `tests/placement_conformance.rs`, which turns the record into the report.

mod allocations;
mod candidates;
mod errors;
mod generation;
mod providers;

use std::sync::atomic::{AtomicU32, Ordering};

use apiref::runtime::{Client, Error, Json, Secret};
use placement_conformance::ctx::{Ctx, Role};

pub use placement_conformance::ctx::Step;

/// The run's state: the calls, and a source of names no earlier run used.
pub struct Run {
    /// Calls and the record.
    pub ctx: Ctx,
    /// Placement's URL, for the clients the typed-error checks build.
    pub url: String,
    /// Makes every uuid and name of this run distinct.
    counter: AtomicU32,
}

impl Run {
    /// An admin call with no query and no body.
    pub async fn get(&self, op: &str, version: &str, args: &[&str]) -> Result<Json, Error> {
        self.ctx
            .call(op, Role::Admin, version, args, None, None)
            .await
    }

    /// An admin call with a query.
    pub async fn query(
        &self,
        op: &str,
        version: &str,
        args: &[&str],
        query: Json,
    ) -> Result<Json, Error> {
        self.ctx
            .call(op, Role::Admin, version, args, Some(query), None)
            .await
    }

    /// An admin call with a body.
    pub async fn send(
        &self,
        op: &str,
        version: &str,
        args: &[&str],
        body: Json,
    ) -> Result<Json, Error> {
        self.ctx
            .call(op, Role::Admin, version, args, None, Some(body))
            .await
    }

    /// A read as `role`, with a query or none: what a project's own users may
    /// (or may not) list.
    pub async fn read_as(
        &self,
        role: Role,
        op: &str,
        version: &str,
        query: Option<Json>,
    ) -> Result<Json, Error> {
        self.ctx.call(op, role, version, &[], query, None).await
    }

    /// A fresh UUID (version 4 in form): the process id, a counter and the clock
    /// keep them apart across runs against one Placement.
    pub fn uuid(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            std::process::id(),
            n & 0xffff,
            (nanos >> 12) & 0xfff,
            nanos & 0xfff,
            (nanos >> 24) & 0xffff_ffff_ffff
        )
    }

    /// A name for a custom trait or resource class, unique to this run.
    pub fn custom(&self, what: &str) -> String {
        format!("CUSTOM_{what}_{}", self.uuid()[..8].to_uppercase())
    }
}

/// An integer field of a reply, or an error naming it.
pub fn number(value: &Json, pointer: &str) -> Step<i64> {
    value
        .pointer(pointer)
        .and_then(Json::as_i64)
        .ok_or_else(|| format!("no integer at {pointer} in {value}").into())
}

/// Fails the lifecycle with `message` unless `holds`.
pub fn ensure(holds: bool, message: impl Into<String>) -> Step {
    if holds {
        Ok(())
    } else {
        Err(message.into().into())
    }
}

/// A client for `url` sending `token`, and `X-Roles` when given: the harness's
/// noauth2 mode gives every user but `admin` the roles that header names.
fn client(url: &str, token: &str, roles: Option<&str>) -> Client {
    let client = Client::builder(url).token(token).build().expect("client");
    match roles {
        Some(roles) => client
            .with_header("X-Roles", &Secret::new(roles))
            .expect("X-Roles"),
        None => client,
    }
}

#[tokio::main]
async fn main() {
    let url = std::env::var("APIREF_PLACEMENT_URL").expect("APIREF_PLACEMENT_URL");
    let project = std::env::var("APIREF_PLACEMENT_PROJECT").expect("APIREF_PLACEMENT_PROJECT");
    let ctx = Ctx::with_clients(
        &project,
        [
            // The reshaper's policy asks for the `service` role, which the
            // harness's `admin` user has only when `X-Roles` says so.
            client(&url, "admin", Some("admin,service")),
            client(&url, &format!("demo:{project}"), Some("member,reader")),
            client(&url, &format!("viewer:{project}"), Some("reader")),
        ],
    );
    let run = Run {
        ctx,
        url: url.clone(),
        counter: AtomicU32::new(0),
    };

    run.ctx
        .lifecycle("versions", providers::versions(&run))
        .await;
    run.ctx
        .lifecycle("resource providers", providers::resource_providers(&run))
        .await;
    run.ctx
        .lifecycle("inventories", providers::inventories(&run))
        .await;
    run.ctx
        .lifecycle("resource classes", providers::resource_classes(&run))
        .await;
    run.ctx.lifecycle("traits", providers::traits(&run)).await;
    run.ctx
        .lifecycle("aggregates", providers::aggregates(&run))
        .await;
    run.ctx
        .lifecycle("allocations", allocations::allocations(&run))
        .await;
    run.ctx.lifecycle("usages", allocations::usages(&run)).await;
    run.ctx
        .lifecycle(
            "allocation candidates",
            candidates::allocation_candidates(&run),
        )
        .await;
    run.ctx
        .lifecycle("reshaper", candidates::reshaper(&run))
        .await;
    run.ctx
        .lifecycle("generation conflict", generation::conflict_and_retry(&run))
        .await;
    run.ctx
        .lifecycle("typed errors", errors::typed_errors(&run))
        .await;

    run.ctx.write_records();
}
