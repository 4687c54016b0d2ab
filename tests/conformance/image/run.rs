//! The Glance conformance program: real lifecycles through the client generated
//! from Glance's image reference, every call recorded (see `ctx.rs`). Built and run by
//! `tests/image_conformance.rs`, which turns the record into the report.

use std::error::Error as StdError;
use std::time::Instant;

use image_conformance::ctx::{Ctx, Role};
use image_conformance::dispatch;

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
}

async fn images(run: &Run) -> Step {
    run.call("images::list", Role::Member, &[], None, None).await?;
    Ok(())
}

#[tokio::main]
async fn main() {
    let url = std::env::var("APIREF_GLANCE_URL").expect("APIREF_GLANCE_URL");
    let project = std::env::var("APIREF_GLANCE_PROJECT").expect("APIREF_GLANCE_PROJECT");
    let records = std::env::var("CONFORMANCE_RECORDS").expect("CONFORMANCE_RECORDS");
    let ctx = Ctx::new(&url, &project, [
        &format!("admin:{project}:admin,member,reader"),
        &format!("demo:{project}:member,reader"),
        &format!("reader:{project}:reader"),
    ])
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
    lifecycle!("images", images(&run));

    std::fs::write(&records, run.ctx.records_jsonl()).expect("write the records");
}
