//! The client and the one generic [`Client::call`] every generated endpoint uses.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::OnceCell;

use crate::auth::Auth;
use crate::endpoint::Endpoint;
use crate::error::{ApiError, DecodeError, Error, TransportError};
use crate::microversion::{Microversion, Version, VersionRange, negotiate};
use crate::operation::{Method, Operation};
use crate::path::render_path;
use crate::query::encode_query;
use crate::response::Response;
use crate::secret::Secret;

/// A client for one service endpoint. Cheap to clone; clones share the connection pool
/// and the negotiated version range.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    endpoint: Endpoint,
    auth: Option<Auth>,
    default_microversion: Microversion,
    /// The server's version document, fetched on first need (once, even if many
    /// calls need it at the same moment).
    versions: OnceCell<VersionRange>,
}

/// Configures a [`Client`]. Problems are reported by [`ClientBuilder::build`].
#[derive(Debug)]
pub struct ClientBuilder {
    endpoint: String,
    token: Option<Secret>,
    microversion: Microversion,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    user_agent: String,
}

/// The version document's path, relative to the endpoint root.
const VERSION_DOCUMENT: Operation = Operation {
    name: "getVersion",
    method: Method::Get,
    path: "/v2.1/",
    service: "compute",
    documented_statuses: &[200],
    min_microversion: None,
    max_microversion: None,
};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_USER_AGENT: &str = concat!("apiref/", env!("CARGO_PKG_VERSION"));
const MICROVERSION_HEADER: &str = "openstack-api-version";
const LEGACY_NOVA_MICROVERSION_HEADER: &str = "x-openstack-nova-api-version";
const REQUEST_ID_HEADERS: [&str; 2] = ["x-openstack-request-id", "x-compute-request-id"];

#[derive(serde::Deserialize)]
struct VersionDocument {
    version: VersionInfo,
}

#[derive(serde::Deserialize)]
struct VersionInfo {
    #[serde(default)]
    version: String,
    #[serde(default)]
    min_version: String,
}

impl Client {
    /// Starts configuring a client for `endpoint`, given as the service catalog lists
    /// it (`http://host:8774`, `.../v2.1`, `.../v2.1/<project_id>`, ...).
    pub fn builder(endpoint: &str) -> ClientBuilder {
        ClientBuilder {
            endpoint: endpoint.to_owned(),
            token: None,
            microversion: Microversion::Default,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
        }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The microversion used for calls that pass [`Microversion::Default`].
    pub fn default_microversion(&self) -> Microversion {
        self.inner.default_microversion
    }

    /// The server's supported microversions, from `GET {root}/v2.1/`. Fetched once per
    /// client (and its clones); a failed fetch is retried on the next call.
    pub async fn server_versions(&self) -> Result<VersionRange, Error> {
        self.inner
            .versions
            .get_or_try_init(|| self.fetch_versions())
            .await
            .copied()
    }

    /// Calls `op`: fills its path with `path_args`, sends `query` and `body` as JSON,
    /// and decodes a 2xx body into `R` (an empty body decodes as `null`, so `R = ()`
    /// suits 202/204 replies). Error replies become the [`Error`] variant for their
    /// status if the operation documents it, [`Error::UnexpectedStatus`] otherwise.
    pub async fn call<Q, B, R>(
        &self,
        op: &Operation,
        path_args: &[&str],
        query: Option<&Q>,
        body: Option<&B>,
        microversion: Microversion,
    ) -> Result<Response<R>, Error>
    where
        Q: Serialize + ?Sized,
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        // Everything that can be checked locally is, before anything is sent.
        let mut url = self.inner.endpoint.url(&render_path(op.path, path_args)?)?;
        if let Some(query) = query
            && let Some(encoded) = encode_query(query)?
        {
            let joined = match url.query() {
                Some(existing) if !existing.is_empty() => format!("{existing}&{encoded}"),
                _ => encoded,
            };
            url.set_query(Some(&joined));
        }
        let body =
            body.map(serde_json::to_vec)
                .transpose()
                .map_err(|e| Error::InvalidArgument {
                    name: "body".to_owned(),
                    reason: format!("cannot serialize: {e}"),
                })?;
        let version = self.resolve_microversion(op, microversion).await?;
        self.execute(op, url, body, version).await
    }

    /// The header value (`2.19`, `latest`) for this call, if any.
    async fn resolve_microversion(
        &self,
        op: &Operation,
        requested: Microversion,
    ) -> Result<Option<String>, Error> {
        let effective = match requested {
            Microversion::Default => self.inner.default_microversion,
            other => other,
        };
        Ok(match effective {
            Microversion::Default => None,
            Microversion::Exact(version) => Some(version.to_string()),
            Microversion::Latest => Some("latest".to_owned()),
            Microversion::Negotiate => {
                let server = self.server_versions().await?;
                Some(negotiate(server, op)?.to_string())
            }
        })
    }

    async fn fetch_versions(&self) -> Result<VersionRange, Error> {
        let url = self.inner.endpoint.url(VERSION_DOCUMENT.path)?;
        let doc: Response<VersionDocument> =
            self.execute(&VERSION_DOCUMENT, url, None, None).await?;
        let info = doc.body.version;
        if info.version.is_empty() {
            return Err(Error::Negotiation(
                "the server's version document lists no microversions".to_owned(),
            ));
        }
        let parse = |field: &str, value: &str| {
            value.parse::<Version>().map_err(|e| {
                Error::Negotiation(format!("server's version document has a bad {field}: {e}"))
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

    /// Sends one request and interprets the reply.
    async fn execute<R: DeserializeOwned>(
        &self,
        op: &Operation,
        url: reqwest::Url,
        body: Option<Vec<u8>>,
        microversion: Option<String>,
    ) -> Result<Response<R>, Error> {
        let url_text = url.to_string();
        let mut request = self
            .inner
            .http
            .request(op.method.to_reqwest(), url)
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(auth) = &self.inner.auth {
            request = request.header(Auth::TOKEN_HEADER, auth.header_value()?);
        }
        if let Some(version) = microversion {
            let value = HeaderValue::from_str(&format!("{} {version}", op.service))
                .map_err(|_| Error::Config(format!("invalid service name {:?}", op.service)))?;
            request = request.header(MICROVERSION_HEADER, value);
        }
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }

        let transport = |e| Error::Transport(TransportError::new(op.method, &url_text, e));
        let reply = request.send().await.map_err(transport)?;
        let status = reply.status().as_u16();
        let request_id = request_id(reply.headers());
        let microversion = reply_microversion(reply.headers(), op.service);
        let bytes = reply.bytes().await.map_err(transport)?;

        if (200..300).contains(&status) {
            match decode::<R>(&bytes) {
                Ok(body) => Ok(Response {
                    body,
                    status,
                    request_id,
                    microversion,
                }),
                Err((path, message)) => Err(Error::Decode(DecodeError {
                    status,
                    request_id,
                    path,
                    message: self.redact(message),
                    body: self.redact(String::from_utf8_lossy(&bytes).into_owned()),
                })),
            }
        } else {
            let body = self.redact(String::from_utf8_lossy(&bytes).into_owned());
            let mut api = ApiError::from_reply(status, request_id, body);
            api.message = api.message.map(|m| self.redact(m));
            api.fault = api.fault.map(|f| self.redact(f));
            Err(Error::from_api_error(op, api))
        }
    }

    fn redact(&self, text: String) -> String {
        match &self.inner.auth {
            Some(auth) => auth.redact(text),
            None => text,
        }
    }
}

/// Decodes a 2xx body, an empty one as `null`; on failure, the JSON path and message.
fn decode<R: DeserializeOwned>(bytes: &[u8]) -> Result<R, (String, String)> {
    let input: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    let mut deserializer = serde_json::Deserializer::from_slice(input);
    let value: R = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))?;
    deserializer
        .end()
        .map_err(|e| (".".to_owned(), e.to_string()))?;
    Ok(value)
}

fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|name| {
        headers
            .get(*name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    })
}

/// The version from `OpenStack-API-Version: compute 2.19` (a list is allowed), or from
/// Nova's legacy `X-OpenStack-Nova-API-Version: 2.19`.
fn reply_microversion(headers: &HeaderMap, service: &str) -> Option<Version> {
    let from_standard = headers
        .get_all(MICROVERSION_HEADER)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|entry| {
            let (name, version) = entry.trim().split_once(char::is_whitespace)?;
            if name.eq_ignore_ascii_case(service) {
                version.trim().parse().ok()
            } else {
                None
            }
        });
    from_standard.or_else(|| {
        if service != "compute" {
            return None;
        }
        headers
            .get(LEGACY_NOVA_MICROVERSION_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
    })
}

impl ClientBuilder {
    /// A pre-issued Keystone token, sent as `X-Auth-Token`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token));
        self
    }

    /// The microversion for calls that pass [`Microversion::Default`]. Without one,
    /// such calls send no header (Nova then uses 2.1).
    pub fn microversion(mut self, microversion: Microversion) -> Self {
        self.microversion = microversion;
        self
    }

    /// The whole-request timeout, connect to last body byte. Default 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connect timeout. Default: none beyond the whole-request timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header. Default `apiref/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let endpoint = Endpoint::parse(&self.endpoint)?;
        let auth = self.token.map(Auth::Token);
        if let Some(auth) = &auth {
            auth.header_value()?;
        }
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            Error::Config("user agent contains characters not allowed in a header".to_owned())
        })?;
        // Redirects are not followed: OpenStack APIs do not redirect, and reqwest would
        // forward the custom X-Auth-Token header to wherever a redirect points.
        let mut http = reqwest::Client::builder()
            .user_agent(user_agent)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(connect_timeout) = self.connect_timeout {
            http = http.connect_timeout(connect_timeout);
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                endpoint,
                auth,
                default_microversion: self.microversion,
                versions: OnceCell::new(),
            }),
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match &self.inner.auth {
            None => "none",
            Some(Auth::Token(_)) => "token",
        };
        f.debug_struct("Client")
            .field("endpoint", &self.inner.endpoint.root())
            .field("project_id", &self.inner.endpoint.project_id())
            .field("auth", &auth)
            .field("default_microversion", &self.inner.default_microversion)
            .field("server_versions", &self.inner.versions.get())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let builder = Client::builder("http://127.0.0.1:8774/v2.1/p1").token("s3cret-token-value");
        assert!(!format!("{builder:?}").contains("s3cret"));
        let client = builder.build().expect("builds");
        let shown = format!("{client:?}");
        assert!(shown.contains("http://127.0.0.1:8774"), "{shown}");
        assert!(shown.contains("token"), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!format!("{client:#?}").contains("s3cret"));
    }

    #[test]
    fn build_rejects_bad_configuration() {
        assert!(matches!(
            Client::builder("ftp://host/").build(),
            Err(Error::Config(_))
        ));
        let err = Client::builder("http://host/")
            .token("bad\r\nX-Injected: 1")
            .build()
            .expect_err("rejected");
        assert!(matches!(err, Error::Config(_)));
        assert!(!err.to_string().contains("Injected"));
    }

    #[test]
    fn decodes_empty_as_null() {
        assert_eq!(decode::<()>(b""), Ok(()));
        assert_eq!(decode::<()>(b" \n"), Ok(()));
        assert_eq!(decode::<Option<u8>>(b""), Ok(None));
        let (path, _) = decode::<()>(b"{} x").expect_err("trailing");
        assert_eq!(path, ".");
    }

    #[test]
    fn reads_reply_microversion() {
        let mut headers = HeaderMap::new();
        headers.insert(
            MICROVERSION_HEADER,
            HeaderValue::from_static("volume 3.5, compute 2.19"),
        );
        assert_eq!(
            reply_microversion(&headers, "compute"),
            Some(Version::new(2, 19))
        );
        assert_eq!(reply_microversion(&headers, "image"), None);
        let mut legacy = HeaderMap::new();
        legacy.insert(
            LEGACY_NOVA_MICROVERSION_HEADER,
            HeaderValue::from_static("2.3"),
        );
        assert_eq!(
            reply_microversion(&legacy, "compute"),
            Some(Version::new(2, 3))
        );
    }
}
