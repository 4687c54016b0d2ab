//! A Keystone session: gets a token once, shares it between every call and clone of
//! a client, renews it before it expires and after the service rejects it.
//!
//! One `tokio::sync::Mutex` guards the cached token and is held while a token is
//! fetched, so concurrent calls that need a token wait for the one request in flight
//! instead of each sending their own.

use std::fmt;
use std::sync::Arc;

use reqwest::Url;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use tokio::sync::Mutex;

use super::cache::{Entry, TokenCache};
use super::multifactor::ReceiptReply;
use super::{IssuedToken, KeystoneAuth};
use crate::body::{ReadContext, read_limited};
use crate::error::{ApiError, Error, MissingAuthMethods, TransportError};
use crate::method::Method;
use crate::secret::Secret;

pub(crate) struct KeystoneSession {
    http: reqwest::Client,
    tokens_url: Url,
    auth: KeystoneAuth,
    max_reply_bytes: u64,
    /// The shared cache on disk, and this log-in's key in it.
    cache: Option<(TokenCache, String)>,
    current: Mutex<Option<Arc<IssuedToken>>>,
}

const SUBJECT_TOKEN_HEADER: &str = "x-subject-token";
const REQUEST_ID_HEADER: &str = "x-openstack-request-id";
const RECEIPT_HEADER: &str = "openstack-auth-receipt";

/// A token Keystone issued, with the reply it came in (what the cache keeps).
struct LoggedIn {
    token: IssuedToken,
    body: Vec<u8>,
}

impl KeystoneSession {
    pub(crate) fn new(
        http: reqwest::Client,
        auth: KeystoneAuth,
        max_reply_bytes: u64,
        cache: Option<TokenCache>,
    ) -> Result<Self, Error> {
        let tokens_url = tokens_url(&auth.auth_url)?;
        let cache = cache.map(|c| {
            let key = TokenCache::key(&auth);
            (c, key)
        });
        Ok(KeystoneSession {
            http,
            tokens_url,
            auth,
            max_reply_bytes,
            cache,
            current: Mutex::new(None),
        })
    }

    /// The token to use now: the cached one unless it is about to expire.
    pub(crate) async fn current(&self) -> Result<Arc<IssuedToken>, Error> {
        let mut slot = self.current.lock().await;
        if let Some(token) = slot.as_ref()
            && !token.renewal_due()
        {
            return Ok(Arc::clone(token));
        }
        let fresh = Arc::new(self.obtain(None).await?);
        *slot = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    /// A new token after the service answered 401 to `rejected`. If another call
    /// already replaced it, that replacement is used without asking Keystone again.
    pub(crate) async fn renew_rejected(
        &self,
        rejected: &Arc<IssuedToken>,
    ) -> Result<Arc<IssuedToken>, Error> {
        let mut slot = self.current.lock().await;
        if let Some(token) = slot.as_ref()
            && !Arc::ptr_eq(token, rejected)
            && !token.renewal_due()
        {
            return Ok(Arc::clone(token));
        }
        *slot = None;
        let fresh = Arc::new(self.obtain(Some(&rejected.value)).await?);
        *slot = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    /// A token from the shared cache if it holds a good one (not `rejected`, not
    /// about to expire), else from Keystone, written to the cache. The lock is
    /// taken only to log in, and the cache read again once it is held: another
    /// process may have logged in meanwhile.
    async fn obtain(&self, rejected: Option<&Secret>) -> Result<IssuedToken, Error> {
        let Some((cache, key)) = &self.cache else {
            return Ok(self.login().await?.token);
        };
        if let Some(token) = self.cached(cache, key, rejected) {
            return Ok(token);
        }
        let locked = {
            let (cache, key) = (cache.clone(), key.clone());
            tokio::task::spawn_blocking(move || cache.lock(&key))
                .await
                .map_err(|e| Error::Config(format!("token cache: the lock task failed: {e}")))??
        };
        if let Some(token) = self.cached(cache, key, rejected) {
            return Ok(token);
        }
        cache.remove(key, &locked);
        let logged_in = self.login().await?;
        let entry = Entry {
            token: logged_in.token.value.expose().to_owned(),
            reply: String::from_utf8_lossy(&logged_in.body).into_owned(),
        };
        cache.write(key, &entry, &locked)?;
        Ok(logged_in.token)
    }

    /// The cache's token for `key`, if usable.
    fn cached(
        &self,
        cache: &TokenCache,
        key: &str,
        rejected: Option<&Secret>,
    ) -> Option<IssuedToken> {
        let entry = cache.read(key)?;
        if rejected.is_some_and(|r| r.expose() == entry.token) {
            return None;
        }
        let token = IssuedToken::from_reply(
            201,
            None,
            Some(&entry.token),
            entry.reply.as_bytes(),
            |text| self.redact(text),
        )
        .ok()?;
        // A token without a readable expiry cannot be known to be good: log in.
        (token.expires_at.is_some() && !token.renewal_due()).then(|| {
            tracing::debug!(
                target: crate::trace::TARGET,
                token = %crate::trace::token_hash(&token.value),
                "token from the cache"
            );
            token
        })
    }

    /// Logs in: `POST /v3/auth/tokens`, then, while Keystone answers 401 with a
    /// receipt and a rule the credentials can meet, again with the receipt and the
    /// methods that rule still needs.
    async fn login(&self) -> Result<LoggedIn, Error> {
        let configured = self.auth.credentials.methods();
        let mut receipt: Option<Secret> = None;
        let mut methods: Option<Vec<&str>> = None;
        loop {
            let reply = self.post(receipt.as_ref(), methods.as_deref()).await?;
            match reply {
                Posted::Token(logged_in) => return Ok(logged_in),
                Posted::Receipt {
                    receipt: next,
                    reply,
                    request_id,
                } => {
                    let next_methods = super::multifactor::next_methods(
                        &reply.required_auth_methods,
                        &reply.receipt.methods,
                        &configured,
                    )
                    // Offering again what was just sent would loop.
                    .filter(|m| methods.as_deref() != Some(m.as_slice()));
                    let Some(next_methods) = next_methods else {
                        return Err(Error::MissingAuthMethods(MissingAuthMethods {
                            required: reply.required_auth_methods,
                            proven: reply.receipt.methods,
                            configured: configured.iter().map(|m| (*m).to_owned()).collect(),
                            request_id,
                        }));
                    };
                    receipt = Some(next);
                    methods = Some(next_methods);
                }
            }
        }
    }

    /// One `POST /v3/auth/tokens` offering `methods` (`None`: the first step).
    async fn post(
        &self,
        receipt: Option<&Secret>,
        methods: Option<&[&str]>,
    ) -> Result<Posted, Error> {
        let body = self
            .auth
            .credentials
            .request_body(methods, std::time::SystemTime::now())
            .and_then(|body| {
                serde_json::to_vec(&body)
                    .map_err(|e| Error::Config(format!("cannot serialize the token request: {e}")))
            })?;
        let url_text = self.tokens_url.to_string();
        let transport = |e| Error::Transport(TransportError::new(Method::Post, &url_text, e));
        let mut request = self
            .http
            .post(self.tokens_url.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(receipt) = receipt {
            let mut value = HeaderValue::from_str(receipt.expose()).map_err(|_| {
                Error::Config("Keystone sent a receipt that is not a header value".to_owned())
            })?;
            value.set_sensitive(true);
            request = request.header(RECEIPT_HEADER, value);
        }
        let secrets = self.secrets(receipt);
        // The request carries no token; a receipt is among the secrets scrubbed.
        let sent =
            crate::trace::request(Method::Post, &url_text, None, None, Some(&body), &secrets);
        let reply = request.body(body).send().await.map_err(transport)?;
        let status = reply.status().as_u16();
        let header = |name: &str| {
            reply
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let request_id = header(REQUEST_ID_HEADER).map(|id| self.redact(id));
        let subject_token = header(SUBJECT_TOKEN_HEADER);
        let new_receipt = header(RECEIPT_HEADER).map(Secret::new);
        let read = ReadContext {
            method: Method::Post,
            url: &url_text,
            status,
            request_id: request_id.as_deref(),
            limit: self.max_reply_bytes,
        };
        let bytes = read_limited(reply, read).await?;
        let mut reply_secrets = secrets.clone();
        reply_secrets.extend(subject_token.as_deref());
        reply_secrets.extend(new_receipt.as_ref().map(Secret::expose));
        crate::trace::reply(
            &sent,
            crate::trace::Reply {
                method: Method::Post,
                url: &url_text,
                status,
                request_id: request_id.as_deref(),
                microversion: None,
                body: &bytes,
            },
            |text| crate::redact::scrub(&reply_secrets, text),
        );
        if status == 401
            && let Some(receipt) = new_receipt
            && let Ok(parsed) = serde_json::from_slice::<ReceiptReply>(&bytes)
        {
            return Ok(Posted::Receipt {
                receipt,
                reply: parsed,
                request_id,
            });
        }
        if !(200..300).contains(&status) {
            let body = self.redact(String::from_utf8_lossy(&bytes).into_owned());
            let mut api = ApiError::from_reply(status, request_id, body);
            api.message = api.message.map(|m| self.redact(m));
            api.fault = api.fault.map(|f| self.redact(f));
            return Err(Error::Auth(api));
        }
        let token = IssuedToken::from_reply(
            status,
            request_id,
            subject_token.as_deref(),
            &bytes,
            |text| self.redact(text),
        )?;
        // A token that cannot go into a header is useless; say so now.
        super::header_value(&token.value).map_err(|_| {
            Error::Config("Keystone issued a token that is not a valid header value".to_owned())
        })?;
        Ok(Posted::Token(LoggedIn { token, body: bytes }))
    }

    /// Every credential of this session, and `receipt`, as text to scrub.
    fn secrets<'a>(&'a self, receipt: Option<&'a Secret>) -> Vec<&'a str> {
        self.auth
            .secrets()
            .into_iter()
            .chain(receipt)
            .map(Secret::expose)
            .collect()
    }

    /// Scrubs every credential of this session from server text.
    pub(crate) fn redact(&self, text: String) -> String {
        crate::redact::scrub(&self.secrets(None), text)
    }
}

/// What one token request got: a token, or a receipt and the rules still unmet.
enum Posted {
    Token(LoggedIn),
    Receipt {
        receipt: Secret,
        reply: ReceiptReply,
        request_id: Option<String>,
    },
}

/// `{auth_url}/auth/tokens`, where `auth_url` is Keystone's v3 root. A URL without
/// a version gets `/v3`; a v2.0 URL is refused (Keystone v2 is gone).
fn tokens_url(auth_url: &str) -> Result<Url, Error> {
    // Messages never echo the URL: it might carry credentials we are rejecting.
    let mut url =
        Url::parse(auth_url.trim()).map_err(|e| Error::Config(format!("invalid auth URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(Error::Config(
            "auth URL must be an http or https URL with a host".to_owned(),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "auth URL must not contain credentials".to_owned(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(
            "auth URL must not have a query or fragment".to_owned(),
        ));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    let last = path.rsplit('/').next().unwrap_or_default();
    let base = if last == "v3" {
        path
    } else if last.starts_with("v2") {
        return Err(Error::Config(
            "auth URL points at Keystone v2; only v3 is supported".to_owned(),
        ));
    } else {
        format!("{path}/v3")
    };
    url.set_path(&format!("{base}/auth/tokens"));
    Ok(url)
}

impl fmt::Debug for KeystoneSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeystoneSession")
            .field("tokens_url", &self.tokens_url.as_str())
            .field("method", &self.auth.method_name())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_url_forms() {
        for (given, want) in [
            ("http://ks:5000/v3", "http://ks:5000/v3/auth/tokens"),
            ("http://ks:5000/v3/", "http://ks:5000/v3/auth/tokens"),
            ("http://ks:5000", "http://ks:5000/v3/auth/tokens"),
            (
                "https://cloud/identity",
                "https://cloud/identity/v3/auth/tokens",
            ),
            (
                "https://cloud/identity/v3",
                "https://cloud/identity/v3/auth/tokens",
            ),
        ] {
            assert_eq!(
                tokens_url(given).map(|u| u.to_string()).ok().as_deref(),
                Some(want)
            );
        }
        for bad in [
            "http://ks:5000/v2.0",
            "ftp://ks/v3",
            "ks:5000",
            "http://u:pw1234567@ks/v3",
            "http://ks/v3?x=1",
        ] {
            let err = tokens_url(bad).expect_err(bad);
            assert!(matches!(err, Error::Config(_)));
            assert!(!err.to_string().contains("pw1234567"));
        }
    }
}
