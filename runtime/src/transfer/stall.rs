//! Timing a transfer. The client's whole-request timeout cannot bound a
//! transfer (a 10 GiB image takes as long as the link needs), so a transfer is
//! sent without it, and fails instead when no byte has moved for that long:
//! a stalled peer is found as soon as a slow request would be, and a long one
//! that keeps moving is never cut.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Bytes moved so far, shared between the body being sent and the watch on it.
#[derive(Clone, Default)]
pub(crate) struct Moved(Arc<AtomicU64>);

impl Moved {
    pub(crate) fn set(&self, done: u64) {
        self.0.store(done, Ordering::Relaxed);
    }

    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Runs `work` to its end, unless `moved` stays the same for a whole `limit`:
/// then `None`. Waiting for a reply moves nothing, so it counts as a stall too.
pub(crate) async fn within_stall<T>(
    limit: Duration,
    moved: &Moved,
    work: impl Future<Output = T>,
) -> Option<T> {
    let mut work = std::pin::pin!(work);
    loop {
        let seen = moved.get();
        match tokio::time::timeout(limit, work.as_mut()).await {
            Ok(value) => return Some(value),
            Err(_) if moved.get() == seen => return None,
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn moving_work_runs_on_and_still_work_is_stopped() {
        let limit = Duration::from_secs(1);
        let moved = Moved::default();
        let mover = moved.clone();
        let long = async move {
            for done in 1..=10 {
                tokio::time::sleep(Duration::from_millis(700)).await;
                mover.set(done);
            }
            "done"
        };
        assert_eq!(within_stall(limit, &moved, long).await, Some("done"));
        let stuck = tokio::time::sleep(Duration::from_secs(5));
        assert_eq!(within_stall(limit, &moved, stuck).await, None);
    }
}
