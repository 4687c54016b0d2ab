//! Placement's optimistic concurrency: every write of a resource provider's
//! inventories, traits or aggregates (and of a consumer's allocations) names the
//! generation the writer read, and Placement refuses it with 409
//! `placement.concurrent_update` when another writer got there first. Nothing was
//! written then, so the cure is always the same: read again, redo the change on
//! what was read, write again. [`retry_on_generation_conflict`] is that loop; the
//! caller's attempt does the read, the change and the write.

use std::future::Future;

use crate::error::Error;

/// Runs `attempt` until it succeeds, fails with anything but a generation conflict
/// ([`Error::is_generation_conflict`]), or has run `attempts` times (at least
/// once); returns its last result. Each run must read the generation afresh:
/// sending the one that just conflicted would conflict again.
pub async fn retry_on_generation_conflict<T, F, Fut>(
    attempts: u32,
    mut attempt: F,
) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let mut left = attempts.max(1);
    loop {
        left -= 1;
        match attempt().await {
            Err(e) if left > 0 && e.is_generation_conflict() => continue,
            done => return done,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::error::ApiError;

    fn conflict(code: &str) -> Error {
        Error::Conflict(ApiError {
            status: 409,
            fault: Some(code.to_owned()),
            message: None,
            request_id: None,
            body: String::new(),
        })
    }

    #[tokio::test]
    async fn retries_conflicts_until_an_attempt_succeeds() {
        let runs = Cell::new(0);
        let result = retry_on_generation_conflict(5, || {
            runs.set(runs.get() + 1);
            let n = runs.get();
            async move {
                if n < 3 {
                    Err(conflict("placement.concurrent_update"))
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(result.ok(), Some(3));
    }

    #[tokio::test]
    async fn gives_up_after_the_attempts_and_returns_the_conflict() {
        let runs = Cell::new(0);
        let result: Result<(), Error> = retry_on_generation_conflict(2, || {
            runs.set(runs.get() + 1);
            async { Err(conflict("placement.concurrent_update")) }
        })
        .await;
        assert_eq!(runs.get(), 2);
        assert!(result.is_err_and(|e| e.is_generation_conflict()));
    }

    #[tokio::test]
    async fn other_errors_and_zero_attempts_run_once() {
        let runs = Cell::new(0);
        let result: Result<(), Error> = retry_on_generation_conflict(0, || {
            runs.set(runs.get() + 1);
            async { Err(conflict("placement.inventory.inuse")) }
        })
        .await;
        assert_eq!(runs.get(), 1);
        assert!(result.is_err_and(|e| !e.is_generation_conflict()));
    }
}
