//! [`ClientBuilder`]: from an endpoint, Keystone credentials or a cloud config to a
//! [`Client`], with the HTTP transport every request uses (timeouts, TLS, no
//! redirects) and the auth that signs it.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use tokio::sync::OnceCell;

use super::{Client, Inner};
use crate::auth::{Auth, IssuedToken, KeystoneAuth, KeystoneSession, TokenCache};
use crate::body::DEFAULT_MAX_REPLY_BYTES;
use crate::catalog::Interface;
use crate::cloud_config::{CloudAuth, CloudConfig};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::microversion::Microversion;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::service::Service;
use crate::tls::TlsOptions;

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
    /// The folder decoded replies are recorded in ([`ClientBuilder::record_replies`]).
    record_replies: Option<PathBuf>,
    token_cache: Option<TokenCache>,
    tls: TlsOptions,
    /// A setting of the cloud's that cannot apply, reported by `build`/`connect`.
    config_error: Option<String>,
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_USER_AGENT: &str = concat!("apiref/", env!("CARGO_PKG_VERSION"));

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
            record_replies: std::env::var_os(crate::record::ENV_VAR)
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from),
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

    /// The whole-request timeout, connect to last body byte. Default 60 s. An
    /// [`Upload`](crate::Upload) or a [`Download`](crate::Download) takes as
    /// long as it needs, and fails only when no byte moves (nor a reply comes)
    /// for this long.
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
    /// [`Response::raw_body`](crate::Response::raw_body) (to log it, or to read what the types do not).
    /// Off by default: it doubles the memory a reply takes.
    pub fn keep_raw_bodies(mut self, keep: bool) -> Self {
        self.keep_raw_bodies = keep;
        self
    }

    /// Records every 2xx reply the client decodes in `dir` (created if needed),
    /// one JSON line each: operation, microversion asked and answered, status and
    /// body, with credentials masked as in errors and traces. Files are capped
    /// (16 MiB each, 256 MiB for the folder); `apiref learn` reads them.
    /// `APIREF_RECORD=DIR` in the environment turns it on for every client built
    /// (this overrides it). Off by default.
    pub fn record_replies(mut self, dir: impl Into<PathBuf>) -> Self {
        self.record_replies = Some(dir.into());
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
        // skips reading the system trust store, the slowest part of building a
        // client. It then trusts no root at all: an https URL it met anyway
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
        let recorder = match &self.record_replies {
            Some(dir) => Some(crate::record::Recorder::open(dir).map_err(Error::Config)?),
            None => None,
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
                timeout: self.timeout,
                retry: self.retry,
                service: self.service,
                versions: OnceCell::new(),
                on_unknown_fields: self.on_unknown_fields,
                keep_raw_bodies: self.keep_raw_bodies,
                recorder,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The endpoint without any `user:password@`: `build` refuses such an endpoint,
        // but the builder can be printed first.
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
            .field("record_replies", &self.record_replies)
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
}
