//! A token Keystone issued: the `X-Subject-Token` value and what its body says
//! (expiry, project scope, catalog).

use super::expiry;
// Every method's reply is the same token document; the password operation's
// generated types (which the overlay completes from real replies) read them all.
use super::identity_api::auth::tokens::password_scoped as op;
use crate::catalog::{Catalog, CatalogEndpoint, CatalogService};
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
        let reply: op::Response = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|e| decode_error(&e.path().to_string(), e.inner().to_string()))?;
        let token = reply.token;
        let catalog = catalog(token.catalog.into_option().unwrap_or_default())
            .map_err(|(path, message)| decode_error(&path, message))?;
        Ok(IssuedToken {
            value: Secret::new(value),
            expires_at: token
                .expires_at
                .into_option()
                .as_deref()
                .and_then(expiry::unix_seconds),
            project_id: token.project.into_option().and_then(|p| p.id.into_option()),
            catalog,
        })
    }

    pub(crate) fn renewal_due(&self) -> bool {
        expiry::renewal_due(self.expires_at, std::time::SystemTime::now())
    }
}

/// The runtime's [`Catalog`] from the reply's: the generated types read every field
/// as optional (the reference marks none required), but an entry without what
/// endpoint choice needs is a bad reply, reported at its JSON path as a decode error.
fn catalog(services: Vec<op::Catalog>) -> Result<Catalog, (String, String)> {
    let missing = |path: String, field: &str| (path, format!("missing field `{field}`"));
    let services = services
        .into_iter()
        .enumerate()
        .map(|(i, service)| {
            let at = format!("token.catalog[{i}]");
            let service_type = service
                .r#type
                .into_option()
                .ok_or_else(|| missing(at.clone(), "type"))?;
            let endpoints = service
                .endpoints
                .into_option()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(j, e)| {
                    let at = format!("{at}.endpoints[{j}]");
                    Ok::<_, (String, String)>(CatalogEndpoint {
                        interface: e
                            .interface
                            .into_option()
                            .ok_or_else(|| missing(at.clone(), "interface"))?,
                        region_id: e.region_id.into_option(),
                        region: e.region.into_option(),
                        url: e.url.into_option().ok_or_else(|| missing(at, "url"))?,
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok::<_, (String, String)>(CatalogService {
                service_type,
                name: service.name.into_option(),
                endpoints,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Catalog { services })
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

    #[test]
    fn a_catalog_entry_without_what_endpoint_choice_needs_is_a_decode_error() {
        for (body, path, field) in [
            (
                r#"{"token": {"catalog": [{"endpoints": []}]}}"#,
                "token.catalog[0]",
                "type",
            ),
            (
                r#"{"token": {"catalog": [{"type": "compute", "endpoints": [{"interface": "public"}]}]}}"#,
                "token.catalog[0].endpoints[0]",
                "url",
            ),
        ] {
            let err = IssuedToken::from_reply(201, None, Some("t"), body.as_bytes(), |s| s)
                .err()
                .expect(body);
            assert!(
                matches!(&err, Error::Decode(d) if d.path == path && d.message.contains(field)),
                "{err:?}"
            );
        }
        let t = IssuedToken::from_reply(
            201,
            None,
            Some("t"),
            br#"{"token": {"catalog": null}}"#,
            |s| s,
        )
        .expect("null catalog");
        assert!(t.catalog.services.is_empty());
    }
}
