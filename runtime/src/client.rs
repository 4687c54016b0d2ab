//! The client, and the generic [`Client::call`] hand-written code uses (generated
//! endpoint functions go through [`Client::prepare`], in `call.rs`).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::OnceCell;

use crate::auth::{Auth, IssuedToken, KeystoneAuth, KeystoneSession, RequestToken, TokenCache};
use crate::body::{DEFAULT_MAX_REPLY_BYTES, ReadContext, read_limited};
use crate::catalog::Interface;
use crate::cloud_config::{CloudAuth, CloudConfig};
use crate::endpoint::Endpoint;
use crate::error::{ApiError, DecodeError, Error, TransportError};
use crate::method::Method;
use crate::microversion::{Microversion, Version, VersionRange};
use crate::negotiation::negotiate;
use crate::operation::Operation;
use crate::path::render_path;
use crate::query::encode_query;
use crate::response::Response;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::service::{MicroversionHeader, STANDARD_REQUEST_ID_HEADER, Service};
use crate::tls::TlsOptions;

/// A client for one service endpoint. Cheap to clone; clones share the connection pool
/// and the negotiated version range.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// Headers every call of this handle sends, from [`Client::with_header`]
    /// (Keystone's `X-Subject-Token`); values sensitive, scrubbed from replies.
    extra_headers: Option<Arc<ExtraHeaders>>,
}

/// What [`Client::with_header`] added: the headers, and their values as secrets to
/// scrub from server text.
struct ExtraHeaders {
    headers: Vec<(HeaderName, HeaderValue)>,
    secrets: Vec<Secret>,
}

struct Inner {
    http: reqwest::Client,
    endpoint: Endpoint,
    auth: Option<Auth>,
    /// A fixed token's `X-Auth-Token` value, built once (Keystone tokens change).
    fixed_token_header: Option<HeaderValue>,
    default_microversion: Microversion,
    max_reply_bytes: u64,
    retry: RetryPolicy,
    /// The service named to the builder, if any: whose version document
    /// [`Client::server_versions`] reads.
    service: Option<&'static Service>,
    /// The server's version document, fetched on first need (once, even if many
    /// calls need it at the same moment).
    versions: OnceCell<VersionRange>,
    /// Told of every decoded reply that held fields its types do not know.
    on_unknown_fields: Option<crate::drift::UnknownFieldsHook>,
    /// Whether a [`Response`] keeps the body as received.
    keep_raw_bodies: bool,
}

/// Configures a [`Client`]. Problems are reported by [`ClientBuilder::build`].
pub struct ClientBuilder {
    /// `None`: taken from the Keystone catalog by [`ClientBuilder::connect`].
    endpoint: Option<String>,
    token: Option<Secret>,
    keystone: Option<KeystoneAuth>,
    /// The service the client is for: its version segments normalize the endpoint,
    /// its type picks the catalog entry.
    service: Option<&'static Service>,
    /// A catalog type other than the service's own.
    service_type: Option<String>,
    interface: Interface,
    region: Option<String>,
    microversion: Microversion,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    user_agent: String,
    max_reply_bytes: u64,
    retry: RetryPolicy,
    on_unknown_fields: Option<crate::drift::UnknownFieldsHook>,
    keep_raw_bodies: bool,
    token_cache: Option<TokenCache>,
    tls: TlsOptions,
    /// A setting of the cloud's that cannot apply, reported by `build`/`connect`.
    config_error: Option<String>,
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_USER_AGENT: &str = concat!("apiref/", env!("CARGO_PKG_VERSION"));
// Header names as `HeaderName` constants: a `&str` name is parsed on every use, and a
// non-standard one copied to the heap when a request is built.
const MICROVERSION_HEADER: HeaderName = HeaderName::from_static("openstack-api-version");
const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static(STANDARD_REQUEST_ID_HEADER);
const TOKEN_HEADER: HeaderName = HeaderName::from_static(Auth::TOKEN_HEADER);

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
    /// Starts configuring a client for `endpoint`, given as the service catalog lists
    /// it (`http://host:8774`, `.../v2.1`, `.../v2.1/<project_id>`, ...).
    pub fn builder(endpoint: &str) -> ClientBuilder {
        ClientBuilder::new(Some(endpoint.to_owned()))
    }

    /// Starts configuring a client that gets its tokens from Keystone and its endpoint
    /// from the token's catalog (the [`ClientBuilder::service`]'s type, interface
    /// public, any region unless set). Finish with [`ClientBuilder::connect`].
    pub fn builder_keystone(auth: KeystoneAuth) -> ClientBuilder {
        ClientBuilder::new(None).keystone(auth)
    }

    /// Starts configuring a client of `service` (a generated `SERVICE`) for a cloud
    /// from `clouds.yaml` or `OS_*` variables (see [`CloudConfig`]): its
    /// credentials, region, interface, the service's endpoint override
    /// (`<service>_endpoint_override`) and retries. Finish with
    /// [`ClientBuilder::connect`].
    pub fn builder_from_cloud(cloud: &CloudConfig, service: &'static Service) -> ClientBuilder {
        let endpoint = cloud.endpoint_override(service).map(str::to_owned);
        let mut builder = ClientBuilder::new(endpoint).service(service);
        builder.interface = cloud.interface;
        builder.region = cloud.region_name.clone();
        builder.retry = cloud.retry_policy(service);
        builder.token_cache = cloud.token_cache.clone();
        builder.tls = cloud.tls.clone();
        match cloud.microversion(service) {
            Ok(Some(microversion)) => builder.microversion = microversion,
            Ok(None) => {}
            Err(e) => builder.config_error = Some(e),
        }
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

    /// A handle that sends `name: value` with every call besides what this one sends,
    /// sharing its connections, token and negotiated versions: for a request header
    /// an operation needs and its generated function does not take (Keystone's
    /// `X-Subject-Token`, the token validated or revoked). The value is treated as a
    /// secret: marked sensitive and scrubbed from any server text.
    pub fn with_header(&self, name: &str, value: &Secret) -> Result<Client, Error> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config(format!("{name:?} is not a header name")))?;
        let secret = value.clone();
        let value = crate::auth::header_value(value)
            .map_err(|_| Error::Config(format!("the value for {name} is not a header value")))?;
        let mut extra = ExtraHeaders {
            headers: Vec::new(),
            secrets: Vec::new(),
        };
        if let Some(old) = &self.extra_headers {
            extra.headers.clone_from(&old.headers);
            extra.secrets.clone_from(&old.secrets);
        }
        extra.headers.retain(|(n, _)| *n != name);
        extra.headers.push((name, value));
        extra.secrets.push(secret);
        Ok(Client {
            inner: Arc::clone(&self.inner),
            extra_headers: Some(Arc::new(extra)),
        })
    }

    /// The service endpoint the client calls, as given or taken from the catalog.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The microversion used for calls that pass [`Microversion::Default`].
    pub fn default_microversion(&self) -> Microversion {
        self.inner.default_microversion
    }

    /// The server's supported microversions, from the version document of the
    /// [`ClientBuilder::service`] (`GET {root}/v2.1/` for compute). Fetched once per
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
        self.call_with_headers(op, path_args, query, body, &[], microversion)
            .await
    }

    /// [`call`](Client::call), also sending the caller's `headers` (name, value;
    /// `None` is not sent): the request headers an API reference lists beside the
    /// ones the client owns (`X-Auth-Token`, `OpenStack-API-Version`). A value that
    /// cannot be a header value is [`Error::InvalidArgument`] naming the header,
    /// before anything is sent.
    pub async fn call_with_headers<Q, B, R>(
        &self,
        op: &Operation,
        path_args: &[&str],
        query: Option<&Q>,
        body: Option<&B>,
        headers: &[(&'static str, Option<&str>)],
        microversion: Microversion,
    ) -> Result<Response<R>, Error>
    where
        Q: Serialize + ?Sized,
        B: Serialize + ?Sized,
        R: DeserializeOwned,
    {
        let headers = caller_headers(headers)?;
        // Everything that can be checked locally is, before anything is sent.
        let url = self.request_url(op, path_args, query)?;
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| cannot_serialize("body", e))?;
        let version = self.resolve_microversion(op, microversion).await?;
        self.execute(op, url, body, &headers, version).await
    }

    /// The URL a call of `op` is sent to: the endpoint, the filled path, and `query`
    /// after any query the endpoint itself carries.
    pub(crate) fn request_url<Q: Serialize + ?Sized>(
        &self,
        op: &Operation,
        path_args: &[&str],
        query: Option<&Q>,
    ) -> Result<reqwest::Url, Error> {
        let mut url = self.path_url(op, path_args)?;
        if let Some(query) = query {
            append_query(&mut url, query)?;
        }
        Ok(url)
    }

    /// The endpoint and the filled path, no query yet.
    pub(crate) fn path_url(
        &self,
        op: &Operation,
        path_args: &[&str],
    ) -> Result<reqwest::Url, Error> {
        self.inner.endpoint.url(&render_path(op.path, path_args)?)
    }

    /// Refuses a body that sets a field outside its microversion range at the
    /// version this call would be sent at, before the call's own I/O (with
    /// `Negotiate`, after the one version-document read a client makes). Without a
    /// header the server uses its base version (the service's); at `latest`, or for a
    /// service without microversions, nothing is refused.
    /// Generated endpoints with `REQUEST_FIELD_VERSIONS` call this before
    /// [`call`](Client::call).
    pub async fn check_field_versions<B: Serialize + ?Sized>(
        &self,
        op: &Operation,
        fields: &[crate::field_versions::FieldVersion],
        body: &B,
        microversion: Microversion,
    ) -> Result<(), Error> {
        if op.service.microversion.is_none() || fields.is_empty() {
            return Ok(());
        }
        let value = serde_json::to_value(body).map_err(|e| cannot_serialize("body", e))?;
        self.check_field_value(op, fields, &value, microversion)
            .await
    }

    /// [`check_field_versions`](Client::check_field_versions) of a body or query
    /// already serialized (what [`Call`](crate::Call) keeps).
    pub(crate) async fn check_field_value(
        &self,
        op: &Operation,
        fields: &[crate::field_versions::FieldVersion],
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
            .execute(&version_document, url, None, &[], None)
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

    /// Sends one request and interprets the reply.
    pub(crate) async fn execute<R: DeserializeOwned>(
        &self,
        op: &Operation,
        url: reqwest::Url,
        body: Option<Vec<u8>>,
        headers: &[(HeaderName, HeaderValue)],
        microversion: Option<(HeaderName, HeaderValue)>,
    ) -> Result<Response<R>, Error> {
        self.execute_with(op, url, body, headers, microversion, decode::<R>)
            .await
    }

    /// [`execute`](Client::execute) with its own reading of a 2xx body (a page reads
    /// its next link too): `decode` gives the value, or the JSON path and message
    /// of what is wrong, which becomes an [`Error::Decode`] like any decode failure.
    pub(crate) async fn execute_with<T>(
        &self,
        op: &Operation,
        url: reqwest::Url,
        body: Option<Vec<u8>>,
        headers: &[(HeaderName, HeaderValue)],
        microversion: Option<(HeaderName, HeaderValue)>,
        decode: impl FnOnce(&[u8]) -> Result<T, (String, String)>,
    ) -> Result<Response<T>, Error> {
        let transport = |e| Error::Transport(TransportError::new(op.method, url.as_str(), e));
        // Secrets the body carries (a new user's password) and the caller's credential
        // headers (a token to validate), scrubbed from the reply like the token is: a
        // server may quote the request in an error.
        let mut body_secrets = body
            .as_deref()
            .map(crate::redact::secrets_in_body)
            .unwrap_or_default();
        body_secrets.extend(
            headers
                .iter()
                .filter(|(_, value)| value.is_sensitive())
                .filter_map(|(_, value)| value.to_str().ok().map(str::to_owned)),
        );
        // A fixed token's header is ready; a Keystone token is fetched (or renewed)
        // here and may be renewed once after a 401, so the body is kept for a retry.
        let mut token = match &self.inner.auth {
            Some(auth @ Auth::Keystone(_)) => Some(auth.request_token().await?),
            _ => None,
        };
        let mut body = body;
        let mut renewed = false;
        let method = op
            .method
            .to_reqwest()
            .ok_or_else(|| Error::InvalidArgument {
                name: "method".to_owned(),
                reason: format!("`{}` is not an HTTP method (an RFC 7230 token)", op.method),
            })?;
        let (reply, traced) = loop {
            let mut request = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .header(ACCEPT, HeaderValue::from_static("application/json"));
            if let Some(token) = &token {
                request = request.header(TOKEN_HEADER, token.header_value()?);
            } else if let Some(value) = &self.inner.fixed_token_header {
                request = request.header(TOKEN_HEADER, value.clone());
            }
            if let Some((name, value)) = &microversion {
                request = request.header(name.clone(), value.clone());
            }
            if let Some(extra) = &self.extra_headers {
                for (name, value) in &extra.headers {
                    request = request.header(name, value.clone());
                }
            }
            for (name, value) in headers {
                request = request.header(name.clone(), value.clone());
            }
            let can_retry = token.is_some() && !renewed;
            let sent = if can_retry { body.clone() } else { body.take() };
            let traced = crate::trace::request(
                op.method,
                url.as_str(),
                token
                    .as_ref()
                    .map(RequestToken::secret)
                    .or(match &self.inner.auth {
                        Some(Auth::Token(fixed)) => Some(fixed),
                        _ => None,
                    }),
                microversion.as_ref().and_then(|(_, v)| v.to_str().ok()),
                sent.as_deref(),
                &body_secrets,
            );
            if let Some(sent) = sent {
                // JSON unless the call named its own media type.
                if !headers.iter().any(|(name, _)| name == CONTENT_TYPE) {
                    request =
                        request.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }
                request = request.body(sent);
            }
            let reply = crate::retry::send(&self.inner.retry, op.method, request)
                .await
                .map_err(transport)?;
            // A Keystone token the service rejects is renewed once and the call sent
            // once more; a second 401 (or one for a fixed token) goes to the caller.
            if reply.status() == reqwest::StatusCode::UNAUTHORIZED
                && can_retry
                && let (Some(auth), Some(used)) = (&self.inner.auth, &token)
                && let Some(fresh) = auth.renew_after_401(used).await?
            {
                token = Some(fresh);
                renewed = true;
                continue;
            }
            break (reply, traced);
        };
        let redact = |text: String| {
            let text = self.redact(token.as_ref(), text);
            if body_secrets.is_empty() {
                return text;
            }
            let secrets: Vec<&str> = body_secrets.iter().map(String::as_str).collect();
            crate::redact::scrub(&secrets, text)
        };
        let mut reply = reply;
        let headers = sensitive_marked(std::mem::take(reply.headers_mut()));
        let status = reply.status().as_u16();
        let request_id = request_id(&headers, op.service).map(&redact);
        let microversion = reply_microversion(&headers, op.service);
        let read = ReadContext {
            method: op.method,
            url: url.as_str(),
            status,
            request_id: request_id.as_deref(),
            limit: self.inner.max_reply_bytes,
        };
        let bytes = read_limited(reply, read).await?;
        if crate::trace::enabled() {
            let reply = crate::trace::Reply {
                method: op.method,
                url: url.as_str(),
                status,
                request_id: request_id.as_deref(),
                microversion,
                body: &bytes,
            };
            crate::trace::reply(&traced, reply, redact);
        }

        if (200..300).contains(&status) {
            match decode(&bytes) {
                Ok(body) => Ok(Response {
                    body,
                    status,
                    request_id,
                    microversion,
                    headers,
                    raw: self.inner.keep_raw_bodies.then(|| bytes.to_vec()),
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

    /// Tells the client's hook, if it has one, what fields of `response` its
    /// types did not know.
    pub(crate) fn report_unknown_fields<R: Serialize>(
        &self,
        op: &Operation,
        response: &Response<R>,
    ) {
        let Some(hook) = &self.inner.on_unknown_fields else {
            return;
        };
        let paths = crate::drift::unknown_fields(&response.body);
        if !paths.is_empty() {
            hook(&crate::UnknownFields {
                operation: op.name,
                microversion: response.microversion,
                paths,
            });
        }
    }

    /// Scrubs the token a request carried, and any Keystone credential, from text
    /// that came from the server.
    fn redact(&self, token: Option<&RequestToken>, text: String) -> String {
        let text = match (token, &self.inner.auth) {
            (Some(token), _) => crate::auth::redact(token.secret(), text),
            (None, Some(Auth::Token(fixed))) => crate::auth::redact(fixed, text),
            (None, _) => text,
        };
        let text = match &self.inner.auth {
            Some(Auth::Keystone(session)) => session.redact(text),
            _ => text,
        };
        match &self.extra_headers {
            Some(extra) => extra
                .secrets
                .iter()
                .fold(text, |text, secret| crate::auth::redact(secret, text)),
            None => text,
        }
    }
}

/// Scrubs the credentials and the issued token of a Keystone login from text.
fn redact_login(
    session: Option<&Arc<KeystoneSession>>,
    token: &IssuedToken,
    text: String,
) -> String {
    let text = crate::auth::redact(&token.value, text);
    match session {
        Some(session) => session.redact(text),
        None => text,
    }
}

/// A request part (`body`, `query`) that serde could not write: refused before
/// anything is sent.
pub(crate) fn cannot_serialize(what: &str, e: serde_json::Error) -> Error {
    Error::InvalidArgument {
        name: what.to_owned(),
        reason: format!("cannot serialize: {e}"),
    }
}

/// Adds the encoded `query` to `url`, after any query the endpoint itself carries.
pub(crate) fn append_query<Q: Serialize + ?Sized>(
    url: &mut reqwest::Url,
    query: &Q,
) -> Result<(), Error> {
    if let Some(encoded) = encode_query(query)? {
        let joined = match url.query() {
            Some(existing) if !existing.is_empty() => format!("{existing}&{encoded}"),
            _ => encoded,
        };
        url.set_query(Some(&joined));
    }
    Ok(())
}

/// The caller's headers as names and values, refusing a value with a line break
/// or another byte a header cannot hold (it could smuggle a header in). Names are
/// the generator's, checked when it wrote them.
pub(crate) fn caller_headers(
    headers: &[(&'static str, Option<&str>)],
) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
    headers
        .iter()
        .filter_map(|(name, value)| value.map(|value| (*name, value)))
        .map(|(name, value)| {
            let invalid = |reason: &str| Error::InvalidArgument {
                name: name.to_owned(),
                reason: reason.to_owned(),
            };
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| invalid("is not a header name"))?;
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| invalid("holds a byte a header value cannot (a line break?)"))?;
            value.set_sensitive(is_secret_header(name));
            Ok((header, value))
        })
        .collect()
}

/// Headers named like a token or an auth receipt hold a credential.
fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("token") || name.contains("receipt")
}

/// The reply's headers, credential-holding ones marked sensitive (their `Debug`
/// says `Sensitive`).
fn sensitive_marked(mut headers: HeaderMap) -> HeaderMap {
    for (name, value) in headers.iter_mut() {
        if is_secret_header(name.as_str()) {
            value.set_sensitive(true);
        }
    }
    headers
}

/// Decodes a 2xx body, an empty one as `null`; on failure, the JSON path and message.
///
/// Plain serde_json first: tracking the path costs about 60% more per reply, and
/// only a failure needs it. A body that fails is decoded again with the tracker,
/// which fails at the same place (decoding is deterministic) and names the path.
pub(crate) fn decode<R: DeserializeOwned>(bytes: &[u8]) -> Result<R, (String, String)> {
    let input: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    match serde_json::from_slice(input) {
        Ok(value) => Ok(value),
        Err(_) => decode_tracked(input),
    }
}

/// [`decode`]'s slow path: the same decoding, through `serde_path_to_error`.
fn decode_tracked<R: DeserializeOwned>(input: &[u8]) -> Result<R, (String, String)> {
    let mut deserializer = serde_json::Deserializer::from_slice(input);
    let value: R = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.inner().to_string()))?;
    deserializer
        .end()
        .map_err(|e| (".".to_owned(), e.to_string()))?;
    Ok(value)
}

/// The header that asks for `version` (`latest` for `None`): `OpenStack-API-Version:
/// compute 2.19`, or the service's own with the bare version.
fn microversion_header(
    header: MicroversionHeader,
    version: Option<Version>,
) -> Result<(HeaderName, HeaderValue), Error> {
    let version = match version {
        Some(version) => version.to_string(),
        None => "latest".to_owned(),
    };
    let (name, text) = match header {
        MicroversionHeader::Standard { name, .. } => {
            (MICROVERSION_HEADER, format!("{name} {version}"))
        }
        MicroversionHeader::Own(name) => {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid microversion header name {name:?}")))?;
            (name, version)
        }
    };
    let value = HeaderValue::try_from(text)
        .map_err(|_| Error::Config(format!("invalid microversion header for {header:?}")))?;
    Ok((name, value))
}

/// The request id: the standard header, else one the service names.
fn request_id(headers: &HeaderMap, service: &Service) -> Option<String> {
    let value = |value: Option<&HeaderValue>| {
        value
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    value(headers.get(REQUEST_ID_HEADER)).or_else(|| {
        service
            .request_id_headers
            .iter()
            .find_map(|name| value(headers.get(*name)))
    })
}

/// The version from `OpenStack-API-Version: compute 2.19` (a list is allowed), or from
/// the service's legacy header (Nova's `X-OpenStack-Nova-API-Version: 2.19`); for a
/// service with a header of its own, from that one (`X-OpenStack-Manila-API-Version:
/// 2.7`).
fn reply_microversion(headers: &HeaderMap, service: &Service) -> Option<Version> {
    let bare = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
    };
    match service.microversion?.header {
        MicroversionHeader::Own(name) => bare(name),
        MicroversionHeader::Standard { name, legacy } => headers
            .get_all(MICROVERSION_HEADER)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .find_map(|entry| {
                let (service_name, version) = entry.trim().split_once(char::is_whitespace)?;
                if service_name.eq_ignore_ascii_case(name) {
                    version.trim().parse().ok()
                } else {
                    None
                }
            })
            .or_else(|| bare(legacy?)),
    }
}

impl ClientBuilder {
    fn new(endpoint: Option<String>) -> ClientBuilder {
        ClientBuilder {
            endpoint,
            token: None,
            keystone: None,
            service: None,
            service_type: None,
            interface: Interface::default(),
            region: None,
            microversion: Microversion::Default,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
            retry: RetryPolicy::default(),
            on_unknown_fields: None,
            keep_raw_bodies: false,
            token_cache: None,
            tls: TlsOptions::default(),
            config_error: None,
        }
    }

    /// Keeps Keystone tokens in `cache`, shared with every process using the same
    /// folder and log-in: a token is reused until a minute before it expires, and
    /// dropped when a service refuses it. Off by default (clouds.yaml
    /// `token_cache`).
    pub fn token_cache(mut self, cache: TokenCache) -> Self {
        self.token_cache = Some(cache);
        self
    }

    /// CA bundle, client certificate and `insecure` (clouds.yaml `cacert`, `cert`,
    /// `key`, `insecure`; `OS_CACERT`, ...). Applies to Keystone too.
    pub fn tls(mut self, tls: TlsOptions) -> Self {
        self.tls = tls;
        self
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

    /// The service the client calls (a generated client's `SERVICE`): its version
    /// segments normalize the endpoint (`/v3` for identity, `/v2.1` for compute),
    /// its type is the catalog entry [`ClientBuilder::connect`] picks, its version
    /// document is what [`Client::server_versions`] reads. Without one, an endpoint
    /// loses any `vN[.M]` segment and `connect` needs an endpoint or a
    /// [`ClientBuilder::service_type`].
    pub fn service(mut self, service: &'static Service) -> Self {
        self.service = Some(service);
        self
    }

    /// The catalog service type whose endpoint [`ClientBuilder::connect`] picks, when
    /// it is not the [`ClientBuilder::service`]'s own (a deployment's `compute_legacy`).
    pub fn service_type(mut self, service_type: impl Into<String>) -> Self {
        self.service_type = Some(service_type.into());
        self
    }

    /// The microversion for calls that pass [`Microversion::Default`]. Without one,
    /// such calls send no header (the service then uses its base version).
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

    /// Calls `hook` for every decoded reply that held fields the generated types
    /// do not know (they are kept in each struct's `extra`), with the operation,
    /// the microversion the server answered with and the JSON pointers of those
    /// fields: drift between a reference and the real service, as it happens.
    /// Off by default; it costs a second serialization of each reply when on.
    ///
    /// ```
    /// # fn f(builder: apiref_runtime::ClientBuilder) -> apiref_runtime::ClientBuilder {
    /// builder.on_unknown_fields(|drift| {
    ///     eprintln!("{} answered with unknown fields: {:?}", drift.operation, drift.paths)
    /// })
    /// # }
    /// ```
    pub fn on_unknown_fields(
        mut self,
        hook: impl Fn(&crate::UnknownFields) + Send + Sync + 'static,
    ) -> Self {
        self.on_unknown_fields = Some(Arc::new(hook));
        self
    }

    /// Keeps each successful reply's body as received, for
    /// [`Response::raw_body`] (to log it, or to read what the types do not).
    /// Off by default: it doubles the memory a reply takes.
    pub fn keep_raw_bodies(mut self, keep: bool) -> Self {
        self.keep_raw_bodies = keep;
        self
    }

    /// The largest reply body, success or error, the client reads (Keystone's login
    /// reply included); a larger one is [`Error::ReplyTooLarge`]. Default 32 MiB.
    pub fn max_reply_bytes(mut self, limit: u64) -> Self {
        self.max_reply_bytes = limit;
        self
    }

    /// How many times to send a request again that could not connect (keystoneauth's
    /// `connect_retries`). Default 0. Only GET, HEAD, PUT and DELETE are retried.
    pub fn connect_retries(mut self, retries: u32) -> Self {
        self.retry.connect_retries = retries;
        self
    }

    /// How many times to send a request again whose reply has a status in
    /// [`ClientBuilder::retriable_status_codes`] (keystoneauth's `status_code_retries`).
    /// Default 0. Only GET, HEAD, PUT and DELETE are retried; a `Retry-After` header
    /// is honoured up to the maximum delay.
    pub fn status_code_retries(mut self, retries: u32) -> Self {
        self.retry.status_code_retries = retries;
        self
    }

    /// The statuses [`ClientBuilder::status_code_retries`] applies to. Default 429
    /// and 503.
    pub fn retriable_status_codes(mut self, codes: impl IntoIterator<Item = u16>) -> Self {
        self.retry.retriable_status_codes = codes.into_iter().collect();
        self
    }

    /// The back-off between retries: `first`, then doubling up to `max`, which also
    /// caps a server's `Retry-After`. Default 0.5 s and 60 s, as keystoneauth.
    pub fn retry_delays(mut self, first: Duration, max: Duration) -> Self {
        self.retry.base_delay = first;
        self.retry.max_delay = max;
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
        let endpoint = Endpoint::parse_for(endpoint, self.service)?;
        let (http, auth) = self.transport()?;
        self.finish(http, endpoint, auth)
    }

    /// Builds the client and, with Keystone auth, authenticates now: a refused login is
    /// [`Error::Auth`], and without an explicit endpoint the one for the service type,
    /// interface and region comes from the token's catalog ([`Error::Catalog`] if it
    /// has none).
    pub async fn connect(self) -> Result<Client, Error> {
        let (http, auth) = self.transport()?;
        let (session, token) = match &auth {
            Some(Auth::Keystone(session)) => (Some(session), Some(session.current().await?)),
            _ => (None, None),
        };
        let endpoint = match (&self.endpoint, &token) {
            (Some(url), _) => Endpoint::parse_for(url, self.service)?,
            (None, Some(token)) => {
                let service_type = match (&self.service_type, self.service) {
                    (Some(service_type), _) => service_type.as_str(),
                    (None, Some(service)) => service.service_type,
                    (None, None) => {
                        return Err(Error::Config(
                            "no service to look up in the catalog: name one with \
                             ClientBuilder::service (a generated client's SERVICE)"
                                .to_owned(),
                        ));
                    }
                };
                Endpoint::parse_for(
                    token
                        .catalog
                        .endpoint_url(service_type, self.interface, self.region.as_deref())
                        .map_err(|e| {
                            Error::Catalog(e.scrub(|t| redact_login(session, token, t)))
                        })?,
                    self.service,
                )?
            }
            (None, None) => {
                return Err(Error::Config(
                    "no endpoint: give one, or Keystone credentials to find it in the catalog"
                        .to_owned(),
                ));
            }
        };
        self.finish(http, endpoint, auth)
    }

    /// The HTTP client and the auth every request will use.
    fn transport(&self) -> Result<(reqwest::Client, Option<Auth>), Error> {
        if let Some(e) = &self.config_error {
            return Err(Error::Config(e.clone()));
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
        // A client whose every URL is plain http never checks a certificate, so it
        // skips reading the system trust store (most of the time building a client
        // takes, ~2.7 ms). It then trusts no root at all: an https URL it met anyway
        // would fail its handshake, never be trusted blindly.
        if !self.tls.is_set() && self.plain_http_only(|name| std::env::var(name).ok()) {
            http = http.tls_certs_only(std::iter::empty());
        }
        let http = self.tls.apply(http)?;
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?;
        let auth = match (&self.keystone, &self.token) {
            (Some(keystone), _) => Some(Auth::Keystone(Arc::new(KeystoneSession::new(
                http.clone(),
                keystone.clone(),
                self.max_reply_bytes,
                self.token_cache.clone(),
            )?))),
            (None, Some(token)) => {
                crate::auth::header_value(token)?;
                Some(Auth::Token(token.clone()))
            }
            (None, None) => None,
        };
        Ok((http, auth))
    }

    /// Whether every request this client can make is plain http: the endpoint and
    /// Keystone (if used) are `http://` URLs and no proxy variable (read through
    /// `env`) names an `https://` proxy. Without a known endpoint (one taken from the
    /// catalog later) the answer is no.
    fn plain_http_only(&self, env: impl Fn(&str) -> Option<String>) -> bool {
        fn is_http(url: &str) -> bool {
            url.trim()
                .get(..7)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        }
        let endpoint = self.endpoint.as_deref().is_some_and(is_http);
        let keystone = self.keystone.as_ref().is_none_or(|k| is_http(&k.auth_url));
        let proxies = ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
            .iter()
            .filter_map(|name| env(name))
            .all(|proxy| !proxy.trim().to_ascii_lowercase().starts_with("https"));
        endpoint && keystone && proxies
    }

    fn finish(
        self,
        http: reqwest::Client,
        endpoint: Endpoint,
        auth: Option<Auth>,
    ) -> Result<Client, Error> {
        let fixed_token_header = match &auth {
            Some(Auth::Token(token)) => Some(crate::auth::header_value(token)?),
            _ => None,
        };
        Ok(Client {
            extra_headers: None,
            inner: Arc::new(Inner {
                http,
                endpoint,
                auth,
                fixed_token_header,
                default_microversion: self.microversion,
                max_reply_bytes: self.max_reply_bytes,
                retry: self.retry,
                service: self.service,
                versions: OnceCell::new(),
                on_unknown_fields: self.on_unknown_fields,
                keep_raw_bodies: self.keep_raw_bodies,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The endpoint without any `user:password@` (refused by build, shown before).
        let endpoint = self.endpoint.as_deref().map(crate::redact::display_url);
        f.debug_struct("ClientBuilder")
            .field("endpoint", &endpoint)
            .field("token", &self.token)
            .field("keystone", &self.keystone)
            .field("service", &self.service.map(|s| s.service_type))
            .field("service_type", &self.service_type)
            .field("interface", &self.interface)
            .field("region", &self.region)
            .field("microversion", &self.microversion)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("max_reply_bytes", &self.max_reply_bytes)
            .field("retry", &self.retry)
            .field("on_unknown_fields", &self.on_unknown_fields.is_some())
            .field("keep_raw_bodies", &self.keep_raw_bodies)
            .finish()
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
    fn only_plain_http_clients_skip_the_trust_store() {
        let no_env = |_: &str| None;
        let keystone = |url: &str| {
            crate::auth::KeystoneAuth::new(
                url,
                crate::auth::ApplicationCredential::id("id", "secret"),
            )
        };
        let http = Client::builder("http://127.0.0.1:8774/v2.1");
        assert!(http.plain_http_only(no_env));
        assert!(Client::builder("HTTP://host/").plain_http_only(no_env));
        assert!(!Client::builder("https://cloud/compute").plain_http_only(no_env));
        assert!(!Client::builder_keystone(keystone("http://ks/v3")).plain_http_only(no_env));
        let mixed = Client::builder("http://host/").keystone(keystone("https://ks/v3"));
        assert!(!mixed.plain_http_only(no_env));
        let plain = Client::builder("http://host/").keystone(keystone("http://ks/v3"));
        assert!(plain.plain_http_only(no_env));
        let tls_proxy = |name: &str| (name == "http_proxy").then(|| "HTTPS://proxy:3128".into());
        assert!(!http.plain_http_only(tls_proxy));
        let plain_proxy = |name: &str| (name == "ALL_PROXY").then(|| "http://proxy:3128".into());
        assert!(http.plain_http_only(plain_proxy));
        // Such a client still works over http.
        assert!(http.build().is_ok());
    }

    #[test]
    fn decodes_empty_as_null() {
        assert_eq!(decode::<()>(b""), Ok(()));
        assert_eq!(decode::<()>(b" \n"), Ok(()));
        assert_eq!(decode::<Option<u8>>(b""), Ok(None));
        let (path, _) = decode::<()>(b"{} x").expect_err("trailing");
        assert_eq!(path, ".");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // read by the decoder only
    struct Reply {
        server: ReplyServer,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct ReplyServer {
        progress: Option<i64>,
        links: Option<Vec<ReplyLink>>,
        #[serde(flatten)]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct ReplyLink {
        href: String,
    }

    /// What the path tracker alone says about `bytes`, as decode did before it tried
    /// plain serde_json first.
    fn tracked_only(bytes: &[u8]) -> (String, String) {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        match serde_path_to_error::deserialize::<_, Reply>(&mut deserializer) {
            Err(e) => (e.path().to_string(), e.inner().to_string()),
            Ok(_) => match deserializer.end() {
                Err(e) => (".".to_owned(), e.to_string()),
                Ok(()) => panic!("{} decodes", String::from_utf8_lossy(bytes)),
            },
        }
    }

    #[test]
    fn decode_errors_keep_their_path_and_message() {
        let bad: [&[u8]; 7] = [
            br#"{"server": {"progress": "ninety"}}"#,
            br#"{"server": {"links": [{"href": "a"}, {"href": 7}]}}"#,
            br#"{"server": {"links": [{"rel": "self"}]}}"#,
            br#"{"server": {"progress": 1,}}"#,
            br#"{"server": {"progress": 1}} trailing"#,
            br#"{"server": 3}"#,
            br#"{"server": {"progress": 1"#,
        ];
        for bytes in bad {
            let got = decode::<Reply>(bytes).expect_err("bad reply");
            assert_eq!(
                got,
                tracked_only(bytes),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        let (path, message) = decode::<Reply>(bad[1]).expect_err("bad href");
        assert_eq!(path, "server.links[1].href");
        assert!(
            message.starts_with("invalid type: integer `7`"),
            "{message}"
        );
        let ok = decode::<Reply>(br#"{"server": {"progress": 5, "name": "a"}}"#).expect("decodes");
        assert_eq!(ok.server.progress, Some(5));
        assert_eq!(ok.server.extra["name"], "a");
    }

    #[test]
    fn reads_reply_microversion() {
        const NOVA_LIKE: Service = Service {
            microversion: Some(crate::service::MicroversionScheme {
                header: MicroversionHeader::Standard {
                    name: "compute",
                    legacy: Some("x-openstack-nova-api-version"),
                },
                version_document: "/v2.1/",
                base_version: Version::new(2, 1),
            }),
            ..Service::new("compute")
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            MICROVERSION_HEADER,
            HeaderValue::from_static("volume 3.5, compute 2.19"),
        );
        assert_eq!(
            reply_microversion(&headers, &NOVA_LIKE),
            Some(Version::new(2, 19))
        );
        assert_eq!(reply_microversion(&headers, &Service::new("image")), None);
        let mut legacy = HeaderMap::new();
        legacy.insert(
            HeaderName::from_static("x-openstack-nova-api-version"),
            HeaderValue::from_static("2.3"),
        );
        assert_eq!(
            reply_microversion(&legacy, &NOVA_LIKE),
            Some(Version::new(2, 3))
        );
        // A service without microversions reads none, whatever the headers say.
        let no_scheme = Service::new("compute");
        assert_eq!(reply_microversion(&headers, &no_scheme), None);
    }

    #[test]
    fn a_service_with_its_own_header_reads_only_that_one() {
        const MANILA_LIKE: Service = Service {
            microversion: Some(crate::service::MicroversionScheme {
                header: MicroversionHeader::Own("x-openstack-manila-api-version"),
                version_document: "/v2/",
                base_version: Version::new(2, 0),
            }),
            ..Service::new("shared-file-system")
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            MICROVERSION_HEADER,
            HeaderValue::from_static("shared-file-system 2.9"),
        );
        assert_eq!(reply_microversion(&headers, &MANILA_LIKE), None);
        headers.insert(
            HeaderName::from_static("x-openstack-manila-api-version"),
            HeaderValue::from_static(" 2.7 "),
        );
        assert_eq!(
            reply_microversion(&headers, &MANILA_LIKE),
            Some(Version::new(2, 7))
        );
    }

    #[test]
    fn the_request_header_takes_the_schemes_form() {
        let standard = MicroversionHeader::Standard {
            name: "volume",
            legacy: None,
        };
        let (name, value) =
            microversion_header(standard, Some(Version::new(3, 42))).expect("valid");
        assert_eq!(
            (name.as_str(), value.to_str().ok()),
            ("openstack-api-version", Some("volume 3.42"))
        );
        let own = MicroversionHeader::Own("x-openstack-ironic-api-version");
        let (name, value) = microversion_header(own, None).expect("valid");
        assert_eq!(
            (name.as_str(), value.to_str().ok()),
            ("x-openstack-ironic-api-version", Some("latest"))
        );
        let bad = MicroversionHeader::Own("not a header");
        assert!(matches!(
            microversion_header(bad, None),
            Err(Error::Config(_))
        ));
    }

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

    #[test]
    fn request_id_prefers_the_standard_header_then_the_services() {
        const WITH_OWN: Service = Service {
            request_id_headers: &["x-compute-request-id"],
            ..Service::new("compute")
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("x-compute-request-id"),
            HeaderValue::from_static("req-own"),
        );
        assert_eq!(request_id(&headers, &WITH_OWN).as_deref(), Some("req-own"));
        assert_eq!(request_id(&headers, &Service::new("identity")), None);
        headers.insert(REQUEST_ID_HEADER, HeaderValue::from_static(" req-std "));
        assert_eq!(request_id(&headers, &WITH_OWN).as_deref(), Some("req-std"));
    }
}
