//! Opt-in retries, as keystoneauth's `Session` offers them: `connect_retries` for
//! requests that could not connect, `status_code_retries` for replies whose status
//! is in `retriable_status_codes`. Both are off by default. Between attempts the
//! delay starts at 0.5 s and doubles up to 60 s (keystoneauth's back-off), and a
//! `Retry-After` header (seconds or an HTTP date) replaces it, capped at the maximum
//! too. Only idempotent methods are retried: a POST or PATCH that timed out or got a
//! 503 may have taken effect, and sending it again could do it twice.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::method::Method;

/// When and how often to send a request again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    pub(crate) connect_retries: u32,
    pub(crate) status_code_retries: u32,
    pub(crate) retriable_status_codes: Vec<u16>,
    /// The first delay; each next one doubles, up to `max_delay`.
    pub(crate) base_delay: Duration,
    /// The longest wait between attempts, `Retry-After` included.
    pub(crate) max_delay: Duration,
}

/// keystoneauth's default, and ours, for the statuses worth retrying when retries
/// are asked for: 429 Too Many Requests and 503 Service Unavailable.
pub(crate) const DEFAULT_RETRIABLE_STATUS_CODES: [u16; 2] = [429, 503];
pub(crate) const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(500);
pub(crate) const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(60);

/// What one attempt came to, as far as retrying goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The request could not connect (nothing was sent).
    ConnectFailed,
    /// A reply with this status, and the delay its `Retry-After` asks for.
    Status(u16, Option<Duration>),
    /// Anything else (a timeout, a broken reply): never retried.
    Other,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            connect_retries: 0,
            status_code_retries: 0,
            retriable_status_codes: DEFAULT_RETRIABLE_STATUS_CODES.to_vec(),
            base_delay: DEFAULT_BASE_DELAY,
            max_delay: DEFAULT_MAX_DELAY,
        }
    }
}

/// Sends `request`, again as `policy` allows.
pub(crate) async fn send(
    policy: &RetryPolicy,
    method: Method,
    request: reqwest::RequestBuilder,
) -> Result<reqwest::Response, reqwest::Error> {
    let (client, request) = request.build_split();
    let mut request = request?;
    let mut retrier = Retrier::new(policy, method);
    loop {
        // A copy for the next attempt, while one may come (a streamed body has none).
        let spare = if retrier.may_retry() {
            request.try_clone()
        } else {
            None
        };
        let result = client.execute(request).await;
        let Some(next) = spare else {
            return result;
        };
        let outcome = classify(&result);
        match retrier.after(outcome) {
            Some(delay) => {
                drop(result);
                tokio::time::sleep(delay).await;
                request = next;
            }
            None => return result,
        }
    }
}

fn classify(result: &Result<reqwest::Response, reqwest::Error>) -> Outcome {
    match result {
        Ok(reply) => Outcome::Status(
            reply.status().as_u16(),
            retry_after(reply.headers(), SystemTime::now()),
        ),
        Err(e) if e.is_connect() => Outcome::ConnectFailed,
        Err(_) => Outcome::Other,
    }
}

/// The retry decisions for one request, apart from HTTP.
pub(crate) struct Retrier<'a> {
    policy: &'a RetryPolicy,
    idempotent: bool,
    connect_left: u32,
    status_left: u32,
    connect: Backoff,
    status: Backoff,
}

impl<'a> Retrier<'a> {
    pub(crate) fn new(policy: &'a RetryPolicy, method: Method) -> Retrier<'a> {
        Retrier {
            policy,
            idempotent: is_idempotent(method),
            connect_left: policy.connect_retries,
            status_left: policy.status_code_retries,
            connect: Backoff::new(policy),
            status: Backoff::new(policy),
        }
    }

    /// Whether any further attempt is possible.
    pub(crate) fn may_retry(&self) -> bool {
        self.idempotent && (self.connect_left > 0 || self.status_left > 0)
    }

    /// After an attempt: the delay before the next one, or `None` to stop.
    pub(crate) fn after(&mut self, outcome: Outcome) -> Option<Duration> {
        if !self.idempotent {
            return None;
        }
        match outcome {
            Outcome::ConnectFailed if self.connect_left > 0 => {
                self.connect_left -= 1;
                Some(self.connect.next())
            }
            Outcome::Status(code, retry_after)
                if self.status_left > 0 && self.policy.retriable_status_codes.contains(&code) =>
            {
                self.status_left -= 1;
                let backoff = self.status.next();
                Some(retry_after.map_or(backoff, |asked| asked.min(self.policy.max_delay)))
            }
            _ => None,
        }
    }
}

/// GET, HEAD, PUT, DELETE (and OPTIONS, which operations do not use): sending one
/// twice has the effect of sending it once.
pub(crate) fn is_idempotent(method: Method) -> bool {
    matches!(
        method,
        Method::Get | Method::Head | Method::Put | Method::Delete
    )
}

/// Exponential back-off: `base`, `2 base`, `4 base`, ... capped at `max`.
struct Backoff {
    next: Duration,
    max: Duration,
}

impl Backoff {
    fn new(policy: &RetryPolicy) -> Backoff {
        Backoff {
            next: policy.base_delay.min(policy.max_delay),
            max: policy.max_delay,
        }
    }

    fn next(&mut self) -> Duration {
        let delay = self.next;
        self.next = self.next.saturating_mul(2).min(self.max);
        delay
    }
}

/// The delay a `Retry-After` header asks for: whole seconds, or an HTTP date (a date
/// already past asks for none). Unreadable values are ignored (the back-off applies).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn policy(connect: u32, status: u32) -> RetryPolicy {
        RetryPolicy {
            connect_retries: connect,
            status_code_retries: status,
            ..RetryPolicy::default()
        }
    }

    /// Feeds canned outcomes (the last repeats) to a retrier; returns the attempts
    /// made and the delays between them.
    fn run(policy: &RetryPolicy, method: Method, outcomes: &[Outcome]) -> (usize, Vec<Duration>) {
        let mut retrier = Retrier::new(policy, method);
        let mut delays = Vec::new();
        for attempt in 0.. {
            let outcome = outcomes[attempt.min(outcomes.len() - 1)];
            match retrier.after(outcome) {
                Some(delay) => delays.push(delay),
                None => return (attempt + 1, delays),
            }
        }
        unreachable!("the loop only ends by returning")
    }

    const S503: Outcome = Outcome::Status(503, None);
    const OK: Outcome = Outcome::Status(200, None);
    const CONNECT: Outcome = Outcome::ConnectFailed;

    fn secs(s: &[f64]) -> Vec<Duration> {
        s.iter().map(|s| Duration::from_secs_f64(*s)).collect()
    }

    #[test]
    fn off_by_default() {
        assert_eq!(
            run(&RetryPolicy::default(), Method::Get, &[S503]),
            (1, vec![])
        );
        assert_eq!(
            run(&RetryPolicy::default(), Method::Get, &[CONNECT]),
            (1, vec![])
        );
    }

    #[test]
    fn status_retries_back_off_like_keystoneauth() {
        // keystoneauth: 3 retries of a 503 sleep 0.5, 1, 2 s.
        assert_eq!(
            run(&policy(0, 3), Method::Get, &[S503]),
            (4, secs(&[0.5, 1.0, 2.0]))
        );
        // ... and 20 retries end at the 60 s cap.
        let (attempts, delays) = run(&policy(0, 20), Method::Put, &[S503]);
        assert_eq!(attempts, 21);
        assert_eq!(
            delays[..8],
            secs(&[0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0])
        );
        assert!(delays[7..].iter().all(|d| *d == Duration::from_secs(60)));
        // A success ends the loop.
        assert_eq!(
            run(&policy(0, 5), Method::Get, &[S503, OK]),
            (2, secs(&[0.5]))
        );
    }

    #[test]
    fn connect_and_status_retries_count_apart() {
        let outcomes = [CONNECT, CONNECT, S503, CONNECT, S503, OK];
        assert_eq!(
            run(&policy(3, 2), Method::Delete, &outcomes),
            (6, secs(&[0.5, 1.0, 0.5, 2.0, 1.0]))
        );
        // Connect retries alone leave a 503 alone, and the other way round.
        assert_eq!(run(&policy(3, 0), Method::Get, &[S503]), (1, vec![]));
        assert_eq!(run(&policy(0, 3), Method::Get, &[CONNECT]), (1, vec![]));
    }

    #[test]
    fn only_listed_statuses_and_idempotent_methods() {
        assert_eq!(
            run(&policy(0, 3), Method::Get, &[Outcome::Status(500, None)]),
            (1, vec![])
        );
        assert_eq!(
            run(&policy(0, 3), Method::Get, &[Outcome::Other]),
            (1, vec![])
        );
        for method in [Method::Post, Method::Patch] {
            assert_eq!(run(&policy(3, 3), method, &[S503]), (1, vec![]));
            assert_eq!(run(&policy(3, 3), method, &[CONNECT]), (1, vec![]));
        }
        let custom = RetryPolicy {
            retriable_status_codes: vec![409],
            ..policy(0, 1)
        };
        assert_eq!(
            run(&custom, Method::Head, &[Outcome::Status(409, None), OK]).0,
            2
        );
        assert_eq!(run(&custom, Method::Head, &[S503]).0, 1);
    }

    #[test]
    fn retry_after_replaces_the_back_off_up_to_the_cap() {
        let outcomes = [
            Outcome::Status(429, Some(Duration::from_secs(7))),
            Outcome::Status(429, Some(Duration::from_secs(3600))),
            S503,
            OK,
        ];
        assert_eq!(
            run(&policy(0, 5), Method::Get, &outcomes),
            (4, secs(&[7.0, 60.0, 2.0]))
        );
    }

    #[test]
    fn reads_retry_after_as_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00
        let header = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(RETRY_AFTER, HeaderValue::from_static(v));
            retry_after(&h, now)
        };
        assert_eq!(header("120"), Some(Duration::from_secs(120)));
        assert_eq!(header(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            header("Wed, 21 Oct 2015 07:28:30 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            header("Wed, 21 Oct 2015 07:27:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(header("soon"), None);
        assert_eq!(header("-5"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }
}
