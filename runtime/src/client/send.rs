//! The send loop: one request of an operation out, with the client's token (a
//! Keystone token renewed once after a 401, and the request sent again), the
//! microversion and caller headers, retries and tracing; then its reply read
//! within the size limit, scrubbed of every secret the request carried,
//! recorded when the client records replies, and turned into a [`Response`] or
//! the [`Error`] for its status.

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Client;
use super::wire::{append_query, decode, reply_microversion, request_id, sensitive_marked};
use crate::auth::{Auth, RequestToken};
use crate::body::{ReadContext, read_limited};
use crate::error::{ApiError, DecodeError, Error, TransportError};
use crate::operation::Operation;
use crate::path::render_path;
use crate::response::Response;

// A `HeaderName` constant: a `&str` name would be parsed on every request.
const TOKEN_HEADER: HeaderName = HeaderName::from_static(Auth::TOKEN_HEADER);

impl Client {
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
        let asked = microversion
            .as_ref()
            .and_then(|(_, value)| value.to_str().ok())
            .map(str::to_owned);
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
            if let Some(recorder) = &self.inner.recorder {
                let reply = crate::record::Reply {
                    operation: op,
                    asked: asked.as_deref(),
                    answered: microversion,
                    status,
                    body: &bytes,
                };
                recorder.record(reply, redact);
            }
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
