//! Placement's generation conflict, provoked and cured: an inventory written with
//! a generation another writer has moved past is refused with 409
//! `placement.concurrent_update` (`Error::is_generation_conflict`), and a
//! read-modify-write under `retry_on_generation_conflict` succeeds on its retry.

use std::cell::Cell;

use apiref::runtime::{Error, Json, retry_on_generation_conflict};
use serde_json::json;

use crate::allocations::compute_node;
use crate::providers::generation;
use crate::{Run, Step, ensure, number};

/// Sets the provider's VCPU total: reads the inventory (and its generation),
/// writes the new total with that generation. `interfere` runs between the read
/// and the write, as another writer would.
async fn set_vcpu_total(
    run: &Run,
    rp: &str,
    total: i64,
    interfere: impl std::future::Future<Output = Result<Json, Error>>,
) -> Result<Json, Error> {
    let read = run
        .get(
            "resource_providers::inventories::get",
            "1.39",
            &[rp, "VCPU"],
        )
        .await?;
    let generation = read["resource_provider_generation"].clone();
    interfere.await?;
    run.send(
        "resource_providers::inventories::update",
        "1.39",
        &[rp, "VCPU"],
        json!({"resource_provider_generation": generation, "total": total}),
    )
    .await
}

/// A write with a stale generation is the typed 409; the same change retried on
/// the conflict succeeds once it re-reads.
pub async fn conflict_and_retry(run: &Run) -> Step {
    let rp = compute_node(run).await?;
    let stale = generation(run, &rp).await?;
    // Another writer moves the generation on.
    run.send(
        "resource_providers::inventories::update",
        "1.39",
        &[&rp, "DISK_GB"],
        json!({"resource_provider_generation": stale, "total": 300}),
    )
    .await?;
    let refused = run
        .send(
            "resource_providers::inventories::update",
            "1.39",
            &[&rp, "VCPU"],
            json!({"resource_provider_generation": stale, "total": 32}),
        )
        .await;
    let conflict = refused.as_ref().is_err_and(Error::is_generation_conflict);
    run.ctx.expect_error(
        "inventories::update with a stale generation",
        &refused,
        409,
        "placement.concurrent_update",
    );
    ensure(conflict, "the stale write was not a generation conflict")?;

    // The first attempt loses a race to another writer; the retry reads again.
    let attempts = Cell::new(0);
    let written = retry_on_generation_conflict(3, || {
        attempts.set(attempts.get() + 1);
        let first = attempts.get() == 1;
        let rp = rp.as_str();
        async move {
            let other_writer = async {
                if first {
                    let g = generation(run, rp)
                        .await
                        .map_err(|e| Error::Config(e.to_string()))?;
                    run.send(
                        "resource_providers::inventories::update",
                        "1.39",
                        &[rp, "DISK_GB"],
                        json!({"resource_provider_generation": g, "total": 400}),
                    )
                    .await
                } else {
                    Ok(Json::Null)
                }
            };
            set_vcpu_total(run, rp, 24, other_writer).await
        }
    })
    .await?;
    let after = run
        .get(
            "resource_providers::inventories::get",
            "1.39",
            &[&rp, "VCPU"],
        )
        .await?;
    let passed = attempts.get() == 2 && number(&after, "/total")? == 24;
    let detail = format!(
        "{} attempts; VCPU total now {}, generation {}",
        attempts.get(),
        after["total"],
        written["resource_provider_generation"]
    );
    println!("generation conflict retried: {detail}");
    run.ctx.check(
        "generation conflict retried after a re-read",
        passed,
        detail,
    );
    run.get("resource_providers::delete", "1.0", &[&rp]).await?;
    Ok(())
}
