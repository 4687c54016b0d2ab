//! The Cinder conformance program: real lifecycles through the client generated
//! from Cinder's block-storage reference, every call recorded (see `ctx.rs`). Built and run by
//! `tests/block_storage_conformance.rs`, which turns the record into the report.

use std::error::Error as StdError;
use std::time::Instant;

use block_storage_conformance::ctx::{Ctx, Role};
use block_storage_conformance::dispatch;

use apiref::runtime::{Error, Json};

/// What a lifecycle step returns: any failure ends that lifecycle, is recorded as a
/// failed check, and the next lifecycle runs.
pub type Step<T = ()> = Result<T, Box<dyn StdError>>;

/// The run's state: the calls.
pub struct Run {
    /// Calls and the record.
    pub ctx: Ctx,
}

impl Run {
    /// Calls `op` by name with its generated types at `version` (`3.71`; empty:
    /// none, so Cinder's 3.0).
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
}

async fn volumes(run: &Run) -> Step {
    let project = run.ctx.project.clone();
    run.call("volumes::list", Role::Member, "3.71", &[&project], None, None)
        .await?;
    Ok(())
}

#[tokio::main]
async fn main() {
    let url = std::env::var("APIREF_CINDER_URL").expect("APIREF_CINDER_URL");
    let project = std::env::var("APIREF_CINDER_PROJECT").expect("APIREF_CINDER_PROJECT");
    let records = std::env::var("CONFORMANCE_RECORDS").expect("CONFORMANCE_RECORDS");
    let ctx = Ctx::new(&url, &project, ["admin-token", "member-token", "reader-token"])
        .expect("clients");
    let run = Run { ctx };

    macro_rules! lifecycle {
        ($name:literal, $body:expr) => {{
            let started = Instant::now();
            let outcome = $body.await;
            let seconds = started.elapsed().as_secs_f64();
            match outcome {
                Ok(()) => println!("{:<24} done in {seconds:.1}s", $name),
                Err(e) => {
                    println!("{:<24} FAILED after {seconds:.1}s: {e}", $name);
                    run.ctx.check($name, false, e.to_string());
                }
            }
        }};
    }
    lifecycle!("volumes", volumes(&run));

    std::fs::write(&records, run.ctx.records_jsonl()).expect("write the records");
}
