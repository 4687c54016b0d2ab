//! The client and the one generic [`Client::call`] every generated endpoint uses.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::OnceCell;

use crate::auth::{Auth, KeystoneAuth, KeystoneSession, RequestToken};
use crate::catalog::Interface;
use crate::cloud_config::{CloudAuth, CloudConfig};
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
    /// `None`: taken from the Keystone catalog by [`ClientBuilder::connect`].
    endpoint: Option<String>,
    token: Option<Secret>,
    keystone: Option<KeystoneAuth>,
    service_type: String,
    interface: Interface,
    region: Option<String>,
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
        ClientBuilder::new(Some(endpoint.to_owned()))
    }

    /// Starts configuring a client that gets its tokens from Keystone and its endpoint
    /// from the token's catalog (service type `compute`, interface public, any region
    /// unless set). Finish with [`ClientBuilder::connect`].
    pub fn builder_keystone(auth: KeystoneAuth) -> ClientBuilder {
        ClientBuilder::new(None).keystone(auth)
    }

    /// Starts configuring a client for a cloud from `clouds.yaml` or `OS_*`
    /// variables (see [`CloudConfig`]): its credentials, region, interface and
    /// endpoint override. Finish with [`ClientBuilder::connect`].
    pub fn builder_from_cloud(cloud: &CloudConfig) -> ClientBuilder {
        let mut builder = ClientBuilder::new(cloud.compute_endpoint_override.clone());
        builder.interface = cloud.interface;
        builder.region = cloud.region_name.clone();
        match &cloud.auth {
            CloudAuth::Keystone(auth) => builder.keystone = Some(auth.clone()),
            CloudAuth::Token { token, endpoint } => {
                builder.token = Some(token.clone());
                if builder.endpoint.is_none() {
                    builder.endpoint = endpoint.clone();
                }
            }
        }
        builder
    }

    /// The project calls act on: the Keystone token's project scope (fetching a
    /// token first if needed), else the project id the endpoint URL ends with.
    pub async fn project_id(&self) -> Result<String, Error> {
        if let Some(Auth::Keystone(session)) = &self.inner.auth
            && let Some(id) = &session.current().await?.project_id
        {
            return Ok(id.clone());
        }
        self.inner
            .endpoint
            .project_id()
            .map(str::to_owned)
            .ok_or_else(|| {
                Error::Config(
                    "no project: the token is not scoped to one and the endpoint URL names none"
                        .to_owned(),
                )
            })
    }

    /// The token the next call would send: the fixed one, or Keystone's current one
    /// (fetched or renewed first if needed). `None` without auth.
    pub async fn token(&self) -> Result<Option<Secret>, Error> {
        match &self.inner.auth {
            Some(auth) => Ok(Some(auth.request_token().await?.secret().clone())),
            None => Ok(None),
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

    /// Refuses a body that sets a field outside its microversion range at the
    /// version this call would be sent at, before the call's own I/O (with
    /// `Negotiate`, after the one version-document read a client makes). Without a
    /// header the server uses its base version, 2.1; at `latest` nothing is refused.
    /// Generated endpoints with `REQUEST_FIELD_VERSIONS` call this before
    /// [`call`](Client::call).
    pub async fn check_field_versions<B: Serialize + ?Sized>(
        &self,
        op: &Operation,
        fields: &[crate::field_versions::FieldVersion],
        body: &B,
        microversion: Microversion,
    ) -> Result<(), Error> {
        if fields.is_empty() {
            return Ok(());
        }
        let version = match self.resolve_microversion(op, microversion).await? {
            None => crate::microversion::Version::new(2, 1),
            Some(header) => match header.parse() {
                Ok(v) => v,
                Err(_) => return Ok(()),
            },
        };
        let value = serde_json::to_value(body).map_err(|e| Error::InvalidArgument {
            name: "body".to_owned(),
            reason: format!("cannot serialize: {e}"),
        })?;
        crate::field_versions::check_field_versions(fields, &value, version)
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
        let transport = |e| Error::Transport(TransportError::new(op.method, &url_text, e));
        let mut token = match &self.inner.auth {
            Some(auth) => Some(auth.request_token().await?),
            None => None,
        };
        let mut renewed = false;
        let reply = loop {
            let mut request = self
                .inner
                .http
                .request(op.method.to_reqwest(), url.clone())
                .header(ACCEPT, HeaderValue::from_static("application/json"));
            if let Some(token) = &token {
                request = request.header(Auth::TOKEN_HEADER, token.header_value()?);
            }
            if let Some(version) = &microversion {
                let value = HeaderValue::from_str(&format!("{} {version}", op.service))
                    .map_err(|_| Error::Config(format!("invalid service name {:?}", op.service)))?;
                request = request.header(MICROVERSION_HEADER, value);
            }
            if let Some(body) = &body {
                request = request
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(body.clone());
            }
            let reply = request.send().await.map_err(transport)?;
            // A Keystone token the service rejects is renewed once and the call sent
            // once more; a second 401 (or one for a fixed token) goes to the caller.
            if reply.status() == reqwest::StatusCode::UNAUTHORIZED
                && !renewed
                && let (Some(auth), Some(used)) = (&self.inner.auth, &token)
                && let Some(fresh) = auth.renew_after_401(used).await?
            {
                token = Some(fresh);
                renewed = true;
                continue;
            }
            break reply;
        };
        let redact = |text: String| self.redact(token.as_ref(), text);
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
                    message: redact(message),
                    body: redact(String::from_utf8_lossy(&bytes).into_owned()),
                })),
            }
        } else {
            let body = redact(String::from_utf8_lossy(&bytes).into_owned());
            let mut api = ApiError::from_reply(status, request_id, body);
            api.message = api.message.map(&redact);
            api.fault = api.fault.map(&redact);
            Err(Error::from_api_error(op, api))
        }
    }

    /// Scrubs the token a request carried, and any Keystone credential, from text
    /// that came from the server.
    fn redact(&self, token: Option<&RequestToken>, text: String) -> String {
        let text = match token {
            Some(token) => crate::auth::redact(token.secret(), text),
            None => text,
        };
        match &self.inner.auth {
            Some(Auth::Keystone(session)) => session.redact(text),
            _ => text,
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
    fn new(endpoint: Option<String>) -> ClientBuilder {
        ClientBuilder {
            endpoint,
            token: None,
            keystone: None,
            service_type: "compute".to_owned(),
            interface: Interface::default(),
            region: None,
            microversion: Microversion::Default,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
        }
    }

    /// A pre-issued Keystone token, sent as `X-Auth-Token` as is (a 401 is returned,
    /// not retried). Replaces [`ClientBuilder::keystone`].
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token));
        self.keystone = None;
        self
    }

    /// Tokens from Keystone: fetched on first need, shared by all calls and clones,
    /// renewed when less than a minute remains before `expires_at`, and renewed once
    /// (the call retried once) when the service answers 401. Replaces
    /// [`ClientBuilder::token`].
    pub fn keystone(mut self, auth: KeystoneAuth) -> Self {
        self.keystone = Some(auth);
        self.token = None;
        self
    }

    /// The catalog region whose endpoint [`ClientBuilder::connect`] picks. Default:
    /// the first endpoint listed for the interface.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The catalog interface whose endpoint [`ClientBuilder::connect`] picks.
    /// Default public.
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = interface;
        self
    }

    /// The catalog service type whose endpoint [`ClientBuilder::connect`] picks.
    /// Default `compute`.
    pub fn service_type(mut self, service_type: impl Into<String>) -> Self {
        self.service_type = service_type.into();
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

    /// Builds a client for the given endpoint without any I/O; a Keystone token is
    /// fetched by the first call. Without an endpoint this is an error: use
    /// [`ClientBuilder::connect`] to take it from the catalog.
    pub fn build(self) -> Result<Client, Error> {
        let Some(endpoint) = &self.endpoint else {
            return Err(Error::Config(
                "no endpoint: give one to Client::builder, or use ClientBuilder::connect to \
                 take it from the Keystone catalog"
                    .to_owned(),
            ));
        };
        let endpoint = Endpoint::parse(endpoint)?;
        let (http, auth) = self.transport()?;
        Ok(self.finish(http, endpoint, auth))
    }

    /// Builds the client and, with Keystone auth, authenticates now: a refused login is
    /// [`Error::Auth`], and without an explicit endpoint the one for the service type,
    /// interface and region comes from the token's catalog ([`Error::Catalog`] if it
    /// has none).
    pub async fn connect(self) -> Result<Client, Error> {
        let (http, auth) = self.transport()?;
        let token = match &auth {
            Some(Auth::Keystone(session)) => Some(session.current().await?),
            _ => None,
        };
        let endpoint = match (&self.endpoint, &token) {
            (Some(url), _) => Endpoint::parse(url)?,
            (None, Some(token)) => Endpoint::parse(
                token
                    .catalog
                    .endpoint_url(&self.service_type, self.interface, self.region.as_deref())
                    .map_err(Error::Catalog)?,
            )?,
            (None, None) => {
                return Err(Error::Config(
                    "no endpoint: give one, or Keystone credentials to find it in the catalog"
                        .to_owned(),
                ));
            }
        };
        Ok(self.finish(http, endpoint, auth))
    }

    /// The HTTP client and the auth every request will use.
    fn transport(&self) -> Result<(reqwest::Client, Option<Auth>), Error> {
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
        let auth = match (&self.keystone, &self.token) {
            (Some(keystone), _) => Some(Auth::Keystone(Arc::new(KeystoneSession::new(
                http.clone(),
                keystone.clone(),
            )?))),
            (None, Some(token)) => {
                crate::auth::header_value(token)?;
                Some(Auth::Token(token.clone()))
            }
            (None, None) => None,
        };
        Ok((http, auth))
    }

    fn finish(self, http: reqwest::Client, endpoint: Endpoint, auth: Option<Auth>) -> Client {
        Client {
            inner: Arc::new(Inner {
                http,
                endpoint,
                auth,
                default_microversion: self.microversion,
                versions: OnceCell::new(),
            }),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match &self.inner.auth {
            None => "none",
            Some(Auth::Token(_)) => "token",
            Some(Auth::Keystone(_)) => "keystone",
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
