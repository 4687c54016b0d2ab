//! The client: its shared state ([`Client`], cheap to clone) and what it tells
//! about itself (project, token, endpoint, default microversion), plus
//! [`Client::call`], which sends an operation held by hand the way a generated
//! endpoint function does.
//!
//! Each of the client's other jobs has its own module:
//!
//! - `builder`: [`ClientBuilder`], from settings or a cloud config to a client,
//!   with its HTTP transport (TLS, timeouts) and auth.
//! - `versions`: the server's version document and the microversion a call is
//!   sent at (negotiated, checked against the fields it sets).
//! - `send`: the send loop: one request out, with the token (renewed once after a
//!   401), tracing and redaction, and its reply read (and recorded, when asked).
//! - `wire`: the pure helpers the send loop uses on headers and bodies (caller
//!   headers, the microversion and request-id headers, the query, decoding).

mod builder;
mod send;
mod versions;
mod wire;

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::OnceCell;

use crate::auth::Auth;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::microversion::{Microversion, VersionRange};
use crate::operation::Operation;
use crate::response::Response;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::service::Service;

pub use builder::ClientBuilder;
pub(crate) use send::{Outgoing, RequestBody};
pub(crate) use wire::{append_query, caller_headers, cannot_serialize, decode};

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
    /// The whole-request timeout; for a transfer, the longest stall.
    timeout: std::time::Duration,
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
    /// Where decoded replies are recorded, if anywhere.
    recorder: Option<Arc<crate::record::Recorder>>,
}

impl Client {
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

    /// Calls `op` in one step: fills its path with `path_args`, sends `query` and
    /// `body` as JSON, and decodes a 2xx body into `R` (an empty body decodes as
    /// `null`, so `R = ()` suits 202/204 replies). Error replies become the
    /// [`Error`] variant for their status if the operation documents it,
    /// [`Error::UnexpectedStatus`] otherwise.
    ///
    /// For code that holds an [`Operation`] rather than a generated endpoint
    /// function. It prepares and sends the request the way a generated function's
    /// [`Pending`](crate::Pending) does, but checks no field's microversion range
    /// (it knows none) and reports no unknown fields, so `R` need not be
    /// `Serialize`.
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
        let mut call = self.prepare(op, path_args).headers(headers);
        if let Some(query) = query {
            call = call.query(query, &[]);
        }
        if let Some(body) = body {
            call = call.body(body, &[]);
        }
        call.at(microversion).run().await
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
