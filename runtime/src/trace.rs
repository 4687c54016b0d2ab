//! The debug trace: one `tracing` event per request and one per reply, safe to
//! paste into a bug report. Events go to the target `apiref::http` at DEBUG
//! (method, URL, status, request id, time taken, microversion, body size), with
//! the bodies at TRACE. Nothing is recorded unless the application installs a
//! subscriber that wants these levels (`examples/update_server.rs --debug`).
//!
//! What is never shown: a token (shown as keystoneauth shows it,
//! `{SHA256}<hex of its SHA-256>`, so two lines can be matched to one token
//! without revealing it); the strings of a body under a key naming a credential
//! (a password, a secret, a passcode, a credential's blob, a private key) or a
//! token id; any secret the caller passes (the session's
//! credentials, the token); and a token reply's catalog (long, and seldom what a
//! report needs: replaced by the number of services it lists).

use std::time::{Duration, Instant};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::method::Method;
use crate::microversion::Version;
use crate::redact::display_url;
use crate::secret::Secret;

/// The target every event of the trace has (`RUST_LOG=apiref::http=trace`).
pub(crate) const TARGET: &str = "apiref::http";

/// What a body's secret strings become.
const MASKED: &str = "***";

/// A token as keystoneauth logs it: `{SHA256}` and the hex of its SHA-256.
pub(crate) fn token_hash(token: &Secret) -> String {
    let digest = Sha256::digest(token.expose().as_bytes());
    let mut out = String::with_capacity(8 + 64);
    out.push_str("{SHA256}");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// Whether a subscriber wants the trace: callers skip gathering what only the
/// trace would use.
pub(crate) fn enabled() -> bool {
    tracing::enabled!(target: TARGET, tracing::Level::DEBUG)
}

/// One request being traced: when it left, to time its reply.
pub(crate) struct Sent {
    started: Instant,
}

/// Records a request about to be sent. `secrets` are scrubbed from the body.
pub(crate) fn request(
    method: Method,
    url: &str,
    token: Option<&Secret>,
    microversion: Option<&str>,
    body: Option<&[u8]>,
    secrets: &[impl AsRef<str>],
) -> Sent {
    if enabled() {
        let token = token.map(token_hash);
        tracing::debug!(
            target: TARGET,
            method = method.as_str(),
            url = %display_url(url),
            token = token.as_deref().unwrap_or("-"),
            microversion = microversion.unwrap_or("-"),
            body_bytes = body.map_or(0, <[u8]>::len),
            "request"
        );
        if let Some(body) = body
            && tracing::enabled!(target: TARGET, tracing::Level::TRACE)
        {
            let secrets: Vec<&str> = secrets.iter().map(AsRef::as_ref).collect();
            tracing::trace!(target: TARGET, body = %shown_body(body, &secrets), "request body");
        }
    }
    Sent {
        started: Instant::now(),
    }
}

/// What a reply said, for [`reply`].
pub(crate) struct Reply<'a> {
    pub(crate) method: Method,
    pub(crate) url: &'a str,
    pub(crate) status: u16,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) microversion: Option<Version>,
    pub(crate) body: &'a [u8],
}

/// Records a reply to the request `sent`; `scrub` removes every secret the caller
/// knows from the body (the same scrubbing its errors get).
pub(crate) fn reply(sent: &Sent, reply: Reply<'_>, scrub: impl Fn(String) -> String) {
    if !enabled() {
        return;
    }
    let microversion = reply.microversion.map(|v| v.to_string());
    let elapsed: Duration = sent.started.elapsed();
    tracing::debug!(
        target: TARGET,
        method = reply.method.as_str(),
        url = %display_url(reply.url),
        status = reply.status,
        request_id = reply.request_id.unwrap_or("-"),
        elapsed_ms = elapsed.as_secs_f64() * 1000.0,
        microversion = microversion.as_deref().unwrap_or("-"),
        body_bytes = reply.body.len(),
        "reply"
    );
    if tracing::enabled!(target: TARGET, tracing::Level::TRACE) {
        let body = scrub(shown_body(reply.body, &[]));
        tracing::trace!(target: TARGET, body = %body, "reply body");
    }
}

/// A body as the trace shows it: JSON with secret strings masked and a catalog
/// elided, then scrubbed of `secrets`; other text only scrubbed.
fn shown_body(body: &[u8], secrets: &[&str]) -> String {
    let text = match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            mask(&mut value, None);
            value.to_string()
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    crate::redact::scrub(secrets, text)
}

/// Masks, at any depth, the strings under keys naming a secret, and a `token`'s
/// `id` (the token method's body); replaces a `catalog` list by its length.
fn mask(value: &mut Value, parent: Option<&str>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let lower = key.to_ascii_lowercase();
                let secret = crate::redact::is_secret_key(&lower, parent);
                match item {
                    Value::String(text) if secret => *text = MASKED.to_owned(),
                    Value::Array(services) if lower == "catalog" => {
                        *item = Value::String(format!("<{} services elided>", services.len()));
                    }
                    _ => mask(item, Some(&lower)),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| mask(item, parent)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_hash_as_keystoneauth_shows_them() {
        // sha256("abc"), the FIPS 180-2 example.
        assert_eq!(
            token_hash(&Secret::new("abc")),
            "{SHA256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn bodies_lose_secrets_and_catalogs() {
        let body = br#"{"auth": {"identity": {"methods": ["password", "token", "totp"],
            "password": {"user": {"name": "demo", "password": "pw-1"}},
            "token": {"id": "tok-1"},
            "totp": {"user": {"id": "u", "passcode": "123456"}},
            "application_credential": {"id": "ac", "secret": "s-1"}}},
            "token": {"catalog": [{"type": "compute"}, {"type": "identity"}]},
            "note": "echo of other-secret-xyz"}"#;
        let shown = shown_body(body, &["other-secret-xyz"]);
        for secret in ["pw-1", "tok-1", "123456", "s-1", "other-secret-xyz"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("<2 services elided>"), "{shown}");
        assert!(shown.contains(r#""name":"demo""#), "{shown}");
        assert!(shown.contains(r#""id":"ac""#), "{shown}");
        assert_eq!(
            shown_body(b"plain tok-9-long", &["tok-9-long"]),
            "plain ***"
        );
    }
}
