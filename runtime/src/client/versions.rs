//! Which microversion a call is sent at: the server's version document (read once
//! per client), the requested [`Microversion`] resolved against it, the header
//! that asks for it, and the check that a call sets no field outside its range.

use super::wire::microversion_header;
use super::{Client, Outgoing};
use crate::error::Error;
use crate::field_versions::FieldVersion;
use crate::method::Method;
use crate::microversion::{Microversion, Version, VersionRange};
use crate::negotiation::negotiate;
use crate::operation::Operation;
use crate::response::Response;
use crate::service::Service;
use reqwest::header::{HeaderName, HeaderValue};

/// A version document: Nova's `/v2.1/` holds one `version`; Cinder's `/v3/`,
/// Manila's `/v2/` and Placement's `/` hold a `versions` list.
#[derive(serde::Deserialize)]
struct VersionDocument {
    #[serde(default)]
    version: Option<VersionInfo>,
    #[serde(default)]
    versions: Vec<VersionInfo>,
}

#[derive(serde::Deserialize)]
struct VersionInfo {
    /// The highest microversion; Placement calls it `max_version`.
    #[serde(default, alias = "max_version")]
    version: String,
    #[serde(default)]
    min_version: String,
    #[serde(default)]
    status: String,
}

impl VersionDocument {
    /// The one version described: the `version` object, else the list's
    /// `CURRENT` entry, else its only entry.
    fn into_info(self) -> Option<VersionInfo> {
        if let Some(info) = self.version {
            return Some(info);
        }
        let mut versions = self.versions;
        match versions.iter().position(|v| v.status == "CURRENT") {
            Some(current) => Some(versions.swap_remove(current)),
            None if versions.len() == 1 => versions.pop(),
            None => None,
        }
    }
}

impl Client {
    /// The server's supported microversions, from the version document of the
    /// [`ClientBuilder::service`](crate::ClientBuilder::service) (`GET {root}/v2.1/` for compute). Fetched once per
    /// client (and its clones), or by the first call that negotiated; a failed fetch
    /// is retried on the next call.
    pub async fn server_versions(&self) -> Result<VersionRange, Error> {
        if let Some(range) = self.inner.versions.get() {
            return Ok(*range);
        }
        let Some(service) = self.inner.service else {
            return Err(Error::Config(
                "no service: name one with ClientBuilder::service to read its versions".to_owned(),
            ));
        };
        self.versions_of(service).await
    }

    /// [`Client::server_versions`] for `service`, the one the calls are made to.
    async fn versions_of(&self, service: &'static Service) -> Result<VersionRange, Error> {
        self.inner
            .versions
            .get_or_try_init(|| self.fetch_versions(service))
            .await
            .copied()
    }

    /// Refuses a body or query (as the JSON value a `Call` keeps)
    /// that sets a field outside its microversion range at the version this call
    /// would be sent at, before the call's own I/O (with `Negotiate`, after the one
    /// version-document read a client makes). Without a header the server uses its
    /// base version (the service's); at `latest`, or for a service without
    /// microversions, nothing is refused.
    pub(crate) async fn check_field_value(
        &self,
        op: &Operation,
        fields: &[FieldVersion],
        value: &serde_json::Value,
        microversion: Microversion,
    ) -> Result<(), Error> {
        let Some(scheme) = op.service.microversion else {
            return Ok(());
        };
        if fields.is_empty() {
            return Ok(());
        }
        let version = match self.version_for(op, microversion).await? {
            None => scheme.base_version,
            Some(None) => return Ok(()),
            Some(Some(version)) => version,
        };
        crate::field_versions::check_field_versions(fields, value, version)
    }

    /// The microversion this call is sent at: `None` without a header,
    /// `Some(None)` at `latest`.
    async fn version_for(
        &self,
        op: &Operation,
        requested: Microversion,
    ) -> Result<Option<Option<Version>>, Error> {
        let effective = match requested {
            Microversion::Default => self.inner.default_microversion,
            other => other,
        };
        Ok(match effective {
            Microversion::Default => None,
            Microversion::Exact(version) => Some(Some(version)),
            Microversion::Latest => Some(None),
            Microversion::Negotiate => {
                let server = self.versions_of(op.service).await?;
                Some(Some(negotiate(server, op)?))
            }
        })
    }

    /// The microversion header for this call, if any, in the service's form
    /// (`OpenStack-API-Version: compute 2.19`, `X-OpenStack-Manila-API-Version:
    /// latest`). A service without microversions gets none, and a version asked
    /// of it is an error rather than a header it would ignore.
    pub(crate) async fn resolve_microversion(
        &self,
        op: &Operation,
        requested: Microversion,
    ) -> Result<Option<(HeaderName, HeaderValue)>, Error> {
        let Some(scheme) = op.service.microversion else {
            return match requested {
                Microversion::Default => Ok(None),
                _ => Err(Error::InvalidArgument {
                    name: "microversion".to_owned(),
                    reason: format!("{} has no microversions", op.service.service_type),
                }),
            };
        };
        match self.version_for(op, requested).await? {
            None => Ok(None),
            Some(version) => microversion_header(scheme.header, version).map(Some),
        }
    }

    async fn fetch_versions(&self, service: &'static Service) -> Result<VersionRange, Error> {
        let Some(scheme) = service.microversion else {
            return Err(Error::Negotiation(format!(
                "{} has no microversions to negotiate",
                service.service_type
            )));
        };
        let version_document = Operation {
            name: "getVersion",
            method: Method::Get,
            path: scheme.version_document,
            service,
            documented_statuses: &[200],
            min_microversion: None,
            max_microversion: None,
        };
        let url = self.inner.endpoint.url(version_document.path)?;
        let doc: Response<VersionDocument> = self
            .execute(Outgoing::plain(version_document, url, None))
            .await?;
        let Some(info) = doc.body.into_info().filter(|info| !info.version.is_empty()) else {
            return Err(Error::Negotiation(
                "the server's version document lists no microversions".to_owned(),
            ));
        };
        let parse = |field: &str, value: &str| {
            // The server's text is not echoed: it could carry anything, a token included.
            value.parse::<Version>().map_err(|_| {
                Error::Negotiation(format!(
                    "server's version document has a bad {field}: expected MAJOR.MINOR"
                ))
            })
        };
        let max = parse("version", &info.version)?;
        let min = if info.min_version.is_empty() {
            max
        } else {
            parse("min_version", &info.min_version)?
        };
        Ok(VersionRange { min, max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_documents_of_one_version_or_a_list() {
        let read = |json: &str| {
            serde_json::from_str::<VersionDocument>(json)
                .expect("decodes")
                .into_info()
                .map(|i| (i.min_version, i.version))
        };
        let pair = |min: &str, max: &str| Some((min.to_owned(), max.to_owned()));
        assert_eq!(
            read(r#"{"version": {"version": "2.96", "min_version": "2.1"}}"#),
            pair("2.1", "2.96")
        );
        assert_eq!(
            read(
                r#"{"versions": [{"status": "SUPPORTED", "version": "3.0"}, {"status": "CURRENT", "version": "3.71", "min_version": "3.0"}]}"#
            ),
            pair("3.0", "3.71")
        );
        assert_eq!(
            read(r#"{"versions": [{"min_version": "1.0", "max_version": "1.39"}]}"#),
            pair("1.0", "1.39")
        );
        assert_eq!(
            read(r#"{"versions": [{"version": "1"}, {"version": "2"}]}"#),
            None
        );
        assert_eq!(read("{}"), None);
    }
}
