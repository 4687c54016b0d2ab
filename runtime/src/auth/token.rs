//! A token Keystone issued: the `X-Subject-Token` value and what its body says
//! (expiry, project scope, catalog).

use serde::Deserialize;

use super::expiry;
use crate::catalog::Catalog;
use crate::error::{DecodeError, Error};
use crate::secret::Secret;

/// One issued token. Shared (in an `Arc`) by every call that uses it.
pub(crate) struct IssuedToken {
    pub(crate) value: Secret,
    /// `expires_at` as Unix seconds, if Keystone sent a readable one.
    pub(crate) expires_at: Option<i64>,
    /// The project the token is scoped to.
    pub(crate) project_id: Option<String>,
    pub(crate) catalog: Catalog,
}

#[derive(Deserialize)]
struct TokenReply {
    token: TokenBody,
}

#[derive(Deserialize)]
struct TokenBody {
    #[serde(default)]
    expires_at: Option<String>,
    #[serde(default)]
    project: Option<ProjectInfo>,
    #[serde(default)]
    catalog: Catalog,
}

#[derive(Deserialize)]
struct ProjectInfo {
    id: String,
}

impl IssuedToken {
    /// Reads a 2xx reply of `POST /v3/auth/tokens`. `redact` scrubs credentials from
    /// anything that goes into an error.
    pub(crate) fn from_reply(
        status: u16,
        request_id: Option<String>,
        subject_token: Option<&str>,
        body: &[u8],
        redact: impl Fn(String) -> String,
    ) -> Result<IssuedToken, Error> {
        let decode_error = |path: &str, message: String| {
            Error::Decode(DecodeError {
                status,
                request_id: request_id.clone(),
                path: path.to_owned(),
                message: redact(message),
                body: redact(String::from_utf8_lossy(body).into_owned()),
            })
        };
        let value = subject_token
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                decode_error(
                    "X-Subject-Token",
                    "Keystone's reply has no X-Subject-Token header".to_owned(),
                )
            })?;
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let reply: TokenReply = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| decode_error(&e.path().to_string(), e.inner().to_string()))?;
        Ok(IssuedToken {
            value: Secret::new(value),
            expires_at: reply
                .token
                .expires_at
                .as_deref()
                .and_then(expiry::unix_seconds),
            project_id: reply.token.project.map(|p| p.id),
            catalog: reply.token.catalog,
        })
    }

    pub(crate) fn renewal_due(&self) -> bool {
        expiry::renewal_due(self.expires_at, std::time::SystemTime::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"token": {"methods": ["password"], "expires_at": "2026-11-28T09:23:42.000000Z",
        "project": {"id": "p1", "name": "demo", "domain": {"id": "default"}},
        "catalog": [{"type": "compute", "endpoints": [
            {"interface": "public", "region_id": "RegionOne", "url": "http://n/v2.1"}]}]}}"#;

    #[test]
    fn reads_keystone_reply() {
        let t = IssuedToken::from_reply(201, None, Some("gAAAAtok"), BODY.as_bytes(), |s| s)
            .expect("valid");
        assert_eq!(t.value.expose(), "gAAAAtok");
        assert_eq!(t.expires_at, Some(1_795_857_822));
        assert_eq!(t.project_id.as_deref(), Some("p1"));
        assert_eq!(t.catalog.services.len(), 1);
    }

    #[test]
    fn rejects_replies_without_token_or_body() {
        let err = IssuedToken::from_reply(201, None, None, BODY.as_bytes(), |s| s)
            .err()
            .expect("no header");
        assert!(matches!(err, Error::Decode(ref d) if d.path == "X-Subject-Token"));
        let err = IssuedToken::from_reply(201, None, Some("t"), b"{\"token\": 3}", |s| s)
            .err()
            .expect("bad body");
        assert!(
            matches!(err, Error::Decode(ref d) if d.path == "token"),
            "{err:?}"
        );
    }
}
