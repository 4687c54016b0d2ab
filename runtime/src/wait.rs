//! Waiting for a resource to reach a status: a server to become `ACTIVE` after a
//! boot, `SHUTOFF` after a stop, `VERIFY_RESIZE` after a resize, or to vanish after
//! a delete. Nova answers these calls with 202 and does the work later, so a
//! caller polls; this module polls with back-off instead of fixed sleeps, stops at
//! once when the resource reports a failure status (`ERROR`) with the server's own
//! fault message, and gives up after a timeout saying the last status it saw.
//!
//! The waiter knows nothing about servers: the caller passes how to fetch the
//! resource and how to read its status and fault, so one helper serves servers,
//! volume attachments, migrations or anything with a status field.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::time::Duration;

use tokio::time::{Instant, sleep};

use crate::error::Error;

/// What a poll saw: the resource's status, the task still running on it if
/// any, and, when it failed, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    /// The status as the server spells it (`ACTIVE`, `BUILD`, `ERROR`, ...).
    pub status: String,
    /// The server's explanation of a failure (Nova's `fault.message`), if any.
    pub fault: Option<String>,
    /// A task still in progress (Nova's `OS-EXT-STS:task_state`, such as
    /// `shelving_offloading`): a target status does not end the wait until the
    /// task is over, so the next action does not meet a busy resource.
    pub task_state: Option<String>,
}

impl Observed {
    /// A status with no fault and no task running.
    pub fn status(status: impl Into<String>) -> Observed {
        Observed {
            status: status.into(),
            fault: None,
            task_state: None,
        }
    }

    /// The same, with the server's fault message, if it gave one.
    pub fn fault(mut self, fault: Option<impl Into<String>>) -> Observed {
        self.fault = fault.map(Into::into);
        self
    }

    /// The same, with the task still running on the resource, if any.
    pub fn task_state(mut self, task_state: Option<impl Into<String>>) -> Observed {
        self.task_state = task_state.map(Into::into);
        self
    }

    /// `ACTIVE`, or `ACTIVE/shelving` while a task runs.
    fn shown(&self) -> String {
        match &self.task_state {
            Some(task) => format!("{}/{task}", self.status),
            None => self.status.clone(),
        }
    }
}

/// Polls a resource until it reaches one of several statuses.
///
/// Delays start at `first_delay` and double after each poll up to `max_delay`:
/// fast for actions the fake driver finishes at once, gentle on a real cloud
/// where a boot takes a minute.
#[derive(Clone, Debug)]
pub struct Waiter {
    timeout: Duration,
    first_delay: Duration,
    max_delay: Duration,
    failure_statuses: Vec<String>,
}

/// Why a wait ended without reaching its target.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError {
    /// The resource reached a failure status (by default `ERROR`).
    Failed {
        /// The failure status seen.
        status: String,
        /// The server's fault message, if it gave one.
        fault: Option<String>,
    },
    /// The timeout passed before the resource reached a target status.
    Timeout {
        /// The statuses waited for.
        targets: Vec<String>,
        /// The last status seen (a failed poll ends the wait as [`WaitError::Call`],
        /// so there always is one).
        last_status: String,
        /// How long the wait lasted.
        waited: Duration,
    },
    /// Fetching the resource failed (other than the 404 [`Waiter::until_gone`] waits for).
    Call(Error),
}

impl Default for Waiter {
    /// Five minutes, polls from 100 ms doubling to 5 s, failing on `ERROR`.
    fn default() -> Self {
        Waiter {
            timeout: Duration::from_secs(300),
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            failure_statuses: vec!["ERROR".to_owned()],
        }
    }
}

impl Waiter {
    /// A waiter giving up after `timeout`, with the default delays.
    pub fn new(timeout: Duration) -> Waiter {
        Waiter {
            timeout,
            ..Waiter::default()
        }
    }

    /// The first delay between polls and the cap the doubling stops at.
    pub fn delays(mut self, first: Duration, max: Duration) -> Waiter {
        self.first_delay = first;
        self.max_delay = max.max(first);
        self
    }

    /// The statuses that end the wait with [`WaitError::Failed`] (default `ERROR`).
    pub fn fail_on<S: Into<String>>(mut self, statuses: impl IntoIterator<Item = S>) -> Waiter {
        self.failure_statuses = statuses.into_iter().map(Into::into).collect();
        self
    }

    /// Polls `fetch` until `observe` reads one of `targets` from its result with
    /// no task running on it, and returns that last result. Status comparison is
    /// exact (Nova's are upper case). A failure status ends the wait at once with
    /// the server's fault message; the timeout names the last status seen.
    ///
    /// Waiting for a server to be `SHELVED_OFFLOADED` with its task over (Nova
    /// reports the status while `task_state` is still `shelving_offloading`, and
    /// refuses an unshelve then):
    ///
    /// ```no_run
    /// # async fn f(get_server: impl Fn() -> std::pin::Pin<Box<dyn std::future::Future<
    /// #     Output = Result<serde_json::Value, apiref_runtime::Error>>>>)
    /// # -> Result<(), apiref_runtime::WaitError> {
    /// use std::time::Duration;
    /// use apiref_runtime::{Observed, Waiter};
    ///
    /// let server = Waiter::new(Duration::from_secs(120))
    ///     .until(&["SHELVED_OFFLOADED"], &get_server, |reply| {
    ///         let server = &reply["server"];
    ///         Observed::status(server["status"].as_str().unwrap_or("?"))
    ///             .task_state(server["OS-EXT-STS:task_state"].as_str())
    ///             .fault(server["fault"]["message"].as_str())
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn until<T, F, Fut>(
        &self,
        targets: &[&str],
        mut fetch: F,
        observe: impl Fn(&T) -> Observed,
    ) -> Result<T, WaitError>
    where
        F: FnMut() -> Fut,
        Fut: IntoFuture<Output = Result<T, Error>>,
    {
        self.poll(targets, || {
            let fetched = fetch().into_future();
            let observe = &observe;
            async move {
                let resource = fetched.await.map_err(WaitError::Call)?;
                let seen = observe(&resource);
                if targets.contains(&seen.status.as_str()) && seen.task_state.is_none() {
                    return Ok(Step::Done(resource));
                }
                self.check_failure(seen)
            }
        })
        .await
    }

    /// Polls `fetch` until it fails with a 404: the resource is gone (a deleted
    /// server stays visible for a moment). `observe` reads the status while it is
    /// still there, so a failure status still ends the wait at once.
    pub async fn until_gone<T, F, Fut>(
        &self,
        mut fetch: F,
        observe: impl Fn(&T) -> Observed,
    ) -> Result<(), WaitError>
    where
        F: FnMut() -> Fut,
        Fut: IntoFuture<Output = Result<T, Error>>,
    {
        self.poll(&["(gone)"], || {
            let fetched = fetch().into_future();
            let observe = &observe;
            async move {
                match fetched.await {
                    Err(e) if e.status() == Some(404) => Ok(Step::Done(())),
                    Err(e) => Err(WaitError::Call(e)),
                    Ok(resource) => self.check_failure(observe(&resource)),
                }
            }
        })
        .await
    }

    /// Not there yet: a failure status ends the wait, anything else is one more poll.
    fn check_failure<T>(&self, seen: Observed) -> Result<Step<T>, WaitError> {
        if self.failure_statuses.contains(&seen.status) {
            return Err(WaitError::Failed {
                status: seen.status,
                fault: seen.fault,
            });
        }
        Ok(Step::Seen(seen.shown()))
    }

    /// The loop both waits share: between polls the delay doubles up to the cap,
    /// and the last sleep is cut short so the timeout is honoured, with one final
    /// poll at the deadline.
    async fn poll<T, S, Fut>(&self, targets: &[&str], mut step: S) -> Result<T, WaitError>
    where
        S: FnMut() -> Fut,
        Fut: Future<Output = Result<Step<T>, WaitError>>,
    {
        let start = Instant::now();
        let deadline = start + self.timeout;
        let mut delay = self.first_delay;
        loop {
            let last_status = match step().await? {
                Step::Done(done) => return Ok(done),
                Step::Seen(status) => status,
            };
            let now = Instant::now();
            if now >= deadline {
                return Err(WaitError::Timeout {
                    targets: targets.iter().map(|t| (*t).to_owned()).collect(),
                    last_status,
                    waited: now - start,
                });
            }
            sleep(delay.min(deadline - now)).await;
            delay = self.next_delay(delay);
        }
    }
}

impl Waiter {
    /// The delay after `delay`: doubled, capped at `max_delay`.
    fn next_delay(&self, delay: Duration) -> Duration {
        delay.saturating_mul(2).min(self.max_delay)
    }
}

/// One poll's outcome.
enum Step<T> {
    /// The wait is over.
    Done(T),
    /// Not yet; the status seen.
    Seen(String),
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed { status, fault } => {
                write!(f, "the resource reached {status}")?;
                match fault {
                    Some(fault) => write!(f, ": {fault}"),
                    None => f.write_str(" (no fault message)"),
                }
            }
            WaitError::Timeout {
                targets,
                last_status,
                waited,
            } => write!(
                f,
                "gave up waiting for {} after {:.1}s; last status {}",
                targets.join(" or "),
                waited.as_secs_f64(),
                last_status
            ),
            WaitError::Call(e) => write!(f, "polling failed: {e}"),
        }
    }
}

impl std::error::Error for WaitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Call(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::error::ApiError;

    fn quick(timeout_ms: u64) -> Waiter {
        Waiter::new(Duration::from_millis(timeout_ms))
            .delays(Duration::from_millis(1), Duration::from_millis(4))
    }

    /// A fake resource whose status follows `script`, one entry per poll (the last
    /// one repeats); `None` is a 404.
    fn scripted(
        script: &[Option<&'static str>],
    ) -> impl FnMut() -> std::future::Ready<Result<&'static str, Error>> {
        let script = script.to_vec();
        let polls = RefCell::new(0usize);
        move || {
            let mut n = polls.borrow_mut();
            let entry = script[(*n).min(script.len() - 1)];
            *n += 1;
            std::future::ready(
                entry
                    .ok_or_else(|| Error::NotFound(ApiError::from_reply(404, None, String::new()))),
            )
        }
    }

    fn plain(status: &&'static str) -> Observed {
        Observed::status(*status)
    }

    #[tokio::test]
    async fn returns_the_resource_at_a_target_status() {
        let fetch = scripted(&[Some("BUILD"), Some("BUILD"), Some("ACTIVE")]);
        let got = quick(5_000)
            .until(&["ACTIVE", "SHUTOFF"], fetch, plain)
            .await;
        assert_eq!(got.unwrap(), "ACTIVE");
    }

    #[tokio::test]
    async fn fails_fast_on_error_with_the_fault() {
        let mut polls = 0;
        let err = quick(60_000)
            .until(
                &["ACTIVE"],
                || {
                    polls += 1;
                    std::future::ready(Ok(if polls < 3 { "BUILD" } else { "ERROR" }))
                },
                |s: &&str| Observed::status(*s).fault(Some("No valid host was found.")),
            )
            .await
            .unwrap_err();
        assert_eq!(polls, 3);
        assert_eq!(
            err.to_string(),
            "the resource reached ERROR: No valid host was found."
        );
    }

    #[tokio::test]
    async fn times_out_naming_the_last_status() {
        let started = std::time::Instant::now();
        let fetch = scripted(&[Some("BUILD"), Some("RESIZE")]);
        let err = quick(50)
            .until(&["ACTIVE"], fetch, plain)
            .await
            .unwrap_err();
        let WaitError::Timeout {
            last_status,
            waited,
            ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(last_status, "RESIZE");
        assert!(*waited >= Duration::from_millis(50), "{waited:?}");
        // The cap keeps the last sleep short: no poll overshoots the timeout by a
        // doubling.
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(
            err.to_string()
                .starts_with("gave up waiting for ACTIVE after "),
            "{err}"
        );
        assert!(err.to_string().ends_with("last status RESIZE"), "{err}");
    }

    #[test]
    fn delays_double_up_to_the_cap() {
        let waiter = Waiter::default().delays(Duration::from_millis(10), Duration::from_millis(40));
        let mut delay = waiter.first_delay;
        let mut seen = vec![delay];
        for _ in 0..4 {
            delay = waiter.next_delay(delay);
            seen.push(delay);
        }
        let ms: Vec<u128> = seen.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [10, 20, 40, 40, 40]);
    }

    #[tokio::test]
    async fn sleeps_between_polls() {
        let mut times = Vec::new();
        let _ = Waiter::new(Duration::from_millis(100))
            .delays(Duration::from_millis(10), Duration::from_millis(40))
            .until(
                &["ACTIVE"],
                || {
                    times.push(Instant::now());
                    std::future::ready(Ok::<_, Error>("BUILD"))
                },
                plain,
            )
            .await;
        let gaps: Vec<_> = times.windows(2).map(|w| w[1] - w[0]).collect();
        // A sleep is never shorter than asked (timer slack only makes it longer).
        assert!(gaps.len() >= 2, "{gaps:?}");
        assert!(gaps[0] >= Duration::from_millis(10), "{gaps:?}");
        assert!(gaps[1] >= Duration::from_millis(20), "{gaps:?}");
    }

    #[tokio::test]
    async fn until_gone_waits_for_the_404() {
        let fetch = scripted(&[Some("ACTIVE"), Some("DELETED"), None]);
        quick(5_000).until_gone(fetch, plain).await.unwrap();
        let fetch = scripted(&[Some("ACTIVE"), Some("ERROR")]);
        let err = quick(5_000).until_gone(fetch, plain).await.unwrap_err();
        assert!(matches!(err, WaitError::Failed { .. }), "{err:?}");
    }

    #[tokio::test]
    async fn other_call_errors_end_the_wait() {
        let err = quick(5_000)
            .until(
                &["ACTIVE"],
                || {
                    std::future::ready(Err::<&str, _>(Error::Forbidden(ApiError::from_reply(
                        403,
                        None,
                        String::new(),
                    ))))
                },
                plain,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, WaitError::Call(Error::Forbidden(_))),
            "{err:?}"
        );
        // A 404 is only the goal of `until_gone`; for `until` it is an error.
        let err = quick(5_000)
            .until(&["ACTIVE"], scripted(&[None]), plain)
            .await
            .unwrap_err();
        assert!(
            matches!(err, WaitError::Call(Error::NotFound(_))),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn a_target_status_waits_for_its_task_to_end() {
        // (status, task state) per poll: the status is reached while a task runs.
        let script = [
            ("SHELVED", Some("shelving_image_uploading")),
            ("SHELVED_OFFLOADED", Some("shelving_offloading")),
            ("SHELVED_OFFLOADED", None),
        ];
        let polls = RefCell::new(0usize);
        let fetch = || {
            let mut n = polls.borrow_mut();
            let entry = script[(*n).min(script.len() - 1)];
            *n += 1;
            std::future::ready(Ok::<_, Error>(entry))
        };
        let observe =
            |(status, task): &(&str, Option<&str>)| Observed::status(*status).task_state(*task);
        let got = quick(5_000)
            .until(&["SHELVED_OFFLOADED"], fetch, observe)
            .await
            .expect("reached");
        assert_eq!(got, ("SHELVED_OFFLOADED", None));
        assert_eq!(*polls.borrow(), 3);

        // A timeout names the status with its task.
        let stuck = || std::future::ready(Ok::<_, Error>(("ACTIVE", Some("rebooting"))));
        let err = quick(20)
            .until(&["ACTIVE"], stuck, observe)
            .await
            .expect_err("never idle");
        assert!(
            err.to_string().contains("last status ACTIVE/rebooting"),
            "{err}"
        );
    }
}
